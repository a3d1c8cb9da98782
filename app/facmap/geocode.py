"""Place mentions: turn a facility id into geometry, precision and the citations behind them.

Offline by default: the facility gazetteer first, then GeoNames (via :mod:`facmap.places`) for
places. An online geocoder (geopy's Nominatim) is only used when a caller passes one explicitly
(``facmap extract --online``); its answers are cached on disk and marked as such, because an
online answer is a lead for an analyst to check, not a cited fact.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, Point, Polygon, mapping
from shapely.geometry.polygon import orient

from . import _json
from .gazetteer import Gazetteer
from .geo import GEOD, distance_km
from .inference import Corridor
from .places import GEONAMES_CREDIT, cache_dir, place_by_id
from .types import FacilityType

__all__ = [
    "Location",
    "OnlineGeocoder",
    "corridor_location",
    "distance_km",
    "locate",
    "place_unplaced_online",
    "round_geometry",
]

_GEOD = GEOD
COORD_DECIMALS = 6


@dataclass(frozen=True)
class Location:
    """Where a facility is, how we know, and how sure we are."""

    id: str
    name: str
    type: FacilityType
    country: str
    geometry: dict[str, Any]
    lat: float
    lon: float
    precision_km: float
    placed_by: str
    point_basis: str
    sources: tuple[dict[str, str], ...]
    operator: str = ""
    aliases: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def round_geometry(geom: dict[str, Any]) -> dict[str, Any]:
    """Round every coordinate to 6 decimals (about 0.1 m), as RFC 7946 recommends."""

    def r(c: Any) -> Any:
        if isinstance(c, (int, float)):
            return round(float(c), COORD_DECIMALS)
        return [r(x) for x in c]

    return {"type": geom["type"], "coordinates": r(geom["coordinates"])}


def _geometry(
    entry_polygon: tuple[tuple[float, float], ...], lon: float, lat: float
) -> dict[str, Any]:
    if entry_polygon:
        poly = orient(Polygon(entry_polygon), sign=1.0)  # RFC 7946: exterior counter-clockwise
        return round_geometry(dict(mapping(poly)))
    return round_geometry(dict(mapping(Point(lon, lat))))


def locate(facility_id: str, gazetteer: Gazetteer) -> Location:
    """Return the location of a facility id as the extractor makes them.

    The id is a gazetteer id, ``place:<geonameid>``, ``unlisted:<type>:<geonameid>`` or
    ``ref:<reference id>`` (an airfield or launch site, see :mod:`facmap.secondary`).

    Raises
    ------
    KeyError
        If the id is in none of those.
    """
    if facility_id.startswith("place:"):
        return _place_location(int(facility_id.split(":", 1)[1]))
    if facility_id.startswith("unlisted:"):
        _, ftype, gid = facility_id.split(":")
        return _unlisted_location(FacilityType(ftype), int(gid))
    if facility_id.startswith("ref:"):
        return _reference_location(facility_id.split(":", 1)[1])
    e = gazetteer[facility_id]
    sources = [s.as_dict() for s in e.sources]
    sources += [s.as_dict() for s in e.polygon_sources if s.as_dict() not in sources]
    extra: dict[str, Any] = {}
    if e.wikidata:
        extra["wikidata"] = e.wikidata
    if e.also_types:
        extra["also_types"] = [t.value for t in e.also_types]
    for k in ("disagreements", "notes", "polygon_basis"):
        if v := getattr(e, k):
            extra[k] = v
    return Location(
        id=e.id,
        name=e.name,
        type=e.type,
        country=e.country,
        geometry=_geometry(e.polygon, e.lon, e.lat),
        lat=round(e.lat, COORD_DECIMALS),
        lon=round(e.lon, COORD_DECIMALS),
        precision_km=e.precision_km,
        placed_by=f"gazetteer ({e.origin})",
        point_basis=e.point_basis,
        sources=tuple(sources),
        operator=e.operator,
        aliases=e.aliases,
        extra=extra,
    )


def _place_location(geonameid: int) -> Location:
    p = place_by_id(geonameid)
    return Location(
        id=f"place-{geonameid}",
        name=p.name,
        type=FacilityType.PLACE,
        country=p.country,
        geometry=_geometry((), p.lon, p.lat),
        lat=round(p.lat, COORD_DECIMALS),
        lon=round(p.lon, COORD_DECIMALS),
        precision_km=p.precision_km,
        placed_by="geonames (offline)",
        point_basis=f"centre of {p.name} as given by GeoNames (population {p.population:,})",
        sources=(
            {
                "name": f"{GEONAMES_CREDIT}, geonameid {geonameid}",
                "url": p.url,
                "value": f"{p.lat} {p.lon}",
            },
        ),
    )


#: an unlisted facility is placed at the town its phrase names; the facility itself can lie
#: anywhere around it (airfields and ranges are often 10-30 km out of town)
UNLISTED_PRECISION_KM = 30.0


def _unlisted_location(ftype: FacilityType, geonameid: int) -> Location:
    town = _place_location(geonameid)
    label = ftype.label.lower()
    return Location(
        id=f"unlisted-{ftype.value.replace('_', '-')}-{geonameid}",
        name=f"{town.name} {label} (not in gazetteer)",
        type=ftype,
        country=town.country,
        geometry=town.geometry,
        lat=town.lat,
        lon=town.lon,
        precision_km=UNLISTED_PRECISION_KM,
        placed_by="geonames (offline), at the town the phrase names",
        point_basis=(
            f"the town of {town.name}, named in the article's phrase; the {label} itself is not "
            "in the facility gazetteer and its exact site is unknown"
        ),
        sources=town.sources,
        extra={"feature_kind": "unlisted"},
    )


def _reference_location(ref_id: str) -> Location:
    """Place a facility from a reference list (:mod:`facmap.secondary`): the row's point."""
    from .secondary import reference_index

    r = reference_index().get(ref_id)
    return Location(
        id=r.id,
        name=r.name,
        type=r.type,
        country=r.country,
        geometry=_geometry((), r.lon, r.lat),
        lat=round(r.lat, COORD_DECIMALS),
        lon=round(r.lon, COORD_DECIMALS),
        precision_km=r.precision_km,
        placed_by=r.placed_by,
        point_basis=r.point_basis,
        sources=tuple(s.as_dict() for s in r.sources),
        extra={"feature_kind": "secondary"},
    )


def corridor_location(c: Corridor, gazetteer: Gazetteer, npts: int = 64) -> Location:
    """Build a great-circle LineString from the launch site's point to the impact area's point.

    The line is an illustration of the direction of flight, not a published trajectory; its
    precision is that of its least precise end.
    """
    a, b = gazetteer[c.launch], gazetteer[c.impact]
    inner = _GEOD.npts(a.lon, a.lat, b.lon, b.lat, npts)
    line = LineString([(a.lon, a.lat), *inner, (b.lon, b.lat)])
    _, _, dist = _GEOD.inv(a.lon, a.lat, b.lon, b.lat)
    sources = [s.as_dict() for s in (*a.sources[:1], *b.sources)]
    return Location(
        id=c.id,
        name=c.name,
        type=FacilityType.MISSILE_TEST_RANGE,
        country=b.country,
        geometry=round_geometry(dict(mapping(line))),
        lat=round(b.lat, COORD_DECIMALS),
        lon=round(b.lon, COORD_DECIMALS),
        precision_km=max(a.precision_km, b.precision_km),
        placed_by="great circle between gazetteer points",
        point_basis=(
            f"great-circle line from {a.name} to {b.name}, {dist / 1000:,.0f} km; "
            "shows direction only, not a published trajectory"
        ),
        sources=tuple(sources),
        operator=a.operator,
        extra={
            "feature_kind": "corridor",
            "launch": a.id,
            "impact": b.id,
            "length_km": round(dist / 1000, 1),
        },
    )


class OnlineGeocoder:
    """Optional online geocoding through geopy (Nominatim), cached on disk.

    Never used unless constructed explicitly, and never in tests: analysts often work with no
    network, and an online answer is a lead, not a cited coordinate.

    Parameters
    ----------
    user_agent
        Nominatim's usage policy asks for an identifying user agent.
    query
        Injectable for tests and other services: ``query(name) -> (lat, lon, address) | None``.
    """

    def __init__(
        self,
        user_agent: str = "facmap",
        query: Callable[[str], tuple[float, float, str] | None] | None = None,
        cache_path: Path | None = None,
    ) -> None:
        self.cache_path = cache_path or cache_dir() / "online-geocode.json"
        self._query = query or self._nominatim(user_agent)
        try:
            self._cache: dict[str, Any] = _json.loads(self.cache_path.read_text("utf-8"))
        except (OSError, ValueError):
            self._cache = {}

    @staticmethod
    def _nominatim(user_agent: str) -> Callable[[str], tuple[float, float, str] | None]:
        def q(name: str) -> tuple[float, float, str] | None:
            try:
                from geopy.geocoders import Nominatim
            except ImportError as exc:  # pragma: no cover - depends on the optional extra
                msg = "Online geocoding needs geopy: pip install 'facmap[online]'."
                raise RuntimeError(msg) from exc
            loc = Nominatim(user_agent=user_agent, timeout=10).geocode(name)
            return None if loc is None else (loc.latitude, loc.longitude, loc.address)

        return q

    def geocode(self, name: str) -> tuple[float, float, str] | None:
        """Return ``(lat, lon, address)`` for ``name`` or None, from the cache when possible."""
        if name not in self._cache:
            res = self._query(name)
            self._cache[name] = list(res) if res else None
            try:
                self.cache_path.parent.mkdir(parents=True, exist_ok=True)
                self.cache_path.write_text(json.dumps(self._cache, ensure_ascii=False), "utf-8")
            except OSError:
                pass
        hit = self._cache[name]
        return None if hit is None else (float(hit[0]), float(hit[1]), str(hit[2]))



def place_unplaced_online(fc: dict[str, Any], geocoder: OnlineGeocoder) -> dict[str, Any]:
    """Try an online geocoder on the phrases that could not be placed offline.

    Each phrase the geocoder finds becomes a low-confidence feature, ``needs_review``, placed
    ``online``, with the service's answer as its source; the rest stay in ``facmap.unplaced``.
    Only ever called when the user asks for it (``--online``).
    """
    from urllib.parse import quote

    unplaced = list(fc.get("facmap", {}).get("unplaced", []))
    if not unplaced:
        return fc
    feats = {f["properties"]["id"]: f for f in fc["features"]}
    left = []
    for m in unplaced:
        name = m.get("place_name") or m["surface"]
        hit = geocoder.geocode(name)
        if hit is None:
            left.append(m)
            continue
        lat, lon, address = hit
        ftype = FacilityType(m["type"])
        fid = f"online-{ftype.value.replace('_', '-')}-{_slug(name)}"
        mention = {k: v for k, v in m.items() if k != "type"}
        if fid in feats:
            feats[fid]["properties"]["mentions"].append(mention)
            continue
        props: dict[str, Any] = {
            "id": fid,
            "name": f"{name} {ftype.label.lower()} (not in gazetteer)",
            "type": ftype.value,
            "country": _country_at(lon, lat),
            "operator": "",
            "inferred": False,
            "confidence": "low",
            "needs_review": True,
            "precision_km": UNLISTED_PRECISION_KM,
            "placed_by": "online geocoder (Nominatim), cached; verify before use",
            "point_basis": f"the online geocoder's answer for {name!r}: {address}",
            "lat": round(lat, COORD_DECIMALS),
            "lon": round(lon, COORD_DECIMALS),
            "aliases": [],
            "sources": [
                {
                    "name": f"OpenStreetMap Nominatim (ODbL) answer: {address}",
                    "url": f"https://nominatim.openstreetmap.org/search?q={quote(name)}",
                    "value": f"{lat} {lon}",
                }
            ],
            "feature_kind": "unlisted",
            "article_count": 1,
            "mentions": [mention],
        }
        feats[fid] = {
            "type": "Feature",
            "id": fid,
            "geometry": round_geometry(dict(mapping(Point(lon, lat)))),
            "properties": props,
        }
    for f in feats.values():
        p = f["properties"]
        p["article_count"] = len({m["article"] for m in p["mentions"]})
    out = dict(fc)
    out["facmap"] = {**fc["facmap"], "unplaced": left}
    out["features"] = [feats[k] for k in sorted(feats)]
    return out


def _slug(text: str) -> str:
    from .article import slugify

    return slugify(text)


def _country_at(lon: float, lat: float) -> str:
    """ISO code of the Natural Earth country containing the point ("XX" when none does)."""
    from .basemap import countries

    gdf = countries()
    hit = gdf[gdf.contains(Point(lon, lat))]
    code = str(hit.iloc[0]["iso_a2"]) if len(hit) else ""
    return code if len(code) == 2 and code.isalpha() else "XX"
