"""Add or remove articles in a dataset, whatever store holds it, all or nothing.

Extraction happens here; the store (:mod:`facmap.stores`: a GeoJSON file, a GeoPackage or
PostGIS) merges and writes. Two page sessions, or a page and a CLI, may add articles to the
same store at once: each store makes writers take turns (a file lock or a transaction), so
both changes land, and a writer killed at any moment leaves the old or the new dataset. The
article copies kept beside a file dataset are written inside the store's write and removed
again if it fails.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .article import slugify
from .dataset import write_text_atomic
from .errors import DatasetError
from .extract import Extractor
from .pipeline import collection_from_articles
from .stores import is_url, open_store
from .stores.geojson import locked
from .types import Article

__all__ = [
    "AddResult",
    "add_article",
    "add_articles",
    "add_collection",
    "locked",
    "remove_article_from_file",
    "store_article",
]


@dataclass(frozen=True)
class AddResult:
    """What adding an article changed."""

    article_id: str
    new_features: tuple[str, ...]
    updated_features: tuple[str, ...]
    unplaced: int
    total_features: int
    already_present: bool
    #: facilities, mentions and unplaced phrases past the per-article limits, not kept
    #: (:func:`facmap.pipeline.keep_within_limits`); empty when everything was kept
    not_kept: Mapping[str, int] = field(default_factory=dict)
    #: the name of each facility in ``new_features`` and ``updated_features``, by id, so that
    #: messages can name them as a person would
    names: Mapping[str, str] = field(default_factory=dict)
    #: the phrases of the article that named a facility facmap could not place, in text order
    unplaced_phrases: tuple[str, ...] = ()


def store_article(article: Article, folder: Path) -> Path:
    """Save the article's text and metadata so the dataset can be rebuilt from the files.

    The text goes to ``<folder>/<id>.txt`` unchanged (mention offsets index it) with a
    ``.meta.json`` sidecar. An article already stored under that id is left as it is.

    Raises
    ------
    DatasetError
        If the folder cannot be created or written (it is a file, read-only, ...); the
        files this call had written are removed again.
    """
    texts, _ = _store_new([article], folder)
    return texts[0]


def _store_new(articles: Sequence[Article], folder: Path) -> tuple[list[Path], Callable[[], None]]:
    """Store the articles not yet in ``folder``; return their text paths and an undo."""
    made_dirs = [d for d in (folder, *folder.parents) if not d.exists()][::-1]
    written: list[Path] = []

    def undo() -> None:
        for f in written:
            f.unlink(missing_ok=True)
        for d in reversed(made_dirs):
            try:
                d.rmdir()
            except OSError:
                break  # not empty (another writer's file) or already gone: leave it

    paths = []
    try:
        if folder.exists() and not folder.is_dir():
            msg = (
                f"Expected a folder for the article copies, but {str(folder)!r} is a file. "
                "Pass --articles-dir with a folder, or --no-store; nothing was changed."
            )
            raise DatasetError(msg)
        folder.mkdir(parents=True, exist_ok=True)
        for article in articles:
            stem = slugify(article.meta.id)
            txt, meta = folder / f"{stem}.txt", folder / f"{stem}.meta.json"
            paths.append(txt)
            if txt.exists():
                continue
            info = {
                k: v
                for k, v in (
                    ("id", article.meta.id),
                    ("outlet", article.meta.outlet),
                    ("language", article.meta.language),
                    ("title", article.meta.title),
                    ("date", article.meta.date),
                    ("url", article.meta.url),
                )
                if v
            }
            written.append(meta)
            write_text_atomic(meta, json.dumps(info, ensure_ascii=False, indent=2) + "\n")
            written.append(txt)  # the text last: its presence means "stored"
            write_text_atomic(txt, article.text)
    except OSError as exc:
        undo()
        msg = (
            f"Cannot keep a copy of the article in {str(folder)!r}: {exc.strerror}. Pass "
            "--articles-dir with a writable folder, or --no-store; nothing was changed."
        )
        raise DatasetError(msg) from None
    except BaseException:
        undo()
        raise
    return paths, undo


def add_article(
    article: Article,
    dataset: str | Path,
    *,
    extractor: Extractor | None = None,
    articles_dir: str | Path | None = None,
) -> AddResult:
    """Extract an article and merge it into the dataset file (created if missing).

    Parameters
    ----------
    article
        From :func:`facmap.intake.new_article`, :func:`facmap.article.read_article`, ...
    dataset
        The store to update (see :func:`facmap.stores.open_store`), created if missing.
    articles_dir
        Where to keep a copy of the article's text (default: ``articles/`` beside a file
        dataset; none for a database unless given), so ``facmap extract`` can rebuild the
        dataset; pass "" to keep none.
    """
    return add_articles([article], dataset, extractor=extractor, articles_dir=articles_dir)[0]


def add_articles(
    articles: Sequence[Article],
    dataset: str | Path,
    *,
    extractor: Extractor | None = None,
    articles_dir: str | Path | None = None,
) -> list[AddResult]:
    """Add several articles in one locked update: extract all, merge once, write once.

    A stream of articles is added this way so that the dataset is read and written once per
    batch, not once per article.
    """
    given = list(articles)
    articles = list({a.meta.id: a for a in given}.values())  # the same article twice: once
    combined = collection_from_articles(articles, extractor or Extractor())
    results = add_collection(combined, articles, dataset, articles_dir=articles_dir)
    by_id = {r.article_id: r for r in results}
    return [by_id[a.meta.id] for a in given]


def add_collection(
    combined: dict[str, Any],
    articles: Sequence[Article],
    dataset: str | Path,
    *,
    articles_dir: str | Path | None = None,
) -> list[AddResult]:
    """Merge a collection already extracted from ``articles`` in one write, on any store.

    The second half of :func:`add_articles`, for extraction done elsewhere (Dask workers,
    :mod:`facmap.ingest`): the store merges and writes once (see
    :meth:`facmap.stores.Store.add_collections`), the article copies kept or undone with it
    (all or nothing). ``articles`` must have distinct ids; only their text (for the copies)
    and metadata are used. Returns one result per article, in the order given.
    """
    store = open_store(dataset)
    stage = None
    folder = _articles_folder(dataset, articles_dir)
    if folder is not None:

        def stage() -> Callable[[], None]:
            return _store_new(articles, folder)[1]

    report = store.add_collections([combined], stage=stage)
    per_article: dict[str, set[str]] = {a.meta.id: set() for a in articles}
    for f in combined["features"]:
        for m in f["properties"]["mentions"]:
            per_article[m["article"]].add(f["properties"]["id"])
    unplaced: dict[str, int] = {}
    phrases: dict[str, dict[str, None]] = {}
    for m in sorted(combined["facmap"].get("unplaced", []), key=lambda m: m["start"]):
        unplaced[m["article"]] = unplaced.get(m["article"], 0) + 1
        phrases.setdefault(m["article"], {})[" ".join(m["surface"].split())] = None
    names = {f["properties"]["id"]: f["properties"]["name"] for f in combined["features"]}
    capped = {a["id"]: a["not_kept"] for a in combined["facmap"]["articles"] if "not_kept" in a}
    results: dict[str, AddResult] = {}
    for a in articles:
        ids = sorted(per_article[a.meta.id])
        results[a.meta.id] = AddResult(
            article_id=a.meta.id,
            new_features=tuple(i for i in ids if i not in report.known_features),
            updated_features=tuple(i for i in ids if i in report.known_features),
            unplaced=unplaced.get(a.meta.id, 0),
            total_features=report.total_features,
            already_present=a.meta.id in report.known_articles,
            not_kept=capped.get(a.meta.id, {}),
            names={i: names[i] for i in ids},
            unplaced_phrases=tuple(phrases.get(a.meta.id, {})),
        )
    return [results[a.meta.id] for a in articles]


def _articles_folder(dataset: str | Path, articles_dir: str | Path | None) -> Path | None:
    """Where the article copies go: the folder given, ``articles/`` beside a file, or none."""
    if articles_dir == "":
        return None
    if articles_dir:
        return Path(articles_dir)
    if is_url(dataset):
        return None  # a database has no "beside"; pass --articles-dir to keep copies
    return Path(dataset).parent / "articles"


def remove_article_from_file(article_id: str, dataset: str | Path) -> dict[str, Any]:
    """Remove an article's mentions from a dataset; facilities left with none disappear.

    Returns the collection left (read back from the store).

    Raises
    ------
    DatasetError
        If the dataset has no article with that id.
    """
    store = open_store(dataset)
    store.remove_article(article_id)
    return store.read()
