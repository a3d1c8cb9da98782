"""The page's working copy: the seed is never written; first edit copies it; reset restores it."""

from __future__ import annotations

import hashlib
import json
import threading

import pytest

from facmap.dataset import load_geojson, remove_article
from facmap.errors import DatasetError
from facmap.stores import open_store
from facmap.userdata import COPY_NAME, user_data_dir, workspace

from .conftest import DATASET


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def seed(tmp_path):
    """A seed in its own folder (the repository's is read, never touched)."""
    folder = tmp_path / "repo" / "data"
    folder.mkdir(parents=True)
    path = folder / "facilities.geojson"
    path.write_bytes(DATASET.read_bytes())
    return path


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "userdata"
    monkeypatch.setenv("FACMAP_DATA_DIR", str(d))
    return d


def test_user_data_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FACMAP_DATA_DIR", str(tmp_path / "x"))
    assert user_data_dir() == tmp_path / "x"
    monkeypatch.delenv("FACMAP_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_data_dir() == tmp_path / "xdg" / "facmap"  # platformdirs honours XDG on Linux
    assert not (tmp_path / "xdg").exists()  # nothing created by asking


def test_no_choice_or_the_seed_means_the_demo_copy(seed, data_dir):
    for chosen in (None, "", seed, str(seed)):
        ws = workspace(seed, chosen)
        assert ws.demo
        assert ws.target == data_dir / COPY_NAME
    link = seed.parent / "link.geojson"
    link.symlink_to(seed)
    assert workspace(seed, link).demo  # the seed through a link is still the seed


def test_a_named_dataset_is_used_as_it_is(seed, data_dir, tmp_path):
    mine = tmp_path / "mine.geojson"
    ws = workspace(seed, mine)
    assert not ws.demo
    assert ws.shown() == mine == ws.prepare_edit()
    url = "postgresql://u@localhost/db"
    assert workspace(seed, url).target == url
    assert workspace(seed, url).articles_dir() is None
    with pytest.raises(DatasetError, match="dataset you named"):
        ws.reset()


def test_the_seed_is_shown_until_the_first_edit_copies_it(seed, data_dir):
    before = digest(seed)
    ws = workspace(seed)
    assert ws.shown() == seed
    assert not ws.copy_exists and not ws.modified()
    target = ws.prepare_edit()
    assert target == data_dir / COPY_NAME
    assert ws.copy_exists and ws.shown() == target
    assert load_geojson(target) == load_geojson(seed)
    assert not ws.modified()
    # an edit through the store changes the copy, never the seed
    fc = load_geojson(target)
    aid = fc["facmap"]["articles"][0]["id"]
    open_store(target).write(remove_article(fc, aid))
    assert ws.modified()
    assert digest(seed) == before
    # a second first-edit does not copy over the edited copy
    ws.prepare_edit()
    assert load_geojson(target)["features"] == []


def test_reset_restores_the_seed_and_drops_added_article_copies(seed, data_dir):
    ws = workspace(seed)
    target = ws.prepare_edit()
    edited = remove_article(
        load_geojson(target), load_geojson(target)["facmap"]["articles"][0]["id"]
    )
    open_store(target).write(edited)
    articles = data_dir / "articles"
    articles.mkdir()
    (articles / "added.txt").write_text("text", encoding="utf-8")
    (articles / "added.meta.json").write_text(json.dumps({"id": "added"}), encoding="utf-8")
    (articles / "notes.md").write_text("kept", encoding="utf-8")  # not ours: left alone
    assert ws.reset() == 2
    assert target.read_bytes() == seed.read_bytes()
    assert not ws.modified()
    assert load_geojson(target.with_name(COPY_NAME + ".bak")) == edited  # one step back
    assert sorted(p.name for p in articles.iterdir()) == ["notes.md"]
    assert workspace(seed).reset() == 0  # nothing to do the second time


def test_reset_refuses_a_broken_seed_and_keeps_the_copy(seed, data_dir):
    ws = workspace(seed)
    target = ws.prepare_edit()
    copy = target.read_bytes()
    seed.write_text('{"type": "FeatureCollection"', encoding="utf-8")
    with pytest.raises(DatasetError):
        ws.reset()
    assert target.read_bytes() == copy


def test_the_seed_itself_is_never_an_edit_target(seed, data_dir):
    from facmap.userdata import Workspace

    with pytest.raises(DatasetError, match="tracked seed"):
        Workspace(seed, seed, demo=False).prepare_edit()


def test_unusable_data_folder_says_how_to_fix(seed, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"  # a file where the folder should be: refused even for root
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("FACMAP_DATA_DIR", str(blocker / "facmap"))
    with pytest.raises(DatasetError, match="FACMAP_DATA_DIR") as info:
        workspace(seed).prepare_edit()
    assert str(blocker) in str(info.value)
    assert blocker.read_text(encoding="utf-8") == "x"


def test_two_first_edits_at_once_copy_once(seed, data_dir):
    ws = workspace(seed)
    errors: list[BaseException] = []

    def edit() -> None:
        try:
            ws.prepare_edit()
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=edit) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert (data_dir / COPY_NAME).read_bytes() == seed.read_bytes()
    assert not list(data_dir.glob(".*.tmp"))
