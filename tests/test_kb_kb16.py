"""Knowledge round 16 (Asia-Pacific, South Asia, Africa): the shipped gazetteer links the names
the press uses.

Sentences written for this file; each checks that a name links to its entry, and that a town a
new entry takes as a town alias names no facility without a facility cue.
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("US drones flew from Baledogle airfield in Lower Shabelle.", "en", "baledogle-airfield"),
        ("Il contingente è rientrato alla Base Militare Italiana di Supporto a Gibuti.", "it", "italian-military-support-base-djibouti"),
        ("Pakistan Navy's Hangor submarine was launched at KSEW in Karachi.", "en", "ksew-karachi-shipyard"),
        ("US Marines unloaded supplies at Camp Melchor Dela Cruz in Gamu, Isabela.", "en", "camp-melchor-dela-cruz-gamu"),
        ("Les paramilitaires ont attaqué la base aérienne de Méroé.", "fr", "merowe-air-base-sudanese-air-force-hsmn"),
        ("Pilots train at AFB Langebaanweg on the West Coast.", "en", "afb-langebaanweg-central-flying-school-falw"),
        ("Les derniers soldats ont quitté la base de Gao en août 2022.", "fr", "gao-airfield-former-barkhane-base-plateforme-operationnelle-desert-gago"),
        ("La France a rétrocédé la base de Faya-Largeau à l'armée tchadienne.", "fr", "faya-largeau-airfield-former-french-detachment-ftty"),
        ("Les soldats français ont quitté la base d'Abéché.", "fr", "abeche-airfield-former-french-base-fttc"),
        ("An E-767 AWACS took off from Hamamatsu Air Base.", "en", "jasdf-hamamatsu-air-base-rjnh"),
        ("A Seahawk returned to HMAS Albatross near Nowra.", "en", "hmas-albatross-naval-air-station-nowra-ysnw"),
        ("Recruits graduated at RNZAF Base Woodbourne near Blenheim.", "en", "rnzaf-base-woodbourne-nzwb"),
    ],
)
def test_region_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("text", "lang", "town_of"),
    [
        ("The weather in Gao was hot, said the trader.", "en", "gao-airfield-former-barkhane-base-plateforme-operationnelle-desert-gago"),
        ("Le marché d'Abéché a rouvert lundi.", "fr", "abeche-airfield-former-french-base-fttc"),
        ("Farmers in Gamu harvested rice early this year.", "en", "camp-melchor-dela-cruz-gamu"),
    ],
)
def test_town_without_cue_is_no_base(text, lang, town_of):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert town_of not in ids, ids
