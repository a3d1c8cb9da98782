"""Knowledge round 27 (the gaps eval_dev13 showed, and their neighbours: Knevichi and Kamenny
Ruchey in Russian cases, Portsmouth and Norfolk Naval Shipyards, Pease ANGB, FSG Flensburg, the
Chilean naval-zone commands, the Malay names of RMAF bases, HAL Airport, PT Len in Bandung): the
shipped gazetteer links the names the press uses, and the towns the new entries stand in stay
places in civil sentences.

Sentences written for this file; each checks a name against its entry, or that a civil use of a
town names no facility.
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Ракетоносцы Ту-22М3 перебазировали в Каменном Ручье.", "ru",
         "kamenny-ruchey-naval-air-base-uhkg"),
        ("Самолеты прибыли на аэродром Каменного Ручья в Хабаровском крае.", "ru",
         "kamenny-ruchey-naval-air-base-uhkg"),
        ("Истребители МиГ-31 на аэродроме Кневичи подняты по тревоге.", "ru",
         "knevichi-naval-air-base-uhww"),
        ("The USS Virginia arrived at PNSY for an overhaul.", "en",
         "portsmouth-naval-shipyard-kittery"),
        ("A KC-46 tanker landed at Pease ANGB after the exercise.", "en",
         "pease-air-national-guard-base-kpsm"),
        ("The carrier entered Norfolk Naval Shipyard for a refit.", "en",
         "norfolk-naval-shipyard-portsmouth-va"),
        ("La Tercera Zona Naval tendrá un nuevo edificio de mando.", "es",
         "tercera-zona-naval-hq-punta-arenas"),
        ("La Cuarta Zona Naval desplegó patrulleros frente a la costa.", "es",
         "cuarta-zona-naval-hq-iquique"),
        ("Die Flensburger Schiffbau-Gesellschaft soll die Flottendienstboote bauen.", "de",
         "fsg-flensburg"),
        ("The Dornier will be delivered from HAL Airport in Bengaluru.", "en", "hal-bengaluru"),
        ("Pesawat dikerahkan dari pangkalan TUDM Labuan ke perairan Sabah.", "id", "rmaf-labuan"),
        ("Pesawat Hawk mendarat di Pangkalan Udara TUDM Kuching.", "id", "rmaf-kuching-wbgg"),
        ("PT Len Industri di Bandung menggarap sistem radar kapal perang.", "id", "pt-len-bandung"),
        ("La frégate est en arrêt technique à Garden Island à Sydney.", "fr",
         "fleet-base-east-sydney"),
    ],
)
def test_kb27_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Kittery voters approved a new school budget.", "en", "portsmouth-naval-shipyard-kittery"),
        ("Portsmouth city council met on Tuesday.", "en", "norfolk-naval-shipyard-portsmouth-va"),
        ("Flensburg feiert sein Hafenfest im Sommer.", "de", "fsg-flensburg"),
        ("Punta Arenas celebró el aniversario de la ciudad.", "es",
         "tercera-zona-naval-hq-punta-arenas"),
        ("Kuching hosted a food festival at the waterfront.", "en", "rmaf-kuching-wbgg"),
        ("В Елизово открыли новую школу.", "ru", "yelizovo-air-base-uhpp"),
        ("Жители Кневичей жалуются на дороги.", "ru", "knevichi-naval-air-base-uhww"),
    ],
)
def test_kb27_civil_towns_stay_places(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid not in ids, ids


def test_kb27_bare_garden_island_names_neither_fleet_base():
    """Sydney's and Western Australia's Garden Islands are namesakes 3,300 km apart in one
    country: the bare name belongs to neither entry, so it must not link to either."""
    ids = [m.facility_id for m in mentions_shipped("Tourists took the ferry to Garden Island.", "en")]
    assert "fleet-base-east-sydney" not in ids and "hmas-stirling" not in ids, ids
