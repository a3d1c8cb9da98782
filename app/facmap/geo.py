"""Distances on the WGS84 ellipsoid, shared by every module that compares two points.

Kept apart from :mod:`facmap.geocode` so that the knowledge modules (places, reference lists)
and the extractor can measure distances without importing the geocoder, which imports them:
arrows point one way only.
"""

from __future__ import annotations

from pyproj import Geod

__all__ = ["GEOD", "distance_km"]

#: the ellipsoid every distance and great circle in facmap is computed on
GEOD = Geod(ellps="WGS84")


def distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Geodesic distance on the WGS84 ellipsoid, in km.

    Geodesic, not haversine: precisions of a few km on 1,000 km corridors are stated to the
    analyst, and the sphere is off by up to 0.5 %.
    """
    _, _, d = GEOD.inv(lon1, lat1, lon2, lat2)
    return float(d) / 1000.0
