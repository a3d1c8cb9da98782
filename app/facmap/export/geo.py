"""Data for GIS tools: GeoJSON (the facmap contract), GeoPackage (QGIS) and KML (Google Earth)."""

from __future__ import annotations

import html
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import __version__
from ..mapview import safe_url
from ..types import FacilityType
from .common import (
    TYPE_COLORS,
    _excerpts,
    _require_features,
    attribution,
    default_title,
    generated_at,
)

__all__ = ["to_geojson", "to_gpkg", "to_kml"]


def to_geojson(fc: dict[str, Any], *, title: str | None = None) -> str:
    """Return the filtered collection as GeoJSON text, with report metadata.

    The result still satisfies the facmap contract (``facmap validate`` accepts it); the
    ``facmap.report`` member holds the title, attribution and generation timestamp.
    """
    _require_features(fc)
    from ..dataset import dumps

    meta = dict(fc.get("facmap", {}))
    meta["report"] = {
        "title": title or default_title(fc),
        "generated": generated_at(),
        "generator": f"facmap {__version__}",
        "attribution": attribution(fc),
    }
    return dumps({"type": "FeatureCollection", "facmap": meta, "features": fc["features"]})


def _report_gdf(fc: dict[str, Any]) -> Any:
    from ..dataset import to_geodataframe

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
