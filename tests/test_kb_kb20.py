"""Knowledge round 20 (US, UK, Germany, Poland, Nordic, Romania, Bulgaria: naval bases, garrisons
and training areas): the shipped gazetteer links the names the press uses.

Sentences written for this file; each checks that a name links to its entry, and that a town a
new entry takes as a town alias names no facility without a facility cue.
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Corveta a plecat din portul militar Mangalia.", "ro", "mangalia-naval-base"),
        ("The frigate Verni left Atia Naval Base for the Mediterranean.", "en", "atia-naval-base"),
        ("Paratroopers trained at Sennybridge Training Area in Powys.", "en", "sennybridge-training-area"),
        ("Challenger tanks fired at Castlemartin Range.", "en", "castlemartin-training-area"),
        ("Die Pioniere übten auf dem Truppenübungsplatz Klietz.", "de", "klietz-training-area"),
        ("Żołnierze ćwiczyli na poligonie w Nowej Dębie.", "pl", "nowa-deba-training-ground"),
        ("Żołnierze ćwiczyli na poligonie drawskim.", "pl", "drawsko-training-ground"),
        ("Żołnierze ćwiczyli na poligonie w Orzyszu.", "pl", "bemowo-piskie-training-area"),
        ("Norwegian special forces are based at Rena leir.", "en", "rena-leir"),
        ("Brigade North fired its K9 howitzers at Setermoen Camp.", "en", "setermoen-leir"),
        ("The regiment at Boden garrison received new tanks.", "en", "boden-garrison"),
        ("Soldiers of the South Scania Regiment trained at Revingehed.", "en", "revingehed"),
        ("Finnish and US artillery fired at Rovajärvi training area.", "en", "rovajarvi-training-area"),
        ("US troops trained at Novo Selo Training Area near Sliven.", "en", "novo-selo-training-area"),
        ("NH90 helicopters flew from Bardufoss Air Station.", "en", "bardufoss-air-station-endu"),
    ],
)
def test_region_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("text", "lang", "town_of"),
    [
        ("Tourists flocked to the beaches of Mangalia this summer.", "en", "mangalia-naval-base"),
        ("The weather in Sennybridge was wet and windy.", "en", "sennybridge-training-area"),
        ("Der Bürgermeister von Klietz eröffnete das Fest.", "de", "klietz-training-area"),
        ("The Birkebeiner ski race starts in Rena.", "en", "rena-leir"),
        ("Vi måste rena vattnet innan vi dricker det.", "sv", "rena-leir"),
        ("The mayor of Novo Selo in Vidin province announced a festival.", "en", "novo-selo-training-area"),
        ("The weather in Bardufoss was cold, the hotel said.", "en", "bardufoss-air-station-endu"),
    ],
)
def test_town_without_cue_is_no_base(text, lang, town_of):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert town_of not in ids, ids
