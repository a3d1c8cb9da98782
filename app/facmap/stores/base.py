"""What every store offers, and the pieces all backends share.

A store holds one facmap collection: facilities with their geometry, the mentions that cite
them, the articles, and the unplaced phrases. A GeoJSON file, a GeoPackage and a PostGIS
database hold the same thing; they differ in how a change is written (a whole file rewritten
under a lock, or one transaction touching only the rows that change) and in how a query is
answered (the whole file read and filtered, or the filters pushed into SQL).

Whatever the backend, :func:`facmap.dataset.merge` and :func:`facmap.dataset.remove_article`
define the result, and :func:`facmap.dataset.validate` decides what may be written, so that a
collection read back from any store equals the one the GeoJSON backend would hold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any, Protocol, runtime_checkable

from ..dataset import empty_collection, merge, positions, validate
from ..errors import DatasetError
from ..types import FacilityType

__all__ = [
    "LOCK_TIMEOUT_S",
    "MergeReport",
    "Query",
    "Stage",
    "Store",
    "Summary",
    "bounds",
    "check_collection",
    "combine",
    "incoming",
    "matches",
    "search_key",
    "select",
]

#: how long a writer waits for another writer before giving up with advice (all backends)
LOCK_TIMEOUT_S = 60.0

#: something to do inside the write (keep the article copies): returns how to undo it, which
#: runs if the write then fails, so that an add completes whole or changes nothing
Stage = Callable[[], Callable[[], None]]


@dataclass(frozen=True)
class Query:
    """Which facilities to return; every filter left at its default keeps everything.

    ``None`` in a list filter means "no filter"; an empty tuple keeps nothing (as in
    :func:`facmap.dataset.filter_collection`). The date range keeps facilities that an
    article dated inside it (``YYYY-MM-DD``, both ends included) mentions; ``bbox`` is
    ``(west, south, east, north)`` in degrees and keeps features whose bounding box meets it.
    """

    types: tuple[str, ...] | None = None
    countries: tuple[str, ...] | None = None
    articles: tuple[str, ...] | None = None
    text: str = ""
    include_inferred: bool = True
    include_review: bool = True
    date_from: str | None = None
    date_to: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    #: a page of the result, in store order (features by id): ``limit`` None means all
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        if self.types is not None:
            for t in self.types:
                FacilityType(t)  # a ValueError names the unknown type
        if self.bbox is not None:
            w, s, e, n = self.bbox
            if not (-180 <= w <= e <= 180 and -90 <= s <= n <= 90):
                msg = (
                    f"Expected bbox as (west, south, east, north) in degrees with west <= east "
                    f"and south <= north, got {self.bbox!r}."
                )
                raise DatasetError(msg)
        if (self.limit is not None and self.limit < 0) or self.offset < 0:
            msg = f"Expected limit and offset >= 0, got {self.limit!r} and {self.offset!r}."
            raise DatasetError(msg)

    @property
    def whole(self) -> bool:
        """Whether the query asks for the whole collection (then it equals ``read()``)."""
        return self == Query()


@dataclass(frozen=True)
class MergeReport:
    """What an add changed: enough for the CLI and the page to say what happened."""

    #: ids among the incoming features that the store held before
    known_features: frozenset[str]
    #: ids among the incoming articles that the store held before
    known_articles: frozenset[str]
    total_features: int
    changed: bool


@dataclass(frozen=True)
class Summary:
    """What a page needs to draw its filters, without loading the features."""

    features: int
    mentions: int
    types: tuple[str, ...]
    countries: tuple[str, ...]
    articles: tuple[dict[str, Any], ...] = field(default=())
    date_range: tuple[str, str] | None = None


@runtime_checkable
class Store(Protocol):
    """A facmap collection kept somewhere: a GeoJSON file, a GeoPackage or PostGIS.

    Every write is validated first and is all or nothing; writers take turns (a lock or a
    transaction) and a writer killed at any moment leaves the old or the new collection.
    """

    #: what the user named (a path or a ``postgresql://`` URL, password hidden)
    location: str
    #: "geojson", "gpkg" or "postgis"
    kind: str

    def exists(self) -> bool:
        """Return whether the store holds a collection yet (a new one is empty)."""
        ...

    def read(self) -> dict[str, Any]:
        """Return the whole collection (validated), as it was written."""
        ...

    def query(self, q: Query | None = None) -> dict[str, Any]:
        """Return the facilities passing ``q`` with the articles and unplaced phrases they cite."""
        ...

    def summary(self) -> Summary:
        """Return counts and filter options (types, countries, articles, dates)."""
        ...

    def write(self, fc: dict[str, Any]) -> None:
        """Replace the whole collection (validated first; nothing changes if it is invalid)."""
        ...

    def add_collections(
        self, collections: Sequence[dict[str, Any]], *, stage: Stage | None = None
    ) -> MergeReport:
        """Merge extracted collections, in order, in one write (see :func:`combine`)."""
        ...

    def remove_article(self, article_id: str) -> int:
        """Remove an article's mentions (facilities left with none go); return features left."""
        ...

    def article_ids(self) -> list[str]:
        """Return the ids of the stored articles, sorted."""
        ...

    def version(self) -> str:
        """Return a token that changes whenever the collection does (a cache key)."""
        ...

    def validate(self) -> list[str]:
        """Return the contract violations of the stored collection (empty if valid)."""
        ...


def combine(collections: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Merge collections in order, as adding them one by one would.

    The merge keeps what came first (a facility's place, an article's metadata, a mention's
    copy), so the result depends on the order and on nothing else: extraction may run on many
    workers, the collections merged in article order give what one worker gives.
    """
    return reduce(merge, collections, empty_collection())


def incoming(collections: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Validate each collection to be added, then :func:`combine` them (every backend).

    Each is checked on its own: merging would hide some faults (a duplicate id collapses),
    and a store must refuse what it would refuse written whole.

    Raises
    ------
    DatasetError
        Naming the first problem of the first invalid collection; nothing is written.
    """
    checked = []
    for fc in collections:
        check_collection(fc)
        checked.append(fc)
    return combine(checked)


def check_collection(fc: Any) -> None:
    """Refuse a collection that breaks the contract or holds NaN/Infinity: one line.

    Raises
    ------
    DatasetError
        Naming the first problem (the same checks and words as the GeoJSON writer).
    """
    problems = validate(fc)
    if problems:
        msg = f"Refusing to write an invalid dataset: {problems[0]}"
        raise DatasetError(msg)
    try:
        json.dumps(fc, allow_nan=False)
    except ValueError:
        msg = "Refusing to write a dataset holding NaN or Infinity: JSON allows finite numbers."
        raise DatasetError(msg) from None


def bounds(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    """Return a GeoJSON geometry's ``(minx, miny, maxx, maxy)``."""
    xs: list[float] = []
    ys: list[float] = []
    for pos in positions(geometry["coordinates"]):
        xs.append(pos[0])
        ys.append(pos[1])
    return min(xs), min(ys), max(xs), max(ys)


def search_key(props: dict[str, Any]) -> str:
    """Return the names a text query searches, as lookup keys, one a line.

    ``text in key`` then means what :func:`facmap.dataset.filter_collection` means by it
    (a key never holds a line break), so SQL can answer it with ``instr``/``strpos``.
    """
    from .._text import key_of

    names = (props["name"], props["id"], *props.get("aliases", []))
    return "\n".join(key_of(str(n)) for n in names)


def text_key(text: str) -> str:
    """Return the key a query text is searched by ("" for no text filter)."""
    from .._text import key_of

    return key_of(text) if text.strip() else ""


def matches(feature: dict[str, Any], q: Query) -> bool:
    """Return whether a feature passes the query's filters (the reference for SQL backends)."""
    p = feature["properties"]
    if q.types is not None and p["type"] not in set(q.types):
        return False
    if q.countries is not None and p["country"] not in {c.upper() for c in q.countries}:
        return False
    if q.articles is not None and not any(m["article"] in q.articles for m in p["mentions"]):
        return False
    if not q.include_inferred and p["inferred"]:
        return False
    if not q.include_review and p.get("needs_review"):
        return False
    if q.date_from or q.date_to:
        lo, hi = q.date_from or "0000-00-00", q.date_to or "9999-99-99"
        if not any(lo <= mention_date(m) <= hi for m in p["mentions"] if mention_date(m)):
            return False
    if q.bbox is not None:
        w, s, e, n = q.bbox
        minx, miny, maxx, maxy = bounds(feature["geometry"])
        if minx > e or maxx < w or miny > n or maxy < s:
            return False
    key = text_key(q.text)
    return not key or key in search_key(p)


def mention_date(m: dict[str, Any]) -> str:
    """Return the day a mention's article is dated (``YYYY-MM-DD`` or "")."""
    return str(m.get("date") or "")[:10]


def select(fc: dict[str, Any], q: Query | None) -> dict[str, Any]:
    """Answer a query on a collection in memory (the GeoJSON backend; tests' reference).

    The whole query returns the collection itself. Otherwise the features passing the filters
    (a page of them with ``limit``/``offset``), the articles they cite and the unplaced phrases
    of those articles (of the filter's articles, with an article filter).
    """
    if q is None or q.whole:
        return fc
    feats = [f for f in fc["features"] if matches(f, q)]
    end = None if q.limit is None else q.offset + q.limit
    feats = feats[q.offset : end]
    cited = {m["article"] for f in feats for m in f["properties"]["mentions"]}
    meta = fc.get("facmap", {})
    unplaced_of = set(q.articles) if q.articles is not None else cited
    out = empty_collection()
    out["facmap"]["articles"] = [a for a in meta.get("articles", []) if a["id"] in cited]
    out["facmap"]["unplaced"] = [m for m in meta.get("unplaced", []) if m["article"] in unplaced_of]
    out["features"] = feats
    return out


def summarise(fc: dict[str, Any]) -> Summary:
    """Summarise a collection in memory (see :class:`Summary`)."""
    feats = fc["features"]
    present = {f["properties"]["type"] for f in feats}
    dates = sorted(d for f in feats for m in f["properties"]["mentions"] if (d := mention_date(m)))
    return Summary(
        features=len(feats),
        mentions=sum(len(f["properties"]["mentions"]) for f in feats),
        types=tuple(t.value for t in FacilityType if t.value in present),
        countries=tuple(sorted({f["properties"]["country"] for f in feats})),
        articles=tuple(fc.get("facmap", {}).get("articles", [])),
        date_range=(dates[0], dates[-1]) if dates else None,
    )
