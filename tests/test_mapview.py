from __future__ import annotations

import copy
import json
import re

import folium
import pytest

from facmap import viewstate
from facmap.dataset import load_geojson
from facmap.errors import FacmapError
from facmap.mapview import (
    POPUP_EXCERPT_CHARS,
    POPUP_MENTIONS,
    SHAPES,
    TYPE_STYLES,
    build_base_map,
    build_map,
    clip_excerpt,
    contrast_ratio,
    facility_html,
    feature_bounds,
    highlight,
    legend_html,
    safe_url,
    to_html,
    tooltip_html,
)
from facmap.types import FacilityType

from .conftest import DATASET, FIXTURES
from .page_server import synthetic_collection


@pytest.fixture(scope="module")
def seed():
    return load_geojson(DATASET)


@pytest.fixture(scope="module")
def seed_html(seed):
    return to_html(build_map(seed))


@pytest.fixture(scope="module")
def xss():
    return load_geojson(FIXTURES / "page_xss.geojson")


def test_every_type_has_a_style():
    assert set(TYPE_STYLES) == {t.value for t in FacilityType}
    # no two types look alike: a colour is shared only with another shape
    assert len({(s.colour, s.shape) for s in TYPE_STYLES.values()}) == len(TYPE_STYLES)
    assert len({s.glyph for s in TYPE_STYLES.values()}) == len(TYPE_STYLES)
    assert {s.shape for s in TYPE_STYLES.values()} <= set(SHAPES)


OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
             "#CC79A7"}  # fmt: skip


def test_type_colours_are_colour_blind_safe_and_glyphs_legible():
    place = TYPE_STYLES["place"].colour  # a neutral grey: "a place, not a facility"
    assert {s.colour for s in TYPE_STYLES.values()} - {place} <= OKABE_ITO
    for t, s in TYPE_STYLES.items():
        # WCAG AA for normal text, the glyph on its marker's fill
        assert contrast_ratio(s.ink, s.colour) >= 4.5, t
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def test_map_loads_nothing_from_the_network(seed_html):
    srcs = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', seed_html)
    assert srcs, "expected the assets as script/link elements"
    assert all(s.startswith("data:") for s in srcs), [s[:60] for s in srcs]
    assert "cdn" not in " ".join(s[:80] for s in srcs)


def test_assets_are_set_per_map_not_class_wide(seed):
    before = list(folium.Map.default_js)
    m = build_map(seed)
    assert folium.Map.default_js == before
    # markercluster always: markers that would overlap are grouped at any size
    assert [n for n, _ in m.default_js] == ["leaflet", "jquery", "markercluster"]
    assert folium.Map().default_js[0][1].startswith("https://")


def test_page_map_can_leave_jquery_out():
    """The page's map loads no jQuery (nothing on it uses it); standalone maps keep it."""
    page = build_base_map(cluster=True, jquery=False)
    assert [n for n, _ in page.default_js] == ["leaflet", "markercluster"]
    assert [n for n, _ in build_base_map(cluster=True).default_js] == [
        "leaflet", "jquery", "markercluster"
    ]  # fmt: skip
    html = page.get_root().render()
    assert "jQuery" not in html
    assert "$(" not in html


def test_map_draws_points_areas_and_controls(seed, seed_html):
    points = sum(f["geometry"]["type"] == "Point" for f in seed["features"])
    polygons = sum(f["geometry"]["type"] == "Polygon" for f in seed["features"])
    assert polygons  # each area also gets a marker at its centre
    assert f"Facilities ({points + polygons})" in seed_html
    assert f"Areas and corridors ({len(seed['features']) - points})" in seed_html
    assert "L.control.layers" in seed_html
    assert "L.control.scale" in seed_html
    assert "facmap-fullscreen" in seed_html
    assert "F.fit([[" in seed_html
    assert "Natural Earth" in seed_html
    assert "maxClusterRadius: 22" in seed_html  # only overlapping markers are grouped


def test_online_basemaps_are_offered_but_not_shown_by_default(seed_html):
    assert "tile.openstreetmap.org" in seed_html
    # tile layers that are not shown are never added to the map, so they fetch nothing
    tiles = re.findall(r"var (tile_layer_\w+) = L\.tileLayer", seed_html)
    assert len(tiles) == 2
    for t in tiles:
        assert f"{t}.addTo(" not in seed_html


def test_basemap_choice(seed):
    html = to_html(build_map(seed, basemap="osm"))
    assert len(re.findall(r"tile_layer_\w+\.addTo\(", html)) == 1
    with pytest.raises(FacmapError, match="Expected basemap to be one of"):
        build_map(seed, basemap="google")


def test_bad_input_says_what_was_expected():
    with pytest.raises(FacmapError, match="Expected a GeoJSON FeatureCollection"):
        build_map([])  # type: ignore[arg-type]


def test_clusters_gather_wider_above_the_threshold():
    fc = synthetic_collection(30)
    assert "maxClusterRadius: 22" in to_html(build_map(fc, cluster_threshold=30))
    html = to_html(build_map(fc, cluster_threshold=29))
    assert "maxClusterRadius: 50" in html
    assert "marker-cluster" in html or "data:text/css" in html


def test_popup_quotes_the_article_with_the_surface_highlighted(seed):
    ky = next(f for f in seed["features"] if f["properties"]["id"] == "kapustin-yar")
    p = ky["properties"]
    out = facility_html(p)
    assert f"<mark>{p['mentions'][0]['surface']}</mark>" in out
    assert "Airspace Review" in out
    assert "2025-10-31" in out
    assert f"± {p['precision_km']} km" in out
    assert p["placed_by"] in out
    assert 'href="https://www.airspace-review.com/' in out
    assert 'rel="noopener noreferrer"' in out


def test_inferred_is_labelled(seed):
    inferred = [f["properties"] for f in seed["features"] if f["properties"]["inferred"]]
    assert inferred
    for p in inferred:
        assert 'facmap-badge">inferred' in facility_html(p)
        assert tooltip_html(p).endswith("<i>(inferred)</i>")


def test_popup_is_compact_and_counts_the_rest(seed):
    p = copy.deepcopy(seed["features"][0]["properties"])
    p["mentions"] = p["mentions"] * 3
    out = facility_html(p, max_mentions=POPUP_MENTIONS, compact=True)
    assert out.count('class="facmap-excerpt"') == POPUP_MENTIONS == 1
    assert "2 more mentions, sources" in out
    assert "<table>" not in out  # placement and sources are in the details panel
    assert facility_html(p).count('class="facmap-excerpt"') == 3
    assert facility_html(p, max_mentions=1).count("and 2 more mentions") == 1


def test_popup_excerpt_is_clipped_around_the_name(seed):
    p = copy.deepcopy(seed["features"][0]["properties"])
    m = p["mentions"][0]
    filler = "word " * 200
    m["excerpt"] = f"{filler}{m['surface']} {filler}"
    out = facility_html(p, compact=True)
    quote = re.search(r'<blockquote class="facmap-excerpt">(.*?)</blockquote>', out)[1]
    assert f"<mark>{m['surface']}</mark>" in quote
    text = re.sub(r"<[^>]+>", "", quote)
    assert len(text) <= POPUP_EXCERPT_CHARS + 4
    assert text.startswith("… word") and text.endswith("word …")  # cut between words


def test_clip_excerpt():
    assert clip_excerpt("short", "short") == "short"
    out = clip_excerpt("a" * 50 + " Baikonur " + "b" * 50, "Baikonur", limit=30)
    assert "Baikonur" in out
    assert clip_excerpt("x " * 100, "missing", limit=20).endswith(" …")


def test_article_text_is_escaped_everywhere(xss):
    p = xss["features"][0]["properties"]
    out = facility_html(p)
    assert not re.search(r"<(script|img|svg|i|u)\b", out)
    assert "<b>Kapustin" not in out
    assert 'href="javascript' not in out
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in out
    assert "<mark>&lt;b&gt;Kapustin&lt;/b&gt; Yar</mark>" in out
    assert "<a " not in out  # every link in the fixture is javascript:, so none is a link


def test_standalone_html_cannot_be_broken_out_of(xss):
    html = to_html(build_map(xss))
    assert "window.__xss" in html  # the text is there ...
    assert not re.search(r"<(script|img|svg|i)\b[^>]*__xss", html)  # ... never as markup
    assert "</script><script>" not in html


def test_highlight():
    assert highlight("a <b> c", "<b>") == "a <mark>&lt;b&gt;</mark> c"
    assert highlight("Near BAIKONUR.", "Baikonur") == "Near <mark>BAIKONUR</mark>."
    assert highlight("nothing here", "Baikonur") == "nothing here"
    assert highlight("x & y", "") == "x &amp; y"


def test_safe_url():
    assert safe_url("https://a.example/x") == "https://a.example/x"
    assert safe_url(" HTTP://a.example ") == "HTTP://a.example"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url(None) is None


def test_legend_lists_present_types_and_inferred():
    out = legend_html(["cosmodrome", "impact_zone"], counts={"cosmodrome": 2})
    assert "Cosmodrome (2)" in out
    assert "Impact zone" in out
    assert "Air base" not in out
    assert "facmap-inferred" in out
    assert out.startswith('<details class="facmap-legend" open>')  # it folds away


def _legend_of(html: str) -> str:
    start = html.index("_facmapLegend.innerHTML = ") + len("_facmapLegend.innerHTML = ")
    return str(json.JSONDecoder().raw_decode(html, start)[0])


def test_legend_shows_only_the_styles_in_use(seed):
    named = viewstate.apply(seed, viewstate.ViewState(include_inferred=False))
    assert not any(f["properties"]["inferred"] for f in named["features"])
    legend = _legend_of(to_html(build_map(named)))
    assert "Cosmodrome (2)" in legend
    assert "inferred (dashed" not in legend
    assert "Impact zone" not in legend  # the seed's impact zone is inferred
    assert "inferred (dashed" in _legend_of(to_html(build_map(seed)))


def test_every_area_has_a_marker_at_its_centre(seed):
    html = to_html(build_map(seed))
    markers, areas = _layer_payloads(html)[-1], _layer_payloads(html)[-2]
    polygons = [f for f in areas["features"] if f["geometry"]["type"] == "Polygon"]
    assert polygons
    at = {f["properties"]["id"]: f["geometry"]["coordinates"] for f in markers["features"]}
    for f in polygons:
        p = next(g["properties"] for g in seed["features"] if g["id"] == f["properties"]["id"])
        assert at[p["id"]] == [p["lon"], p["lat"]]  # the facility's own point
    lines = [f for f in areas["features"] if f["geometry"]["type"] == "LineString"]
    assert lines and all(f["properties"]["id"] not in at for f in lines)


def test_selection_is_highlighted_and_focused_once_per_key(seed):
    from facmap.mapview import build_base_map, facilities_layer

    m = build_base_map()
    facilities_layer(seed, selected="baikonur-cosmodrome", focus_key="3").add_to(m)
    html = to_html(m)
    assert 'F.selId = "baikonur-cosmodrome"; F.selKey = "3";' in html
    assert "key === F.focusKey" in html  # the same key opens nothing again
    m = build_base_map()
    facilities_layer(seed, focus_key="3").add_to(m)
    assert "if (null !== null)" in to_html(m)  # no selection: the page may give one


def test_feature_bounds(seed):
    (s, w), (n, e) = feature_bounds(seed)
    assert s < 43.3 < n  # Almaty
    assert w < 40.7 < e  # Plesetsk longitude
    assert feature_bounds({"features": []}) is None


def test_empty_collection_still_draws():
    html = to_html(build_map({"type": "FeatureCollection", "features": []}))
    assert "Facilities (0)" in html
    assert "F.fit([[" not in html


def _layer_payloads(html: str) -> list[dict]:
    """The data of each layer: JSON text in a single-quoted string, read by JSON.parse."""
    found = re.findall(r"L\.geoJSON\(JSON\.parse\('((?:[^'\\]|\\.)*)'\)", html)
    unescape = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")

    def char(m: re.Match[str]) -> str:
        return chr(int(m[1][1:], 16)) if len(m[1]) == 5 else m[1]

    return [json.loads(unescape.sub(char, text)) for text in found]


def test_layer_data_is_json_safe_in_script(xss):
    html = to_html(build_map(xss))
    layers = _layer_payloads(html)
    ids = [f["properties"].get("id") for layer in layers for f in layer["features"]]
    assert "kapustin-yar" in ids
    facility = next(f for layer in layers for f in layer["features"] if f["properties"].get("id"))
    assert facility["properties"]["name"].startswith("Evil <img")  # data intact, as text


# ---- viewstate: the URL form of a view -------------------------------------------------


def test_query_round_trip(seed):
    state, ignored = viewstate.from_query(
        {"type": ["cosmodrome", "impact_zone"], "country": "kz", "q": "baik", "inferred": "0"}, seed
    )
    assert ignored == []
    assert state.types == ("cosmodrome", "impact_zone")
    assert state.countries == ("KZ",)
    assert not state.include_inferred
    assert viewstate.from_query(viewstate.to_query(state), seed)[0] == state


def test_query_ignores_unknown_values(seed):
    state, ignored = viewstate.from_query(
        {"type": ["rocket_shop", "cosmodrome"], "country": ["XX", "<b>"], "article": "nope"}, seed
    )
    assert state.types == ("cosmodrome",)
    assert state.countries is None
    assert state.articles is None
    assert ignored == ["type=rocket_shop", "country=XX", "country=<b>", "article=nope"]


def test_empty_query_is_everything(seed):
    state, _ = viewstate.from_query({}, seed)
    assert state == viewstate.ViewState()
    assert viewstate.to_query(state) == {}
    assert len(viewstate.apply(seed, state)["features"]) == len(seed["features"])


def test_apply_and_options(seed):
    assert viewstate.type_options(seed) == [
        "cosmodrome", "missile_test_range", "impact_zone", "place"
    ]  # fmt: skip
    assert viewstate.country_options(seed) == ["KZ", "RU"]
    ((_aid, label),) = viewstate.article_options(seed).items()
    assert label.startswith("Airspace Review, 2025-10-31: Rusia")
    kz = viewstate.apply(seed, viewstate.ViewState(types=("cosmodrome",), countries=("KZ",)))
    assert [f["properties"]["id"] for f in kz["features"]] == ["baikonur-cosmodrome"]
    rows = viewstate.table_rows(kz)
    assert rows[0]["type"] == "Cosmodrome"
    assert rows[0]["excerpt"]


# ---- large maps: light popups, review markers ---------------------------------------------


def test_light_popups_keep_large_maps_small():
    fc = synthetic_collection(400)
    full = to_html(build_map(fc))
    light = to_html(build_map(fc, light_popups_above=300))
    assert len(full) - len(light) > 400 * 400  # over 400 B of popup HTML per facility saved
    assert "facmap-excerpt" in full
    assert '"popup":' not in light
    assert "esc(p.name)" in light  # tooltips and popups are built escaped in the browser
    assert '"country":"RU"' in light
    small = to_html(build_map(fc, light_popups_above=1000))
    assert '"popup":' in small  # at or below the threshold: full popups


def test_light_popups_escape_the_data(xss):
    html = to_html(build_map(xss, light_popups_above=0))
    assert '"popup":' not in html
    assert not re.search(r"<(img|svg|i)\b[^>]*__xss", html)
    assert "</script><script>" not in html


def test_needs_review_features_are_marked(seed):
    fc = copy.deepcopy(seed)
    fc["features"][0]["properties"]["needs_review"] = True
    html = to_html(build_map(fc))
    assert '"needs_review":true' in html
    assert "facmap-review" in html


# ---- viewstate: review panel and toggle ----------------------------------------------------


@pytest.fixture
def with_review(seed):
    fc = copy.deepcopy(seed)
    p = fc["features"][1]["properties"]
    p.update(needs_review=True, feature_kind="unlisted", confidence="low")
    fc["facmap"]["unplaced"] = [
        {"type": "defense_industry", "surface": "galangan <b>X</b>", "excerpt": "di galangan <b>X</b>.",
         "article": fc["facmap"]["articles"][0]["id"]},
        {"type": "nonsense", "surface": "s", "excerpt": "e", "article": "other"},
    ]  # fmt: skip
    return fc, p["id"]


def test_review_rows_and_toggle(with_review):
    fc, fid = with_review
    rows = viewstate.review_rows(fc)
    assert [r["id"] for r in rows] == [fid]
    assert rows[0]["kind"] == "unlisted"
    assert rows[0]["article"].startswith("Rusia")  # the article's title, not its id
    hidden = viewstate.apply(fc, viewstate.ViewState(include_review=False))
    assert fid not in {f["properties"]["id"] for f in hidden["features"]}
    assert len(hidden["features"]) == len(fc["features"]) - 1
    state, _ = viewstate.from_query({"review": "0"}, fc)
    assert not state.include_review
    assert viewstate.to_query(state) == {"review": "0"}


def test_unplaced_rows(with_review):
    fc, _ = with_review
    rows = viewstate.unplaced_rows(fc)
    assert rows[0] == {
        "type": "Defense industry",
        "surface": "galangan <b>X</b>",  # plain text: the table shows it as typed
        "excerpt": "di galangan <b>X</b>.",
        "article": rows[0]["article"],
    }
    assert rows[1]["type"] == "nonsense"
    assert len(viewstate.unplaced_rows(fc, article="other")) == 1


def test_keep_type_selection():
    k = viewstate.keep_type_selection
    assert k(None, ["a", "b"], ["a", "b"]) == ["a", "b"]
    assert k(["a", "b"], ["a", "b", "c"], ["a", "b"]) == ["a", "b", "c"]  # all stays all
    assert k(["a", "b"], ["a", "b", "c"], ["a"]) == ["a"]
    assert k(["a", "b"], ["b"], ["a"]) == []
    assert k(None, ["a"], ["a", "gone"]) == ["a"]


# ---- the page keeps its base map and swaps the facilities layer ---------------------------


def _component_key(m: folium.Map) -> str:
    """streamlit-folium's component key for a map: a new key means a new map iframe."""
    import streamlit_folium

    m.get_root().render()
    return streamlit_folium.generate_js_hash(streamlit_folium._get_map_string(m), "map", False)


def test_base_map_depends_on_no_data(seed):
    from facmap.mapview import build_base_map

    assert _component_key(build_base_map()) == _component_key(build_base_map())
    html = to_html(build_base_map())
    assert "Baikonur" not in html
    assert "facmap-legend-slot" in html
    assert "_facmapLayers" in html  # the layer control is remembered for the layer's entries
    assert [n for n, _ in build_base_map().default_js][-1] == "markercluster"


def test_facilities_layer_fills_legend_control_and_view(seed):
    from facmap.mapview import build_base_map, facilities_layer

    m = build_base_map(cluster=False)
    facilities_layer(seed).add_to(m)
    html = to_html(m)
    assert "Cosmodrome (2)" in html  # the legend, with counts
    assert re.search(r'\[facility_layer_\w+, "Facilities \(6\)"\]', html)  # 3 + 3 areas
    assert re.search(r'\[facility_layer_\w+, "Areas and corridors \(4\)"\]', html)
    assert "ctl.removeLayer" in html  # a swapped layer takes the old entries out
    assert "map.fitBounds(" in html
    assert "F.fitKey !==" in html  # refitted only when the facilities drawn change
    kz = viewstate.apply(seed, viewstate.ViewState(countries=("KZ",)))
    assert facilities_layer(kz).get_name() != facilities_layer(seed).get_name()


def test_template_syntax_in_articles_stays_text(seed):
    fc = copy.deepcopy(seed)
    p = fc["features"][0]["properties"]
    p["name"] = "Base {{ 7*7 }} {# c #}"
    p["mentions"][0]["excerpt"] = "Said {% if true %}x{% endif %} {{ cycler.__init__ }}"
    for light in (None, 0):
        html = to_html(build_map(fc, light_popups_above=light))  # no TemplateSyntaxError
        assert "Base 49" not in html
        assert "{{ 7*7 }}" not in html  # escaped as \u007b in script data, shown as typed
        assert "Base \\u007b{ 7*7 }}" in html
    full = to_html(build_map(fc))
    layers = _layer_payloads(full)
    names = {f["properties"].get("name") for layer in layers for f in layer["features"]}
    assert "Base {{ 7*7 }} {# c #}" in names


def test_type_counts_for_the_chart():
    import json

    from facmap.viewstate import type_counts

    from .conftest import DATASET

    fc = json.loads(DATASET.read_text("utf-8"))
    assert type_counts(fc) == {
        "Missile test range": 3,
        "Cosmodrome": 2,
        "Impact zone": 1,
        "Place": 1,
    }
    assert type_counts({"features": []}) == {}


def test_count_bars_are_scaled_coloured_and_escaped():
    from facmap.charts import count_bars_html
    from facmap.mapview import TYPE_STYLES

    out = count_bars_html({"Cosmodrome": 4, "Air base": 1, "<img src=x onerror=alert(1)>": 2})
    assert out.count('class="bar"') == 3
    assert "width:100.0%" in out  # the largest count fills the row
    assert "width:25.0%" in out
    assert "width:50.0%" in out
    assert f"background:{TYPE_STYLES['cosmodrome'].colour}" in out  # as on the map
    assert "<img" not in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert '<span class="n">4</span>' in out  # the number is text, not only a length
    assert count_bars_html({}) == ""
    # a zero count draws an empty bar instead of dividing by zero
    assert "width:0.0%" in count_bars_html({"Place": 0})


def test_name_labels_go_to_named_certain_sites_most_reported_first():
    from facmap.mapview import name_label_candidates
    from facmap.summary import rank_key

    feats = [
        {"properties": {"id": "a", "name": "A base", "type": "air_base", "article_count": 1,
                        "mentions": [{}], "confidence": "high"}},
        {"properties": {"id": "b", "name": "B range", "type": "missile_test_range",
                        "article_count": 4, "mentions": [{}] * 4, "confidence": "medium"}},
        {"properties": {"id": "c", "name": "C zone", "type": "impact_zone", "inferred": True,
                        "article_count": 9, "mentions": [{}] * 9, "confidence": "high"}},
        {"properties": {"id": "d", "name": "D town", "type": "place", "article_count": 9,
                        "mentions": [{}] * 9, "confidence": "high"}},
        {"properties": {"id": "e", "name": "E yard", "type": "naval_base", "needs_review": True,
                        "article_count": 9, "mentions": [{}] * 9, "confidence": "low"}},
        {"properties": {"id": "a", "name": "A base", "type": "air_base", "article_count": 1,
                        "mentions": [{}], "confidence": "high"}},  # an area's centre marker
    ]  # fmt: skip
    got = name_label_candidates(feats)
    assert got == [("b", "B range"), ("a", "A base")]  # inferred, towns, doubtful: never
    assert rank_key(feats[1]["properties"]) < rank_key(feats[0]["properties"])
    assert name_label_candidates(feats, limit=1) == [("b", "B range")]
    assert name_label_candidates(feats, limit=0) == []


def test_facilities_layer_hands_the_map_its_name_labels():
    from facmap.dataset import load_geojson
    from facmap.mapview import build_map, name_label_candidates, to_html

    from .conftest import DATASET

    fc = load_geojson(DATASET)
    page = to_html(build_map(fc, basemap_detail=False))
    names = name_label_candidates(fc["features"])
    assert names
    drawn = re.search(r"F\.names = (\[.*?\]\]);", page)
    assert drawn and json.loads(drawn.group(1)) == [list(n) for n in names]
    # the headline facility of the page's summary is the first name the map places
    from facmap.summary import summarize

    assert names[0][0] == summarize(fc).headline[0].id
