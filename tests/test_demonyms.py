"""Nationality adjectives tell the extractor which countries an article is about."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest
from wordfreq import zipf_frequency

from facmap._text import cue_key_of
from facmap.article import article_from_text
from facmap.countries import country_of_adjective, nationality_of
from facmap.extract import Extractor
from tests.shipped import mentions_shipped


def countries_named(text, lang="en"):
    art = article_from_text(text, article_id="t", outlet="T", date="2025-01-01", language=lang)
    return Extractor._countries_named(art)


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Swedish", "SE"),
        ("Nigerian", "NG"),
        ("Nigerien", "NE"),
        ("South African", "ZA"),
        ("égyptiens", "EG"),
        ("suédoise", "SE"),
        ("sud-africains", "ZA"),
        ("ivoirienne", "CI"),
        ("schwedische", "SE"),
        ("Schwedischen", "SE"),
        ("türkischer", "TR"),
        ("colombiana", "CO"),
        ("estadounidenses", "US"),
        ("marroquíes", "MA"),
        ("brasileiras", "BR"),
        ("francesas", "FR"),
        ("tedeschi", "DE"),
        ("giapponese", "JP"),
        ("шведские", "SE"),
        ("Шведских", "SE"),
        ("нигерийских", "NG"),
        ("австрийский", "AT"),
        ("австралийская", "AU"),
        ("южнокорейский", "KR"),
    ],
)
def test_adjective_forms_map_to_their_country(word, code):
    assert country_of_adjective(word) == code


@pytest.mark.parametrize(
    "word",
    [
        "polish",  # the English verb: English adjectives count capitalised only
        "ruse",  # "russe" folds to it under the gazetteer's key; not here
        "ceci",  # French "this", the Italian plural of ceco left out
        "serba",  # Indonesian "all kinds of"
        "rusa",  # Indonesian "deer"
        "Russo",  # the surname; "russo" lower-case is the Italian adjective
        "Indiana",
        "Korean",  # both Koreas
        "table",
        "",
    ],
)
def test_common_words_and_names_are_not_countries(word):
    assert country_of_adjective(word) is None


def test_lower_case_only_forms_still_count_lower_case():
    assert country_of_adjective("russo") == "RU"
    assert country_of_adjective("sueca") == "SE"
    assert country_of_adjective("Sueca") is None  # the town in Valencia


def test_no_listed_form_is_a_frequent_word_of_another_language():
    """The file's rule, re-checked: a kept form is rare elsewhere unless it means the same."""
    raw = tomllib.loads(
        resources.files("facmap").joinpath("data/demonyms.toml").read_text("utf-8")
    )
    raw.pop("lower_case_only")
    listed: dict[str, set[str]] = {}
    for table in raw.values():
        for lang, forms in table.items():
            for f in forms:
                listed.setdefault(f.lower(), set()).add(lang)
    for word in ("ceci", "serba", "rusa", "chino"):
        assert word not in listed
    # a sample of forms that must have been checked and kept
    for word in ("suédois", "schwedische", "colombiana", "égyptiens", "nigeriano"):
        assert word in listed
        assert all(
            zipf_frequency(word, other) < 3.0
            for other in ("en", "id", "fr", "es", "pt", "de", "it", "ru")
            if other not in listed[word]
        )


def test_nationality_of_still_reads_its_own_table():
    assert nationality_of(cue_key_of("russe")) == "RU"
    assert nationality_of(cue_key_of("swedish")) is None  # not a state with bases abroad


@pytest.mark.parametrize(
    ("text", "lang", "codes"),
    [
        ("Swedish Gripen fighters landed.", "en", {"SE"}),
        ("the Nigerian Air Force received jets", "en", {"NG"}),
        ("Le Caire a reçu des Rafale égyptiens.", "fr", {"EG"}),
        ("Die schwedische Luftwaffe übte.", "de", {"SE"}),
        ("шведские истребители взлетели", "ru", {"SE"}),
        ("la Armada colombiana zarpó", "es", {"CO"}),
        ("ships crossed the Indian Ocean", "en", set()),
        ("Latin American navies met", "en", set()),
        ("a frigate in the Norwegian Sea", "en", set()),
        ("South Sudanese troops moved", "en", {"SS"}),
    ],
)
def test_countries_named_reads_adjectives(text, lang, codes):
    assert countries_named(text, lang) == codes


def test_swedish_adjective_keeps_lulea_kallax_among_polish_and_lithuanian_bases():
    text = (
        "Swedish Gripen fighters from the F 21 wing at Luleå-Kallax joined the exercise. "
        "Polish F-16s flew from Łask and Lithuanian troops trained at Rukla. "
        "Jets also used Šiauliai."
    )
    ids = {m.facility_id for m in mentions_shipped(text)}
    assert "f21-lulea" in ids
    assert {"rukla-military-base", "siauliai-air-base-eysa"} <= ids
