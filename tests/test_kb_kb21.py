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
        ("Су-35С перебросили на аэродром Буревестник.", "ru", "burevestnik-air-base-uhsb"),
        ("Заказ получил Новороссийский судоремонтный завод.", "ru", "novorossiysk-ship-repair-yard"),
        ("Two patrol boats sailed from Puerto Cabello naval base.", "en", "puerto-cabello-naval-base"),
        ("A Dornier landed at Air Station London, Timehri.", "en", "timehri-gdf-air-corps"),
        ("A P-8A deployed to CSL Comalapa last week.", "en", "comalapa-csl"),
        ("Polnische Piloten üben auf der Ebbing Air National Guard Base.", "de", "ebbing-angb"),
        ("Gli NH90 rientrano a Maristaeli Catania.", "it", "maristaeli-catania"),
        ("Des hélicoptères sont arrivés à la base aérienne 101 de Sénou.", "fr", "bamako-senou-ba-101"),
        ("Ракету разработал ГРЦ имени Макеева.", "ru", "makeyev-src-miass"),
        ("Prajurit mengikuti kursus di Pusdikarmed.", "id", "pusdikarmed-cimahi"),
        ("Taruna Akmil Magelang mengikuti latihan.", "id", "akmil-magelang"),
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


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Ракета «Буревестник» прошла испытания.", "ru", "burevestnik-air-base-uhsb"),
        ("Flights from Timehri airport to Miami resumed.", "en", "timehri-gdf-air-corps"),
        ("The mayor of Comalapa opened a new market.", "en", "comalapa-csl"),
        ("La base aérienne 101 de Toulouse-Francazal accueille des hélicoptères.", "fr", "bamako-senou-ba-101"),
    ],
)
def test_kb21_shared_words_name_no_site_alone(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid not in ids, ids
