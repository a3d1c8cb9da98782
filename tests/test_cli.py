from __future__ import annotations

import subprocess
import sys

import pytest

from facmap.cli import main

from .conftest import DATASET, SEED


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "facmap.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_extract_reproduces_committed_dataset(tmp_path):
    out = tmp_path / "out.geojson"
    res = run("extract", str(SEED), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() == DATASET.read_bytes()
    assert "Traceback" not in res.stderr


def test_validate_ok(capsys):
    assert main(["validate", str(DATASET)]) == 0
    assert "valid" in capsys.readouterr().out


def test_help_shows_examples():
    res = run("extract", "--help")
    assert res.returncode == 0 and "examples:" in res.stdout and "facmap extract" in res.stdout
    res = run("--help")
    assert "examples:" in res.stdout


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (None, "does not exist"),
        (b"", "is empty"),
        (b"\xff\xfe\x00\x01binary", "UTF-8"),
    ],
)
def test_bad_article_one_line_error_and_no_output(tmp_path, content, needle):
    art = tmp_path / "a.txt"
    if content is not None:
        art.write_bytes(content)
    out = tmp_path / "out.geojson"
    out.write_text("PREVIOUS", "utf-8")
    res = run("extract", str(art), "-o", str(out))
    assert res.returncode == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in res.stderr
    assert out.read_text("utf-8") == "PREVIOUS"  # never clobbered
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["out.geojson"] + (["a.txt"] if content is not None else [])
    )


def test_huge_article(tmp_path):
    art = tmp_path / "huge.txt"
    with art.open("wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    res = run("extract", str(art), "-o", str(tmp_path / "o.geojson"))
    assert res.returncode == 1 and "bytes" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "o.geojson").exists()


def test_unknown_flag():
    res = run("extract", "--frobnicate", str(SEED), "-o", "x.geojson")
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "--frobnicate" in res.stderr


def test_unwritable_output_dir():
    # /proc refuses new files even to root, as CI runs
    res = run("extract", str(SEED), "-o", "/proc/facmap-test.geojson")
    assert res.returncode == 1 and "writable" in res.stderr and "Traceback" not in res.stderr


def test_unwritable_output_path(tmp_path):
    res = run("extract", str(SEED), "-o", str(tmp_path / "no" / "such" / "dir" / "x.geojson"))
    assert res.returncode == 1 and "does not exist" in res.stderr
    target = tmp_path / "adir"
    target.mkdir()
    res = run("extract", str(SEED), "-o", str(target))  # a directory is not a file
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert target.is_dir()


def test_validate_bad_file(tmp_path):
    p = tmp_path / "bad.geojson"
    p.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature"}]}', "utf-8")
    res = run("validate", str(p))
    assert res.returncode == 1 and "feature #0" in res.stderr


@pytest.mark.parametrize("typed", ["02/11/2025", "2025-02-30", "Nov 2 2025", ""])
def test_add_refuses_a_non_iso_date_in_one_line(tmp_path, typed):
    art = tmp_path / "n.txt"
    art.write_text("Russian bombers were seen at Olenya air base on Sunday.", "utf-8")
    ds = tmp_path / "f.geojson"
    res = run("add", str(art), "--dataset", str(ds), "--date", typed)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "--date" in lines[0] and "YYYY-MM-DD" in lines[0]
    assert repr(typed) in lines[0] and "Traceback" not in res.stderr
    assert not ds.exists() and not (tmp_path / "articles").exists()  # nothing written


def test_add_stores_an_iso_date_normalised(tmp_path, capsys):
    import json

    art = tmp_path / "n.txt"
    art.write_text("Russian bombers were seen at Olenya air base on Sunday.", "utf-8")
    ds = tmp_path / "f.geojson"
    assert main(["add", str(art), "--dataset", str(ds), "--date", "2025-11-09 08:15"]) == 0
    fc = json.loads(ds.read_text("utf-8"))
    assert [a["date"] for a in fc["facmap"]["articles"]] == ["2025-11-09T08:15"]
    dates = {m["date"] for f in fc["features"] for m in f["properties"]["mentions"]}
    assert dates == {"2025-11-09T08:15"}


def test_add_names_facilities_and_quotes_unplaced_phrases(tmp_path):
    import json

    art = tmp_path / "n.txt"
    art.write_text(
        "Russian bombers were seen at Olenya air base on Sunday, and a new launch pad at the "
        "Zhuravka test site was shown.",
        "utf-8",
    )
    ds = tmp_path / "f.geojson"
    res = run("add", str(art), "--dataset", str(ds), "--date", "2025-11-02")
    assert res.returncode == 0, res.stderr
    fc = json.loads(ds.read_text("utf-8"))
    (feature,) = fc["features"]
    fid, name = feature["properties"]["id"], feature["properties"]["name"]
    lines = res.stderr.splitlines()
    assert f"  + {name}" in lines  # the facility by name, on its own line
    assert not any(fid in line for line in lines if line.startswith("  "))  # not by its id
    (phrase,) = {m["surface"] for m in fc["facmap"]["unplaced"]}
    assert f"  ? «{phrase}» (not placed)" in lines  # the phrase itself, not only a count
    assert "1 unplaced phrase" in lines[0] and "phrase(s)" not in lines[0]
    title = fc["facmap"]["articles"][0]["title"]
    assert lines[0].startswith(f"«{title[:40]}")  # the article by its title


class _Terminal:
    """A stderr that says it is a terminal and keeps what is written."""

    def __init__(self, tty: bool):
        self.tty, self.parts = tty, []

    def isatty(self):
        return self.tty

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        pass


@pytest.mark.parametrize("tty", [True, False])
def test_first_index_build_shows_progress_on_a_terminal_only(monkeypatch, tty):
    from facmap import cli, places

    built = []

    def build(progress=None):
        built.append(True)
        progress(0.4, "folding place names")
        progress(1.0, "writing the index")

    monkeypatch.setattr(places, "place_index_ready", lambda: False)
    monkeypatch.setattr(places, "build_place_index", build)
    err = _Terminal(tty)
    monkeypatch.setattr(sys, "stderr", err)
    cli._show_place_index_build()
    text = "".join(err.parts)
    if tty:
        assert built and "building the place index" in text and "100%" in text
        assert "folding place names" in text
    else:  # a pipe or a log: not a character, the extraction builds the index as before
        assert not built and text == ""


def test_no_index_message_once_the_index_exists(monkeypatch):
    from facmap import cli, places

    monkeypatch.setattr(places, "place_index_ready", lambda: True)
    monkeypatch.setattr(places, "build_place_index", lambda progress=None: pytest.fail("built"))
    err = _Terminal(True)
    monkeypatch.setattr(sys, "stderr", err)
    cli._show_place_index_build()
    assert err.parts == []


def test_every_subcommand_help_shows_examples():
    from facmap.cli import build_parser

    parser = build_parser()
    subs = next(a for a in parser._actions if a.dest == "command").choices
    assert {"extract", "add", "export", "remove", "validate", "convert"} <= set(subs)
    for name, sub in subs.items():
        text = sub.format_help()
        assert "example" in text and f"facmap {name}" in text, name
    assert "YYYY-MM-DD" in subs["add"].format_help()  # --date says its format
