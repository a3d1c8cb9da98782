"""The PostGIS store: a collection a team shares in a PostgreSQL database.

Named by a libpq URL (``postgresql://user@host/db``; ``?options=-csearch_path%3Dmaps`` picks a
schema). On first use it creates the ``postgis`` extension where the role may (a database
whose owner already did is fine) and the tables of :mod:`facmap.stores._sql`, with a GiST
index on the geometry. Every change is one transaction holding a transaction-level advisory
lock (one per schema), so writers take turns and a writer killed or disconnected mid-way
leaves the last committed state.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import DatasetError
from . import base
from ._sql import SQLStore

__all__ = ["PostGISStore"]

_TABLES = """
CREATE TABLE IF NOT EXISTS facilities (
  fid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT COLLATE "C" NOT NULL UNIQUE,
  name TEXT NOT NULL, type TEXT NOT NULL, country TEXT COLLATE "C" NOT NULL, operator TEXT,
  inferred BOOLEAN NOT NULL, confidence TEXT, needs_review BOOLEAN,
  precision_km DOUBLE PRECISION, article_count INTEGER, first_seen TEXT, last_seen TEXT,
  minx DOUBLE PRECISION, miny DOUBLE PRECISION, maxx DOUBLE PRECISION, maxy DOUBLE PRECISION,
  search_key TEXT, seq INTEGER NOT NULL DEFAULT 0, feature TEXT NOT NULL,
  geom geometry(Geometry, 4326) NOT NULL);
CREATE INDEX IF NOT EXISTS facilities_geom ON facilities USING gist (geom);
CREATE INDEX IF NOT EXISTS facilities_type ON facilities (type);
CREATE INDEX IF NOT EXISTS facilities_country ON facilities (country);
CREATE INDEX IF NOT EXISTS facilities_order ON facilities (seq, id);
CREATE TABLE IF NOT EXISTS mentions (
  mid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, facility TEXT COLLATE "C",
  article TEXT COLLATE "C" NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
  day TEXT COLLATE "C" NOT NULL, date TEXT COLLATE "C" NOT NULL, match TEXT,
  score DOUBLE PRECISION, seq INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mentions_facility
  ON mentions (facility, seq, article, span_start, span_end, mid);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article);
CREATE INDEX IF NOT EXISTS mentions_day ON mentions (day, facility);
CREATE TABLE IF NOT EXISTS articles (
  aid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, id TEXT COLLATE "C" NOT NULL,
  date TEXT NOT NULL, seq INTEGER NOT NULL DEFAULT 0, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS articles_id ON articles (id);
CREATE TABLE IF NOT EXISTS facmap_meta (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL)
"""


def hide_password(url: str) -> str:
    """Return the URL without its password (for messages and labels)."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


#: PostgreSQL's SQLSTATE for "disk full" (class 53, insufficient resources)
DISK_FULL_SQLSTATE = "53100"

class _Cursor:
    """A psycopg cursor taking ``?`` placeholders like SQLite's (the shared SQL's style)."""

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._cur.execute(sql.replace("?", "%s"), list(params) or None)

    def executemany(self, sql: str, rows: Any) -> Any:
        rows = list(rows)
        if rows:
            self._cur.executemany(sql.replace("?", "%s"), rows)

    def fetchall(self) -> list[Any]:
        return list(self._cur.fetchall())

    def fetchone(self) -> Any:
        return self._cur.fetchone()


class PostGISStore(SQLStore):
    """A collection in a PostGIS database (``postgresql://`` URL)."""

    kind = "postgis"

    def __init__(self, url: str) -> None:
        self.url = url
        self.location = hide_password(url)

    def __repr__(self) -> str:
        return f"PostGISStore({self.location!r})"

    def _connect(self) -> Any:
        try:
            import psycopg
        except ImportError:  # pragma: no cover - a dependency of facmap
            msg = "Expected psycopg for a postgresql:// dataset: pip install 'psycopg[binary]'."
            raise DatasetError(msg) from None
        try:
            return psycopg.connect(self.url, connect_timeout=10)
        except psycopg.Error as exc:
            raise self._error(exc) from None

    def _error(self, exc: Exception) -> DatasetError:
        """One line for the user: a full disk, a lock held too long, or how to reach the server."""
        text = " ".join(str(exc).split()) or type(exc).__name__
        text = text.replace(self.url, self.location)
        if getattr(exc, "sqlstate", None) == DISK_FULL_SQLSTATE:
            # the transaction is rolled back when it fails: nothing of the write is kept
            msg = (
                f"Cannot write the PostGIS dataset {self.location!r}: the database server's disk "
                f"is full ({text}). The data in it is unchanged: the write was rolled back. Free "
                "space on the server (or move the tablespace) and try again."
            )
        elif "lock timeout" in text or "canceling statement due to lock" in text:
            msg = (
                f"Expected to write {self.location!r} within {base.LOCK_TIMEOUT_S:g} s, but "
                "another writer holds its lock. Find it (pg_stat_activity, wait_event "
                "'advisory'), let it finish or stop it, then try again."
            )
        else:
            msg = (
                f"Cannot use the PostGIS dataset {self.location!r}: {text}. Check the URL, that "
                "the server runs and that the role may connect."
            )
        return DatasetError(msg)

    @staticmethod
    def _has_tables(cur: Any) -> bool:
        cur.execute("SELECT to_regclass('facmap_meta') IS NOT NULL")
        return bool(cur.fetchone()[0])

    def _create(self, cur: Any) -> None:
        """Create the extension (where this role may) and the tables, under the lock."""
        import psycopg

        cur.execute("SELECT to_regtype('geometry') IS NOT NULL")
        if not cur.fetchone()[0]:
            try:
                with cur.connection.transaction():  # a savepoint: a refusal keeps the rest
                    cur.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            except psycopg.Error as exc:
                msg = (
                    f"Expected the postgis extension in {self.location!r}, but it is missing "
                    f"and this role may not create it ({' '.join(str(exc).split())}). Ask the "
                    "database's owner to run CREATE EXTENSION postgis, then try again."
                )
                raise DatasetError(msg) from None
        for statement in _TABLES.split(";\n"):
            cur.execute(statement)

    @contextmanager
    def _writing(self) -> Iterator[_Cursor]:
        import psycopg

        conn = self._connect()
        try:
            with conn.transaction(), conn.cursor() as raw:
                ms = int(base.LOCK_TIMEOUT_S * 1000)
                raw.execute(f"SET LOCAL lock_timeout = {ms}")
                raw.execute("SELECT pg_advisory_xact_lock(hashtext('facmap:' || current_schema()))")
                if not self._has_tables(raw):
                    self._create(raw)
                yield _Cursor(raw)
        except psycopg.Error as exc:
            raise self._error(exc) from None
        finally:
            conn.close()

    @contextmanager
    def _reading(self) -> Iterator[_Cursor | None]:
        import psycopg

        conn = self._connect()
        try:
            with conn.transaction(), conn.cursor() as raw:
                raw.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
                yield _Cursor(raw) if self._has_tables(raw) else None
        except psycopg.Error as exc:
            raise self._error(exc) from None
        finally:
            conn.close()

    def _geom_sql(self) -> str:
        return "ST_SetSRID(ST_Force2D(ST_GeomFromWKB(?)), 4326)"

    def _geom_value(self, geometry: dict[str, Any]) -> Any:
        from shapely.geometry import shape

        return shape(geometry).wkb

    def _contains_sql(self) -> str:
        return "strpos(f.search_key, ?) > 0"

    def _bbox_sql(self) -> str:
        # the GiST index answers this; the exact test on the bounding box columns follows
        return "f.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
