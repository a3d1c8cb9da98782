"""Knowledge round 32: commands, camps and air bases the dev17/dev18 press named."""

from __future__ import annotations

from tests.shipped import mentions_shipped


def _ids(text: str, lang: str = "en") -> set[str]:
    return {m.facility_id for m in mentions_shipped(text, lang)}


def test_global_strike_command_headquarters_is_its_hq_the_command_alone_an_organisation():
    ids = _ids("The Air Force Global Strike Command headquarters at Barksdale certified the crews.")
    assert "afgsc-hq-barksdale" in ids
    assert "afgsc-hq-barksdale" not in _ids("Air Force Global Strike Command said the test passed.")


def test_theatre_commands_by_headquarters_and_by_seat():
    assert "andaman-nicobar-command-hq" in _ids(
        "Officers gathered at the Andaman and Nicobar Command headquarters.")
    # the command acting is an organisation, as three blind-written sets count it
    assert "andaman-nicobar-command-hq" not in _ids(
        "The Andaman and Nicobar Command said the exercise would continue.")
    assert "afp-western-command-hq" in _ids(
        "The plan was drafted by the Western Command in Puerto Princesa.")


def test_al_dafra_spelling_with_aircraft_is_the_air_base_but_the_region_stays_a_place():
    assert "al-dhafra-air-base" in _ids(
        "F-15E Strike Eagles were arriving at Al Dafra in the United Arab Emirates.")
    assert "al-dhafra-air-base" not in _ids("Elections in the Al Dhafra region drew voters.")


def test_moron_town_stays_a_town():
    assert "moron-air-base" not in _ids("The mayor of Morón opened a new hospital.")


def test_indonesian_forms():
    assert _ids("Kapal-kapal itu dikendalikan dari markas Koarmada I di Jakarta.", "id") == {
        "koarmada-1-former-jakarta"}
    assert "fasharkan-batam" in _ids(
        "Perawatan rutin kapal dilakukan di Fasharkan Batam di kawasan Sekupang.", "id")
    assert "rimba-air-base" in _ids("Pesawat patroli Brunei bermarkas di Pangkalan Udara Rimba.", "id")


def test_french_forms():
    assert "beriev-tantk-taganrog" in _ids("avoir visé l'usine Beriev de Taganrog, qui entretient les A-50.", "fr")
    assert "southern-military-district-hq-rostov" in _ids(
        "Le quartier général du district militaire Sud, à Rostov-sur-le-Don, n'a pas été touché.", "fr")
