"""Knowledge round 22 (Middle East, North Africa, Sub-Saharan Africa): the shipped gazetteer links
the names the press uses for these bases, and the towns and short codes they share stay unlinked.

Sentences written for this file; each checks a name against its entry, or that a civil sentence
naming a shared town or code names no facility.
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Israeli jets struck the T-4 air base near Palmyra overnight.", "en", "tiyas-t4-air-base"),
        ("Des frappes ont visé la base aérienne de Tiyas.", "fr", "tiyas-t4-air-base"),
        ("German Eurofighters landed at Ovda Air Base for Blue Flag.", "en", "ovda-air-base-llov"),
        ("US troops at Q-West supported the Mosul offensive.", "en", "qayyarah-airfield-west-q-west"),
        ("A Houthi missile hit Al Anad Air Base in Lahij.", "en", "al-anad-air-base"),
        ("A drone attacked the al-Tanf garrison on Sunday.", "en", "al-tanf-garrison"),
        ("Three US soldiers were killed at Tower 22 in Jordan.", "en", "tower-22-jordan"),
        ("Turkish F-16s could deploy to al-Watiya air base.", "en", "al-watiya-air-base"),
        ("Türk askerleri Vatiye Hava Üssü'nde konuşlandı.", "tr", "al-watiya-air-base"),
        ("A C-130 flew from Konya to Misrata Air Base.", "en", "misrata-air-base-hlms"),
        ("The LNA took Tamanhint air base near Sabha.", "en", "tamanhint-air-base"),
        ("Les FAMa ont repris le camp d'Amachach.", "fr", "tessalit-amachach-camp"),
        ("Barkhane a quitté la base de Tombouctou.", "fr", "timbuktu-airfield-military-camp"),
        ("The RSF shelled Wadi Seidna Air Base north of Omdurman.", "en", "wadi-seidna-air-base"),
    ],
)
def test_kb22_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Tourists visited Timbuktu and the mayor of Misrata spoke about the weather.", "en"),
        ("The T4 tank and the Tiyas village school were mentioned.", "en"),
    ],
)
def test_kb22_civil_sentences_name_no_facility(text, lang):
    ids = [m.facility_id for m in mentions_shipped(text, lang) if m.facility_id]
    assert not [i for i in ids if i.startswith(("timbuktu", "misrata", "tiyas"))], ids
