"""Reference lists for facilities the curated gazetteer lacks: airfields and GCAT launch sites.

Expected coordinates are read from the sources here (airportsdata's rows, the pad rows listed in
the shipped launch-site table), never typed.
"""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from facmap.dataset import validate
from facmap.errors import GazetteerError
from facmap.gazetteer import load_gazetteer
from facmap.geocode import distance_km
from facmap.pipeline import collection_from_articles
from facmap.secondary import (
    AIRFIELD_PRECISION_KM,
    AIRPORTSDATA_URL,
    LAUNCH_SITES_FILE,
    distinctive_words,
    load_launch_sites,
    reference_index,
)
from facmap.types import FacilityType

#: the curated files that existed before the knowledge base grew: these tests are about what
#: happens to an air base or launch site the gazetteer lacks, so they keep a gazetteer that
#: lacks them (the full one now lists most military airfields itself)
CORE_FILES = ("abroad_csto.toml", "extended.toml", "russia_domestic.toml", "space_missile.toml")


@pytest.fixture(scope="module")
def extractor():
    from facmap.extract import Extractor
    from facmap.gazetteer import DATA_DIR

    return Extractor(gazetteer=load_gazetteer([DATA_DIR / "gazetteer" / f for f in CORE_FILES]))


@pytest.fixture(scope="module")
def airports():
    import airportsdata

    return airportsdata.load("ICAO")


def collection(extractor, make_article, text):
    fc = collection_from_articles([make_article(text)], extractor)
    assert validate(fc) == []
    return fc


def features(fc):
    return {f["properties"]["id"]: f["properties"] for f in fc["features"]}


def launch_site_row(site_id):
    """The shipped table's row for a site, as text, and its pads' (lat, lon) as listed."""
    lines = [ln for ln in LAUNCH_SITES_FILE.read_text("utf-8").splitlines() if ln[:1] != "#"]
    header = lines[0].split("\t")
    for ln in lines[1:]:
        row = dict(zip(header, ln.split("\t"), strict=True))
        if row["id"] == site_id:
            pads = [p.split() for p in row["pads"].split("; ")]
            return row, [(float(p[-3]), float(p[-2])) for p in pads]
    raise AssertionError(site_id)


@pytest.mark.parametrize(
    ("text", "icao", "surface"),
    [
        (
            "Empat F-16 dari Lanud Iswahjudi di Madiun diterbangkan ke Jakarta pada Senin.",
            "WARI",
            "Lanud Iswahjudi",
        ),
        (
            "Pesawat angkut itu mendarat di Pangkalan Udara Halim Perdanakusuma, Jakarta.",
            "WIHH",
            "Pangkalan Udara Halim Perdanakusuma",
        ),
        (
            "Helikopter dari Lanud Adisutjipto tiba di Yogyakarta.",  # old spelling, one word
            "WARJ",
            "Lanud Adisutjipto",
        ),
        (
            "US cruise missiles struck Shayrat Air Base in Homs province.",
            "OS65",
            "Shayrat Air Base",
        ),
        ("Tankers flew from Al Udeid Air Base overnight.", "OTBH", "Al Udeid Air Base"),
    ],
)
def test_air_base_not_in_gazetteer_takes_the_airfield_row(
    extractor, make_article, airports, text, icao, surface
):
    fc = collection(extractor, make_article, text)
    p = features(fc)[f"airfield-{icao.lower()}"]
    row = airports[icao]
    assert (p["lat"], p["lon"]) == (round(row["lat"], 6), round(row["lon"], 6))
    assert p["type"] == "air_base" and p["country"] == row["country"]
    assert p["confidence"] == "medium" and p["needs_review"] is True
    assert p["precision_km"] == AIRFIELD_PRECISION_KM
    assert "airportsdata" in p["placed_by"] and p["feature_kind"] == "secondary"
    (src,) = p["sources"]
    assert src["url"] == AIRPORTSDATA_URL and f"ICAO {icao}" in src["name"]
    assert row["name"] in src["name"] and src["value"] == f"{row['lat']} {row['lon']}"
    (m,) = p["mentions"]
    assert m["surface"] == surface and m["excerpt"] == text and m["match"] == "secondary"
    assert text[m["start"] : m["end"]] == surface
    assert not any(f.startswith("unlisted-") for f in features(fc))


@pytest.mark.parametrize(
    ("text", "site", "surface"),
    [
        (
            "A Long March 5 lifted off from the Wenchang Space Launch Site on Hainan island.",
            "launch-site-wen",
            "Wenchang Space Launch Site",
        ),
        (
            "Roket Long March 2F diluncurkan dari Pusat Peluncuran Satelit Jiuquan pagi ini.",
            "launch-site-jq",
            "Pusat Peluncuran Satelit Jiuquan",
        ),
        (
            "Satelit itu diluncurkan dari Kosmodrom Xichang di Sichuan.",
            "launch-site-xsc",
            "Kosmodrom Xichang",
        ),
        (
            "An Ariane 6 flew from the Kourou spaceport in French Guiana.",
            "launch-site-csg",
            "Kourou spaceport",
        ),
        (
            "The Falcon 9 launched from Vandenberg launch site in California.",
            "launch-site-v",
            "Vandenberg launch site",
        ),
    ],
)
def test_launch_site_not_in_gazetteer_takes_the_pad_centroid(
    extractor, make_article, text, site, surface
):
    fc = collection(extractor, make_article, text)
    p = features(fc)[site]
    row, pads = launch_site_row(site)
    centroid = (statistics.fmean(a for a, _ in pads), statistics.fmean(b for _, b in pads))
    assert distance_km(p["lon"], p["lat"], centroid[1], centroid[0]) < 0.02
    farthest = max(distance_km(p["lon"], p["lat"], b, a) for a, b in pads)
    assert max(5.0, farthest) <= p["precision_km"] == float(row["precision_km"])
    assert p["type"] == "cosmodrome" and p["confidence"] == "medium" and p["needs_review"]
    assert "GCAT" in p["placed_by"]
    assert any(
        "Data from GCAT (J. McDowell, planet4589.org/space/gcat)" in s["name"] for s in p["sources"]
    )
    assert {s["url"] for s in p["sources"]} == {
        "https://planet4589.org/space/gcat/tsv/tables/lp.tsv",
        "https://planet4589.org/space/gcat/tsv/tables/sites.tsv",
    }
    (m,) = p["mentions"]
    assert m["surface"] == surface and m["excerpt"] == text and m["match"] == "secondary"


def test_ambiguous_name_is_not_guessed(extractor, make_article):
    idx = reference_index()
    refs = [idx.get(i) for i in idx.exact["".join(distinctive_words("Shannon"))]]
    assert {r.country for r in refs} >= {"IE", "US"}  # Shannon, Ireland and Shannon, USA
    assert max(distance_km(refs[0].lon, refs[0].lat, r.lon, r.lat) for r in refs) > 1000
    assert idx.resolve("Shannon", FacilityType.AIR_BASE).reference is None
    fc = collection(extractor, make_article, "Two tankers were seen at Shannon Air Base.")
    assert not any(f.startswith("airfield-") for f in features(fc))
    notes = [m.get("reference", "") for p in features(fc).values() for m in p["mentions"]]
    notes += [m.get("reference", "") for m in fc["facmap"]["unplaced"]]
    assert any(n.startswith("ambiguous") and "airfield-einn" in n for n in notes)


@pytest.mark.parametrize(
    "text",
    [
        "The minister landed at Halim Perdanakusuma airport in Jakarta on Monday.",
        "Presiden tiba di Bandara Halim Perdanakusuma pada Senin pagi.",
        "Passengers waited at Iswahyudi Airport for hours.",
        "The convoy reached Shayrat airfield before dawn.",  # "airfield": civil or military
        "NASA's Johnson Space Center in Houston followed the flight.",
        "A Royal Air Force base hosted the jets.",  # descriptors, not a name
        "The cutter returned to its Coast Guard Air Station.",
    ],
)
def test_civil_or_loose_phrases_take_no_reference_row(extractor, make_article, text):
    fc = collection(extractor, make_article, text)
    assert not any(f.startswith(("airfield-", "launch-site-")) for f in features(fc))
    assert not any(p.get("feature_kind") == "secondary" for p in features(fc).values())


def test_curated_entry_wins_over_the_reference_row(extractor, make_article, airports):
    gaz = extractor.gaz
    hmeimim = gaz["hmeimim-air-base"]
    row = airports["OSLK"]  # Bassel Al-Assad International, the runway Hmeimim shares
    assert distance_km(hmeimim.lon, hmeimim.lat, row["lon"], row["lat"]) <= 10
    text = "Russian bombers returned to Bassel Al-Assad Air Base near Latakia."
    f = features(collection(extractor, make_article, text))
    assert "airfield-oslk" not in f
    (m,) = f["hmeimim-air-base"]["mentions"]
    assert m["surface"] == "Bassel Al-Assad Air Base" and "OSLK" in m["reference"]
    # a GCAT site at a curated cosmodrome's place is that cosmodrome
    vost = reference_index().get("launch-site-vost")
    assert extractor._curated_near(vost) == "vostochny-cosmodrome"
    # and a curated alias never reaches the reference lists
    f = features(collection(extractor, make_article, "Jets landed at Kant Air Base."))
    assert "kant-air-base" in f and not any(k.startswith("airfield-") for k in f)


def test_icao_code_beside_the_phrase(extractor, make_article, airports):
    text = "Jets moved from Lanud Iswahjudi (WARI) to Lanud Abdulrachman Saleh (WARA)."
    f = features(collection(extractor, make_article, text))
    assert {"airfield-wari", "airfield-wara"} <= set(f)
    assert "ICAO code WARA" in f["airfield-wara"]["mentions"][0]["reference"]
    # a bracketed word that is no code of this airfield is not taken as one
    res = reference_index().resolve("Shayrat", FacilityType.AIR_BASE, codes=["WARI"])
    assert res.reference is not None and res.reference.code == "OS65"


def test_indonesian_spellings_and_titles_fold():
    assert distinctive_words("Lanud Iswahjudi") == distinctive_words("Iswahyudi Airport")
    assert distinctive_words("Adisutjipto") == distinctive_words("Adisucipto International Airport")
    assert distinctive_words("Lanud Sultan Hasanuddin") == distinctive_words("Hasanuddin Airport")
    assert distinctive_words("Severomorsk-3 Air Base") == ("severomorsk", "3")


def test_reference_ids_are_distinct_from_curated_ids():
    idx = reference_index()
    curated = set(load_gazetteer().entries)
    assert not curated & set(idx.launch_sites)
    assert not any(f"airfield-{code.lower()}" in curated for code in idx.airfields)
    assert len({r.id for r in idx.launch_sites.values()}) == len(idx.launch_sites)


def test_launch_site_table_errors_say_how_to_fix(tmp_path):
    bad = tmp_path / "launch_sites.tsv"
    bad.write_text("id\tname\n", "utf-8")
    with pytest.raises(GazetteerError, match="Rebuild it"):
        load_launch_sites(bad)
    with pytest.raises(GazetteerError, match="cannot be read"):
        load_launch_sites(tmp_path / "missing.tsv")


def test_every_launch_site_point_is_the_centroid_of_its_cited_pads():
    """No coordinate in the table is typed: each point and precision follow from the GCAT pad
    rows listed beside it (the values as read). Rebuilding the table from a GCAT copy, byte for
    byte, is ``scripts/build_launch_sites.py --check`` (the copy is not part of the repository)."""
    from facmap.geocode import distance_km

    lines = [ln for ln in LAUNCH_SITES_FILE.read_text("utf-8").splitlines() if ln[:1] != "#"]
    header = lines[0].split("\t")
    assert len(lines) > 100
    for ln in lines[1:]:
        row = dict(zip(header, ln.split("\t"), strict=True))
        pads = [p.split() for p in row["pads"].split("; ")]
        lats = [float(p[-3]) for p in pads]
        lons = [float(p[-2]) for p in pads]
        errs_km = [float(p[-1].lstrip("±")) * 111.2 for p in pads]
        lat, lon, precision = float(row["lat"]), float(row["lon"]), float(row["precision_km"])
        assert abs(lat - sum(lats) / len(lats)) < 1e-4, row["id"]
        assert abs(lon - sum(lons) / len(lons)) < 1e-4, row["id"]
        assert precision >= 5.0, row["id"]
        for plat, plon, err in zip(lats, lons, errs_km, strict=True):
            # every pad lies within the stated precision (0.2 km of rounding allowed)
            assert distance_km(lon, lat, plon, plat) <= precision + err + 0.2, row["id"]


def test_shipped_table_is_package_data():
    assert LAUNCH_SITES_FILE.parent == Path(__import__("facmap").__file__).parent / "data"
    sites = load_launch_sites()
    assert len(sites) > 100 and all(s.precision_km >= 5 for s in sites)


def test_town_after_the_phrase_is_not_a_second_place(extractor, make_article):
    text = "Empat F-16 dari Lanud Iswahjudi di Madiun diterbangkan ke Jakarta pada Senin."
    f = features(collection(extractor, make_article, text))
    assert set(f) == {"airfield-wari"}  # Madiun only says where the air base is
    text = "Menhan bertemu di Jakarta dengan komandan Lanud Halim Perdanakusuma pada Senin."
    f = features(collection(extractor, make_article, text))
    assert "airfield-wihh" in f and any(p["name"] == "Jakarta" for p in f.values())


def test_sentence_opener_is_cut_but_compound_names_are_not(extractor, make_article):
    f = features(collection(extractor, make_article, "Yesterday Shayrat Air Base was hit again."))
    assert f["airfield-os65"]["mentions"][0]["surface"] == "Shayrat Air Base"
    # a misspelt compound whose last part names another airfield (Kurgan) is not that airfield
    f = features(collection(extractor, make_article, "Jets left Tadly-Kurgan air base at dawn."))
    assert not any(k.startswith("airfield-") for k in f)
