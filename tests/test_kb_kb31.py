"""Knowledge round 31: a facility's former site, as the press still names it."""

from __future__ import annotations

from tests.shipped import mentions_shipped


def test_lantamal_iv_with_tanjungpinang_is_the_tanjungpinang_site():
    """'Lantamal IV Tanjungpinang': the article's own words place it in Tanjungpinang."""
    ids = {m.facility_id for m in mentions_shipped(
        "Kapal patroli disiagakan di Lantamal IV Tanjungpinang.", "id")}
    assert ids == {"lantamal-4-former-tanjungpinang"}


def test_bare_lantamal_iv_is_the_current_batam_headquarters():
    ids = {m.facility_id for m in mentions_shipped("Kapal patroli disiagakan di Lantamal IV.", "id")}
    assert ids == {"lantamal-4-batam"}


def test_second_thomas_shoal_alone_is_a_sea_feature_its_outpost_a_facility():
    """'an incident near Second Thomas Shoal' names the shoal; 'the outpost on Second Thomas
    Shoal' names the Philippine outpost."""
    assert mentions_shipped("Another water-cannon incident near Second Thomas Shoal.") == []
    ids = {m.facility_id for m in mentions_shipped(
        "Marines rotated through the outpost on Second Thomas Shoal.")}
    assert ids == {"second-thomas-shoal"}


def test_manda_bay_is_the_kenya_navy_base_as_well_as_camp_simba():
    from tests.shipped import shipped_extractor

    e = shipped_extractor().gaz["camp-simba-manda-bay"]
    assert "naval_base" in {t.value for t in e.also_types}
    ids = {m.facility_id for m in mentions_shipped("The Kenya Navy Base Manda Bay hosted the drill.")}
    assert ids == {"camp-simba-manda-bay"}
