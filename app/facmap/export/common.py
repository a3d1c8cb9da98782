"""What every export shares: formats, the title, attribution, timestamp and option checks.

Kept apart from the writers so that a report's credits and its refusal messages are the same
whatever the format, and so that importing one writer does not import the others' libraries.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import Any

from .. import limits
from ..basemap import NATURAL_EARTH_CREDIT
from ..dataset import GCAT_CREDIT
from ..errors import FacmapError
from ..mapview import TYPE_STYLES

__all__ = [
    "DEFAULT_DPI",
    "DEFAULT_SIZE",
    "EXTENSIONS",
    "FORMATS",
    "GCAT_CREDIT",
    "MAX_DPI",
    "MEDIA_TYPES",
    "TYPE_COLORS",
    "ExportError",
    "attribution",
    "default_title",
    "generated_at",
]

#: export formats, in the order the page and the CLI list them
FORMATS: tuple[str, ...] = ("html", "png", "svg", "kml", "gpkg", "csv", "geojson")
EXTENSIONS = {f: f".{f}" for f in FORMATS}
MEDIA_TYPES = {
    "html": "text/html",
    "png": "image/png",
    "svg": "image/svg+xml",
    "kml": "application/vnd.google-earth.kml+xml",
    "gpkg": "application/geopackage+sqlite3",
    "csv": "text/csv",
    "geojson": "application/geo+json",
}

#: one colour per facility type, the interactive map's (static image, KML, legends)
TYPE_COLORS: dict[str, str] = {t: s.colour for t, s in TYPE_STYLES.items()}

DEFAULT_DPI = 150
#: figure size in inches: 10 x 7 fits an A4 page in landscape or a Word page at full width
DEFAULT_SIZE = (10.0, 7.0)
#: see :data:`facmap.limits.MAX_EXPORT_DPI` (the page's slider reads it)
MAX_DPI = limits.MAX_EXPORT_DPI


class ExportError(FacmapError):
    """An export cannot be made: unknown format, nothing left after filtering, bad option."""


# ---------------------------------------------------------------------------------------------
# shared: title, attribution, timestamp, checks


def generated_at() -> str:
    """Return the generation timestamp (UTC, ISO 8601, seconds).

    ``SOURCE_DATE_EPOCH`` (seconds since 1970) overrides the clock, for reproducible reports.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    now = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


def _articles(fc: dict[str, Any]) -> list[dict[str, str]]:
    """Articles behind the features shown (not every article of the dataset)."""
    used = {m["article"] for f in fc["features"] for m in f["properties"]["mentions"]}
    known = {a["id"]: a for a in fc.get("facmap", {}).get("articles", [])}
    out = [known.get(a, {"id": a}) for a in sorted(used)]
    return sorted(out, key=lambda a: (a.get("date", ""), a["id"]))


def _article_line(a: dict[str, str]) -> str:
    """Credit an article as a reader would cite it: outlet, date and title in quotes.

    The article id is a slug made for the data, not for readers; it is used only when the
    article has neither title, outlet, date nor address.
    """
    who = ", ".join(x for x in (a.get("outlet", "").strip(), a.get("date", "").strip()) if x)
    title = " ".join(a.get("title", "").split())
    if title:
        return f'{who} "{title}"' if who else f'"{title}"'
    return who or a.get("url", "").strip() or f"article {a['id']}"


def attribution(fc: dict[str, Any], *, basemap: bool = False) -> list[str]:
    """Return the attribution lines a report must carry, most specific first.

    Parameters
    ----------
    fc
        The filtered collection being exported.
    basemap
        Add the Natural Earth credit (for exports that draw country outlines).

    Returns
    -------
    list[str]
        ``"Article: <outlet>, <date> "<title>""`` for each article behind the features shown,
        then the dataset's data credits (GCAT's required line always among them).
    """
    lines = [f"Article: {_article_line(a)}" for a in _articles(fc)]
    credits = list(fc.get("facmap", {}).get("credits", []))
    if GCAT_CREDIT not in credits:
        credits.insert(0, GCAT_CREDIT)
    lines += credits
    if basemap:
        lines.append(NATURAL_EARTH_CREDIT)
    return lines


def default_title(fc: dict[str, Any]) -> str:
    """Name what is shown, e.g. ``"Facilities named in Airspace Review, 2025-10-31"``."""
    arts = _articles(fc)
    if len(arts) == 1:
        a = arts[0]
        who = ", ".join(x for x in (a.get("outlet", "").strip(), a.get("date", "").strip()) if x)
        return f"Facilities named in {who or _article_line(a)}"
    return f"Facilities named in {len(arts)} articles" if arts else "Facilities"


def _require_features(fc: Any) -> None:
    if not isinstance(fc, dict) or not isinstance(fc.get("features"), list):
        msg = (
            "Expected a facilities FeatureCollection (a dict with 'features'), "
            f"got {type(fc).__name__}. Load one with facmap.load_geojson()."
        )
        raise ExportError(msg)
    if not fc["features"]:
        msg = (
            "Expected at least one facility to export, got none after filtering. "
            "Widen the type or country filters."
        )
        raise ExportError(msg)


def _check_format(fmt: str) -> str:
    f = str(fmt).lower().lstrip(".")
    if f not in FORMATS:
        msg = f"Expected an export format among {', '.join(FORMATS)}, got {fmt!r}."
        raise ExportError(msg)
    return f


def _check_dpi(dpi: int, size: tuple[float, float] = DEFAULT_SIZE) -> int:
    """Refuse a resolution or image size past the limits, before anything is drawn.

    A 1,200 dpi map cost 590 MB of memory per request; :mod:`facmap.limits` bounds both the
    DPI and the pixel count, and the message gives the allowed range.
    """
    lo, hi = limits.MIN_EXPORT_DPI, limits.MAX_EXPORT_DPI
    if not isinstance(dpi, int) or isinstance(dpi, bool) or not lo <= dpi <= hi:
        msg = (
            f"Expected a DPI between {lo} and {hi}, got {dpi!r}. 150 suits screens, 300 print, "
            f"{hi} a poster."
        )
        raise ExportError(msg)
    w, h = _check_size(size)
    pixels = round(w * dpi) * round(h * dpi)
    if pixels > limits.MAX_EXPORT_PIXELS:
        best = int((limits.MAX_EXPORT_PIXELS / (w * h)) ** 0.5)
        msg = (
            f"Expected an image of at most {limits.MAX_EXPORT_PIXELS:,} pixels, but {w:g} x {h:g} "
            f"inches at {dpi} dpi is {pixels:,}. Use a DPI between {lo} and "
            f"{min(best, hi)} for this size, or a smaller size."
        )
        raise ExportError(msg)
    return dpi


def _check_size(size: tuple[float, float]) -> tuple[float, float]:
    import math

    try:
        w, h = (float(v) for v in size)
    except (TypeError, ValueError):
        msg = f"Expected the image size as (width, height) in inches, got {size!r}."
        raise ExportError(msg) from None
    if not (math.isfinite(w) and math.isfinite(h) and 2.5 <= w <= 100 and 1 <= h <= 100):
        msg = (
            f"Expected an image width of 2.5 to 100 inches and a height of 1 to 100, got "
            f"{size!r}. {DEFAULT_SIZE[0]:g} x {DEFAULT_SIZE[1]:g} fits a page."
        )
        raise ExportError(msg)
    return w, h


def _excerpts(p: dict[str, Any]) -> list[dict[str, Any]]:
    return list(p["mentions"])
