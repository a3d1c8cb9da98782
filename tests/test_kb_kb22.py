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
        (
            "US troops at Q-West supported the Mosul offensive.",
            "en",
            "qayyarah-airfield-west-q-west",
        ),
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
        ("Airstrikes hit Abu al-Duhur airbase in Idlib.", "en", "abu-al-duhur-air-base"),
        ("Hezbollah fighters massed near al-Qusayr air base.", "en", "al-qusayr-air-base"),
        ("Rebels shelled the Nayrab military airport in Aleppo.", "en", "al-nayrab-air-base"),
        ("Druze militias took Tha'lah airbase.", "en", "thalah-air-base"),
        ("Russian jets struck near Hamdan airbase.", "en", "hamdan-air-base-abu-kamal"),
        ("Вертолёты перебросили на аэродром Камышлы.", "ru", "qamishli-air-base-oskl"),
        ("ISIS stormed Tabqa air base in 2014.", "en", "tabqa-air-base-os59"),
        (
            "The siege of Deir ez-Zor military airport was lifted.",
            "en",
            "deir-ez-zor-military-airport-osdz",
        ),
        ("F-16s will be based at Benguerir Air Base.", "en", "ben-guerir-air-base"),
        ("The Tiger Forces broke the siege of Kweires airbase.", "en", "kuweires-air-base"),
        (
            "Saudi troops held drills at King Khalid Military City.",
            "en",
            "king-khalid-military-city",
        ),
        ("The exercise took place at KKMC near Hafar al-Batin.", "en", "king-khalid-military-city"),
        ("Kenyan F-5s flew from Laikipia Air Base.", "en", "laikipia-air-base"),
        ("Le capitaine Traoré a visité la Base aérienne 511.", "fr", "ouagadougou-ba-511"),
        ("The GOC visited Maimalari Cantonment.", "en", "maimalari-cantonment-maiduguri"),
        ("An explosion hit Giwa Barracks in Maiduguri.", "en", "giwa-barracks-maiduguri"),
        ("La MINUSMA a quitté le camp de Kidal.", "fr", "kidal-military-camp"),
        (
            "Les F-16 seront basés à la base aérienne de Ben Slimane.",
            "fr",
            "ben-slimane-air-base-gmmb",
        ),
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
        ("The Tabqa Dam and the city of Qamishli were in the weather report.", "en"),
        ("The mayor of Ben Guerir opened a new school in al-Qusayr.", "en"),
        ("The governor of Borno spoke in Maiduguri about the rains.", "en"),
        ("Tourists flew to Nanyuki for a safari in Laikipia county.", "en"),
    ],
)
def test_kb22_civil_sentences_name_no_facility(text, lang):
    ids = [m.facility_id for m in mentions_shipped(text, lang) if m.facility_id]
    assert not [
        i
        for i in ids
        if i.startswith(
            (
                "timbuktu",
                "misrata",
                "tiyas",
                "tabqa",
                "qamishli",
                "ben-guerir",
                "al-qusayr",
                "maimalari",
                "giwa",
                "laikipia",
            )
        )
    ], ids
