"""Knowledge round 13 (kb14): plants, yards and naval academies the press names are found.

Sentences written for this round; each names a site by a form articles use, and the extractor
must map it to the curated entry (not to a town point or to a namesake elsewhere).
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Die Offiziersanwärter der Marineschule Mürwik legten ihr Gelöbnis ab.", "de", "marineschule-murwik"),
        ("Gli allievi dell'Accademia Navale di Livorno salgono sul Vespucci.", "it", "accademia-navale-livorno"),
        ("Cadets of the Polish Naval Academy sailed from Gdynia.", "en", "polish-naval-academy-gdynia"),
        ("La Escuela Naval Militar de Río Santiago recibió a los cadetes.", "es", "escuela-naval-militar-rio-santiago"),
        ("La ceremonia tuvo lugar en la Heroica Escuela Naval Militar en Antón Lizardo.", "es", "heroica-escuela-naval-militar"),
        ("KNDS took over the Alstom plant in Görlitz to build tank parts.", "en", "knds-gorlitz"),
        ("Diehl Defence assembles IRIS-T SLM at Röthenbach an der Pegnitz.", "en", "diehl-defence-rothenbach"),
        ("Navantia's Puerto Real shipyard will build the support ships.", "en", "navantia-puerto-real"),
        ("Airbus Helicopters' plant in Albacete delivered two Tigers.", "en", "airbus-helicopters-albacete"),
    ],
)
def test_kb14_site_found(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


def test_spanish_naval_academy_keeps_generic_name():
    """The generic 'Escuela Naval Militar' stays Marín's; the Mexican and Argentine ones need more."""
    ids = [m.facility_id for m in mentions_shipped("Los cadetes de la Escuela Naval Militar de Marín.", "es")]
    assert ids == ["escuela-naval-militar-marin"], ids


def test_albacete_without_plant_cue_stays_air_base():
    ids = [m.facility_id for m in mentions_shipped("Aviones despegaron de la base de Albacete.", "es")]
    assert "los-llanos-air-base-leab" in ids and "airbus-helicopters-albacete" not in ids, ids


def test_town_council_is_no_plant():
    ids = [m.facility_id for m in mentions_shipped("The mayor of Görlitz spoke about the bridge.")]
    assert "knds-gorlitz" not in ids, ids
