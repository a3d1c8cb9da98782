"""Knowledge round 23 (East, South and Southeast Asia and the Pacific): the shipped gazetteer
links the names the press uses for these sites, and the towns they share stay places.

Sentences written for this file; each checks a name against its entry, a type the entry must
carry, or that a civil use of a town or word the new names share names no facility.
"""

from __future__ import annotations

import pytest

from facmap.gazetteer import load_gazetteer
from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Troops from Camp Naha deployed to the islands.", "en", "jgsdf-camp-naha"),
        ("The minister visited Camp Kengun in Kumamoto.", "en", "jgsdf-camp-kengun"),
        ("The US funds a warehouse at Lumbia Air Base.", "en", "lumbia-air-base-rpml"),
        ("Su-30 fighters are based at Phu Cat Air Base.", "en", "phu-cat-air-base-vvpc"),
        ("Naval Communication Station Harold E. Holt transmits to submarines.", "en",
         "ncs-harold-e-holt-exmouth"),
        ("Marines moved from Okinawa to Camp Blaz.", "en", "mcb-camp-blaz-guam"),
        ("Soldiers at Linton Military Camp were deployed.", "en", "linton-military-camp"),
        ("Troops left Burnham Military Camp.", "en", "burnham-military-camp"),
        ("The 7th Brigade paraded at Gallipoli Barracks.", "en", "gallipoli-barracks-enoggera"),
        ("The Lombrum naval base on Manus Island will be upgraded.", "en",
         "lombrum-naval-base-manus"),
        ("Work on the TACMOR radar in Palau is delayed.", "en", "tacmor-palau-angaur"),
        ("Bangladesh commissioned BNS Sheikh Hasina in 2023.", "en", "bns-sheikh-hasina-pekua"),
        ("Drones were shot down near Awantipora air base.", "en",
         "awantipur-air-force-station-viaw"),
        ("Huangpu Shipyard in Guangzhou launched a frigate.", "en",
         "huangpu-wenchong-shipyard-guangzhou"),
    ],
)
def test_kb23_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


def test_camp_kengun_is_a_headquarters():
    fac = load_gazetteer()["jgsdf-camp-kengun"]
    assert "command_hq" in {fac.type, *fac.also_types}, (fac.type, fac.also_types)


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("The mayor of Naha opened a new market.", "en", "jgsdf-camp-naha"),
        ("Flights at Phu Cat airport resumed after the storm.", "en", "phu-cat-air-base-vvpc"),
        ("Enoggera residents complained about traffic.", "en", "gallipoli-barracks-enoggera"),
        ("Flood waters hit Pekua upazila.", "en", "bns-sheikh-hasina-pekua"),
        ("A train reached Linton station.", "en", "linton-military-camp"),
        ("Ships sailed up the Huangpu river in Shanghai.", "en",
         "huangpu-wenchong-shipyard-guangzhou"),
    ],
)
def test_kb23_shared_words_name_no_site_alone(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid not in ids, ids
