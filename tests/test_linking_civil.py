"""Towns in a person's or a town's civil life, and words that belong to another named facility.

Each case is a sentence a journalist may write; the first of each pair would map a facility
before the rule it checks.
"""

from __future__ import annotations

import pytest

from facmap.article import article_from_text
from facmap.extract import Extractor
from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "town_facility"),
    [
        ("Бомбардировщики взлетели ночью. Командир, родился в Энгельсе, летает 20 лет.", "ru",
         "engels-2-air-base"),
        ("The bomber pilot, born in Engels, has flown the Tu-160 for a decade.", "en",
         "engels-2-air-base"),
        ("Residents of Lipetsk heard the fighters overhead all night.", "en",
         "lipetsk-air-base"),
        ("Le pilote de chasse, né à Saint-Dizier, a rejoint l'escadron.", "fr",
         "ba-113-saint-dizier"),
    ],
)
def test_a_town_of_civil_life_is_no_facility(text, lang, town_facility):
    assert town_facility not in {m.facility_id for m in mentions_shipped(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "town_facility"),
    [
        ("Fighters from Lipetsk intercepted the drone.", "en", "lipetsk-air-base"),
        ("Истребители из Липецка перехватили беспилотник.", "ru", "lipetsk-air-base"),
    ],
)
def test_the_same_town_with_a_word_of_its_type_is_the_facility(text, lang, town_facility):
    assert town_facility in {m.facility_id for m in mentions_shipped(text, lang)}


def test_a_cue_inside_another_named_facility_does_not_link_a_town():
    text = "Panglima meninjau Lanud Sultan Hasanuddin sebelum bertolak ke Manado pagi ini."
    ids = {m.facility_id for m in mentions_shipped(text, "id")}
    assert "lanud-sultan-hasanuddin" in ids
    assert "lanud-sam-ratulangi" not in ids


@pytest.mark.parametrize("designation", ["Су-24М", "Су-30СМ", "Су-34"])
def test_a_cyrillic_designation_with_variant_letters_is_an_air_word(designation):
    ms = mentions_shipped(f"{designation} базируются в Гвардейском.", "ru")
    assert "hvardiiske-air-base" in {m.facility_id for m in ms}


def test_a_declined_name_and_a_conjunction_are_not_read_as_one_alias():
    ms = mentions_shipped("Самолеты на аэродроме Саки и вертолеты в Крыму.", "ru")
    saky = [m for m in ms if m.facility_id == "saky-air-base"]
    assert [m.surface for m in saky] == ["аэродроме Саки"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Drones struck an oil depot near Toropets overnight.", "en"),
        ("Drones struck a fuel depot near Novorossiysk overnight.", "en"),
        ("Un dépôt de carburant près de Toropets a brûlé.", "fr"),
    ],
)
def test_a_civil_depot_is_no_military_facility(text, lang):
    ms = mentions_shipped(text, lang)
    assert not [m for m in ms if not m.facility_id.startswith("place:")]


def test_an_ammunition_depot_at_the_same_town_is_the_arsenal():
    ms = mentions_shipped("Drones struck an ammunition depot near Toropets overnight.", "en")
    assert "toropets-arsenal" in {m.facility_id for m in ms}


@pytest.mark.parametrize(
    ("text", "lang", "town_facility"),
    [
        ("Der Bürgermeister von Nörvenich klagte über den Lärm der Eurofighter.", "de",
         "norvenich-air-base-etnn"),
        ("Le maire d'Istres a dénoncé le bruit des Rafale.", "fr", "ba-125-istres"),
        ("Die Korvetten übten zwei Tage vor Kiel.", "de", "kiel-naval-base"),
        ("Two destroyers exercised off Norfolk on Monday.", "en", "naval-station-norfolk"),
    ],
)
def test_a_towns_council_or_the_sea_off_it_is_no_facility(text, lang, town_facility):
    assert town_facility not in {m.facility_id for m in mentions_shipped(text, lang)}


def test_a_ship_sailing_from_the_town_is_its_base():
    ms = mentions_shipped("The frigate sailed from Norfolk on Monday.", "en")
    assert "naval-station-norfolk" in {m.facility_id for m in ms}


def test_a_flood_town_is_no_air_base():
    text = "Prajurit TNI AU dari Madiun membantu korban banjir di Magetan."
    assert "lanud-iswahjudi" not in {m.facility_id for m in mentions_shipped(text, "id")}


@pytest.mark.parametrize(
    ("text", "lang", "linked"),
    [
        ("Pesawat Garuda Indonesia dari Makassar mendarat di Jakarta.", "id", False),
        ("Пассажирский рейс из Липецка задержали на три часа.", "ru", False),
        ("Pesawat tempur dari Makassar mencegat pesawat asing.", "id", True),
    ],
)
def test_an_airliners_town_is_no_air_base(text, lang, linked):
    ids = {m.facility_id for m in mentions_shipped(text, lang)}
    assert bool(ids & {"lanud-sultan-hasanuddin", "lipetsk-air-base"}) is linked


@pytest.mark.parametrize(
    ("text", "lang", "town_facility", "linked"),
    [
        ("Feri dari Sabang ke Ulee Lheue tetap berlayar.", "id", "sabang-naval-base", False),
        ("KRI Bung Tomo berlayar dari Sabang.", "id", "sabang-naval-base", True),
        ("A typhoon may brush Kagoshima and Chitose may see early snow, the jets aside.", "en",
         "chitose-air-base-rjcj", False),
        ("F-35s flew from Chitose on Monday.", "en", "chitose-air-base-rjcj", True),
        ("The Lithuanian navy at Klaipėda prepares for the drills.", "en",
         "klaipeda-naval-base", True),
        ("Tourists arrived in Klaipėda by ferry for the navy festival.", "en",
         "klaipeda-naval-base", False),
        # cargo ships and freighters are civil shipping too
        ("Kapal kargo berlayar dari Belawan ke Sabang.", "id", "sabang-naval-base", False),
        ("The freighter sailed from Sabang with rice.", "en", "sabang-naval-base", False),
    ],
)
def test_ferries_weather_and_a_service_at_its_city(text, lang, town_facility, linked):
    assert (town_facility in {m.facility_id for m in mentions_shipped(text, lang)}) is linked


def test_a_core_name_abroad_is_kept_when_the_article_names_its_country():
    text = (
        "Italian Eurofighters took over the alert at Šiauliai Air Base, while Dutch F-35A "
        "fighters moved into Ämari in Estonia."
    )
    ids = {m.facility_id for m in mentions_shipped(text, "en")}
    assert "amari-air-base-eeei" in ids


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Pesawat dari Lanud Iswahjudi dan Malang tiba pagi ini.", "id",
         "lanud-abdulrachman-saleh"),
        ("Auch die Flugplätze Meiringen und Emmen werden ausgebaut.", "de",
         "meiringen-air-base-lsmm"),
    ],
)
def test_a_town_listed_with_a_named_facility_shares_its_kind(text, lang, expected):
    assert expected in {m.facility_id for m in mentions_shipped(text, lang)}


def test_a_town_listed_after_a_facility_of_another_kind_is_not_linked():
    text = "Kapal itu dibangun PT PAL Indonesia dan Malang menjadi tuan rumah pameran."
    assert "lanud-abdulrachman-saleh" not in {m.facility_id for m in mentions_shipped(text, "id")}


@pytest.mark.parametrize(
    ("text", "expected", "site"),
    [
        ("En Córdoba, la Fábrica Argentina de Aviones entregará cinco Pampa III.", "es", True),
        ("Los trabajos del SIMA en el Callao avanzan según lo previsto.", "es", True),
        ("En Buenos Aires, la Fábrica Argentina de Aviones firmó un contrato.", "es", False),
        ("Los motores irán al Área Material Río Cuarto, en Córdoba, donde técnicos de la "
         "Fábrica Argentina de Aviones trabajan.", "es", False),
    ],
)
def test_a_maker_acting_in_the_town_of_its_site(text, expected, site):
    ids = {m.facility_id for m in mentions_shipped(text, expected)}
    assert bool(ids & {"fadea-cordoba", "sima-callao"}) is site


def test_an_alias_with_a_quoted_firm_name_is_read_across_the_opening_quote():
    text = "Судостроительный комплекс «Звезда» в Большом Камне приступил к строительству танкера."
    assert "zvezda-bolshoy-kamen" in {m.facility_id for m in mentions_shipped(text, "ru")}


@pytest.mark.parametrize(
    ("text", "mapped"),
    [
        ("Athens-based shipbuilder Hellenic Shipyards said it was bidding for corvettes.", False),
        ("The frigate was built at Hellenic Shipyards last year.", True),
    ],
)
def test_a_yard_whose_name_speaks_is_its_company(text, mapped):
    ids = {m.facility_id for m in mentions_shipped(text, "en")}
    assert ("skaramangas-shipyards" in ids) is mapped


def _two_devonports(tmp_path):
    from facmap.gazetteer import load_gazetteer

    row = (
        '[[facility]]\nid = "{id}"\nname = "{name}"\ntype = "naval_base"\ncountry = "{cc}"\n'
        'aliases = ["Devonport Naval Base"]\nlat = {lat}\nlon = {lon}\npoint_basis = "b"\n'
        'precision_km = 2\nsources = [{{name = "s", url = "https://s"}}]\n'
    )
    p = tmp_path / "g.toml"
    p.write_text(
        row.format(id="devonport-uk", name="HMNB Devonport", cc="GB", lat=50.38, lon=-4.18)
        + row.format(id="devonport-nz", name="Devonport NZ", cc="NZ", lat=-36.83, lon=174.79),
        "utf-8",
    )
    return Extractor(gazetteer=load_gazetteer([p]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("New Zealand will repair the wharf at the Devonport Naval Base this year.",
         {"devonport-nz"}),
        ("The Royal Navy's frigates return to the Devonport Naval Base, the United Kingdom "
         "said.", {"devonport-uk"}),
        ("Work continues at the Devonport Naval Base.", set()),
    ],
)
def test_a_name_of_two_facilities_is_decided_by_the_articles_countries(tmp_path, text, expected):
    ex = _two_devonports(tmp_path)
    art = article_from_text(text, article_id="t", outlet="T", date="2025-01-01", language="en")
    ids = {m.facility_id for m in ex.extract(art)} - {""}
    assert {i for i in ids if i.startswith("devonport")} == expected


def test_a_country_or_nationality_is_never_a_core_name(tmp_path):
    from facmap.gazetteer import load_gazetteer

    row = (
        '[[facility]]\nid = "{id}"\nname = "{name}"\ntype = "defense_industry"\n'
        'country = "{cc}"\naliases = ["{name}"]\nlat = 1\nlon = 2\npoint_basis = "b"\n'
        'precision_km = 2\nsources = [{{name = "s", url = "https://s"}}]\n'
    )
    p = tmp_path / "g.toml"
    p.write_text(
        row.format(id="ru-yard", name="Russian Navy Shipyard", cc="RU")
        + row.format(id="pl-yard", name="Polish Navy Shipyard", cc="PL")
        + row.format(id="kx-yard", name="Kexholm Navy Shipyard", cc="RU"),
        "utf-8",
    )
    ex = Extractor(gazetteer=load_gazetteer([p]))

    def ids(text):
        art = article_from_text(text, article_id="t", language="en")
        return {m.facility_id for m in ex.extract(art)}

    assert "ru-yard" not in ids("A Russian frigate was built in the shipyard.")
    assert "pl-yard" not in ids("A Polish frigate was built in the shipyard.")
    # the same rule keeps an ordinary core name
    assert "kx-yard" in ids("Kexholm launched the frigate from the shipyard.")


def test_a_multiword_name_is_misspelt_only_when_few_letters_differ():
    text = "Crews will practice moving to the old runway at Saipan International Airport."
    assert "siauliai-air-base-eysa" not in {m.facility_id for m in mentions_shipped(text, "en")}
    # one word one letter off a long name is still read as its misspelling
    assert "plesetsk-cosmodrome" in {m.facility_id for m in mentions_shipped(
        "A rocket was launched from Plesetks on Monday.", "en")}


@pytest.mark.parametrize(
    ("text", "lang", "fid", "mapped"),
    [
        ("I droni opereranno da Sigonella.", "it", "nas-sigonella", True),
        ("Лодки пройдут Северным морским путем.", "ru", "severnaya-verf", False),
        ("Фрегат построен на Северной верфи.", "ru", "severnaya-verf", True),
    ],
)
def test_italian_air_words_and_russian_compass_adjectives(text, lang, fid, mapped):
    assert (fid in {m.facility_id for m in mentions_shipped(text, lang)}) is mapped


@pytest.mark.parametrize(
    ("text", "lang", "fid", "mapped"),
    [
        ("Parallel fliegen Eurofighter aus Nörvenich Einsätze über Estland.", "de",
         "norvenich-air-base-etnn", True),
        ("Pangkalan TNI AU di Kijang, Bintan, disiapkan sebagai landasan cadangan.", "id",
         "lanud-raja-haji-fisabilillah", True),
        ("Bombers flew near Engels Street on Monday.", "en", "engels-2-air-base", False),
    ],
)
def test_a_german_noun_after_a_town_is_no_longer_name(text, lang, fid, mapped):
    assert (fid in {m.facility_id for m in mentions_shipped(text, lang)}) is mapped


def test_a_town_after_a_named_facility_and_a_contracted_in_locates_it():
    text = ("A missão envolve fuzileiros da Base Naval de Lisboa, no Alfeite, e a fragata "
            "construída em 2010.")
    ids = {m.facility_id for m in mentions_shipped(text, "pt")}
    assert "lisbon-naval-base-alfeite" in ids and "arsenal-do-alfeite" not in ids


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("B-2 Spirit bombers flew a long mission from Diego Garcia in the Indian Ocean.",
         "nsf-diego-garcia"),
        ("The frigates sailed from Brest on Monday.", "brest-naval-base"),
    ],
)
def test_a_word_of_a_second_type_links_only_when_no_own_type_word_does(text, fid):
    assert fid in {m.facility_id for m in mentions_shipped(text, "en")}


def test_a_town_named_only_as_near_something_else_is_not_mapped():
    near = ("Army engineers were helping improve roads near the border town of Lethem, the "
            "Guyana Defence Force said.")
    assert not [m for m in mentions_shipped(near, "en") if m.facility_id.startswith("place:")]
    # the town as such, where its people are, is still a place
    own = "Residents of the town of Plesetsk posted videos of the rocket's exhaust trail."
    assert [m for m in mentions_shipped(own, "en") if m.facility_id.startswith("place:")]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Les sous-marins nucléaires sont sortis. Les essais auront lieu au large de la "
         "presqu'île de Crozon.", "fr"),
        ("Submarines sailed on Monday. The drills took place in the Gulf of Finland.", "en"),
    ],
)
def test_a_peninsula_or_gulf_named_after_a_town_is_not_the_towns_facility(text, lang):
    found = mentions_shipped(text, lang)
    assert not [m for m in found if m.surface in ("Crozon", "Finland")], found


@pytest.mark.parametrize(
    ("text", "lang", "town"),
    [
        # a Russian country name is no declined town ("Судан" is not Souda)
        ("Судан пока не дал окончательного согласия, однако аэродром уже использовался.", "ru",
         "Судан"),
        # "situated near" after a facility described: where it stands
        ("Los Gripen llegarán en 2026. El Ejército ampliará el Fuerte Militar de Tolemaida, "
         "principal centro de entrenamiento, situado cerca de Melgar.", "es", "Melgar"),
        # a plant "of" a place is no air base of that place's name
        ("La ENAER prevé terminar este año en su planta de El Bosque el mantenimiento de cuatro "
         "aviones Hércules.", "es", "El Bosque"),
    ],
)
def test_a_country_a_locating_town_or_another_types_place_is_no_facility(text, lang, town):
    found = mentions_shipped(text, lang)
    assert not [
        m for m in found if m.surface == town and not m.facility_id.startswith(("place:",
                                                                                 "unlisted:"))
    ], found


def test_an_airlines_name_inside_a_countrys_name_is_the_country():
    found = mentions_shipped("The United Arab Emirates has completed a long runway at Berbera.")
    assert "berbera-airfield" in {m.facility_id for m in found}
    # the airline itself still says a flight is civil
    found = mentions_shipped("An Emirates flight from Dubai landed at Berbera.")
    assert "berbera-airfield" not in {m.facility_id for m in found}


@pytest.mark.parametrize(
    ("text", "lang", "base", "linked"),
    [
        ("LPD KRI Banjarmasin-592 akan mengangkut kendaraan tempur dari Surabaya.", "id",
         "lantamal-5-surabaya", False),
        ("Un buque con repuestos que zarpó de Valparaíso cruzó el estrecho.", "es",
         "valparaiso-naval-base", False),
        ("Varios buques con carga militar procedentes de Norfolk fueron desviados.", "es",
         "naval-station-norfolk", False),
        # no cargo: a warship "from" its port is its base's
        ("The navy sent a missile corvette from Keelung.", "en", "keelung-naval-base", True),
        # a facility word beside the name names the base whatever the cargo
        ("The destroyer carrying supplies sailed from Norfolk naval base.", "en",
         "naval-station-norfolk", True),
    ],
)
def test_cargo_from_a_big_port_city_is_the_port_not_its_base(text, lang, base, linked):
    assert (base in {m.facility_id for m in mentions_shipped(text, lang)}) is linked


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Komponen pertama akan dikirim dari Lorient, Prancis, dan KRI baru dirawat di dermaga.",
         "id"),
        ("The frigate parts were shipped from Lorient.", "en"),
    ],
)
def test_the_town_a_consignment_is_sent_from_is_a_cargo_note(text, lang):
    assert "lorient-naval-base" not in {m.facility_id for m in mentions_shipped(text, lang)}


def test_a_facility_word_beside_the_town_still_names_it_in_a_cargo_note():
    ids = {m.facility_id for m in mentions_shipped("The parts were shipped from Lorient naval base.")}
    assert "lorient-naval-base" in ids


def test_parts_flown_in_from_a_big_city_name_no_air_base_but_fighters_from_it_do():
    ids = {m.facility_id for m in mentions_shipped(
        "Des pièces de structure arrivent chaque semaine par avion depuis Toulouse.", "fr")}
    assert "toulouse-francazal-air-base-ba-101-lfbf" not in ids
    text = ("Su-30MKI fighters carrying BrahMos missiles from Thanjavur will join anti-ship "
            "exercises in the Bay of Bengal.")
    assert any("Thanjavur" in m.surface for m in mentions_shipped(text))


def test_cargo_via_a_small_port_names_no_base():
    text = "Часть материально-технических грузов флот получит через Корсаков."
    assert "korsakov-naval-base" not in {m.facility_id for m in mentions_shipped(text, "ru")}


def test_cargo_from_a_big_city_for_a_yard_is_no_yard_there():
    """'грузы из Харбина для верфи': the load's origin is Harbin, the yard is elsewhere."""
    ids = {m.facility_id for m in mentions_shipped(
        "Грузы из Харбина для верфи прибыли с опозданием.", "ru")}
    assert "harbin-aircraft-industry" not in ids
