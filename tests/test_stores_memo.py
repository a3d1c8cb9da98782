"""The process-wide read of the shown dataset (facmap.stores.memo) and the launcher's warm-up."""

from __future__ import annotations

import importlib.util
import json
import shutil

import pytest

from facmap.dataset import write_geojson
from facmap.errors import DatasetError
from facmap.stores import memo, open_store
from facmap.userdata import chosen_dataset

from .conftest import DATASET, ROOT


@pytest.fixture(autouse=True)
def fresh():
    memo.clear()
    yield
    memo.clear()


@pytest.fixture
def copy(tmp_path):
    path = tmp_path / "f.geojson"
    shutil.copyfile(DATASET, path)
    return path


def test_one_read_per_version_and_a_new_one_after_a_change(copy):
    store = open_store(copy)
    first = memo.read_shown(copy, store.version())
    assert memo.read_shown(str(copy), store.version()) is first  # a path or its text: one key
    fc = json.loads(copy.read_text(encoding="utf-8"))
    fc["features"] = fc["features"][:2]
    write_geojson(fc, copy)
    changed = memo.read_shown(copy, open_store(copy).version())
    assert changed is not first
    assert len(changed["features"]) == 2 < len(first["features"])


def test_only_the_last_few_datasets_are_kept(tmp_path):
    paths = []
    for i in range(memo.MAX_KEPT + 1):
        paths.append(tmp_path / f"{i}.geojson")
        shutil.copyfile(DATASET, paths[-1])
    firsts = [memo.read_shown(p, "v") for p in paths]
    assert memo.read_shown(paths[-1], "v") is firsts[-1]
    assert memo.read_shown(paths[0], "v") is not firsts[0]  # the oldest was let go


def test_a_broken_dataset_raises_and_is_not_kept(tmp_path):
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json", encoding="utf-8")
    for _ in range(2):  # raised again: no half-read collection was kept
        with pytest.raises(DatasetError):
            memo.read_shown(bad, "v")


def test_warm_reads_in_the_background_and_keeps_errors_for_the_page(copy, tmp_path):
    memo.warm(copy).join(timeout=30)
    # the warm-up filled the cache before the page asked; the page's read finds that copy
    assert (str(copy), open_store(copy).version()) in memo._kept
    bad = tmp_path / "bad.geojson"
    bad.write_text("[]", encoding="utf-8")
    thread = memo.warm(bad)
    thread.join(timeout=30)
    assert not thread.is_alive()  # ended quietly; the page reports the error itself


def test_launcher_and_page_agree_on_the_dataset(monkeypatch):
    monkeypatch.delenv("FACMAP_DATASET", raising=False)
    # the launcher's argv holds Streamlit's options too; only --dataset counts
    argv = ["--server.port", "8502", "--", "--dataset", "~/x.geojson"]
    assert str(chosen_dataset(argv)).endswith("/x.geojson")
    assert "~" not in str(chosen_dataset(argv))
    assert chosen_dataset(["--dataset", "postgresql://u@h/db"]) == "postgresql://u@h/db"
    assert chosen_dataset(["--server.port", "1"]) is None
    spec = importlib.util.spec_from_file_location("facmap_launcher", ROOT / "app" / "run_app.py")
    assert spec
    assert spec.loader
    launcher = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(launcher)
    assert launcher.SEED == DATASET  # the page's default (test_page_apptest checks that side)
