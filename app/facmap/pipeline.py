"""Article files in, facilities collection out: the one path shared by CLI, page and notebook."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .article import read_article
from .dataset import build_collection
from .extract import Extractor
from .types import Article

__all__ = ["collection_from_articles", "collection_from_files"]


def collection_from_articles(
    articles: Iterable[Article], extractor: Extractor | None = None
) -> dict[str, Any]:
    """Extract every article and merge the results: one feature per facility."""
    ex = extractor or Extractor()
    mentions = []
    metas = []
    for a in articles:
        mentions.extend(ex.extract(a))
        metas.append(a.meta)
    return build_collection(mentions, metas, ex.gaz)


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
