"""Article files in, facilities collection out: the one path shared by CLI, page and notebook."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .article import read_article
from .dataset import build_collection
from .extract import Extractor
from .types import Article

__all__ = ["collection_from_articles", "collection_from_files", "languages_without_lexicon"]


def _language(article: Article) -> str:
    if article.meta.language:
        return article.meta.language.lower()
    from .intake import detect_language

    return detect_language(article.text[: article.body_end])


def collection_from_articles(
    articles: Iterable[Article], extractor: Extractor | None = None
) -> dict[str, Any]:
    """Extract every article and merge the results: one feature per facility.

    An article in a language the lexicon has no cue words for is still matched by name, and
    never silently: its entry in ``facmap.articles`` says ``"lexicon": false`` with the
    language, for the CLI to warn about and the page to show.
    """
    ex = extractor or Extractor()
    mentions = []
    metas = []
    uncovered: dict[str, str] = {}
    for a in articles:
        mentions.extend(ex.extract(a))
        metas.append(a.meta)
        lang = _language(a)
        if lang and lang.split("-")[0] not in ex.lex.languages:
            uncovered[a.meta.id] = lang
    fc = build_collection(mentions, metas, ex.gaz)
    for art in fc["facmap"]["articles"]:
        if art["id"] in uncovered:
            art.setdefault("language", uncovered[art["id"]])
            art["lexicon"] = False
    return fc


def languages_without_lexicon(fc: dict[str, Any]) -> list[tuple[str, str]]:
    """Return ``(article id, language)`` for each article whose language has no cue words."""
    return [
        (a["id"], a.get("language", "?"))
        for a in fc.get("facmap", {}).get("articles", [])
        if a.get("lexicon") is False
    ]


def collection_from_files(
    paths: Sequence[str | Path],
    extractor: Extractor | None = None,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = lambda it: it,
) -> dict[str, Any]:
    """Read, extract and merge article files (all are read first, so a bad file fails early).

    Raises
    ------
    ArticleError
        On the first unreadable article; nothing is extracted.
    DatasetError
        If two files carry the same article id.
    """
    from .errors import DatasetError

    articles = [read_article(p) for p in paths]
    seen: dict[str, str] = {}
    for a in articles:
        if a.meta.id in seen and seen[a.meta.id] != a.path:
            msg = (
                f"Two articles share the id {a.meta.id!r} ({seen[a.meta.id]} and {a.path}); "
                "give one a different id in its .meta.json."
            )
            raise DatasetError(msg)
        seen[a.meta.id] = a.path
    unique = {a.meta.id: a for a in articles}
    return collection_from_articles(progress(unique.values()), extractor)
