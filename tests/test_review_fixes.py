"""Regression tests for defects an independent review found (each one reproduced first)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from facmap.article import MAX_SENTENCE_CHARS, sentences
from facmap.dataset import load_geojson, write_geojson
from facmap.errors import DatasetError
from facmap.intake import new_article

from .conftest import DATASET, SEED


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "facmap.cli", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_output_that_is_an_input_is_refused(tmp_path):
    art = tmp_path / "a.txt"
    shutil.copy(SEED, art)
    res = cli("extract", str(art), "-o", str(art))
    assert res.returncode == 1 and "not one of the articles" in res.stderr
    assert art.read_bytes() == SEED.read_bytes()


def test_sidecar_is_not_an_article(tmp_path):
    res = cli("extract", str(SEED.with_name(SEED.stem + ".meta.json")), "-o", str(tmp_path / "x"))
    assert res.returncode == 1 and "sidecar" in res.stderr


def test_adding_the_seed_file_again_changes_nothing(tmp_path):
    ds = tmp_path / "facilities.geojson"
    shutil.copy(DATASET, ds)
    res = cli("add", str(SEED), "--dataset", str(ds), "--no-store")
    assert res.returncode == 0 and "nothing changed" in res.stderr
    assert ds.read_bytes() == DATASET.read_bytes()


def test_same_text_gets_same_id_whatever_the_title():
    a = new_article("Bombers landed at Olenya air base.\n", title="One")
    b = new_article("Bombers landed at Olenya air base.\r\n\r\n", title="Two")
    assert a.meta.id == b.meta.id


def test_pathological_sentences_stay_bounded():
    for text in ("A. " * 40_000, "word " * 100_000, "Dr. Smith met B. at Kapustin Yar " * 5_000):
        spans = list(sentences(text))
        assert spans and max(b - a for a, b in spans) <= MAX_SENTENCE_CHARS
        assert all(text[a:b].strip() == text[a:b] for a, b in spans)


def test_write_through_symlink_updates_the_target(tmp_path, seed_collection):
    real = tmp_path / "shared" / "real.geojson"
    real.parent.mkdir()
    shutil.copy(DATASET, real)
    link = tmp_path / "facilities.geojson"
    link.symlink_to(real)
    fc = dict(seed_collection, features=seed_collection["features"][:2])
    write_geojson(fc, link)
    assert link.is_symlink() and len(load_geojson(real)["features"]) == 2


def test_read_only_dataset_is_refused(tmp_path, seed_collection, monkeypatch):
    ds = tmp_path / "f.geojson"
    shutil.copy(DATASET, ds)
    ds.chmod(0o444)
    # CI runs as root, for whom access() ignores the mode bits: answer as a normal user would
    real_access = os.access
    monkeypatch.setattr(
        "facmap.dataset.os.access",
        lambda p, mode: False if str(p) == str(ds) and mode == os.W_OK else real_access(p, mode),
    )
    with pytest.raises(DatasetError, match="read-only"):
        write_geojson(seed_collection, ds)
    assert ds.read_bytes() == DATASET.read_bytes()


def test_facility_town_after_venue_word_is_not_a_faraway_namesake(extractor, make_article):
    found = extractor.extract(
        make_article("Russia launched an ICBM from Plesetsk that landed at Kura.")
    )
    assert [m.facility_id for m in found if m.match == "place"] == []


def test_kml_links_only_web_addresses(seed_collection):
    import copy

    from facmap.export import to_kml

    fc = copy.deepcopy(seed_collection)
    fc["features"][0]["properties"]["mentions"][0]["url"] = "javascript:alert(1)"
    kml = to_kml(fc)
    assert "javascript:alert(1)" not in kml.split("source</a>")[0][-60:]
    assert 'href="javascript' not in kml
