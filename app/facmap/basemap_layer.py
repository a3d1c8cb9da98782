"""The offline basemap as one Leaflet layer: outlines by zoom, lakes, rivers and town labels.

:func:`offline_basemap_layer` returns the base layer that :func:`facmap.mapview.build_base_map`
offers as "Offline basemap". In the browser it draws the 1:110m countries below zoom 5 and
the 1:50m / 1:10m cells of :mod:`facmap.basemap` from there on, each cell fetched once from
``cells_url`` (the page serves ``data/basemap/`` there) or read from the cells embedded in
the map (a standalone export); the 1:110m outlines are fetched from ``world_url`` once the
markers are drawn (the page), or embedded. A cell the map cannot get leaves the coarser level
drawn, so an export zoomed far from its facilities shows the 1:110m outlines, not blank sea.

Town labels (GeoNames) sit in their own pane under the facility layers, in small grey text,
and are thinned the way :func:`facmap.basemap.thin_labels` describes: by population for the
zoom, then largest first with no label over another or over a facility marker.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from folium.map import Layer
from jinja2 import Template

from .basemap import (
    BASEMAP_CREDIT,
    COORD_SCALE,
    DETAIL_LEVELS,
    LABEL_MIN_POP,
    TILE_DEG,
    basemap_dir,
    countries_geojson,
    global_places,
)

__all__ = ["BASEMAP_CSS", "OfflineBasemap", "cell_index", "offline_basemap_layer"]

#: styles of the basemap's labels (the map's other styles are facmap.mapview.MAP_CSS)
BASEMAP_CSS = """
.leaflet-facmapLabels-pane { pointer-events: none; }
.leaflet-facmapLabels-pane.facmap-zooming { visibility: hidden; }
.facmap-town { position: absolute; white-space: nowrap; pointer-events: none;
  font: 11px/12px system-ui, sans-serif; color: #5a5a5a; margin: -6px 0 0 -2px;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff; }
.facmap-town::before { content: ""; display: inline-block; width: 4px; height: 4px;
  margin: 0 3px 1px 0; border-radius: 50%; background: #777; vertical-align: middle; }
"""

_STYLE = {
    "land": {"stroke": False, "fillColor": "#f4f1ea", "fillOpacity": 1},
    "world": {
        "color": "#8c8c8c",
        "weight": 0.8,
        "fillColor": "#f4f1ea",
        "fillOpacity": 1,
        "className": "facmap-base-world",
    },
    "coast": {"color": "#7f8c99", "weight": 0.9, "fill": False},
    "border": {"color": "#8c8c8c", "weight": 1, "dashArray": "5 3", "fill": False},
    "lakes": {"stroke": False, "fillColor": "#cfe2ee", "fillOpacity": 1},
    "rivers": {"color": "#8fb3cc", "weight": 1, "fill": False},
}


def cell_index() -> dict[str, list[str]]:
    """Return the keys of the cells shipped for each detailed level (cells with land)."""
    import json

    data: dict[str, list[str]] = json.loads((basemap_dir() / "index.json").read_text("utf-8"))
    return data


class OfflineBasemap(Layer):
    """Leaflet layer for the offline basemap (see the module docstring)."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
  var cfg = {{ this.config_js }};
  // embedded in a standalone map; the page fetches it (cfg.worldUrl) once its markers are drawn
  var world = {% if this.world_js %}JSON.parse({{ this.world_js }}){% else %}null{% endif %};
  var embedded = JSON.parse({{ this.cells_js }});
  var S = cfg.scale, D = cfg.tileDeg, OV = Math.round(cfg.overlap * S);
  var Base = L.Layer.extend({
    options: {attribution: cfg.attribution},
    onAdd: function (map) {
      this._map = map;
      if (!map.getPane("facmapBase")) {
        map.createPane("facmapBase").style.zIndex = 250;
        map.createPane("facmapLabels").style.zIndex = 350;
      }
      this._renderer = this._renderer || L.svg({pane: "facmapBase", padding: 0.3});
      this._world = this._world || L.geoJSON(world, {interactive: false, pane: "facmapBase",
        renderer: this._renderer, style: cfg.style.world});
      if (!world && cfg.worldUrl && !this._worldLoad) { this._worldLoad = this._loadWorld(); }
      this._cells = this._cells || {};   // level/key -> {data, layer} once loaded
      this._shown = {};                  // level/key -> layer on the map
      this._labels = [];
      this._world.addTo(map);
      map.on("moveend", this._update, this);
      map.on("zoomstart", this._hideLabels, this);
      map.on("layeradd", this._markersChanged, this);
      // markers are placed by other layers on their own schedule (clusters after a zoom,
      // the page's selection ring, a late facilities layer): whenever the marker pane changes,
      // place the labels again around what is there now
      if (window.MutationObserver && !this._observer) {
        var self = this;
        this._observer = new MutationObserver(function () { self._markersChanged(); });
        this._observer.observe(map.getPane("markerPane"), {childList: true, subtree: true,
          attributes: true, attributeFilter: ["style", "class"]});
      }
      this._update();
      return this;
    },
    onRemove: function (map) {
      map.off("moveend", this._update, this);
      map.off("zoomstart", this._hideLabels, this);
      map.off("layeradd", this._markersChanged, this);
      if (this._observer) { this._observer.disconnect(); this._observer = null; }
      map.removeLayer(this._world);
      for (var k in this._shown) { map.removeLayer(this._shown[k]); }
      this._shown = {};
      this._clearLabels();
    },
    _loadWorld: function () {
      // the outlines wait for the task that draws the markers (the page adds its facilities
      // layer in the same task as this map), so the first thing a visitor sees is the data;
      // a file that cannot be read leaves the sea colour, and says so on the console
      var self = this, url = cfg.worldUrl;
      return new Promise(function (done) { setTimeout(done, 0); }).then(function () {
        return fetch(url);
      }).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      }).then(function (data) {
        self._world.addData(data);
        if (self._map) { self._map.getContainer().setAttribute("data-facmap-world", "drawn"); }
      }).catch(function (err) {
        console.warn("facmap: expected the 1:110m outlines at " + url + ", got " + err +
                     "; check that the page serves facmap/data/basemap/");
        if (self._map) { self._map.getContainer().setAttribute("data-facmap-world", "failed"); }
      });
    },
    _keys: function () {
      // the 10-degree cells meeting the view (and a little around it), wrapped in longitude
      var b = this._map.getBounds().pad(0.1), out = [], nx = 360 / D, ny = 180 / D;
      var w = b.getWest(), e = b.getEast();
      if (e - w >= 360) { w = -180; e = 179.999; }
      var y0 = Math.max(0, Math.floor((b.getSouth() + 90) / D));
      var y1 = Math.min(ny - 1, Math.floor((b.getNorth() + 90) / D));
      for (var x = Math.floor((w + 180) / D); x <= Math.floor((e + 180) / D); x++) {
        for (var y = y0; y <= y1; y++) {
          var k = (((x % nx) + nx) % nx) + "_" + y;
          if (out.indexOf(k) < 0) { out.push(k); }
        }
      }
      return out;
    },
    _get: function (level, key) {
      // a cell's data: a promise of the parsed cell, or null when this map cannot have it
      var id = level + "/" + key, c = this._cells[id];
      if (c) { return c.promise; }
      var text = embedded[level] && embedded[level][key], p = null;
      if (text) { p = Promise.resolve(JSON.parse(text)); }
      else if (cfg.url) {
        p = fetch(cfg.url + level + "/" + key + ".json").then(function (r) {
          if (!r.ok) { throw new Error(r.status); }
          return r.json();
        });
      }
      if (!p) { return null; }
      c = this._cells[id] = {promise: p.catch(function () { return null; })};
      return c.promise;
    },
    _available: function (level, key) {
      return !!((embedded[level] && embedded[level][key]) || cfg.url);
    },
    _update: function () {
      var map = this._map, z = map.getZoom(), keys = this._keys(), self = this;
      this._zoom = z;
      // the deepest level the zoom asks for whose cells in view this map can have
      var levels = cfg.levels.filter(function (lv) { return z >= lv.minZoom; });
      var draw = null;
      for (var i = levels.length - 1; i >= 0 && !draw; i--) {
        var lv = levels[i], have = cfg.index[lv.name] || {};
        var ok = keys.every(function (k) { return !have[k] || self._available(lv.name, k); });
        if (ok) { draw = lv.name; }
      }
      var wanted = [];
      levels.forEach(function (lv) {
        var have = cfg.index[lv.name] || {};
        keys.forEach(function (k) {
          if (have[k] && self._available(lv.name, k)) { wanted.push([lv.name, k]); }
        });
      });
      var token = this._token = {};
      var loads = wanted.map(function (w) { return self._get(w[0], w[1]); });
      Promise.all(loads).then(function (cells) {
        if (token !== self._token || !self._map) { return; }   // a newer view took over
        // a cell of the drawn level that could not be read: keep the 1:110m outlines
        if (cells.some(function (c, j) { return !c && wanted[j][0] === draw; })) { draw = null; }
        var places = [], show = {};
        cells.forEach(function (c, j) {
          if (!c) { return; }
          var level = wanted[j][0], key = wanted[j][1];
          (c.places || []).forEach(function (p) { places.push(p); });
          if (level === draw) { show[level + "/" + key] = self._layer(level, key, c); }
        });
        for (var id in self._shown) {
          if (!show[id]) { map.removeLayer(self._shown[id]); }
        }
        for (id in show) { if (!self._shown[id]) { show[id].addTo(map); } }
        self._shown = show;
        if (draw) { map.removeLayer(self._world); } else { self._world.addTo(map); }
        self._drawn = draw || "110m";
        map.getContainer().setAttribute("data-facmap-basemap", self._drawn);
        self._places = cfg.places.concat(places);
        self._drawLabels();
      });
    },
    _layer: function (level, key, c) {
      var id = level + "/" + key, entry = this._cells[id];
      if (entry.layer) { return entry.layer; }
      var parts = key.split("_");
      var west = (-180 + D * parts[0]) * S, south = (-90 + D * parts[1]) * S;
      var edge = [west - OV, south - OV, west + D * S + OV, south + D * S + OV];
      var opts = {interactive: false, pane: "facmapBase", renderer: this._renderer};
      var ll = function (flat) {
        var out = [], x = 0, y = 0;
        for (var i = 0; i < flat.length; i += 2) {
          x += flat[i]; y += flat[i + 1]; out.push([y / S, x / S, x, y]);
        }
        return out;
      };
      var strip = function (pts) { return pts.map(function (p) { return [p[0], p[1]]; }); };
      var onEdge = function (a, b) {
        return (a[2] === b[2] && (a[2] === edge[0] || a[2] === edge[2])) ||
               (a[3] === b[3] && (a[3] === edge[1] || a[3] === edge[3]));
      };
      var polys = function (list) {
        return list.map(function (rings) {
          return rings.map(function (r) { return strip(ll(r)); });
        });
      };
      var coast = [];
      (c.land || []).forEach(function (rings) {
        // the coast is the land rings less the segments on the (overlapping) cell edge
        rings.forEach(function (r) {
          var pts = ll(r), run = [];
          for (var i = 1; i < pts.length; i++) {
            if (onEdge(pts[i - 1], pts[i])) {
              if (run.length > 1) { coast.push(strip(run)); }
              run = [];
            } else {
              if (!run.length) { run.push(pts[i - 1]); }
              run.push(pts[i]);
            }
          }
          if (run.length > 1) { coast.push(strip(run)); }
        });
      });
      var g = L.layerGroup();
      var add = function (layer, cls) {
        layer.options.className = "facmap-base-" + cls;
        g.addLayer(layer);
      };
      var st = cfg.style, lines = function (list) {
        return list.map(function (r) { return strip(ll(r)); });
      };
      var draw = function (make, coords, cls) {
        if (coords.length) { add(make(coords, L.extend({}, opts, st[cls])), cls); }
      };
      // drawn in this order: land, then water on it, then the lines on top
      draw(L.polygon, polys(c.land || []), "land");
      draw(L.polygon, polys(c.lakes || []), "lakes");
      draw(L.polyline, lines(c.rivers || []), "rivers");
      draw(L.polyline, coast, "coast");
      draw(L.polyline, lines(c.border || []), "border");
      entry.layer = g;
      return g;
    },
    _hideLabels: function () {
      var pane = this._map && this._map.getPane("facmapLabels");
      if (pane) { L.DomUtil.addClass(pane, "facmap-zooming"); }
    },
    _clearLabels: function () {
      this._labels.forEach(function (el) { L.DomUtil.remove(el); });
      this._labels = [];
    },
    _markersChanged: function (e) {
      // a facilities layer drawn after the labels: place them again, around its markers
      if ((!e || e.layer instanceof L.Marker) && !this._relabel && this._places) {
        var self = this;
        this._relabel = setTimeout(function () { self._relabel = null; self._drawLabels(); }, 50);
      }
    },
    _minPop: function (z) {
      var pop = cfg.labelMinPop[0][1];
      cfg.labelMinPop.forEach(function (r) { if (z >= r[0]) { pop = r[1]; } });
      return pop;
    },
    _drawLabels: function () {
      var map = this._map;
      if (!map || !this._places) { return; }
      var pane = map.getPane("facmapLabels");
      this._clearLabels();
      L.DomUtil.removeClass(pane, "facmap-zooming");
      var z = map.getZoom(), minPop = this._minPop(z), size = map.getSize();
      var ctx = this._ctx || (this._ctx = document.createElement("canvas").getContext("2d"));
      ctx.font = "11px system-ui, sans-serif";
      // facility markers, clusters and facility names are obstacles: no label over them
      var box = map.getContainer().getBoundingClientRect(), blocked = [];
      var icons = map.getPane("markerPane").querySelectorAll(
        ".facmap-marker, .marker-cluster, .facmap-name");
      for (var i = 0; i < icons.length; i++) {
        var r = icons[i].getBoundingClientRect();
        if (r.width) { blocked.push([r.left - box.left - 2, r.top - box.top - 2,
                                     r.right - box.left + 2, r.bottom - box.top + 2]); }
      }
      // ... and where every marker on the map is, from its position rather than its element:
      // an icon not drawn yet (or mid-animation) still takes its place
      map.eachLayer(function (l) {
        if (l instanceof L.Marker && l.getLatLng && l.options.pane !== "facmapLabels") {
          var c = map.latLngToContainerPoint(l.getLatLng()), h = 14;
          blocked.push([c.x - h, c.y - h, c.x + h, c.y + h]);
        }
      });
      var hit = function (a, b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
      };
      var rows = this._places.filter(function (p) { return p[3] >= minPop; });
      rows.sort(function (a, b) { return b[3] - a[3]; });
      var taken = [], self = this;
      rows.forEach(function (p) {
        var ll = L.latLng(p[1] / S, p[2] / S), pt = map.latLngToContainerPoint(ll);
        if (pt.x < -200 || pt.y < -20 || pt.x > size.x + 20 || pt.y > size.y + 20) { return; }
        var w = ctx.measureText(p[0]).width + 7;
        var b = [pt.x - 5, pt.y - 9, pt.x + w + 3, pt.y + 9];
        if (blocked.some(function (o) { return hit(b, o); }) ||
            taken.some(function (o) { return hit(b, o); })) { return; }
        taken.push(b);
        var el = L.DomUtil.create("div", "facmap-town", pane);
        el.textContent = p[0];
        el.setAttribute("data-pop", p[3]);
        L.DomUtil.setPosition(el, map.latLngToLayerPoint(ll));
        self._labels.push(el);
      });
    }
  });
  return new Base();
})();
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}
"""
    )

    def __init__(
        self,
        *,
        name: str,
        show: bool,
        cells_url: str | None,
        cells: Mapping[str, Mapping[str, str]],
        world_url: str | None = None,
    ) -> None:
        from .mapview import _js, _json_string_js

        super().__init__(name=name, overlay=False, control=True, show=show)
        self._name = "OfflineBasemap"
        index = cell_index()
        self.config_js = _js(
            {
                "scale": COORD_SCALE,
                "tileDeg": TILE_DEG,
                "overlap": 0.02,
                "url": cells_url,
                "worldUrl": world_url,
                "levels": [
                    {"name": lv.name, "minZoom": lv.min_zoom} for lv in DETAIL_LEVELS.values()
                ],
                "index": {lv: dict.fromkeys(keys, 1) for lv, keys in index.items()},
                "labelMinPop": sorted(LABEL_MIN_POP.items()),
                "places": global_places(),
                "style": _STYLE,
                "attribution": html.escape(BASEMAP_CREDIT),
            }
        )
        # with a URL to fetch from, the map's HTML leaves the outlines out (195 kB)
        self.world_js = "" if world_url else _json_string_js(countries_geojson())
        self.cells_js = _json_string_js({lv: dict(c) for lv, c in cells.items()})

    def render(self, **kwargs: Any) -> str:
        """Add the script as text, not as a template: the data is never template code."""
        from .mapview import _Text

        figure: Any = self.get_root()
        script = self._template.module.__dict__["script"]
        figure.script.add_child(_Text(script(self, kwargs)), name=self.get_name())
        return ""


def offline_basemap_layer(
    *,
    show: bool = True,
    cells_url: str | None = None,
    cells: Mapping[str, Mapping[str, str]] | None = None,
    name: str = "Offline basemap (Natural Earth, GeoNames)",
    world_url: str | None = None,
) -> OfflineBasemap:
    """Return the offline base layer for a Folium map.

    Parameters
    ----------
    show
        Draw it at first (it is a base layer: the layer control swaps it for the online ones).
    cells_url
        Where the browser can fetch ``data/basemap/<level>/<key>.json`` (ending in ``/``;
        absolute or relative to the map's document), e.g. the page's static route. ``None``:
        only the embedded ``cells`` are drawn.
    cells
        Cell texts to embed, level -> key -> JSON text (:func:`facmap.basemap.detail_cells`).
    name
        Its name in the layer control.
    world_url
        Where the browser can fetch the 1:110m outlines
        (``data/basemap/`` + :data:`facmap.basemap.WORLD_FILE`), e.g. ``cells_url +
        WORLD_FILE`` on the page. They are then fetched once the markers are drawn instead
        of being embedded: the map's HTML is 195 kB lighter and its first task draws the
        data. ``None`` (standalone maps): embedded.
    """
    return OfflineBasemap(
        name=name, show=show, cells_url=cells_url, cells=cells or {}, world_url=world_url
    )
