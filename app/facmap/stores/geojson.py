"""The GeoJSON file store: the whole collection in one portable file.

Every change takes an exclusive lock beside the file, re-reads the file under it, merges,
keeps the previous version as ``<file>.bak`` and replaces the file atomically (see
:func:`facmap.dataset.write_bytes_atomic`), so writers take turns and a writer killed at any
moment leaves the old or the new file. A change costs a rewrite of the whole file: the store
for a map of a few thousand articles, for sharing as a file and for diffs in git.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from ..dataset import (
    empty_collection,
    load_geojson,
    merge,
    real_path,
    remove_article,
    validate,
    write_geojson,
)
from ..errors import DatasetError
from . import base
from .base import MergeReport, Query, Stage, Summary

__all__ = ["GeoJSONStore", "locked"]


@contextmanager
def locked(path: str | Path) -> Iterator[None]:
    """Hold the dataset's writer lock (the one ``add``, ``remove`` and ``extract -o`` take).

    Raises
    ------
    DatasetError
        If another writer keeps the lock past :data:`facmap.stores.base.LOCK_TIMEOUT_S`, or
        the lock or the dataset cannot be written; one line, saying how to find the other
        writer.
    """
    real = real_path(path)
    if not real.parent.is_dir():
        # filelock would create the missing folders; a mistyped path must not
        msg = (
            f"Expected an existing folder for {str(real)!r}, but {str(real.parent)!r} does not "
            "exist. Create it first."
        )
        raise DatasetError(msg)
    lock = str(real) + ".lock"
    try:
        # fail at once where the lock cannot be created (filelock would retry until timeout)
        os.close(os.open(lock, os.O_RDWR | os.O_CREAT, 0o644))
        # one lock per real file: writers through a symbolic link and through the real
        # path exclude each other
        with FileLock(lock, timeout=base.LOCK_TIMEOUT_S):
            yield
    except Timeout:  # a subclass of OSError: before it
        msg = (
            f"Expected to lock {str(path)!r} within {base.LOCK_TIMEOUT_S:g} s, but another "
            f"writer holds it. Find it (`fuser -v {lock}` or `lsof {lock}` lists it), let it "
            "finish or stop it, then try again; keep the .lock file, it is how writers take "
            "turns."
        )
        raise DatasetError(msg) from None
    except OSError as exc:
        msg = (
            f"Cannot update {str(path)!r}: {exc.strerror} ({exc.filename}). The dataset's folder "
            "must be writable (facmap keeps a .lock and a .bak file beside it)."
        )
        raise DatasetError(msg) from None


class GeoJSONStore:
    """A collection in one GeoJSON file (``.geojson`` or ``.json``)."""

    kind = "geojson"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.location = str(path)

    def __repr__(self) -> str:
        return f"GeoJSONStore({self.location!r})"

    def exists(self) -> bool:
        """Return whether the file exists."""
        return self.path.exists()

    def _load_or_empty(self) -> dict[str, Any]:
        return load_geojson(self.path) if self.path.exists() else empty_collection()

    def read(self) -> dict[str, Any]:
        """Read and validate the whole file (see :func:`facmap.dataset.load_geojson`)."""
        return load_geojson(self.path)

    def query(self, q: Query | None = None) -> dict[str, Any]:
        """Read the file and filter it in memory (a file has no index to push filters into)."""
        return base.select(self.read(), q)

    def summary(self) -> Summary:
        """Summarise the file's collection."""
        return base.summarise(self.read())

    def write(self, fc: dict[str, Any]) -> None:
        """Validate and replace the file under the writers' lock (no backup kept)."""
        base.check_collection(fc)
        with locked(self.path):
            write_geojson(fc, self.path)

    def _update(self, change: Any, stage: Stage | None = None) -> tuple[dict[str, Any], bool]:
        """Under the lock: read, change, run ``stage`` (which returns its undo), write.

        If the file cannot be written, what ``stage`` did is undone: all or nothing.
        """
        with locked(self.path):
            before = self._load_or_empty()
            after = change(before)
            undo = stage() if stage is not None else None
            try:
                if after != before:
                    write_geojson(after, self.path, backup=True)
            except BaseException:
                if undo is not None:
                    undo()
                raise
            return after, after != before

    def add_collections(
        self, collections: Sequence[dict[str, Any]], *, stage: Stage | None = None
    ) -> MergeReport:
        """Merge the collections in order into the file: one locked read and rewrite.

        The incoming collections are validated first (as on every backend): an invalid one
        is refused even where the merge would drop its faults.
        """
        new = base.incoming(collections)
        known: dict[str, frozenset[str]] = {}

        def change(before: dict[str, Any]) -> dict[str, Any]:
            have = {f["properties"]["id"] for f in before["features"]}
            arts = {a["id"] for a in before.get("facmap", {}).get("articles", [])}
            known["features"] = frozenset(
                f["properties"]["id"] for f in new["features"] if f["properties"]["id"] in have
            )
            known["articles"] = frozenset(
                a["id"] for a in new["facmap"]["articles"] if a["id"] in arts
            )
            return merge(before, new)

        after, changed = self._update(change, stage)
        return MergeReport(
            known_features=known["features"],
            known_articles=known["articles"],
            total_features=len(after["features"]),
            changed=changed,
        )

    def remove_article(self, article_id: str) -> int:
        """Remove an article's mentions from the file (locked, backed up, atomic).

        Raises
        ------
        DatasetError
            If the file has no article with that id (the message lists the known ids).
        """

        def change(before: dict[str, Any]) -> dict[str, Any]:
            ids = [a["id"] for a in before.get("facmap", {}).get("articles", [])]
            if article_id not in ids:
                raise unknown_article(self.location, article_id, ids)
            return remove_article(before, article_id)

        after, _ = self._update(change)
        return len(after["features"])

    def article_ids(self) -> list[str]:
        """Return the ids of the articles in the file, sorted."""
        if not self.path.exists():
            return []
        return sorted(a["id"] for a in self.read().get("facmap", {}).get("articles", []))

    def version(self) -> str:
        """Return the file's modification time and size (a new file gets a new pair)."""
        try:
            st = self.path.stat()
        except OSError:
            return "missing"
        return f"{st.st_mtime_ns}:{st.st_size}:{st.st_ino}"

    def validate(self) -> list[str]:
        """Validate the file (reading it already refuses a broken one with its reason)."""
        return validate(self.read())


def unknown_article(location: str, article_id: str, ids: Sequence[str]) -> DatasetError:
    """Return the error for removing an article the store does not hold (all backends)."""
    shown = ", ".join(list(ids)[:20]) + (f" ... ({len(ids)} in all)" if len(ids) > 20 else "")
    msg = (
        f"Expected an article id from {location!r}, got {article_id!r}. "
        f"Known ids: {shown or 'none'}."
    )
    return DatasetError(msg)
