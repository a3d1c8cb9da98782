"""The relational layout shared by the GeoPackage and PostGIS stores, and how it is kept.

Tables (the same in both):

``facilities``
    One row per feature: the columns a query filters on or a GIS shows (id, name, type,
    country, operator, inferred, confidence, needs_review, precision_km, article_count,
    first_seen, last_seen, the bounding box), the geometry, and ``feature``: the feature's
    JSON without its mentions, the lossless record from which facmap reads it back.
``mentions``
    One row per mention (``facility`` is NULL for an unplaced phrase) with the columns a
    query filters on (article, day) and ``body``, the mention's JSON.
``articles``
    One row per article: id, date and ``body``, its JSON.
``facmap_meta``
    The collection's own members (schema version, credits; ``collection``), flags saying
    whether the stored order is facmap's sorted order, and a revision token.

Lists come back in the order they were written: every row has a ``seq`` that is 0 when the
list was in facmap's sorted order (features by id, mentions by article and span), else its
position. A merge sorts, as :func:`facmap.dataset.merge` does, by setting ``seq`` to 0.

An add reads only the facilities the new articles name (with their mentions), merges them
with :func:`facmap.dataset.merge`, validates the result and writes the rows that changed, in
one transaction.
"""

from __future__ import annotations

import itertools
import json
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from ..dataset import (
    MentionSummary,
    _mention_key,
    empty_collection,
    summarise_mentions,
    validate,
    with_summary,
)
from ..errors import DatasetError
from ..types import FacilityType
from . import base
from .base import MergeReport, Query, Stage, Summary

__all__ = ["Cursor", "SQLStore"]

#: rows per ``IN (...)`` list: far below SQLite's and PostgreSQL's parameter limits
CHUNK = 500

#: ``facilities`` columns written from a feature, in order (``geom`` follows)
FACILITY_COLUMNS = (
    "id",
    "name",
    "type",
    "country",
    "operator",
    "inferred",
    "confidence",
    "needs_review",
    "precision_km",
    "article_count",
    "first_seen",
    "last_seen",
    "minx",
    "miny",
    "maxx",
    "maxy",
    "search_key",
    "seq",
    "feature",
)
MENTION_COLUMNS = (
    "facility",
    "article",
    "span_start",
    "span_end",
    "day",
    "date",
    "match",
    "score",
    "seq",
    "body",
)
ARTICLE_COLUMNS = ("id", "date", "seq", "body")
MENTION_ORDER = "seq, article, span_start, span_end, mid"


class Cursor(Protocol):
    """The part of a DB-API cursor the stores use (``?`` placeholders on every backend)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement."""
        ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        """Run one statement per row."""
        ...

    def fetchall(self) -> list[Any]:
        """Return the remaining rows."""
        ...

    def fetchone(self) -> Any:
        """Return the next row or None."""
        ...


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _is_sorted(keys: list[Any], *, strict: bool) -> bool:
    return all(a < b if strict else a <= b for a, b in itertools.pairwise(keys))


def skeleton(fc: dict[str, Any]) -> dict[str, Any]:
    """Return the collection without its lists (placeholders keep the members' order)."""
    out = dict(fc.items())
    out["features"] = None
    if "facmap" in fc:
        meta = dict(fc["facmap"])
        for k in ("articles", "unplaced"):
            if k in meta:
                meta[k] = None
        out["facmap"] = meta
    return out


def _merged_skeleton() -> dict[str, Any]:
    """Return the members a merge or a removal leaves (see :func:`facmap.dataset.merge`)."""
    fc = empty_collection()
    fc["facmap"]["unplaced"] = []
    return skeleton(fc)


class SQLStore:
    """A collection kept in the relational layout; subclasses say how to connect and lock."""

    kind = "sql"
    location = ""

    # -- what a backend provides --------------------------------------------------------
    def _writing(self) -> AbstractContextManager[Cursor]:
        """Open a write transaction holding the store's writer lock; create the tables."""
        raise NotImplementedError

    def _reading(self) -> AbstractContextManager[Cursor | None]:
        """Open a consistent read (None when the store has no tables yet)."""
        raise NotImplementedError

    def _geom_sql(self) -> str:
        """Return the SQL that turns the geometry parameter into the geometry column."""
        raise NotImplementedError

    def _geom_value(self, geometry: dict[str, Any]) -> Any:
        raise NotImplementedError

    def _contains_sql(self) -> str:
        """Return SQL testing that ``search_key`` contains the parameter."""
        raise NotImplementedError

    def _bbox_sql(self) -> str:
        """Return extra SQL (with 4 parameters w, s, e, n) that an index answers, or ""."""
        return ""

    def _after_write(self, cur: Cursor) -> None:
        """Keep the backend's own catalogue in step (GeoPackage extents); a hook."""

    # -- rows --------------------------------------------------------------------------
    def _facility_row(self, feature: dict[str, Any], seq: int) -> list[Any]:
        p = feature["properties"]
        body = dict(feature)
        props = dict(p)
        props["mentions"] = None  # a placeholder: the mentions live in their own table
        body["properties"] = props
        minx, miny, maxx, maxy = base.bounds(feature["geometry"])
        return [
            p["id"],
            p["name"],
            p["type"],
            p["country"],
            p["operator"],
            bool(p["inferred"]),
            p.get("confidence"),
            None if p.get("needs_review") is None else bool(p["needs_review"]),
            p["precision_km"],
            p.get("article_count"),
            p.get("first_seen"),
            p.get("last_seen"),
            minx,
            miny,
            maxx,
            maxy,
            base.search_key(p),
            seq,
            _dumps(body),
            self._geom_value(feature["geometry"]),
        ]

    @staticmethod
    def _mention_row(m: dict[str, Any], facility: str | None, seq: int) -> list[Any]:
        return [
            facility,
            m["article"],
            m["start"],
            m["end"],
            base.mention_date(m),
            str(m.get("date") or ""),
            m.get("match"),
            float(m["score"]) if "score" in m else None,
            seq,
            _dumps(m),
        ]

    @staticmethod
    def _article_row(a: dict[str, Any], seq: int) -> list[Any]:
        return [a["id"], str(a.get("date") or ""), seq, _dumps(a)]

    def _insert_facilities(self, cur: Cursor, rows: list[list[Any]]) -> None:
        cols = ", ".join((*FACILITY_COLUMNS, "geom"))
        marks = _marks(len(FACILITY_COLUMNS))
        cur.executemany(
            f"INSERT INTO facilities ({cols}) VALUES ({marks}, {self._geom_sql()})", rows
        )

    def _update_facility(self, cur: Cursor, row: list[Any]) -> None:
        sets = ", ".join(f"{c} = ?" for c in FACILITY_COLUMNS[1:])
        cur.execute(
            f"UPDATE facilities SET {sets}, geom = {self._geom_sql()} WHERE id = ?",
            [*row[1:], row[0]],
        )

    @staticmethod
    def _insert_mentions(cur: Cursor, rows: list[list[Any]]) -> None:
        if rows:
            cur.executemany(
                f"INSERT INTO mentions ({', '.join(MENTION_COLUMNS)}) "
                f"VALUES ({_marks(len(MENTION_COLUMNS))})",
                rows,
            )

    @staticmethod
    def _insert_articles(cur: Cursor, rows: list[list[Any]]) -> None:
        if rows:
            cur.executemany(
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) "
                f"VALUES ({_marks(len(ARTICLE_COLUMNS))})",
                rows,
            )

    # -- meta ----------------------------------------------------------------------------
    @staticmethod
    def _meta(cur: Cursor, key: str) -> str | None:
        cur.execute("SELECT value FROM facmap_meta WHERE key = ?", [key])
        row = cur.fetchone()
        return None if row is None else str(row[0])

    @staticmethod
    def _set_meta(cur: Cursor, key: str, value: str) -> None:
        cur.execute("DELETE FROM facmap_meta WHERE key = ?", [key])
        cur.execute("INSERT INTO facmap_meta (key, value) VALUES (?, ?)", [key, value])

    def _bump(self, cur: Cursor) -> None:
        self._set_meta(cur, "revision", secrets.token_hex(8))

    # -- reading -------------------------------------------------------------------------
    def exists(self) -> bool:
        """Return whether the store holds a collection (its tables exist)."""
        with self._reading() as cur:
            return cur is not None and self._meta(cur, "collection") is not None

    def _missing(self) -> DatasetError:
        msg = (
            f"Expected a facmap dataset in {self.location!r}, but it holds none yet. Add an "
            "article to it (`facmap add ... --dataset`) or convert one into it "
            "(`facmap convert data/facilities.geojson ...`)."
        )
        return DatasetError(msg)

    def read(self) -> dict[str, Any]:
        """Read the whole collection and validate it (as reading a GeoJSON file does).

        Raises
        ------
        DatasetError
            If the store holds no collection, or what it holds breaks the contract (edited
            by another program).
        """
        fc = self._read_all()
        problems = validate(fc)
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            msg = f"{self.location} is not a valid facmap dataset: {problems[0]}{more}."
            raise DatasetError(msg)
        return fc

    def _read_all(self) -> dict[str, Any]:
        with self._reading() as cur:
            if cur is None:
                raise self._missing()
            text = self._meta(cur, "collection")
            if text is None:
                raise self._missing()
            fc: dict[str, Any] = json.loads(text)
            cur.execute("SELECT body FROM articles ORDER BY seq, id, aid")
            articles = [json.loads(r[0]) for r in cur.fetchall()]
            cur.execute(
                f"SELECT body FROM mentions WHERE facility IS NULL ORDER BY {MENTION_ORDER}"
            )
            unplaced = [json.loads(r[0]) for r in cur.fetchall()]
            cur.execute("SELECT id, feature FROM facilities ORDER BY seq, id")
            feats = [(r[0], r[1]) for r in cur.fetchall()]
            cur.execute(
                "SELECT facility, body FROM mentions WHERE facility IS NOT NULL "
                f"ORDER BY facility, {MENTION_ORDER}"
            )
            by_facility: dict[str, list[Any]] = defaultdict(list)
            for fid, body in cur.fetchall():
                by_facility[fid].append(json.loads(body))
        meta = fc.get("facmap")
        if isinstance(meta, dict):
            if "articles" in meta:
                meta["articles"] = articles
            if "unplaced" in meta:
                meta["unplaced"] = unplaced
        fc["features"] = [_assemble(body, by_facility.get(fid, [])) for fid, body in feats]
        return fc

    def _where(self, q: Query) -> tuple[str, list[Any]]:
        """Return the SQL conditions on ``facilities f`` for a query, and their parameters."""
        conds: list[str] = []
        params: list[Any] = []
        if q.types is not None:
            conds.append(f"f.type IN ({_marks(len(q.types))})" if q.types else "1 = 0")
            params.extend(FacilityType(t).value for t in q.types)
        if q.countries is not None:
            conds.append(f"f.country IN ({_marks(len(q.countries))})" if q.countries else "1 = 0")
            params.extend(c.upper() for c in q.countries)
        if q.articles is not None:
            if q.articles:
                conds.append(
                    "EXISTS (SELECT 1 FROM mentions m WHERE m.facility = f.id AND m.article IN "
                    f"({_marks(len(q.articles))}))"
                )
                params.extend(q.articles)
            else:
                conds.append("1 = 0")
        if not q.include_inferred:
            conds.append("f.inferred = ?")
            params.append(False)
        if not q.include_review:
            conds.append("(f.needs_review IS NULL OR f.needs_review = ?)")
            params.append(False)
        if q.date_from or q.date_to:
            conds.append(
                "EXISTS (SELECT 1 FROM mentions m WHERE m.facility = f.id AND m.day <> '' "
                "AND m.day >= ? AND m.day <= ?)"
            )
            params.extend([q.date_from or "0000-00-00", q.date_to or "9999-99-99"])
        if q.bbox is not None:
            w, s, e, n = q.bbox
            if extra := self._bbox_sql():
                conds.append(extra)
                params.extend([w, s, e, n])
            conds.append("f.minx <= ? AND f.maxx >= ? AND f.miny <= ? AND f.maxy >= ?")
            params.extend([e, w, n, s])
        if key := base.text_key(q.text):
            conds.append(self._contains_sql())
            params.append(key)
        return (" AND ".join(conds) or "1 = 1"), params

    def query(self, q: Query | None = None) -> dict[str, Any]:
        """Answer a query in SQL: only the matching facilities and their mentions are read.

        Returns what :func:`facmap.stores.base.select` returns on the whole collection: the
        facilities passing the filters (a page of them with ``limit``), the articles they
        cite and the unplaced phrases of those articles (of the filter's, with an article
        filter). The whole query returns the whole collection.
        """
        if q is None or q.whole:
            return self._read_all()
        where, params = self._where(q)
        page = ""
        page_params: list[Any] = []
        if q.limit is not None or q.offset:
            page = " LIMIT ? OFFSET ?"
            page_params = [q.limit if q.limit is not None else 2**62, q.offset]
        picked = f"SELECT f.id FROM facilities f WHERE {where} ORDER BY f.seq, f.id{page}"
        with self._reading() as cur:
            if cur is None:
                raise self._missing()
            cur.execute(
                f"SELECT f.id, f.feature FROM facilities f WHERE {where} "
                f"ORDER BY f.seq, f.id{page}",
                [*params, *page_params],
            )
            feats = [(r[0], r[1]) for r in cur.fetchall()]
            by_facility: dict[str, list[Any]] = defaultdict(list)
            if feats:
                cur.execute(
                    f"SELECT facility, body FROM mentions WHERE facility IN ({picked}) "
                    f"ORDER BY facility, {MENTION_ORDER}",
                    [*params, *page_params],
                )
                for fid, body in cur.fetchall():
                    by_facility[fid].append(json.loads(body))
            features = [_assemble(body, by_facility.get(fid, [])) for fid, body in feats]
            cited = sorted({m["article"] for f in features for m in f["properties"]["mentions"]})
            articles = self._rows_for(cur, "articles", "id", cited, "seq, id, aid")
            unplaced_of = sorted(set(q.articles)) if q.articles is not None else cited
            unplaced = self._rows_for(
                cur, "mentions", "article", unplaced_of, MENTION_ORDER, "facility IS NULL"
            )
        out = empty_collection()
        out["facmap"]["articles"] = articles
        out["facmap"]["unplaced"] = unplaced
        out["features"] = features
        return out

    @staticmethod
    def _rows_for(
        cur: Cursor,
        table: str,
        column: str,
        values: Sequence[str],
        order: str,
        extra: str = "",
    ) -> list[Any]:
        """Bodies of the rows whose ``column`` is in ``values``, in the table's order.

        ``order`` ends with the row's own number, so the sort never compares bodies.
        """
        keyed: list[tuple[Any, ...]] = []
        cond = f" AND {extra}" if extra else ""
        cols = [c.strip() for c in order.split(",")]
        for part in _chunks(values):
            cur.execute(
                f"SELECT {', '.join(cols)}, body FROM {table} "
                f"WHERE {column} IN ({_marks(len(part))}){cond}",
                list(part),
            )
            keyed.extend(tuple(r) for r in cur.fetchall())
        keyed.sort(key=lambda r: r[:-1])
        return [json.loads(r[-1]) for r in keyed]

    def summary(self) -> Summary:
        """Count and list what the filters offer, in SQL (no feature is read)."""
        with self._reading() as cur:
            if cur is None:
                raise self._missing()
            cur.execute("SELECT count(*) FROM facilities")
            n = int(cur.fetchone()[0])
            cur.execute("SELECT count(*) FROM mentions WHERE facility IS NOT NULL")
            n_mentions = int(cur.fetchone()[0])
            cur.execute("SELECT DISTINCT type FROM facilities")
            present = {r[0] for r in cur.fetchall()}
            cur.execute("SELECT DISTINCT country FROM facilities ORDER BY country")
            countries = tuple(r[0] for r in cur.fetchall())
            cur.execute("SELECT body FROM articles ORDER BY seq, id, aid")
            articles = tuple(json.loads(r[0]) for r in cur.fetchall())
            cur.execute(
                "SELECT min(day), max(day) FROM mentions WHERE facility IS NOT NULL AND day <> ''"
            )
            lo, hi = cur.fetchone()
        return Summary(
            features=n,
            mentions=n_mentions,
            types=tuple(t.value for t in FacilityType if t.value in present),
            countries=countries,
            articles=articles,
            date_range=(lo, hi) if lo else None,
        )

    def article_ids(self) -> list[str]:
        """Return the ids of the stored articles, sorted."""
        with self._reading() as cur:
            if cur is None:
                return []
            cur.execute("SELECT DISTINCT id FROM articles")
            return sorted(r[0] for r in cur.fetchall())

    def version(self) -> str:
        """Return the store's revision token (a new one after every write)."""
        with self._reading() as cur:
            if cur is None:
                return "missing"
            return self._meta(cur, "revision") or "missing"

    def validate(self) -> list[str]:
        """Read the whole collection and return its contract violations."""
        return validate(self._read_all())

    # -- writing -------------------------------------------------------------------------
    def write(self, fc: dict[str, Any]) -> None:
        """Replace the whole collection in one transaction (validated first)."""
        base.check_collection(fc)
        feats = fc["features"]
        meta = fc.get("facmap", {})
        articles = meta.get("articles", [])
        unplaced = meta.get("unplaced", [])
        f_seq = _is_sorted([f["properties"]["id"] for f in feats], strict=True)
        a_seq = _is_sorted([a["id"] for a in articles], strict=False)
        u_seq = _is_sorted([_mention_key(m) for m in unplaced], strict=False)
        f_rows = [self._facility_row(f, 0 if f_seq else i) for i, f in enumerate(feats)]
        m_rows: list[list[Any]] = []
        m_sorted = True
        for f in feats:
            ms = f["properties"]["mentions"]
            ok = _is_sorted([_mention_key(m) for m in ms], strict=False)
            m_sorted &= ok
            fid = f["properties"]["id"]
            m_rows.extend(self._mention_row(m, fid, 0 if ok else i) for i, m in enumerate(ms))
        m_rows.extend(self._mention_row(m, None, 0 if u_seq else i) for i, m in enumerate(unplaced))
        a_rows = [self._article_row(a, 0 if a_seq else i) for i, a in enumerate(articles)]
        with self._writing() as cur:
            for table in ("mentions", "facilities", "articles"):
                cur.execute(f"DELETE FROM {table}")
            self._insert_facilities(cur, f_rows)
            self._insert_mentions(cur, m_rows)
            self._insert_articles(cur, a_rows)
            self._set_meta(cur, "collection", _dumps(skeleton(fc)))
            self._set_meta(cur, "lists_sorted", "1" if f_seq and a_seq and u_seq else "0")
            self._set_meta(cur, "mentions_sorted", "1" if m_sorted else "0")
            self._bump(cur)
            self._after_write(cur)

    def _touched(self, cur: Cursor, ids: Sequence[str]) -> dict[str, _Touched]:
        """Read the named features without their mentions, and what the mentions sum to.

        A merge needs of the stored mentions only their summary (SQL aggregates) and the
        keys of the ones the incoming articles already have, so a facility named in every
        article costs no more to update than one named once.
        """
        out: dict[str, _Touched] = {}
        for part in _chunks(list(ids)):
            marks = _marks(len(part))
            cur.execute(f"SELECT id, feature FROM facilities WHERE id IN ({marks})", part)
            for fid, body in cur.fetchall():
                out[fid] = _Touched(json.loads(body))
            cur.execute(
                "SELECT facility, count(*), count(DISTINCT article), "
                "min(CASE WHEN date <> '' THEN date END), max(CASE WHEN date <> '' THEN date END), "
                "max(COALESCE(score, 1)), max(seq) "
                f"FROM mentions WHERE facility IN ({marks}) GROUP BY facility",
                part,
            )
            for fid, n, n_art, first, last, best, top in cur.fetchall():
                t = out[fid]
                t.n, t.articles, t.first, t.last = int(n), int(n_art), first, last
                t.best, t.unsorted = float(best), int(top) != 0
            cur.execute(
                f"SELECT DISTINCT facility, match FROM mentions WHERE facility IN ({marks})", part
            )
            for fid, match in cur.fetchall():
                out[fid].matches.add(match)
        return out

    def _keys_of(
        self, cur: Cursor, articles: Sequence[str]
    ) -> dict[str | None, set[tuple[str, int, int]]]:
        """Return the stored mention keys of these articles, per facility (None: unplaced)."""
        keys: dict[str | None, set[tuple[str, int, int]]] = defaultdict(set)
        for part in _chunks(list(articles)):
            cur.execute(
                "SELECT facility, article, span_start, span_end FROM mentions "
                f"WHERE article IN ({_marks(len(part))})",
                part,
            )
            for fid, art, start, end in cur.fetchall():
                keys[fid].add((art, int(start), int(end)))
        return keys

    def add_collections(
        self, collections: Sequence[dict[str, Any]], *, stage: Stage | None = None
    ) -> MergeReport:
        """Merge extracted collections, in order, in one transaction that writes what changed.

        The incoming collections are validated first. Of the stored data only the features
        they name are read (without their mentions: SQL sums those up), and the result is
        what :func:`facmap.dataset.merge` gives. ``stage`` runs inside the transaction; if it
        or the commit fails, the transaction is rolled back and its undo runs: all or
        nothing.

        Raises
        ------
        DatasetError
            If an incoming collection breaks the contract (nothing is written), or another
            writer holds the store too long.
        """
        new = base.incoming(collections)
        ids = [f["properties"]["id"] for f in new["features"]]
        new_articles = new["facmap"]["articles"]
        incoming_arts = sorted(
            {a["id"] for a in new_articles}
            | {m["article"] for f in new["features"] for m in f["properties"]["mentions"]}
            | {m["article"] for m in new["facmap"]["unplaced"]}
        )
        undo: Callable[[], None] | None = None
        try:
            with self._writing() as cur:
                touched = self._touched(cur, ids)
                keys = self._keys_of(cur, incoming_arts)
                known_arts: set[str] = set()
                for part in _chunks([a["id"] for a in new_articles]):
                    cur.execute(f"SELECT id FROM articles WHERE id IN ({_marks(len(part))})", part)
                    known_arts.update(r[0] for r in cur.fetchall())
                self._check_cited(cur, new, known_arts)
                changed = self._write_merge(cur, touched, keys, new)
                add_arts = [a for a in new_articles if a["id"] not in known_arts]
                self._insert_articles(cur, [self._article_row(a, 0) for a in add_arts])
                add_unplaced = [
                    m for m in new["facmap"]["unplaced"] if _mention_key(m) not in keys[None]
                ]
                self._insert_mentions(cur, [self._mention_row(m, None, 0) for m in add_unplaced])
                changed |= bool(add_arts or add_unplaced)
                changed |= self._sort_lists(cur)
                changed |= self._set_skeleton(cur)
                if changed:
                    self._bump(cur)
                    self._after_write(cur)
                cur.execute("SELECT count(*) FROM facilities")
                total = int(cur.fetchone()[0])
                undo = stage() if stage is not None else None
        except BaseException:  # the transaction rolled back (or its commit failed)
            if undo is not None:
                undo()
            raise
        return MergeReport(
            known_features=frozenset(touched),
            known_articles=frozenset(known_arts),
            total_features=total,
            changed=changed,
        )

    def _check_cited(self, cur: Cursor, new: dict[str, Any], known_arts: set[str]) -> None:
        """Refuse mentions of articles the merged store would not list (as validate does)."""
        listed = known_arts | {a["id"] for a in new["facmap"]["articles"]}
        cited = {m["article"] for f in new["features"] for m in f["properties"]["mentions"]}
        missing = sorted(cited - listed)
        if not missing:
            return
        for part in _chunks(missing):
            cur.execute(f"SELECT id FROM articles WHERE id IN ({_marks(len(part))})", list(part))
            listed.update(r[0] for r in cur.fetchall())
        cur.execute("SELECT count(*) FROM articles")
        if int(cur.fetchone()[0]) == 0 and not new["facmap"]["articles"]:
            return  # no articles listed at all: the check does not apply (as in validate)
        if left := sorted(cited - listed):
            msg = (
                f"Refusing to write an invalid dataset: a mention cites article {left[0]!r}, "
                "which is not listed"
            )
            raise DatasetError(msg)

    def _write_merge(
        self,
        cur: Cursor,
        touched: dict[str, _Touched],
        keys: dict[str | None, set[tuple[str, int, int]]],
        new: dict[str, Any],
    ) -> bool:
        """Write the merged features: new rows, changed rows, new mentions; say if any."""
        changed = False
        inserts: list[list[Any]] = []
        mention_rows: list[list[Any]] = []
        for f in new["features"]:
            fid = f["properties"]["id"]
            ms = f["properties"]["mentions"]
            if fid not in touched:
                inserts.append(self._facility_row(f, 0))
                mention_rows.extend(self._mention_row(m, fid, 0) for m in ms)
                continue
            t = touched[fid]
            have = keys.get(fid, set())
            added = [m for m in ms if _mention_key(m) not in have]
            mention_rows.extend(self._mention_row(m, fid, 0) for m in added)
            merged = with_summary(t.feature, t.summary_with(added, {k[0] for k in have}), None)
            if added or merged != t.feature:
                self._update_facility(cur, self._facility_row(merged, 0))
                changed = True
            if t.unsorted:  # a merged feature's mentions are sorted
                cur.execute("UPDATE mentions SET seq = 0 WHERE facility = ?", [fid])
                changed = True
        if inserts:
            self._insert_facilities(cur, inserts)
        self._insert_mentions(cur, mention_rows)
        return changed or bool(inserts or mention_rows)

    def _sort_lists(self, cur: Cursor) -> bool:
        """After a merge, features, articles and unplaced phrases are in sorted order."""
        if self._meta(cur, "lists_sorted") == "1":
            return False
        cur.execute("UPDATE facilities SET seq = 0 WHERE seq <> 0")
        cur.execute("UPDATE articles SET seq = 0 WHERE seq <> 0")
        cur.execute("UPDATE mentions SET seq = 0 WHERE facility IS NULL AND seq <> 0")
        self._set_meta(cur, "lists_sorted", "1")
        return True

    def _set_skeleton(self, cur: Cursor) -> bool:
        text = _dumps(_merged_skeleton())
        if self._meta(cur, "collection") == text:
            return False
        self._set_meta(cur, "collection", text)
        return True

    def remove_article(self, article_id: str) -> int:
        """Remove an article's rows in one transaction; facilities left with none go.

        Raises
        ------
        DatasetError
            If the store has no article with that id (the message lists known ids).
        """
        from .geojson import unknown_article

        with self._writing() as cur:
            cur.execute("SELECT count(*) FROM articles WHERE id = ?", [article_id])
            if int(cur.fetchone()[0]) == 0:
                cur.execute("SELECT DISTINCT id FROM articles")
                ids = sorted(r[0] for r in cur.fetchall())
                raise unknown_article(self.location, article_id, ids)
            cur.execute(
                "SELECT DISTINCT facility FROM mentions WHERE article = ? AND facility IS NOT NULL",
                [article_id],
            )
            touched = sorted(r[0] for r in cur.fetchall())
            cur.execute("DELETE FROM mentions WHERE article = ?", [article_id])
            cur.execute("DELETE FROM articles WHERE id = ?", [article_id])
            for fid, t in self._touched(cur, touched).items():
                if t.n == 0:
                    cur.execute("DELETE FROM facilities WHERE id = ?", [fid])
                    continue
                merged = with_summary(t.feature, t.summary_with([], set()), None)
                self._update_facility(cur, self._facility_row(merged, 0))
                if t.unsorted:
                    cur.execute("UPDATE mentions SET seq = 0 WHERE facility = ?", [fid])
            if self._meta(cur, "mentions_sorted") != "1":  # a removal sorts every feature's
                cur.execute("UPDATE mentions SET seq = 0 WHERE facility IS NOT NULL AND seq <> 0")
                self._set_meta(cur, "mentions_sorted", "1")
            self._set_skeleton(cur)
            self._bump(cur)
            self._after_write(cur)
            cur.execute("SELECT count(*) FROM facilities")
            return int(cur.fetchone()[0])


class _Touched:
    """A stored feature (without mentions) and the SQL summary of its stored mentions."""

    def __init__(self, feature: dict[str, Any]) -> None:
        self.feature = feature
        self.n = 0
        self.articles = 0
        self.first: str | None = None
        self.last: str | None = None
        self.best = 0.0
        self.unsorted = False
        self.matches: set[str] = set()

    def summary_with(self, added: list[dict[str, Any]], arts_here: set[str]) -> MentionSummary:
        """Return the summary of the stored mentions plus ``added``.

        ``arts_here``: the incoming articles that already have a mention of this feature
        (so that an article is counted once).
        """
        more = summarise_mentions(added) if added else None
        dates = [d for d in (self.first, self.last) if d]
        articles = self.articles
        if more is not None:
            dates += [d for d in (more.first_date, more.last_date) if d]
            articles += len({m["article"] for m in added} - arts_here)
        return MentionSummary(
            matches=frozenset(self.matches | (more.matches if more else set())),
            best_score=max(self.best, more.best_score if more else self.best),
            articles=articles,
            first_date=min(dates) if dates else None,
            last_date=max(dates) if dates else None,
        )


def _assemble(body: str, mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """Rebuild a feature from its stored JSON and its mentions (in the placeholder's place)."""
    feature: dict[str, Any] = json.loads(body)
    feature["properties"]["mentions"] = mentions
    return feature
