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
from .types import FacilityType

__all__ = [
    "BASEMAPS",
    "DEFAULT_CLUSTER_THRESHOLD",
    "MAP_CSS",
    "TYPE_STYLES",
    "TypeStyle",
    "build_base_map",
    "build_map",
    "facilities_layer",
    "facility_html",
    "feature_bounds",
    "highlight",
    "legend_html",
    "safe_url",
    "to_html",
    "tooltip_html",
]

#: above this many point features, markers are clustered (drawing 10,000 DOM markers is slow)
DEFAULT_CLUSTER_THRESHOLD = 300
#: mentions shown in a popup; the page's details panel shows them all
POPUP_MENTIONS = 3
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
    """How a facility type is drawn: a colour, a short glyph in the marker, a label."""

    colour: str
    glyph: str
    label: str


T = FacilityType
#: colour and glyph per type (colour-blind-friendly where twelve colours allow; glyphs disambiguate)
TYPE_STYLES: dict[str, TypeStyle] = {
    t.value: TypeStyle(c, g, t.label)
    for t, c, g in (
        (T.COSMODROME, "#6a3d9a", "CO"),
        (T.MISSILE_TEST_RANGE, "#d62728", "TR"),
        (T.IMPACT_ZONE, "#ff7f0e", "IZ"),
        (T.MISSILE_BASE, "#8c1c13", "MB"),
        (T.AIR_BASE, "#1f77b4", "AB"),
        (T.NAVAL_BASE, "#17365d", "NB"),
        (T.ARMY_BASE, "#2ca02c", "AR"),
        (T.RADAR_STATION, "#0f8b8d", "RD"),
        (T.NUCLEAR_TEST_SITE, "#9a8c00", "NT"),
        (T.DEFENSE_INDUSTRY, "#8c564b", "IN"),
        (T.COMMAND_HQ, "#393b79", "HQ"),
        (T.PLACE, "#6f6f6f", "PL"),
    )
}

MAP_CSS = """
div.leaflet-container { background: #cfe2ee; font: 13px/1.35 system-ui, sans-serif; }
.facmap-marker { display: flex; align-items: center; justify-content: center;
  width: 24px; height: 24px; margin: -12px 0 0 -12px; border-radius: 50%;
  background: var(--c); color: #fff; border: 2px solid #fff; box-sizing: border-box;
  font: bold 9px/1 system-ui, sans-serif; box-shadow: 0 0 3px rgba(0,0,0,.6); }
.facmap-marker.facmap-inferred { background: #fff; color: var(--c);
  border: 2px dashed var(--c); }
.facmap-marker.facmap-review { outline: 2px dotted #a33; outline-offset: 1px; }
.facmap-legend { background: rgba(255,255,255,.92); padding: 6px 8px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,.3); line-height: 1.6; }
.facmap-legend .facmap-marker { display: inline-flex; position: static; margin: 0 4px -7px 0;
  width: 20px; height: 20px; font-size: 8px; }
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
.leaflet-control-attribution { font-size: 10px; max-width: 70%; }
.facmap-popup ol { margin: 2px 0; padding-left: 18px; }
.facmap-fullscreen { display: flex !important; align-items: center; justify-content: center; }
.facmap-maximised { position: fixed !important; inset: 0; z-index: 10000; }
"""

_FULLSCREEN_SVG = (
    '<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" fill="none" '
    'stroke="#333" stroke-width="2"><path d="M1 6V1h5M10 1h5v5M15 10v5h-5M6 15H1v-5"/></svg>'
)


MAP_CSS = MAP_CSS.replace(
    "%TYPECSS%",
    "\n".join(f".facmap-t-{t} {{ --c: {s.colour}; }}" for t, s in TYPE_STYLES.items()),
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


def facility_html(
    p: Mapping[str, Any], *, max_mentions: int | None = None, compact: bool = False
) -> str:
    """Escaped HTML describing one facility: what it is, where, why we think so, who said it.

    Used by popups (a few mentions) and the page's details panel (all of them).

    Parameters
    ----------
    p
        A feature's ``properties``.
    max_mentions
        Show at most this many excerpts, with a count of the rest; ``None`` shows all.
    compact
        Popup form: the excerpts first, then only where and how the point was placed and its
        sources (no basis, disagreements or notes).
    """
    inferred = ' <span class="facmap-badge">inferred</span>' if p.get("inferred") else ""
    review = ' <span class="facmap-badge">needs review</span>' if p.get("needs_review") else ""
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
    if compact:
        rows = [r for r in rows if r[0] in {"Operator", "Coordinates", "Placed by", "Confidence"}]
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
        f'<div class="facmap-cite">and {more} more mention{"s" if more > 1 else ""} '
        "(select the facility to read them all)</div>"
        if more
        else ""
    )
    head = (
        f'<div class="facmap-popup" data-facility="{_e(p.get("id", ""))}">'
        f"<h4>{_e(p.get('name', ''))}{inferred}{review}</h4>"
        f'<div class="facmap-meta">{_e(_type_label(str(p.get("type", ""))))} · '
        f"{_e(p.get('country', ''))}</div>"
    )
    said = (
        f"<div><b>What the article says</b>"
        f"{''.join(_mention_html(m) for m in shown)}{more_html}</div>"
    )
    facts = f"<table>{table}</table>{reasoning}<div><b>Sources</b><ol>{sources}</ol></div>"
    body = said + facts if compact else facts + said
    return f"{head}{body}</div>"


def _marker_html(t: str, *, inferred: bool = False) -> str:
    s = TYPE_STYLES.get(t) or TYPE_STYLES["place"]
    cls = f"facmap-marker facmap-t-{t}" + (" facmap-inferred" if inferred else "")
    return f'<span class="{cls}">{s.glyph}</span>'


def legend_html(types: Iterable[str], *, counts: Mapping[str, int] | None = None) -> str:
    """Escaped legend: one row per type present, plus the inferred marker style."""
    rows = []
    for t in types:
        s = TYPE_STYLES.get(t) or TYPE_STYLES["place"]
        n = f" ({counts[t]})" if counts and t in counts else ""
        rows.append(f"<div>{_marker_html(t)}{_e(s.label)}{n}</div>")
    rows.append(f"<div>{_marker_html('place', inferred=True)}inferred (dashed, hollow)</div>")
    return '<div class="facmap-legend"><b>Facility type</b>' + "".join(rows) + "</div>"


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
  var icons = {};
  // JSON text read by JSON.parse: faster than compiling the data as a script literal
  var layer = L.geoJSON(JSON.parse({{ this.data_js }}), {
    {% if this.attribution_js %}attribution: {{ this.attribution_js }},{% endif %}
    {% if not this.interactive %}interactive: false,{% endif %}
    pointToLayer: function (f, latlng) {
      var p = f.properties, s = styles[p.type] || styles.place;
      var cls = "facmap-marker facmap-t-" + p.type + (p.inferred ? " facmap-inferred" : "") +
        (p.needs_review ? " facmap-review" : "");
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
    {% if not this.light %}
    onEachFeature: function (f, l) {
      var p = f.properties || {}, sticky = {sticky: f.geometry.type !== "Point"};
      if (p.tooltip) { l.bindTooltip(p.tooltip, sticky); }
      if (p.popup) { l.bindPopup(p.popup, {maxWidth: 380, maxHeight: 340}); }
    }
    {% endif %}
  });
  {% if this.light %}
  // light mode (large datasets): short tooltips and popups built here, every value escaped,
  // and bound to a feature when first pointed at or clicked, not to thousands up front
  layer.on("mouseover", function (e) {
    var l = e.layer, f = l && l.feature;
    if (!f || l.getTooltip()) { return; }
    var p = f.properties || {}, sticky = f.geometry.type !== "Point";
    l.bindTooltip(esc(p.name) + (p.inferred ? " <i>(inferred)</i>" : ""), {sticky: sticky});
    l.openTooltip(sticky ? e.latlng : undefined);
  });
  layer.on("click", function (e) {
    var l = e.layer, f = l && l.feature;
    if (!f || l.getPopup()) { return; }
    var p = f.properties || {}, s = styles[p.type] || styles.place;
    l.bindPopup('<div class="facmap-popup" data-facility="' + esc(p.id) + '"><h4>' +
      esc(p.name) + (p.inferred ? ' <span class="facmap-badge">inferred</span>' : "") +
      (p.needs_review ? ' <span class="facmap-badge">needs review</span>' : "") +
      '</h4><div class="facmap-meta">' + esc(s.label) + " · " + esc(p.country) +
      '</div><div class="facmap-cite">Its excerpts and sources are shown beside ' +
      "the map.</div></div>", {maxWidth: 380});
    l.openPopup(l.getLatLng ? undefined : e.latlng);
  });
  {% endif %}
  {% if this.cluster %}
  var group = L.markerClusterGroup({chunkedLoading: true, showCoverageOnHover: false,
                                    maxClusterRadius: 50});
  group.addLayer(layer);
  return group;
  {% else %}
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
    ) -> None:
        super().__init__(name=name, overlay=overlay, control=True, show=show)
        self._name = "FacilityLayer" if interactive else "OfflineBasemap"
        self.data_js = _json_string_js(data)
        self.styles_js = _js(
            {
                t: {"colour": s.colour, "glyph": s.glyph, "label": s.label}
                for t, s in TYPE_STYLES.items()
            }
        )
        self.light = light
        self.cluster = cluster
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
    """Make the map show its facilities layer: legend, layer-control entries, fitted view.

    Runs when the layer is created, so a page can swap the layer (streamlit-folium's
    ``feature_group_to_add``) and the legend and control follow, with no new map. The entries
    of the layer it replaces are taken out of the control first.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map, entries) {
  var ctl = map._facmapLayers, old = map._facmapOverlays || [];
  if (ctl) {
    old.forEach(function (l) { ctl.removeLayer(l); });
    entries.forEach(function (e) { ctl.addOverlay(e[0], e[1]); });
  }
  map._facmapOverlays = entries.map(function (e) { return e[0]; });
  if (map._facmapLegend) { map._facmapLegend.innerHTML = {{ this.legend_js }}; }
  {% if this.bounds_js %}
  map.fitBounds({{ this.bounds_js }},
                {padding: [24, 24], maxZoom: {{ this.max_zoom }}, animate: false});
  {% endif %}
})({{ this._parent._parent.get_name() }}, [
  {%- for layer, name in this.entries %}
  [{{ layer.get_name() }}, {{ name }}],
  {%- endfor %}
]);
{% endmacro %}
"""
    )

    def __init__(
        self,
        layers: Sequence[tuple[Layer, str]],
        legend: str,
        bounds: list[list[float]] | None,
        max_zoom: int,
    ) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # branca is untyped
        self._name = "FacilityView"
        self.layers = list(layers)
        self.legend_js = _js(legend)
        self.bounds_js = _js(bounds) if bounds is not None else ""
        self.max_zoom = int(max_zoom)

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
    # markercluster needs the map's maxZoom; folium only passes it to tile layers
    m.options.update(minZoom=2, maxZoom=18)
    assets = offline_assets(cluster=cluster)
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
        show=basemap == "offline", cells_url=basemap_url, cells=basemap_cells
    ).add_to(m)
    _Controls().add_to(m)
    _LayerControl(collapsed=True).add_to(m)
    return m


def facilities_layer(
    fc: Mapping[str, Any],
    *,
    cluster_threshold: int = DEFAULT_CLUSTER_THRESHOLD,
    max_fit_zoom: int = 7,
    light_popups_above: int | None = None,
) -> folium.FeatureGroup:
    """Draw a facilities collection as one layer for a map from :func:`build_base_map`.

    The group holds the areas and the (clustered above ``cluster_threshold``) point markers,
    and a script that fills the map's legend, lists both in the layer control (replacing a
    previous facilities layer's entries) and fits the view to the features.

    Parameters
    ----------
    fc, cluster_threshold, max_fit_zoom, light_popups_above
        As for :func:`build_map`.

    Raises
    ------
    FacmapError
        If ``fc`` is not a FeatureCollection dict.
    """
    _validate_collection(fc)
    features = list(fc["features"])
    points = [f for f in features if f["geometry"]["type"] == "Point"]
    areas = [f for f in features if f["geometry"]["type"] != "Point"]
    cluster = len(points) > cluster_threshold
    light = light_popups_above is not None and len(features) > light_popups_above

    # not in folium's layer control: _FacilityView lists the layers inside it instead
    group = folium.FeatureGroup(name="Facmap facilities", control=False)
    entries: list[tuple[Layer, str]] = []
    credits = " · ".join(_e(c) for c in fc.get("facmap", {}).get("credits", []))
    if areas:
        name = f"Areas and corridors ({len(areas)})"
        area_layer = _GeoJsonLayer(_layer_data(areas, light=light), name=name, light=light)
        area_layer.add_to(group)
        entries.append((area_layer, name))
    name = f"Facilities ({len(points)})"
    point_layer = _GeoJsonLayer(
        _layer_data(points, light=light),
        name=name,
        cluster=cluster,
        attribution=credits,
        light=light,
    )
    point_layer.add_to(group)
    entries.append((point_layer, name))

    counts = Counter(f["properties"]["type"] for f in features)
    present = [t for t in TYPE_STYLES if t in counts]
    _FacilityView(
        entries, legend_html(present, counts=counts), feature_bounds(fc), max_fit_zoom
    ).add_to(group)
    return group


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
        Cluster the markers when there are more point features than this.
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
    n_points = sum(1 for f in fc["features"] if f["geometry"]["type"] == "Point")
    m = build_base_map(
        basemap=basemap,
        online_basemaps=online_basemaps,
        height=height,
        cluster=n_points > cluster_threshold,
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
