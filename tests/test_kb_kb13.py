"""Knowledge round 13 (Indonesia, TNI): the shipped gazetteer links the names the press uses.

Sentences written for this file; each checks that a name links to its entry and that a
neighbouring entry with a similar name (another Kodam, division or Marine force) does not take it.
"""

from __future__ import annotations

import pytest

from tests import shipped


def mentions_shipped(text, lang="id"):
    """Mentions found in ``text`` with the shipped gazetteer (Indonesian by default)."""
    return shipped.mentions_shipped(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Pangdam Iskandar Muda meninjau Makodam Iskandar Muda di Banda Aceh.", "id", "kodam-iskandar-muda-hq-banda-aceh"),
        ("Upacara digelar di Makodam II/Sriwijaya, Palembang.", "id", "kodam-sriwijaya-hq-palembang"),
        ("Troops from Kodam Jaya were deployed to the protest.", "en", "kodam-jaya-hq-cililitan"),
        ("Apel gelar pasukan di Makodam IV/Diponegoro, Semarang.", "id", "kodam-diponegoro-hq-semarang"),
        ("Upacara di Makodam V/Brawijaya Surabaya.", "id", "kodam-brawijaya-hq-surabaya"),
        ("Pangdam VI/Mulawarman berada di Balikpapan.", "id", "kodam-mulawarman-hq-balikpapan"),
        ("Pasukan berangkat dari Markas Kostrad di Jakarta.", "id", "kostrad-hq-gambir"),
        ("The Kostrad 1st Infantry Division in Cilodong sent a battalion.", "en", "kostrad-divif-1-cilodong"),
        ("Prajurit Divif 3 Kostrad di Pakatto, Gowa.", "id", "kostrad-divif-3-pakatto-gowa"),
        ("Latihan di Markas Kopassus Cijantung.", "id", "kopassus-hq-cijantung"),
        ("Prajurit Pasmar 1 di Jakarta berangkat.", "id", "pasmar-1-cilandak-jakarta"),
        ("Prajurit Pasmar 2 di Sidoarjo berangkat.", "id", "pasmar-2-gedangan-sidoarjo"),
        ("Koopsud II Makassar menggelar latihan.", "id", "koopsud-ii-headquarters-makassar"),
        ("Helikopter Penerbad mendarat di Lanumad Ahmad Yani Semarang.", "id", "lanumad-ahmad-yani-semarang"),
    ],
)
def test_tni_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # the division numbers differ by one digit: each number keeps its own division
        ("Upacara di Makodivif 1 Kostrad Cilodong.", "kostrad-divif-2-singosari"),
        ("Prajurit Divif 3 Kostrad di Pakatto, Gowa.", "kostrad-divif-2-singosari"),
        # the Marine forces swapped numbers in 2018; 'Pasmar 1' today is Jakarta's
        ("Prajurit Pasmar 1 di Jakarta berangkat.", "pasmar-2-gedangan-sidoarjo"),
        # a civil flight at Semarang's airport is no army aviation base
        ("Penumpang pesawat Citilink mendarat di Bandara Ahmad Yani Semarang.", "lanumad-ahmad-yani-semarang"),
        # a flood in Cilodong is no division HQ
        ("Banjir melanda Cilodong dan Depok.", "kostrad-divif-1-cilodong"),
    ],
)
def test_tni_names_not_confused(text, wrong):
    ids = [m.facility_id for m in mentions_shipped(text)]
    assert wrong not in ids, ids
