"""Change a dataset on disk safely: add or remove articles under a lock, with a backup.

Two page sessions (or a page and a CLI) may add articles to the same file at once. Each change
takes an exclusive lock, re-reads the file under it, merges, keeps the previous version as
``<file>.bak`` and replaces the file atomically, so both changes land and a writer killed at
any moment leaves either the old or the new dataset, never a truncated one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from .article import slugify
from .dataset import (
    empty_collection,
    load_geojson,
    merge,
    real_path,
    remove_article,
    write_geojson,
    write_text_atomic,
)
from .errors import DatasetError
from .extract import Extractor
from .pipeline import collection_from_articles
from .types import Article

__all__ = [
    "AddResult",
    "add_article",
    "add_articles",
    "locked",
    "remove_article_from_file",
    "store_article",
]

LOCK_TIMEOUT_S = 60.0


@dataclass(frozen=True)
class AddResult:
    """What adding an article changed."""

    article_id: str
    new_features: tuple[str, ...]
    updated_features: tuple[str, ...]
    unplaced: int
    total_features: int
    already_present: bool


def _lock(path: Path) -> FileLock:
    # one lock per real file: writers through a symbolic link and through the real path
    # must exclude each other
    return FileLock(str(real_path(path)) + ".lock", timeout=LOCK_TIMEOUT_S)


def _load_or_empty(path: Path) -> dict[str, Any]:
    return load_geojson(path) if path.exists() else empty_collection()


@contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold the dataset's writer lock (the one ``add``, ``remove`` and ``extract -o`` take).

    Raises
    ------
    DatasetError
        If another writer keeps the lock past :data:`LOCK_TIMEOUT_S`, or the lock or the
        dataset cannot be written; one line, saying how to find the other writer.
    """
    real = real_path(path)
    if not real.parent.is_dir():
        # filelock would create the missing folders; a mistyped path must not
        msg = (
            f"Expected an existing folder for {str(real)!r}, but {str(real.parent)!r} does not "
            "exist. Create it first."
        )
        raise DatasetError(msg)
    try:
        # fail at once where the lock cannot be created (filelock would retry until timeout)
        os.close(os.open(str(real) + ".lock", os.O_RDWR | os.O_CREAT, 0o644))
        with _lock(Path(path)):
            yield
    except Timeout:  # a subclass of OSError: before it
        lock = str(real) + ".lock"
        msg = (
            f"Expected to lock {str(path)!r} within {LOCK_TIMEOUT_S:g} s, but another writer "
            f"holds it. Find it (`fuser -v {lock}` or `lsof {lock}` lists it), let it finish "
            "or stop it, then try again; keep the .lock file, it is how writers take turns."
        )
        raise DatasetError(msg) from None
    except OSError as exc:
        msg = (
            f"Cannot update {str(path)!r}: {exc.strerror} ({exc.filename}). The dataset's folder "
            "must be writable (facmap keeps a .lock and a .bak file beside it)."
        )
        raise DatasetError(msg) from None


def _locked_update(
    path: Path,
    change: Callable[[dict[str, Any]], dict[str, Any]],
    stage: Callable[[], Callable[[], None]] | None = None,
) -> dict[str, Any]:
    """Under the lock: read, change, run ``stage`` (which returns its undo), write.

    If the dataset cannot be written, what ``stage`` did is undone: all or nothing.
    """
    with locked(path):
        before = _load_or_empty(path)
        after = change(before)
        undo = stage() if stage is not None else None
        try:
            if after != before:
                write_geojson(after, path, backup=True)
        except BaseException:
            if undo is not None:
                undo()
            raise
        return after


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
        The GeoJSON file to update.
    articles_dir
        Where to keep a copy of the article's text (default: ``articles/`` beside the dataset),
        so ``facmap extract`` can rebuild the dataset; pass "" to keep none.
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
    path = Path(dataset)
    given = list(articles)
    articles = list({a.meta.id: a for a in given}.values())  # the same article twice: once
    combined = collection_from_articles(articles, extractor or Extractor())
    before_ids: set[str] = set()
    before_articles: set[str] = set()

    def change(before: dict[str, Any]) -> dict[str, Any]:
        nonlocal before_ids, before_articles
        before_ids = {f["properties"]["id"] for f in before["features"]}
        before_articles = {a["id"] for a in before.get("facmap", {}).get("articles", [])}
        return merge(before, combined)

    stage = None
    if articles_dir != "":
        folder = Path(articles_dir) if articles_dir else path.parent / "articles"

        def stage() -> Callable[[], None]:
            return _store_new(articles, folder)[1]

    after = _locked_update(path, change, stage)
    per_article: dict[str, set[str]] = {a.meta.id: set() for a in articles}
    for f in combined["features"]:
        for m in f["properties"]["mentions"]:
            per_article[m["article"]].add(f["properties"]["id"])
    unplaced: dict[str, int] = {}
    for m in combined["facmap"].get("unplaced", []):
        unplaced[m["article"]] = unplaced.get(m["article"], 0) + 1
    results: dict[str, AddResult] = {}
    for a in articles:
        ids = sorted(per_article[a.meta.id])
        results[a.meta.id] = AddResult(
            article_id=a.meta.id,
            new_features=tuple(i for i in ids if i not in before_ids),
            updated_features=tuple(i for i in ids if i in before_ids),
            unplaced=unplaced.get(a.meta.id, 0),
            total_features=len(after["features"]),
            already_present=a.meta.id in before_articles,
        )
    return [results[a.meta.id] for a in given]


def remove_article_from_file(article_id: str, dataset: str | Path) -> dict[str, Any]:
    """Remove an article's mentions from a dataset file; facilities left with none disappear.

    Raises
    ------
    DatasetError
        If the dataset has no article with that id.
    """
    path = Path(dataset)

    def change(before: dict[str, Any]) -> dict[str, Any]:
        ids = [a["id"] for a in before.get("facmap", {}).get("articles", [])]
        if article_id not in ids:
            msg = (
                f"Expected an article id from {str(path)!r}, got {article_id!r}. "
                f"Known ids: {', '.join(ids) or 'none'}."
            )
            raise DatasetError(msg)
        return remove_article(before, article_id)

    return _locked_update(path, change)
