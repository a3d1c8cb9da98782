from __future__ import annotations

import pytest


def ids(extractor, make_article, text):
    return [(m.facility_id, m.surface, m.match) for m in extractor.extract(make_article(text))]


def facility_ids(extractor, make_article, text):
    return {m.facility_id for m in extractor.extract(make_article(text)) if m.match != "inferred"}


@pytest.mark.parametrize(
    ("text", "fid", "surface"),
    [
        (
            "Roket diluncurkan dari Kosmodrom Baikonur kemarin.",
            "baikonur-cosmodrome",
            "Kosmodrom Baikonur",
        ),
        ("The launch took place at BAIKONUR on Monday.", "baikonur-cosmodrome", "BAIKONUR"),
        ("A Soyuz lifted off from Baykonur.", "baikonur-cosmodrome", "Baykonur"),
        # the declined alias "космодрома Байконур" (genitive) is matched whole
        ("Ракета стартовала с космодрома Байконур.", "baikonur-cosmodrome", "космодрома Байконур"),
        ("Le tir a eu lieu à Baïkonour.", "baikonur-cosmodrome", "Baïkonour"),
        ("Interceptors were tested at Sary-Shagan again.", "sary-shagan-test-range", "Sary-Shagan"),
        ("Interceptors were tested at Sary Shagan again.", "sary-shagan-test-range", "Sary Shagan"),
        ("Interceptors were tested at Saryshagan again.", "sary-shagan-test-range", "Saryshagan"),
        ("Испытания прошли на полигоне Сары-Шаган.", "sary-shagan-test-range", "полигоне Сары-Шаган"),
        ("A Topol-M flew from Kapustin Jar.", "kapustin-yar", "Kapustin Jar"),
        (
            "Rudal diluncurkan dari Kapustin Yar di wilayah Astrakhan.",
            "kapustin-yar",
            "Kapustin Yar",
        ),
        (
            "Satelit diluncurkan dari Kosmodrom Plesetsk.",
            "plesetsk-cosmodrome",
            "Kosmodrom Plesetsk",
        ),
        (
            "The new pad at Vostochny Cosmodrome is ready.",
            "vostochny-cosmodrome",
            "Vostochny Cosmodrome",
        ),
    ],
)
def test_variants_resolve(extractor, make_article, text, fid, surface):
    found = ids(extractor, make_article, text)
    assert (fid, surface) in [(f, s) for f, s, _ in found], found


@pytest.mark.parametrize(
    ("text", "fid", "surface"),
    [
        (
            "ICBM diluncurkan dari Pletersk Cosmodrome.",
            "plesetsk-cosmodrome",
            "Pletersk Cosmodrome",
        ),
        ("ICBM diluncurkan dari Kosmodrom Plesestk.", "plesetsk-cosmodrome", "Kosmodrom Plesestk"),
        (
            "Launched from Baikanur Cosmodrome at dawn.",
            "baikonur-cosmodrome",
            "Baikanur Cosmodrome",
        ),
        ("Rudal ditembakkan dari Kaputsin Yar.", "kapustin-yar", "Kaputsin Yar"),
        (
            "The Plesetsky cosmodrome launched a satellite.",
            "plesetsk-cosmodrome",
            "Plesetsky cosmodrome",
        ),
    ],
)
def test_misspellings_resolve_and_keep_surface(extractor, make_article, text, fid, surface):
    found = extractor.extract(make_article(text))
    hit = [m for m in found if m.facility_id == fid]
    assert hit, found
    assert hit[0].surface == surface
    assert hit[0].match == "fuzzy"
    assert 0 < hit[0].score < 1


@pytest.mark.parametrize(
    "text",
    [
        "Rusia dan Kazakhstan merupakan anggota CSTO, CIS, dan SCO, kata TASS.",
        "Menteri Pertahanan Rusia Andrey Belousov bertemu Dauren Kosanov.",
        "Russia tested the Sarmat, Yars and Topol-M missiles and the Iskander system.",
        "The S-400 and Su-35 deals were signed by Almaz-Antey.",
        "Plesetsky said the pleasant weather helped.",  # near-miss words, not names
        "The planners met in the capital to discuss the budget.",
    ],
)
def test_non_facilities_are_never_mapped(extractor, make_article, text):
    assert ids(extractor, make_article, text) == []


def test_venue_city_becomes_place(extractor, make_article):
    found = extractor.extract(make_article("Kedua menteri bertemu di Almaty pada hari Jumat."))
    assert [(m.facility_id, m.surface, m.match) for m in found] == [
        ("place:1526384", "Almaty", "place")
    ]


def test_cyrillic_venue_becomes_place(extractor, make_article):
    found = extractor.extract(make_article("Министры встретились в Алматы в пятницу."))
    assert [(m.facility_id, m.surface) for m in found] == [("place:1526384", "Алматы")]


def test_country_after_preposition_is_not_a_place(extractor, make_article):
    assert ids(extractor, make_article, "Di Kazakhstan, Rusia menyewa fasilitas.") == []


@pytest.mark.parametrize(
    ("text", "fid", "surface"),
    [
        (
            "Launched from Baikonurr Cosmodrome at dawn.",
            "baikonur-cosmodrome",
            "Baikonurr Cosmodrome",
        ),
        ("Rudal ditembakkan dari Kapustin Jarr.", "kapustin-yar", "Kapustin Jarr"),
        ("Tiros from Kapoustin Iar.", "kapustin-yar", "Kapoustin Iar"),
    ],
)
def test_transliteration_folds_are_variants_not_fuzzy(extractor, make_article, text, fid, surface):
    hit = [m for m in extractor.extract(make_article(text)) if m.facility_id == fid]
    assert [(m.surface, m.match) for m in hit] == [(surface, "variant")]


def test_town_cue_makes_a_town_not_the_cosmodrome(extractor, make_article):
    found = extractor.extract(make_article("Warga kota Baikonur merayakan hari jadi."))
    assert [m.match for m in found] == ["place"]
    assert found[0].surface == "Baikonur"


def test_town_alias_needs_a_facility_cue(extractor, make_article):
    # Znamensk is the range's town: alone it is not the range
    assert "kapustin-yar" not in facility_ids(extractor, make_article, "Znamensk hosted a fair.")


def test_teasers_are_never_read(extractor, make_article):
    text = "Body sentence about nothing.\nAIRSPACE REVIEW - Rudal dari Kosmodrom Baikonur…"
    assert ids(extractor, make_article, text) == []


def test_offsets_index_the_text(extractor, seed_article):
    for m in extractor.extract(seed_article):
        assert seed_article.text[m.start : m.end] == m.surface
        assert seed_article.text[m.sentence_start :].startswith(m.excerpt)
        assert m.end <= seed_article.body_end


def test_seed_mentions(extractor, seed_article):
    found = {(m.facility_id, m.surface, m.match) for m in extractor.extract(seed_article)}
    assert ("baikonur-cosmodrome", "Kosmodrom Baikonur", "exact") in found
    assert ("kapustin-yar", "Kapustin Yar", "exact") in found
    assert ("plesetsk-cosmodrome", "Pletersk Cosmodrome", "fuzzy") in found
    assert ("place:1526384", "Almaty", "place") in found
    inferred = {f for f, _, k in found if k == "inferred"}
    assert inferred == {"sary-shagan-impact-zone", "sary-shagan-test-range"}


def test_impact_rule_needs_every_cue(extractor, make_article):
    # ICBMs and Kazakhstan but no impact/warhead words: nothing is inferred
    text = "Kazakhstan bought no ICBM from Russia, said the minister."
    assert all(m.match != "inferred" for m in extractor.extract(make_article(text)))
    text = "Russia uses Kazakhstan's steppe as an impact zone for ICBM warheads."
    assert "sary-shagan-impact-zone" in {
        m.facility_id for m in extractor.extract(make_article(text))
    }


@pytest.mark.parametrize(
    ("name", "country", "own_name"),
    [
        ("Kourou", "GF", "Kourou"),  # not Crewe (GB), which lists a "Kourou" among its names
        ("Islamabad", "PK", "Islamabad"),  # not Chattogram, once called Islamabad
        ("Moskva", "RU", "Moscow"),  # the city's own-language name still finds the city
        ("Lugansk", "UA", "Luhansk"),  # not a village in Kazakhstan called Lugansk
        ("Odessa", "UA", "Odesa"),  # not Odessa, Texas (nine times smaller)
    ],
)
def test_a_place_named_as_written_beats_a_bigger_place_that_only_lists_the_name(
    name, country, own_name
):
    from facmap.extract import VENUE_MIN_POPULATION
    from facmap.places import lookup_place

    place = lookup_place(name, min_population=VENUE_MIN_POPULATION)
    assert place is not None
    assert (place.country, place.name) == (country, own_name)


def test_venue_kourou_is_french_guiana(extractor, make_article):
    from facmap.places import place_by_id

    # a meeting in the town is a venue (a rocket lifting off there is the space centre)
    art = make_article("The ministers met in Kourou on Tuesday.")
    (m,) = [m for m in extractor.extract(art) if m.facility_id.startswith("place:")]
    assert m.surface == "Kourou"
    gid = int(m.facility_id.split(":")[1])
    place = place_by_id(gid)
    assert (place.name, place.country) == ("Kourou", "GF")


@pytest.mark.parametrize(
    "text",
    [
        "Su-30SM fighters were moved there from bases in North Ossetia.",  # not a town "North"
        "Latihan digelar di Jawa Timur pekan lalu.",  # a province, not a town "Jawa"
        "The drills took place in Moscow Oblast.",  # the region, not the city
    ],
)
def test_a_longer_geographic_name_is_not_cut_to_a_town(extractor, make_article, text):
    assert ids(extractor, make_article, text) == []


def test_a_venue_followed_by_a_day_name_is_still_the_town(extractor, make_article):
    found = extractor.extract(make_article("Kedua menteri bertemu di Almaty Jumat lalu."))
    assert [(m.facility_id, m.surface) for m in found] == [("place:1526384", "Almaty")]


@pytest.mark.parametrize(
    ("name", "prefer", "country"),
    [
        ("Priozersk", ["KZ"], "KZ"),  # the article's country decides between comparable towns
        ("Kant", ["KG"], "KG"),
        ("Paris", ["US"], "FR"),  # but not against a city fifty times bigger (Paris, Texas)
    ],
)
def test_the_articles_countries_decide_only_between_comparable_namesakes(name, prefer, country):
    from facmap.places import lookup_place

    place = lookup_place(name, prefer_countries=prefer)
    assert place is not None
    assert place.country == country


@pytest.mark.parametrize(
    "text",
    [
        "Jet F-16 tiba di Pangkalan Udara Kunsan, Korea Selatan.",  # 90% like "...Udara Kant"
        "Pesawat itu tiba di Pangkalan Udara Kandahar kemarin.",
    ],
)
def test_shared_cue_words_do_not_make_another_name_a_misspelling(extractor, make_article, text):
    found = extractor.extract(make_article(text))
    assert "kant-air-base" not in {m.facility_id for m in found}


def test_a_misspelt_name_keeps_its_cue_in_the_surface_and_score(extractor, make_article):
    (m,) = extractor.extract(make_article("Roket diluncurkan dari Kosmodrom Pletersk kemarin."))
    assert (m.facility_id, m.surface, m.match) == (
        "plesetsk-cosmodrome",
        "Kosmodrom Pletersk",
        "fuzzy",
    )
    assert m.score > 0.85  # the phrase against "Kosmodrom Plesetsk", as written
