"""Knowledge round 33: Irish, UK, Venezuelan, Mexican, Belgian, Myanmar and Russian sites the
dev16-dev20 press named, and the bare or base names of a few air bases."""

from __future__ import annotations

from tests.shipped import mentions_shipped


def _ids(text: str, lang: str = "en") -> set[str]:
    return {m.facility_id for m in mentions_shipped(text, lang)}


def test_haulbowline_and_aldergrove():
    assert "haulbowline-naval-base" in _ids(
        "The Naval Service base at Haulbowline, in Cork Harbour, will take the survey ship.")
    assert "jhc-flying-station-aldergrove-egaa" in _ids(
        "The Army will station two Wildcat helicopters at JHC Flying Station Aldergrove.")


def test_harland_and_wolff_yards():
    assert "harland-wolff-belfast" in _ids(
        "Harland and Wolff Belfast shipyard will build modules for the support ships.")
    assert "harland-wolff-appledore" in _ids(
        "Further blocks will come from the Appledore shipyard in Devon.")


def test_civil_town_mentions_stay_places():
    facilities = _ids("Flights from Cork were cancelled and the mayor of Belfast said the "
                      "city would reopen its parks; the mayor of Łask opened a school.")
    assert not facilities
    # the politician is no air base
    assert not _ids("Andreas Papandreou was prime minister of Greece.")


def test_kyaukphyu_base_by_its_naval_name():
    assert "kyaukphyu-danyawaddy-naval-base" in _ids(
        "Chinese technicians were seen at the naval base in Kyaukphyu.")
    assert "kyaukphyu-danyawaddy-naval-base" not in _ids("Kyaukphyu is a town in Rakhine.")


def test_russian_and_spanish_yards():
    assert "vostochnaya-verf-vladivostok" in _ids(
        "«Восточная верфь» достроит серию малых противолодочных кораблей.", "ru")
    assert "dianca-puerto-cabello" in _ids(
        "La Armada recibió dos patrulleros construidos en los astilleros de Dianca.", "es")
    ids = _ids("El Astillero de Marina número 20, en el Pacífico, construirá los cascos mayores, "
               "mientras que ASTIMAR 1, en Tamaulipas, hará las unidades menores.", "es")
    assert {"astimar-20-salina-cruz", "astimar-1-tampico"} <= ids


def test_fn_herstal_plant_by_its_site_word():
    assert "fn-herstal-plant" in _ids(
        "Le groupe a annoncé un investissement dans son usine de Herstal.", "fr")


def test_air_base_names():
    assert "luqiao-air-base-taizhou-luqiao-military-civil-airfield-zslq" in _ids(
        "J-16 fighters from Luqiao air base in Zhejiang joined the drills.")
    assert "amari-air-base-eeei" in _ids(
        "Deutsche Eurofighter übernehmen wieder die Alarmrotte in Ämari.", "de")
    assert "andreas-papandreou-air-base-lcph" in _ids(
        "Nicosia ha offerto la base aerea Andreas Papandreou, vicino a Pafo.", "it")
    assert "marine-corps-air-station-kaneohe-bay-phng" in _ids(
        "Marine Corps Base Hawaii would store rockets for the littoral regiment.")
