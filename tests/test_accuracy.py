"""Accuracy floors on the annotated sets: regression guards at the levels measured.

The development sets (``eval``, ``eval_dev2``) were used to find general faults; the held-out,
world and blind multilingual sets were not tuned on (their first runs are recorded in README and
``tests/fixtures/eval_multi/FIRST_RUN.md``). A floor here only stops a change from making any of
them worse than measured; it is not a target the extractor was fitted to.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facmap.evaluate import evaluate, load_annotations

FIXTURES = Path(__file__).with_name("fixtures")

FLOORS = {
    # set: (precision, recall), measured 2026-12-01 minus a small margin
    "eval_holdout": (0.90, 0.85),
    "eval_world": (0.90, 0.85),
    "eval_dev2": (0.92, 0.90),
    "eval_multi": (0.85, 0.80),
    # first run 2026-12-01: 0.880 / 0.869 (tests/fixtures/eval_blind2/FIRST_RUN.md)
    "eval_blind2": (0.85, 0.83),
    # development set since 2026-12-02: first run 0.780 / 0.868, then 0.97 / 0.94
    "eval_dev3": (0.94, 0.91),
    # first run 2026-12-02: 0.802 / 0.825 (tests/fixtures/eval_blind3/FIRST_RUN.md)
    "eval_blind3": (0.78, 0.80),
    # development set since 2026-12-02: first full run 0.915 / 0.850, then 0.950 / 0.918
    "eval_dev4": (0.92, 0.89),
    # first run 2026-12-02: 0.909 / 0.856 (tests/fixtures/eval_blind4/FIRST_RUN.md)
    "eval_blind4": (0.88, 0.83),
    # development sets since 2026-12-03: first full runs 0.896 / 0.796 and 0.877 / 0.777
    "eval_dev5": (0.95, 0.94),
    "eval_dev6": (0.95, 0.92),
    # first run 2026-12-03: 0.955 / 0.845 (tests/fixtures/eval_blind5/FIRST_RUN.md)
    "eval_blind5": (0.92, 0.81),
    # first run 2026-12-03: 0.923 / 0.860 (tests/fixtures/eval_blind6/FIRST_RUN.md)
    "eval_blind6": (0.89, 0.82),
    # development set since 2026-12-03: first full run 0.965 / 0.818
    "eval_dev7": (0.94, 0.82),
    # development set since 2026-12-03: first run 0.896 / 0.848 (eval_dev8/FIRST_RUN.md)
    "eval_dev8": (0.93, 0.93),
    # development set since 2026-12-03: first run 0.955 / 0.880 (eval_dev9/FIRST_RUN.md)
    "eval_dev9": (0.95, 0.94),
    # first run 2026-12-03: 0.955 / 0.916 (tests/fixtures/eval_blind7/FIRST_RUN.md)
    "eval_blind7": (0.92, 0.88),
    # first run 2026-12-03: 0.953 / 0.836 (tests/fixtures/eval_blind8/FIRST_RUN.md)
    "eval_blind8": (0.92, 0.82),
    # development set since 2026-12-03: first run 0.935 / 0.878 (eval_dev10/FIRST_RUN.md)
    "eval_dev10": (0.95, 0.94),
    # first run 2026-12-03: 0.955 / 0.911 (tests/fixtures/eval_blind9/FIRST_RUN.md)
    "eval_blind9": (0.92, 0.88),
    # development set since 2026-12-03: first run 0.930 / 0.845 (eval_dev11/FIRST_RUN.md)
    "eval_dev11": (0.94, 0.94),
    # first run 2026-12-03: 0.965 / 0.921 (tests/fixtures/eval_blind10/FIRST_RUN.md)
    "eval_blind10": (0.93, 0.89),
    # development set since 2026-12-03: first run 0.961 / 0.920 (eval_dev12/FIRST_RUN.md)
    "eval_dev12": (0.97, 0.95),
    # first run 2026-12-03: 0.922 / 0.937 (tests/fixtures/eval_blind11/FIRST_RUN.md)
    "eval_blind11": (0.89, 0.90),
    # development set since 2026-12-03: first run 0.923 / 0.937 (eval_dev13/FIRST_RUN.md)
    "eval_dev13": (0.96, 0.95),
    # first run 2026-12-03: 0.922 / 0.919 (tests/fixtures/eval_blind12/FIRST_RUN.md)
    "eval_blind12": (0.89, 0.88),
    # development set since 2026-12-03: first run 0.894 / 0.873 (eval_dev14/FIRST_RUN.md)
    "eval_dev14": (0.91, 0.85),
    # first run 2026-12-03: 0.917 / 0.921 (tests/fixtures/eval_blind13/FIRST_RUN.md)
    "eval_blind13": (0.88, 0.89),
    # development sets since the fifth 2026-12-03 session (first runs in their FIRST_RUN.md:
    # 0.952 / 0.944, 0.926 / 0.843, 0.947 / 0.876, 0.915 / 0.888, 0.919 / 0.928, 0.935 / 0.930)
    "eval_dev15": (0.97, 0.94),
    "eval_dev16": (0.96, 0.92),
    "eval_dev17": (0.95, 0.88),
    "eval_dev18": (0.93, 0.89),
    "eval_dev19": (0.94, 0.90),
    "eval_dev20": (0.96, 0.91),
    # blind first runs of the fifth 2026-12-03 session: 0.967 / 0.908, 0.949 / 0.938,
    # 0.959 / 0.930 (their FIRST_RUN.md); floors a little under, never tuned on
    "eval_blind14": (0.94, 0.88),
    "eval_blind15": (0.92, 0.91),
    "eval_blind16": (0.93, 0.90),
}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_accuracy_floor(extractor, name):
    r = evaluate(FIXTURES / name, extractor)
    p, rc = FLOORS[name]
    assert r.precision >= p, (name, r.precision)
    assert r.recall >= rc, (name, r.recall)
    assert r.median_error_km < 10


@pytest.mark.parametrize(
    "name",
    [
        "eval_dev2",
        "eval_dev3",
        "eval_dev4",
        "eval_dev5",
        "eval_dev6",
        "eval_multi",
        "eval_blind2",
        "eval_blind3",
        "eval_blind4",
        "eval_blind5",
        "eval_blind6",
        "eval_dev7",
        "eval_dev8",
        "eval_blind7",
        "eval_dev9",
        "eval_blind8",
        "eval_dev10",
        "eval_blind9",
        "eval_dev11",
        "eval_blind10",
        "eval_dev12",
        "eval_blind11",
        "eval_dev13",
        "eval_blind12",
        "eval_blind13",
        "eval_dev15",
        "eval_dev16",
        "eval_dev17",
        "eval_dev18",
        "eval_dev19",
        "eval_dev20",
        "eval_blind14",
        "eval_blind15",
        "eval_blind16",
    ],
)
def test_annotations_quote_their_articles_and_cite_their_points(name):
    arts = load_annotations(FIXTURES / name)
    assert len(arts) >= 20
    langs = {a["language"] for a in arts}
    assert len(langs) >= 5
    for art in arts:
        text = (FIXTURES / name / art["file"]).read_text("utf-8")
        for f in art.get("facility", []):
            assert f["surface"] in text, (art["file"], f["surface"])
            assert f["source"]["url"].startswith("http") and f["source"]["value"].strip()
            assert -90 <= f["lat"] <= 90 and -180 <= f["lon"] <= 180


@pytest.mark.parametrize("name", ["eval_multi", "eval_blind2", "eval_blind3", "eval_blind4"])
def test_blind_set_size(name):
    # the issue asked for at least 24 articles, 120 facilities, 5 languages, 20% naval/industry
    arts = load_annotations(FIXTURES / name)
    facs = [f for a in arts for f in a.get("facility", []) if f["type"] != "place"]
    assert len(arts) >= 24 and len(facs) >= 120
    share = sum(f["type"] in {"naval_base", "defense_industry"} for f in facs) / len(facs)
    assert share >= 0.20


def test_scoring_matches_nearest_pairs_first():
    """Two air bases 48 km apart are each matched to their own prediction, whatever the order."""
    from facmap.evaluate import score_article

    expected = [
        {"id": "", "surface": "Paphos", "type": "air_base", "lat": 34.718, "lon": 32.4857},
        {"id": "", "surface": "Akrotiri", "type": "air_base", "lat": 34.5904, "lon": 32.9879},
    ]

    def feat(fid, lat, lon):
        props = {"id": fid, "type": "air_base", "lat": lat, "lon": lon, "inferred": False}
        return {"properties": {**props, "mentions": [{"surface": fid}]}}

    fc = {"features": [feat("akrotiri", 34.5904, 32.9879), feat("paphos", 34.72, 32.49)]}
    score = score_article("x.txt", expected, fc)
    assert score.false_positives == [] and score.false_negatives == []
    assert max(km for _, km in score.true_positives) < 1.0
