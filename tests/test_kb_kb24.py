"""Knowledge round 24 (East Africa, Libya, Indonesia, Colombia, Chile, South Africa, Iraq,
Russian and French names of known sites): the shipped gazetteer links the names the press uses,
company names stay the company, and the towns the new names share stay places.

Sentences written for this file; each checks a name against its entry, a type the entry must
carry, or that a civil use of a town or a company acting names no facility.
"""

from __future__ import annotations

import pytest

from facmap.gazetteer import load_gazetteer
from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Two F-5 jets landed at FOB Wajir on Monday.", "en", "wajir-air-base-hkwj"),
        ("The patrol boat was launched by Kenya Shipyards Ltd last year.", "en",
         "kenya-shipyards-mtongwe"),
        ("Siswa menjalani latihan terjun di Pusdiklatpassus Batujajar.", "id",
         "pusdiklatpassus-batujajar"),
        ("Корабли зашли в военно-морскую базу в Тобруке.", "ru", "tobruk-naval-base"),
        ("Вертолеты стоят в аэропорту Банги-Мпоко.", "ru", "bangui-mpoko-military-feff"),
        ("Инструкторы работают на авиабазе 101 в Ниамее.", "ru", "niamey-air-base-101"),
        ("Заводской аэродром Дзёмги примет полк.", "ru", "dzemgi-air-base-uhkd"),
        ("Танки прибыли на 201-ю российскую военную базу.", "ru", "201st-military-base-dushanbe"),
        ("Le patrouilleur a été construit par Socarenam à Saint-Malo.", "fr",
         "socarenam-saint-malo"),
        ("Le détachement air 181 de Saint-Denis reçoit un avion.", "fr", "reunion-ba-181"),
        ("La Base Naval de Bahía Málaga amplía su muelle.", "es", "bahia-malaga-naval-base"),
        ("Das RDM-Werk in Somerset West erhält eine neue Linie.", "de", "rdm-somerset-west"),
        ("Granaten wurden auf dem Schießplatz Alkantpan erprobt.", "de", "alkantpan-test-range"),
        ("Il contingente resta a Camp Singara.", "it", "camp-singara-erbil"),
        ("I genieri restano alla base di Misurata.", "it", "miasit-misrata-camp"),
        ("The Eastern Naval Command in Visakhapatnam held a review.", "en",
         "visakhapatnam-naval-base"),
    ],
)
def test_kb24_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


def test_bahia_malaga_is_the_pacific_command():
    fac = load_gazetteer()["bahia-malaga-naval-base"]
    assert "command_hq" in {fac.type, *fac.also_types}, (fac.type, fac.also_types)


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Damen Schelde Naval Shipbuilding designed the new frigates.", "en",
         "damen-naval-vlissingen"),
        ("Wajir county officials met traders at the market.", "en", "wajir-air-base-hkwj"),
        ("The ferry ARC Bahía Málaga sailed to Buenaventura.", "es", "bahia-malaga-naval-base"),
        ("Socarenam a signé un contrat pour des chalutiers.", "fr", "socarenam-saint-malo"),
        ("Boksburg residents protested about water cuts.", "en", "rdm-boksburg"),
    ],
)
def test_kb24_companies_and_towns_name_no_site_alone(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid not in ids, ids
