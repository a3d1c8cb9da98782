"""Bring a new article in: plain text or a saved HTML page, with metadata and language.

HTML pages are reduced to the article's main text with trafilatura (a maintained extractor
that drops navigation, ads and comment threads) rather than hand-written tag stripping. The
language is detected when not given, so an analyst can paste an Indonesian or English article
without filling in a form.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .article import MAX_ARTICLE_BYTES, article_from_text, slugify
from .errors import ArticleError
from .types import Article

__all__ = ["article_from_html", "article_from_upload", "detect_language", "new_article"]

#: fewer words than this, and what trafilatura found is a menu or caption, not an article
MIN_WORDS = 5
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<meta|<\?xml)", re.IGNORECASE)


def detect_language(text: str) -> str:
    """Return an ISO 639-1 code ("id", "en", "ru", ...) or "" when the text is too short.

    langdetect is seeded so the answer is the same on every run.
    """
    if len(text.strip()) < 20:
        return ""
    from langdetect import DetectorFactory, LangDetectException, detect

    DetectorFactory.seed = 0
    try:
        return str(detect(text))
    except LangDetectException:
        return ""


def _article_id(text: str) -> str:
    """Derive an article id from its content alone.

    The same text gets the same id whatever title, line endings or blank space it came with,
    so adding it twice changes nothing.
    """
    canonical = " ".join(text.split())
    digest = hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:10]
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    return f"{slugify(first)[:60]}-{digest}"


def new_article(
    text: str,
    *,
    title: str = "",
    date: str = "",
    url: str = "",
    outlet: str = "",
    language: str = "",
    article_id: str = "",
) -> Article:
    """Build an article from pasted text; the id derives from title and content.

    Raises
    ------
    ArticleError
        If the text is empty, binary or larger than :data:`MAX_ARTICLE_BYTES`.
    """
    if len(text.encode("utf-8", "surrogatepass")) > MAX_ARTICLE_BYTES:
        msg = (
            f"Expected an article of at most {MAX_ARTICLE_BYTES:,} bytes, but the text is larger. "
            "Paste a single article."
        )
        raise ArticleError(msg)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not title.strip():
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        title = first[:120]
    return article_from_text(
        text,
        article_id=article_id or _article_id(text),
        outlet=outlet,
        title=title,
        date=date,
        url=url,
        language=language or detect_language(text),
    )


def article_from_html(html: str | bytes, **meta: str) -> Article:
    """Extract the main text and metadata of a saved news page, then build the article.

    Metadata given by the caller wins over what the page says.

    Raises
    ------
    ArticleError
        If no article text can be found in the page.
    """
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or len(text.split()) < MIN_WORDS:  # a menu or a caption is no article
        msg = (
            "Expected a news page with an article in it, but no main text was found in the HTML. "
            "Save the page again (complete page) or paste the article's text instead."
        )
        raise ArticleError(msg)
    found = trafilatura.extract_metadata(html)
    page = {
        "title": getattr(found, "title", "") or "",
        "date": getattr(found, "date", "") or "",
        "url": getattr(found, "url", "") or "",
        "outlet": getattr(found, "sitename", "") or "",
    }
    merged = {k: (meta.get(k) or page.get(k) or "") for k in ("title", "date", "url", "outlet")}
    return new_article(text, language=meta.get("language", ""), **merged)


def article_from_upload(name: str, data: bytes, **meta: str) -> Article:
    """Build an article from an uploaded or given file: ``.txt`` or a saved ``.html`` page.

    Raises
    ------
    ArticleError
        If the file is empty, too large, binary, or not UTF-8.
    """
    if len(data) > MAX_ARTICLE_BYTES * 5:  # pages carry markup around the text
        msg = f"Expected a news page or article of a few MB at most, but {name!r} is larger."
        raise ArticleError(msg)
    if not data.strip():
        msg = f"Expected article text, but {name!r} is empty."
        raise ArticleError(msg)
    is_html = Path(name).suffix.lower() in {".html", ".htm"} or bool(_HTML_START.match(data[:200]))
    if is_html:
        return article_from_html(data, **meta)
    if b"\x00" in data:
        msg = f"Expected plain text, but {name!r} contains NUL bytes (a binary file?)."
        raise ArticleError(msg)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        msg = f"Expected UTF-8 text, but {name!r} is not valid UTF-8. Re-save it as UTF-8."
        raise ArticleError(msg) from None
    if not meta.get("title"):
        meta["title"] = ""
    return new_article(text, **meta)
