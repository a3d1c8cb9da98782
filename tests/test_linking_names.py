"""Names: Arabic particles inside a base's name, people's surnames, numbers reused by nations.

Sentences written here; the first case of each test failed before its rule.
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


def ids(text: str, lang: str = "en") -> set[str]:
    return {m.facility_id for m in mentions_shipped(text, lang)}


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("More Patriot batteries will be placed at Ali Al Salem, which a drone targeted last year.",
         "ali-al-salem-air-base"),
        ("Kuwaiti F/A-18 jets flew from Ahmed Al Jaber on Tuesday.",
         "ahmed-al-jaber-air-base-okaj"),
        # a leading "Al" is still read without it ("Al Dhafra" is also a region)
        ("F-15E jets are based at Al Dhafra.", "al-dhafra-air-base"),
    ],
)
def test_a_particle_inside_a_bases_name_is_part_of_its_distinctive_name(text, fid):
    assert fid in ids(text)


def test_a_persons_surname_after_a_given_name_is_not_the_camp_named_after_them():
    text = ("Le futur bâtiment remplacera le « Charles de Gaulle », actuellement en arrêt "
            "technique à l'arsenal de Toulon.")
    found = ids(text, "fr")
    assert "libreville-camp-de-gaulle" not in found
    assert "toulon-naval-base" in found
    # the camp itself, named as the press names it, is still found
    assert "libreville-camp-de-gaulle" in ids(
        "Au Gabon, le camp de Gaulle de Libreville ne compte plus qu'une centaine de militaires.",
        "fr",
    )


def test_a_numbered_base_followed_by_another_countrys_town_is_not_ours():
    found = ids("Les soldats ont quitté la base aérienne 101 de Bamako-Sénou en 2022.", "fr")
    assert "toulouse-francazal-air-base-ba-101-lfbf" not in found


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("Work on a second site at 3 Wing Bagotville in Quebec will start in May.",
         "canadian-forces-base-bagotville-cybg"),
        ("The P-8A fleet will be split between 14 Wing Greenwood in Nova Scotia and Comox.",
         "canadian-forces-base-greenwood-cyzx"),
        ("Les Rafale de la base aérienne 113 de Saint-Dizier ont décollé.", "ba-113-saint-dizier"),
    ],
)
def test_a_numbered_base_followed_by_its_own_region_or_town_is_kept(text, fid):
    lang = "fr" if "Les " in text else "en"
    assert fid in ids(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Les éléments sont déployés sur la base aérienne 113 ainsi qu’à Cognac.", "fr",
         "cognac-chateaubernard-air-base-ba-709-lfbg"),
        ("Les éléments sont déployés sur la base aérienne 113 et à Cognac.", "fr",
         "cognac-chateaubernard-air-base-ba-709-lfbg"),
        ("The squadrons will be split between RAF Lossiemouth and at Leuchars.", "en",
         "raf-leuchars-egql"),
    ],
)
def test_a_town_listed_after_a_named_base_with_a_place_word_is_one_of_its_kind(text, lang, fid):
    assert fid in ids(text, lang)


def test_a_plant_named_before_a_comma_and_a_verb_of_speaking_is_not_speaking():
    text = ("Воздушно-космические силы получили партию Су-34, построенных на Новосибирском "
            "авиационном заводе имени Чкалова, сообщила Объединенная авиастроительная корпорация.")
    assert "novosibirsk-chkalov-plant" in ids(text, "ru")


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("The IAF's Rafale squadrons at Ambala will not be affected.",
         "ambala-air-force-station-viam"),
        ("South Korean F-35A stealth jets from Cheongju flew alongside.",
         "cheongju-air-base-rktu"),
    ],
)
def test_a_citys_name_is_its_air_bases_with_a_word_of_the_type(text, fid):
    # "Ambala Air Force Station": the "force" of the cue is no organisation's word, and a
    # city of 200,000 at the base is its name too
    assert fid in ids(text)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor of Ambala opened a new market on Monday.",
        "A trade fair in Cheongju drew 10,000 visitors.",
        # a city far from the facility named after it (RAAF Base Edinburgh, Australia)
        "Typhoon jets flew over Edinburgh for the parade.",
    ],
)
def test_a_citys_name_in_civil_life_or_far_from_its_namesake_base_is_no_facility(text):
    assert not [f for f in ids(text) if not f.startswith("place:")]


def test_a_town_near_a_named_air_base_phrase_only_locates_it():
    found = mentions_shipped("Russian bombers returned to Bassel Al-Assad Air Base near Latakia.")
    assert [m.surface for m in found if not m.facility_id.startswith("place:")] == [
        "Bassel Al-Assad Air Base"
    ]


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        ("Colombia's navy will increase patrols from its Cartagena naval base.",
         "arc-bolivar-naval-base-cartagena"),
        ("Spain's minehunters returned to the Cartagena naval base.", "cartagena-naval-base"),
    ],
)
def test_a_namesake_is_decided_by_the_articles_country(text, fid):
    assert fid in ids(text)


def test_a_namesake_in_an_article_naming_neither_country_is_not_guessed():
    found = ids("The navy will increase patrols from its Cartagena naval base.")
    assert not [f for f in found if not f.startswith("place:")], found


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Российские инструкторы, работающие на авиабазе 101 в Ниамее, получат средства ПВО.",
         "Niamey"),
        ("Корабли ВМФ заходили в военно-морскую базу в Тобруке.", "Tobruk"),
    ],
)
def test_a_facility_phrase_with_a_declined_russian_town_is_placed_there(text, place):
    found = [m for m in mentions_shipped(text, "ru") if not m.facility_id.startswith("place:")]
    assert found and not any(m.facility_id.startswith("unplaced:") for m in found), found


@pytest.mark.parametrize(
    "text", ["Авиазаводы ОАК выпустят больше самолетов.", "Самолеты перебазируют на аэродромы Крыма."]
)
def test_an_acronym_or_a_declined_region_is_no_town_for_a_phrase(text):
    found = mentions_shipped(text, "ru")
    assert not [m for m in found if m.facility_id.startswith("unlisted:")], found


# --- names that belong to a university, a person or a fleet --------------------------------
@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("He moved north after a shipbuilding course at the University of Bath.", "en", "Bath"),
        ("Le chantier naval recrute des ingénieurs formés à l'Université de Brest.", "fr",
         "Brest"),
        ("Engineers from the University of Portsmouth inspected the frigate.", "en",
         "Portsmouth"),
    ],
)
def test_a_town_in_a_universitys_name_is_no_facility(text, lang, word):
    assert [m.surface for m in mentions_shipped(text, lang) if word in m.surface] == []


def test_the_same_town_with_a_ship_and_no_university_is_its_base():
    ids = [m.facility_id for m in mentions_shipped("The frigate returned to Portsmouth.")]
    assert ids == ["hmnb-portsmouth"]


def test_a_surname_written_after_a_given_name_stays_a_person_later_in_the_article():
    text = (
        "Завод «Роствертол» передаст войскам вертолёты, сообщил генерал-майор Олег Жуковский. "
        "Часть машин поступит на аэродром Будённовск. Окончательное решение примет Кремль, "
        "добавил Жуковский."
    )
    ids = {m.facility_id for m in mentions_shipped(text, "ru")}
    assert "budyonnovsk-airfield" in ids
    assert not any("zhukovsky" in i for i in ids)


def test_a_rank_before_a_given_name_marks_the_surname_too():
    text = ("Funds were cleared, said Captain Arjun Karwar, who heads planning. The frigate "
            "yard will grow, Karwar said.")
    assert not [m for m in mentions_shipped(text) if m.surface == "Karwar"]


def test_a_headline_in_title_case_is_no_list_of_surnames():
    text = "Navy Moves Frigates To Karwar\n\nThe frigates will be based at Karwar next year."
    assert {m.facility_id for m in mentions_shipped(text)} == {"ins-kadamba-karwar"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Корветы передадут Черноморским флотом, сообщил заместитель командующего Балтийского "
         "флота.", "ru"),
        ("The corvettes were handed to the Baltic Fleet in a ceremony.", "en"),
    ],
)
def test_a_fleet_named_after_a_sea_or_town_is_no_base_or_yard(text, lang):
    assert [m.facility_id for m in mentions_shipped(text, lang)] == []


def test_a_fleet_base_is_still_a_base():
    ids = [m.facility_id for m in mentions_shipped("The Yokosuka fleet base was busy.")]
    assert ids == ["jmsdf-yokosuka"]


def test_words_before_a_town_that_make_one_facilitys_name_choose_it():
    # "Naval Dockyard Visakhapatnam" is the naval base's name; "dockyard" alone fits the
    # town's shipyard too
    named = mentions_shipped("The Navy will expand berthing at the Naval Dockyard in Visakhapatnam.")
    assert [m.facility_id for m in named] == ["visakhapatnam-naval-base"]
    plain = mentions_shipped("The destroyer was refitted at the dockyard in Visakhapatnam.")
    assert [m.facility_id for m in plain] == ["hindustan-shipyard-visakhapatnam"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Latihan itu melibatkan KRI Banda Aceh-593 dan pasukan marinir dari Surabaya.", "id"),
        ("Awak kapal perang itu sebagian besar prajurit asal Makassar.", "id"),
        ("The frigate carried marines from Surabaya.", "en"),
        ("A pilot from Perm flew the Su-35 during the drill at Savasleyka.", "en"),
        ("Командир фрегата, уроженец Североморска, доложил о готовности.", "ru"),
    ],
)
def test_a_home_town_is_no_facility(text, lang):
    assert [m.facility_id for m in mentions_shipped(text, lang) if "surabaya" in m.facility_id
            or "makassar" in m.facility_id or "severomorsk" in m.facility_id
            or "perm" in m.facility_id or "savino" in m.facility_id] == []


@pytest.mark.parametrize(
    ("text", "fid"),
    [
        # a small town's people are its base's
        ("Pilots from Lakenheath flew the F-35s.", "raf-lakenheath"),
        # the city with a ship and no people coming from it is its base
        ("The frigate returned to Surabaya.", "lantamal-5-surabaya"),
    ],
)
def test_a_base_town_without_people_from_it_stays_the_base(text, fid):
    assert [m.facility_id for m in mentions_shipped(text)] == [fid]


def test_a_real_town_one_letter_off_a_facilitys_village_is_that_town():
    # "Magnama" is a village by Bangladesh's submarine base; "Manama" is Bahrain's capital
    text = "The destroyer USS Mason arrived in Manama's port last month after a patrol."
    assert not [m for m in mentions_shipped(text) if m.match == "fuzzy"]


def test_a_warship_type_is_a_naval_word():
    text = ("The frigate sailed from HMNB Devonport on Wednesday to shadow a Yasen-class boat, "
            "while a second Type 23 was being readied at Portsmouth.")
    assert "hmnb-portsmouth" in {m.facility_id for m in mentions_shipped(text)}


def test_an_earlier_meetings_town_in_a_relative_clause_is_no_facility():
    text = ("The committee chairman, who had spoken at a shipbuilding forum in Mobile, Alabama, "
            "last week, called it a down payment.")
    assert [m.facility_id for m in mentions_shipped(text)] == []
    built = "The destroyer, built in Mobile, Alabama, was delivered last week."
    assert [m.facility_id for m in mentions_shipped(built)] == ["austal-usa-mobile"]


def test_a_town_with_a_big_namesake_abroad_needs_the_article_to_be_about_its_country():
    us = ("Puget Sound Naval Shipyard in Bremerton had 11 submarines waiting, and the yard at "
          "Portsmouth had lost a dry dock to flooding.")
    assert "hmnb-portsmouth" not in {m.facility_id for m in mentions_shipped(us)}
    uk = "HMNB Devonport sent a frigate, and a second Type 23 was readied at Portsmouth."
    assert "hmnb-portsmouth" in {m.facility_id for m in mentions_shipped(uk)}


def test_a_town_after_a_facilitys_bracketed_short_name_locates_it():
    text = "Komando Armada III (Koarmada III) di Sorong akan menerima tiga kapal patroli."
    assert {m.facility_id for m in mentions_shipped(text, "id")} == {"koarmada-3-hq"}


@pytest.mark.parametrize(
    ("text", "lang", "word"),
    [
        ("Latvia offered Lielvārde, whose runway Riga plans to extend by 2028.", "en", "Riga"),
        ("Москва заявила, что корабли останутся в порту.", "ru", "Москва"),
    ],
)
def test_a_capital_before_a_verb_of_government_is_no_facility(text, lang, word):
    assert not [m for m in mentions_shipped(text, lang) if m.surface == word]


def test_a_capital_with_jets_flying_from_it_is_still_its_air_base():
    ids = {m.facility_id for m in mentions_shipped("The jets flew from Riga to Lielvārde.")}
    assert "rumbula-air-base-evrc" in ids


def test_a_surname_after_a_rank_and_a_given_name_that_is_also_a_word():
    """'l'ammiraglio Marco Brindisi': "marco" is a Spanish word, yet here a given name."""
    text = ("Le fregate sono partite ieri da Taranto. Ha dichiarato l'ammiraglio Marco Brindisi, "
            "originario di Lecce.")
    assert "brindisi-naval-base" not in {m.facility_id for m in mentions_shipped(text, "it")}


def test_a_surname_is_the_persons_later_even_when_first_named_without_context():
    """'said Rear Admiral Thomas Bremerton, who oversees ship maintenance. Bremerton, a former
    engineer on the USS Tripoli, said ...': both are the admiral, never Naval Base Kitsap."""
    text = ("Said Rear Admiral Thomas Bremerton, who oversees ship maintenance. Bremerton, a "
            "former engineer on the USS Tripoli, said the first hull could arrive by summer.")
    assert "naval-base-kitsap-bremerton" not in {m.facility_id for m in mentions_shipped(text)}


def test_a_russian_surname_declined_as_an_adjective_stays_the_persons():
    """'полковник Дмитрий Борисоглебский ... по словам Борисоглебского': the colonel, never
    Borisoglebsk air base; the town declined as a noun ('в Борисоглебске') is another word."""
    text = ("Су-34 перебросят с аэродрома Морозовск, сообщил полковник Дмитрий Борисоглебский. "
            "Об этом, по словам Борисоглебского, договорились лётчики самолетов.")
    assert "borisoglebsk-air-base" not in {m.facility_id for m in mentions_shipped(text, "ru")}


def test_surname_keys_meet_across_cases_but_not_the_towns_noun_forms():
    from facmap._text import surname_key

    assert surname_key("Борисоглебский") == surname_key("Борисоглебского")
    assert surname_key("Борисоглебске") != surname_key("Борисоглебского")
    assert surname_key("Bremerton") == "bremerton"


def test_a_name_before_comma_who_is_a_persons_surname_later():
    """'Alan Whiteman, who leads the air component ... said Whiteman': never Whiteman AFB."""
    text = ('Alan Whiteman, who leads the air component, said the plan was discussed. "We need '
            'more runways, not more aircraft," said Whiteman, adding that the B-2 fleet is ready.')
    assert "whiteman-afb" not in {m.facility_id for m in mentions_shipped(text)}


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Le supporteur des Girondins de Bordeaux était venu pour les drones Rafale.", "fr",
         "bordeaux-merignac-air-base-ba-106-lfbd"),
        ("Die P-8A fliegen bald, sagte Kapitän zur See Torsten Hohn aus dem Planungsamt.", "de",
         "hohn-air-base-etnh"),
    ],
)
def test_a_clubs_town_and_a_naval_captains_surname_are_no_facilities(text, lang, fid):
    assert fid not in {m.facility_id for m in mentions_shipped(text, lang)}
