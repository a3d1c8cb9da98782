"""Facilities of two types: a naval air station is an air base and a naval base.

The gazetteer gives an entry its second types from words of its name (data/dual_roles.toml)
and from its own ``also_types``; the features carry them, the type filter finds a facility
under each, and the evaluation accepts an annotation of either type.
"""

from __future__ import annotations

import pytest

from facmap.dataset import filter_collection
from facmap.errors import GazetteerError
from facmap.evaluate import score_article
from facmap.gazetteer import load_gazetteer
from facmap.types import FacilityType
from facmap.viewstate import type_filter_counts, type_options

ENTRY = (
    '[[facility]]\nid = "{id}"\nname = "{name}"\ntype = "{type}"\ncountry = "US"\n'
    'aliases = []\nlat = 1\nlon = 2\npoint_basis = "b"\nprecision_km = 1\n'
    'sources = [{{name = "s", url = "https://s"}}]\n{extra}\n'
)


def _gaz(tmp_path, *rows):
    p = tmp_path / "g.toml"
    p.write_text("".join(ENTRY.format(**r) for r in rows), "utf-8")
    return load_gazetteer([p])


def test_a_name_gives_the_second_type(tmp_path):
    g = _gaz(
        tmp_path,
        {"id": "nas-x", "name": "Naval Air Station Xville", "type": "air_base", "extra": ""},
        {"id": "ab-y", "name": "Yville Air Base", "type": "air_base", "extra": ""},
        {"id": "fleet-z", "name": "Zed Fleet Headquarters", "type": "command_hq", "extra": ""},
    )
    assert g["nas-x"].also_types == (FacilityType.NAVAL_BASE,)
    assert g["ab-y"].also_types == ()
    assert g["fleet-z"].also_types == (FacilityType.NAVAL_BASE,)


def test_an_entry_lists_its_own_second_types(tmp_path):
    g = _gaz(
        tmp_path,
        {"id": "camp-x", "name": "Camp X", "type": "naval_base",
         "extra": 'also_types = ["army_base", "naval_base"]'},
    )
    # its own type is not repeated as a second one
    assert g["camp-x"].also_types == (FacilityType.ARMY_BASE,)


def test_an_unknown_second_type_is_refused_with_the_choices(tmp_path):
    with pytest.raises(GazetteerError, match=r"also_types must hold types among .*air_base"):
        _gaz(tmp_path, {"id": "x", "name": "X", "type": "air_base",
                        "extra": 'also_types = ["depot"]'})


def test_shipped_naval_air_stations_are_naval_bases_too():
    g = load_gazetteer()
    dual = [e for e in g.entries.values() if "naval air station" in e.name.lower()]
    assert dual
    assert all(FacilityType.NAVAL_BASE in e.also_types for e in dual if e.type.value == "air_base")


def _feature(fid, ftype, lat, lon, also=()):
    props = {"id": fid, "type": ftype, "lat": lat, "lon": lon, "inferred": False,
             "country": "US", "mentions": [{"surface": fid, "article": "a"}]}
    if also:
        props["also_types"] = list(also)
    return {"type": "Feature", "properties": props}


def test_the_type_filter_finds_a_facility_under_each_of_its_types():
    fc = {"features": [_feature("nas", "air_base", 1, 2, ["naval_base"]),
                       _feature("ab", "air_base", 3, 4),
                       _feature("nb", "naval_base", 5, 6)]}
    naval = [f["properties"]["id"] for f in filter_collection(fc, types=["naval_base"])["features"]]
    assert naval == ["nas", "nb"]
    assert type_filter_counts(fc) == {"air_base": 2, "naval_base": 2}
    assert type_options(fc) == ["air_base", "naval_base"]


def test_an_annotation_of_the_second_type_is_matched():
    fc = {"features": [_feature("nas", "air_base", 1.0, 2.0, ["naval_base"])]}
    exp = [{"id": "", "surface": "NAS", "type": "naval_base", "lat": 1.0, "lon": 2.0}]
    score = score_article("x.txt", exp, fc)
    assert score.false_negatives == [] and score.false_positives == []
    exp = [{"id": "", "surface": "NAS", "type": "army_base", "lat": 1.0, "lon": 2.0}]
    assert score_article("x.txt", exp, fc).false_negatives == ["army_base:NAS"]


def test_an_annotation_takes_a_prediction_of_its_own_type_first():
    # a fleet HQ (also a naval base) and a naval base at one point: the naval base annotation,
    # listed first, must not take the HQ and leave the HQ annotation without a match
    fc = {"features": [_feature("hq", "command_hq", 1.0, 2.0, ["naval_base"]),
                       _feature("nb", "naval_base", 1.0, 2.0)]}
    exp = [{"id": "", "surface": "base", "type": "naval_base", "lat": 1.0, "lon": 2.0},
           {"id": "", "surface": "HQ", "type": "command_hq", "lat": 1.0, "lon": 2.0}]
    score = score_article("x.txt", exp, fc)
    assert score.false_negatives == [] and score.false_positives == []


def test_the_matching_pairs_as_many_as_it_can():
    # a naval base annotation whose nearest fit is the naval base, a second naval base
    # annotation that only the fleet HQ (also a naval base) fits, and the HQ annotation that
    # a separate command HQ fits: all three are paired, whatever the order of the truth
    fc = {"features": [_feature("fleet", "command_hq", 1.0, 2.0, ["naval_base"]),
                       _feature("district", "command_hq", 1.0, 2.0),
                       _feature("nb", "naval_base", 1.0, 2.0)]}
    exp = [{"id": "", "surface": "Fleet", "type": "naval_base", "lat": 1.0, "lon": 2.0},
           {"id": "", "surface": "Base", "type": "naval_base", "lat": 1.0, "lon": 2.0},
           {"id": "", "surface": "District", "type": "command_hq", "lat": 1.0, "lon": 2.0}]
    for order in (exp, exp[::-1]):
        score = score_article("x.txt", order, fc)
        assert score.false_negatives == [] and score.false_positives == []


def test_people_read_the_second_types_in_the_popup_and_the_table():
    from facmap.mapview import facility_html
    from facmap.types import types_label

    assert types_label("air_base", ["naval_base"]) == "Air base (also naval base)"
    assert types_label("air_base") == "Air base"
    props = {"id": "nas", "name": "NAS X", "type": "air_base", "also_types": ["naval_base"],
             "country": "US", "mentions": [], "sources": []}
    assert "Air base (also naval base)" in facility_html(props, compact=True)
    assert "Air base (also naval base)" in facility_html(props)
