from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, shape

from facmap.dataset import (
    dumps,
    empty_collection,
    filter_collection,
    load_geojson,
    merge,
    parse_geojson,
    remove_article,
    to_geodataframe,
    validate,
    write_geojson,
)
from facmap.errors import DatasetError
from facmap.geocode import distance_km

from .conftest import DATASET, FIXTURES

try:
    import tomllib
except ImportError:  # pragma: no cover
    raise

EXPECTED = tomllib.loads((FIXTURES / "seed_expected.toml").read_text("utf-8"))


def by_id(fc):
    return {f["properties"]["id"]: f for f in fc["features"]}


def test_committed_dataset_is_valid_and_reproducible(seed_collection):
    assert DATASET.read_text("utf-8") == dumps(seed_collection)
    assert validate(json.loads(DATASET.read_text("utf-8"))) == []


@pytest.mark.parametrize("exp", EXPECTED["named"], ids=lambda e: e["id"])
def test_seed_facilities_near_cited_coordinates(seed_collection, exp):
    f = by_id(seed_collection)[exp["id"]]
    p = f["properties"]
    assert (p["type"], p["country"], p["inferred"]) == (exp["type"], exp["country"], False)
    assert distance_km(p["lon"], p["lat"], exp["lon"], exp["lat"]) <= exp["tolerance_km"]
    assert [m["surface"] for m in p["mentions"]] == [exp["surface"]]
    assert p["sources"] and all(s["url"] for s in p["sources"])


def test_seed_impact_zone_is_an_inferred_polygon_in_kazakhstan(seed_collection, seed_article):
    from facmap.places import lookup_place

    p_f = by_id(seed_collection)["sary-shagan-impact-zone"]
    p = p_f["properties"]
    assert p_f["geometry"]["type"] == "Polygon"
    assert p["inferred"] is True and p["type"] == "impact_zone" and p["country"] == "KZ"
    assert "Kura" in p["disagreements"]
    assert p["reasoning"]
    (m,) = p["mentions"]
    assert "zona pendaratan" in m["excerpt"] and m["excerpt"] in seed_article.body
    # Priozersk (KZ), the range's town, lies at the polygon's eastern edge: the area is in Kazakhstan
    town = lookup_place("Priozersk", prefer_countries=["KZ"])
    assert town.country == "KZ"
    assert shape(p_f["geometry"]).buffer(0.5).contains(Point(town.lon, town.lat))


def test_seed_corridor_joins_launch_and_impact(seed_collection):
    f = by_id(seed_collection)["corridor-kapustin-yar-sary-shagan"]
    coords = f["geometry"]["coordinates"]
    assert f["geometry"]["type"] == "LineString" and f["properties"]["inferred"]
    assert distance_km(*coords[0], 46.3001, 48.5406) < 1
    assert 1500 < f["properties"]["length_km"] < 2500


def test_no_teaser_is_mapped(seed_collection, seed_article):
    teasers = "\n".join(seed_article.teasers)
    for f in seed_collection["features"]:
        for m in f["properties"]["mentions"]:
            assert m["excerpt"] in seed_article.body
            assert m["excerpt"] not in teasers


def test_excerpts_are_verbatim(seed_collection, seed_article):
    for f in seed_collection["features"]:
        for m in f["properties"]["mentions"]:
            assert seed_article.text[m["start"] : m["end"]] == m["surface"]
            assert m["outlet"] == "Airspace Review" and m["date"] == "2025-10-31"


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        (lambda fc: fc.__setitem__("crs", {"type": "name"}), "remove the 'crs' member"),
        (
            lambda fc: fc["features"][0]["properties"].__setitem__("lat", 1.0),
            "differ from the Point",
        ),
        (lambda fc: fc["features"][0].__setitem__("id", "other"), "differs from properties.id"),
        (
            lambda fc: fc["features"][0]["properties"]["mentions"][0].__setitem__("article", "zzz"),
            "not listed",
        ),
        (
            lambda fc: fc["features"][0]["properties"]["mentions"][0].__setitem__("end", 10**6),
            "span of another length",
        ),
        (lambda fc: fc["features"][0]["geometry"].__setitem__("coordinates", [200, 10]), "200"),
        (lambda fc: fc["features"][0]["properties"].__setitem__("type", "castle"), "castle"),
        (lambda fc: fc["features"][0]["properties"].__setitem__("sources", []), "sources"),
        (
            lambda fc: fc["features"][0]["geometry"].__setitem__("coordinates", [63.1234567, 45.0]),
            "more than 6 decimals",
        ),
        (
            lambda fc: fc["features"][0]["properties"]["mentions"][0].__setitem__("surface", "zzz"),
            "not inside its excerpt",
        ),
    ],
)
def test_validate_names_the_problem(seed_collection, mutate, problem):
    fc = copy.deepcopy(seed_collection)
    # put a point feature first so geometry mutations apply to a Point
    fc["features"].sort(key=lambda f: f["geometry"]["type"] != "Point")
    mutate(fc)
    problems = validate(fc)
    assert problems and problem in " ".join(problems)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda fc: fc.__setitem__("crs", {"type": "name"}),
        lambda fc: fc["features"][0]["geometry"].__setitem__("coordinates", [200, 10]),
        lambda fc: fc["features"][0]["properties"].__setitem__("type", "castle"),
        lambda fc: fc["features"][0]["properties"].__setitem__("sources", []),
        lambda fc: fc["features"][0]["properties"]["mentions"].clear(),
        lambda fc: fc["features"][0]["properties"].__setitem__("country", "Kazakhstan"),
        lambda fc: fc["features"][0]["properties"].pop("inferred"),
    ],
)
def test_fast_and_reference_validators_agree(seed_collection, mutate):
    from facmap.dataset import _schema_ok, _validator

    fc = copy.deepcopy(seed_collection)
    assert _schema_ok(fc) and not list(_validator().iter_errors(fc))
    mutate(fc)
    assert not _schema_ok(fc)
    assert list(_validator().iter_errors(fc))


def test_clockwise_exterior_is_rejected(seed_collection):
    fc = copy.deepcopy(seed_collection)
    poly = next(f for f in fc["features"] if f["geometry"]["type"] == "Polygon")
    poly["geometry"]["coordinates"][0].reverse()
    assert any("right-hand rule" in p for p in validate(fc))


def test_parse_errors_name_position_and_feature(seed_collection):
    with pytest.raises(DatasetError, match="line 1, column"):
        parse_geojson("{oops", name="upload.geojson")
    bad = copy.deepcopy(seed_collection)
    bad["features"][1]["properties"]["country"] = "Kazakhstan"
    with pytest.raises(DatasetError, match=r"feature #1 \("):
        parse_geojson(json.dumps(bad))


def test_atomic_write_keeps_old_file_on_invalid(tmp_path, seed_collection):
    out = tmp_path / "f.geojson"
    write_geojson(seed_collection, out)
    before = out.read_bytes()
    bad = copy.deepcopy(seed_collection)
    bad["features"][0]["properties"]["type"] = "castle"
    with pytest.raises(DatasetError):
        write_geojson(bad, out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["f.geojson"]
    assert load_geojson(out) == json.loads(before)


def test_merge_is_idempotent_and_remove_undoes(seed_collection):
    twice = merge(seed_collection, seed_collection)
    assert dumps(twice) == dumps(seed_collection)
    gone = remove_article(seed_collection, "airspace-review-2025-10-31-rusia-kazakhstan")
    assert gone["features"] == [] and gone["facmap"]["articles"] == []


def test_filters(seed_collection):
    cos = filter_collection(seed_collection, types=["cosmodrome"])
    assert {f["properties"]["id"] for f in cos["features"]} == {
        "baikonur-cosmodrome",
        "plesetsk-cosmodrome",
    }
    kz = filter_collection(seed_collection, countries=["kz"], include_inferred=False)
    assert {f["properties"]["id"] for f in kz["features"]} == {
        "baikonur-cosmodrome",
        "place-1526384",
    }
    assert [
        f["properties"]["id"]
        for f in filter_collection(seed_collection, query="байконур")["features"]
    ] == ["baikonur-cosmodrome"]
    assert filter_collection(seed_collection, types=[])["features"] == []
    with pytest.raises(ValueError):
        filter_collection(seed_collection, types=["castle"])


def test_geodataframe(seed_collection):
    gdf = to_geodataframe(seed_collection)
    assert len(gdf) == len(seed_collection["features"]) and gdf.crs.to_epsg() == 4326
    assert set(gdf.geom_type) == {"Point", "Polygon", "LineString"}


# -- property-based round trips ------------------------------------------------------------
lons = st.floats(-180, 180, allow_nan=False).map(lambda v: round(v, 6))
lats = st.floats(-90, 90, allow_nan=False).map(lambda v: round(v, 6))
words = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
)


@st.composite
def features(draw, i):
    lon, lat = draw(lons), draw(lats)
    surface = draw(words)
    pre = draw(st.text(max_size=20))
    excerpt = pre + surface + draw(st.text(max_size=20))
    return {
        "type": "Feature",
        "id": f"f-{i}",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": f"f-{i}",
            "name": surface,
            "type": draw(st.sampled_from(["cosmodrome", "air_base", "place", "impact_zone"])),
            "country": draw(st.sampled_from(["RU", "KZ", "BY"])),
            "operator": draw(st.text(max_size=10)),
            "inferred": draw(st.booleans()),
            "precision_km": draw(st.floats(0.01, 500)),
            "lat": lat,
            "lon": lon,
            "sources": [{"name": "src", "url": "https://example.org/x"}],
            "mentions": [
                {
                    "article": "a",
                    "surface": surface,
                    "excerpt": excerpt,
                    "start": len(pre),
                    "end": len(pre) + len(surface),
                    "match": "exact",
                }
            ],
        },
    }


@st.composite
def collections(draw):
    n = draw(st.integers(0, 6))
    fc = empty_collection()
    fc["features"] = [draw(features(i)) for i in range(n)]
    return fc


@settings(max_examples=60, deadline=None)
@given(collections())
def test_roundtrip_through_disk(tmp_path_factory, fc):
    assert validate(fc) == []
    out = tmp_path_factory.mktemp("rt") / "x.geojson"
    write_geojson(fc, out)
    assert load_geojson(out) == fc
    assert dumps(load_geojson(out)) == dumps(fc)


@settings(max_examples=60, deadline=None)
@given(collections(), st.lists(st.sampled_from(["cosmodrome", "air_base", "place"]), unique=True))
def test_filter_keeps_exactly_the_matching_types(fc, types):
    out = filter_collection(fc, types=types)
    assert [f for f in fc["features"] if f["properties"]["type"] in types] == out["features"]
    assert validate(out) == []
