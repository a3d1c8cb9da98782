"""Linking beyond an adjacent cue: context words, inflection, languages, ships, misspellings.

These tests build their own small gazetteer, so they test the rules, not the shipped
knowledge: each entry's point and citation are placeholders that the extractor never reads
for linking.
"""

from __future__ import annotations

import pytest

from facmap.article import article_from_text
from facmap.extract import Extractor
from facmap.gazetteer import load_gazetteer
from tests.shipped import mentions_shipped
from tests.shipped import shipped_extractor as _shipped_extractor

_ENTRY = """
[[facility]]
id = "{id}"
name = "{name}"
type = "{type}"
country = "{country}"
aliases = {aliases}
town_aliases = {towns}
lat = {lat}
lon = {lon}
precision_km = 2.0
point_basis = "test point"
sources = [{{ name = "test", url = "https://example.org", value = "{lat} {lon}" }}]
"""

ENTRIES = [
    ("mozdok-air-base", "Mozdok Air Base", "air_base", '["Mozdok Air Base"]', '["Mozdok", "Моздок"]', 43.79, 44.60),
    ("severomorsk-naval-base", "Severomorsk Naval Base", "naval_base", '["Severomorsk Naval Base"]', '["Severomorsk"]', 69.07, 33.42),
    ("vidyaevo-naval-base", "Vidyaevo Naval Base", "naval_base", '["Vidyaevo Naval Base"]', '["Vidyaevo", "Видяево"]', 69.32, 32.81),
    ("engels-air-base", "Engels Air Base", "air_base", '["Engels-2"]', '["Engels", "Энгельс"]', 51.48, 46.21),
    ("novaya-zemlya-test-site", "Novaya Zemlya Test Site", "nuclear_test_site", '["Novaya Zemlya"]', "[]", 73.37, 54.78),
    ("plesetsk-cosmodrome", "Plesetsk Cosmodrome", "cosmodrome", '["Plesetsk"]', "[]", 62.93, 40.47),
    ("avord-air-base", "Avord Air Base", "air_base", '["BA 702 Avord"]', '["Avord"]', 47.05, 2.63),
    ("monfalcone-shipyard", "Fincantieri Monfalcone shipyard", "defense_industry", '["Monfalcone shipyard"]', '["Monfalcone", "Монфальконе"]', 45.79, 13.55),
    ("holston-aap", "Holston Army Ammunition Plant", "defense_industry", '["Holston Army Ammunition Plant"]', "[]", 36.53, -82.63),
    ("whiteman-afb", "Whiteman Air Force Base", "air_base", '["Whiteman AFB"]', "[]", 38.73, -93.55),
    ("teykovo-missile-base", "Teykovo missile base", "missile_base", '["Teykovo missile division"]', '["Teykovo", "Тейково"]', 56.93, 40.54),
    ("tindall-afb", "Tyndall Air Force Base", "air_base", '["Tyndall AFB"]', '["Tyndall"]', 30.07, -85.58),
    ("umma-air-base", "Baranavichy Air Base", "air_base", '["UMMA", "Baranavichy Air Base"]', "[]", 53.1, 26.05),
    ("assab-air-base", "Assab air base", "air_base", '["Assab air base"]', '["Assab"]', 13.07, 42.64),
    ("sigonella-nas", "Naval Air Station Sigonella", "air_base", '["NAS Sigonella"]', '["Sigonella"]', 37.40, 14.92),
    # a naval base known by a point's name, and an air base 2 km away known by no town
    ("quarry-naval-base", "Quarry Point Naval Station", "naval_base", '["Quarry Point Naval Station"]', '["Quarry Point"]', 14.48, 120.92),
    ("quarry-air-base", "Quarry Point Air Base", "air_base", '["Quarry Point Air Base"]', "[]", 14.495, 120.904),
    # an air base and a naval base at one town, known by the same town names
    ("kelos-air-base", "Kelos Air Base", "air_base", '["Kelos Air Base"]', '["Kelos", "La Kelos"]', 35.53, 24.15),
    ("kelos-naval-base", "Kelos Naval Base", "naval_base", '["Kelos Naval Base"]', '["Kelos", "La Kelos"]', 35.50, 24.15),
    # two air bases in Djibouti, run by different states; one naval base in Syria
    ("dj-french-air-base", "Base Aérienne Test", "air_base", '["Base Aerienne Test"]', "[]", 11.55, 43.15),
    ("dj-us-air-base", "Test Airfield Chabelley", "air_base", '["Test Airfield Chabelley"]', "[]", 11.52, 43.07),
    ("sy-naval-base", "Test Naval Facility", "naval_base", '["Test Naval Facility"]', "[]", 34.91, 35.87),
    # an air base known by two towns, and a plant in one of them
    ("merin-air-base", "Merin Air Base", "air_base", '["Merin Air Base"]', '["Merin", "Bordo"]', 44.83, -0.71),
    ("merin-plant", "Avions Test plant at Merin", "defense_industry", '["Avions Test Merin plant"]', '["Merin"]', 44.84, -0.70),
    # a firm's head office, known by the firm's name with a cue word
    ("testmetall-hq", "Testmetall headquarters", "defense_industry", '["Testmetall headquarters"]', "[]", 51.2, 6.8),
    # a one-word facility name one letter away from a frequent Portuguese and Spanish word
    ("segunda-naval-base", "Segunda", "naval_base", '["Segunda"]', "[]", -36.7, -73.1),
    # a name with a lower-case particle inside, and a wing named with a degree sign
    ("pratica-air-base", "Pratica di Mare Air Base", "air_base", '["Pratica di Mare Air Base", "37° Stormo"]', "[]", 41.65, 12.44),
    # a shipyard whose company's name is also how articles name the yard
    # a naval base known by the name of a big city
    ("testnorfolk-naval-base", "Test Naval Station Norfolk", "naval_base", '["Test Naval Station Norfolk"]', '["Norfolk"]', 36.95, -76.31),
    ("testyard-surabaya", "PT Testyard shipyard (Surabaya)", "defense_industry", '["galangan PT Testyard"]', "[]", -7.2492, 112.7508),
    # a town with both a naval base and an arms maker's shipyard (Cherbourg, Severodvinsk)
    ("varnak-naval-base", "Varnak Naval Base", "naval_base", '["Varnak Naval Base"]', '["Varnak", "Варнак"]', 49.64, -1.62),
    ("varnak-yard", "Naval Group Varnak yard", "defense_industry", '["Naval Group Varnak yard"]', '["Varnak", "Варнак"]', 49.65, -1.63),
]
OPERATOR = {
    "dj-french-air-base": "French Air and Space Force",
    "dj-us-air-base": "US Air Force",
    "sy-naval-base": "Russian Navy",
    "testmetall-hq": "Testmetall AG",
    "monfalcone-shipyard": "Fincantieri",
    "varnak-yard": "Naval Group",
    "varnak-naval-base": "French Navy",
}


COUNTRY = {
    "holston-aap": "US",
    "whiteman-afb": "US",
    "tindall-afb": "US",
    "umma-air-base": "BY",
    "avord-air-base": "FR",
    "monfalcone-shipyard": "IT",
    "assab-air-base": "ER",
    "sigonella-nas": "IT",
    "quarry-naval-base": "PH",
    "quarry-air-base": "PH",
    "kelos-air-base": "GR",
    "kelos-naval-base": "GR",
    "dj-french-air-base": "DJ",
    "dj-us-air-base": "DJ",
    "sy-naval-base": "SY",
    "merin-air-base": "FR",
    "merin-plant": "FR",
    "testmetall-hq": "DE",
    "pratica-air-base": "IT",
    "testyard-surabaya": "ID",
    "testnorfolk-naval-base": "US",
    "varnak-naval-base": "FR",
    "varnak-yard": "FR",
}


@pytest.fixture(scope="module")
def ex(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gaz")
    text = "".join(
        _ENTRY.format(
            id=i, name=n, type=t, aliases=a, towns=tw, lat=la, lon=lo, country=COUNTRY.get(i, "RU")
        )
        for i, n, t, a, tw, la, lo in ENTRIES
    )
    text = text.replace(
        'id = "testyard-surabaya"\n', 'id = "testyard-surabaya"\ncompany_names = ["PT Testyard"]\n'
    )
    for fid, operator in OPERATOR.items():
        text = text.replace(f'id = "{fid}"\n', f'id = "{fid}"\noperator = "{operator}"\n')
    (folder / "test.toml").write_text(text, "utf-8")
    return Extractor(gazetteer=load_gazetteer([folder]))


def found(ex, make_article, text):
    return {(m.facility_id, m.surface, m.match) for m in ex.extract(make_article(text))}


def fids(ex, make_article, text):
    return {m.facility_id for m in ex.extract(make_article(text))}



def places_in(text, lang="en"):
    """GeoNames places found in ``text`` with the shipped gazetteer, as "place:<id>"."""
    return [m.facility_id for m in mentions_shipped(text, lang) if m.facility_id.startswith("place:")]


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("Satellite images show Mozdok, home to a Su-24 bomber regiment, busy again.", "mozdok-air-base"),
        ("Two submarines returned to Vidyaevo on Friday.", "vidyaevo-naval-base"),
        ("Three warships returned to Severomorsk on Sunday.", "severomorsk-naval-base"),
        ("Drones struck the base at Engels overnight.", "engels-air-base"),
        ("Drones struck the military base at Engels overnight.", "engels-air-base"),
        ("Le groupe a appareillé de Severomorsk mardi.", "severomorsk-naval-base"),
        ("El grupo zarpó de Severomorsk rumbo al norte.", "severomorsk-naval-base"),
        ("Беспилотники атаковали военную базу Энгельс.", "engels-air-base"),
    ],
)
def test_town_linked_by_context(ex, make_article, text, fid):
    ms = [m for m in ex.extract(make_article(text)) if m.facility_id == fid]
    assert ms, fids(ex, make_article, text)
    assert ms[0].match == "linked"
    assert "town of the facility" in ms[0].extra["linked_by"]


def test_town_without_military_words_stays_a_town(ex, make_article):
    got = fids(ex, make_article, "The regional governor opened a school in Mozdok and a park in Engels.")
    assert not got & {"mozdok-air-base", "engels-air-base"}


def test_cue_of_another_type_does_not_link(ex, make_article):
    # a shipyard word beside an air-base town: not that air base
    got = fids(ex, make_article, "The Mozdok shipyard was mentioned.")
    assert "mozdok-air-base" not in got


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("Подлодки вернулись в Видяево после учений.", "vidyaevo-naval-base"),
        ("Бомбардировщики Ту-95 перебазированы под Энгельсом, сообщил источник.", "engels-air-base"),
        ("Самолёты на авиабазе в Моздоке подняты по тревоге.", "mozdok-air-base"),
        ("Испытания прошли на Новой Земле.", "novaya-zemlya-test-site"),
        ("Фрегат прибыл в Североморске на стоянку у причала.", "severomorsk-naval-base"),
    ],
)
def test_russian_cases(ex, make_article, text, fid):
    assert fid in fids(ex, make_article, text)


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("Les Rafale de la base aérienne 702 d'Avord ont décollé.", "avord-air-base"),
        ("La galangan Fincantieri di Monfalcone meluncurkan kapal baru.", "monfalcone-shipyard"),
        ("El astillero de Monfalcone entregó el buque.", "monfalcone-shipyard"),
        ("Die Werft in Monfalcone liefert die Fregatte aus.", "monfalcone-shipyard"),
        ("O estaleiro de Monfalcone entregou o navio.", "monfalcone-shipyard"),
    ],
)
def test_cues_in_other_languages(ex, make_article, text, fid):
    assert fid in fids(ex, make_article, text)


@pytest.mark.parametrize(
    "text",
    [
        "The frigate Severomorsk sailed into the Mediterranean.",
        "Фрегат «Североморск» вышел в море.",
        "KRI Engels berlayar ke Natuna.",
        "A Severomorsk-class corvette was seen.",
    ],
)
def test_ship_names_are_never_facilities_or_places(ex, make_article, text):
    got = ex.extract(make_article(text))
    assert not [m for m in got if "everomorsk" in m.surface.lower() or "engels" in m.surface.lower()], got


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("A Soyuz lifted off from Plesetks on Monday.", "Plesetks"),  # two letters swapped
        ("Satellites were launched from Plesesk.", "Plesesk"),  # one letter missing
    ],
)
def test_one_letter_misspelling_without_cue(ex, make_article, text, surface):
    got = found(ex, make_article, text)
    assert ("plesetsk-cosmodrome", surface, "fuzzy") in got, got


def test_piers_are_a_naval_cue(ex, make_article):
    assert "severomorsk-naval-base" in fids(ex, make_article, "Engineers extended the piers at Severomorsk.")


def test_a_real_town_one_letter_away_is_not_a_misspelling(ex, make_article):
    # a town of the gazetteer is never fuzzy-matched without a cue of its type
    assert "engels-air-base" not in fids(ex, make_article, "Officials from Engel arrived.")


def test_misspelt_town_with_cue(ex, make_article):
    got = found(ex, make_article, "Bombers left Engles air base at dawn.")
    assert any(f == "engels-air-base" and s.startswith("Engles") for f, s, _ in got), got


def test_description_anchored_to_a_place_takes_the_known_facility(ex, make_article):
    # "the air base near X": the air base the gazetteer has at X, linked, with the reason
    ms = ex.extract(make_article("Fighters were moved to the air base near Mozdok last week."))
    hit = [m for m in ms if m.facility_id == "mozdok-air-base"]
    assert hit and "linked_by" in hit[0].extra


def test_a_language_without_cue_words_is_never_silent(ex):
    from facmap.article import article_from_text
    from facmap.dataset import validate
    from facmap.pipeline import collection_from_articles, languages_without_lexicon

    it = article_from_text(
        "De straaljagers vertrokken gisteravond uit Plesetsk.", article_id="nl-1", language="nl"
    )
    en = article_from_text("Fighters left Plesetsk last night.", article_id="en-1", language="en")
    fc = collection_from_articles([it, en], ex)
    assert languages_without_lexicon(fc) == [("nl-1", "nl")]
    # names are still matched in that language
    assert any(f["properties"]["id"] == "plesetsk-cosmodrome" for f in fc["features"])
    validate(fc)


def test_language_is_detected_when_not_given(ex):
    from facmap.article import article_from_text
    from facmap.pipeline import collection_from_articles, languages_without_lexicon

    text = (
        "De minister van defensie heeft de basis bezocht en zei dat de nieuwe straaljagers "
        "voor het einde van het jaar zullen aankomen, volgens bronnen van de regering."
    )
    fc = collection_from_articles([article_from_text(text, article_id="nl-2")], ex)
    assert languages_without_lexicon(fc) == [("nl-2", "nl")]


@pytest.mark.parametrize(
    ("row", "name"),
    [
        ("Dover Afb Airport", "Dover Air Force Base"),
        ("Iswahyudi Airport", "Iswahyudi Air Base"),
        ("Halim Perdanakusuma International Airport", "Halim Perdanakusuma Air Base"),
        ("Mezzeh Military Airport", "Mezzeh Military Air Base"),
        ("Shayrat Air Base", "Shayrat Air Base"),
        ("Andersen Afb Airport", "Andersen Air Force Base"),
        # joint rows: the base, not the civil airport sharing its runway
        ("Scott Afb/Midamerica St Louis Airport", "Scott Air Force Base"),
        ("Istres Le Tube/Istres Air Base (BA 125) Airport", "Istres Air Base"),
        ("Allan C Perkinson/Blackstone Army Air Field", "Blackstone Army Airfield"),
        ("Wright Army Air Field (Fort Stewart)/Midcoast Regional Airport", "Wright Army Airfield"),
        ("Elizabeth City Cg Air Station/Regional Airport", "Elizabeth City Coast Guard Air Station"),
        ("Laughlin Afb Aux Nr 1 Airport", "Laughlin Air Force Base Auxiliary Field No. 1"),
        ("Columbus Afb Aux Field, (Gunshy) Airport", "Columbus Air Force Base Auxiliary Field"),
        ("Biggs Army Air Field (Fort Bliss) Airport", "Biggs Army Airfield"),
    ],
)
def test_reference_airfields_get_facility_names(row, name):
    from facmap.secondary import facility_name

    assert facility_name(row) == name



def test_core_of_a_name_with_its_type_in_the_sentence(ex, make_article):
    text = (
        "Whiteman AFB will host the bombers. Holston, the Tennessee plant that makes RDX, "
        "will double its output."
    )
    ms = [m for m in ex.extract(make_article(text)) if m.facility_id == "holston-aap"]
    assert ms and "distinctive part of its name" in ms[0].extra["linked_by"]


def test_core_of_a_name_alone_or_abroad_is_nothing(ex, make_article):
    # no word of its type: a river, a surname
    assert "holston-aap" not in fids(ex, make_article, "Officials met Mr Holston on Friday.")
    # a plant word, but the article's other facilities are all in Russia
    text = "Engels air base was hit. Holston said the plant there will produce more shells."
    assert "holston-aap" not in fids(ex, make_article, text)


def test_the_sentence_before_says_what_a_town_stands_for(ex, make_article):
    text = (
        "Three missile divisions armed with Yars joined the exercise. "
        "Regiments stationed near Teykovo marched to their patrol routes."
    )
    ms = [m for m in ex.extract(make_article(text)) if m.facility_id == "teykovo-missile-base"]
    assert ms and "sentence before" in ms[0].extra["linked_by"]


def test_a_force_cue_binds_the_country(ex, make_article):
    # RAAF is Australian: "RAAF Base Tyndall" is not the Florida base of that name
    assert "tindall-afb" not in fids(ex, make_article, "B-2s rotated through RAAF Base Tyndall.")
    assert "tindall-afb" in fids(ex, make_article, "F-22s returned to Tyndall AFB.")


def test_a_name_inside_a_longer_name_is_not_meant(ex, make_article):
    # the exercise "Talisman Engels" and "Engels Street" are not the air base
    assert "engels-air-base" not in fids(ex, make_article, "Bombers joined Talisman Engels drills.")
    assert "engels-air-base" not in fids(ex, make_article, "Jets flew over Engels Street airfield.")


def test_acronym_aliases_match_only_in_capitals(ex, make_article):
    assert "umma-air-base" in fids(ex, make_article, "Su-30s landed at UMMA yesterday.")
    assert "umma-air-base" not in fids(ex, make_article, "Os caças chegaram numa uma base.")


def test_unplaced_phrase_takes_the_town_beside_it(ex, make_article):
    ms = ex.extract(make_article("F-35s will train at Pobeda Air Base in Salsk."))
    got = [m for m in ms if m.facility_id.startswith("unlisted:air_base:")]
    assert got and "Sal’sk" in got[0].extra["placed_at"]
    # and the town is not a second feature
    assert not [m for m in ms if m.facility_id.startswith("place:")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Об этом сообщили на брифинге в Москве.", "Moscow"),
        ("Совещание прошло в Комсомольске-на-Амуре.", "Komsomolsk-on-Amur"),
    ],
)
def test_declined_russian_venues(ex, make_article, text, name):
    from facmap.places import place_by_id

    (m,) = [m for m in ex.extract(make_article(text)) if m.facility_id.startswith("place:")]
    assert place_by_id(int(m.facility_id.split(":")[1])).name == name


@pytest.mark.parametrize(
    "text",
    [
        "Pesawat itu terbang di atas Jawa Timur.",
        "The drills were held in Florida and Missouri.",
        "Strikes hit targets in Rostov region overnight.",
        "Полки развернуты в Хабаровском крае.",
        "Latihan dilakukan di Pangkalan yang baru.",
    ],
)
def test_regions_and_cue_words_are_never_venues(ex, make_article, text):
    assert not [m for m in ex.extract(make_article(text)) if m.facility_id.startswith("place:")]


def test_a_venue_right_after_a_facility_only_says_where_it_is(ex, make_article):
    ms = ex.extract(make_article("Bombers left Engels air base, in Saratov, at dawn."))
    assert {m.facility_id for m in ms} == {"engels-air-base"}


def test_a_company_at_a_town_is_its_plant_only_in_a_sentence_on_production(ex, make_article):
    built = "Fincantieri in Monfalcone builds the new frigates for the navy."
    assert "monfalcone-shipyard" in fids(ex, make_article, built)
    # at a town where the gazetteer has none of its sites, a maker speaking is no plant
    said = "Fincantieri in Trieste said its profits rose."
    assert not [f for f in fids(ex, make_article, said) if not f.startswith("place:")]
    # ... while the town of one of its sites names that site (the yard's management spoke)
    said = "Fincantieri in Monfalcone said its profits rose."
    assert "monfalcone-shipyard" in fids(ex, make_article, said)



@pytest.mark.parametrize(
    ("text", "fid"),
    [
        # a town with a shipyard and a naval base: words of shipbuilding mean the yard...
        ("The submarine was launched at Varnak on Friday.", "varnak-yard"),
        ("Подлодка спущена на воду в Варнаке.", "varnak-yard"),
        ("Le sous-marin a été mis à l'eau à Varnak.", "varnak-yard"),
        ("La fragata fue botada en Varnak.", "varnak-yard"),
        ("Kapal selam itu diluncurkan di Varnak.", "varnak-yard"),
        ("Der Stapellauf der Fregatte fand in Varnak statt.", "varnak-yard"),
        ("La fregata è stata varata a Varnak.", "varnak-yard"),
        ("O casco da fragata foi concluído em Varnak.", "varnak-yard"),
        # ... words of basing the base, whatever ship word stands nearer
        ("The frigate is based at Varnak.", "varnak-naval-base"),
        ("Подлодка базируется в Варнаке.", "varnak-naval-base"),
        ("La frégate est basée à Varnak.", "varnak-naval-base"),
        ("La fragata tiene su base en Varnak.", "varnak-naval-base"),
        ("Kapal selam itu berpangkalan di Varnak.", "varnak-naval-base"),
        ("Die Fregatte ist in Varnak stationiert.", "varnak-naval-base"),
        ("La fregata è di stanza a Varnak.", "varnak-naval-base"),
        ("A fragata está baseada em Varnak.", "varnak-naval-base"),
    ],
)
def test_shipbuilding_or_basing_words_choose_a_towns_yard_or_base(ex, make_article, text, fid):
    got = fids(ex, make_article, text)
    other = {"varnak-yard", "varnak-naval-base"} - {fid}
    assert fid in got and not got & other, got


@pytest.mark.parametrize(
    "text",
    [
        # role words link nothing alone
        "The company is based in Varnak.",
        "Le maire a lancé un appel à Varnak.",
    ],
)
def test_role_words_alone_link_no_facility(ex, make_article, text):
    assert not fids(ex, make_article, text) & {"varnak-yard", "varnak-naval-base"}


def test_a_base_word_never_names_a_plant_or_yard(ex, make_article):
    # Monfalcone is known only as a shipyard's town: "the base at Monfalcone" is not the yard
    assert "monfalcone-shipyard" not in fids(ex, make_article, "Drones hit the base at Monfalcone.")


@pytest.mark.parametrize(
    "text",
    [
        # a possessive or an article before town and plant word, a region after them
        "Fincantieri will expand its Monfalcone yard in Friuli next year.",
        "Fincantieri will expand its Monfalcone, Italy, shipyard.",
        "Fincantieri Marine Systems' Monfalcone yard in Italy builds frigates.",
        "The company said the Monfalcone plant in Friuli would hire 300 welders.",
    ],
)
def test_a_possessive_before_a_town_and_its_plant_word(ex, make_article, text):
    assert "monfalcone-shipyard" in fids(ex, make_article, text)


def test_a_ship_prefix_abbreviation_counts_only_in_capitals(ex, make_article):
    # "ITS Monfalcone" is an Italian warship: no yard, though "built" is in the sentence
    text = "The frigate ITS Monfalcone was built for the Italian Navy."
    assert "monfalcone-shipyard" not in fids(ex, make_article, text)


def test_a_base_beside_a_town_is_no_plant_whatever_else_the_sentence_says(ex, make_article):
    text = "Destroyers left the Monfalcone base, and officials at the shipyard said delivery would go on."
    assert "monfalcone-shipyard" not in fids(ex, make_article, text)


@pytest.mark.parametrize(
    "text",
    [
        # plant words the lexicon lacked, found by probing the 8 languages
        "Das Munitionswerk in Monfalcone wächst.",
        "La factoría de Monfalcone entrega dos buques al año.",
        "A unidade fabril de Monfalcone retomou o trabalho.",
        "The Monfalcone production site employs 4,000 people.",
        "Il sito produttivo di Monfalcone impiega 4.000 persone.",
    ],
)
def test_plant_words_of_every_language_are_cues(ex, make_article, text):
    assert "monfalcone-shipyard" in fids(ex, make_article, text)

def test_a_town_alias_with_a_lower_case_first_word(ex, make_article):
    # "l'île du Levant": the name's other words are capitalised; French "des" alone is no name
    assert "dyess" not in " ".join(fids(ex, make_article, "Les chasseurs des escadrons ont décollé."))


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("The archipelago in the Arctic hosted Soviet nuclear tests until 1990.", "novaya-zemlya-test-site"),
        ("Pyongyang conducted a seventh nuclear test, North Korean media said.", "punggye-ri-nuclear-test-site"),
        ("Dua rudal balistik antarbenua Minuteman III diuji menuju Kepulauan Marshall.", "reagan-test-site-kwajalein"),
        ("Боевые блоки прибыли на Камчатку точно в срок.", "kura-missile-test-range"),
    ],
)
def test_test_sites_described_by_their_region_are_inferred(extractor, make_article, text, fid):
    ms = [m for m in extractor.extract(make_article(text)) if m.facility_id == fid]
    assert ms and ms[0].match == "inferred" and ms[0].reasoning


def test_a_lower_case_word_glued_to_a_name_is_no_town(ex, make_article):
    # Portuguese "com a Saab" read as one word is "asaab", one doubled letter from Assab
    text = "O caça é montado na base aérea de Anápolis em parceria com a Saab, disse o comandante."
    assert "assab-air-base" not in fids(ex, make_article, text)
    # the town itself, written as a name beside a word of its type, is still the base
    assert "assab-air-base" in fids(ex, make_article, "Drones struck the air base at Assab overnight.")


@pytest.mark.parametrize(
    "text",
    [
        "Die Alarmrotte im Norden stellt weiter das Geschwader aus Wittmund.",
        "La frégate a quitté le port en Mars pour une mission de trois mois.",
    ],
)
def test_compass_points_and_months_are_no_towns(ex, make_article, text):
    # German writes "Norden" (the north) capitalised, and a town Norden exists in Lower Saxony
    got = {(m.surface, m.match) for m in ex.extract(make_article(text))}
    assert not {s for s, _ in got} & {"Norden", "Mars"}, got


def test_a_plural_aircraft_designation_is_an_air_cue(ex, make_article):
    # "P-8s" is the cue "P-8" in the plural: the town beside it stands for its air station
    assert "sigonella-nas" in fids(ex, make_article, "Two P-8s operated from Sigonella last week.")


@pytest.mark.parametrize(
    ("text", "ftype"),
    [
        ("O submarino foi construído no Complexo Naval de Itaguaí, no Rio de Janeiro.", "naval_base"),
        ("Prajurit Kostrad berlatih di Puslatpur Baturaja, Sumatera Selatan.", "army_base"),
    ],
)
def test_unlisted_facility_words_in_portuguese_and_indonesian(ex, make_article, text, ftype):
    # a facility the gazetteer lacks is still shown, typed by its words, at the town it names
    ms = [m for m in ex.extract(make_article(text)) if m.facility_id.startswith("unlisted:")]
    assert [m.facility_id.split(":")[1] for m in ms] == [ftype], ms


def test_a_typed_cue_links_no_other_type(ex, make_article):
    # "Base" inside "Air Base" is no cue of any facility: the naval station whose town is
    # Quarry Point is not what "X Air Base on Quarry Point" names
    text = "Work on a longer runway at Danilo Rivera Air Base on Quarry Point is due to start."
    assert "quarry-naval-base" not in fids(ex, make_article, text)
    # a bare "base" still links a town to its facility
    assert "quarry-naval-base" in fids(ex, make_article, "Marines guard the base at Quarry Point.")


def test_unlisted_facility_placed_by_a_facility_town(ex, make_article):
    # "X Air Base on Quarry Point": no GeoNames town Quarry Point, but the gazetteer knows it
    # as a facility's town, so the air base there is the one the phrase names
    text = "Work on a longer runway at Danilo Rivera Air Base on Quarry Point is due to start."
    ms = [m for m in ex.extract(make_article(text)) if m.facility_id == "quarry-air-base"]
    assert ms and ms[0].surface == "Danilo Rivera Air Base", fids(ex, make_article, text)
    assert "named by its place" in ms[0].extra["linked_by"]


def test_air_force_words_choose_between_facilities_of_one_town(ex, make_article):
    # "la base de La Kelos": a generic cue and two facilities of the town; the air force in
    # the sentence says which
    text = (
        "Escale technique sur la base de La Kelos, où la force aérienne grecque a assuré "
        "le soutien."
    )
    got = fids(ex, make_article, text)
    assert "kelos-air-base" in got and "kelos-naval-base" not in got, got


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("The tankers flew from the French air base in Djibouti.", "dj-french-air-base"),
        ("Un avión está desplegado en la base aérea francesa de Yibuti.", "dj-french-air-base"),
        ("The drones flew from the American air base in Djibouti.", "dj-us-air-base"),
        ("Russia's naval base in Syria was busy.", "sy-naval-base"),
        ("Kapal itu bersandar di pangkalan angkatan laut Rusia di Suriah.", "sy-naval-base"),
        ("Фрегат вернулся на военно-морскую базу в Сирии.", "sy-naval-base"),
    ],
)
def test_a_facility_placed_by_its_country_and_owner(ex, make_article, text, fid):
    # a country (named in any language) and a nationality word pick the one facility of the
    # type there run by that state; the link says so
    ms = [m for m in ex.extract(make_article(text)) if m.facility_id == fid]
    assert ms, [(m.surface, m.facility_id) for m in ex.extract(make_article(text))]
    assert "the gazetteer has in" in ms[0].extra["linked_by"]


def test_a_country_with_several_candidates_is_left_for_review(ex, make_article):
    # two air bases in Djibouti and no owner named: not guessed, kept for the reviewer
    ms = ex.extract(make_article("The tankers flew from the air base in Djibouti."))
    assert {m.facility_id.split(":")[0] for m in ms} == {"unplaced"}, ms
    assert "2 facilities of this type" in ms[0].extra["reference"]


def test_country_names_in_every_language():
    from facmap._text import cue_key_of
    from facmap.countries import country_code_of, nationality_of

    assert [country_code_of(n) for n in ("Yibuti", "Suriah", "Сирии", "Dschibuti", "Syrie")] == [
        "DJ", "SY", "SY", "DJ", "SY"
    ]
    assert country_code_of("Engels") is None
    assert nationality_of(cue_key_of("французской")) == "FR"
    assert nationality_of(cue_key_of("Rusia")) == "RU"


def test_the_town_of_another_facility_phrase_is_not_this_facility(ex, make_article):
    # "the ammunition depot at Merin": Merin is where that depot is; the jets in the sentence
    # do not make it the air base of Merin
    got = fids(ex, make_article, "Rafale fighters drew bombs from the ammunition depot at Merin.")
    assert "merin-air-base" not in got, got


def test_a_town_near_a_facility_just_named_locates_it(ex, make_article):
    # "the Merin plant, near Bordo": Bordo says where the plant is; "Rafale" elsewhere in the
    # sentence does not make it the air base Bordo also names
    text = "Final assembly of the Rafale is done at the Avions Test Merin plant, near Bordo."
    got = fids(ex, make_article, text)
    assert "merin-plant" in got and "merin-air-base" not in got, got
    text = "Rafale fighters are serviced at the Avions Test Merin plant, in Bordo."
    got = fids(ex, make_article, text)
    assert "merin-plant" in got and "merin-air-base" not in got, got
    # without a facility before it, the context word still links the town
    assert "merin-air-base" in fids(ex, make_article, "Rafale fighters landed at Bordo on Monday.")


@pytest.mark.parametrize(
    "text",
    [
        "Latihan digelar di Kabupaten Engels, dekat perbatasan.",
        "Pabrik itu berada di Turen, Kabupaten Engels, yang juga memproduksi roket.",
    ],
)
def test_a_regency_is_neither_a_facility_nor_its_namesake_town(ex, make_article, text):
    # "Kabupaten Malang" is a regency: not the city of Malang, not a facility of that town
    got = {(m.surface, m.facility_id) for m in ex.extract(make_article(text))}
    assert not [s for s, _ in got if "Engels" in s], got


def test_dateline_cities_are_places(ex):
    from facmap.article import article_from_text

    text = (
        "Title line\n\nАРХАНГЕЛЬСК, 22 июля. /ТАСС/. Подводная лодка вышла в море.\n\n"
        "MOSCOW, July 22 (Reuters) - The ministry said so.\n\n"
        "Jakarta (ANTARA) - Kementerian Pertahanan menyatakan.\n\n"
        "Yesterday, 5 jets landed. Later - nothing else.\n"
    )
    ms = ex.extract(article_from_text(text, article_id="d"))
    got = {m.surface for m in ms if m.extra.get("via") == "dateline"}
    # the city a report was filed from, in capitals or with its agency; not any opening word
    assert got == {"АРХАНГЕЛЬСК", "MOSCOW", "Jakarta"}, got


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("Il gruppo è salpato da Severomorsk ieri sera.", "severomorsk-naval-base"),
        ("Il sottomarino è stato varato nel cantiere di Monfalcone.", "monfalcone-shipyard"),
    ],
)
def test_italian_cue_words(ex, make_article, text, fid):
    assert fid in fids(ex, make_article, text)


def test_french_a_introduces_a_venue_but_english_a_does_not(ex, make_article):
    got = {m.surface for m in ex.extract(make_article("La conférence tenue à Villepinte mardi a réuni les industriels."))}
    assert "Villepinte" in got
    got = {m.surface for m in ex.extract(make_article("A Moscow court jailed a Paris dealer."))}
    assert not got & {"Moscow", "Paris"}, got


def test_a_firm_acting_is_not_its_head_office(ex, make_article):
    # the core of "Testmetall headquarters" is the operator's name: the firm acting, no site
    text = "Testmetall said its new plant will double shell output."
    assert "testmetall-hq" not in fids(ex, make_article, text)
    text = "Ministers met at the Testmetall headquarters on Monday."
    assert "testmetall-hq" in fids(ex, make_article, text)


@pytest.mark.parametrize(
    "text",
    [
        "«Видяево» станет первым серийным кораблём Северного флота.",
        "Die „Vidyaevo“ der Nordflotte lief am Montag aus.",
    ],
)
def test_a_quoted_name_is_no_town(ex, make_article, text):
    # a warship named after a town, in quotation marks and with no ship word before it
    got = {(m.surface, m.facility_id) for m in ex.extract(make_article(text))}
    assert not [f for s, f in got if "Vid" in s or "Вид" in s], got


def test_a_quoted_name_after_its_cue_is_still_the_facility(ex, make_article):
    text = "Учения прошли на военно-морской базе «Видяево» Северного флота."
    assert "vidyaevo-naval-base" in fids(ex, make_article, text)


def test_a_frequent_word_is_no_misspelt_name(ex, make_article):
    # "Segundo" (Portuguese "according to") is one letter off the facility "Segunda", but it is
    # a word of its own; a rare word one letter off ("Segumda") is still taken for the name
    text = "Segundo o ministério, os navios voltaram ao porto na semana passada."
    assert "segunda-naval-base" not in fids(ex, make_article, text)
    text = "Satellite images show two new piers at Segumda this spring."
    assert "segunda-naval-base" in fids(ex, make_article, text)


@pytest.mark.parametrize(
    "text",
    [
        # "37° Stormo": the degree sign between number and word joins them like a space
        "Gli Eurofighter del 37° Stormo hanno svolto missioni di scorta sul Canale di Sicilia.",
        # a core name with "di" inside; and Italian "di" ("of") puts no venue "Mare" after it
        "Un velivolo da rifornimento è decollato da Pratica di Mare per supportare i caccia.",
    ],
)
def test_italian_names_with_a_particle_or_a_degree_sign(ex, make_article, text):
    got = {(m.facility_id, m.surface) for m in ex.extract(make_article(text))}
    assert "pratica-air-base" in {f for f, _ in got}, got
    assert not [f for f, s in got if s == "Mare"], got


def test_di_still_puts_a_venue_after_it_in_indonesian(ex, make_article):
    text = "Menteri Pertahanan bertemu mitranya di Surabaya pada hari Senin untuk membahas kerja sama."
    assert "Surabaya" in {m.surface for m in ex.extract(make_article(text))}


def test_the_first_part_of_a_hyphenated_name_is_no_town(ex, make_article):
    # "Schleswig-Holstein" is a state: the town of Schleswig is not meant
    text = "In Schleswig-Holstein begrüßte die Landesregierung am Montag die Pläne der Marine."
    got = {m.surface for m in ex.extract(make_article(text))}
    assert not [s for s in got if s.startswith("Schleswig")], got


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("The minister, a former navy officer born in Busan, spoke to reporters on Monday.", "Busan"),
        ("Il ministro, nato a Novara, ha parlato ai giornalisti lunedì.", "Novara"),
        ("Министр, родился в Саратове, выступил перед журналистами.", "Саратове"),
    ],
)
def test_a_birthplace_is_no_venue(ex, make_article, text, town):
    assert town not in {m.surface for m in ex.extract(make_article(text))}


def test_a_venue_without_a_birth_word_is_still_a_place(ex, make_article):
    text = "The minister spoke to reporters in Busan on Monday about the new destroyers."
    assert "Busan" in {m.surface for m in ex.extract(make_article(text))}


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Heavy rain in Busan delayed the ceremony by an hour.", "Busan"),
        ("Hujan deras yang mengguyur Kota Pekanbaru sejak pagi membuat jadwal mundur.", "Pekanbaru"),
        ("Un fuerte temporal en La Coruña obligó a retrasar un día la salida prevista.", "La Coruña"),
    ],
)
def test_a_town_in_a_weather_note_is_no_venue(ex, make_article, text, town):
    assert town not in {m.surface for m in ex.extract(make_article(text))}


def test_a_facility_in_a_weather_note_is_still_found(ex, make_article):
    text = "Heavy snow at Mozdok Air Base grounded the bombers for two days."
    assert "mozdok-air-base" in fids(ex, make_article, text)


def test_a_name_opening_with_a_capitalised_article_reaches_the_reference_list(ex, make_article):
    # "El" is also a Spanish article: at the head of a name after a cue it is part of the name
    text = "Pesawat itu dideploy ke Lanud El Tari untuk memantau perairan Laut Sawu."
    got = {m.facility_id: m for m in ex.extract(make_article(text))}
    assert "ref:airfield-watt" in got, got
    assert got["ref:airfield-watt"].surface == "Lanud El Tari"


def test_a_unit_number_between_a_facility_and_its_town(ex, make_article):
    # "Aeródromo de Manobra n.º 1, em Ovar": the town after the unit's number places it
    text = "Os pilotos vão treinar no Aeródromo de Manobra n.º 1, em Ovar, durante o inverno."
    got = [m for m in ex.extract(make_article(text)) if m.facility_id.startswith("unlisted:air_base")]
    assert got and got[0].extra.get("placed_at", "").startswith("Ovar"), got


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        # a filler and the unit's number between the cue and the name
        (
            "La Base Aérea Militar No. 1 de Santa Lucía albergará un nuevo centro de mando.",
            "santa-lucia-air-force-base-mmsm",
        ),
        # "base aeronaval" is a military cue: the airfield list may place it
        (
            "Aviones P-3 de la Base Aeronaval Comandante Espora participaron en el ejercicio.",
            "ref:airfield-sazb",
        ),
    ],
)
def test_military_air_phrases_reach_the_airfield_list(make_article, text, fid):
    # the shipped gazetteer: Santa Lucía is a derived airfield there, Espora only a list row
    assert fid in {m.facility_id for m in _shipped_extractor().extract(make_article(text))}


@pytest.mark.parametrize(
    ("text", "site"),
    [
        # the company acting: no site
        ("PT Testyard, yang membangun KRI Semarang, menyatakan siap mendukung integrasi.", False),
        ("Direktur Utama PT Testyard menjelaskan jadwal pengiriman kapal.", False),
        # the company's name for its site: after a place preposition, a site word, or with
        # the town of its site after it
        ("Kapal akan menjalani pemeriksaan teknis di PT Testyard sebelum diresmikan.", True),
        ("Upacara digelar di hanggar PT Testyard pada hari Kamis.", True),
        ("Perakitan modul dilakukan oleh PT Testyard di Surabaya, Jawa Timur.", True),
        # ... but not with another town after it (a head office, a stand at a fair)
        ("PT Testyard di Jakarta menggelar pameran produk.", False),
    ],
)
def test_a_company_name_is_its_site_only_where_the_text_says_so(ex, make_article, text, site):
    assert ("testyard-surabaya" in fids(ex, make_article, text)) is site


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        # a big city's name links to its base by what happens there: a ship, a sailing
        ("The destroyer returned to Norfolk after a seven-month deployment.", True),
        # ... not by a service's name: cities are where navies talk
        ("The Navy said in Norfolk that the budget would grow next year.", False),
    ],
)
def test_a_big_city_needs_more_than_a_service_name(ex, make_article, text, linked):
    assert ("testnorfolk-naval-base" in fids(ex, make_article, text)) is linked


def test_a_small_town_still_links_by_a_service_name(ex, make_article):
    # Vidyaevo is a garrison town: the fleet named beside it is enough
    text = "The Northern Fleet said on Monday that Vidyaevo would get new piers."
    assert "vidyaevo-naval-base" in fids(ex, make_article, text)


def test_a_named_facilitys_cue_is_not_read_again_with_its_country(ex, make_article):
    # "Mozdok Air Base in Russia": one facility, not also "an air base somewhere in Russia"
    got = {m.facility_id for m in ex.extract(make_article("Jets flew from Mozdok Air Base in Russia."))}
    assert got == {"mozdok-air-base"}, got


def test_drones_are_a_word_of_an_air_base(ex, make_article):
    assert "mozdok-air-base" in fids(ex, make_article, "Attack drones now operate from Mozdok.")


def test_a_city_decides_between_same_named_airfield_rows(make_article):
    # airportsdata has a Naha in Japan (ROAH) and one in Indonesia (WAMH); the city of Naha
    # (about 300,000 people) lies beside the first only
    text = "Japanese F-15s scrambled from Naha Air Base on Monday."
    got = {m.facility_id: m for m in _shipped_extractor().extract(make_article(text))}
    assert "ref:airfield-roah" in got or any("roah" in f or "naha" in f for f in got), got
    assert not any("futenma" in f for f in got), got


@pytest.mark.parametrize(
    "text",
    [
        "Le SNA a quitté Severomorsk lundi.",
        "The SSBN returned to Severomorsk after a patrol.",
    ],
)
def test_submarine_abbreviations_are_naval_context(ex, make_article, text):
    assert "severomorsk-naval-base" in fids(ex, make_article, text)


@pytest.mark.parametrize(
    "text",
    [
        "O estaleiro montou o casco em Monfalcone no ano passado.",
        "La empresa fabricó las piezas en Monfalcone.",
    ],
)
def test_past_tense_production_verbs_are_plant_context(ex, make_article, text):
    assert "monfalcone-shipyard" in fids(ex, make_article, text)


@pytest.mark.parametrize(
    "text",
    [
        "El destructor regresó a Severomorsk tras la patrulla.",
        "O porta-helicópteros voltou a Severomorsk na segunda-feira.",
        "USS Example arrived in Severomorsk on a rare visit.",
    ],
)
def test_ship_words_and_prefixes_are_naval_context(ex, make_article, text):
    assert "severomorsk-naval-base" in fids(ex, make_article, text)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # round-3 knowledge (naval3.toml, military_airfields.tsv): the names articles use
        ("Корабли Черноморского флота вернулись на ВМБ Новороссийск.", "novorossiysk-naval-base"),
        (
            "The patrol vessel sailed from Naval Base Durban on Salisbury Island.",
            "naval-base-durban",
        ),
        ("Kystjegerne øver ved Ramsund orlogsstasjon i Ofoten.", "ramsund-naval-station"),
        ("The new corvettes will be based at Pansio naval base in Turku.", "pansio-naval-base"),
        ("Los Kfir despegaron de la Base Aérea de Palanquero al amanecer.", "-skpq"),
        ("Dos aviones del CACOM 1 aterrizaron en Puerto Salgar.", "-skpq"),
        ("Los primeros F-16 aterrizaron en el Área Material Río Cuarto.", "-saoc"),
        ("Un Mirage 2000 de la Base Aérea de La Joya realizó una misión.", "-splc"),
        ("Two Gripens returned to AFB Makhado after the exercise.", "-falm"),
        ("Le Falcon présidentiel s'est posé à AFB Waterkloof.", "-fawk"),
        ("Gripenpiloter utbildas vid F 7 Såtenäs.", "-esib"),
        (
            "Die F-35 sollen in der 32. Baza Lotnictwa Taktycznego in Łask stationiert werden.",
            "-eplk",
        ),
    ],
)
def test_round3_bases_link_by_their_article_names(make_article, text, want):
    # the shipped gazetteer: a naval base by its id, a curated airfield by its ICAO suffix
    got = {m.facility_id for m in _shipped_extractor().extract(make_article(text))}
    assert any(f == want or f.endswith(want) for f in got), got


@pytest.fixture(scope="module")
def shipped():
    """The extractor over the shipped gazetteer (knowledge tests, not rule tests)."""
    return _shipped_extractor()


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        # company names with the town of their site after them, in several languages
        ("Kapal itu dibangun di galangan Hanwha Ocean di Okpo.", "hanwha-ocean-okpo"),
        (
            "K2 tanks for Poland are assembled by Hyundai Rotem in Changwon.",
            "hyundai-rotem-changwon",
        ),
        ("Das neue U-Boot wurde bei TKMS in Kiel auf Kiel gelegt.", "tkms-kiel"),
        ("Kapal selam itu dibangun oleh TKMS di Kiel, Jerman.", "tkms-kiel"),
        ("The A26 boats are being built by Saab Kockums in Karlskrona.", "saab-kockums-karlskrona"),
        ("The landing ship was handed over by Austal USA in Mobile, Alabama.", "austal-usa-mobile"),
        ("Rudal itu diproduksi oleh Bharat Dynamics Limited di Hyderabad.", "bdl-hyderabad"),
        ("Radar itu dirakit oleh PT Len Industri di Bandung.", "pt-len-bandung"),
        ("Die Radare werden von Hensoldt in Ulm gefertigt.", "hensoldt-ulm"),
        ("O lançador Astros é produzido pela Avibras em Jacareí.", "avibras-jacarei"),
        # a town with a plant or yard word
        (
            "The F-35 factory in Fort Worth will raise its output next year.",
            "lockheed-martin-fort-worth-plant-4",
        ),
        ("The Su-30MKI jets are assembled at HAL's Nashik plant.", "hal-nashik"),
        ("Pesawat F-15EX itu dirakit di pabrik Boeing di St. Louis.", "boeing-st-louis"),
        ("The new corvette was launched at the shipyard in Kolkata.", "grse-kolkata"),
        # local-language and Russian names of the site
        ("Су-34 переданы Новосибирским авиазаводом имени Чкалова.", "novosibirsk-chkalov-plant"),
        ("Су-30СМ2 построены на Иркутском авиазаводе.", "irkutsk-aviation-plant"),
        (
            "Korvet, İstanbul Tersanesi Komutanlığı'nda denize indirildi.",
            "istanbul-naval-shipyard-pendik",
        ),
        (
            "La fragata fue botada en el Astillero Naval de Estambul.",
            "istanbul-naval-shipyard-pendik",
        ),
        ("The frigate completed its refit at Devonport Royal Dockyard.", "devonport-royal-dockyard"),
        ("The submarine will be overhauled at the Gölcük Naval Shipyard.", "golcuk-naval-base"),
        (
            "The Zhou-class submarine was photographed at the Wuchang Shipyard.",
            "wuchang-shipyard-wuhan",
        ),
        ("The destroyer was launched at JMU's Yokohama shipyard.", "jmu-yokohama-isogo"),
        ("The Mogami-class frigate was built at the Tamano shipyard.", "mhi-tamano-shipyard"),
    ],
)
def test_industry_sites_are_found_by_the_names_articles_use(shipped, make_article, text, fid):
    assert fid in {m.facility_id for m in shipped.extract(make_article(text))}


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # round-4 knowledge (ranges_hq4.toml, military_airfields.tsv): ranges, naval air
        # stations and headquarters by the names articles use; a derived airfield by its ICAO
        ("Rudal itu diuji di Vidsel Test Range, Swedia utara.", "vidsel-test-range"),
        ("Le missile a été tiré depuis le polygone de Vidsel.", "vidsel-test-range"),
        ("Il test si è svolto al poligono di Perdasdefogu in Sardegna.", "salto-di-quirra-range"),
        ("The Umkhonto was test-fired at the Denel Overberg Test Range.", "overberg-test-range"),
        ("The Dornier flew from INS Kohassa in North Andaman.", "ins-kohassa"),
        ("SH-60K вертолёты базируются на авиабазе Омура.", "jmsdf-omura-air-base"),
        ("Balikatan drills were held at Fort Magsaysay in Nueva Ecija.", "fort-magsaysay"),
        (
            "Министры обороны собрались в штаб-квартире НАТО в Брюсселе.",
            "nato-headquarters-brussels",
        ),
        (
            "Les ministres se sont réunis au siège de l'OTAN à Bruxelles.",
            "nato-headquarters-brussels",
        ),
        ("The general spoke at CENTCOM headquarters in Tampa.", "centcom-socom-hq-macdill"),
        ("Die Einsätze führt das Allied Air Command in Ramstein.", "aircom-ramstein"),
        ("The P-8I landed at INS Garuda in Kochi.", "-vocc"),
        ("Drone itu beroperasi dari INS Parundu di Ramanathapuram.", "-vorm"),
        ("The Dornier returned to INS Baaz on Great Nicobar.", "-vo94"),
        ("The P-1 patrol aircraft took off from JMSDF Kanoya Air Base.", "-rjfy"),
        ("F-15 Jepang dari Pangkalan Udara Naha dikerahkan.", "-roah"),
        ("A Gripen flew from AFB Overberg for the trials.", "-faob"),
        ("The bomb was dropped over the Eglin Gulf Test Range.", "-kvps"),
        ("Le chef d'état-major a réuni ses généraux à l'Hexagone Balard.", "hexagone-balard"),
        ("Helikopter Panther tiba di Mako Puspenerbal, Sidoarjo.", "-warr"),
        ("Die Rakete wurde vom Andøya Test Center aus gestartet.", "andoya-space"),
    ],
)
def test_round4_knowledge_links_by_article_names(shipped, make_article, text, want):
    got = {m.facility_id for m in shipped.extract(make_article(text))}
    assert any(f == want or f.endswith(want) for f in got), got


@pytest.mark.parametrize(
    "text",
    [
        # the company acting, far from its site: no site
        "Hanwha Ocean said on Monday that it had won the Canadian submarine bid.",
        "TKMS in Wismar will build the first hull.",
        # a big city named beside no facility word stays a place
        "Mobile phone networks failed across the region during the storm.",
    ],
)
def test_company_names_and_city_towns_need_the_site_context(shipped, make_article, text):
    got = {m.facility_id for m in shipped.extract(make_article(text))}
    assert not got & {"hanwha-ocean-okpo", "tkms-kiel", "austal-usa-mobile"}, got

@pytest.mark.parametrize(
    "text",
    [
        "A pier extension at Naval Base Camilo Osias will host patrol vessels.",  # not COMILO
        "The naval base at Camilo was expanded.",
    ],
)
def test_a_word_one_letter_off_an_acronym_is_not_it(make_article, text):
    # the shipped gazetteer: COMILO is an acronym alias of the Île Longue base
    ids = {m.facility_id for m in _shipped_extractor().extract(make_article(text))}
    assert "ile-longue-ssbn-base" not in ids
    # ... while the acronym as written still names it
    ids = {m.facility_id for m in _shipped_extractor().extract(make_article("Le COMILO a confirmé."))}
    assert "ile-longue-ssbn-base" in ids


def test_a_frequent_word_keyed_like_a_name_is_the_word(make_article):
    # the shipped gazetteer: "Des" keys like Dyess (the town of Dyess AFB), and a base word
    # is in the sentence before; French "Des" (some) is still the word
    text = (
        "Les Rafale rejoindront la base aérienne de Mont-de-Marsan. "
        "Des essais de tir sont programmés au premier semestre."
    )
    ids = {m.facility_id for m in _shipped_extractor().extract(make_article(text))}
    assert "dyess-afb" not in ids
    # ... while the name as written still links with its cue
    ids = {m.facility_id for m in _shipped_extractor().extract(make_article("B-1Bs left Dyess AFB."))}
    assert "dyess-afb" in ids


@pytest.mark.parametrize(
    "text",
    [
        "Les A400M sont concentrés sur la base d'Orléans-Bricy.",
        "The A400M fleet flies from Orléans-Bricy.",
    ],
)
def test_the_core_of_a_name_is_read_without_its_bracketed_code(make_article, text):
    # the shipped gazetteer names it "Orleans-Bricy Air Base (BA 123)"
    ids = {m.facility_id for m in _shipped_extractor().extract(make_article(text))}
    assert "orleans-bricy-air-base-ba-123-lfoj" in ids


def test_a_venue_takes_a_facility_towns_namesake_only_in_the_articles_countries(make_article):
    # the shipped gazetteer: Cartagena is the town of Spain's naval base; an article on
    # Colombia's navy means the Colombian city
    from facmap.places import place_by_id

    text = (
        "La Base Naval ARC Bolívar recibirá las nuevas fragatas colombianas. "
        "La ceremonia de la corporación estatal se celebró en Cartagena."
    )
    places = [
        m for m in _shipped_extractor().extract(make_article(text)) if m.facility_id.startswith("place:")
    ]
    assert places and place_by_id(int(places[0].facility_id[6:])).country == "CO"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Корабли флота вернулись в базу. Истребители перебазировались с аэродрома "
            "Каменный Ручей под Советской Гаванью.",
            "ru",
        ),
        (
            "Warships of the fleet returned. MiG-31s left Kamenny Ruchey near Sovetskaya Gavan.",
            "en",
        ),
    ],
)
def test_a_town_that_says_where_a_named_facility_is_is_not_a_second_one(make_article, text, lang):
    # the shipped gazetteer: Sovetskaya Gavan is the town of a naval base; the sentence before
    # speaks of warships, but here the town only locates the airfield just named
    ids = {m.facility_id for m in mentions_shipped(text, lang)}
    assert "kamenny-ruchey-naval-air-base-uhkg" in ids
    assert "zavety-ilyicha-naval-base" not in ids


def test_a_cue_after_a_named_facility_is_its_own(make_article):
    # "Kamenny Ruchey airfield near Sovetskaya Gavan": no second, unlisted airfield at the town
    ms = _shipped_extractor().extract(
        make_article("MiG-31s moved from Kamenny Ruchey airfield near Sovetskaya Gavan.")
    )
    ids = {m.facility_id for m in ms}
    assert "kamenny-ruchey-naval-air-base-uhkg" in ids
    assert not [i for i in ids if i.startswith("unlisted:")]


@pytest.mark.parametrize(
    "text",
    [
        # past participles of production in every supported language, and their inflections
        "Les navires sont fabriqués à Monfalcone depuis 2019.",
        "Les paquebots produits à Monfalcone partent vers l'export.",
        "Die Rümpfe werden in Monfalcone endmontiert.",
        "Der in Monfalcone produzierte Rumpf ist fertig.",
        "The cruise ships are made at Monfalcone.",
        "The frigate entered dry dock at Monfalcone.",
        "Los buques fueron construidos en Monfalcone.",
        "Os navios foram fabricados em Monfalcone.",
        "Le navi sono assemblate a Monfalcone.",
        "Kapal itu dibangun di Monfalcone.",
        "Суда собраны в Монфальконе.",
        "Корпуса изготавливаются в Монфальконе.",
    ],
)
def test_production_participles_in_every_language_are_plant_context(ex, make_article, text):
    assert "monfalcone-shipyard" in fids(ex, make_article, text)


def test_production_words_are_listed_for_every_supported_language():
    # the lexicon lists production words one list a language; each of the eight has some
    import tomllib

    from facmap.gazetteer import DATA_DIR

    raw = tomllib.loads((DATA_DIR / "lexicon.toml").read_text("utf-8"))
    table = raw["context_cues"]["defense_industry"]
    assert {"en", "id", "ru", "fr", "es", "de", "pt", "it"} <= set(table), sorted(table)
    assert all(len(words) >= 10 for words in table.values()), {k: len(v) for k, v in table.items()}


def test_a_name_beside_a_cue_of_another_type_is_not_linked_by_context(ex, make_article):
    # "radar Voronezh yang dibangun": the radar's model, not the town's plant, however near
    # a word of production stands
    text = "Rusia mengoperasikan radar Monfalcone yang dibangun sejak 2006."
    assert "monfalcone-shipyard" not in fids(ex, make_article, text)


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Bombers struck targets 120 km north of Engels.", "en", "engels-2-air-base"),
        ("The frigates exercised in the area of Severomorsk.", "en", "severomorsk-naval-base"),
        ("Фрегаты провели учения в районе Североморска.", "ru", "severomorsk-naval-base"),
        ("Бомбардировщики поразили цели в 120 км от Энгельса.", "ru", "engels-2-air-base"),
        ("Kapal perang berlatih di sekitar Surabaya.", "id", "lantamal-5-surabaya"),
        ("Les frégates ont manœuvré au large de Brest.", "fr", "brest-naval-base"),
        ("Las fragatas navegaron al norte de Cartagena.", "es", "cartagena-naval-base"),
    ],
)
def test_a_town_named_as_a_reference_point_is_not_its_facility(text, lang, fid):
    # the shipped gazetteer: each town is its facility's; here it only says where else
    assert fid in _shipped_extractor().gaz.entries
    assert fid not in {m.facility_id for m in mentions_shipped(text, lang)}


def test_a_reference_point_keeps_a_facility_named_with_its_own_cue(make_article):
    text = "Drones hit a depot 30 km north of Engels air base."
    ids = {m.facility_id for m in _shipped_extractor().extract(make_article(text))}
    assert "engels-2-air-base" in ids


@pytest.mark.parametrize(
    ("text", "lang", "venue"),
    [
        ("Ein Sprecher des Verteidigungsministeriums in Wien betonte es.", "de", False),
        ("A spokesman of the Ministry of Defence in London said so.", "en", False),
        ("Министерство обороны в Москве сообщило об этом.", "ru", False),
        ("Ministers met in London on Tuesday.", "en", True),
        ("Министры встретились в Москве.", "ru", True),
    ],
)
def test_a_ministrys_seat_is_no_venue(text, lang, venue):
    assert bool(places_in(text, lang)) is venue


def test_a_town_named_again_stands_for_its_facility_named_before():
    # the shipped gazetteer: Kazan is the town of the helicopter plant (placed at the city's
    # point); an article that named the Gorbunov aircraft plant means that one by "в Казани"
    text = (
        "Казанский авиазавод имени Горбунова продолжает модернизацию Ту-160М: "
        "в текущем году в Казани из цехов вышли две машины."
    )
    ids = [m.facility_id for m in mentions_shipped(text, "ru")]
    assert "kazan-helicopter-plant" not in ids
    assert ids.count("kazan-aviation-plant") == 2
    # ... and a town of another facility of the type nearby is still that one
    text = "Подлодка ошвартовалась в Гаджиево, а корабль встал к причалу в Полярном."
    ids = {m.facility_id for m in mentions_shipped(text, "ru")}
    assert {"gadzhiyevo-submarine-base", "polyarny-naval-base"} <= ids


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # an arms maker, a place preposition of the language, the town of its site: the site,
        # with no word of production in the sentence
        ("Le ministre a visité Fincantieri à Monfalcone mardi.", "fr"),
        ("Il ministro della Difesa ha visitato Fincantieri a Monfalcone per la cerimonia.", "it"),
        ("La firma del contrato con Fincantieri en Monfalcone tuvo lugar ayer.", "es"),
        ("Der Minister besuchte Fincantieri in Monfalcone am Dienstag.", "de"),
        ("The minister visited Fincantieri in Monfalcone on Tuesday.", "en"),
    ],
)
def test_a_company_at_the_town_of_its_site_is_that_site(ex, text, lang):
    art = article_from_text(text, article_id="t", outlet="T", date="2025-01-01", language=lang)
    ms = [m for m in ex.extract(art) if m.facility_id == "monfalcone-shipyard"]
    assert ms and "the town of its site" in ms[0].extra["linked_by"], ex.extract(art)


@pytest.mark.parametrize(
    "text",
    [
        "Fincantieri a annoncé à Paris un nouveau contrat.",
        "La firma del contrato con Fincantieri en Madrid tuvo lugar ayer.",
    ],
)
def test_a_company_at_another_town_is_no_site(ex, make_article, text):
    assert "monfalcone-shipyard" not in fids(ex, make_article, text)


def test_a_company_at_a_town_of_two_facilities_is_its_own_site(ex, make_article):
    # a naval word stands nearer the town than any word of production; the maker named at
    # the town still says which of the town's two facilities is meant
    text = "Le ministre a inauguré chez Naval Group à Varnak le nouveau sous-marin."
    got = fids(ex, make_article, text)
    assert "varnak-yard" in got and "varnak-naval-base" not in got, got


def test_a_word_inside_a_company_name_is_no_context(ex, make_article):
    # "Naval" of "Naval Group" is no naval word: the firm's office is no naval base
    text = "Naval Group ouvre un bureau commercial à Severomorsk."
    assert "severomorsk-naval-base" not in fids(ex, make_article, text)


@pytest.mark.parametrize(
    ("text", "lang", "venue"),
    [
        ("Tiga Rafale mendarat setelah transit di Abu Dhabi.", "id", False),
        ("The jets landed after a stopover in Abu Dhabi.", "en", False),
        ("Самолеты прилетели с промежуточной посадкой в Каире.", "ru", False),
        ("Los aviones llegaron con escala en Dakar.", "es", False),
        ("The minister spoke in Abu Dhabi.", "en", True),
    ],
)
def test_a_stop_on_the_way_is_no_venue(text, lang, venue):
    assert bool(places_in(text, lang)) is venue


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the shipped gazetteer (issue 9, knowledge round 5): Swiss and Austrian air bases by
        # their German, French and Italian names, Indonesian radar units and sector commands,
        # and air bases named by their city
        ("Die F/A-18 verlegen vom Militärflugplatz Meiringen.", "de", "meiringen-air-base-lsmm"),
        ("Deux F/A-18 ont décollé de la base aérienne de Payerne.", "fr", "payerne-air-base-lsmp"),
        ("Gli allievi piloti volano dalla Base aerea di Locarno.", "it", "locarno-air-base-lszl"),
        ("Die Hercules landeten am Fliegerhorst Vogler.", "de", "vogler-air-base-linz-horsching-lowl"),
        ("Die Black Hawk stehen im Fliegerhorst Langenlebarn.", "de", "brumowski-air-base-loxt"),
        ("Radar Satrad 214 Tegal menangkap pesawat tanpa izin.", "id", "satrad-214-tegal"),
        ("Satuan Radar 233 Sabang memantau jalur udara di Selat Malaka.", "id", "satrad-233-sabang"),
        ("Perintah datang dari Kosekhanudnas III Medan.", "id", "kosekhanudnas-3-medan"),
        ("Dua F-16 disiagakan di pangkalan udara di Pekanbaru.", "id", "lanud-roesmin-nurjadin"),
        ("The Hornets were flown to Lapland Air Wing at Rovaniemi.", "en", "lapland-air-wing"),
    ],
)
def test_round5_names_link_to_their_facilities(text, lang, expected):
    ids = {m.facility_id for m in mentions_shipped(text, lang)}
    assert expected in ids


def test_a_city_named_without_a_cue_stays_a_place():
    # Pekanbaru is a town alias of Lanud Roesmin Nurjadin: with no facility word it is the city
    art = article_from_text(
        "Wali kota Pekanbaru meresmikan pasar baru di Pekanbaru.",
        article_id="t",
        outlet="T",
        date="2025-01-01",
        language="id",
    )
    ids = {m.facility_id for m in _shipped_extractor().extract(art)}
    assert "lanud-roesmin-nurjadin" not in ids


def test_a_facility_town_in_a_weather_note_is_no_place():
    # Pekanbaru is a town alias of Lanud Roesmin Nurjadin; "Kota Pekanbaru" in a weather note is
    # neither the air base nor a place to map, as for any other town
    art = article_from_text(
        "Hujan deras yang mengguyur Kota Pekanbaru sejak pagi membuat jadwal mundur.",
        article_id="t",
        outlet="T",
        date="2025-01-01",
        language="id",
    )
    assert not [m for m in _shipped_extractor().extract(art) if m.surface == "Pekanbaru"]


@pytest.mark.parametrize(
    ("text", "lang", "geonameid"),
    [
        ("Pesawat itu mendarat di Kota Pekanbaru pada Senin.", "id", 1631761),
        ("The summit was held in Kota, Rajasthan.", "en", 1266049),  # the Indian city itself
    ],
)
def test_a_town_cue_after_a_venue_preposition_is_no_town(text, lang, geonameid):
    # "di Kota Pekanbaru": Pekanbaru, not the Indian city called Kota as well
    assert set(places_in(text, lang)) == {f"place:{geonameid}"}


@pytest.mark.parametrize(
    ("text", "lang", "city"),
    [
        ("Drills end\n\nRAWALPINDI: The air force inducted a squadron.", "en", "Rawalpindi"),
        ("Latihan\n\nJayapura (Kompas) - TNI menambah kekuatan.", "id", "Jayapura"),
        ("Astilleros\n\nSantiago, 12 may (EFE).- Los astilleros compiten.", "es", "Santiago"),
        ("Drills end\n\nNOTE: The air force inducted a squadron.", "en", None),
        # the city's own name, not Delhi, which GeoNames also calls "New Delhi"
        ("Orders split\n\nNEW DELHI: The navy split an order.", "en", "New Delhi"),
    ],
)
def test_datelines_with_a_colon_an_outlet_or_a_dated_agency(text, lang, city):
    from facmap.places import place_by_id

    got = [place_by_id(int(p[6:])).name for p in places_in(text, lang)]
    assert got == ([city] if city else [])


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # the shipped gazetteer (issue 9, knowledge round 6): naval shipyards and arsenals of
        # mid-size navies, by their names, their company with its town, and their town with a
        # shipbuilding word (sentences written for this test)
        (
            "El rompehielos fue construido en el astillero de ASMAR en Talcahuano.",
            "es",
            "asmar-talcahuano",
        ),
        ("La fragata ingresó al dique de ASMAR en Valparaíso.", "es", "asmar-valparaiso"),
        ("Las lanchas se construyen en el astillero del SIMA en Chimbote.", "es", "sima-chimbote"),
        ("El buque polar se construye en Tandanor.", "es", "tandanor-buenos-aires"),
        ("O submarino está em reparação no Arsenal do Alfeite.", "pt", "arsenal-do-alfeite"),
        ("Os C-130 da Força Aérea são modernizados pela OGMA, em Alverca.", "pt", "ogma-alverca"),
        (
            "Kapal LCS itu dibangun di galangan LUNAS di Lumut, Perak.",
            "id",
            "lunas-lumut-naval-shipyard",
        ),
        ("Le navire a été mis à l'eau aux chantiers navals d'Éleusis.", "fr", "elefsis-shipyards"),
        (
            "Die Fregatte wird bei PGZ Stocznia Wojenna in Gdynia gebaut.",
            "de",
            "pgz-stocznia-wojenna-gdynia",
        ),
        ("La fragata fue botada en Talcahuano.", "es", "asmar-talcahuano"),
    ],
)
def test_round6_yard_names_link_to_their_yards(text, lang, expected):
    ids = {m.facility_id for m in mentions_shipped(text, lang)}
    assert expected in ids


@pytest.mark.parametrize(
    ("text", "lang", "absent"),
    [
        # a base word beside a town with a yard names the base; a company acting is no site
        ("La fragata tiene su base en Talcahuano.", "es", "asmar-talcahuano"),
        ("A OGMA anunciou lucros recorde.", "pt", "ogma-alverca"),
    ],
)
def test_round6_base_words_and_companies_acting_name_no_yard(text, lang, absent):
    assert absent not in {m.facility_id for m in mentions_shipped(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "expected", "wrong"),
    [
        # a maker's possessive before the town names its site, not the air base of that city
        (
            "Raytheon's Tucson facility will supply the seekers.",
            "en",
            "raytheon-tucson",
            "davis-monthan-air-force-base-kdma",
        ),
        # a maker acting "at" the town of its yard: the yard, not the naval base there
        (
            "PT PAL delivered the frigate at Surabaya on Monday.",
            "en",
            "pt-pal-surabaya",
            "lantamal-5-surabaya",
        ),
    ],
)
def test_company_possessive_and_acting_name_its_site(text, lang, expected, wrong):
    ids = {m.facility_id for m in mentions_shipped(text, lang)}
    assert expected in ids
    assert wrong not in ids


@pytest.mark.parametrize(
    ("text", "lang", "absent"),
    [
        # where a maker speaks is a venue, not its plant
        (
            "Lockheed Martin said in Fort Worth that deliveries would resume.",
            "en",
            "lockheed-martin-fort-worth-plant-4",
        ),
        # a base word beside the town keeps the base
        (
            "PT PAL handed the ship to the navy at the naval base in Surabaya.",
            "en",
            "pt-pal-surabaya",
        ),
    ],
)
def test_company_speaking_or_base_word_names_no_site(text, lang, absent):
    assert absent not in {m.facility_id for m in mentions_shipped(text, lang)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("F-22 jets of Joint Base Elmendorf-Richardson flew north.", "elmendorf-air-force-base-paed"),
        (
            "Tankers from Joint Base McGuire-Dix-Lakehurst refuelled them.",
            "mcguire-field-joint-base-mcguire-dix-lakehurst-kwri",
        ),
    ],
)
def test_compound_joint_base_names_its_known_part(text, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text)}


def test_hyphenated_town_with_particle_stays_one_name_before_a_cue():
    surfaces = {m.surface for m in mentions_shipped("Su-30 jets at Komsomolsk-on-Amur air base.")}
    assert "Komsomolsk-on-Amur air base" in surfaces
    assert "Amur air base" not in surfaces


def test_town_right_after_a_named_yard_locates_it():
    ids = {m.facility_id for m in mentions_shipped(
        "The carrier sailed from the Jiangnan shipyard in Shanghai for sea trials."
    )}
    assert "jiangnan-shipyard" in ids
    assert "hudong-zhonghua-shanghai" not in ids


def test_a_town_locating_a_named_base_is_not_a_makers_site_named_earlier():
    """'la planta de Airbus en Getafe ... la Base Aérea de Los Llanos, en Albacete': Albacete
    says where the air base is; it is not Airbus's Albacete site because Airbus is named."""
    ids = {m.facility_id for m in mentions_shipped(
        "La planta de Airbus en Getafe monta los Eurofighter, que se destinarán a la Base Aérea "
        "de Zaragoza y a la Base Aérea de Los Llanos, en Albacete.", "es"
    )}
    assert "los-llanos-air-base-leab" in ids
    assert "airbus-helicopters-albacete" not in ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JF-17s from Peshawar took part in the drill.", "paf-base-peshawar"),
        ("A-10s from Osan deployed south.", "osan-air-base"),
    ],
)
def test_aircraft_designations_are_air_words(text, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text)}


def test_maker_acting_at_its_yard_town_ignores_a_named_base_of_the_next_clause():
    ids = {m.facility_id for m in mentions_shipped(
        "Navantia entregará la fragata F-111 en Ferrol, mientras la base naval de Rota "
        "recibirá dos destructores.",
        "es",
    )}
    assert {"navantia-ferrol", "naval-station-rota"} <= ids


def test_town_again_prefers_the_named_facility_whose_name_has_it():
    ms = mentions_shipped(
        "The frigate, built in Lorient, is due in Salamis Naval Base in the spring, while the "
        "next hull will be fitted out at Skaramangas Shipyards. Skaramangas is also bidding to "
        "upgrade two frigates."
    )
    again = [m for m in ms if m.surface == "Skaramangas"]
    assert again and again[0].facility_id == "skaramangas-shipyards"


# -- knowledge round 7 (kb7): new entries named in sentences of our own ----------------------
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The defence secretary briefed reporters at Camp Aguinaldo.", "en", "camp-aguinaldo"),
        ("A fragata regressou à Base Naval de Lisboa na sexta-feira.", "pt", "lisbon-naval-base-alfeite"),
        ("Lo stabilimento Leonardo di Pomigliano d'Arco consegnerà le fusoliere.", "it",
         "leonardo-pomigliano"),
        ("Los blindados salen de la Fábrica de Armas de Trubia.", "es", "santa-barbara-trubia"),
        ("The corvette was launched at the Z189 shipyard.", "en", "z189-shipyard-haiphong"),
        ("Für die Ausbildung dient der Waffenplatz Thun.", "de", "waffenplatz-thun"),
        ("Die Hubschrauber stehen am Fliegerhorst Aigen im Ennstal.", "de",
         "fiala-fernbrugg-air-base"),
        ("Бомбардировщики вернулись на аэродром Монгохто.", "ru",
         "kamenny-ruchey-naval-air-base-uhkg"),
    ],
)
def test_kb7_entries_link(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_kb7_airfields_are_not_their_radar_or_missile_base():
    ids = {m.facility_id for m in mentions_shipped(
        "Самолёт сел на авиабазе Эриксон, а затем перелетел на аэродром Домбаровский.", "ru"
    )}
    assert {"eareckson-air-station-pasy", "dombarovsky-air-base-uwof"} <= ids
    assert "cobra-dane-shemya" not in ids
    assert "dombarovsky-missile-base" not in ids


@pytest.mark.parametrize(
    ("text", "lang", "absent"),
    [
        # a company acting names none of its plants
        ("Santa Bárbara Sistemas dijo que entregará los blindados.", "es", "santa-barbara-trubia"),
        ("El radar fue desarrollado por Indra.", "es", "indra-san-fernando-de-henares"),
        # a town with a plant, named as a venue, is the town
        ("The summit was held in Thun, Switzerland.", "en", "waffenplatz-thun"),
    ],
)
def test_kb7_company_or_venue_names_no_site(text, lang, absent):
    assert absent not in {m.facility_id for m in mentions_shipped(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Cyber Command staff at Fort Meade ran the operation.", "en", "fort-meade"),
        ("Apache crews left Katterbach Kaserne for Poland.", "en", "usag-ansbach-katterbach"),
        ("Recruits graduated at MCRD Parris Island.", "en", "mcrd-parris-island"),
        ("Marines from Camp Foster joined the drill.", "en", "camp-foster-okinawa"),
        ("Подразделение из Форт-Кавасос прибыло в Польшу.", "ru", "fort-hood"),
    ],
)
def test_kb7_us_posts_link(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # knowledge round 8 (kb8.toml, military_airfields.tsv): Russian fields the press names
        ("Su-35S fighters returned to Tsentralnaya Uglovaya on Monday.", "en", "tsentralnaya-uglovaya-air-base"),
        ("Истребители перелетели на аэродром Домна под Читой.", "ru", "domna-air-base"),
        ("MiG-31 interceptors deployed to Anadyr air base in Chukotka.", "en", "anadyr-ugolny-air-base-uhma"),
        ("Перехватчики МиГ-31 сели на аэродроме Большое Савино.", "ru", "bolshoye-savino-air-base-uspp"),
    ],
)
def test_round8_russian_fields_link(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_anadyr_is_not_a_fuzzy_andir():
    # before round 8 'Anadyr air base' fell to Bandung's Husein Sastranegara (once 'Andir')
    ids = {m.facility_id for m in mentions_shipped("Tu-95 bombers landed at Anadyr air base.")}
    assert "lanud-husein-sastranegara" not in ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # knowledge round 8: PLAAF fields the Indian and Taiwanese press name
        ("Satellite images show J-20s parked at Hotan airbase.", "hotan-air-base-zwtn"),
        ("New shelters were built at the Ngari Gunsa airfield.", "ngari-gunsa-air-base-zual"),
        ("H-6 bombers sat at Kashgar airbase.", "kashgar-air-base-zwsh"),
        ("The PLA expanded Longtian Airbase, 170 km from Taiwan.", "longtian-air-base"),
        ("J-10s were seen at Shuimen air base in Fujian.", "shuimen-air-base"),
    ],
)
def test_round8_plaaf_fields_link(text, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text)}


def test_round8_town_of_a_field_without_a_cue_stays_a_town():
    ids = {m.facility_id for m in mentions_shipped("Tourists flew from Kashgar to Urumqi on Monday.")}
    assert "kashgar-air-base-zwsh" not in ids


def test_from_the_town_of_a_makers_site_names_the_site():
    ids = {m.facility_id for m in mentions_shipped(
        "Dari Surabaya, PT PAL Indonesia melaporkan progres pembangunan kapal fregat.", "id"
    )}
    assert "pt-pal-surabaya" in ids and "lantamal-5-surabaya" not in ids


def test_small_town_abroad_is_no_venue_in_an_article_about_another_country():
    from facmap.places import place_by_id

    found = places_in(
        "Pesawat CN235 dari Lanud Pattimura mendarat di Ambon. Latihan digelar di Seram.", "id"
    )
    assert all(place_by_id(int(p.split(":")[1])).country == "ID" for p in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister spoke at the Defense Ministry in Ichigaya.", "mod-japan-ichigaya"),
        ("Troops paraded at Camp Asaka on Sunday.", "camp-asaka"),
    ],
)
def test_kb7_japan_hq_link(text, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text)}


def test_a_one_word_cue_is_not_read_across_two_words():
    # the Spanish air cue "ala" is not the French "à la"
    from facmap.gazetteer import load_lexicon

    lex = load_lexicon()
    words = ["a", "la"]
    assert not lex.phrases_at(words, 0, lex.context_cues, lex.context_words)
    assert lex.phrases_at(["ala"], 0, lex.context_cues, lex.context_words)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Les températures devraient dépasser 45 °C à Koweït City cette semaine.", "fr"),
        ("El Mando de Canarias, con sede en Santa Cruz de Tenerife, coordinará el dispositivo.", "es"),
    ],
)
def test_weather_and_seat_towns_are_no_venues(text, lang):
    assert places_in(text, lang) == []


def test_a_pier_word_keeps_the_sentence_before_from_naming_an_air_base():
    ids = {m.facility_id for m in mentions_shipped(
        "Des chasseurs ont été vus sur la base aérienne de Bouchehr. "
        "La marine a annoncé un nouveau quai à Konarak, sur la mer d'Oman.",
        "fr",
    )}
    assert "konarak-air-base" not in ids


def test_a_street_is_no_venue():
    # GeoNames lists "Jalan" (Indonesian for street) as a name of Garland, Texas
    assert places_in("PT Len Industri di Jalan Soekarno-Hatta menggarap sistem radar.", "id") == []


def test_an_event_keeps_a_facility_town_as_venue():
    ms = mentions_shipped(
        "A Marinha vai transferir dois navios para a Base Naval de Natal, anunciou o comandante "
        "durante cerimônia realizada em Natal.",
        "pt",
    )
    venues = [m for m in ms if m.facility_id.startswith("place:")]
    assert venues and venues[0].extra["event"] in {"cerimônia", "realizada"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A Defesa Civil alertou para chuvas fortes em Mossoró nos próximos dias.", "pt"),
        ("I velivoli F-35B della Marina, basati a Grottaglie, voleranno in autunno.", "it"),
    ],
)
def test_rain_and_basing_words_make_no_venue(text, lang):
    assert places_in(text, lang) == []



@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Two CF-18s took off from 3 Wing Bagotville at dawn.", "en", "canadian-forces-base-bagotville-cybg"),
        ("An Aurora crew from 14 Wing Greenwood tracked the submarine.", "en", "canadian-forces-base-greenwood-cyzx"),
        ("The 111th Combat Wing flew its F-16s over Thessaly.", "en", "nea-anchialos-air-base-111th-combat-wing-lgbl"),
        ("Les Rafale égyptiens se sont posés à Cairo West mardi.", "fr", "cairo-west-air-base"),
        ("La base aérienne de Bou Sfer a reçu de nouveaux hélicoptères.", "fr", "bou-sfer-air-base"),
        ("Pesawat tempur mendarat di pangkalan udara TUDM Kuantan.", "id", "rmaf-kuantan"),
        ("Dos cazas F-5 aterrizaron en la Base Aérea de Quintero.", "es", "quintero-air-base-base-aerea-de-quintero-scer"),
        ("Los alumnos de la Academia General del Aire volaron el PC-21.", "es", "san-javier-air-base-academia-general-del-aire-lelc"),
        ("Комсомольский-на-Амуре авиационный завод сдал два самолёта.", "ru", "knaaz-komsomolsk-aircraft-plant"),
        ("Gli AV-8B sono decollati dalla base aerea di Grottaglie.", "it", "maristaer-grottaglie"),
        ("Lo stabilimento Leonardo di Grottaglie produce fusoliere.", "it", "leonardo-grottaglie"),
    ],
)
def test_kb9_names_link(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_kb9_nsa_souda_bay_is_the_us_navy_activity_not_the_greek_wing():
    ids = {m.facility_id for m in mentions_shipped(
        "A US destroyer was resupplied by Naval Support Activity Souda Bay on Crete."
    )}
    assert "nsa-souda-bay" in ids and "souda-air-base" not in ids


def test_kb9_a_town_without_a_cue_stays_a_town():
    ids = {m.facility_id for m in mentions_shipped("Tourists in Aalborg enjoyed the summer festival.", "en")}
    assert "aalborg-air-base" not in ids


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a dateline's city is read before any facility: it is where the report was filed
        ("Kupang (ANTARA) - Empat pesawat tempur mendarat di Lanud El Tari, Kupang, Senin.", "id", "place:2057087"),
        # five words with particles, after an event word
        ("El jefe habló en una comparecencia en Las Palmas de Gran Canaria.", "es", "place:2515270"),
        # a meeting in a facility's town is a venue
        ("Hal itu dipaparkan dalam rapat koordinasi di Ambon. Lantamal IX Ambon siaga.", "id", "place:1651531"),
    ],
)
def test_datelines_and_event_venues_are_places(text, lang, expected):
    assert expected in places_in(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Singapura (ANTARA) - TNI mengirim delegasi pengamat ke latihan udara.", "id", "place:1880252"),
        (
            "The minister announced in Darwin on Monday that RAAF Base Darwin gets a hangar.",
            "en",
            "place:2073124",
        ),
    ],
)
def test_city_state_datelines_and_where_someone_spoke_are_places(text, lang, expected):
    assert expected in places_in(text, lang)


def test_an_official_in_a_capital_is_the_government_not_a_venue():
    assert places_in("A senior official in Tokyo said the two tracks were complementary.") == []



@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("A carrier entered dry dock at Puget Sound Naval Shipyard this week.", "en", "puget-sound-naval-shipyard"),
        ("Boeing's Everett plant rolled out another tanker airframe.", "en", "boeing-everett-factory"),
        ("El Mando de Canarias dirigirá el ejercicio anual.", "es", "mando-de-canarias-hq"),
        ("Kapal patroli baru diluncurkan di galangan PT Palindo Marine.", "id", "palindo-marine-batam"),
        ("La marine albanaise modernise la base navale de Pashaliman.", "fr", "pashaliman-naval-base"),
        ("Die Panzer kehrten in die Dragonerkaserne in Holstebro zurück.", "de", "dragonkasernen-holstebro"),
    ],
)
def test_kb9_yards_and_headquarters_link(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_kb9_the_shipyard_name_no_longer_names_the_naval_station():
    ids = {m.facility_id for m in mentions_shipped("Workers at Puget Sound Naval Shipyard went on strike.")}
    assert "naval-base-kitsap-bremerton" not in ids


def test_a_bare_radar_at_a_town_is_equipment_not_a_station():
    ids = [m.facility_id for m in mentions_shipped("Marinha e FAB reforçam o Nordeste com radar em Natal", "pt")]
    assert not any(i.startswith("unlisted:radar_station") for i in ids)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a slash inside a unit's name joins its words
        ("Panglima Kodam IX/Udayana meninjau latihan.", "id", "kodam-udayana-hq-denpasar"),
        # a designation's variant letter is still the aircraft
        ("In Aalborg the C-130J transports get a new hangar.", "en", "aalborg-air-base"),
        ("Les F-35A sont arrivés à Florennes.", "fr", "florennes-air-base"),
    ],
)
def test_slashed_unit_names_and_variant_designations(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_missile_defence_words_name_the_interceptor_site():
    ids = {m.facility_id for m in mentions_shipped("The missile defence site at Deveselu will be upgraded.")}
    assert "nsf-deveselu-aegis-ashore" in ids


def test_a_ship_name_after_a_hull_number_is_no_facility():
    # the submarine S-81 is named Isaac Peral, as is Cartagena's submarine base
    ms = mentions_shipped("El submarino S-81 Isaac Peral atracó en Cartagena.", "es")
    assert all(m.surface != "Isaac Peral" for m in ms)


def test_a_makers_name_between_a_yard_word_and_its_town():
    ids = [m.facility_id for m in mentions_shipped(
        "Galangan PT Karimun Anugrah Sejati di Tanjung Balai Karimun merampungkan kapal patroli.", "id"
    )]
    assert any(i.startswith(("unlisted:defense_industry:", "unplaced:defense_industry:")) for i in ids)


def test_a_russian_cue_in_any_case_is_the_cue():
    # the stemmer reads "аэродром" as "аэродр" but "аэродроме" as "аэродром"
    ids = {m.facility_id for m in mentions_shipped("На аэродроме в Энгельсе построены укрытия.", "ru")}
    assert "engels-2-air-base" in ids


def test_a_facility_words_plural_is_no_misspelt_name():
    ms = mentions_shipped("Schweden baut seine Luftwaffenstützpunkte aus.", "de")
    assert all(m.surface != "Luftwaffenstützpunkte" for m in ms)


@pytest.mark.parametrize(
    "text",
    [
        "В Тбилиси и Баку заявления российского генерала не прокомментировали.",
        "В Сухуме это назвали гарантией безопасности.",
        "Активность НАТО в Литве растет.",
    ],
)
def test_russian_governments_and_countries_are_no_venues(text):
    assert places_in(text, "ru") == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # knowledge round 10: names of eval_dev6's gaps, in sentences written here
        ("Gunships returned to Hurlburt Field after the storm passed.", "en", "hurlburt-field"),
        ("A test pilot flew the new trainer from MoD Boscombe Down on Monday.", "en", "mod-boscombe-down"),
        ("Two P-3C aircraft at PNS Mehran were repainted.", "en", "pns-mehran"),
        ("The Western Naval Command headquarters issued a statement.", "en", "western-naval-command-hq-mumbai"),
        ("Pasukan dari Kodam XVIII/Kasuari dikirim ke Sorong.", "id", "kodam-kasuari-hq-manokwari"),
        ("Patrol boats were refitted at Naval Station Ernesto Ogbinar.", "en", "naval-station-ernesto-ogbinar"),
    ],
)
def test_round_10_names_link_to_their_facility(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_the_navys_headquarters_is_not_its_dockyard():
    ids = {m.facility_id for m in mentions_shipped("Officers met at the Western Naval Command headquarters.")}
    assert "mumbai-naval-dockyard" not in ids


def test_babcocks_yard_is_not_the_naval_base():
    ids = {m.facility_id for m in mentions_shipped("Babcock Devonport dockyard laid off 200 fitters.")}
    assert "devonport-royal-dockyard" in ids and "hmnb-devonport" not in ids


@pytest.mark.parametrize(
    ("text", "lang", "venue"),
    [
        # a town in passing is no venue; where a meeting, a statement or a ceremony took place is
        ("Kapal itu akan menjalani perawatan di Surabaya tahun depan.", "id", False),
        ("Menteri Pertahanan bertemu mitranya di Surabaya, Senin.", "id", True),
        ("Il ministro ne ha parlato a Roma durante un convegno.", "it", True),
    ],
)
def test_a_venue_is_where_something_took_place(text, lang, venue):
    assert bool(places_in(text, lang)) is venue


def test_a_rank_is_no_facility_name():
    ids = {m.facility_id for m in mentions_shipped("Air Marshal Singh flew the Su-30MKI with the squadron.")}
    assert "marshall-army-airfield-kfri" not in ids


def test_a_common_noun_of_the_countrys_language_is_no_core_name():
    # "Escuela de Submarinos" (Cartagena): "Escuela" alone is any school
    ms = mentions_shipped("La Escuela recibió a los alumnos del curso de submarino.", "es")
    assert all(m.surface != "Escuela" for m in ms)


def test_a_commands_seat_names_no_other_facility_of_the_town():
    ids = {m.facility_id for m in mentions_shipped(
        "Koarmada III yang bermarkas di Sorong sedang membangun dermaga sepanjang 300 meter.", "id"
    )}
    assert ids == {"koarmada-3-hq"}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("BILOXI, Miss. (AP) — Military bases began flying aircraft inland on Tuesday.", "en", "place:4418478"),
        ("DAYTON, Ohio — The push to rebuild stockpiles is landing on Midwestern plants.", "en", "place:4509884"),
        ("Ciudad de México, 18 mar (EFE).- La Secretaría de Marina construirá patrulleras.", "es", "place:3530597"),
        ("São Tomé, 10 jun 2026 (Lusa) - A Nigéria vai reforçar as suas bases navais.", "pt", "place:2410763"),
    ],
)
def test_more_dateline_forms(text, lang, expected):
    assert expected in places_in(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Defense Secretary Hegseth met Qatar's emir, Sheikh Tamim bin Hamad Al Thani, in Doha on Sunday.", "en", "place:290030"),
        ("Survivors gathered in Semey on Saturday to mark the anniversary.", "en", "place:1519422"),
    ],
)
def test_meeting_words_further_from_the_town_in_the_same_clause(text, lang, expected):
    assert expected in places_in(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # knowledge round 10, batch 2
        ("В штабе Балтийского флота провели совещание.", "ru", "baltic-fleet-hq-kaliningrad"),
        ("Завод «Дагдизель» получил новый заказ на торпеды.", "ru", "dagdizel-kaspiysk"),
        ("Los aviones llegaron a la Base Aérea Militar No. 18 en la madrugada.", "es", "bam-18-hermosillo"),
        ("A fragata atracou na base NNS Beecroft para manutenção.", "pt", "nns-beecroft-lagos"),
        ("Frigates from HMNZS Philomel sailed for the Tasman Sea.", "en", "devonport-naval-base-nz"),
    ],
)
def test_round_10_batch_2_names_link(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_the_argentine_aircraft_maker_acting_is_no_site():
    ids = {m.facility_id for m in mentions_shipped("Ingenieros de FAdeA viajaron a Brasil para una reunión.", "es")}
    assert "fadea-cordoba" not in ids


def test_a_navy_air_station_inside_an_air_force_base_keeps_both():
    # PNS Mehran lies inside PAF Base Faisal: a new entry must not hide the older one
    text = "Orion aircraft at PNS Mehran and F-7 jets at PAF Base Faisal were dispersed."
    ids = {m.facility_id for m in mentions_shipped(text)}
    assert {"pns-mehran", "faisal-air-base-opsf"} <= ids


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Des F-15 ont décollé de la base aérienne Roi Abdulaziz ce matin.", "fr"),
        ("Tornado jets returned to Dhahran Air Base after the exercise.", "en"),
    ],
)
def test_king_abdulaziz_air_base_by_its_other_names(text, lang):
    assert "king-abdulaziz-air-base-oedr" in {m.facility_id for m in mentions_shipped(text, lang)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a regiment is the army's; an air or helicopter regiment the air base's
        ("В Гусеве формируется новый мотострелковый полк.", "gusev-garrison"),
        ("Вертолетный полк из Джанкоя переведут на площадки.", "dzhankoi-airfield"),
    ],
)
def test_a_regiment_word_names_its_arm(text, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, "ru")}


def test_the_nearest_maker_of_the_clause_names_the_towns_site():
    ms = mentions_shipped(
        "Rheinmetall baut in Unterlüß ein neues Munitionswerk; KNDS fertigt in Kassel.", "de"
    )
    kassel = [m for m in ms if m.surface == "Kassel"]
    assert kassel and kassel[0].facility_id != "rheinmetall-kassel"


def test_a_capitalised_article_is_no_name_but_the_barracks_town_is():
    ms = mentions_shipped("Die Kaserne in Haderslev soll eine Flugabwehreinheit aufnehmen.", "de")
    assert all(m.surface != "Die Kaserne" for m in ms)
    assert any(m.facility_id.startswith("unlisted:army_base:") for m in ms)


def test_a_training_area_word_names_the_known_area():
    ids = {m.facility_id for m in mentions_shipped("Die Panzer stehen auf dem Übungsplatz Munster.", "de")}
    assert "munster-training-area" in ids


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Die Seenotretter starten künftig wieder vom Marinefliegerhorst Kiel-Holtenau.", "de",
         "kiel-holtenau-naval-air-station"),
        ("Der Fliegerhorst Nittner wurde nach fast hundert Jahren geschlossen.", "de",
         "fliegerhorst-nittner-graz"),
        ("Two rescue helicopters were moved to Sola air station for the winter.", "en",
         "sola-air-station"),
    ],
)
def test_kb11_dev7_facilities_are_known(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_kb11_sola_alone_is_no_air_station():
    ms = mentions_shipped("Ella llegó sola al puerto de Cartagena.", "es")
    assert all(m.facility_id != "sola-air-station" for m in ms)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("A patrol vessel will be based at the naval base in Papeete from next year.", "en",
         "papeete-naval-base"),
        ("Deux Falcon Gardian sont stationnés sur la base aérienne de Faa'a.", "fr",
         "tahiti-faaa-da-190"),
        ("Die Super Puma kehrten zum Helikopterstützpunkt Alpnach zurück.", "de",
         "alpnach-air-base-lsma"),
    ],
)
def test_kb11_overseas_and_swiss_names(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_kb11_papeete_alone_is_the_town():
    ms = mentions_shipped("Tourists landed in Papeete and took the ferry to Moorea.", "en")
    assert all(m.facility_id != "papeete-naval-base" for m in ms)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bei RUAG Emmen werden die F/A-18 der Luftwaffe überholt.", "ruag-emmen"),
        ("Die Pilatus-Werke in Stans liefern weitere PC-21 aus.", "pilatus-stans"),
    ],
)
def test_kb11_swiss_plants(text, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, "de")}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Die Fregatte liegt zur Instandsetzung bei German Naval Yards Kiel.", "de",
         "german-naval-yards-kiel"),
        ("Die Brigade zieht auf den Truppenübungsplatz Rūdninkai südlich von Vilnius.", "de",
         "rudninkai-training-area"),
        ("Die Kompanie übt auf dem Übungsplatz Gaižiūnai bei Rukla.", "de", "gaiziunai-training-area"),
        ("Die Satelliten entstehen bei Airbus Defence and Space in Immenstaad.", "de",
         "airbus-ds-immenstaad"),
        ("Pasukan cadangan disiagakan oleh Kodam XIV/Hasanuddin di Makassar.", "id",
         "kodam-hasanuddin-hq-makassar"),
        ("Kodam XIII/Merdeka mengirim satu kompi ke Pulau Miangas.", "id", "kodam-merdeka-hq-manado"),
        ("Самолёт-амфибия собран на ТАНТК имени Бериева.", "ru", "beriev-tantk-taganrog"),
        ("Крейсер ожидает ремонта на 35-м судоремонтном заводе.", "ru", "35-ship-repair-plant-murmansk"),
        ("Los guardiamarinas se forman en la Escuela Naval Militar de Marín.", "es",
         "escuela-naval-militar-marin"),
        ("Officers at the Norwegian Joint Headquarters near Bodø tracked the flights.", "en",
         "norwegian-joint-hq-reitan"),
        ("Das Lagezentrum entsteht beim Marinekommando in Rostock.", "de", "marinekommando-rostock"),
    ],
)
def test_kb12_new_facilities(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_kb12_navy_command_speaking_is_no_place():
    ms = mentions_shipped("Nach Angaben des Marinekommandos liefen die Boote am Montag aus.", "de")
    assert all(m.facility_id != "marinekommando-rostock" for m in ms)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Der Reaktor wird im Centro Experimental Aramar bei Iperó getestet.", "de", "aramar-ipero"),
        ("A frigate called at the naval base in Mayotte on Monday.", "en", "dzaoudzi-naval-base"),
        ("Kapal patroli bersandar di Pos TNI AL Namlea.", "id", "posal-namlea"),
        ("Sebanyak 450 prajurit Yonif 711/Raksatama berangkat dari Palu.", "id",
         "yonif-711-raksatama-palu"),
        ("Latihan dikendalikan dari Markas Koopsudnas di Jakarta.", "id", "koopsudnas-hq-halim"),
        ("Upacara digelar di Makoopsudnas, Halim Perdanakusuma.", "id", "koopsudnas-hq-halim"),
        ("US Marines trained at Naval Base Camilo Osias in Cagayan.", "en", "camilo-osias-naval-base"),
        ("Die Rafale werden auf dem Luftwaffenstützpunkt Gianaclis gewartet.", "de",
         "gianaclis-air-base"),
        ("Die Panzergetriebe entstehen im Renk-Werk Augsburg.", "de", "renk-augsburg"),
    ],
)
def test_kb12_second_batch(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_kb12_air_operations_command_speaking_is_no_place():
    ms = mentions_shipped("Panglima Komando Operasi Udara Nasional mengatakan patroli dilakukan setiap hari.", "id")
    assert all(m.facility_id != "koopsudnas-hq-halim" for m in ms)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Die neuen Drohnen werden bei der Wehrtechnischen Dienststelle 61 erprobt.", "de",
         "wtd-61-manching"),
        ("A Kenyan patrol boat returned to the naval base at Mtongwe on Friday.", "en",
         "mtongwe-naval-base"),
        ("Des ravitailleurs CC-330 seront basés à la 8e Escadre Trenton.", "fr",
         "canadian-forces-base-trenton-cytr"),
        ("Les CF-18 de la BFC Cold Lake ont décollé lundi.", "fr", "canadian-forces-base-cold-lake-cyod"),
        ("Un bataillon du Royal 22e Régiment a quitté la BFC Valcartier.", "fr", "cfb-valcartier"),
        ("Подводная лодка встала в док на судоремонтном заводе в Полярном.", "ru",
         "shipyard-10-shkval-polyarny"),
        ("The Anzac frigate entered the floating dock at the Australian Marine Complex.", "en",
         "australian-marine-complex-henderson"),
        ("Los comandos se entrenan en el Fuerte Militar de Tolemaida.", "es", "fuerte-militar-tolemaida"),
    ],
)
def test_kb15_first_batch(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_kb15_polyarny_submarines_stay_with_the_naval_base():
    ids = {m.facility_id for m in mentions_shipped("Две подводные лодки вернулись в Полярный.", "ru")}
    assert "shipyard-10-shkval-polyarny" not in ids


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("El Servicio Industrial de la Marina en el Callao botó una nueva patrullera.", "es", "sima-callao"),
        ("Танкер заложили на заводе «Звезда» в Большом Камне.", "ru", "zvezda-bolshoy-kamen"),
        ("The frigate returned to the Devonport Naval Base in Auckland after a Pacific patrol.", "en",
         "devonport-naval-base-nz"),
    ],
)
def test_kb15_second_batch(text, lang, expected):
    ids = {m.facility_id for m in mentions_shipped(text, lang)}
    assert expected in ids
    assert "hmnb-devonport" not in ids


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("New KF-21 jets will join the 11th Fighter Wing in Daegu next spring.", "en", "daegu-air-base-rktn"),
        ("Cadets at the Air Force Academy at Gangshan flew their first solo sorties.", "en",
         "gangshan-air-force-base"),
        ("HAL said its Bengaluru complex had doubled the output of Tejas fuselages.", "en", "hal-bengaluru"),
        ("Специалисты 558-го авиационного ремонтного завода отремонтировали два Су-25.", "ru",
         "558-aircraft-repair-plant-baranovichi"),
        ("Два Як-130 перелетели на аэродром в Лиде.", "ru", "lida-air-base"),
        ("Минский завод колёсных тягачей показал новое шасси.", "ru", "mzkt-minsk"),
        ("Самолет приземлился на аэродроме Манас под Бишкеком.", "ru", "transit-center-manas"),
        ("Un Casa du détachement air de Mayotte a évacué deux blessés.", "fr", "dzaoudzi-air-detachment"),
        ("Die zweite Fregatte wird bei Damen in Vlissingen gebaut.", "de", "damen-naval-vlissingen"),
        ("El CAOC de Torrejón detectó dos aviones sin plan de vuelo.", "es", "caoc-torrejon"),
        ("Dos Kfir aterrizaron en el Comando Aéreo de Combate No. 3 tras la patrulla.", "es",
         "comando-aereo-de-combate-no-3-cacom-3-malambo-skbq"),
        ("Tanks were unloaded at the APS-2 worksite in Powidz on Monday.", "en", "powidz-air-base-aps2"),
    ],
)
def test_kb17_first_batch(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_kb17_town_names_alone_stay_places():
    """A town alias needs a facility cue: markets in Pathankot or a Gangshan road are not bases."""
    ids = {m.facility_id for m in mentions_shipped(
        "Vegetable prices rose in Pathankot, and residents of Gangshan opposed a new road.", "en")}
    assert "pathankot-air-force-station" not in ids
    assert "gangshan-air-force-base" not in ids


def test_kb17_powidz_is_also_an_army_base():
    from facmap.gazetteer import load_gazetteer

    entry = load_gazetteer()["powidz-air-base-aps2"]
    assert "army_base" in {str(getattr(t, "value", t)) for t in entry.also_types}


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Zwei Eurofighter landeten am Montag auf der Ämari-Basis.", "de", "amari-air-base-eeei"),
        ("A C-17 refuelled at Wake Island Airfield on its way to Guam.", "en", "wake-island-airfield-pwak"),
        ("Tankers will train at Tinian International Airport next month.", "en",
         "tinian-divert-airfield-tinian-international-airport-pgwt"),
        ("Um avião de transporte da Força Aérea pousou no aeroporto de Nacala.", "pt",
         "nacala-air-base-nacala-porto-international-airport-fqnc"),
    ],
)
def test_kb17_second_batch(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_kb17_leuchars_station_is_the_army_station():
    ids = {m.facility_id for m in mentions_shipped(
        "Soldiers of the Royal Scots Dragoon Guards paraded at Leuchars Station on Friday.", "en")}
    assert "leuchars-station" in ids
    assert "raf-leuchars-egql" not in ids


def test_an_earlier_lead_word_does_not_hide_a_makers_site():
    """'Sebelumnya, ... di fasilitas Dassault di Mérignac, dekat Bordeaux': the plant, not the
    air base; a leading 'previously' times meetings only."""
    ids = {m.facility_id for m in mentions_shipped(
        "Sebelumnya, pesawat-pesawat tersebut menjalani uji terima di fasilitas Dassault di "
        "Mérignac, dekat Bordeaux, tempat perakitan akhir Rafale.", "id"
    )}
    assert "bordeaux-merignac-air-base-ba-106-lfbd" not in ids


def test_a_russian_ship_word_before_an_unquoted_name_is_no_ship_name():
    """'Корабли Севастопольской военно-морской базы': the ships of the base, whose name is
    unquoted; Russian quotes a ship's name («Казань»)."""
    ids = {m.facility_id for m in mentions_shipped(
        "Корабли Севастопольской военно-морской базы частично перебазированы.", "ru"
    )}
    assert "sevastopol-naval-base" in ids
    quoted = mentions_shipped("Корабль «Севастополь» вышел в море.", "ru")
    assert not [m for m in quoted if "Севастопол" in m.surface]


@pytest.mark.parametrize(
    "text",
    [
        "The forum follows commitments made at the Camp David summit.",
        "The Camp David Accords were signed decades ago.",
    ],
)
def test_a_facility_phrase_naming_a_summit_or_treaty_is_no_facility(text):
    assert mentions_shipped(text) == []


def test_a_multiword_lead_ship_before_class_is_a_ships_name():
    """'Kee Lung-class destroyers': the whole name is the lead ship's, not Keelung's base."""
    ids = {m.facility_id for m in mentions_shipped(
        "The navy kept its Kee Lung-class destroyers inside Tsoying naval base."
    )}
    assert ids == {"zuoying-naval-base"}


def test_a_drone_named_like_a_base_is_no_facility():
    """'des drones Akinci turcs': the Baykar drone, not Akıncı air base."""
    ids = {m.facility_id for m in mentions_shipped(
        "La base aérienne de Kénitra recevra des drones Akinci turcs.", "fr"
    )}
    assert "akinci-air-base-ltae" not in ids
    assert "kenitra-air-base" in ids


def test_a_reference_row_abroad_is_not_the_base_of_an_article_on_other_countries():
    """'la base aérea de Barcelona, en el estado Anzoátegui' beside Venezuelan bases: not the
    civil airport of Barcelona, Spain (the only airportsdata row of that name), and the state
    is no base."""
    ms = mentions_shipped(
        "Caracas anunció el traslado de cazas Su-30MK2V a la Base Aérea El Libertador, en Palo "
        "Negro, y la reactivación de la base aérea de Barcelona, en el estado Anzoátegui.", "es")
    ids = [m.facility_id for m in ms]
    assert "ref:airfield-lebl" not in ids
    assert ids.count("anzoategui-air-base") == 1
    assert not [m for m in ms if m.surface == "Anzoátegui"]
