"""Offline basemap: Natural Earth outlines at three levels of detail, and GeoNames town labels.

Analysts often work with no network, where tile servers are unreachable, so a basemap that is
always there is part of the package. Three levels, chosen by zoom so the first view stays
light and a zoomed-in view still has something to read:

- ``110m`` (zoom < 5): country outlines, one file (``data/basemap/countries-110m.json``,
  GeoJSON, provenance in ``data/NATURAL_EARTH.md``); the page fetches it beside the cells
  once its markers are drawn, a standalone map embeds it;
- ``50m`` (zoom 5-6) and ``10m`` (zoom >= 7): land, coastlines, borders, lakes, rivers and
  town names, cut into 10-degree cells (``data/basemap/<level>/<x>_<y>.json``, built by
  ``scripts/build_basemap.py``, provenance in ``data/basemap/README.md``). The page fetches
  only the cells in view; a standalone HTML export embeds the cells around its facilities.

Cell format: JSON with ``land`` and ``lakes`` (polygons: lists of rings), ``coast``,
``border`` and ``rivers`` (lines), each ring or line a flat list of integers ``x0, y0, dx1,
dy1, ...`` in 1/:data:`COORD_SCALE` degrees (delta-encoded: about a third of the size of
GeoJSON), and ``places``: ``[name, lat, lon, population]`` with lat/lon in the same units.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import FacmapError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "BASEMAP_CREDIT",
    "COORD_SCALE",
    "DETAIL_LEVELS",
    "GEONAMES_LABEL_CREDIT",
    "LABEL_MIN_POP",
    "NATURAL_EARTH_CREDIT",
    "TILE_DEG",
    "WORLD_FILE",
    "DetailLevel",
    "Label",
    "basemap_dir",
    "cells_for_bounds",
    "countries",
    "countries_geojson",
    "detail_cells",
    "global_places",
    "label_min_population",
    "level_for_zoom",
    "natural_earth_path",
    "read_cell",
    "thin_labels",
]

#: credit of the 1:110m outlines alone (the PNG/SVG exports draw only these)
NATURAL_EARTH_CREDIT = "Country outlines: Natural Earth 1:110m (public domain)"
GEONAMES_LABEL_CREDIT = "Town names: GeoNames (CC BY 4.0)"
#: the interactive map's basemap credit: all three levels, and the town labels
BASEMAP_CREDIT = (
    "Land, borders, lakes, rivers: Natural Earth 1:110m/50m/10m (public domain) · "
    + GEONAMES_LABEL_CREDIT
)

#: the 1:110m countries' file name in :func:`basemap_dir` (served beside the cells)
WORLD_FILE = "countries-110m.json"
#: cell size of the detailed levels, degrees
TILE_DEG = 10
#: cell coordinates are integers in 1/COORD_SCALE degrees (0.001 deg: about 100 m)
COORD_SCALE = 1000
#: cities at least this large are in ``places.json`` and labelled from zoom 2
GLOBAL_PLACES_MIN_POP = 1_000_000


@dataclass(frozen=True)
class DetailLevel:
    """A detailed level: the zoom it starts at and the smallest town its cells carry."""

    name: str
    min_zoom: int
    tile_places_min_pop: int


#: the detailed levels, coarsest first (below the first one's zoom, 1:110m is drawn)
DETAIL_LEVELS: dict[str, DetailLevel] = {
    "50m": DetailLevel("50m", 5, 100_000),
    "10m": DetailLevel("10m", 7, 15_000),
}

#: the smallest population labelled at each zoom (deeper zooms use the last entry): few labels
#: when zoomed out, every town of 15,000 by zoom 8 (the most GeoNames' cities15000 holds);
#: at zoom 5 over Europe, 300,000 gave about 130 names in a 1400 px map, too many to read
LABEL_MIN_POP: dict[int, int] = {
    0: 5_000_000,
    3: 2_000_000,
    4: 1_000_000,
    5: 500_000,
    6: 150_000,
    7: 40_000,
    8: 15_000,
}


def natural_earth_path() -> Path:
    """Path of the shipped Natural Earth 1:110m countries GeoJSON.

    It sits in :func:`basemap_dir`, so the page serves it with the cells (as
    :data:`WORLD_FILE`) instead of carrying its 195 kB inside the map's HTML.
    """
    return basemap_dir() / WORLD_FILE


def basemap_dir() -> Path:
    """Folder of the detailed cells (``50m/``, ``10m/``) and ``places.json``."""
    return Path(__file__).with_name("data") / "basemap"


def level_for_zoom(zoom: float) -> str:
    """Return the level drawn at ``zoom``: ``"110m"``, ``"50m"`` or ``"10m"``.

    Examples
    --------
    >>> level_for_zoom(3), level_for_zoom(5), level_for_zoom(8)
    ('110m', '50m', '10m')
    """
    chosen = "110m"
    for lv in DETAIL_LEVELS.values():
        if zoom >= lv.min_zoom:
            chosen = lv.name
    return chosen


def label_min_population(zoom: float) -> int:
    """Return the smallest town population labelled at ``zoom`` (see :data:`LABEL_MIN_POP`)."""
    z = math.floor(zoom)
    return LABEL_MIN_POP[max(k for k in LABEL_MIN_POP if k <= max(z, 0))]


def _check_level(level: str) -> None:
    if level not in DETAIL_LEVELS:
        msg = f"Expected a detailed level, one of {sorted(DETAIL_LEVELS)}, instead got: {level!r}."
        raise FacmapError(msg)


def cells_for_bounds(bounds: Sequence[Sequence[float]], *, margin: float = 0.0) -> list[str]:
    """Keys ``"x_y"`` of the 10-degree cells meeting ``[[south, west], [north, east]]``.

    ``margin`` (degrees) widens the box first. Longitudes outside -180..180 wrap (Leaflet's
    view can pass the antimeridian); latitudes are clamped. Cells with no land have no file,
    so callers skip keys that :func:`read_cell` does not find.
    """
    (south, west), (north, east) = bounds
    south, north = max(south - margin, -90.0), min(north + margin, 90.0 - 1e-9)
    west, east = west - margin, east + margin
    if east - west >= 360:
        west, east = -180.0, 180.0 - 1e-9
    nx, ny = 360 // TILE_DEG, 180 // TILE_DEG
    y0 = max(0, math.floor((south + 90) / TILE_DEG))
    y1 = min(ny - 1, math.floor((north + 90) / TILE_DEG))
    keys = []
    for xi in range(math.floor((west + 180) / TILE_DEG), math.floor((east + 180) / TILE_DEG) + 1):
        for yi in range(y0, y1 + 1):
            key = f"{xi % nx}_{yi}"
            if key not in keys:
                keys.append(key)
    return keys


def read_cell(level: str, key: str) -> dict[str, Any] | None:
    """One cell's data, or ``None`` when the cell holds no land (no file is shipped)."""
    _check_level(level)
    path = basemap_dir() / level / f"{key}.json"
    if not path.is_file():
        return None
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return data


def detail_cells(
    points: Iterable[Sequence[float]], *, max_cells: int = 30
) -> dict[str, dict[str, str]]:
    """Cell texts around ``points`` for every detailed level, for a standalone map to embed.

    Each point's cell and its eight neighbours are taken, so the view zoomed in on any
    facility (zoom 7 spans about 10 degrees) is covered. The result maps level -> key -> the
    cell's JSON text. With more than ``max_cells`` cells (world-wide data), the 10m level is
    left out and the 50m level kept to ``4 * max_cells`` cells, so an export stays a few
    hundred kB larger at most.

    Parameters
    ----------
    points
        (lat, lon) pairs, e.g. every position of every feature.
    max_cells
        The most 1:10m cells to embed.
    """
    keys: list[str] = []
    for lat, lon in points:
        for k in cells_for_bounds([[lat, lon], [lat, lon]], margin=TILE_DEG):
            if k not in keys:
                keys.append(k)
    out: dict[str, dict[str, str]] = {}
    for level in DETAIL_LEVELS:
        limit = max_cells if level == "10m" else 4 * max_cells
        if not keys or len(keys) > limit:
            continue
        texts = {}
        for key in keys:
            path = basemap_dir() / level / f"{key}.json"
            if path.is_file():
                texts[key] = path.read_text("utf-8")
        out[level] = texts
    return out


@cache
def global_places() -> list[list[Any]]:
    """Return the cities labelled at every zoom: ``[name, lat, lon, population]``."""
    data: list[list[Any]] = json.loads((basemap_dir() / "places.json").read_text("utf-8"))
    return data


@dataclass(frozen=True)
class Label:
    """A town label placed on the screen: its name and its box in pixels."""

    name: str
    population: int
    box: tuple[float, float, float, float]


def _project(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel position at ``zoom`` (Leaflet's EPSG:3857, 256 px tiles)."""
    scale = 256 * 2**zoom
    s = math.sin(math.radians(max(min(lat, 85.0511), -85.0511)))
    return (lon + 180) / 360 * scale, (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * scale


def _overlaps(a: Sequence[float], b: Sequence[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def thin_labels(
    places: Iterable[Sequence[Any]],
    zoom: float,
    *,
    obstacles: Iterable[tuple[float, float]] = (),
    char_px: float = 6.0,
    height_px: float = 12.0,
    obstacle_px: float = 16.0,
    pad_px: float = 3.0,
) -> list[Label]:
    """Choose the town labels to draw at ``zoom``: big towns first, none overlapping.

    The rule the map's script applies in the browser, kept here where it can be tested:
    towns under :func:`label_min_population` are dropped; the rest, largest first, take
    their box (text to the right of the town's dot) unless it meets a box already taken or a
    facility marker, so labels never hide markers or each other.

    Parameters
    ----------
    places
        ``[name, lat, lon, population]`` rows, lat/lon in degrees.
    zoom
        The map zoom.
    obstacles
        Facility marker positions as (lat, lon): each blocks a square of ``2 * obstacle_px``.
    char_px, height_px, pad_px
        Label size estimate: pixels per character, text height, and the gap kept around it.
    """
    min_pop = label_min_population(zoom)
    blocked = []
    for lat, lon in obstacles:
        x, y = _project(lat, lon, zoom)
        blocked.append((x - obstacle_px, y - obstacle_px, x + obstacle_px, y + obstacle_px))
    taken: list[Label] = []
    rows = sorted((p for p in places if int(p[3]) >= min_pop), key=lambda p: -int(p[3]))
    for name, lat, lon, pop in rows:
        x, y = _project(float(lat), float(lon), zoom)
        w = len(str(name)) * char_px
        bx = (
            x - pad_px,
            y - height_px / 2 - pad_px,
            x + 6 + w + pad_px,
            y + height_px / 2 + pad_px,
        )
        if any(_overlaps(bx, o) for o in blocked) or any(_overlaps(bx, t.box) for t in taken):
            continue
        taken.append(Label(str(name), int(pop), bx))
    return taken


@cache
def countries_geojson() -> dict[str, Any]:
    """Country outlines as a GeoJSON FeatureCollection (``name``, ``iso_a2``; 3 decimals)."""
    data: dict[str, Any] = json.loads(natural_earth_path().read_text("utf-8"))
    return data


@cache
def countries() -> gpd.GeoDataFrame:
    """Country polygons (EPSG:4326) with ``name`` and ``iso_a2`` columns."""
    import geopandas as gpd

    return gpd.GeoDataFrame.from_features(countries_geojson()["features"], crs="EPSG:4326")
