"""Knowledge round 26 (command HQs, garrisons, yards and arsenals the press names: Dalzavod,
the Indonesian training commands, French regiments and HQs, Indumil, FAMAE, CACOM 4/5/6, the
Indian naval command HQs): the shipped gazetteer links the names the press uses, and the towns
the new entries stand in stay places in civil sentences.

Sentences written for this file; each checks a name against its entry, or that a civil use of a
town names no facility.
"""

from __future__ import annotations

import pytest

from tests.shipped import mentions_shipped


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Фрегат встал на ремонт в Дальзавод во Владивостоке.", "ru", "dalzavod-vladivostok"),
        ("Upacara digelar di Kesatrian Kodiklatal Bumimoro, Surabaya.", "id",
         "kodiklatal-bumimoro-surabaya"),
        ("Sertijab digelar di Markas Kodiklatau, Halim Perdanakusuma.", "id", "kodiklatau-halim"),
        ("Dankodiklatad meninjau latihan di Mako Kodiklatad Bandung.", "id", "kodiklatad-bandung"),
        ("Le Corps de réaction rapide-France prend l'alerte OTAN pour un an.", "fr",
         "crr-fr-hq-lille-citadelle"),
        ("Les légionnaires du 2e REP ont quitté Calvi pour le Mali.", "fr",
         "2e-rep-calvi-camp-raffalli"),
        ("La 13e DBLE s'est installée au camp du Larzac.", "fr", "13e-dble-larzac"),
        ("Le 1er RCP de Pamiers a fêté la Saint-Michel.", "fr", "1er-rcp-pamiers"),
        ("Le ministre a visité l'usine Safran de Gennevilliers.", "fr", "safran-gennevilliers"),
        ("La fábrica Santa Bárbara de Indumil, en Sogamoso, reportó irregularidades.", "es",
         "indumil-fasab-sogamoso"),
        ("Un Black Hawk del CACOM 5 despegó desde Rionegro.", "es",
         "comando-aereo-de-combate-no-5-cacom-5-rionegro-skrg"),
        ("El CACOM 6 apoyó la operación en Caquetá.", "es", "tres-esquinas-air-base-sktq"),
        ("El subsecretario visitó las instalaciones de FAMAE en Talagante.", "es",
         "famae-talagante"),
        ("The Eastern Naval Command headquarters in Visakhapatnam hosted the review.", "en",
         "eastern-naval-command-hq-visakhapatnam"),
        ("KRI Bima Suci sandar di Lanal Palembang.", "id", "lanal-palembang"),
        ("Kapal ikan asing dibawa ke Lanal Dumai.", "id", "lanal-dumai"),
        ("Lanal Tual dan Lanal Ternate menggelar bakti sosial.", "id", "lanal-ternate"),
    ],
)
def test_kb26_names_link(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid in ids, ids


@pytest.mark.parametrize(
    ("text", "lang", "fid"),
    [
        ("Les touristes visitent le port de Calvi en été.", "fr", "2e-rep-calvi-camp-raffalli"),
        ("Le marché de Vannes attire les touristes le samedi.", "fr", "3e-rima-vannes"),
        ("Bayonne célèbre ses fêtes chaque été.", "fr", "1er-rpima-bayonne"),
        ("Gennevilliers a inauguré une nouvelle médiathèque.", "fr", "safran-gennevilliers"),
        ("El alcalde de Sogamoso inauguró un parque.", "es", "indumil-fasab-sogamoso"),
        ("Talagante celebró su fiesta de la vendimia.", "es", "famae-talagante"),
        ("Besançon accueille un festival de musique.", "fr", "7e-brigade-blindee-hq-besancon"),
        ("Rionegro es un municipio del oriente antioqueño.", "es",
         "comando-aereo-de-combate-no-5-cacom-5-rionegro-skrg"),
        ("Les Rafale Marine sont basés à Landivisiau.", "fr", "2e-rep-calvi-camp-raffalli"),
    ],
)
def test_kb26_towns_name_no_site_alone(text, lang, fid):
    ids = [m.facility_id for m in mentions_shipped(text, lang)]
    assert fid not in ids, ids


def test_kb26_lanud_stays_the_air_base():
    """A Lanal entry does not take the air base of the same town ('Lanud' vs 'Lanal')."""
    ids = [m.facility_id for m in mentions_shipped("Pesawat mendarat di Lanud Palembang.", "id")]
    assert "lanud-sri-mulyono-herlambang" in ids, ids
    assert "lanal-palembang" not in ids, ids


def test_kb26_naval_command_hq_is_not_the_base():
    """The HQ alias names the command_hq entry, not the naval base it was split from."""
    ids = [m.facility_id for m in mentions_shipped(
        "Vice Admiral Pendharkar spoke at the Southern Naval Command headquarters.", "en")]
    assert "southern-naval-command-hq-kochi" in ids, ids
    assert "kochi-naval-base" not in ids, ids
