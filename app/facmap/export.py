"""Reports: the map as the user filtered it, in the formats reports are made of.

One module serves the page, the CLI and the notebook, so a report always matches the screen:
each function takes an already filtered collection (see :func:`facmap.dataset.filter_collection`)
and returns text or bytes. Every export carries a title, source attribution (the outlets and
dates of the articles behind the features shown, and data credits such as GCAT's required line)
and a generation timestamp; visual ones add a legend. Nothing here touches the network.

======================  =================================================================
format                  function
======================  =================================================================
``html``                :func:`to_html` (one self-contained file; :func:`iframe_snippet`)
``png`` / ``svg``       :func:`to_png` / :func:`to_svg` (matplotlib, offline basemap)
``kml``                 :func:`to_kml` (Google Earth)
``gpkg``                :func:`to_gpkg` (QGIS)
``csv``                 :func:`to_csv`
``geojson``             :func:`to_geojson`
======================  =================================================================

:func:`export_bytes` and :func:`write_export` dispatch on the format name; writes are atomic.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import tempfile
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, limits
from .basemap import NATURAL_EARTH_CREDIT
from .dataset import GCAT_CREDIT, write_text_atomic
from .errors import DatasetError, FacmapError
from .mapview import TYPE_STYLES, safe_url
from .types import FacilityType

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "MEDIA_TYPES",
    "TYPE_COLORS",
    "ExportError",
    "ReportMap",
    "attribution",
    "default_title",
    "export_bytes",
    "generated_at",
    "iframe_snippet",
    "to_csv",
    "to_geojson",
    "to_gpkg",
    "to_html",
    "to_kml",
    "to_png",
    "to_svg",
    "write_export",
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
#: at most this many labels are tried on a static map; the rest are left to the legend
MAX_LABELS = 60

_LAND = "#f2efe9"
_SEA = "#dcebf5"
_BORDER = "#a0a0a0"


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
    who = ", ".join(x for x in (a.get("outlet", ""), a.get("date", "")) if x) or a["id"]
    title = f' "{a["title"]}"' if a.get("title") else ""
    return f"{who}{title}"


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
        who = ", ".join(x for x in (a.get("outlet", ""), a.get("date", "")) if x) or a["id"]
        return f"Facilities named in {who}"
    return f"Facilities named in {len(arts)} articles" if arts else "Facilities"


def _footer(fc: dict[str, Any], *, basemap: bool) -> str:
    return (
        " · ".join(attribution(fc, basemap=basemap))
        + f" · Generated {generated_at()} by facmap {__version__}"
    )


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


# ---------------------------------------------------------------------------------------------
# data exports


def to_geojson(fc: dict[str, Any], *, title: str | None = None) -> str:
    """Return the filtered collection as GeoJSON text, with report metadata.

    The result still satisfies the facmap contract (``facmap validate`` accepts it); the
    ``facmap.report`` member holds the title, attribution and generation timestamp.
    """
    _require_features(fc)
    from .dataset import dumps

    meta = dict(fc.get("facmap", {}))
    meta["report"] = {
        "title": title or default_title(fc),
        "generated": generated_at(),
        "generator": f"facmap {__version__}",
        "attribution": attribution(fc),
    }
    return dumps({"type": "FeatureCollection", "facmap": meta, "features": fc["features"]})


#: CSV columns; nested evidence is flattened to the first excerpt plus counts
CSV_COLUMNS = (
    "name",
    "type",
    "country",
    "lat",
    "lon",
    "precision_km",
    "excerpt",
    "surface",
    "outlet",
    "date",
    "url",
    "id",
    "operator",
    "geometry_type",
    "confidence",
    "inferred",
    "needs_review",
    "mention_count",
    "sources",
    "report_title",
    "attribution",
    "generated",
)


#: a spreadsheet reads a cell beginning with one of these as a formula (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    """Neutralise a text cell a spreadsheet would run as a formula: prefix a single quote.

    Article text and metadata are untrusted; an outlet ``=HYPERLINK("http://evil","x")``
    must show as text. Numbers (a negative longitude) are left as numbers.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_rows(fc: dict[str, Any], title: str) -> Iterable[list[Any]]:
    attrib = " · ".join(attribution(fc))
    stamp = generated_at()
    for f in fc["features"]:
        p = f["properties"]
        m = p["mentions"][0]
        yield [
            p["name"],
            p["type"],
            p["country"],
            p.get("lat", ""),
            p.get("lon", ""),
            p["precision_km"],
            m["excerpt"],
            m["surface"],
            m.get("outlet", ""),
            m.get("date", ""),
            m.get("url", ""),
            p["id"],
            p["operator"],
            f["geometry"]["type"],
            p.get("confidence", ""),
            p["inferred"],
            bool(p.get("needs_review", False)),
            len(p["mentions"]),
            "; ".join(f"{s['name']} <{s['url']}>" for s in p["sources"]),
            title,
            attrib,
            stamp,
        ]


def to_csv(fc: dict[str, Any], *, title: str | None = None) -> str:
    """Return one CSV row per facility (UTF-8 text, header first, CRLF line ends).

    Columns are :data:`CSV_COLUMNS`: name, type, country, lat, lon, precision_km, the first
    excerpt that names the facility and where it came from, then the report's title,
    attribution and timestamp on every row (so a row cut out of the table keeps its credit).
    A text cell beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed
    with a single quote so that no spreadsheet runs it as a formula (OWASP CSV injection).
    """
    _require_features(fc)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    w.writerows([_csv_cell(c) for c in row] for row in _csv_rows(fc, title or default_title(fc)))
    return buf.getvalue()


def _report_gdf(fc: dict[str, Any]) -> Any:
    from .dataset import to_geodataframe

    gdf = to_geodataframe(fc)
    firsts = [f["properties"]["mentions"][0] for f in fc["features"]]
    gdf.insert(gdf.columns.get_loc("excerpt") + 1, "outlet", [m.get("outlet", "") for m in firsts])
    gdf.insert(gdf.columns.get_loc("outlet") + 1, "date", [m.get("date", "") for m in firsts])
    gdf.insert(gdf.columns.get_loc("date") + 1, "url", [m.get("url", "") for m in firsts])
    return gdf


def _write_gpkg(fc: dict[str, Any], path: Path, title: str) -> None:
    gdf = _report_gdf(fc)
    meta = {
        "title": title,
        "attribution": " · ".join(attribution(fc)),
        "generated": generated_at(),
        "generator": f"facmap {__version__}",
    }
    gdf.to_file(path, driver="GPKG", layer="facilities", engine="pyogrio", metadata=meta)


def to_gpkg(fc: dict[str, Any], *, title: str | None = None) -> bytes:
    """Return a GeoPackage (layer ``facilities``, EPSG:4326) as bytes, for QGIS.

    Points, areas and corridors share one layer (geometry type ``GEOMETRY``). The layer
    metadata holds the title, attribution and generation timestamp.
    """
    _require_features(fc)
    with tempfile.TemporaryDirectory(prefix="facmap-") as tmp:
        path = Path(tmp) / "facilities.gpkg"
        _write_gpkg(fc, path, title or default_title(fc))
        return path.read_bytes()


# KML ------------------------------------------------------------------------------------------

_KML_NS = "http://www.opengis.net/kml/2.2"


def _kml_color(hex_rgb: str, alpha: int) -> str:
    r, g, b = hex_rgb[1:3], hex_rgb[3:5], hex_rgb[5:7]
    return f"{alpha:02x}{b}{g}{r}"


def _kml_coords(ring: Sequence[Sequence[float]]) -> str:
    return " ".join(f"{x[0]:.6f},{x[1]:.6f}" for x in ring)


def _placemark_html(f: dict[str, Any]) -> str:
    """Balloon HTML for one facility; every value from the data is escaped."""
    p = f["properties"]
    e = html.escape
    parts = [
        f"<p><b>{e(FacilityType(p['type']).label)}</b>, {e(p['country'])}"
        + (f" · {e(p['operator'])}" if p["operator"] else "")
        + f"<br/>Position ±{p['precision_km']:g} km"
        + (f" ({e(p['point_basis'])})" if p.get("point_basis") else "")
        + "</p>"
    ]
    if p["inferred"] and p.get("reasoning"):
        parts.append(f"<p><i>Inferred:</i> {e(p['reasoning'])}</p>")
    for m in _excerpts(p):
        cite = ", ".join(e(m[k]) for k in ("outlet", "date") if m.get(k))
        url = safe_url(m.get("url"))
        link = f' <a href="{e(url)}">source</a>' if url else ""
        parts.append(f"<blockquote>“{e(m['excerpt'])}”</blockquote><p>{cite}{link}</p>")
    srcs = "".join(
        f'<li><a href="{e(u)}">{e(s["name"])}</a></li>'
        if (u := safe_url(s["url"]))
        else f"<li>{e(s['name'])} ({e(s['url'])})</li>"
        for s in p["sources"]
    )
    parts.append(f"<p>Coordinates from:</p><ul>{srcs}</ul>")
    return "".join(parts)


def _kml_geometry(parent: Any, f: dict[str, Any]) -> None:
    from lxml import etree

    def sub(el: Any, tag: str, text: str | None = None) -> Any:
        child = etree.SubElement(el, f"{{{_KML_NS}}}{tag}")
        if text is not None:
            child.text = text
        return child

    def polygon(el: Any, rings: Sequence[Sequence[Sequence[float]]]) -> None:
        poly = sub(el, "Polygon")
        sub(poly, "tessellate", "1")
        for k, ring in enumerate(rings):
            b = sub(poly, "outerBoundaryIs" if k == 0 else "innerBoundaryIs")
            sub(sub(b, "LinearRing"), "coordinates", _kml_coords(ring))

    g = f["geometry"]
    p = f["properties"]
    if g["type"] == "Point":
        sub(sub(parent, "Point"), "coordinates", _kml_coords([g["coordinates"]]))
    elif g["type"] == "LineString":
        line = sub(parent, "LineString")
        sub(line, "tessellate", "1")
        sub(line, "coordinates", _kml_coords(g["coordinates"]))
    else:
        multi = sub(parent, "MultiGeometry")
        if "lat" in p and "lon" in p:  # a pin where the facility's point is, for the label
            sub(sub(multi, "Point"), "coordinates", f"{p['lon']:.6f},{p['lat']:.6f}")
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        for rings in polys:
            polygon(multi, rings)


def to_kml(fc: dict[str, Any], *, title: str | None = None) -> str:
    """Return KML 2.2 for Google Earth: one folder per type, one placemark per facility.

    Placemarks carry the name, a description with the escaped excerpts and citations, the
    facility's fields as ``ExtendedData``, and a style per type (pin colour, line and area
    fill). Areas are polygons with a pin; corridors are lines. No icon is fetched from the
    network: pins are the viewer's default, tinted.
    """
    _require_features(fc)
    from lxml import etree

    k = f"{{{_KML_NS}}}"
    root = etree.Element(f"{k}kml", nsmap={None: _KML_NS})
    doc = etree.SubElement(root, f"{k}Document")
    etree.SubElement(doc, f"{k}name").text = title or default_title(fc)
    etree.SubElement(doc, f"{k}open").text = "1"
    credit = "<br/>".join(html.escape(x) for x in attribution(fc))
    etree.SubElement(
        doc, f"{k}description"
    ).text = f"<p>{credit}</p><p>Generated {generated_at()} by facmap {__version__}</p>"
    types = sorted({f["properties"]["type"] for f in fc["features"]})
    for t in types:
        color = TYPE_COLORS.get(t, "#333333")
        st = etree.SubElement(doc, f"{k}Style", id=f"type-{t}")
        icon = etree.SubElement(st, f"{k}IconStyle")
        etree.SubElement(icon, f"{k}color").text = _kml_color(color, 0xFF)
        etree.SubElement(icon, f"{k}scale").text = "1.1"
        line = etree.SubElement(st, f"{k}LineStyle")
        etree.SubElement(line, f"{k}color").text = _kml_color(color, 0xFF)
        etree.SubElement(line, f"{k}width").text = "2.5"
        poly = etree.SubElement(st, f"{k}PolyStyle")
        etree.SubElement(poly, f"{k}color").text = _kml_color(color, 0x55)
    for t in types:
        folder = etree.SubElement(doc, f"{k}Folder")
        etree.SubElement(folder, f"{k}name").text = FacilityType(t).label
        for f in fc["features"]:
            p = f["properties"]
            if p["type"] != t:
                continue
            pm = etree.SubElement(folder, f"{k}Placemark", id=p["id"])
            etree.SubElement(pm, f"{k}name").text = p["name"]
            etree.SubElement(pm, f"{k}description").text = _placemark_html(f)
            etree.SubElement(pm, f"{k}styleUrl").text = f"#type-{t}"
            ext = etree.SubElement(pm, f"{k}ExtendedData")
            for key in ("id", "type", "country", "operator", "precision_km", "confidence"):
                if key in p:
                    d = etree.SubElement(ext, f"{k}Data", name=key)
                    etree.SubElement(d, f"{k}value").text = str(p[key])
            _kml_geometry(pm, f)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return out.decode("utf-8")


# ---------------------------------------------------------------------------------------------
# static image (PNG, SVG)


@dataclass
class _Drawn:
    """What is on the static map, per feature: its marker anchor and label priority."""

    name: str
    x: float
    y: float
    priority: tuple[int, int, str]


def _shapes(fc: dict[str, Any]) -> list[tuple[dict[str, Any], Any]]:
    from shapely.geometry import shape

    return [(f, shape(f["geometry"])) for f in fc["features"]]


def _extent(shapes: Sequence[Any]) -> tuple[float, float, float, float]:
    """Bounds of the features with a margin of 12% (at least 1.5 degrees of span)."""
    import shapely

    x0, y0, x1, y1 = shapely.total_bounds(list(shapes))
    w, h = max(x1 - x0, 1.5), max(y1 - y0, 1.0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = w * 1.24, h * 1.24
    return (
        max(cx - w / 2, -180.0),
        max(cy - h / 2, -85.0),
        min(cx + w / 2, 180.0),
        min(cy + h / 2, 85.0),
    )


def _nice(x: float) -> float:
    import math

    exp = 10 ** math.floor(math.log10(x))
    return float(max(m * exp for m in (1, 2, 5) if m * exp <= x))


def _scale_bar(ax: Axes, lat0: float) -> None:
    """Draw a two-segment scale bar in the lower left, measured on the WGS84 ellipsoid."""
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    bx, by = x0 + 0.04 * (x1 - x0), y0 + 0.06 * (y1 - y0)
    width_km = geod.line_length([x0, x1], [by, by]) / 1000
    km = _nice(width_km / 5)
    half_lon, _, _ = geod.fwd(bx, by, 90, km * 500)
    end_lon, _, _ = geod.fwd(bx, by, 90, km * 1000)
    t = 0.008 * (y1 - y0)
    for a, b, c in ((bx, half_lon, "#222222"), (half_lon, end_lon, "white")):
        ax.fill(
            [a, b, b, a],
            [by - t, by - t, by + t, by + t],
            facecolor=c,
            edgecolor="#222222",
            linewidth=0.8,
            zorder=20,
        )
    label = f"{km:g} km"
    ax.text(bx, by + 3 * t, "0", ha="center", va="bottom", fontsize=7, zorder=20)
    ax.text(end_lon, by + 3 * t, label, ha="center", va="bottom", fontsize=7, zorder=20)


def _north_arrow(ax: Axes) -> Any:
    return ax.annotate(
        "N",
        xy=(0.955, 0.955),
        xytext=(0.955, 0.86),
        xycoords="axes fraction",
        textcoords="axes fraction",
        ha="center",
        va="top",
        fontsize=10,
        fontweight="bold",
        arrowprops={"facecolor": "#222222", "edgecolor": "#222222", "width": 3, "headwidth": 9},
        zorder=20,
    )


def _place_labels(
    fig: Figure, ax: Axes, drawn: list[_Drawn], marker_px: float, obstacles: list[Any]
) -> int:
    """Label features greedily, most important first, where a label overlaps nothing.

    Each label tries eight positions around its marker, then six further out; a position that
    would overlap another label, a marker, the scale bar, the north arrow or the axes edge is
    skipped. Returns how many features were labelled.
    """
    import numpy as np

    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    pts = ax.transData.transform(np.array([[d.x, d.y] for d in drawn]))
    box = ax.get_window_extent(renderer)
    r = marker_px / 2 + 1
    placed: list[Any] = list(obstacles)
    offsets: list[tuple[float, float, str, str]] = [
        (6, 0, "left", "center"),
        (-6, 0, "right", "center"),
        (0, 6, "center", "bottom"),
        (0, -6, "center", "top"),
        (5, 5, "left", "bottom"),
        (-5, 5, "right", "bottom"),
        (5, -5, "left", "top"),
        (-5, -5, "right", "top"),
    ]
    # then a wider ring, a leader's length away, before giving up on a label
    offsets += [(2 * dx, 2.5 * dy, ha, va) for dx, dy, ha, va in offsets[2:]]
    order = sorted(range(len(drawn)), key=lambda i: drawn[i].priority)[:MAX_LABELS]
    n = 0
    for i in order:
        d = drawn[i]
        for dx, dy, ha, va in offsets:
            t = ax.annotate(
                d.name,
                (d.x, d.y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=7.5,
                color="#111111",
                zorder=15,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
            )
            bb = t.get_window_extent(renderer)
            inside = bb.x0 >= box.x0 and bb.x1 <= box.x1 and bb.y0 >= box.y0 and bb.y1 <= box.y1
            hits_marker = bool(
                np.any(
                    (pts[:, 0] + r > bb.x0)
                    & (pts[:, 0] - r < bb.x1)
                    & (pts[:, 1] + r > bb.y0)
                    & (pts[:, 1] - r < bb.y1)
                )
            )
            if inside and not hits_marker and not any(bb.overlaps(o) for o in placed):
                placed.append(bb)
                n += 1
                break
            t.remove()
    return n


def _figure(
    fc: dict[str, Any], *, title: str | None, dpi: int, size: tuple[float, float]
) -> Figure:
    import math

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from .basemap import countries

    _require_features(fc)
    shapes = _shapes(fc)
    x0, y0, x1, y1 = _extent([s for _, s in shapes])
    lat0 = (y0 + y1) / 2

    fig = Figure(figsize=size, dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    # the legend sits right of the map, so it never hides a facility, the arrow or the scale
    right = 1 - 2.0 / size[0]
    fig.subplots_adjust(left=0.03, right=right, top=0.91, bottom=0.12)
    ax = fig.add_subplot()
    ax.set_facecolor(_SEA)
    world = countries()
    world.cx[x0 - 5 : x1 + 5, y0 - 5 : y1 + 5].plot(
        ax=ax, facecolor=_LAND, edgecolor=_BORDER, linewidth=0.6, zorder=1
    )
    # equirectangular around the middle latitude; widen one side so the data fill the axes box
    aspect = 1 / math.cos(math.radians(lat0))
    box_ratio = (size[0] * (right - 0.03)) / (size[1] * (0.91 - 0.12))
    dx, dy = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if dx / (dy * aspect) < box_ratio:
        dx = box_ratio * dy * aspect
    else:
        dy = dx / (aspect * box_ratio)
    ax.set_xlim(cx - dx / 2, cx + dx / 2)
    ax.set_ylim(cy - dy / 2, cy + dy / 2)
    ax.set_aspect(aspect, adjustable="box")
    ax.apply_aspect()
    ax.set_xticks([])
    ax.set_yticks([])

    marker_pt = 7.0
    drawn: list[_Drawn] = []
    by_type: dict[str, list[tuple[float, float]]] = {}
    has_area = has_line = False
    for f, geom in shapes:
        p = f["properties"]
        color = TYPE_COLORS.get(p["type"], "#333333")
        gt = f["geometry"]["type"]
        if gt in ("Polygon", "MultiPolygon"):
            has_area = True
            for poly in getattr(geom, "geoms", [geom]):
                xs, ys = poly.exterior.xy
                ax.fill(xs, ys, facecolor=color, alpha=0.18, edgecolor="none", zorder=3)
                ax.plot(xs, ys, color=color, linewidth=1.2, linestyle=(0, (4, 2)), zorder=4)
        if gt == "LineString":
            has_line = True
            xs, ys = geom.xy
            ax.plot(xs, ys, color=color, linewidth=1.8, linestyle=(0, (6, 3)), zorder=5)
            mid = geom.interpolate(0.5, normalized=True)
            x, y = mid.x, mid.y
        elif "lat" in p and "lon" in p:
            x, y = float(p["lon"]), float(p["lat"])
        else:
            rp = geom.representative_point()
            x, y = rp.x, rp.y
        if gt != "LineString":
            by_type.setdefault(p["type"], []).append((x, y))
        rank = 2 if p["type"] == "place" else (1 if gt == "LineString" else 0)
        drawn.append(_Drawn(p["name"], x, y, (rank, -len(p["mentions"]), p["name"])))
    for t, xy in sorted(by_type.items()):
        arr = np.array(xy)
        ax.scatter(
            arr[:, 0],
            arr[:, 1],
            s=marker_pt**2,
            c=TYPE_COLORS.get(t, "#333333"),
            edgecolors="white",
            linewidths=0.8,
            zorder=10,
        )

    present = sorted({f["properties"]["type"] for f in fc["features"]})
    handles: list[Any] = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=7,
            markerfacecolor=TYPE_COLORS.get(t, "#333333"),
            markeredgecolor="white",
            label=FacilityType(t).label,
        )
        for t in present
    ]
    if has_area:
        handles.append(
            Patch(
                facecolor="#999999",
                alpha=0.3,
                edgecolor="#555555",
                linestyle="--",
                label="Area (approximate outline)",
            )
        )
    if has_line:
        handles.append(Line2D([], [], color="#555555", linestyle="--", label="Test corridor"))
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0.0,
        fontsize=7.5,
        title="Facility type",
        title_fontsize=8,
        framealpha=0.9,
    )
    legend.set_zorder(30)

    marker_px = marker_pt * dpi / 72
    _scale_bar(ax, lat0)
    arrow = _north_arrow(ax)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    obstacles = [legend.get_window_extent(renderer), arrow.get_window_extent(renderer)]
    obstacles += [t.get_window_extent(renderer) for t in ax.texts]  # scale bar labels
    obstacles += [p.get_window_extent(renderer) for p in ax.patches[-2:]]  # scale bar
    _place_labels(fig, ax, drawn, marker_px, obstacles)

    fig.suptitle(title or default_title(fc), x=0.03, y=0.965, ha="left", fontsize=13)
    n = len(fc["features"])
    fig.text(
        0.03,
        0.925,
        f"{n} facilit{'y' if n == 1 else 'ies'} · positions approximate; "
        "precision per facility in the data",
        fontsize=8,
        color="#444444",
        ha="left",
    )
    footer = "\n".join(textwrap.wrap(_footer(fc, basemap=True), width=int(size[0] * 19)))
    fig.text(0.03, 0.105, footer, fontsize=6.5, color="#333333", ha="left", va="top")
    return fig


def _image_metadata(fc: dict[str, Any], title: str, fmt: str) -> dict[str, str]:
    credit = " · ".join(attribution(fc, basemap=True))
    if fmt == "svg":
        return {
            "Title": title,
            "Description": credit,
            "Date": generated_at(),
            "Creator": f"facmap {__version__}",
        }
    return {
        "Title": title,
        "Source": credit,
        "Creation Time": generated_at(),
        "Software": f"facmap {__version__}",
    }


def to_png(
    fc: dict[str, Any],
    *,
    title: str | None = None,
    dpi: int = DEFAULT_DPI,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> bytes:
    """Return a PNG map of the facilities for PDF and Word reports.

    Parameters
    ----------
    fc
        The filtered collection.
    title
        Default: :func:`default_title`.
    dpi
        Dots per inch; the image is ``size[0] * dpi`` by ``size[1] * dpi`` pixels and records
        the DPI so word processors place it at ``size`` inches.
    size
        Width and height in inches.

    Returns
    -------
    bytes
        PNG with country outlines, facilities by type, areas, corridors, labels, legend, scale
        bar, north arrow, title, credits and the generation time (also in the PNG text chunks).
    """
    _check_dpi(dpi, size)
    t = title or default_title(fc)
    fig = _figure(fc, title=t, dpi=dpi, size=size)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata=_image_metadata(fc, t, "png"))
    return buf.getvalue()


def to_svg(
    fc: dict[str, Any], *, title: str | None = None, size: tuple[float, float] = DEFAULT_SIZE
) -> str:
    """Return the same map as :func:`to_png` as SVG text (scalable, text kept as paths)."""
    _check_dpi(72, size)
    t = title or default_title(fc)
    fig = _figure(fc, title=t, dpi=72, size=size)
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata=_image_metadata(fc, t, "svg"))
    return buf.getvalue().decode("utf-8")


# ---------------------------------------------------------------------------------------------
# interactive HTML, iframe and notebook display


_REPORT_CSS = """
.facmap-report { position: absolute; top: 10px; left: 50%; transform: translateX(-50%);
  z-index: 1000; max-width: min(640px, 70%); background: rgba(255,255,255,.93);
  padding: 6px 12px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3);
  font: 13px/1.35 system-ui, sans-serif; }
.facmap-report h1 { font-size: 16px; margin: 0 0 2px; }
.facmap-report details { color: #444; font-size: 11px; }
.facmap-report summary { cursor: pointer; }
.facmap-report ul { margin: 2px 0; padding-left: 16px; }
.facmap-report .facmap-generated { color: #666; font-size: 11px; }
@media print { .facmap-report details { display: none; } }
"""


def _report_box(fc: dict[str, Any], title: str) -> str:
    e = html.escape
    n = len(fc["features"])
    items = "".join(f"<li>{e(x)}</li>" for x in attribution(fc, basemap=True))
    return (
        '<div class="facmap-report" role="region" aria-label="Report title and sources">'
        f"<h1>{e(title)}</h1>"
        f"<div>{n} facilit{'y' if n == 1 else 'ies'} · positions approximate</div>"
        f"<details><summary>Sources and credits</summary><ul>{items}</ul></details>"
        f'<div class="facmap-generated">Generated <time datetime="{e(generated_at())}">'
        f"{e(generated_at())}</time> by facmap {e(__version__)}</div></div>"
    )


def to_html(fc: dict[str, Any], *, title: str | None = None, online_basemaps: bool = True) -> str:
    """Return the interactive map as one self-contained HTML file.

    The map is :func:`facmap.mapview.build_map`'s, so the report matches the page: markers by
    type, popups quoting the articles, legend, layer control, scale bar. All JavaScript and CSS
    are inlined (``data:`` URIs) and the Natural Earth basemap is built in, so the file opens
    from disk with no network. A box at the top holds the title, the sources and the
    generation time.

    Parameters
    ----------
    fc
        The filtered collection.
    title
        Default: :func:`default_title`.
    online_basemaps
        Offer OpenStreetMap and satellite tiles in the layer control; they fetch nothing
        unless the reader picks them.
    """
    _require_features(fc)
    from branca.element import Element
    from branca.element import Figure as Page

    from .mapview import build_map
    from .mapview import to_html as render

    t = title or default_title(fc)
    m = build_map(fc, online_basemaps=online_basemaps)
    root = m.get_root()
    assert isinstance(root, Page)
    root.header.add_child(Element(f"<title>{html.escape(t)}</title>"), name="facmap_title")
    meta = {
        "generator": f"facmap {__version__}",
        "dcterms.created": generated_at(),
        "dcterms.rights": " · ".join(attribution(fc, basemap=True)),
    }
    tags = "".join(
        f'<meta name="{k}" content="{html.escape(v, quote=True)}">' for k, v in meta.items()
    )
    root.header.add_child(Element(tags), name="facmap_meta")
    root.header.add_child(Element(f"<style>{_REPORT_CSS}</style>"), name="facmap_report_css")
    root.html.add_child(Element(_report_box(fc, t)), name="facmap_report")
    return render(m)


def iframe_snippet(
    src: str | None = None,
    *,
    html_text: str | None = None,
    title: str = "facmap map",
    width: str = "100%",
    height: int = 520,
) -> str:
    """Return an ``<iframe>`` that embeds an exported map in a report page.

    Parameters
    ----------
    src
        Address of the HTML export relative to the report (e.g. ``"map.html"``).
    html_text
        Or the export itself: it is embedded with ``srcdoc`` so the report is one file.
    title
        Accessible name of the frame.
    width, height
        CSS width (e.g. ``"100%"``) and height in pixels.
    """
    if (src is None) == (html_text is None):
        msg = "Expected exactly one of src= (a path or URL) or html_text= (an HTML export)."
        raise ExportError(msg)
    where = (
        f'src="{html.escape(src, quote=True)}"'
        if src is not None
        else f'srcdoc="{html.escape(html_text or "", quote=True)}"'
    )
    return (
        f'<iframe {where} title="{html.escape(title, quote=True)}" width="{html.escape(width)}" '
        f'height="{int(height)}" style="border:1px solid #ccc" loading="lazy" '
        'sandbox="allow-scripts allow-popups"></iframe>'
    )


class ReportMap:
    """A filtered map that displays itself inline in Jupyter and saves to any export format.

    Examples
    --------
    >>> rm = ReportMap(fc, title="Test ranges")  # doctest: +SKIP
    >>> rm  # in a notebook cell: the interactive map, offline
    >>> rm.save("ranges.png", dpi=300)
    """

    def __init__(self, fc: dict[str, Any], *, title: str | None = None, height: int = 520):
        _require_features(fc)
        self.fc = fc
        self.title = title or default_title(fc)
        self.height = height

    def _repr_html_(self) -> str:
        return iframe_snippet(html_text=self.html(), title=self.title, height=self.height)

    def html(self) -> str:
        """Return the standalone HTML export."""
        return to_html(self.fc, title=self.title)

    def save(self, path: str | Path, *, fmt: str | None = None, dpi: int = DEFAULT_DPI) -> Path:
        """Write the map to ``path`` in ``fmt`` (default: from the extension); atomic."""
        return write_export(self.fc, path, fmt=fmt, title=self.title, dpi=dpi)


# ---------------------------------------------------------------------------------------------
# dispatch and atomic writes


def export_bytes(
    fc: dict[str, Any], fmt: str, *, title: str | None = None, dpi: int = DEFAULT_DPI
) -> bytes:
    """Return the export of ``fc`` in ``fmt`` (one of :data:`FORMATS`) as bytes.

    This is what the page's download buttons call; :data:`MEDIA_TYPES` and
    :data:`EXTENSIONS` give the MIME type and file extension.

    Raises
    ------
    ExportError
        Unknown format, bad DPI, or no features.
    """
    f = _check_format(fmt)
    if f == "png":
        return to_png(fc, title=title, dpi=dpi)
    if f == "gpkg":
        return to_gpkg(fc, title=title)
    writers: dict[str, Callable[..., str]] = {
        "html": to_html,
        "svg": to_svg,
        "kml": to_kml,
        "csv": to_csv,
        "geojson": to_geojson,
    }
    return writers[f](fc, title=title).encode("utf-8")


def format_for_path(path: str | Path) -> str:
    """Infer the export format from a file name's extension (``.json`` counts as GeoJSON)."""
    ext = Path(path).suffix.lower().lstrip(".")
    ext = {"json": "geojson", "htm": "html"}.get(ext, ext)
    if ext not in FORMATS:
        msg = (
            f"Cannot tell the export format from {str(path)!r}: expected an extension among "
            f"{', '.join('.' + x for x in FORMATS)}, got {Path(path).suffix or 'none'!r}. "
            "Name the format (--format in the CLI)."
        )
        raise ExportError(msg)
    return ext


def _write_bytes_atomic(path: Path, data: bytes) -> None:
    from .dataset import write_bytes_atomic

    try:
        write_bytes_atomic(path, data)
    except DatasetError as exc:
        raise ExportError(str(exc)) from None


def write_export(
    fc: dict[str, Any],
    path: str | Path,
    *,
    fmt: str | None = None,
    title: str | None = None,
    dpi: int = DEFAULT_DPI,
) -> Path:
    """Export ``fc`` to ``path`` atomically: a temporary file in the same folder, then rename.

    The export is made in memory first, so a failure (no features, bad option) leaves no file
    and never truncates an existing one.

    Parameters
    ----------
    fc
        The filtered collection.
    path
        Output file; its folder must exist.
    fmt
        One of :data:`FORMATS`; default from the extension of ``path``.
    title, dpi
        As for :func:`export_bytes`.

    Returns
    -------
    Path
        ``path``.
    """
    p = Path(path)
    f = _check_format(fmt) if fmt is not None else format_for_path(p)
    if p.is_dir():
        msg = f"Expected a file path to write the {f} export to, got the folder {str(p)!r}."
        raise ExportError(msg)
    data = export_bytes(fc, f, title=title, dpi=dpi)
    if f in ("html", "svg", "kml", "csv", "geojson"):
        try:
            write_text_atomic(p, data.decode("utf-8"))
        except FacmapError as exc:
            raise ExportError(str(exc)) from None
    else:
        _write_bytes_atomic(p, data)
    return p


def _json_for_script(obj: Any) -> str:
    """JSON safe to place inside a ``<script>`` element (no ``</script>`` breakout)."""
    return (
        json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
