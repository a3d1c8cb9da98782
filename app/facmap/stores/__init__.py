"""Where a collection is kept: a GeoJSON file, a GeoPackage or PostGIS, behind one interface.

:func:`open_store` picks the backend from the ``--dataset`` value (CLI, page and
``FACMAP_DATASET`` alike): a path ending ``.geojson`` or ``.json`` is a GeoJSON file, one ending
``.gpkg`` a GeoPackage, and a ``postgresql://`` (or ``postgres://``) URL a PostGIS database.
Every backend holds the same schema, merges with :func:`facmap.dataset.merge`, validates with
:func:`facmap.dataset.validate` and writes all or nothing; see :class:`Store`.

For a batch of extracted collections (``facmap add``, parallel ingest)::

    store = open_store(dataset)
    report = store.add_collections([fc1, fc2, ...])   # merged in this order, one write
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DatasetError
from .base import LOCK_TIMEOUT_S, MergeReport, Query, Stage, Store, Summary, combine

__all__ = [
    "LOCK_TIMEOUT_S",
    "MergeReport",
    "Query",
    "Stage",
    "Store",
    "Summary",
    "combine",
    "is_url",
    "open_store",
]

_URL_PREFIXES = ("postgresql://", "postgres://")


def is_url(dataset: str | Path) -> bool:
    """Return whether a ``--dataset`` value names a database rather than a file."""
    return isinstance(dataset, str) and dataset.startswith(_URL_PREFIXES)


def open_store(dataset: str | Path) -> Store:
    """Return the store a ``--dataset`` value names (nothing is read or created yet).

    An existing file of another name is opened by what it holds (SQLite: a GeoPackage,
    otherwise GeoJSON), so datasets named before the stores existed keep working.

    Raises
    ------
    DatasetError
        If the value names no backend (another extension or URL scheme); the message lists
        the accepted forms.
    """
    if is_url(dataset):
        from .postgis import PostGISStore

        return PostGISStore(str(dataset))
    text = str(dataset)
    suffix = Path(text).suffix.lower()
    if suffix in (".geojson", ".json"):
        from .geojson import GeoJSONStore

        return GeoJSONStore(Path(text).expanduser())
    if suffix == ".gpkg":
        from .gpkg import GeoPackageStore

        return GeoPackageStore(Path(text).expanduser())
    path = Path(text).expanduser()
    if path.is_file():  # an existing file of another name: what it holds decides
        from .geojson import GeoJSONStore
        from .gpkg import GeoPackageStore

        with path.open("rb") as fh:
            sqlite = fh.read(16) == b"SQLite format 3\x00"
        return GeoPackageStore(path) if sqlite else GeoJSONStore(path)
    if "://" in text:
        scheme = text.split("://", 1)[0]
        msg = (
            f"Expected a postgresql:// URL for a database dataset, got the scheme {scheme!r}. "
            "Use postgresql://USER@HOST/DB, or a .geojson or .gpkg path."
        )
        raise DatasetError(msg)
    msg = (
        f"Expected a dataset path ending in .geojson, .json or .gpkg, or a postgresql:// URL, "
        f"got {text!r}. Rename the file or pass the URL of a PostGIS database."
    )
    raise DatasetError(msg)
