"""Draw a facilities collection on a Folium map that works with no network.

``build_map(fc)`` returns a :class:`folium.Map` whose JavaScript and CSS are ``data:`` URIs
(see :mod:`facmap.assets`), so the same object renders in streamlit-folium's iframe and, via
:func:`to_html`, as a standalone file opened from disk. Nothing here imports streamlit.

Article text is untrusted. Every string from the dataset passes through :func:`html.escape`
before it reaches HTML (popups, tooltips, legend, attribution); links are kept only for
``http``/``https`` addresses; data embedded in ``<script>`` is JSON with ``<``, ``>`` and ``&``
escaped, so no value can close the script element.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template as FoliumTemplate
from jinja2 import Template

from .assets import offline_assets
from .basemap import detail_cells
from .basemap_layer import BASEMAP_CSS, offline_basemap_layer
from .dataset import positions
from .errors import FacmapError
from .summary import rank_key
from .types import FacilityType, types_label

__all__ = [
    "BASEMAPS",
    "DEFAULT_CLUSTER_THRESHOLD",
    "MAP_CSS",
    "NAME_LABELS",
    "SHAPES",
    "TYPE_STYLES",
    "TypeStyle",
    "build_base_map",
    "build_map",
    "clip_excerpt",
    "contrast_ratio",
    "facilities_layer",
    "facility_html",
    "feature_bounds",
    "highlight",
    "legend_html",
    "name_label_candidates",
    "safe_url",
    "to_html",
    "tooltip_html",
]

#: above this many point features, markers are clustered (drawing 10,000 DOM markers is slow)
DEFAULT_CLUSTER_THRESHOLD = 300
#: mentions shown in a popup; the page's details panel shows them all
POPUP_MENTIONS = 1
#: facilities whose name the map writes beside their marker, where there is room
NAME_LABELS = 5
#: characters of an excerpt a popup quotes, cut at words around the matched name
POPUP_EXCERPT_CHARS = 240
BASEMAPS = ("offline", "osm", "satellite")

_OSM = (
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
)
_SATELLITE = (
    "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
    "Tiles &copy; Esri &mdash; Source: Esri, Maxar, Earthstar Geographics, "
    "and the GIS User Community",
)


@dataclass(frozen=True)
class TypeStyle:
    """How a facility type is drawn: a colour, a marker shape, a short glyph, a label.

    ``ink`` is the glyph's colour, dark on the light fills so the letters stay legible.
    Colours come from the Okabe-Ito palette (told apart with the common colour-vision
    deficiencies); types that share a colour differ in shape, so no two look alike.
    """

    colour: str
    glyph: str
    label: str
    shape: str = "circle"
    ink: str = "#ffffff"


#: marker outlines: a circle, a rounded square, a diamond (drawn in CSS, see MAP_CSS)
SHAPES = ("circle", "square", "diamond")
_LIGHT_INK, _DARK_INK = "#ffffff", "#111111"


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#rrggbb`` colour (0 black to 1 white)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _ink(fill: str) -> str:
    """Return the glyph colour that reads best on ``fill``: white or near-black."""
    light, dark = contrast_ratio(fill, _LIGHT_INK), contrast_ratio(fill, _DARK_INK)
    return _LIGHT_INK if light >= dark else _DARK_INK


T = FacilityType
#: colour, glyph and shape per type; each (colour, shape) pair is used once
TYPE_STYLES: dict[str, TypeStyle] = {
    t.value: TypeStyle(c, g, t.label, shape, _ink(c))
    for t, c, g, shape in (
        (T.COSMODROME, "#CC79A7", "CO", "circle"),
        (T.MISSILE_TEST_RANGE, "#D55E00", "TR", "diamond"),
        (T.IMPACT_ZONE, "#E69F00", "IZ", "diamond"),
        (T.MISSILE_BASE, "#D55E00", "MB", "square"),
        (T.AIR_BASE, "#56B4E9", "AB", "circle"),
        (T.NAVAL_BASE, "#0072B2", "NB", "square"),
        (T.ARMY_BASE, "#009E73", "AR", "square"),
        (T.RADAR_STATION, "#009E73", "RD", "diamond"),
        (T.NUCLEAR_TEST_SITE, "#F0E442", "NT", "diamond"),
        (T.DEFENSE_INDUSTRY, "#CC79A7", "IN", "square"),
        (T.COMMAND_HQ, "#000000", "HQ", "square"),
        (T.PLACE, "#999999", "PL", "circle"),
    )
}

MAP_CSS = """
div.leaflet-container { background: #cfe2ee; font: 13px/1.35 system-ui, sans-serif; }
.facmap-marker { isolation: isolate; display: flex; align-items: center;
  justify-content: center; width: 24px; height: 24px; margin: -12px 0 0 -12px;
  color: var(--ink); font: bold 9px/1 system-ui, sans-serif; box-sizing: border-box; }
.facmap-marker::before { content: ""; position: absolute; inset: 0; z-index: -1;
  background: var(--c); border: 2px solid #fff; border-radius: 50%; box-sizing: border-box;
  box-shadow: 0 0 0 1px rgba(0,0,0,.55), 0 1px 3px rgba(0,0,0,.45); }
.facmap-s-square::before { border-radius: 4px; inset: 1px; }
.facmap-s-diamond::before { border-radius: 3px; inset: 3px; transform: rotate(45deg); }
.facmap-marker.facmap-inferred { color: #222; }
.facmap-marker.facmap-inferred::before { background: #fff; border: 2.5px dashed var(--c);
  box-shadow: 0 0 0 1px rgba(0,0,0,.25); }
.facmap-marker.facmap-review { outline: 2px dotted #a33; outline-offset: 2px; }
.facmap-marker.facmap-selected::after { content: ""; position: absolute; inset: -6px;
  border: 3px solid #111; border-radius: 50%; box-shadow: 0 0 0 2px #fff; }
.facmap-legend { background: rgba(255,255,255,.94); padding: 3px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); line-height: 1.5; max-height: 60vh; overflow: auto; }
.facmap-legend summary { cursor: pointer; font-weight: 600; }
.facmap-legend .facmap-marker { position: relative; display: inline-flex;
  vertical-align: middle; margin: 1px 6px 1px 0; }
.facmap-popup h4 { margin: 0 0 2px; font-size: 15px; }
.facmap-popup .facmap-meta { color: #555; margin-bottom: 4px; }
.facmap-popup table { border-collapse: collapse; margin: 4px 0; }
.facmap-popup th { text-align: left; padding-right: 6px; vertical-align: top; color: #555;
  font-weight: 600; }
.facmap-excerpt { margin: 4px 0; padding: 2px 6px; border-left: 3px solid #999;
  background: #f7f7f7; white-space: pre-wrap; }
.facmap-excerpt mark { background: #ffe066; padding: 0 1px; }
.facmap-cite { color: #555; font-size: 12px; margin-bottom: 6px; }
.facmap-badge { display: inline-block; padding: 0 5px; border-radius: 3px; font-size: 11px;
  border: 1px dashed #a33; color: #a33; }
%TYPECSS%
.leaflet-control-attribution { font-size: 10px; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; cursor: pointer; max-width: calc(var(--facmap-w, 600px) - 170px); }
.leaflet-control-attribution.facmap-open, .leaflet-control-attribution:focus-within {
  white-space: normal; max-width: calc(var(--facmap-w, 600px) - 20px); cursor: auto; }
.facmap-popup ol { margin: 2px 0; padding-left: 18px; }
.leaflet-popup-content .facmap-popup .facmap-excerpt { max-height: 9em; overflow: auto; }
.facmap-fullscreen { display: flex !important; align-items: center; justify-content: center; }
.facmap-maximised { position: fixed !important; inset: 0; z-index: 10000; }
.facmap-name { position: absolute; white-space: nowrap; pointer-events: none;
  font: 600 12px/14px system-ui, sans-serif; color: #1a1a1a;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.facmap-details { overflow-wrap: anywhere; }
.facmap-details table, .facmap-details tbody, .facmap-details tr, .facmap-details th,
.facmap-details td { display: block; }
.facmap-details tr { margin-bottom: 4px; }
#map_div { height: 100vh !important; }
body:has(#map_div) { overflow: hidden; }
"""

_FULLSCREEN_SVG = (
    '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="none" '
    'stroke="#333" stroke-width="2"><path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"/></svg>'
)


MAP_CSS = MAP_CSS.replace(
    "%TYPECSS%",
    "\n".join(
        f".facmap-t-{t} {{ --c: {s.colour}; --ink: {s.ink}; }}" for t, s in TYPE_STYLES.items()
    ),
)


_TEMPLATE_OPEN = re.compile(r"\{(?=[{%#])")


def _js(obj: Any) -> str:
    """JSON for a ``<script>`` block: ``<``, ``>``, ``&`` escaped so no value ends the script.

    ``{`` before ``{``, ``%`` or ``#`` is escaped too (only a string can hold those pairs in
    compact JSON): folium and branca compile rendered scripts as Jinja templates, where
    ``{{ ... }}`` from an article would run as template code.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _TEMPLATE_OPEN.sub(r"\\u007b", text)


_JS_STRING_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JS_STRING_SPECIAL = re.compile("[\\\\'<>&\u2028\u2029]")


def _json_string_js(obj: Any) -> str:
    """``obj`` as JSON text in a single-quoted JavaScript string, for ``JSON.parse``.

    The browser parses JSON text several times faster than it compiles the same data as an
    object literal in a script (10,000 light features in Chromium here: ~16 ms, not ~60 ms).
    Single quotes keep the JSON's many double quotes unescaped, so the page is no larger.
    ``<``, ``>``, ``&`` are escaped, so no value ends the script, and ``{`` before ``{``,
    ``%`` or ``#`` as in :func:`_js` (JSON text has no raw newlines; U+2028/U+2029 are
    escaped too).
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    text = _JS_STRING_SPECIAL.sub(lambda m: _JS_STRING_ESCAPES[m.group()], text)
    return "'" + _TEMPLATE_OPEN.sub(r"\\u007b", text) + "'"


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def safe_url(url: Any) -> str | None:
    """Return ``url`` if it is an ``http``/``https`` address, else ``None``.

    Links come from the dataset; a ``javascript:`` or ``data:`` address would run code when
    clicked, so only web addresses become links (the text is still shown, escaped).
    """
    if not isinstance(url, str):
        return None
    u = url.strip()
    return u if u.lower().startswith(("http://", "https://")) else None


def _link(text: str, url: Any) -> str:
    u = safe_url(url)
    if u is None:
        return _e(text)
    return f'<a href="{_e(u)}" target="_blank" rel="noopener noreferrer">{_e(text)}</a>'


def highlight(excerpt: str, surface: str) -> str:
    """Escape ``excerpt`` and wrap the first occurrence of ``surface`` in ``<mark>``.

    The match is exact first, then case-insensitive; with no match the excerpt is escaped only.

    Examples
    --------
    >>> highlight("Tiba di <Baikonur>.", "<Baikonur>")
    'Tiba di <mark>&lt;Baikonur&gt;</mark>.'
    """
    i = excerpt.find(surface) if surface else -1
    if i < 0 and surface:
        i = excerpt.casefold().find(surface.casefold())
        if i >= 0 and len(excerpt.casefold()) != len(excerpt):
            i = -1  # casefold changed lengths: offsets would not line up
    if i < 0:
        return _e(excerpt)
    j = i + len(surface)
    return f"{_e(excerpt[:i])}<mark>{_e(excerpt[i:j])}</mark>{_e(excerpt[j:])}"


def _type_label(t: str) -> str:
    s = TYPE_STYLES.get(t)
    return s.label if s else t


def _coords_text(p: Mapping[str, Any]) -> str:
    lat, lon = p.get("lat"), p.get("lon")
    if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
        return ""
    ns = "N" if lat >= 0 else "S"
    ew = "E" if lon >= 0 else "W"
    return f"{abs(lat):.4f}° {ns}, {abs(lon):.4f}° {ew}"


def tooltip_html(p: Mapping[str, Any]) -> str:
    """Escaped tooltip: the name, and ``(inferred)`` for inferred facilities."""
    extra = " <i>(inferred)</i>" if p.get("inferred") else ""
    return f"{_e(p.get('name', ''))}{extra}"


def _mention_html(m: Mapping[str, Any]) -> str:
    cite = [_e(x) for x in (m.get("outlet"), m.get("date")) if x]
    title = m.get("title") or m.get("article", "")
    cite.append(_link(str(title), m.get("url")))
    reason = m.get("reasoning")
    why = f'<div class="facmap-cite">Why: {_e(reason)}</div>' if reason else ""
    quote = highlight(str(m.get("excerpt", "")), str(m.get("surface", "")))
    return (
        f'<blockquote class="facmap-excerpt">{quote}</blockquote>'
        f'<div class="facmap-cite">{" · ".join(cite)} '
        f"(matched {_e(m.get('match', 'exact'))}: “{_e(m.get('surface', ''))}”)</div>{why}"
    )


def clip_excerpt(excerpt: str, surface: str, limit: int = POPUP_EXCERPT_CHARS) -> str:
    """Cut ``excerpt`` to about ``limit`` characters around ``surface``, at word boundaries.

    A popup has room for a sentence or two; the matched name stays in view, and ``…`` marks
    each cut. Text no longer than ``limit`` is returned as is.

    Examples
    --------
    >>> clip_excerpt("one two three four five six", "four", limit=12)
    '… three four five …'
    """
    if len(excerpt) <= limit:
        return excerpt
    i = excerpt.find(surface) if surface else -1
    if i < 0:
        i = 0
    centre = i + len(surface) // 2
    start = max(0, min(centre - limit // 2, len(excerpt) - limit))
    end = min(len(excerpt), start + limit)
    if start > 0:
        space = excerpt.find(" ", start)
        start = space + 1 if 0 <= space < i else start
    if end < len(excerpt):
        space = excerpt.rfind(" ", start, end)
        end = space if space > i + len(surface) else end
    head = "… " if start > 0 else ""
    tail = " …" if end < len(excerpt) else ""
    return f"{head}{excerpt[start:end].strip()}{tail}"


def _popup_html(p: Mapping[str, Any], head: str) -> str:
    """Return the popup's compact body: one clipped excerpt, its citation, and where the rest is."""
    mentions = list(p.get("mentions", []))
    parts = [head]
    if mentions:
        m = mentions[0]
        surface = str(m.get("surface", ""))
        quote = highlight(clip_excerpt(str(m.get("excerpt", "")), surface), surface)
        cite = [_e(x) for x in (m.get("outlet"), m.get("date")) if x]
        title = m.get("title") or m.get("article", "")
        cite.append(_link(str(title), m.get("url")))
        parts.append(
            f'<blockquote class="facmap-excerpt">{quote}</blockquote>'
            f'<div class="facmap-cite">{" · ".join(cite)}</div>'
        )
    more = len(mentions) - 1
    rest = f"{more} more mention{'s' if more > 1 else ''}, " if more > 0 else ""
    parts.append(
        f'<div class="facmap-cite facmap-more">± {_e(p.get("precision_km", "?"))} km · '
        f"{rest}sources and how it was placed: in the details beside the map</div></div>"
    )
    return "".join(parts)


def facility_html(
    p: Mapping[str, Any], *, max_mentions: int | None = None, compact: bool = False
) -> str:
    """Escaped HTML describing one facility: what it is, where, why we think so, who said it.

    Used by popups (compact) and the page's details panel (all of it).

    Parameters
    ----------
    p
        A feature's ``properties``.
    max_mentions
        Show at most this many excerpts, with a count of the rest; ``None`` shows all.
    compact
        Popup form, small enough for a popup inside the map: the name, type, the first
        excerpt (clipped around the matched words) and its citation, and a line saying that
        the other mentions, sources and placement are in the details panel.
    """
    inferred = ' <span class="facmap-badge">inferred</span>' if p.get("inferred") else ""
    review = ' <span class="facmap-badge">needs review</span>' if p.get("needs_review") else ""
    types = types_label(str(p.get("type", "")), p.get("also_types", ()))
    head = (
        f'<div class="facmap-popup" data-facility="{_e(p.get("id", ""))}">'
        f"<h4>{_e(p.get('name', ''))}{inferred}{review}</h4>"
        f'<div class="facmap-meta">{_e(types)} · '
        f"{_e(p.get('country', ''))}</div>"
    )
    if compact:
        return _popup_html(p, head)
    rows = [
        ("Operator", _e(p.get("operator", "")) or "unknown"),
        (
            "Coordinates",
            f"{_e(_coords_text(p))} ± {_e(p.get('precision_km', '?'))} km",
        ),
        ("Placed by", _e(p.get("placed_by", ""))),
        ("Basis", _e(p.get("point_basis", ""))),
        ("Area basis", _e(p.get("polygon_basis", ""))),
        ("Confidence", _e(p.get("confidence", ""))),
        ("Disagreements", _e(p.get("disagreements", ""))),
        ("Notes", _e(p.get("notes", ""))),
    ]
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows if v)
    reasoning = (
        f'<div class="facmap-cite"><b>Inferred because:</b> {_e(p["reasoning"])}</div>'
        if p.get("reasoning")
        else ""
    )
    sources = "".join(
        f"<li>{_link(str(s.get('name', '')), s.get('url'))}"
        + (f": {_e(s['value'])}" if s.get("value") else "")
        + "</li>"
        for s in p.get("sources", [])
    )
    mentions = list(p.get("mentions", []))
    shown = mentions if max_mentions is None else mentions[:max_mentions]
    more = len(mentions) - len(shown)
    more_html = (
        f'<div class="facmap-cite">and {more} more mention{"s" if more > 1 else ""}</div>'
        if more
        else ""
    )
    said = (
        f"<div><b>What the article says</b>"
        f"{''.join(_mention_html(m) for m in shown)}{more_html}</div>"
    )
    facts = f"<table>{table}</table>{reasoning}<div><b>Sources</b><ol>{sources}</ol></div>"
    return f"{head}{said}{facts}</div>"


def _marker_html(t: str, *, inferred: bool = False) -> str:
    s = TYPE_STYLES.get(t) or TYPE_STYLES["place"]
    cls = f"facmap-marker facmap-t-{t} facmap-s-{s.shape}" + (
        " facmap-inferred" if inferred else ""
    )
    return f'<span class="{cls}">{s.glyph}</span>'


def legend_html(
    types: Iterable[str],
    *,
    counts: Mapping[str, int] | None = None,
    inferred: bool = True,
    review: bool = False,
) -> str:
    """Escaped, collapsible legend: one row per type given, and the styles in use.

    Parameters
    ----------
    types
        The types to list, in order (the page passes only the types shown).
    counts
        Facilities per type, shown after each label.
    inferred, review
        Add the row for the inferred (dashed, hollow) or needs-review (dotted ring) style;
        the page adds them only when such a facility is shown.
    """
    rows = []
    for t in types:
        s = TYPE_STYLES.get(t) or TYPE_STYLES["place"]
        n = f" ({counts[t]})" if counts and t in counts else ""
        rows.append(f'<div data-type="{_e(t)}">{_marker_html(t)}{_e(s.label)}{n}</div>')
    if inferred:
        rows.append(f"<div>{_marker_html('place', inferred=True)}inferred (dashed, hollow)</div>")
    if review:
        rows.append(
            '<div><span class="facmap-marker facmap-t-place facmap-s-circle facmap-review">'
            "PL</span>needs review (dotted ring)</div>"
        )
    return (
        '<details class="facmap-legend" open><summary>Legend</summary>'
        + "".join(rows)
        + "</details>"
    )


def feature_bounds(fc: Mapping[str, Any]) -> list[list[float]] | None:
    """Return ``[[south, west], [north, east]]`` of every feature's geometry, or ``None``."""
    lats: list[float] = []
    lons: list[float] = []
    for f in fc.get("features", []):
        for pos in positions(f["geometry"]["coordinates"]):
            lons.append(float(pos[0]))
            lats.append(float(pos[1]))
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _feature_points(fc: Mapping[str, Any]) -> list[tuple[float, float]]:
    """(lat, lon) of every position of every feature, for the basemap cells to embed."""
    return [
        (float(p[1]), float(p[0]))
        for f in fc.get("features", [])
        for p in positions(f["geometry"]["coordinates"])
    ]


class _GeoJsonLayer(Layer):
    """A GeoJSON layer drawn by our own script: DivIcon markers, per-type styles, popups.

    Folium's ``GeoJson`` would call a Python style function per feature and its markers need
    awesome-markers (no wheel, CDN only); this template does the styling in the browser.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var styles = {{ this.styles_js }};
  var esc = function (v) {
    return String(v == null ? "" : v).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  };
  var icons = {}, index = Object.create(null);  // ids from the data: no inherited keys
  // popups fit the map: the page's view script sets their pan padding from the controls
  var popupOptions = {maxWidth: 300, minWidth: 220, autoPanPadding: [12, 12],
                      className: "facmap-leaflet-popup"};
  var lightPopup = function (p) {
    var s = styles[p.type] || styles.place;
    return '<div class="facmap-popup" data-facility="' + esc(p.id) + '"><h4>' +
      esc(p.name) + (p.inferred ? ' <span class="facmap-badge">inferred</span>' : "") +
      (p.needs_review ? ' <span class="facmap-badge">needs review</span>' : "") +
      '</h4><div class="facmap-meta">' + esc(s.label) + " · " + esc(p.country) +
      '</div><div class="facmap-cite">Its excerpts and sources are shown beside ' +
      "the map.</div></div>";
  };
  // JSON text read by JSON.parse: faster than compiling the data as a script literal
  var layer = L.geoJSON(JSON.parse({{ this.data_js }}), {
    {% if this.attribution_js %}attribution: {{ this.attribution_js }},{% endif %}
    {% if not this.interactive %}interactive: false,{% endif %}
    pointToLayer: function (f, latlng) {
      var p = f.properties, s = styles[p.type] || styles.place;
      var cls = "facmap-marker facmap-t-" + p.type + " facmap-s-" + s.shape +
        (p.inferred ? " facmap-inferred" : "") + (p.needs_review ? " facmap-review" : "");
      // one icon per look, shared by its markers (each marker still gets its own element)
      var icon = icons[cls] || (icons[cls] = L.divIcon({className: cls, html: s.glyph,
                                                        iconSize: null}));
      return L.marker(latlng, {icon: icon, title: p.name, alt: p.name, riseOnHover: true});
    },
    style: function (f) {
      var p = f.properties || {}, s = styles[p.type];
      if (!s) { return {{ this.plain_style_js }}; }
      var st = {color: s.colour, weight: f.geometry.type === "LineString" ? 3 : 2,
                fillColor: s.colour, fillOpacity: 0.15, opacity: 0.9,
                className: "facmap-area facmap-t-" + p.type};
      if (p.inferred) { st.dashArray = "6 5"; st.fillOpacity = 0.04;
                        st.className += " facmap-inferred"; }
      return st;
    },
    {% if this.interactive %}
    onEachFeature: function (f, l) {
      var p = f.properties || {};
      (index[p.id] = index[p.id] || []).push(l);
      {% if not this.light %}
      if (p.tooltip) { l.bindTooltip(p.tooltip, {sticky: f.geometry.type !== "Point"}); }
      if (p.popup) { l.bindPopup(p.popup, popupOptions); }
      {% endif %}
    }
    {% endif %}
  });
  {% if this.interactive %}
  // bound on first use in light mode (large datasets): short, escaped, built here
  layer._facmapBind = function (l) {
    var f = l.feature, p = (f && f.properties) || {};
    if (!l.getPopup()) { l.bindPopup(lightPopup(p), popupOptions); }
    return l;
  };
  layer._facmapIndex = index;
  layer.on("click", function (e) {
    var l = e.layer, f = l && l.feature;
    if (!f) { return; }
    l.closeTooltip();  // the popup says more; a tooltip left over it hides its first line
    // a new value on every click, so a click on the facility already clicked still selects it
    window.__facmapClicks = (window.__facmapClicks || 0) + 1;
    f.properties.click = window.__facmapClicks;
    {% if this.light %}
    if (!l.getPopup()) { layer._facmapBind(l); l.openPopup(l.getLatLng ? undefined : e.latlng); }
    {% endif %}
  });
  {% endif %}
  {% if this.light %}
  layer.on("mouseover", function (e) {
    var l = e.layer, f = l && l.feature;
    if (!f || l.getTooltip() || l.isPopupOpen && l.isPopupOpen()) { return; }
    var p = f.properties || {}, sticky = f.geometry.type !== "Point";
    l.bindTooltip(esc(p.name) + (p.inferred ? " <i>(inferred)</i>" : ""), {sticky: sticky});
    l.openTooltip(sticky ? e.latlng : undefined);
  });
  {% endif %}
  {% if this.cluster %}
  if (typeof L.markerClusterGroup !== "function") {  // a base map built without the plugin
    layer._facmapLeaves = layer;
    return layer;
  }
  // only markers that would overlap are grouped: a bubble with their count, spread on click
  var group = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false,
                                    maxClusterRadius: {{ this.cluster_radius }},
                                    spiderfyOnMaxZoom: true,
                                    // no sliding icons: anything placed around the markers
                                    // (town labels, the fit) sees them where they end up
                                    animate: false,
                                    attribution: layer.options.attribution});
  group.addLayer(layer);
  group._facmapLeaves = layer;
  return group;
  {% else %}
  layer._facmapLeaves = layer;
  return layer;
  {% endif %}
})();
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
"""
    )

    def __init__(
        self,
        data: dict[str, Any],
        *,
        name: str,
        overlay: bool = True,
        show: bool = True,
        cluster: bool = False,
        interactive: bool = True,
        attribution: str = "",
        plain_style: dict[str, Any] | None = None,
        light: bool = False,
        cluster_radius: int = 50,
    ) -> None:
        super().__init__(name=name, overlay=overlay, control=True, show=show)
        self._name = "FacilityLayer" if interactive else "OfflineBasemap"
        self.data_js = _json_string_js(data)
        self.styles_js = _js(
            {
                t: {"colour": s.colour, "glyph": s.glyph, "label": s.label, "shape": s.shape}
                for t, s in TYPE_STYLES.items()
            }
        )
        self.light = light
        self.cluster = cluster
        self.cluster_radius = int(cluster_radius)
        self.interactive = interactive
        self.attribution_js = _js(attribution) if attribution else ""
        self.plain_style_js = _js(plain_style or {})
        self.n_features = len(data["features"])

    def render(self, **kwargs: Any) -> str:
        """Add the script to the figure as text (the template adds the layer to its parent).

        Folium's ``MacroElement.render`` would wrap the rendered script, data and all, in a new
        Jinja template: slow for megabytes of features, and data is never template code.
        """
        figure: Any = self.get_root()
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_Text(script(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)
        return ""


class _Text(Element):
    """Text that renders as itself (a branca ``Element`` would compile it as a template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        del kwargs
        return self.text


class _Controls(MacroElement):
    """Legend (bottom right) and a fullscreen button (top left) as Leaflet controls."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
  var legend = L.control({position: "bottomright"});
  legend.onAdd = function () {
    // filled by the facilities layer (_FacilityView), which can change without a new map
    var div = L.DomUtil.create("div", "facmap-legend-slot");
    L.DomEvent.disableClickPropagation(div);
    map._facmapLegend = div;
    return div;
  };
  legend.addTo(map);
  // the attribution is one line; a click (or keyboard focus) shows all of it
  var attribution = map.attributionControl && map.attributionControl.getContainer();
  if (attribution) {
    // its corner has no width, so a percentage would not cap it: the map's width does
    var width = function () {
      map.getContainer().style.setProperty("--facmap-w", map.getSize().x + "px");
    };
    width();
    map.on("resize", width);
    attribution.tabIndex = 0;
    attribution.title = "Data sources (click to show all)";
    L.DomEvent.on(attribution, "click", function (e) {
      if (e.target.tagName !== "A") { attribution.classList.toggle("facmap-open"); }
    });
  }
  var Full = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var bar = L.DomUtil.create("div", "leaflet-bar");
      var a = L.DomUtil.create("a", "facmap-fullscreen", bar);
      a.href = "#"; a.title = "Full screen"; a.setAttribute("role", "button");
      a.setAttribute("aria-label", "Full screen");
      a.innerHTML = {{ this.icon_js }};
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.stop(e);
        var c = map.getContainer();
        var toggle = function () { c.classList.toggle("facmap-maximised"); map.invalidateSize(); };
        if (document.fullscreenElement) { document.exitFullscreen().catch(toggle); }
        else if (c.requestFullscreen && document.fullscreenEnabled) {
          c.requestFullscreen().catch(toggle);
        } else { toggle(); }
      });
      return bar;
    }
  });
  new Full().addTo(map);
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "FacmapControls"
        self.icon_js = _js(_FULLSCREEN_SVG)


class _LayerControl(folium.LayerControl):
    """Folium's layer control, remembered on the map so the facilities layer can list itself."""

    _template = FoliumTemplate(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }}_layers = {
  base_layers: {
    {%- for key, val in this.base_layers.items() %}
    {{ key|tojson }}: {{ val }},
    {%- endfor %}
  },
  overlays: {
    {%- for key, val in this.overlays.items() %}
    {{ key|tojson }}: {{ val }},
    {%- endfor %}
  },
};
var {{ this.get_name() }} = L.control.layers(
  {{ this.get_name() }}_layers.base_layers,
  {{ this.get_name() }}_layers.overlays,
  {{ this.options|tojavascript }}
).addTo({{ this._parent.get_name() }});
{{ this._parent.get_name() }}._facmapLayers = {{ this.get_name() }};
{% endmacro %}
"""
    )


class _FacilityView(MacroElement):
    """Make the map show its facilities layer: legend, layer control, fitted view, selection.

    Runs when the layer is created, so a page can swap the layer (streamlit-folium's
    ``feature_group_to_add``) and the legend and control follow, with no new map. The entries
    of the layer it replaces are taken out of the control first.

    The view is fitted only when the set of facilities changes (``fit_key``), so a rerun that
    only changes the selection keeps the user's view. It is fitted with padding that keeps
    every marker clear of the controls: each corner's controls are padded either across or
    down, whichever leaves the closer zoom. A selected facility is highlighted on every run,
    but panned to and opened only once per ``focus_key``: a popup the user closed stays
    closed when the page reruns for any other reason.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map, entries, points, areas) {
  var ctl = map._facmapLayers, old = map._facmapOverlays || [];
  if (ctl) {
    old.forEach(function (l) { ctl.removeLayer(l); });
    entries.forEach(function (e) { ctl.addOverlay(e[0], e[1]); });
  }
  map._facmapOverlays = entries.map(function (e) { return e[0]; });
  if (map._facmapLegend) { map._facmapLegend.innerHTML = {{ this.legend_js }}; }
  var F = map._facmap;
  if (!F) {
    F = map._facmap = {};
    // each control's box in map pixels, with the corner it sits in
    F.controls = function () {
      var c = map.getContainer().getBoundingClientRect(), size = map.getSize(), out = [];
      map.getContainer().querySelectorAll(".leaflet-control").forEach(function (el) {
        var r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) { return; }
        var box = {left: r.left - c.left, top: r.top - c.top,
                   right: r.right - c.left, bottom: r.bottom - c.top};
        box.west = (box.left + box.right) / 2 < size.x / 2;
        box.north = (box.top + box.bottom) / 2 < size.y / 2;
        out.push(box);
      });
      return out;
    };
    // padding [left, top, right, bottom] for each way of clearing the four corners
    F.paddings = function (margin) {
      var size = map.getSize(), ext = {};
      F.controls().forEach(function (b) {
        var k = (b.north ? "n" : "s") + (b.west ? "w" : "e");
        var e = ext[k] || (ext[k] = {x: 0, y: 0});
        e.x = Math.max(e.x, b.west ? b.right : size.x - b.left);
        e.y = Math.max(e.y, b.north ? b.bottom : size.y - b.top);
      });
      var keys = Object.keys(ext), out = [];
      for (var m = 0; m < (1 << keys.length); m++) {
        var pad = [margin, margin, margin, margin];
        keys.forEach(function (k, i) {
          var across = (m >> i) & 1, e = ext[k];
          if (across) { var j = k[1] === "w" ? 0 : 2; pad[j] = Math.max(pad[j], e.x + margin); }
          else { var j2 = k[0] === "n" ? 1 : 3; pad[j2] = Math.max(pad[j2], e.y + margin); }
        });
        out.push(pad);
      }
      return out;
    };
    // until the user moves the map, a resize (the frame taking the window's height, a
    // full-screen toggle) fits the facilities again
    F.touched = false;
    ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (type) {
      L.DomEvent.on(map.getContainer(), type, function () { F.touched = true; });
    });
    map.on("resize", function () {
      if (!F.touched && F.lastFit) { F.fit(F.lastFit[0], F.lastFit[1]); }
    });
    F.fit = function (bounds, maxZoom) {
      F.lastFit = [bounds, maxZoom];
      var best = null, size = map.getSize();
      F.paddings(22).forEach(function (pad) {
        if (pad[0] + pad[2] >= size.x - 40 || pad[1] + pad[3] >= size.y - 40) { return; }
        var z = map.getBoundsZoom(bounds, false, L.point(pad[0] + pad[2], pad[1] + pad[3]));
        var skew = Math.abs(pad[0] - pad[2]) + Math.abs(pad[1] - pad[3]);
        if (!best || z > best.z || (z === best.z && skew < best.skew)) {
          best = {z: z, skew: skew, pad: pad};
        }
      });
      var pad = best ? best.pad : [16, 16, 16, 16];
      map.fitBounds(bounds, {paddingTopLeft: [pad[0], pad[1]],
                             paddingBottomRight: [pad[2], pad[3]],
                             maxZoom: maxZoom, animate: false});
    };
    F.each = function (layer, fn) {
      var leaves = layer && layer._facmapLeaves;
      if (leaves) { leaves.eachLayer(fn); }
    };
    // where each facility marker is drawn: its own icon, or the cluster holding it (tests)
    F.shown = function () {
      var out = [];
      F.each(F.points, function (l) {
        var parent = F.points.getVisibleParent ? F.points.getVisibleParent(l) : l;
        var at = map.latLngToContainerPoint((parent || l).getLatLng());
        var el = parent === l && l.getElement && l.getElement(), drawn = null;
        if (el) {  // where the icon really is: its box's centre, in map pixels
          var c = map.getContainer().getBoundingClientRect(), r = el.getBoundingClientRect();
          drawn = {x: (r.left + r.right) / 2 - c.left, y: (r.top + r.bottom) / 2 - c.top};
        }
        out.push({id: l.feature.properties.id, name: l.feature.properties.name,
                  x: at.x, y: at.y, clustered: !!parent && parent !== l, hidden: !parent,
                  drawn: drawn});
      });
      return out;
    };
    // a popup opens clear of the controls: the legend folds away, the pan keeps a margin
    map.on("popupopen", function (e) {
      var legend = map.getContainer().querySelector(".facmap-legend");
      if (legend && legend.open) { legend.open = false; F.foldedLegend = true; }
      if (e.popup._source && e.popup._source.closeTooltip) { e.popup._source.closeTooltip(); }
      var pads = F.paddings(10), size = map.getSize(), pad = [10, 10, 10, 10];
      pads.forEach(function (p) {
        for (var i = 0; i < 4; i++) { pad[i] = Math.max(pad[i], p[i]); }
      });
      var o = e.popup.options;
      o.autoPanPaddingTopLeft = L.point(pad[0], pad[1]);
      o.autoPanPaddingBottomRight = L.point(pad[2], pad[3]);
      o.maxHeight = Math.max(120, size.y - pad[1] - pad[3] - 30);
      e.popup.update();
    });
    map.on("popupclose", function () {
      var legend = map.getContainer().querySelector(".facmap-legend");
      if (legend && F.foldedLegend) { legend.open = true; }
      F.foldedLegend = false;
    });
    // ring the selected facility's markers and outline; only they and the ones ringed
    // before are touched (setZIndexOffset redraws a marker: not 10,000 times a selection)
    F.ring = function (l, on) {
      if (l.setZIndexOffset) {
        var el = l.getElement && l.getElement();
        l._facmapSelected = on;
        if (el) { el.classList.toggle("facmap-selected", on); }
        l.setZIndexOffset(on ? 1000 : 0);
      } else if (l.setStyle && l.feature) {
        l.setStyle({weight: on ? 5 : (l.feature.geometry.type === "LineString" ? 3 : 2)});
      }
    };
    F.select = function (id, key) {
      (F.ringed || []).forEach(function (l) { F.ring(l, false); });
      var found = [];
      [F.points, F.areas].forEach(function (layer) {
        var index = layer && layer._facmapLeaves && layer._facmapLeaves._facmapIndex;
        ((index && id !== null && index[id]) || []).forEach(function (l) {
          F.ring(l, true);
          found.push(l);
        });
      });
      F.ringed = found;
      if (!found.length || !key || key === F.focusKey) { return; }
      if (!F.points || !map.hasLayer(F.points)) { return; }  // not drawn yet: done later
      F.focusKey = key;
      var target = found.filter(function (l) { return l.getLatLng; })[0] || found[0];
      var open = function () {
        var owner = target.getLatLng ? F.points : F.areas;
        if (owner && owner._facmapLeaves && owner._facmapLeaves._facmapBind) {
          owner._facmapLeaves._facmapBind(target);
        }
        if (target.getLatLng) { target.openPopup(); }
        else { target.openPopup(target.getBounds().getCenter()); }
      };
      if (target.getLatLng && F.points.zoomToShowLayer) {
        F.points.zoomToShowLayer(target, open);
      } else {
        if (target.getLatLng && !map.getBounds().pad(-0.1).contains(target.getLatLng())) {
          map.panTo(target.getLatLng(), {animate: false});
        }
        open();
      }
    };
    // a page beside the map (the map in an iframe of the same origin) names the selection
    // in an element's data-facmap-selected / data-facmap-focus attributes: read here, the
    // selection needs no new facilities layer, so a popup the user opened stays open
    F.watch = function () {
      var doc = null;
      try { doc = window.parent !== window ? window.parent.document : null; } catch (err) {}
      if (!doc || !doc.body || !window.MutationObserver) { return; }
      var queued = false;
      var check = function () {
        queued = false;
        var el = doc.querySelector("[data-facmap-selected]");
        var id = el ? el.getAttribute("data-facmap-selected") : null;
        var key = el ? el.getAttribute("data-facmap-focus") : null;
        if (id !== F.selId || key !== F.selKey) {
          F.selId = id; F.selKey = key; F.select(id, key);
        }
      };
      new MutationObserver(function () {
        if (!queued) { queued = true; window.requestAnimationFrame(check); }
      }).observe(doc.body, {subtree: true, childList: true, attributes: true,
                            attributeFilter: ["data-facmap-selected", "data-facmap-focus"]});
      F.check = check;
    };
    F.watch();
    // in a Streamlit page (streamlit-folium's frame), say once that the facilities are drawn:
    // the page draws what lies below the map (its table) only with the run this asks for,
    // so that a first visit spends its first seconds on the map
    F.drawn = function () {
      var S = window.Streamlit, G = window.__GLOBAL_DATA__;
      if (F.told || !S || !S.setComponentValue || !G) { return; }
      F.told = true;
      S.setComponentValue(Object.assign({}, G.previous_data, {facmap_drawn: true}));
    };
    // the most important facilities' names beside their markers, where there is room: clear
    // of every marker and cluster, of the controls, of each other and inside the map. Put in
    // the marker pane (above the basemap's town labels, which give way to them); placed
    // again after every move, once the clusters of the new view are drawn
    F.ctx = document.createElement("canvas").getContext("2d");
    F.ctx.font = "600 12px system-ui, sans-serif";
    F.clearNames = function () {
      (F.nameEls || []).forEach(function (el) { L.DomUtil.remove(el); });
      F.nameEls = [];
    };
    F.placeNames = function () {
      F.clearNames();
      var leaves = F.points && map.hasLayer(F.points) && F.points._facmapLeaves;
      var index = leaves && leaves._facmapIndex;
      if (!index || !(F.names || []).length) { return; }
      var pane = map.getPane("markerPane"), size = map.getSize();
      var c = map.getContainer().getBoundingClientRect(), taken = [];
      var rel = function (r) { return [r.left - c.left, r.top - c.top,
                                       r.right - c.left, r.bottom - c.top]; };
      pane.querySelectorAll(".facmap-marker, .marker-cluster").forEach(function (el) {
        var r = el.getBoundingClientRect();
        if (r.width) { var b = rel(r); taken.push([b[0] - 2, b[1] - 2, b[2] + 2, b[3] + 2]); }
      });
      F.controls().forEach(function (b) {
        taken.push([b.left - 4, b.top - 4, b.right + 4, b.bottom + 4]);
      });
      var hit = function (a) {
        if (a[0] < 2 || a[1] < 2 || a[2] > size.x - 2 || a[3] > size.y - 2) { return true; }
        return taken.some(function (o) {
          return a[0] < o[2] && o[0] < a[2] && a[1] < o[3] && o[1] < a[3];
        });
      };
      F.names.forEach(function (n) {
        var l = (index[n[0]] || []).filter(function (x) { return x.getLatLng; })[0];
        var parent = l && (F.points.getVisibleParent ? F.points.getVisibleParent(l) : l);
        var el = parent === l && l.getElement && l.getElement();
        if (!el) { return; }  // clustered, out of view or not drawn: no label
        var m = rel(el.getBoundingClientRect()), w = Math.ceil(F.ctx.measureText(n[1]).width);
        var h = 14, cy = (m[1] + m[3]) / 2, cx = (m[0] + m[2]) / 2;
        var tries = [[m[2] + 4, cy - h / 2], [m[0] - 4 - w, cy - h / 2],
                     [cx - w / 2, m[1] - 3 - h], [cx - w / 2, m[3] + 3]];
        for (var i = 0; i < tries.length; i++) {
          var b = [tries[i][0], tries[i][1], tries[i][0] + w, tries[i][1] + h];
          if (hit(b)) { continue; }
          taken.push([b[0] - 3, b[1] - 2, b[2] + 3, b[3] + 2]);
          var div = L.DomUtil.create("div", "facmap-name", pane);
          div.textContent = n[1];
          div.setAttribute("data-facility", n[0]);
          L.DomUtil.setPosition(div, map.containerPointToLayerPoint([b[0], b[1]]));
          F.nameEls.push(div);
          return;
        }
      });
    };
    F.queueNames = function () {
      if (F.namesQueued) { return; }
      F.namesQueued = true;
      window.setTimeout(function () { F.namesQueued = false; F.placeNames(); }, 0);
    };
    map.on("zoomstart", F.clearNames);
    map.on("moveend resize overlayadd overlayremove", F.queueNames);
    // markers drawn later (clusters opening, panning) keep the selection ring
    map.on("layeradd", function (e) {
      var l = e.layer;
      if (l && l._facmapSelected && l.getElement && l.getElement()) {
        l.getElement().classList.add("facmap-selected");
      }
    });
  }
  F.points = points;
  F.areas = areas;
  F.names = {{ this.names_js }};
  {% if this.bounds_js %}
  if (F.fitKey !== {{ this.fit_key_js }}) {
    F.fitKey = {{ this.fit_key_js }};
    F.touched = false;
    F.fit({{ this.bounds_js }}, {{ this.max_zoom }});
  }
  {% endif %}
  if ({{ this.selected_js }} !== null) {
    F.selId = {{ this.selected_js }}; F.selKey = {{ this.focus_key_js }};
  }
  // the new layer shows the current selection; its popup opens only for a new focus key.
  // Later in this task: a page (streamlit-folium) adds the group to the map after this script
  window.setTimeout(function () {
    F.select(F.selId || null, F.selKey || null);
    if (F.check) { F.check(); }
    F.drawn();
    F.queueNames();
  }, 0);
})({{ this._parent._parent.get_name() }}, [
  {%- for layer, name in this.entries %}
  [{{ layer.get_name() }}, {{ name }}],
  {%- endfor %}
], {{ this.points.get_name() }}, {{ this.areas.get_name() if this.areas else "null" }});
{% endmacro %}
"""
    )

    def __init__(
        self,
        layers: Sequence[tuple[Layer, str]],
        legend: str,
        bounds: list[list[float]] | None,
        max_zoom: int,
        *,
        points: Layer,
        areas: Layer | None,
        fit_key: str,
        selected: str | None = None,
        focus_key: str | None = None,
        names: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "FacilityView"
        self.names_js = _js([list(n) for n in names])
        self.layers = list(layers)
        self.legend_js = _js(legend)
        self.bounds_js = _js(bounds) if bounds is not None else ""
        self.max_zoom = int(max_zoom)
        self.points = points
        self.areas = areas
        self.fit_key_js = _js(fit_key)
        self.selected_js = _js(selected)
        self.focus_key_js = _js(focus_key)

    @property
    def entries(self) -> list[tuple[Layer, str]]:
        """The layers and their control labels (JSON), read at render time for fresh names."""
        return [(layer, _js(name)) for layer, name in self.layers]


def _layer_data(features: Iterable[dict[str, Any]], *, light: bool = False) -> dict[str, Any]:
    """Return the features as the browser needs them: a few fields, popup HTML unless ``light``.

    In light mode the script builds short, escaped popups and tooltips from ``name``, ``type``
    and ``country``, so 10,000 facilities cost a few hundred bytes each instead of kilobytes.
    """
    out = []
    for f in features:
        p = f["properties"]
        props: dict[str, Any] = {
            "id": p["id"],
            "name": p["name"],
            "type": p["type"],
            "inferred": bool(p.get("inferred")),
        }
        if p.get("needs_review"):
            props["needs_review"] = True
        if light:
            props["country"] = p.get("country", "")
        else:
            props["tooltip"] = tooltip_html(p)
            props["popup"] = facility_html(p, max_mentions=POPUP_MENTIONS, compact=True)
        out.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    return {"type": "FeatureCollection", "features": out}


def _validate_collection(fc: Any) -> None:
    if not isinstance(fc, Mapping) or not isinstance(fc.get("features"), list):
        msg = (
            "Expected a GeoJSON FeatureCollection dict with a 'features' list, instead got: "
            f"{type(fc).__name__}. Load it with facmap.dataset.load_geojson()."
        )
        raise FacmapError(msg)


def _check_basemap(basemap: str) -> None:
    if basemap not in BASEMAPS:
        msg = f"Expected basemap to be one of {BASEMAPS}, instead got: {basemap!r}."
        raise FacmapError(msg)


def build_base_map(
    *,
    basemap: str = "offline",
    online_basemaps: bool = True,
    height: str | int = "100%",
    cluster: bool = True,
    basemap_url: str | None = None,
    basemap_cells: Mapping[str, Mapping[str, str]] | None = None,
    jquery: bool = True,
    world_url: str | None = None,
) -> folium.Map:
    """Draw the map without facilities: basemaps, scale, fullscreen, layer control, legend slot.

    It depends on no data, so a page can keep it across reruns and swap only the layer from
    :func:`facilities_layer` (which fills the legend, lists itself in the layer control and
    fits the view). :func:`build_map` is the two together.

    Parameters
    ----------
    basemap, online_basemaps, height
        As for :func:`build_map`.
    cluster
        Include Leaflet.markercluster, so any facilities layer added later may cluster.
    basemap_url, basemap_cells
        Where the offline basemap's detailed cells come from when zoomed in: a URL serving
        ``facmap/data/basemap/`` (the page), and/or cells embedded in the map (an export);
        see :func:`facmap.basemap_layer.offline_basemap_layer`. With neither, the 1:110m
        outlines are drawn at every zoom.
    jquery
        Include jQuery (see :func:`facmap.assets.offline_assets`): folium's HTML popups
        need it, facmap's own map does not. The page leaves it out.
    world_url
        Fetch the 1:110m outlines from here after the markers instead of embedding them
        (the page: ``basemap_url + facmap.basemap.WORLD_FILE``); see
        :func:`facmap.basemap_layer.offline_basemap_layer`.

    Raises
    ------
    FacmapError
        If ``basemap`` is unknown.
    """
    _check_basemap(basemap)
    m = folium.Map(
        location=[45.0, 60.0],
        zoom_start=3,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        height=height,
        world_copy_jump=True,
    )
    # markercluster needs the map's maxZoom; folium only passes it to tile layers. Zoom 1
    # lets a world-wide dataset fit a map narrower than the 1,024 px world of zoom 2 (whole
    # zooms only: markercluster groups per whole zoom level)
    m.options.update(minZoom=1, maxZoom=18)
    assets = offline_assets(cluster=cluster, jquery=jquery)
    # instance attributes, never the class-wide lists: one process serves many maps
    m.default_js = list(assets.js)
    m.default_css = list(assets.css)
    root: Any = m.get_root()  # a branca Figure; typed as its base Element
    root.header.add_child(Element(f"<style>{MAP_CSS}{BASEMAP_CSS}</style>"), name="facmap_css")

    if online_basemaps or basemap != "offline":
        folium.TileLayer(
            _OSM[0],
            attr=_OSM[1],
            name="OpenStreetMap (online)",
            overlay=False,
            show=basemap == "osm",
            max_zoom=19,
        ).add_to(m)
        folium.TileLayer(
            _SATELLITE[0],
            attr=_SATELLITE[1],
            name="Satellite, Esri (online)",
            overlay=False,
            show=basemap == "satellite",
            max_zoom=18,
        ).add_to(m)
    offline_basemap_layer(
        show=basemap == "offline",
        cells_url=basemap_url,
        cells=basemap_cells,
        world_url=world_url,
    ).add_to(m)
    _Controls().add_to(m)
    _LayerControl(collapsed=True).add_to(m)
    return m


def _centre_markers(areas: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return a point feature at the facility's point for each area (polygon) feature.

    A polygon drawn at a country-wide zoom is a few pixels across and easy to miss or take
    for something else; its marker, styled like any facility of its type, makes it as visible
    and clickable as a point. The facility's own ``lat``/``lon`` is used (the point the
    gazetteer gives), else the middle of the area's bounding box. Lines get no marker.
    """
    out = []
    for f in areas:
        if f["geometry"]["type"] not in ("Polygon", "MultiPolygon"):
            continue
        p = f["properties"]
        lat, lon = p.get("lat"), p.get("lon")
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
            box = feature_bounds({"features": [f]})
            if box is None:
                continue
            lat = (box[0][0] + box[1][0]) / 2
            lon = (box[0][1] + box[1][1]) / 2
        out.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": p,
            }
        )
    return out


def _fit_key(features: Sequence[Mapping[str, Any]]) -> str:
    """Return a short digest of which facilities are drawn: the view is refitted when it changes."""
    ids = "\n".join(sorted(str(f["properties"].get("id", "")) for f in features))
    return hashlib.sha1(ids.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def facilities_layer(
    fc: Mapping[str, Any],
    *,
    cluster_threshold: int = DEFAULT_CLUSTER_THRESHOLD,
    max_fit_zoom: int = 7,
    light_popups_above: int | None = None,
    selected: str | None = None,
    focus_key: str | None = None,
    name_labels: int = NAME_LABELS,
) -> folium.FeatureGroup:
    """Draw a facilities collection as one layer for a map from :func:`build_base_map`.

    The group holds the areas and the point markers (one for each point facility and one at
    the centre of each area), and a script that fills the map's legend, lists both in the
    layer control (replacing a previous facilities layer's entries), fits the view to the
    features clear of the controls, and highlights the selected facility.

    Markers that would overlap are clustered (a small radius; above ``cluster_threshold``
    points a wider one, as drawing 10,000 DOM markers is slow).

    Parameters
    ----------
    fc, cluster_threshold, max_fit_zoom, light_popups_above
        As for :func:`build_map`.
    selected
        The id of the facility to highlight (a ring round its marker, a thicker outline).
    focus_key
        When given with ``selected`` and different from the last key this map saw, the map
        also pans to the facility and opens its popup. A page passes a new key each time the
        user selects a facility, and the same key on other reruns, so a popup the user
        closed is not opened again.
    name_labels
        How many of the most important facilities (:func:`name_label_candidates`) have
        their name written beside their marker, each only where it covers no marker,
        cluster, control or other name. ``0``: none.

    Raises
    ------
    FacmapError
        If ``fc`` is not a FeatureCollection dict.
    """
    _validate_collection(fc)
    features = list(fc["features"])
    points = [f for f in features if f["geometry"]["type"] == "Point"]
    areas = [f for f in features if f["geometry"]["type"] != "Point"]
    markers = points + _centre_markers(areas)
    large = len(markers) > cluster_threshold
    light = light_popups_above is not None and len(features) > light_popups_above

    # not in folium's layer control: _FacilityView lists the layers inside it instead
    group = folium.FeatureGroup(name="Facmap facilities", control=False)
    entries: list[tuple[Layer, str]] = []
    credits = " · ".join(_e(c) for c in fc.get("facmap", {}).get("credits", []))
    area_layer = None
    if areas:
        name = f"Areas and corridors ({len(areas)})"
        area_layer = _GeoJsonLayer(_layer_data(areas, light=light), name=name, light=light)
        area_layer.add_to(group)
        entries.append((area_layer, name))
    name = f"Facilities ({len(markers)})"
    point_layer = _GeoJsonLayer(
        _layer_data(markers, light=light),
        name=name,
        cluster=True,
        cluster_radius=50 if large else 22,
        attribution=credits,
        light=light,
    )
    point_layer.add_to(group)
    entries.append((point_layer, name))

    counts = Counter(f["properties"]["type"] for f in features)
    present = [t for t in TYPE_STYLES if t in counts]
    legend = legend_html(
        present,
        counts=counts,
        inferred=any(f["properties"].get("inferred") for f in features),
        review=any(f["properties"].get("needs_review") for f in features),
    )
    _FacilityView(
        entries,
        legend,
        feature_bounds(fc),
        max_fit_zoom,
        points=point_layer,
        areas=area_layer,
        fit_key=_fit_key(features),
        selected=selected,
        focus_key=focus_key if selected else None,
        # in the collection's order, as the page's summary ranks them (ties keep it)
        names=name_label_candidates(
            [f for f in features if f["geometry"]["type"] in _MARKED], limit=name_labels
        ),
    ).add_to(group)
    return group


#: geometries drawn with a marker (points, and areas at their centre): lines have none
_MARKED = ("Point", "Polygon", "MultiPolygon")


def name_label_candidates(
    features: Iterable[Mapping[str, Any]], *, limit: int = NAME_LABELS
) -> list[tuple[str, str]]:
    """Return ``(id, name)`` of the facilities whose names the map writes, most important first.

    Only facilities named in an article, placed without doubt, and not a town standing in
    for a site: an inferred or doubtful one written in bold would claim more than the data
    does, and the basemap names towns already. Ranked by :func:`facmap.summary.rank_key`
    (most articles first), the order in which they take the room there is.
    """
    seen: set[str] = set()
    props = []
    for f in features:
        p = f["properties"]
        if p["id"] in seen or p.get("inferred") or p.get("needs_review"):
            continue
        if p.get("type") == FacilityType.PLACE.value:
            continue
        seen.add(p["id"])
        props.append(p)
    props.sort(key=rank_key)
    return [(str(p["id"]), str(p["name"])) for p in props[: max(limit, 0)]]


def build_map(
    fc: Mapping[str, Any],
    *,
    basemap: str = "offline",
    cluster_threshold: int = DEFAULT_CLUSTER_THRESHOLD,
    online_basemaps: bool = True,
    height: str | int = "100%",
    max_fit_zoom: int = 7,
    light_popups_above: int | None = None,
    basemap_detail: bool = True,
) -> folium.Map:
    """Draw a facilities collection as a self-contained Folium map.

    Points become markers coloured and labelled by type (hollow and dashed when inferred),
    polygons and lines are styled by type, each with a name tooltip and an escaped popup that
    quotes the article. The map has a legend, a scale bar, a fullscreen button and a layer
    control, and fits the features. It is :func:`build_base_map` with
    :func:`facilities_layer` added.

    Parameters
    ----------
    fc
        A facilities FeatureCollection (already filtered; see
        :func:`facmap.dataset.filter_collection`).
    basemap
        The base layer shown first: ``"offline"`` (Natural Earth countries, always available),
        ``"osm"`` or ``"satellite"`` (need a network).
    cluster_threshold
        Markers that overlap are always clustered; above this many markers the clusters
        gather from a wider radius, as drawing 10,000 DOM markers is slow.
    online_basemaps
        Offer OpenStreetMap and satellite tiles in the layer control (they fetch nothing
        unless selected).
    height
        CSS height of the map (``"100%"`` fills its frame; an int means pixels).
    max_fit_zoom
        The closest zoom used when fitting the features (one point would otherwise fill the map).
    light_popups_above
        With more features than this, popups hold only the name, type and country (built in
        the browser) and the full text is left to the caller, e.g. the page's details panel.
        This keeps a 10,000-facility map near 2 MB instead of 15 MB. ``None`` (the default,
        used by exports) always embeds full popups.
    basemap_detail
        Embed the offline basemap's 1:50m and 1:10m cells around the features (a few hundred
        kB), so the standalone map has coastlines, rivers and towns when zoomed in there.

    Returns
    -------
    folium.Map
        With every JS/CSS asset as a ``data:`` URI; :func:`to_html` renders it to one file.

    Raises
    ------
    FacmapError
        If ``fc`` is not a FeatureCollection dict or ``basemap`` is unknown.
    """
    _validate_collection(fc)
    _check_basemap(basemap)
    m = build_base_map(
        basemap=basemap,
        online_basemaps=online_basemaps,
        height=height,
        cluster=True,  # overlapping markers are grouped at any size
        basemap_cells=detail_cells(_feature_points(fc)) if basemap_detail else None,
    )
    facilities_layer(
        fc,
        cluster_threshold=cluster_threshold,
        max_fit_zoom=max_fit_zoom,
        light_popups_above=light_popups_above,
    ).add_to(m)
    return m


def to_html(m: folium.Map) -> str:
    """Render a map from :func:`build_map` as one standalone HTML document (no network needed)."""
    return m.get_root().render()
