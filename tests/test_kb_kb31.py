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
