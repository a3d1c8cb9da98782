"""Issue 12: hostile input and crashes. Bad files get one line, writes never lose data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from facmap.cli import main
from facmap.dataset import dumps, load_geojson, parse_geojson, validate, write_geojson
from facmap.errors import DatasetError

from .conftest import DATASET


def cli(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "facmap.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def one_line_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("facmap: error:"), stderr
    assert "Traceback" not in stderr
    return lines[0]


def seed():
    return json.loads(DATASET.read_text("utf-8"))


# -- NaN and Infinity: never read, never written --------------------------------------------
def _set_precision(fc, v):
    fc["features"][0]["properties"]["precision_km"] = v


def _set_score(fc, v):
    fc["features"][0]["properties"]["mentions"][0]["score"] = v


def _set_coordinate(fc, v):
    f = next(f for f in fc["features"] if f["geometry"]["type"] == "Point")
    f["geometry"]["coordinates"][0] = v
    f["properties"]["lon"] = v


NONFINITE = [float("nan"), float("inf"), float("-inf")]
WHERE = [_set_precision, _set_score, _set_coordinate]


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("value", NONFINITE)
def test_nonfinite_numbers_are_refused_when_read(where, value):
    fc = seed()
    where(fc, value)
    text = json.dumps(fc)  # Python writes NaN / Infinity / -Infinity tokens
    with pytest.raises(DatasetError) as err:
        parse_geojson(text, name="x.geojson")
    msg = str(err.value)
    assert "\n" not in msg and "finite" in msg


def test_number_too_large_for_a_float_is_refused():
    text = DATASET.read_text("utf-8").replace('"precision_km": ', '"precision_km": 1e999, "x": ', 1)
    with pytest.raises(DatasetError, match="finite"):
        parse_geojson(text, name="x.geojson")


@pytest.mark.parametrize("where", WHERE)
@pytest.mark.parametrize("value", NONFINITE)
def test_nonfinite_numbers_are_never_written(tmp_path, where, value):
    fc = seed()
    where(fc, value)
    problems = validate(fc)  # NaN by name; an infinity may already break a schema range
    assert problems and ("finite" in problems[0] or value == value)
    out = tmp_path / "out.geojson"
    with pytest.raises(DatasetError):
        write_geojson(fc, out)
    assert not out.exists()


def test_nonfinite_anywhere_is_never_serialised(tmp_path):
    fc = seed()
    fc["features"][0]["properties"]["extra_figure"] = float("nan")
    with pytest.raises(ValueError):
        dumps(fc)
    with pytest.raises(DatasetError, match="NaN"):
        write_geojson(fc, tmp_path / "out.geojson")
    assert not (tmp_path / "out.geojson").exists()


def test_cli_validate_nan_one_line(tmp_path, capsys):
    bad = tmp_path / "nan.geojson"
    bad.write_text(
        DATASET.read_text("utf-8").replace('"precision_km": ', '"precision_km": NaN, "x": ', 1)
    )
    assert main(["validate", str(bad)]) == 1
    assert "NaN" in one_line_error(capsys.readouterr().err)
    assert load_geojson(DATASET)  # the committed dataset still reads


# -- deeply nested JSON: one line, never a RecursionError -----------------------------------
def _deep_in_property(depth: int) -> str:
    text = DATASET.read_text("utf-8")
    return text.replace(
        '"precision_km": ', '"deep": ' + "[" * depth + "]" * depth + ', "precision_km": ', 1
    )


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 50_000 + "1" + "}" * 50_000,
        _deep_in_property(900),  # parses under the recursion limit; a validator would not
        _deep_in_property(65),
    ],
    ids=["arrays", "objects", "900-in-a-property", "65-in-a-property"],
)
def test_deeply_nested_json_is_refused_in_one_line(text):
    with pytest.raises(DatasetError, match="levels deep") as err:
        parse_geojson(text, name="deep.geojson")
    assert "\n" not in str(err.value)


def test_deeply_nested_json_cli_one_line(tmp_path):
    bad = tmp_path / "deep.geojson"
    bad.write_text("[" * 100_000 + "]" * 100_000)
    for args in (("validate", str(bad)), ("export", "-i", str(bad), "-o", str(tmp_path / "x.csv"))):
        res = cli(*args)
        assert res.returncode == 1
        assert "levels deep" in one_line_error(res.stderr)
    art = tmp_path / "a.txt"
    art.write_text("Bombers landed at Olenya air base.", "utf-8")
    res = cli("add", str(art), "--dataset", str(bad), "--no-store")
    assert res.returncode == 1 and "levels deep" in one_line_error(res.stderr)
    assert bad.read_text() == "[" * 100_000 + "]" * 100_000


def test_deeply_nested_article_sidecar_is_an_article_error(tmp_path):
    from facmap.article import read_article
    from facmap.errors import ArticleError

    (tmp_path / "a.txt").write_text("Bombers landed at Olenya air base.", "utf-8")
    (tmp_path / "a.meta.json").write_text('{"id": ' + "[" * 50_000 + "]" * 50_000 + "}")
    with pytest.raises(ArticleError, match="levels deep"):
        read_article(tmp_path / "a.txt")


def test_legitimate_depth_still_reads():
    fc = load_geojson(DATASET)
    text = json.dumps(fc)
    assert parse_geojson(_deep_in_property(50), name="ok") and parse_geojson(text, name="ok")


# -- CSV formula injection (OWASP) ----------------------------------------------------------
FORMULAS = {
    "name": "=1+1",
    "operator": '=HYPERLINK("http://evil.example","x")',
    "outlet": "+cmd|' /C calc'!A0",
    "date": "-2+3",
    "url": "@SUM(A1:A9)",
    "title": "\tTabbed",
    "surface_source": "\rReturn",
}


def test_csv_cells_that_look_like_formulas_are_neutralised(tmp_path):
    import io

    import pandas as pd

    from facmap.export import to_csv, write_export

    fc = seed()
    p = fc["features"][0]["properties"]
    p["name"], p["operator"] = FORMULAS["name"], FORMULAS["operator"]
    m = p["mentions"][0]
    m["outlet"], m["date"], m["url"] = FORMULAS["outlet"], FORMULAS["date"], FORMULAS["url"]
    p["sources"][0]["name"] = FORMULAS["surface_source"]
    text = to_csv(fc, title=FORMULAS["title"])
    df = pd.read_csv(io.StringIO(text), keep_default_na=False, dtype=str)
    row = df.iloc[0]
    assert row["name"] == "'" + FORMULAS["name"]
    assert row["operator"] == "'" + FORMULAS["operator"]
    assert row["outlet"] == "'" + FORMULAS["outlet"]
    assert row["date"] == "'" + FORMULAS["date"]
    assert row["url"] == "'" + FORMULAS["url"]
    assert row["sources"].startswith("'" + FORMULAS["surface_source"])
    assert (df["report_title"] == "'" + FORMULAS["title"]).all()
    for cell in df.to_numpy().ravel():
        assert not str(cell).startswith(("=", "+", "-", "@", "\t", "\r")), cell
    # numbers stay numbers: a negative longitude is not text
    neg = seed()
    f = next(f for f in neg["features"] if f["geometry"]["type"] == "Point")
    f["geometry"]["coordinates"][0] = f["properties"]["lon"] = -70.5
    back = pd.read_csv(io.StringIO(to_csv(neg)), keep_default_na=False)
    assert -70.5 in back["lon"].tolist()
    # the file the CLI's exporter writes is neutralised too
    out = tmp_path / "x.csv"
    write_export(fc, out, fmt="csv", title=FORMULAS["title"])
    disk = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert disk.iloc[0]["operator"] == "'" + FORMULAS["operator"]


# -- backups: never truncated in place, never lost to a failed write, durable ---------------
def _add(ds, text, extractor, day=1):
    from facmap.intake import new_article
    from facmap.store import add_article

    art = new_article(text, outlet="T", date=f"2025-11-{day:02d}")
    return add_article(art, ds, extractor=extractor, articles_dir="")


@pytest.fixture
def two_versions(tmp_path, extractor):
    """A dataset at version 1 whose backup holds version 0."""
    ds = tmp_path / "f.geojson"
    ds.write_bytes(DATASET.read_bytes())
    _add(ds, "Bombers landed at Olenya air base.", extractor, 1)
    bak = tmp_path / "f.geojson.bak"
    assert bak.read_bytes() == DATASET.read_bytes()
    return ds, bak


def test_backup_is_replaced_not_truncated_in_place(two_versions, extractor):
    ds, bak = two_versions
    v0, v1 = bak.read_bytes(), ds.read_bytes()
    with bak.open("rb") as old_backup:  # a reader (or a crash) in the middle of the copy
        _add(ds, "Submarines returned to Gadzhiyevo naval base.", extractor, 2)
        assert old_backup.read() == v0  # the old backup's bytes were never overwritten
    assert bak.read_bytes() == v1
    assert load_geojson(bak) and load_geojson(ds)


def test_failed_write_keeps_the_previous_backup(two_versions, extractor, monkeypatch):
    import errno
    import os

    ds, bak = two_versions
    v0, v1 = bak.read_bytes(), ds.read_bytes()

    def full_disk(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(DatasetError, match="No space left"):
        _add(ds, "Submarines returned to Gadzhiyevo naval base.", extractor, 2)
    monkeypatch.undo()
    assert ds.read_bytes() == v1 and bak.read_bytes() == v0
    assert sorted(p.name for p in ds.parent.iterdir()) == [
        "f.geojson",
        "f.geojson.bak",
        "f.geojson.lock",
    ]


def test_backup_falls_back_to_a_copy_without_hard_links(two_versions, extractor, monkeypatch):
    import os

    ds, bak = two_versions
    v1 = ds.read_bytes()

    def no_links(src, dst, **kw):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    _add(ds, "Submarines returned to Gadzhiyevo naval base.", extractor, 2)
    assert bak.read_bytes() == v1 and ds.read_bytes() != v1


def test_write_fsyncs_the_file_and_then_its_folder(two_versions, extractor, monkeypatch):
    import os
    import stat

    ds, _ = two_versions
    synced: list[str] = []
    real_fsync = os.fsync

    def spy(fd):
        synced.append("dir" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy)
    _add(ds, "Submarines returned to Gadzhiyevo naval base.", extractor, 2)
    assert "file" in synced and synced[-1] == "dir"


# -- leftovers of killed writers, and lock advice -------------------------------------------
def test_stale_temp_files_of_killed_writers_are_cleaned(tmp_path, monkeypatch):
    import time

    import facmap.dataset as ds_mod

    monkeypatch.setattr(ds_mod, "STALE_TEMP_S", 0.5)
    ds = tmp_path / "f.geojson"
    ds.write_bytes(DATASET.read_bytes())
    stale = [tmp_path / ".f.geojson.k1ll3d_x.tmp", tmp_path / ".f.geojson.0123abcd.tmp"]
    for s in stale:
        s.write_text("half a dataset")
    not_ours = [
        tmp_path / ".g.geojson.k1ll3d_x.tmp",  # another file's temp
        tmp_path / ".f.geojson.notours.tmp",  # not our pattern (7 characters)
        tmp_path / "f.geojson.tmp",
    ]
    for s in not_ours:
        s.write_text("keep")
    (tmp_path / ".f.geojson.linkdir0.tmp").mkdir()  # not a regular file
    time.sleep(0.6)
    fresh = tmp_path / ".f.geojson.livewrtr.tmp"  # a live writer's file
    fresh.write_text("being written")
    write_geojson(load_geojson(DATASET), ds)
    assert not any(s.exists() for s in stale)
    assert all(s.exists() for s in not_ours) and fresh.exists()
    assert (tmp_path / ".f.geojson.linkdir0.tmp").is_dir()


def test_lock_timeout_says_find_the_other_writer_not_delete_the_lock(tmp_path, monkeypatch):
    import fcntl
    import os

    import facmap.store as store
    import facmap.stores.base

    ds = tmp_path / "f.geojson"
    ds.write_bytes(DATASET.read_bytes())
    monkeypatch.setattr(facmap.stores.base, "LOCK_TIMEOUT_S", 0.2)
    with (tmp_path / "f.geojson.lock").open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # another writer
        with pytest.raises(DatasetError) as err:
            store.remove_article_from_file("x", ds)
    msg = str(err.value)
    assert "\n" not in msg and "another writer" in msg and "fuser" in msg
    assert "delete" not in msg.lower() and "remove" not in msg.lower()
    assert (tmp_path / "f.geojson.lock").exists() and ds.read_bytes() == DATASET.read_bytes()
    assert os.path.realpath(ds) + ".lock" in msg


# -- facmap add: all or nothing -------------------------------------------------------------
def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_add_with_articles_dir_a_file_changes_nothing(tmp_path):
    ds = tmp_path / "f.geojson"
    ds.write_bytes(DATASET.read_bytes())
    (tmp_path / "articles").write_text("I am a file, not a folder")
    art = tmp_path / "in" / "n.txt"
    art.parent.mkdir()
    art.write_text("Russian bombers were seen at Olenya air base on Sunday.", "utf-8")
    before = _snapshot(tmp_path)
    for extra in ((), ("--articles-dir", str(tmp_path / "articles" / "sub"))):
        res = cli("add", str(art), "--dataset", str(ds), "--date", "2025-11-09", *extra)
        assert res.returncode == 1
        line = one_line_error(res.stderr)
        assert "articles" in line and "nothing was changed" in line
        after = _snapshot(tmp_path)
        after.pop(Path("f.geojson.lock"), None)
        assert after == before


def test_add_undoes_the_article_copy_when_the_dataset_cannot_be_written(
    tmp_path, extractor, monkeypatch
):
    import facmap.store as store
    import facmap.stores.geojson
    from facmap.intake import new_article

    ds = tmp_path / "f.geojson"
    ds.write_bytes(DATASET.read_bytes())

    def refuse(*a, **k):
        raise DatasetError("disk full")

    monkeypatch.setattr(facmap.stores.geojson, "write_geojson", refuse)
    art = new_article("Bombers landed at Olenya air base.", outlet="T", date="2025-11-01")
    with pytest.raises(DatasetError, match="disk full"):
        store.add_article(art, ds, extractor=extractor, articles_dir=tmp_path / "a" / "b")
    assert not (tmp_path / "a").exists() and ds.read_bytes() == DATASET.read_bytes()
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "other.txt").write_text("another article")
    with pytest.raises(DatasetError, match="disk full"):
        store.add_article(art, ds, extractor=extractor, articles_dir=tmp_path / "keep")
    assert [p.name for p in (tmp_path / "keep").iterdir()] == ["other.txt"]


# -- extract -o takes the writers' lock -----------------------------------------------------
def test_extract_output_waits_for_the_writers_lock(tmp_path, monkeypatch, capsys):
    import fcntl

    import facmap.stores.base

    from .conftest import SEED

    out = tmp_path / "f.geojson"
    out.write_bytes(b"{}")  # another writer's dataset, mid-update
    monkeypatch.setattr(facmap.stores.base, "LOCK_TIMEOUT_S", 0.2)
    with (tmp_path / "f.geojson.lock").open("a") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        assert main(["extract", str(SEED), "-o", str(out)]) == 1
    assert "another writer" in one_line_error(capsys.readouterr().err)
    assert out.read_bytes() == b"{}"
    assert main(["extract", str(SEED), "-o", str(out)]) == 0  # lock free: it writes
    assert out.read_bytes() == DATASET.read_bytes()


def test_locking_never_creates_folders_nor_waits_on_an_unwritable_one(tmp_path):
    import time

    from facmap.store import locked

    with pytest.raises(DatasetError, match="does not exist"), locked(tmp_path / "no" / "x.geojson"):
        pass
    assert not (tmp_path / "no").exists()
    start = time.monotonic()
    with pytest.raises(DatasetError, match="writable"), locked("/proc/facmap-lock-test.geojson"):
        pass
    assert time.monotonic() - start < 5  # at once, not after the lock timeout


# -- symbolic links: loops refused in one line, links written through ----------------------
@pytest.fixture
def article_file(tmp_path):
    art = tmp_path / "in" / "n.txt"
    art.parent.mkdir()
    art.write_text("Russian bombers were seen at Olenya air base on Sunday.", "utf-8")
    return art


@pytest.mark.parametrize("loop_name", ["loop.geojson", "dloop/x.geojson"])
def test_symlink_loops_are_refused_in_one_line(tmp_path, article_file, loop_name, capsys):
    from .conftest import SEED

    (tmp_path / "loop.geojson").symlink_to("loop.geojson")
    (tmp_path / "dloop").symlink_to("dloop")
    target = str(tmp_path / loop_name)
    for args in (
        ("extract", str(SEED), "-o", target),
        ("add", str(article_file), "--dataset", target, "--no-store"),
        ("remove", "some-id", "--dataset", target),
        ("validate", target),
    ):
        assert main(list(args)) == 1, args
        assert "loop" in one_line_error(capsys.readouterr().err), args
    assert (tmp_path / "loop.geojson").is_symlink() and (tmp_path / "dloop").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dloop", "in", "loop.geojson"]


def test_add_through_a_symlink_updates_the_target_and_keeps_the_link(tmp_path, article_file):
    real = tmp_path / "shared" / "real.geojson"
    real.parent.mkdir()
    real.write_bytes(DATASET.read_bytes())
    link = tmp_path / "facilities.geojson"
    link.symlink_to(real)
    res = cli("add", str(article_file), "--dataset", str(link), "--no-store")
    assert res.returncode == 0, res.stderr
    assert link.is_symlink() and link.readlink() == real
    assert "olenya-air-base" in {f["id"] for f in load_geojson(real)["features"]}
    assert (real.parent / "real.geojson.bak").read_bytes() == DATASET.read_bytes()
    assert not (tmp_path / "facilities.geojson.bak").exists()


# -- the CLI edge: one line, never a traceback ---------------------------------------------
@pytest.mark.parametrize(
    ("exc", "needle"),
    [
        (PermissionError(13, "Permission denied", "/srv/x.geojson"), "Permission denied"),
        (IsADirectoryError(21, "Is a directory"), "Is a directory"),
        (RecursionError("maximum recursion depth exceeded"), "nests too deeply"),
        (ValueError("bad value\nsecond line"), "bad value second line"),
        (TypeError("a bug"), "Please report it"),
        (DatasetError("a message\nover two lines"), "a message over two lines"),
    ],
)
def test_no_traceback_reaches_a_cli_user(tmp_path, monkeypatch, capsys, exc, needle):
    import facmap.stores.geojson

    def boom(*a, **k):
        raise exc

    monkeypatch.delenv("FACMAP_DEBUG", raising=False)
    monkeypatch.setattr(facmap.stores.geojson, "load_geojson", boom)
    assert main(["validate", str(DATASET)]) == 1
    assert needle in one_line_error(capsys.readouterr().err)


def test_debug_env_shows_the_traceback(monkeypatch):
    import facmap.stores.geojson

    def boom(*a, **k):
        raise TypeError("a bug")

    monkeypatch.setenv("FACMAP_DEBUG", "1")
    monkeypatch.setattr(facmap.stores.geojson, "load_geojson", boom)
    with pytest.raises(TypeError):
        main(["validate", str(DATASET)])


# -- fault test: SIGKILL at random points of `facmap add`, backup step included -------------
_FORK_ADDER = r"""
import os, signal, sys, time
from facmap.cli import main

ds, art, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
args = ["add", art, "--dataset", ds, "--date", "2025-11-09"]
# warm this process's caches once, on a scratch dataset: each forked add then starts warm
main(["add", art, "--dataset", scratch, "--no-store"])


def child():
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 2)
    os._exit(main(args))


for line in sys.stdin:
    delay = float(line)  # < 0: let it finish; report when the dataset was replaced
    ino = os.stat(ds).st_ino
    start = time.perf_counter()
    replaced = -1.0
    pid = os.fork()
    if pid == 0:
        child()
    if delay >= 0:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    else:
        while os.waitpid(pid, os.WNOHANG) == (0, 0):
            if replaced < 0 and os.stat(ds).st_ino != ino:
                replaced = time.perf_counter() - start
            time.sleep(0.0002)
        print(f"0 {time.perf_counter() - start:.4f} {replaced:.4f}", flush=True)
        continue
    _, status = os.waitpid(pid, 0)
    took = time.perf_counter() - start
    killed = os.WIFSIGNALED(status)
    print(f"{'killed' if killed else os.WEXITSTATUS(status)} {took:.4f} -1", flush=True)
"""


def test_sigkill_during_add_leaves_old_or_new_dataset_and_a_valid_backup(tmp_path):
    import random
    import time

    from facmap.dataset import write_bytes_atomic

    ds = tmp_path / "facilities.geojson"
    art = tmp_path / "in" / "n.txt"
    art.parent.mkdir()
    text = "Russian bombers were seen at Olenya air base on Sunday."
    art.write_text(text, "utf-8")
    old = DATASET.read_bytes()
    ds.write_bytes(old)
    proc = subprocess.Popen(
        [sys.executable, "-c", _FORK_ADDER, str(ds), str(art), str(tmp_path / "scratch.geojson")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def run(delay: float) -> tuple[str, float, float]:
        proc.stdin.write(f"{delay}\n")
        proc.stdin.flush()
        outcome, took, replaced = proc.stdout.readline().split()
        return outcome, float(took), float(replaced)

    bak = tmp_path / "facilities.geojson.bak"

    def reset() -> None:
        write_bytes_atomic(ds, old)  # the old dataset again
        if new is not None:  # a previous backup unlike the old dataset: a torn one would show
            write_bytes_atomic(bak, new)
        for f in (tmp_path / "articles").glob("*"):
            f.unlink()

    new = None
    try:
        outcome, took, replaced = run(-1)  # a whole add
        assert outcome == "0"
        new = ds.read_bytes()
        assert new != old and "olenya-air-base" in new.decode()
        reset()
        outcome, took, replaced = run(-1)  # how long it takes, when it replaces the file
        assert outcome == "0" and ds.read_bytes() == new and 0 < replaced <= took
        rng = random.Random(12)
        seen = {"old": 0, "new": 0, "completed": 0, "mid-write": 0, "backup": 0}
        start = time.monotonic()
        for k in range(50):
            if k % 10 == 0:  # re-measure: the machine's load changes the timing
                reset()
                outcome, took, replaced = run(-1)
                assert outcome == "0" and ds.read_bytes() == new
            reset()
            # a third anywhere in the add, two thirds in the 4 ms around the replace (the
            # temporary file, the backup link, the renames)
            if rng.random() < 1 / 3:
                delay = rng.uniform(0, took * 1.1)
            else:
                delay = max(0.0, replaced + rng.uniform(-0.003, 0.001))
            outcome, _, _ = run(delay)
            temps = list(tmp_path.glob(".facilities.geojson.*.tmp"))
            seen["mid-write"] += bool(temps)
            for t in temps:
                t.unlink()  # a killed writer's leftovers (a later write cleans them)
            seen["completed"] += outcome == "0"
            assert outcome in ("killed", "0")
            now = ds.read_bytes()
            assert now in (old, new)
            assert load_geojson(ds)
            seen["old" if now == old else "new"] += 1
            # the backup is whole and valid: the previous one, or the dataset this add replaced
            assert bak.read_bytes() in (new, old) and load_geojson(bak)
            seen["backup"] += bak.read_bytes() == old
            for f in (tmp_path / "articles").glob("*.txt"):
                assert f.read_text("utf-8") == text  # a stored copy is whole
        elapsed = time.monotonic() - start
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
        proc.stdout.close()
    print(
        f"SIGKILL x50 in {elapsed:.1f} s; warm add {took * 1000:.0f} ms, replace at "
        f"{replaced * 1000:.0f} ms; {seen}"
    )
    assert seen["old"] and seen["new"]  # kills landed before and after the replace


# -- the same on the database stores: SIGKILL at random points of `facmap add` into a GeoPackage
_FORK_ADDER_DB = r"""
import os, signal, sys, time
from facmap.cli import main

where, art, scratch = sys.argv[1], sys.argv[2], sys.argv[3]
args = ["add", art, "--dataset", where, "--date", "2025-11-09"]
main(["add", art, "--dataset", scratch, "--no-store"])  # warm this process once

for line in sys.stdin:
    delay = float(line)  # < 0: let it finish
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 2)
        os._exit(main(args))
    if delay >= 0:
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    took = time.perf_counter() - start
    print(f"{'killed' if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)} {took:.4f}", flush=True)
"""


@pytest.fixture(params=["gpkg", "postgis"])
def db_store(request, tmp_path):
    """A GeoPackage file, or a fresh schema in the test PostgreSQL/PostGIS cluster."""
    if request.param == "gpkg":
        return str(tmp_path / "facilities.gpkg")
    cluster = request.getfixturevalue("pg_cluster")
    schema = f"sigkill_{tmp_path.name[-12:].replace('-', '_').lower()}"
    cluster.sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}", db="facmap_test")
    return cluster.url("facmap_test", schema)


def test_sigkill_during_add_into_a_database_store_leaves_old_or_new(tmp_path, db_store):
    import random

    from facmap.stores import is_url, open_store

    where = db_store
    kind = "PostGIS" if is_url(where) else "GeoPackage"
    art = tmp_path / "in" / "n.txt"
    art.parent.mkdir()
    text = "Russian bombers were seen at Olenya air base on Sunday."
    art.write_text(text, "utf-8")
    old = load_geojson(DATASET)
    store = open_store(where)
    store.write(old)
    proc = subprocess.Popen(
        [sys.executable, "-c", _FORK_ADDER_DB, where, str(art), str(tmp_path / "s.geojson")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )

    def run(delay: float) -> tuple[str, float]:
        proc.stdin.write(f"{delay}\n")
        proc.stdin.flush()
        outcome, took = proc.stdout.readline().split()
        return outcome, float(took)

    def reset() -> None:
        open_store(where).write(old)
        for f in (tmp_path / "articles").glob("*"):
            f.unlink()

    seen = {"old": 0, "new": 0, "completed": 0}
    try:
        outcome, took = run(-1)
        assert outcome == "0"
        new = open_store(where).read()
        assert new != old and "olenya-air-base" in dumps(new)
        rng = random.Random(12)
        for k in range(50):
            if k % 10 == 0:  # re-measure: the machine's load changes the timing
                reset()
                outcome, took = run(-1)
                assert outcome == "0" and open_store(where).read() == new
            reset()
            outcome, _ = run(rng.uniform(0, took * 1.1))
            assert outcome in ("killed", "0")
            seen["completed"] += outcome == "0"
            # a killed writer's transaction is rolled back (SQLite on open, PostgreSQL when
            # the connection drops): the store holds the old collection or the new one
            now = open_store(where).read()
            assert now in (old, new)
            validate(now)
            seen["old" if now == old else "new"] += 1
            for f in (tmp_path / "articles").glob("*.txt"):
                assert f.read_text("utf-8") == text  # a stored copy is whole
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
        proc.stdout.close()
    print(f"{kind} SIGKILL x50; warm add {took * 1000:.0f} ms; {seen}")
    assert seen["old"] and seen["new"]
