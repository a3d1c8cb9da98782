"""Knowledge round 29 (Asia-Pacific and Turkey): the new entries (the EDCA sites at Lal-lo
Airport and Balabac Island, Taiwan's Jiupeng missile test base, Bien Hoa Air Base) link the names
the press uses, sites that were entries already still link, and the towns the new entries stand
in stay places in civil sentences.

Sentences written for this file; each checks a name against its entry, or that a civil use of a
town names no facility.
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("US funds will upgrade Lal-lo Airport under EDCA.", "en", "lal-lo-airport-edca"),
        ("Marines landed at the Cagayan North International Airport.", "en",
         "lal-lo-airport-edca"),
        ("A new EDCA site on Balabac Island will host a port.", "en", "balabac-island-edca"),
        ("The navy sent a ship to Naval Station Narciso del Rosario.", "en",
         "balabac-island-edca"),
        ("Taiwan tested missiles at the Jiupeng military base in Pingtung.", "en",
         "jiupeng-missile-test-base"),
        ("Taïwan a tiré des missiles depuis la base de Jiupeng.", "fr",
         "jiupeng-missile-test-base"),
        ("USAID finished the dioxin cleanup at Bien Hoa airbase.", "en", "bien-hoa-air-base"),
        ("Очистка авиабазы Бьенхоа от диоксина.", "ru", "bien-hoa-air-base"),
        # entries of earlier rounds the brief listed, in other languages
        ("Pasukan AS tiba di Pangkalan Udara Basa di Pampanga.", "id", "basa-air-base-rpuf"),
        ("Российские корабли в Камрани.", "ru", "cam-ranh-naval-base"),
        ("Радар НАТО в Кюреджике.", "ru", "kurecik-radar-station"),
        # names added to existing entries in this round
        ("Американские военные на авиабазе Кларк на Филиппинах.", "ru", "clark-air-base"),
        ("Корабль зашёл в военно-морскую базу Субик.", "ru", "naval-operating-base-subic"),
        ("En el Fuerte Magsaysay se entrenaron tropas.", "es", "fort-magsaysay"),
        ("Учения у авиабазы Цинцюаньган.", "ru", "ching-chuan-kang-air-base-rcmq"),
        ("Протесты у лагеря Шваб продолжились.", "ru", "camp-schwab-henoko"),
        ("Ракеты доставлены в гарнизон Исигаки.", "ru", "jgsdf-ishigaki-garrison"),
        ("Истребители с авиабазы Чигли.", "ru", "cigli-air-base"),
        ("Беспилотники на авиабазе Малатья.", "ru", "erhac-air-base"),
        ("TUSAŞ headquarters in Kahramankazan was attacked.", "en", "tusas-kahramankazan"),
    ],
)
def test_kb29_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        # civil sentences: the towns and islands stay places
        ("Balabac is a remote municipality with fishing villages.", "en", "balabac-island-edca"),
        ("Lal-lo residents held a town fiesta.", "en", "lal-lo-airport-edca"),
        ("Bien Hoa is an industrial city near Ho Chi Minh City.", "en", "bien-hoa-air-base"),
        ("Jiupeng village residents run eco-tourism.", "en", "jiupeng-missile-test-base"),
        ("Генерал Уэсли Кларк выступил в Вашингтоне.", "ru", "clark-air-base"),
        ("Туристы отдыхают на Исигаки.", "ru", "jgsdf-ishigaki-garrison"),
        ("Roketsan said exports grew.", "en", "roketsan-elmadag"),
    ],
)
def test_kb29_no_false_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid not in ids, ids
