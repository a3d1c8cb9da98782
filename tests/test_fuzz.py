"""Issue 12, fuzzing: hostile bytes, text and JSON never raise anything but a one-line FacmapError.

Three readers face input from anywhere: the article reader (files, pastes, uploads), the
GeoJSON reader and validator (datasets opened or uploaded), and the page's query-string parser
(shared links). Hypothesis throws arbitrary and mutated inputs at each; the budget is bounded
(``max_examples``, ``deadline``) so this file runs in well under a minute on one core, and
``derandomize`` makes CI runs repeatable (a new seed is a new commit's job, not a flaky run's);
``FACMAP_FUZZ_EXAMPLES=5000`` runs a deeper, randomly seeded search by hand.
The coverage-guided byte fuzzer (atheris) runs the same readers in ``test_fuzz_atheris.py``.
"""

from __future__ import annotations

import copy
import json
import os
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from facmap import viewstate
from facmap.article import read_article
from facmap.dataset import (
    load_geojson,
    parse_geojson,
    parse_geojson_bytes,
    validate,
    write_geojson,
)
from facmap.errors import FacmapError
from facmap.intake import article_from_upload, new_article

from .conftest import DATASET

#: examples per test in CI; ``FACMAP_FUZZ_EXAMPLES=5000`` (and a random seed) digs deeper locally
EXAMPLES = int(os.environ.get("FACMAP_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=5),  # ms in practice; generous for a loaded CI machine
    derandomize="FACMAP_FUZZ_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def refused_in_one_line(exc: FacmapError) -> None:
    msg = str(exc)
    assert msg.strip(), "an error must say something"
    assert "\n" not in msg and "Traceback" not in msg, msg


# JSON-ish values: what a hostile or broken file can hold, NaN and huge numbers included
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)
SEED_FC = json.loads(DATASET.read_text("utf-8"))


# -- the article reader ---------------------------------------------------------------------------
article_bytes = st.binary(max_size=400) | st.text(max_size=400).map(str.encode)


@FUZZ
@given(
    body=article_bytes, sidecar=st.none() | st.binary(max_size=200) | json_values.map(json.dumps)
)
def test_article_file_reader(tmp_path_factory, body, sidecar):
    folder = tmp_path_factory.mktemp("art")
    path = folder / "a.txt"
    path.write_bytes(body)
    if sidecar is not None:
        data = sidecar if isinstance(sidecar, bytes) else sidecar.encode()
        (folder / "a.meta.json").write_bytes(data)
    try:
        art = read_article(path)
    except FacmapError as exc:
        refused_in_one_line(exc)
    else:
        assert art.text and 0 <= art.body_end <= len(art.text)
        assert art.meta.id


@FUZZ
@given(
    name=st.sampled_from(["a.txt", "page.html", "x", "notes.htm", "a.pdf"]),
    data=article_bytes | st.text(max_size=300).map(lambda t: f"<html><body>{t}</body>".encode()),
    title=st.text(max_size=20),
    date=st.text(max_size=12),
)
def test_upload_reader(name, data, title, date):
    try:
        art = article_from_upload(name, data, title=title, date=date)
    except FacmapError as exc:
        refused_in_one_line(exc)
    else:
        assert art.text.strip() and art.meta.id


@FUZZ
@given(text=st.text(max_size=500), url=st.text(max_size=30), language=st.text(max_size=6))
def test_paste_reader(text, url, language):
    try:
        art = new_article(text, url=url, language=language)
    except FacmapError as exc:
        refused_in_one_line(exc)
    else:
        assert art.text.strip() and "\r" not in art.text


# -- the GeoJSON reader and validator -----------------------------------------------------------
@FUZZ
@given(data=st.binary(max_size=300))
def test_geojson_reader_bytes(data):
    try:
        fc = parse_geojson_bytes(data, name="upload.geojson")
    except FacmapError as exc:
        refused_in_one_line(exc)
    else:
        assert validate(fc) == []


@FUZZ
@given(value=json_values)
def test_geojson_reader_any_json(value):
    text = json.dumps(value)  # NaN and Infinity come out as tokens other readers refuse
    try:
        parse_geojson(text, name="x.geojson")
    except FacmapError as exc:
        refused_in_one_line(exc)
    problems = validate(value)
    assert isinstance(problems, list) and all(isinstance(p, str) for p in problems)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON tree where a value could be replaced or deleted."""
    out = [here]
    if isinstance(node, dict):
        for k, v in node.items():
            out.extend(_paths(v, (*here, k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out.extend(_paths(v, (*here, i)))
    return out


SEED_PATHS = _paths(SEED_FC)[1:]


@st.composite
def mutated_datasets(draw):
    """The committed dataset with a few values replaced, deleted or keys added."""
    fc = copy.deepcopy(SEED_FC)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(SEED_PATHS))
        parent = fc
        try:
            for step in path[:-1]:
                parent = parent[step]
            action = draw(st.sampled_from(["replace", "delete", "add"]))
            if action == "replace":
                parent[path[-1]] = draw(json_values)
            elif action == "delete":
                del parent[path[-1]]
            elif isinstance(parent, dict):
                parent[draw(st.text(max_size=8))] = draw(json_values)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this place
    return fc


@FUZZ
@given(fc=mutated_datasets())
def test_geojson_validator_on_mutated_datasets(tmp_path_factory, fc):
    problems = validate(fc)
    assert all(isinstance(p, str) and "\n" not in p for p in problems), problems
    try:
        parse_geojson(json.dumps(fc), name="mutated.geojson")
    except FacmapError as exc:
        refused_in_one_line(exc)
        return
    # what the reader accepts, the writer writes and reads back unchanged
    out = tmp_path_factory.mktemp("mut") / "f.geojson"
    write_geojson(fc, out)
    assert load_geojson(out) == fc


# -- the page's query-string parser -------------------------------------------------------------
KEYS = ["type", "country", "article", "q", "inferred", "review", "from", "to", "x"]
query_values = st.text(max_size=40) | st.lists(st.text(max_size=20), max_size=4)


@FUZZ
@given(
    params=st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), query_values, max_size=8)
)
@example(params={"q": " Baikonur\r"})  # found by this test: the link did not read back
@pytest.mark.parametrize("with_dataset", [False, True])
def test_query_string_parser(params, with_dataset):
    fc = SEED_FC if with_dataset else None
    try:
        state, ignored = viewstate.from_query(params, fc)
    except FacmapError as exc:
        refused_in_one_line(exc)
        return
    assert all(isinstance(i, str) for i in ignored)
    # the URL the page writes back reads as the same view: links are stable
    again, ignored_again = viewstate.from_query(viewstate.to_query(state), fc)
    assert again == state and ignored_again == []
    if fc is not None:
        viewstate.apply(fc, state)  # the view filters the map without error


# words the extractor reacts to, so that random text reaches its linking and placing stages
CUE_WORDS = [
    "Air Base", "air base", "Cosmodrome", "Baikonur", "Plesetsk", "Kapustin Yar", "near",
    "in", "at", "Pangkalan Udara", "космодром", "Ramstein", "naval base", "Russia's",
    "the", "\n", ". ", "...", "…", "Baca juga:", "zona pendaratan", "Sary Shagan", "(", ")",
]  # fmt: skip
article_text = st.lists(st.sampled_from(CUE_WORDS) | st.text(max_size=12), max_size=40).map(
    " ".join
)


@FUZZ
@given(text=article_text)
def test_extraction_of_any_text(extractor, text):
    from facmap.pipeline import collection_from_articles

    try:
        art = new_article(text, language="en")
    except FacmapError as exc:
        refused_in_one_line(exc)
        return
    fc = collection_from_articles([art], extractor)
    assert validate(fc) == []
    for f in fc["features"]:
        for m in f["properties"]["mentions"]:
            assert art.text[m["start"] : m["end"]] == m["surface"]


# -- coverage-guided: atheris, a few seconds a target ---------------------------------------
ATHERIS_SECONDS = int(os.environ.get("FACMAP_ATHERIS_SECONDS", "6"))
QUERY_SEED = (
    "type=cosmodrome&type=impact_zone&country=KZ&country=xx&q=Baikonur&inferred=0&review=no"
    "&article=airspace-review-2025-10-31-rusia-kazakhstan-military-cooperation&from=2025-01-01"
)


@pytest.mark.parametrize("target", ["article", "geojson", "query"])
def test_atheris(tmp_path, target):
    import subprocess
    import sys
    from pathlib import Path

    from .conftest import ROOT, SEED

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = {
        "article": SEED.read_bytes()[:3000],
        "geojson": DATASET.read_bytes(),
        "query": QUERY_SEED.encode(),
    }
    (corpus / "seed").write_bytes(seeds[target])
    env = dict(os.environ, PYTHONPATH=str(ROOT / "app"))
    cmd = [
        sys.executable,
        str(Path(__file__).with_name("fuzz_atheris.py")),
        target,
        f"-max_total_time={ATHERIS_SECONDS}",
        f"-max_len={len(seeds['geojson']) + 1000}",
        f"-artifact_prefix={tmp_path}/",
        "-print_final_stats=1",
        str(corpus),
    ]
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120, check=False)
    crashes = sorted(p.name for p in tmp_path.glob("crash-*"))
    assert run.returncode == 0 and not crashes, run.stderr[-3000:]
    assert "Done" in run.stderr and "stat::number_of_executed_units" in run.stderr
