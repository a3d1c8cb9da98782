"""Issue 12: hostile input and crashes. Bad files get one line, writes never lose data."""

from __future__ import annotations

import json
import subprocess
import sys

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
