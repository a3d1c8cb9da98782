"""Knowledge round 21 (eval_dev10's knowledge gaps): the shipped gazetteer links the names the
press uses for these sites, with the types the sites have.

Sentences written for this file; each checks a name against its entry, a type the entry must
carry, or that a word the new names share (a missile's name, a town) names no facility alone.
"""

from __future__ import annotations

import pytest

from facmap.gazetteer import load_gazetteer
from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Le quartier Geille a été rendu au Sénégal l'été dernier.", "fr", "dakar-camp-geille"),
        ("Испытания проходят в ЛИИ имени Громова в Жуковском.", "ru", "gromov-lii-zhukovsky"),
        ("Полк Ясненской ракетной дивизии заступил на дежурство.", "ru", "dombarovsky-missile-base"),
        ("В Ясненскую ракетную дивизию поступил новый комплекс.", "ru", "dombarovsky-missile-base"),
    ],
)
def test_kb21_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("fid", "kind"),
    [
        ("camp-lemonnier", "army_base"),
        ("camp-simba-manda-bay", "air_base"),
        ("dga-techniques-terrestres-bourges", "army_base"),
        ("gromov-lii-zhukovsky", "defense_industry"),
    ],
)
def test_kb21_types(fid, kind):
    fac = load_gazetteer()[fid]
    assert kind in {fac.type, *fac.also_types}, (fac.type, fac.also_types)


def test_gromov_institute_is_not_its_airfield():
    ids = [m.facility_id for m in mentions_shipped("Испытания проходят в ЛИИ имени Громова.", "ru")]
    assert "zhukovsky-ramenskoye-flight-test-airfield-uubw" not in ids, ids
