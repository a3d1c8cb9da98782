"""Article files in, facilities collection out: the one path shared by CLI, page and notebook."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from . import limits
from .article import read_article
from .dataset import build_collection
from .extract import Extractor
from .gazetteer import Gazetteer
from .types import Article, Mention

__all__ = [
    "collection_from_articles",
    "collection_from_extracted",
    "collection_from_files",
    "keep_within_limits",
    "languages_without_lexicon",
    "not_kept_note",
    "not_kept_notes",
    "uncovered_language",
]


def _language(article: Article) -> str:
    if article.meta.language:
        return article.meta.language.lower()
    from .intake import detect_language

    return detect_language(article.text[: article.body_end])


def uncovered_language(article: Article, extractor: Extractor) -> str:
    """Return the article's language when the lexicon has no cue words for it, else ``""``."""
    lang = _language(article)
    if lang and lang.split("-")[0] not in extractor.lex.languages:
        return lang
    return ""


def collection_from_extracted(
    extracted: Iterable[tuple[Article, Sequence[Mention], str]], gazetteer: Gazetteer
) -> dict[str, Any]:
    """Merge articles already extracted: ``(article, its mentions, uncovered language)``.

    The second half of :func:`collection_from_articles`, apart so that the extraction can run
    elsewhere (a Dask worker) and only this cheap step where the results meet. Each article
    keeps what :func:`keep_within_limits` allows.
    """
    mentions: list[Mention] = []
    metas = []
    uncovered: dict[str, str] = {}
    capped: dict[str, dict[str, int]] = {}
    for a, found, lang in extracted:
        kept, not_kept = keep_within_limits(found)
        mentions.extend(kept)
        if any(not_kept.values()):
            capped[a.meta.id] = not_kept
        metas.append(a.meta)
        if lang:
            uncovered[a.meta.id] = lang
    fc = build_collection(mentions, metas, gazetteer)
    for art in fc["facmap"]["articles"]:
        if art["id"] in uncovered:
            art.setdefault("language", uncovered[art["id"]])
            art["lexicon"] = False
        if art["id"] in capped:
            art["not_kept"] = capped[art["id"]]
    return fc


def collection_from_articles(
    articles: Iterable[Article], extractor: Extractor | None = None
) -> dict[str, Any]:
    """Extract every article and merge the results: one feature per facility.

    An article in a language the lexicon has no cue words for is still matched by name, and
    never silently: its entry in ``facmap.articles`` says ``"lexicon": false`` with the
    language, for the CLI to warn about and the page to show.
    """
    ex = extractor or Extractor()
    return collection_from_extracted(
        ((a, ex.extract(a), uncovered_language(a, ex)) for a in articles), ex.gaz
    )


def languages_without_lexicon(fc: dict[str, Any]) -> list[tuple[str, str]]:
    """Return ``(article id, language)`` for each article whose language has no cue words."""
    return [
        (a["id"], a.get("language", "?"))
        for a in fc.get("facmap", {}).get("articles", [])
        if a.get("lexicon") is False
    ]


def keep_within_limits(mentions: Sequence[Mention]) -> tuple[list[Mention], dict[str, int]]:
    """Keep what one article may add to a dataset; count the rest.

    A real article names tens of facilities; a pasted list or data dump can name thousands
    and would grow the dataset by tens of MB in one add. Kept, in the order of the text: the
    first :data:`facmap.limits.MAX_FACILITIES_PER_ARTICLE` facilities, up to
    :data:`facmap.limits.MAX_MENTIONS_PER_ARTICLE` of their mentions (the first mention of
    each kept facility always), and the first :data:`facmap.limits.MAX_UNPLACED_PER_ARTICLE`
    unplaced phrases.

    Parameters
    ----------
    mentions
        What the extractor found in one article.

    Returns
    -------
    tuple
        The mentions kept (in their original order) and how many facilities, mentions and
        unplaced phrases were not kept.
    """
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end, i))
    placed = [i for i in order if not mentions[i].facility_id.startswith("unplaced:")]
    unplaced = [i for i in order if mentions[i].facility_id.startswith("unplaced:")]
    first: dict[str, int] = {}
    for i in placed:
        first.setdefault(mentions[i].facility_id, i)
    facilities = set(list(first)[: limits.MAX_FACILITIES_PER_ARTICLE])
    keep = {first[f] for f in facilities}
    room = max(limits.MAX_MENTIONS_PER_ARTICLE - len(keep), 0)
    for i in placed:
        if room <= 0:
            break
        if i not in keep and mentions[i].facility_id in facilities:
            keep.add(i)
            room -= 1
    keep.update(unplaced[: limits.MAX_UNPLACED_PER_ARTICLE])
    not_kept = {
        "facilities": len(first) - len(facilities),
        "mentions": sum(i not in keep for i in placed),
        "unplaced": max(len(unplaced) - limits.MAX_UNPLACED_PER_ARTICLE, 0),
    }
    return [m for i, m in enumerate(mentions) if i in keep], not_kept


def not_kept_notes(fc: dict[str, Any]) -> list[str]:
    """Return one line per article whose facilities or phrases passed the per-article limits.

    The CLI prints them and the page shows them, so a capped article is never silent.
    """
    return [
        not_kept_note(a["id"], a["not_kept"])
        for a in fc.get("facmap", {}).get("articles", [])
        if any(a.get("not_kept", {}).values())
    ]


def not_kept_note(article_id: str, not_kept: Mapping[str, int]) -> str:
    """Say, in one line, what an article lost to the per-article limits and why."""
    words = {"facilities": "facilities", "mentions": "mentions", "unplaced": "unplaced phrases"}
    parts = [f"{not_kept[k]:,} {w}" for k, w in words.items() if not_kept.get(k)]
    return (
        f"{article_id} names more than an article usually does; not kept: {', '.join(parts)} "
        f"(at most {limits.MAX_FACILITIES_PER_ARTICLE} facilities, "
        f"{limits.MAX_MENTIONS_PER_ARTICLE:,} mentions and {limits.MAX_UNPLACED_PER_ARTICLE} "
        "unplaced phrases are kept per article, the first in the text). Split a list or a "
        "digest into single articles."
    )


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
