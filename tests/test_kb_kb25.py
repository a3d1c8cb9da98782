"""Knowledge round 25 (North Korean air bases, Egypt's Mohamed Naguib and Berenice bases, Naliya,
Mudh-Nyoma, Murid, the Isfahan conversion plant, Shahid Modarres): the shipped gazetteer links
the names the press uses, and the towns the new entries stand in stay places.

Sentences written for this file; each checks a name against its entry, or that a civil use of a
town names no facility.
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("MiG-29s returned to Sunchon Air Base after the runway works.", "en",
         "sunchon-air-base-kp"),
        ("Su-25 jets were redeployed to the Kaechon airfield.", "en", "kaechon-air-base-kp"),
        ("Imagery shows new shelters at Hwangju Air Base.", "en", "hwangju-air-base-kp"),
        ("An Il-18 landed at Orang Airport near Chongjin.", "en", "orang-air-base-zkhm"),
        ("Sisi opened the Mohamed Naguib military base in 2017.", "en",
         "mohamed-naguib-military-base"),
        ("Tejas jets moved to Air Force Station Naliya.", "en", "naliya-air-force-station"),
        ("Pakistan said PAF Base Murid had been targeted.", "en", "paf-base-murid"),
        ("Inspectors visited the Isfahan uranium conversion facility.", "en",
         "isfahan-uranium-conversion-facility"),
        ("Удар пришелся по ядерному объекту в Исфахане.", "ru",
         "isfahan-uranium-conversion-facility"),
        ("The blast at the Shahid Modarres missile base killed 17.", "en",
         "shahid-modarres-missile-base"),
        ("Rafale jets deployed to the Berenice military base.", "en", "berenice-military-base"),
        ("A C-130J landed at the Nyoma airbase in Ladakh.", "en", "mudh-nyoma-air-base"),
    ],
)
def test_kb25_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Tourists crowded the beaches of El Hammam this summer.", "en",
         "mohamed-naguib-military-base"),
        ("Naliya is a small town in Kutch district.", "en", "naliya-air-force-station"),
        ("The bazaar in Isfahan reopened after the holiday.", "en",
         "isfahan-uranium-conversion-facility"),
        ("Farmers in Chakwal harvested wheat early.", "en", "paf-base-murid"),
        ("Sunchon city held a cement plant ceremony.", "en", "sunchon-air-base-kp"),
        ("Archaeologists dug at the ruins of Berenice.", "en", "berenice-military-base"),
        ("Nyoma village lies on the bank of the Indus.", "en", "mudh-nyoma-air-base"),
    ],
)
def test_kb25_towns_name_no_site_alone(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid not in ids, ids
