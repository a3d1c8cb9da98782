"""Read an article: decode it safely, find where the body ends, split it into sentences.

An article is a UTF-8 text file. Its metadata (outlet, title, date, url, language) lives in a
sidecar ``<stem>.meta.json`` so that the text file stays byte-for-byte what was published and
mention offsets index it directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from . import _json, limits
from .errors import ArticleError
from .types import Article, ArticleMeta

__all__ = [
    "MAX_ARTICLE_BYTES",
    "article_from_text",
    "find_body_end",
    "read_article",
    "read_at_most",
    "sentences",
    "slugify",
]

#: see :data:`facmap.limits.MAX_ARTICLE_BYTES` (kept here for callers that import it)
MAX_ARTICLE_BYTES = limits.MAX_ARTICLE_BYTES

#: teasers are one-line headlines; a longer paragraph that trails off in "..." is body text
MAX_TEASER_CHARS = 240
_ELLIPSIS_END = re.compile(r"(…|\.\.\.)\s*$")
#: "Read more:" and its kin in the languages facmap reads: a line that starts with one of these
#: is a teaser ("Baca juga: ..."), and one that is nothing else heads a block of teaser lines
_RELATED_WORDS = (
    r"baca juga|simak juga|lihat juga|berita terkait|artikel terkait|read also|also read"
    r"|read more|more on this|related(?: articles| stories| news)?|see also|more stories"
    r"|читайте также|смотрите также|читайте по теме|по теме|также читайте"
    r"|lire aussi|à lire aussi|a lire aussi|voir aussi|sur le même sujet|à lire également"
    r"|leer también|lea también|ver también|le puede interesar|noticias relacionadas"
    r"|lesen sie auch|lesen sie mehr|mehr zum thema|siehe auch|auch interessant"
    r"|leia também|leia mais|veja também|notícias relacionadas"
    r"|leggi anche|vedi anche|potrebbe interessarti|articoli correlati"
)
_RELATED_PREFIX = re.compile(rf"^\s*({_RELATED_WORDS})(?!\w)\s*:?", re.IGNORECASE)
_RELATED_HEADER = re.compile(rf"^\s*({_RELATED_WORDS})\s*:?\s*$", re.IGNORECASE)
#: a header heads a teaser block only when so few short lines follow it to the end
MAX_TEASER_LINES = 12


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug (``"Kapustin Yar"`` -> ``"kapustin-yar"``)."""
    from unidecode import unidecode

    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-")
    return slug or "article"


def find_body_end(text: str) -> int:
    """Return the offset where the article body ends and trailing teasers begin.

    News pages end with one-line teasers of other articles: truncated headlines that end in an
    ellipsis, or "Baca juga:"/"Read also:" lines. They are not part of the article and must never
    be mapped. A line that is only such a header ("Read more:", "Читайте также:", "Lire
    aussi :") with a few short lines after it cuts there, whatever those lines end with. Then,
    working from the last line upwards, every teaser line (and blank line) is cut; the first
    line that is neither ends the teaser block.

    Parameters
    ----------
    text
        The whole article file as decoded.

    Returns
    -------
    int
        Offset into ``text``; ``text[:offset]`` is the body (trailing whitespace excluded).
    """
    lines = text.splitlines(keepends=True)
    header = _teaser_header(lines)
    if header is not None:
        lines = lines[:header]
        text = "".join(lines)
    end = len(text)
    for line in reversed(lines):
        stripped = line.strip()
        teaser = (
            len(stripped) <= MAX_TEASER_CHARS and bool(_ELLIPSIS_END.search(stripped))
        ) or bool(_RELATED_PREFIX.match(stripped))
        if stripped and not teaser:
            break
        end -= len(line)
    # never cut the whole text: an article that is a single truncated line is still an article
    if end == 0:
        end = len(text)
    return len(text[:end].rstrip())


def _teaser_header(lines: list[str]) -> int | None:
    """Index of a "Read more:" line that heads the trailing teasers, or None.

    Outlets print the headlines of other articles under such a line, one per line, without an
    ellipsis; they name other places ("Pearl Harbor Naval Shipyard picks contractor"), so they
    must not be mapped. The header counts only when every line after it is short and there are
    few of them: a body paragraph after a "Related:" aside keeps the text whole.
    """
    tail = 0
    for i in range(len(lines) - 1, -1, -1):
        stripped = lines[i].strip()
        if not stripped:
            continue
        if _RELATED_HEADER.match(stripped):
            return i if i > 0 else None
        tail += 1
        if tail > MAX_TEASER_LINES or len(stripped) > MAX_TEASER_CHARS:
            return None
    return None


def read_at_most(
    path: Path,
    limit: int,
    *,
    what: str,
    fix: str = "Split it into single articles, or save only the article's text.",
) -> bytes:
    """Read a file that must hold at most ``limit`` bytes, never reading more than that.

    The size is checked before reading (a 4 GB file is refused unread), and the read itself
    stops one byte past the limit: a file that grows after the check, or whose size the
    system misreports, still costs at most ``limit + 1`` bytes of memory. ``what`` names the
    expected content and ``fix`` says how to get under the limit, in the one-line message.

    Raises
    ------
    ArticleError
        If the file is larger than ``limit`` or cannot be read; one line.
    """

    def too_large(size: str) -> ArticleError:
        msg = f"Expected {what} of at most {limit:,} bytes, but {str(path)!r} has {size}. {fix}"
        return ArticleError(msg)

    try:
        size = path.stat().st_size
        if size > limit:
            raise too_large(f"{size:,}")
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        msg = f"Cannot read {str(path)!r}: {exc.strerror}. Check its permissions."
        raise ArticleError(msg) from None
    if len(data) > limit:
        raise too_large("more than that")
    return data


def _read_meta(path: Path) -> dict[str, str]:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    data = read_at_most(
        meta_path,
        limits.MAX_SIDECAR_BYTES,
        what="article metadata",
        fix="Keep only the id, outlet, title, date, url and language in it.",
    )
    try:
        raw = _json.loads(data.decode("utf-8"))
    except ValueError as exc:  # not UTF-8, not JSON, NaN, nested too deep
        msg = (
            f"Expected {meta_path} to be a JSON object of article metadata, but it does not "
            f"parse ({exc}). Fix the JSON or delete the file to use defaults."
        )
        raise ArticleError(msg) from None
    if not isinstance(raw, dict):
        msg = f"Expected {meta_path} to hold a JSON object, instead got {type(raw).__name__}."
        raise ArticleError(msg)
    return {str(k): str(v) for k, v in raw.items() if v is not None}


def article_from_text(
    text: str,
    *,
    article_id: str,
    outlet: str = "",
    title: str = "",
    date: str = "",
    url: str = "",
    language: str = "",
    path: str = "",
) -> Article:
    """Build an :class:`Article` from text already in memory (pasted text, an upload).

    Raises
    ------
    ArticleError
        If the text is empty or only whitespace.
    """
    if not text.strip():
        msg = (
            f"Expected article text, but {path or article_id!r} is empty. "
            "Paste or save the article's text and try again."
        )
        raise ArticleError(msg)
    if "\x00" in text:
        msg = (
            f"Expected plain text, but {path or article_id!r} contains NUL bytes (a binary file?). "
            "Save the article as UTF-8 text (.txt) first."
        )
        raise ArticleError(msg)
    meta = ArticleMeta(
        id=article_id, outlet=outlet, title=title, date=date, url=url, language=language
    )
    return Article(meta=meta, text=text, body_end=find_body_end(text), path=path)


def read_article(path: str | Path) -> Article:
    """Read an article text file and its optional ``.meta.json`` sidecar.

    Parameters
    ----------
    path
        A UTF-8 ``.txt`` file of at most :data:`facmap.limits.MAX_ARTICLE_BYTES`.

    Raises
    ------
    ArticleError
        If the file is missing, a directory, empty, too large, binary or not UTF-8. The message
        says what was expected and how to fix it.
    """
    p = Path(path)
    if not p.exists():
        msg = f"Expected an article file, but {str(p)!r} does not exist. Check the path."
        raise ArticleError(msg)
    if p.is_dir():
        msg = f"Expected an article file, but {str(p)!r} is a directory. Pass the .txt files in it."
        raise ArticleError(msg)
    if not p.is_file():
        msg = f"Expected a regular article file, but {str(p)!r} is not one (a device or pipe?)."
        raise ArticleError(msg)
    if p.name.endswith(".meta.json"):
        msg = (
            f"Expected an article text, but {str(p)!r} is the metadata sidecar of one. "
            "Pass the .txt file; its .meta.json is read with it."
        )
        raise ArticleError(msg)
    data = read_at_most(p, limits.MAX_ARTICLE_BYTES, what="an article")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = (
            f"Expected UTF-8 text, but {str(p)!r} is not valid UTF-8 (byte {exc.start}). "
            "Re-save it as UTF-8 text, e.g. `iconv -f latin1 -t utf-8`."
        )
        raise ArticleError(msg) from None
    meta = _read_meta(p)
    return article_from_text(
        text,
        article_id=meta.get("id") or slugify(p.stem),
        outlet=meta.get("outlet", ""),
        title=meta.get("title", ""),
        date=meta.get("date", ""),
        url=meta.get("url", ""),
        language=meta.get("language", ""),
        path=str(p),
    )


# A sentence ends at . ! ? or … (optionally followed by closing quotes/brackets) when what
# follows is whitespace and then an uppercase letter, a digit or an opening quote. Newlines
# always end a sentence: news bodies put one paragraph per line.
_SENT_END = re.compile(r"""[.!?…]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[A-ZÀ-ÖØ-ÞА-ЯЁ0-9])""")
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Col|Lt|Maj|Capt|Adm|St|No|Nr|Jl|Kol|Letjen|Mayjen|Brigjen|"
    r"Marsekal|Laksamana|Laksda|Laksma|Marsda|Marsma|Marsdya|Letkol|Jr|Sr|vs|etc|approx|Inc|"
    r"Ltd|Co|Corp|U\.S|U\.K|e\.g|i\.e|"
    # names shortened in Indonesian, Malay and Arabic ("Lanud Abd. Saleh", "Moh. Hatta"),
    # Russian initials and titles ("им. Гагарина", "г. Энгельс", "ген.")
    r"Abd|Moh|Mohd|Muh|Mhd|Hj|Drs|Ir|им|ген|пос|ст)\.|\b[A-ZА-ЯЁ]\.|"
    # German and Turkish ordinals after a lower-case word ("auf die 1. Hauptdüsenjetbasis",
    # "3. Ana Jet Üs"): a number of up to three digits, not a year ending a sentence
    r"\b[a-zäöüß]+\s\d{1,3}\.)$"
)


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` offsets of the sentences of ``text[start:end]``.

    Offsets index ``text``; surrounding whitespace is excluded. Abbreviations such as "Dr." and
    initials do not end a sentence.
    """
    stop = len(text) if end is None else end
    for para in re.finditer(r"[^\n]+", text[start:stop]):
        p0 = start + para.start()
        p1 = start + para.end()
        cur = p0
        for m in _SENT_END.finditer(text, p0, p1):
            # abbreviations are short: look at the few characters before the stop only, so a
            # text full of initials stays linear
            if _ABBREV.search(text[max(cur, m.start() - 16) : m.start() + 1]):
                continue
            yield from _strip_span(text, cur, m.end())
            cur = m.end()
        yield from _strip_span(text, cur, p1)


#: a "sentence" longer than this (a run-on line, a table flattened to text) is cut at a space,
#: so every mention's excerpt stays readable and memory stays bounded
MAX_SENTENCE_CHARS = 1_000


def _strip_span(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    while b - a > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", a + MAX_SENTENCE_CHARS // 2, a + MAX_SENTENCE_CHARS)
        cut = cut if cut > a else a + MAX_SENTENCE_CHARS
        yield from _strip_span(text, a, cut)
        a = cut
        while a < b and text[a].isspace():
            a += 1
    if b > a:
        yield (a, b)
