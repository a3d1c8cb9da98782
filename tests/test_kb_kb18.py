"""Knowledge round 18 (Russia, Ukraine, Belarus and the CSTO states: garrisons, training grounds,
air bases and defence plants): the shipped gazetteer links the names the press uses.

Sentences written for this file; each checks that a name links to its entry, and that a town a
new entry takes as a town alias, or a common word an entry's company name spells, names no
facility without a facility cue.
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Russian troops trained at the Prudboy training ground in Volgograd region.", "en", "prudboy-training-ground"),
        ("Учения прошли на полигоне Прудбой.", "ru", "prudboy-training-ground"),
        ("Exercises were held at the Tsugol training ground.", "en", "tsugol-training-ground"),
        ("Lukashenko visited the Obuz-Lesnovsky training ground near Baranovichi.", "en", "obuz-lesnovsky-training-ground"),
        ("Учения на Обуз-Лесновском полигоне.", "ru", "obuz-lesnovsky-training-ground"),
        ("Учения на Осиповичском полигоне.", "ru", "osipovichi-training-ground"),
        ("Учения на Борисовском полигоне.", "ru", "borisov-training-ground"),
        ("Hostomel airfield was seized by Russian paratroopers.", "en", "hostomel-antonov-airport"),
        ("Бої за аеропорт Гостомель.", "uk", "hostomel-antonov-airport"),
        ("Drones struck the Kupol plant in Izhevsk.", "en", "kupol-izhevsk"),
        ("Дроны атаковали завод «Купол» в Ижевске.", "ru", "kupol-izhevsk"),
        ("Raduga in Dubna makes Kh-101 missiles.", "en", "raduga-dubna"),
        ("Aviastar in Ulyanovsk builds Il-76 transports.", "en", "aviastar-ulyanovsk"),
        ("Su-35s flew from Dzemgi air base.", "en", "dzemgi-air-base-uhkd"),
        ("Drones hit Morozovskaya airfield overnight.", "en", "morozovsk-air-base"),
    ],
)
def test_region_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("The mayor of Hostomel spoke about rebuilding the town.", "en", "hostomel-antonov-airport"),
        ("Жители Гостомеля вернулись домой.", "ru", "hostomel-antonov-airport"),
        ("The weather in Tsugol was cold.", "en", "tsugol-training-ground"),
        ("The rainbow, or raduga in Russian, appeared after the rain.", "en", "raduga-dubna"),
        ("Над куполом храма появилась радуга.", "ru", "raduga-dubna"),
        ("Над куполом храма появилась радуга.", "ru", "kupol-izhevsk"),
        ("The football club of Borisov won the league.", "en", "borisov-training-ground"),
    ],
)
def test_town_or_word_without_cue_is_no_facility(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid not in ids, ids
