"""Issue 12, a full disk: ``facmap add`` fails in one line and the dataset and backup stay valid.

The dataset lives on a real 2 MB tmpfs, filled up to a few kB of free space (tests run as
root on every machine of this project, CI's included, so ``mount`` works; without it these
tests fail, they do not skip). Each free-space amount makes a different step fail: the article
copy, the new file's temporary, the journal of a GeoPackage. Whatever fails, the dataset is
the old one and reads, the backup reads, nothing is left behind, and once space is freed the
same add succeeds. A last test injects ENOSPC into the writer where the disk cannot fill
(the step after the temporary file: the copy that keeps the backup without hard links).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from facmap.cli import main
from facmap.dataset import load_geojson
from facmap.stores import open_store

from .conftest import DATASET, SEED

FIRST = "Su-34 bombers moved to Zernograd Air Base and Olenya air base."
SECOND = "Tu-95 bombers landed at Engels air base near Saratov."
#: free space left on the filled disk: nothing, a page, a few pages, about a dataset's size
FREE = [0, 4096, 16_384, 49_152]


@pytest.fixture
def small_fs(tmp_path) -> Iterator[Path]:
    """A 2 MB tmpfs mounted for this test only."""
    where = tmp_path / "fs"
    where.mkdir()
    run = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0755", "tmpfs", str(where)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        pytest.fail(f"these tests mount a tmpfs and need root: {run.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(folder: Path, leave: int) -> Path:
    """Take all the free space of ``folder``'s filesystem but ``leave`` bytes."""
    st = os.statvfs(folder)
    avail = st.f_bavail * st.f_frsize
    filler = folder / "filler"
    fd = os.open(filler, os.O_CREAT | os.O_WRONLY, 0o644)
    try:
        os.posix_fallocate(fd, 0, max(avail - leave, 1))
    finally:
        os.close(fd)
    return filler


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.startswith("facmap: error:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", "-journal")))


@pytest.fixture
def geojson_on_small_fs(small_fs, capsys):
    """A GeoJSON dataset with one added article (so a .bak exists) on the small disk."""
    ds = small_fs / "f.geojson"
    assert main(["extract", str(SEED), "-o", str(ds)]) == 0
    (small_fs / "first.txt").write_text(FIRST, "utf-8")
    (small_fs / "second.txt").write_text(SECOND, "utf-8")
    assert main(["add", str(small_fs / "first.txt"), "--lang", "en", "--dataset", str(ds)]) == 0
    capsys.readouterr()
    return ds


@pytest.mark.parametrize("free", FREE)
def test_add_onto_a_full_disk_geojson(geojson_on_small_fs, capsys, free):
    ds = geojson_on_small_fs
    folder = ds.parent
    bak = folder / "f.geojson.bak"
    before, before_bak = ds.read_bytes(), bak.read_bytes()
    articles_before = sorted(p.name for p in (folder / "articles").iterdir())
    filler = fill(folder, free)

    args = ["add", str(folder / "second.txt"), "--lang", "en", "--dataset", str(ds)]
    assert main(args) == 1
    line = one_error_line(capsys)
    assert "disk holding it is full" in line and "nothing was changed" in line
    assert ds.read_bytes() == before and load_geojson(ds)  # the old dataset, valid
    assert bak.read_bytes() == before_bak and load_geojson(bak)  # the backup, valid
    assert sorted(p.name for p in (folder / "articles").iterdir()) == articles_before
    assert leftovers(folder) == []

    filler.unlink()  # with room again, the same add succeeds and backs up the old file
    assert main(args) == 0
    assert bak.read_bytes() == before
    after = load_geojson(ds)
    assert len(after["facmap"]["articles"]) == len(load_geojson(bak)["facmap"]["articles"]) + 1


@pytest.mark.parametrize("free", FREE)
def test_add_onto_a_full_disk_geopackage(small_fs, capsys, free):
    ds = small_fs / "f.gpkg"
    assert main(["extract", str(SEED), "-o", str(ds)]) == 0
    (small_fs / "second.txt").write_text(SECOND, "utf-8")
    before = open_store(ds).read()
    filler = fill(small_fs, free)

    args = ["add", str(small_fs / "second.txt"), "--lang", "en", "--dataset", str(ds)]
    assert main([*args, "--no-store"]) == 1
    line = one_error_line(capsys)
    assert "disk holding it is full" in line and "unchanged" in line

    filler.unlink()
    assert open_store(ds).read() == before  # the old data, valid (reading validates)
    assert leftovers(small_fs) == []
    assert main([*args, "--no-store"]) == 0
    assert len(open_store(ds).read()["features"]) > len(before["features"])


def test_full_disk_in_a_subprocess_exits_non_zero_with_one_line(geojson_on_small_fs):
    ds = geojson_on_small_fs
    before = ds.read_bytes()
    fill(ds.parent, 0)
    run = subprocess.run(
        [sys.executable, "-m", "facmap.cli", "add", str(ds.parent / "second.txt"), "--lang",
         "en", "--dataset", str(ds)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).parents[1] / "app")),
        timeout=120,
        check=False,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("facmap: error:"), run.stderr
    assert ds.read_bytes() == before


def test_enospc_while_copying_the_backup_keeps_old_dataset_and_backup(
    tmp_path, monkeypatch, capsys
):
    """Where hard links fail the backup is a copy; a full disk during that copy changes nothing."""
    import shutil

    ds = tmp_path / "f.geojson"
    assert main(["extract", str(SEED), "-o", str(ds)]) == 0
    (tmp_path / "first.txt").write_text(FIRST, "utf-8")
    (tmp_path / "second.txt").write_text(SECOND, "utf-8")
    assert main(["add", str(tmp_path / "first.txt"), "--lang", "en", "--dataset", str(ds)]) == 0
    before, before_bak = ds.read_bytes(), (tmp_path / "f.geojson.bak").read_bytes()

    def no_link(*_a, **_k):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    def copy_fills_the_disk(src, dst, *a, **k):
        Path(dst).write_bytes(Path(src).read_bytes()[:100])  # a partial copy, then full
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(shutil, "copyfile", copy_fills_the_disk)
    capsys.readouterr()
    assert main(["add", str(tmp_path / "second.txt"), "--lang", "en", "--dataset", str(ds)]) == 1
    assert "disk holding it is full" in one_error_line(capsys)
    assert ds.read_bytes() == before and load_geojson(ds)
    assert (tmp_path / "f.geojson.bak").read_bytes() == before_bak
    assert leftovers(tmp_path) == []
    assert len(list((tmp_path / "articles").iterdir())) == 2  # the first article's copy only


def test_add_onto_a_full_postgis_tablespace(pg_cluster, capsys, tmp_path):
    """The same on PostGIS: the store's tables live in a tablespace on a small tmpfs."""
    import shutil
    from urllib.parse import quote

    name = "full_" + tmp_path.name[-10:].replace("-", "_").lower()
    # inside the cluster's folder: the server runs as its own user, who must reach and own it
    small_fs = pg_cluster.dir / name
    small_fs.mkdir()
    run = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(small_fs)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        pytest.fail(f"this test mounts a tmpfs and needs root: {run.stderr.strip()}")
    if pg_cluster.as_root:
        shutil.chown(small_fs, "nobody")
    pg_cluster.sql(f"CREATE TABLESPACE {name} LOCATION '{small_fs}'")
    pg_cluster.sql(f"DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}", db="facmap_test")
    url = pg_cluster.url("facmap_test").split("&options=")[0] + "&options=" + quote(
        f"-csearch_path={name},public -cdefault_tablespace={name}", safe=""
    )
    try:
        store = open_store(url)
        store.write(load_geojson(DATASET))
        (tmp_path / "second.txt").write_text(SECOND, "utf-8")
        before = store.read()
        args = ["add", str(tmp_path / "second.txt"), "--lang", "en", "--dataset", url]
        filler = fill(small_fs, 0)

        assert main(args) == 1
        line = one_error_line(capsys)
        assert "disk is full" in line and "unchanged" in line, line
        assert open_store(url).read() == before  # the old data, valid (reading validates)

        filler.unlink()
        assert main(args) == 0
        after = open_store(url).read()
        assert len(after["features"]) > len(before["features"])
    finally:
        pg_cluster.sql(f"DROP SCHEMA IF EXISTS {name} CASCADE", db="facmap_test")
        pg_cluster.sql(f"DROP TABLESPACE IF EXISTS {name}")
        subprocess.run(["umount", "-l", str(small_fs)], check=False)
