"""On-disk caches of the shipped gazetteer and the extractor's tables: never served stale."""

from __future__ import annotations

import pickle

import pytest

from facmap._cache import cache_dir
from facmap.article import article_from_text
from facmap.extract import _TABLES_VERSION, Extractor
from facmap.gazetteer import _CACHE_VERSION, _default_gazetteer

ENTRY = (
    '[[facility]]\nid = "zz-test-field"\nname = "Zzyzxville Air Base"\ntype = "air_base"\n'
    'country = "US"\naliases = ["Zzyzxville"]\nlat = 35.1\nlon = -116.1\n'
    'point_basis = "b"\nprecision_km = 1\nsources = [{name = "s", url = "https://s"}]\n'
)
TEXT = "Bombers flew from Zzyzxville Air Base and from Engels air base."


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache folder of the test's own, and no gazetteer of the process held in memory.

    The place and airfield indexes, slow to build and not under test, are linked in from the
    session's cache folder.
    """
    own = tmp_path / "cache"
    own.mkdir()
    for f in cache_dir().glob("*"):
        if f.name.startswith(("places-", "airfields-")):
            (own / f.name).symlink_to(f)
    monkeypatch.setenv("FACMAP_CACHE_DIR", str(own))
    _default_gazetteer.cache_clear()
    yield own
    _default_gazetteer.cache_clear()


def test_cached_gazetteer_and_tables_equal_a_fresh_build(cache):
    """The second process (here: after the memory cache is cleared) reads the files it wrote."""
    fresh = _default_gazetteer("")
    built = Extractor()
    assert (cache / f"gazetteer-v{_CACHE_VERSION}.pickle").exists()
    assert (cache / f"extractor-tables-v{_TABLES_VERSION}.pickle").exists()
    _default_gazetteer.cache_clear()
    loaded = _default_gazetteer("")
    assert loaded is not fresh and loaded.fingerprint == fresh.fingerprint
    assert list(loaded.index) == list(fresh.index)  # order too: fuzzy ties follow it
    assert loaded.entries == fresh.entries and loaded.prefixes == fresh.prefixes
    again = Extractor()
    assert list(again.index) == list(built.index) and again.prefixes == built.prefixes
    assert again._town_keys == built._town_keys


def test_an_added_file_rebuilds_the_caches(cache, tmp_path):
    """A user's gazetteer folder that changes is read again, never taken from the cache."""
    extra = tmp_path / "mine"
    extra.mkdir()
    (extra / "a.toml").write_text("", "utf-8")
    before = _default_gazetteer(str(extra))
    assert "zz-test-field" not in before.entries
    (extra / "a.toml").write_text(ENTRY, "utf-8")
    _default_gazetteer.cache_clear()
    after = _default_gazetteer(str(extra))
    assert after.fingerprint != before.fingerprint
    assert "zz-test-field" in after.entries


def test_a_foreign_cache_file_is_rebuilt(cache):
    """A cache file holding another fingerprint (another checkout, older code) is not used."""
    with (cache / f"gazetteer-v{_CACHE_VERSION}.pickle").open("wb") as fh:
        pickle.dump(("not-this-one", None), fh)
    with (cache / f"extractor-tables-v{_TABLES_VERSION}.pickle").open("wb") as fh:
        pickle.dump(("not-this-one", ({}, frozenset(), {})), fh)
    ex = Extractor()
    assert len(ex.gaz) > 800 and ex.index
    found = {m.facility_id for m in ex.extract(article_from_text(TEXT, article_id="t"))}
    assert any("engels" in f for f in found)
