"""Arms makers and their towns: whose works a town names when a maker is named beside it.

Sentences written here. Each first case mapped the wrong facility before the rule it checks.
"""

from __future__ import annotations

import pytest

from facmap.types import FacilityType
from tests.shipped import mentions_shipped, shipped_extractor

BOURGES_KNDS = "knds-france-bourges"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The MBDA plant in Bourges will double its missile output.", "en"),
        ("L'usine MBDA de Bourges produit des missiles Aster.", "fr"),
    ],
)
def test_a_maker_named_before_a_town_is_not_another_makers_plant_there(text, lang):
    found = mentions_shipped(text, lang)
    assert BOURGES_KNDS not in {m.facility_id for m in found}
    # the works the sentence names are still on the map, at Bourges, as a plant
    plants = [m for m in found if "Bourges" in m.surface]
    assert plants, found
    gaz = shipped_extractor().gaz
    for m in plants:
        kind = gaz[m.facility_id].type if m.facility_id in gaz.entries else None
        assert kind is FacilityType.DEFENSE_INDUSTRY or m.facility_id.startswith(
            "unlisted:defense_industry:"
        ), m


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The KNDS plant in Bourges will double its shell output.", "en"),
        ("L'usine KNDS de Bourges produit des obus de 155 mm.", "fr"),
    ],
)
def test_the_makers_own_plant_in_the_town_is_still_found(text, lang):
    assert BOURGES_KNDS in {m.facility_id for m in mentions_shipped(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Naval Group a livré la frégate depuis son site de Lorient.", "fr"),
        ("Naval Group a livré la frégate depuis Lorient.", "fr"),
    ],
)
def test_a_maker_acting_from_its_site_town_is_its_yard_not_the_naval_base(text, lang):
    ids = {m.facility_id for m in mentions_shipped(text, lang)}
    assert "naval-group-lorient" in ids
    assert "lorient-naval-base" not in ids


def test_a_maker_after_a_works_word_is_never_a_place():
    found = mentions_shipped("Das Werk von Airbus in Donauwörth baut Hubschrauber.", "de")
    assert not [m for m in found if m.facility_id.startswith(("unplaced:", "unlisted:"))], found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Der Bau der U-Boote bei ThyssenKrupp Marine Systems liegt nach Angaben der Werft im "
         "Zeitplan.", "de"),
        ("Les travaux chez Naval Group avancent selon le calendrier prévu.", "fr"),
    ],
)
def test_work_done_by_a_company_is_the_company_not_its_yard(text, lang):
    found = mentions_shipped(text, lang)
    assert not [m for m in found if m.facility_id in ("tkms-kiel", "naval-group-lorient")], found


def test_a_company_with_its_town_is_still_its_yard():
    found = mentions_shipped("Die U-Boote entstehen bei TKMS in Kiel.", "de")
    assert "tkms-kiel" in {m.facility_id for m in found}


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("Les canons viennent du site KNDS de Roanne.", "knds-france-roanne"),
        ("Les blindés sortiront du site KNDS de Satory en 2027.",
         "knds-france-versailles-satory"),
    ],
)
def test_premises_word_maker_and_de_put_the_maker_at_its_town(text, site):
    assert [m.facility_id for m in mentions_shipped(text, "fr")] == [site]


def test_premises_of_a_maker_in_a_town_where_it_has_none_are_not_another_site():
    ids = [m.facility_id for m in mentions_shipped("Le site KNDS de Toulouse ferme.", "fr")]
    assert not [i for i in ids if i.startswith("knds")]


@pytest.mark.parametrize(
    ("text", "lang", "fid", "linked"),
    [
        ("Le maire de Saint-Nazaire a regretté que les Chantiers de l'Atlantique n'en profitent "
         "pas.", "fr", "chantiers-atlantique-saint-nazaire", False),
        ("La frégate a été construite aux Chantiers de l'Atlantique.", "fr",
         "chantiers-atlantique-saint-nazaire", True),
        ("Les J-35 de Shenyang Aircraft Corporation ont été livrés.", "fr", "shenyang-aircraft",
         False),
    ],
)
def test_a_yards_company_name_acting_is_no_site(text, lang, fid, linked):
    assert (fid in {m.facility_id for m in mentions_shipped(text, lang)}) is linked


def test_a_meetings_word_decides_the_venue_before_a_speech_word():
    """'pesan yang disampaikan dalam rapat di Manado pekan lalu': said at last week's meeting."""
    text = "Ia mengulang pesan yang disampaikan dalam rapat di Manado pekan lalu."
    assert not [m for m in mentions_shipped(text, "id") if m.surface == "Manado"]
