"""The extractor with the shipped knowledge, built once for every test module that reads it.

Test modules import :func:`mentions_shipped` from here rather than each keeping a copy (the
extractor takes a second to build; one cached copy serves the whole run).
"""

from __future__ import annotations

from functools import cache

from facmap.article import article_from_text
from facmap.extract import Extractor
from facmap.types import Mention


@cache
def shipped_extractor() -> Extractor:
    """Return the extractor over the shipped gazetteer and lexicon (one per test run)."""
    return Extractor()


def mentions_shipped(text: str, lang: str = "en") -> list[Mention]:
    """Return the mentions found in ``text`` (language ``lang``) with the shipped knowledge."""
    art = article_from_text(text, article_id="t", outlet="T", date="2025-01-01", language=lang)
    return shipped_extractor().extract(art)
