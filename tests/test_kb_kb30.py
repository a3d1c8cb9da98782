"""Knowledge round 30 (gaps eval_dev15 and eval_dev16 showed): the new entries and the names
added to older ones link the spellings the press uses, and the towns they stand in stay places
in civil sentences.

Sentences written for this file; each checks a name against its entry, or that a civil use of a
town names no facility.
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("The Navy Operations Command in Busan sent two frigates.", "en",
         "rok-navy-operations-command-busan"),
        ("Officers spoke at the Royal Thai Air Force headquarters on Monday.", "en",
         "rtaf-headquarters-don-mueang"),
        ("The navy asked Bangkok Dock to build two patrol vessels.", "en", "bangkok-dock-company"),
        ("Pesawat mendarat di Lanud Gewayantana, Larantuka.", "id", "lanud-gewayantana-larantuka"),
        ("Satu kompi dari Yonif 733/Masariku disiagakan.", "id", "yonif-733-masariku-ambon"),
        ("Yonif 751/Raider di Sentani menjadi pasukan cadangan.", "id",
         "yonif-751-raider-sentani"),
        ("Les hélicoptères de la BFC Shearwater embarqueront.", "fr", "cfb-shearwater-12-wing"),
        ("Romaero, à Bucarest-Băneasa, assurera la maintenance des C-130.", "fr",
         "romaero-baneasa"),
        ("Des A400M ont transité par l'aéroport de Rzeszów-Jasionka.", "fr",
         "rzeszow-jasionka-airport"),
        ("Cammell Laird in Birkenhead will share repair work.", "en", "cammell-laird-birkenhead"),
        # names added to older entries
        ("Frigates will be fitted out at the Naval Dockyard in Visakhapatnam.", "en",
         "visakhapatnam-naval-base"),
        ("HAL will open a second Tejas line at its Nashik division.", "en", "hal-nashik"),
        ("Fuselages will come from the HAL complex in Bengaluru.", "en", "hal-bengaluru"),
        ("Подводные лодки останутся на базе в Полярном.", "ru", "polyarny-naval-base"),
        ("Die lettische Basis Lielvārde erhält ein neues Tanklager.", "de", "lielvarde-air-base"),
        ("Die schwedische F 21 in Luleå-Kallax übernimmt die Alarmrotte.", "de", "f21-lulea"),
        ("Aviões operaram a partir da Base Aérea de Laikipia.", "pt", "laikipia-air-base"),
        ("A tripulação visitou o Estaleiro Naval da Marinha nigeriana.", "pt",
         "naval-dockyard-limited-lagos"),
        ("Gli F-16 della 110ª Ala di Larissa voleranno sul Mar Ionio.", "it", "larissa-air-base"),
        ("Koarmada III di Sorong serta Pasmar 3 menggelar latihan.", "id", "pasmar-3-sorong"),
    ],
)
def test_kb30_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        # civil sentences: the towns stay places
        ("Birkenhead is a town on the Wirral with a busy ferry terminal.", "en",
         "cammell-laird-birkenhead"),
        ("Larissa hosts a university and a football club.", "en", "larissa-air-base"),
        ("Hämeenlinna is the birthplace of Jean Sibelius.", "en", "patria-hameenlinna"),
        ("Siemianowice Śląskie opened a new swimming pool.", "en", "rosomak-siemianowice"),
        ("Жители Тикси ждут навигацию.", "ru", "tiksi-air-base"),
    ],
)
def test_kb30_towns_stay_places(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid not in ids, ids
