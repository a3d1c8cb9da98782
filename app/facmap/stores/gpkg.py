"""The GeoPackage store: an SQLite file that QGIS and GDAL open as it is.

The embedded default for a growing collection. ``facilities`` is a GeoPackage feature table
(EPSG:4326, mixed geometry types) with the columns an analyst filters on; ``mentions``,
``articles`` and ``facmap_meta`` are attribute tables (see :mod:`facmap.stores._sql`).

Writes are SQLite transactions in WAL mode with ``synchronous=FULL``: an add writes only the
rows that change, a reader is never blocked by a writer, a writer killed at any moment leaves
the last committed state (SQLite rolls the rest back on the next open), and a committed add
survives a power loss. Writers take turns through ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import shutil
import sqlite3
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..dataset import real_path
from ..errors import DatasetError
from . import base
from ._sql import SQLStore

__all__ = ["GeoPackageStore"]

#: the GeoPackage header values: application id "GPKG", version 1.4.0
_APPLICATION_ID = 0x47504B47
#: SQLite's primary result codes for "database or disk is full" and "disk I/O error"
_SQLITE_FULL = 13
_SQLITE_IOERR = 10
#: below this much free space an I/O error is the disk being full: a WAL reader needs its
#: 32 kB shared-memory file and a writer its journal beside the GeoPackage
_ROOM_NEEDED = 1_000_000
_USER_VERSION = 10400
_WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AUTHORITY["EPSG","4326"]]'
)

_SCHEMA = f"""
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
INSERT INTO gpkg_spatial_ref_sys VALUES
  ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian'),
  ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic'),
  ('WGS 84 geodetic', 4326, 'EPSG', 4326, '{_WGS84_WKT}', 'longitude/latitude, WGS 84');
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE facilities (
  fid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  type TEXT NOT NULL, country TEXT NOT NULL, operator TEXT, inferred BOOLEAN NOT NULL,
  confidence TEXT, needs_review BOOLEAN, precision_km REAL, article_count INTEGER,
  first_seen TEXT, last_seen TEXT, minx REAL, miny REAL, maxx REAL, maxy REAL,
  search_key TEXT, seq INTEGER NOT NULL DEFAULT 0, feature TEXT NOT NULL, geom GEOMETRY);
CREATE INDEX facilities_type ON facilities (type);
CREATE INDEX facilities_country ON facilities (country);
CREATE INDEX facilities_order ON facilities (seq, id);
CREATE INDEX facilities_bbox ON facilities (minx, maxx, miny, maxy);
CREATE TABLE mentions (
  mid INTEGER PRIMARY KEY AUTOINCREMENT, facility TEXT, article TEXT NOT NULL,
  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, day TEXT NOT NULL,
  date TEXT NOT NULL, match TEXT, score REAL, seq INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL);
CREATE INDEX mentions_facility ON mentions (facility, seq, article, span_start, span_end, mid);
CREATE INDEX mentions_article ON mentions (article);
CREATE INDEX mentions_day ON mentions (day, facility);
CREATE TABLE articles (
  aid INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, date TEXT NOT NULL,
  seq INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL);
CREATE INDEX articles_id ON articles (id);
CREATE TABLE facmap_meta (
  mkey INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, value TEXT NOT NULL);
INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES
  ('facilities', 'features', 'facilities', 'facmap: facilities named in news articles', 4326),
  ('mentions', 'attributes', 'mentions', 'facmap: sentences that name a facility', NULL),
  ('articles', 'attributes', 'articles', 'facmap: the articles', NULL),
  ('facmap_meta', 'attributes', 'facmap_meta', 'facmap: collection members', NULL);
INSERT INTO gpkg_geometry_columns VALUES ('facilities', 'geom', 'GEOMETRY', 4326, 2, 0);
"""


def _gpkg_geometry(geometry: dict[str, Any]) -> bytes:
    """Encode a GeoJSON geometry as a GeoPackage geometry blob (header, envelope, WKB)."""
    from shapely.geometry import shape

    minx, miny, maxx, maxy = base.bounds(geometry)
    flags = 0b0000_0011  # little endian, envelope [minx, maxx, miny, maxy]
    header = b"GP" + bytes([0, flags]) + struct.pack("<i4d", 4326, minx, maxx, miny, maxy)
    wkb: bytes = shape(geometry).wkb
    return header + wkb


class GeoPackageStore(SQLStore):
    """A collection in a GeoPackage (``.gpkg``) file."""

    kind = "gpkg"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.location = str(path)

    def __repr__(self) -> str:
        return f"GeoPackageStore({self.location!r})"

    def _connect(self) -> sqlite3.Connection:
        real = real_path(self.path)  # a symbolic-link loop: one line
        if not real.parent.is_dir():
            msg = (
                f"Expected an existing folder for {self.location!r}, but "
                f"{str(real.parent)!r} does not exist. Create it first."
            )
            raise DatasetError(msg)
        try:
            return sqlite3.connect(
                real, timeout=base.LOCK_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise self._error(exc) from None

    def _error(self, exc: sqlite3.Error) -> DatasetError:
        text = str(exc)
        if self._disk_full(exc):
            msg = (
                f"Cannot use the GeoPackage {self.location!r}: the disk holding it is full "
                f"({text}); SQLite needs room beside the file to write, and in WAL mode even to "
                "read. Free some space and try again; the data in it is unchanged."
            )
        elif "locked" in text or "busy" in text:
            msg = (
                f"Expected to write {self.location!r} within {base.LOCK_TIMEOUT_S:g} s, but "
                f"another writer holds it. Find it (`fuser -v {self.location}` lists it), let "
                "it finish or stop it, then try again; SQLite releases the lock when it ends."
            )
        elif "not a database" in text or "malformed" in text:
            msg = (
                f"Expected a GeoPackage, but {self.location!r} is not an SQLite database "
                f"({text}). Check the path; `facmap convert` makes a store from a GeoJSON file."
            )
        else:
            msg = (
                f"Cannot use the GeoPackage {self.location!r}: {text}. Check the path and its "
                "permissions."
            )
        return DatasetError(msg)

    def _disk_full(self, exc: sqlite3.Error) -> bool:
        """Whether an SQLite error comes of a full disk (a full one, or I/O with no room)."""
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF  # the primary result code
        if code == _SQLITE_FULL:
            return True
        if code != _SQLITE_IOERR:
            return False
        try:
            free = shutil.disk_usage(real_path(self.path).parent).free
        except (OSError, DatasetError):
            return False
        return free < _ROOM_NEEDED

    @staticmethod
    def _has_tables(conn: sqlite3.Connection) -> bool:
        row = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'facmap_meta'"
        ).fetchone()
        return bool(row[0])

    def _check_foreign(self, conn: sqlite3.Connection) -> None:
        """Refuse to write into an SQLite file that holds other tables than ours."""
        row = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()
        if row[0]:
            msg = (
                f"Expected a facmap GeoPackage, but {self.location!r} holds other tables (a "
                "`facmap export` GeoPackage, or another program's). Choose a new .gpkg path: "
                "`facmap convert data/facilities.geojson new.gpkg`."
            )
            raise DatasetError(msg)

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Cursor]:
        created = not self.path.exists()
        if created:
            try:
                real_path(self.path).touch()
            except OSError as exc:
                msg = f"Cannot create {self.location!r}: {exc.strerror}. Choose a writable path."
                raise DatasetError(msg) from None
        try:
            with self._transaction() as cur:
                yield cur
        except BaseException:
            if created:  # a first write that failed leaves no empty file behind
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(str(real_path(self.path)) + suffix).unlink(missing_ok=True)
            raise

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        conn = self._connect()
        try:
            try:
                if not self._has_tables(conn):
                    self._check_foreign(conn)  # before anything changes the file
                # set on the writer's connection only: reading never changes a file
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = FULL")  # a committed add survives power loss
                conn.execute("BEGIN IMMEDIATE")  # the writer lock, waits up to the timeout
            except sqlite3.Error as exc:
                raise self._error(exc) from None
            try:
                if not self._has_tables(conn):
                    self._check_foreign(conn)
                    conn.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
                    conn.execute(f"PRAGMA user_version = {_USER_VERSION}")
                    for statement in _SCHEMA.split(";\n"):
                        if statement.strip():
                            conn.execute(statement)
                yield conn.cursor()
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise self._error(exc) from None
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        finally:
            conn.close()

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Cursor | None]:
        if not self.path.exists():
            if self.path.is_symlink():
                real_path(self.path)
            yield None
            return
        conn = self._connect()
        try:
            try:
                if not self._has_tables(conn):
                    yield None
                    return
                conn.execute("BEGIN")  # one snapshot for every read of this call
                yield conn.cursor()
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise self._error(exc) from None
        finally:
            conn.close()

    def _geom_sql(self) -> str:
        return "?"

    def _geom_value(self, geometry: dict[str, Any]) -> Any:
        return _gpkg_geometry(geometry)

    def _contains_sql(self) -> str:
        return "instr(f.search_key, ?) > 0"

    def _after_write(self, cur: Any) -> None:
        """Keep the layer's extent and change time in ``gpkg_contents`` (QGIS zooms to it)."""
        cur.execute(
            "UPDATE gpkg_contents SET min_x = (SELECT min(minx) FROM facilities), "
            "min_y = (SELECT min(miny) FROM facilities), "
            "max_x = (SELECT max(maxx) FROM facilities), "
            "max_y = (SELECT max(maxy) FROM facilities), "
            "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = 'facilities'"
        )
