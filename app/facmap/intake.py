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

from . import limits
from .article import article_from_text, read_at_most, slugify
from .errors import ArticleError
from .phrasing import shorten
from .types import Article

__all__ = [
    "MAX_UPLOAD_BYTES",
    "article_from_file",
    "article_from_html",
    "article_from_upload",
    "detect_language",
    "new_article",
]

#: see :data:`facmap.limits.MAX_UPLOAD_BYTES` (kept here for callers that import it)
MAX_UPLOAD_BYTES = limits.MAX_UPLOAD_BYTES

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
        If the text is empty, binary or larger than :data:`facmap.limits.MAX_ARTICLE_BYTES`.
    """
    limit = limits.MAX_ARTICLE_BYTES
    # a character is one to four UTF-8 bytes: a short text is judged without encoding it
    size = len(text) if 4 * len(text) <= limit else len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        msg = (
            f"Expected an article of at most {limit:,} bytes of text, but the text has "
            f"{size:,}. Paste a single article."
        )
        raise ArticleError(msg)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not title.strip():
        first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
        title = shorten(first, 120)  # at a word: never "...a launch at the Jiuq"
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
    limit = limits.MAX_UPLOAD_BYTES
    if len(data) > limit:
        msg = (
            f"Expected a news page or article of at most {limit:,} bytes, but {name!r} has "
            f"{len(data):,}. Save only the article's page, or paste its text."
        )
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


def article_from_file(path: str | Path, **meta: str) -> Article:
    """Read a ``.txt`` article or a saved ``.html`` page from disk (``facmap add``).

    The file is read at most :data:`facmap.limits.MAX_UPLOAD_BYTES` (plus one byte): a huge
    file is refused before it is read, never after.

    Raises
    ------
    ArticleError
        If the file is too large, unreadable, empty, binary, not UTF-8 or holds no article.
    """
    p = Path(path)
    data = read_at_most(
        p,
        limits.MAX_UPLOAD_BYTES,
        what="a news page or article",
        fix="Save only the article's page, or split the file into single articles.",
    )
    return article_from_upload(p.name, data, **meta)
