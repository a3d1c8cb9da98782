"""Offline basemap: Natural Earth 1:110m country outlines shipped with the package.

Analysts often work with no network, where tile servers are unreachable, so a basemap that is
always there is part of the package (``data/ne_110m_admin_0_countries.geojson``, public domain,
provenance in ``data/NATURAL_EARTH.md``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["NATURAL_EARTH_CREDIT", "countries", "countries_geojson", "natural_earth_path"]

NATURAL_EARTH_CREDIT = "Country outlines: Natural Earth 1:110m (public domain)"


def natural_earth_path() -> Path:
    """Path of the shipped Natural Earth countries GeoJSON."""
    return Path(__file__).with_name("data") / "ne_110m_admin_0_countries.geojson"


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
