from __future__ import annotations

import re
from collections import defaultdict

import pytest
from shapely.geometry import Point, Polygon

from facmap._text import key_of
from facmap.errors import GazetteerError
from facmap.gazetteer import are_namesakes, load_gazetteer, load_lexicon
from facmap.geocode import distance_km
from facmap.types import FacilityType

GAZ = load_gazetteer()
ENTRIES = sorted(GAZ.entries.values(), key=lambda e: e.id)


def test_coverage():
    assert len(GAZ) >= 60
    types = {e.type for e in ENTRIES}
    for t in (
        "cosmodrome",
        "missile_test_range",
        "impact_zone",
        "missile_base",
        "air_base",
        "naval_base",
        "radar_station",
        "nuclear_test_site",
        "defense_industry",
        "command_hq",
    ):
        assert FacilityType(t) in types


@pytest.mark.parametrize("e", ENTRIES, ids=lambda e: e.id)
def test_every_coordinate_is_cited(e):
    assert e.sources, e.id
    for s in e.sources:
        assert s.name.strip() and re.match(r"^https?://", s.url), s
    assert e.point_basis.strip()
    assert 0 < e.precision_km <= 500


_HEMI_NEG = {"s", "w", "south", "west", "sul", "sur", "sud", "oeste", "ouest", "ls", "bb"}
_COORD = re.compile(
    r"(南緯|西経)?(?<![\d.])(-?\d{1,3}(?:\.\d+)?)\s*"
    r"(°\s*(?:(\d{1,2}(?:\.\d+)?)\s*[′'’]\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*[″\"”]\s*)?)?"
    r"(?:(north|south|east|west|norte|nord|sul|sud|sur|leste|este|est|oeste|ouest|lu|ls|bt|bb|[NSEW])\b)?",
    re.IGNORECASE,
)


def cited_values(text: str) -> list[float]:
    """Every coordinate-like number a source value records, in signed degrees.

    A number counts when it carries a degree sign or a decimal part (so years and
    ordinals do not); degrees-minutes-seconds are converted, and a hemisphere after
    it (N/S/E/W, or the word in English, French, Spanish, Portuguese or Indonesian;
    not a bare "O", which is west in Spanish but east in German) or a Japanese
    南緯/西経 before it gives the sign, so a transcription that drops a minus is caught.
    """
    out = []
    for m in _COORD.finditer(text):
        prefix, num, deg, mi, se, hemi = m.groups()
        if not deg and "." not in num:
            continue
        value = abs(float(num)) + float(mi or 0) / 60 + float(se or 0) / 3600
        negative = num.startswith("-") or bool(prefix) or (hemi or "").lower() in _HEMI_NEG
        out.append(-value if negative else value)
    return out


def test_cited_values_parser():
    assert cited_values("45°57′54″N 63°18′18″E") == pytest.approx([45.965, 63.305])
    assert cited_values("63.3423 E 45.9203 N") == [63.3423, 45.9203]
    # the hemisphere gives the sign, in the source's language
    assert cited_values("34°10′59″S 18°25′59″E / 34.18306°S 18.43306°E") == pytest.approx(
        [-34.18306, 18.43306, -34.18306, 18.43306], abs=1e-4
    )
    assert cited_values("35 ° 43 ′ 24 ″ norte, 0 ° 42 ′ 09 ″ oeste") == pytest.approx(
        [35.72333, -0.7025], abs=1e-4
    )
    # years and ordinals are not coordinates
    assert cited_values("opened 1957, the 2nd base, -12.5") == [-12.5]


@pytest.mark.parametrize("e", ENTRIES, ids=lambda e: e.id)
def test_point_agrees_with_a_cited_value(e):
    """A transcription slip shows as a point far from every value its sources recorded."""
    if "computed" in e.point_basis.lower():
        # a computed centre (no published point exists) must lie in its cited polygon
        assert e.polygon and Polygon(e.polygon).contains(Point(e.lon, e.lat))
        return
    vals = [v for s in e.sources for v in cited_values(s.value)]
    pairs = [(a, b) for a in vals for b in vals if abs(a) <= 90]
    assert pairs, (e.id, "no coordinate in any cited value")
    best = min(distance_km(e.lon, e.lat, b, a) for a, b in pairs)
    assert best <= max(e.precision_km, 1.0), (e.id, best)


@pytest.mark.parametrize("e", [e for e in ENTRIES if e.polygon], ids=lambda e: e.id)
def test_polygons_are_valid_and_hold_their_point(e):
    poly = Polygon(e.polygon)
    assert poly.is_valid
    assert poly.buffer(0.5).contains(Point(e.lon, e.lat))
    assert e.polygon_basis.strip()


def test_aliases_are_unambiguous_or_towns():
    owners = defaultdict(set)
    for key, hits in GAZ.index.items():
        for h in hits:
            if not h.town:
                owners[key].add(h.entry_id)
    # namesakes in different countries, far apart, are decided by the article's countries
    shared = {
        k: v
        for k, v in owners.items()
        if len(v) > 1 and not are_namesakes([GAZ[i] for i in sorted(v)])
    }
    assert shared == {}


def test_no_alias_is_a_country_or_organisation():
    never = load_lexicon().never
    clash = [(e.id, a) for e in ENTRIES for a in e.aliases if key_of(a) in never]
    assert clash == []


_ORG = re.compile(r"^(ministry|kementerian|kemhan|министерство|минобороны|мо )", re.IGNORECASE)
_PLACEISH = re.compile(r"(building|headquarters|gedung|markas|здание|штаб)", re.IGNORECASE)


def test_no_alias_is_a_bare_organisation_name():
    # "the ministry said" names an actor: only its building is a facility
    bad = [
        (e.id, a) for e in ENTRIES for a in e.aliases if _ORG.match(a) and not _PLACEISH.search(a)
    ]
    assert bad == []


def test_seed_entries():
    e = GAZ["sary-shagan-impact-zone"]
    assert e.type is FacilityType.IMPACT_ZONE and e.country == "KZ" and e.polygon
    assert "kura" in e.disagreements.lower()


def test_bad_gazetteer_file(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_text('[[facility]]\nid = "x"\nname = "X"\n', "utf-8")
    with pytest.raises(GazetteerError, match="missing type"):
        load_gazetteer([p])
    p.write_text("[[facility]\n", "utf-8")
    with pytest.raises(GazetteerError, match="not valid TOML"):
        load_gazetteer([p])
    entry = (
        '[[facility]]\nid = "x"\nname = "X"\ntype = "air_base"\ncountry = "RU"\n'
        'point_basis = "b"\nprecision_km = 1\nsources = [{name = "s", url = "https://s"}]\n'
    )
    p.write_text(entry + 'aliases = "Zhetygen"\nlat = 1\nlon = 2\n', "utf-8")
    with pytest.raises(GazetteerError, match="must be a list"):
        load_gazetteer([p])
    p.write_text(entry + 'aliases = ["Zhetygen"]\nlat = "45.1 N"\nlon = 2\n', "utf-8")
    with pytest.raises(GazetteerError, match="decimal numbers"):
        load_gazetteer([p])
    p.write_text(entry + 'aliases = ["N"]\nlat = 1\nlon = 2\n', "utf-8")
    with pytest.raises(GazetteerError, match="at least 3"):
        load_gazetteer([p])
    with pytest.raises(GazetteerError, match="does not exist"):
        load_gazetteer([tmp_path / "missing"])


def test_knowledge_base_size_and_breadth():
    # the knowledge base the multilingual issue asked for: 800+ facilities of every kind,
    # worldwide, not only the seed's region
    assert len(GAZ) >= 800
    countries = {e.country for e in ENTRIES}
    assert len(countries) >= 60
    by_type = defaultdict(int)
    for e in ENTRIES:
        by_type[e.type] += 1
    assert by_type[FacilityType.NAVAL_BASE] >= 100 and by_type[FacilityType.DEFENSE_INDUSTRY] >= 100


def test_knowledge_check_script_passes():
    """scripts/check_knowledge.py: no alias names two facilities, every point near its citation."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "check_knowledge.py"
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "0 errors" in done.stdout


@pytest.mark.slow
def test_derived_airfields_are_what_the_script_builds():
    """The generated file is the script's output from airportsdata, byte for byte."""
    import subprocess
    import sys
    from pathlib import Path

    script = Path(__file__).resolve().parents[1] / "scripts" / "build_military_airfields.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, (done.stdout + done.stderr)[-2000:]


def _airfield_script():
    """Import scripts/build_military_airfields.py as a module (it is no package)."""
    import importlib.util
    import sys
    from pathlib import Path

    if "build_military_airfields" in sys.modules:
        return sys.modules["build_military_airfields"]
    path = Path(__file__).resolve().parents[1] / "scripts" / "build_military_airfields.py"
    spec = importlib.util.spec_from_file_location("build_military_airfields", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up while the file runs
    spec.loader.exec_module(mod)
    return mod


def test_curated_airfield_table_rows_become_curated_airfields(tmp_path):
    """A table row gives its name, aliases and hand-chosen towns; an empty towns cell means none."""
    mod = _airfield_script()
    head = "\t".join(mod.TSV_COLUMNS)
    f = tmp_path / "t.tsv"
    f.write_text(
        "# comment\n" + head + "\n"
        "ZZZ1\tFoo Air Base\tFliegerhorst Foo | Foo AB\tFooville\tpage\thttp://x\tsays foo\n"
        "ZZZ2\tBar Air Base\t\t\tpage\thttp://y\tsays bar\n",
        "utf-8",
    )
    rows = mod.read_curated_tsv(f)
    assert rows["ZZZ1"].name == "Foo Air Base"
    assert rows["ZZZ1"].aliases == ("Fliegerhorst Foo", "Foo AB")
    assert rows["ZZZ1"].towns == ("Fooville",)
    assert rows["ZZZ2"].towns == () and rows["ZZZ2"].own_towns


@pytest.mark.parametrize(
    "body, fragment",
    [
        ("icao\tname\n", "header"),
        ("{head}\nZZZ1\tFoo\tx\n", "expected 7"),
        ("{head}\nZZZ1\tFoo\t\t\t\t\t\n", "lacks page, url, says"),
        ("{head}\nLICZ\tFoo\t\t\tp\tu\ts\n", "listed twice"),
    ],
)
def test_curated_airfield_table_errors_say_what_to_fix(tmp_path, body, fragment):
    """A malformed table, or an airfield without its source, is refused with the reason."""
    mod = _airfield_script()
    f = tmp_path / "t.tsv"
    f.write_text(body.format(head="\t".join(mod.TSV_COLUMNS)), "utf-8")
    with pytest.raises(ValueError, match=fragment):
        mod.read_curated_tsv(f)


def test_curated_airfield_table_is_read_by_the_build():
    """Every row of the shipped table is a curated airfield of the build (none lost to a typo)."""
    mod = _airfield_script()
    rows = mod.read_curated_tsv(mod.CURATED_TSV)
    assert len(rows) >= 10
    assert set(rows) <= set(mod.all_curated())


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("RNZAF Base Ohakea", "Ohakea"),
        ("Kastner Army Airfield", "Kastner"),
        ("Doshan Tappeh Air Base", "Doshan Tappeh"),
        ("Prince Hasan Air Base", ""),  # a person's name, not the place's
        ("Fernando Air Base", ""),
        ("Al Azraq / Al Shaheed Muwaffaq Salti Air Base", ""),
        ("Seoul Air Base (K-16)", ""),
    ],
)
def test_an_airfield_without_a_city_is_known_by_its_bare_name(name, bare):
    """'RNZAF Base Ohakea' gives the town alias 'Ohakea'; names of people and odd rows give none."""
    assert _airfield_script().bare_name(name) == bare


def test_a_big_city_chosen_by_hand_for_a_curated_airfield_is_its_town():
    """'Jets ... nach Konya verlegt': Konya (a city of 2 million) was chosen on the cited page."""
    from tests.shipped import mentions_shipped

    found = mentions_shipped(
        "Die Jets sollen auf die 1. Hauptdüsenjetbasis in Eskişehir und später nach Konya "
        "verlegt werden.", "de"
    )
    assert "konya-air-base-ltan" in {m.facility_id for m in found}
    assert mentions_shipped("The minister spoke about trade and tourism in Konya.") == [] or all(
        m.facility_id.startswith("place:") for m in mentions_shipped(
            "The minister spoke about trade and tourism in Konya.")
    )


def test_a_derived_airfield_is_found_by_its_bare_name_after_context():
    """'P-8s ... out of Ohakea' is RNZAF Base Ohakea, whose airportsdata row has no city."""
    from tests.shipped import mentions_shipped

    found = mentions_shipped(
        "The RNZAF would rotate its own P-8s out of Ohakea, the defence minister said."
    )
    assert [m.facility_id for m in found] == ["rnzaf-base-ohakea-nzoh"]
    assert mentions_shipped("The village of Ohakea held a fair on Sunday.") == []


def test_no_context_word_is_listed_for_two_types():
    """A context word listed under two types silently counts for the first one only."""
    import tomllib

    from facmap._text import cue_key_of
    from facmap.gazetteer import DATA_DIR

    raw = tomllib.loads((DATA_DIR / "lexicon.toml").read_text("utf-8"))["context_cues"]
    types: dict[str, set[str]] = {}
    for ftype, words in raw.items():
        flat = [w for ws in words.values() for w in ws] if isinstance(words, dict) else words
        for w in flat:
            types.setdefault(cue_key_of(w), set()).add(ftype)
    # "ракета" (a rocket) is both a launch and a test-range word, knowingly: the launch site wins
    shared = {k: v for k, v in types.items() if len(v) > 1 and k != "raket"}
    assert shared == {}


def test_a_joint_base_is_found_by_its_joint_name():
    from tests.shipped import mentions_shipped

    ids = [m.facility_id for m in mentions_shipped("F-22s from Joint Base Langley-Eustis flew.")]
    assert ids == ["langley-air-force-base-klfi"]
