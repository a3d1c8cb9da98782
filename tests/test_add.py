"""Issue 5: any article in, the map grows, with provenance; unknown phrases shown, not dropped."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facmap.dataset import load_geojson, write_geojson
from facmap.errors import ArticleError, DatasetError
from facmap.evaluate import evaluate
from facmap.intake import article_from_upload, detect_language, new_article
from facmap.pipeline import collection_from_articles
from facmap.store import add_article, remove_article_from_file

from .conftest import DATASET, FIXTURES

EN = (
    "Satellite images show Su-34 bombers at Zernograd Air Base. Tu-22M3s moved to "
    "Olenya air base. The minister later met his counterpart in Astana."
)
ID = (
    "Jet tempur Su-30SM dipindahkan ke Pangkalan Udara Tikhvin dalam latihan mendadak. "
    "Rusia juga memperkuat Kosmodrom Plesetsk dan galangan kapal Zvyozdnaya."
)


def feats(fc):
    return {f["properties"]["id"]: f["properties"] for f in fc["features"]}


def test_unknown_facility_phrases_become_review_features(extractor):
    fc = collection_from_articles([new_article(EN, outlet="T", date="2025-11-01")], extractor)
    f = feats(fc)
    unlisted = [p for p in f.values() if p.get("feature_kind") == "unlisted"]
    assert [(p["type"], p["country"]) for p in unlisted] == [("air_base", "RU")]
    p = unlisted[0]
    assert p["needs_review"] is True and p["confidence"] == "low"
    assert p["precision_km"] >= 20 and "geonames" in p["placed_by"]
    assert p["mentions"][0]["surface"] == "Zernograd Air Base"
    assert "olenya-air-base" in f
    assert any(p["type"] == "place" and p["name"] == "Astana" for p in f.values())


def test_unplaced_phrases_are_kept_not_dropped(extractor):
    fc = collection_from_articles([new_article(ID, language="id")], extractor)
    f = feats(fc)
    assert "plesetsk-cosmodrome" in f
    assert any(p["type"] == "air_base" and p["needs_review"] for p in f.values())
    (un,) = fc["facmap"]["unplaced"]  # no town "Zvyozdnaya" offline: listed for review
    assert un["surface"] == "galangan kapal Zvyozdnaya" and un["type"] == "defense_industry"


@pytest.mark.parametrize(
    ("text", "lang"),
    [(EN, "en"), (ID, "id"), ("Ракета стартовала с космодрома Плесецк в среду утром.", "ru")],
)
def test_language_detected(text, lang):
    assert detect_language(text) == lang


def test_cyrillic_article_maps(extractor):
    a = new_article("Ракета стартовала с космодрома Плесецк в среду утром.")
    assert "plesetsk-cosmodrome" in feats(collection_from_articles([a], extractor))


def test_html_page_reduced_to_article_text(extractor):
    a = article_from_upload("page.html", (FIXTURES / "add_page.html").read_bytes())
    assert "Olenya air base" in a.text
    assert "Most read" not in a.text and "Cookie" not in a.text and "alert(" not in a.text
    assert a.meta.title == "Bombers moved to Olenya air base"
    assert a.meta.outlet == "Test Defence News" and a.meta.date == "2025-11-03"
    f = feats(collection_from_articles([a], extractor))
    assert "baikonur-cosmodrome" not in f and "plesetsk-cosmodrome" not in f  # sidebar links
    assert {"olenya-air-base", "engels-2-air-base"} <= set(f)


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("a.txt", b"", "empty"),
        ("a.txt", b"\x00\x01\x02binary", "NUL"),
        ("a.txt", "Caf\u00e9 in Baikonur".encode("latin-1"), "UTF-8"),
        ("a.html", b"<html><body><nav>menu</nav></body></html>", "no main text"),
    ],
)
def test_bad_uploads(name, data, needle):
    with pytest.raises(ArticleError, match=needle):
        article_from_upload(name, data)


def test_add_merges_with_provenance_and_is_idempotent(tmp_path, extractor):
    ds = tmp_path / "f.geojson"
    ds.write_bytes(DATASET.read_bytes())
    a = new_article(
        "A Soyuz launched from Kosmodrom Plesetsk on Monday. Olenya air base was quiet.",
        outlet="Test News",
        date="2025-11-05",
        url="https://news.invalid/x",
        title="Launch",
    )
    res = add_article(a, ds, extractor=extractor, articles_dir=tmp_path / "arts")
    assert "olenya-air-base" in res.new_features and "plesetsk-cosmodrome" in res.updated_features
    p = feats(load_geojson(ds))["plesetsk-cosmodrome"]
    assert p["article_count"] == 2
    assert (p["first_seen"], p["last_seen"]) == ("2025-10-31", "2025-11-05")
    new = [m for m in p["mentions"] if m["article"] == a.meta.id]
    assert new[0]["outlet"] == "Test News" and new[0]["url"] == "https://news.invalid/x"
    assert (tmp_path / "f.geojson.bak").read_bytes() == DATASET.read_bytes()
    stored = list((tmp_path / "arts").glob("*.txt"))
    assert len(stored) == 1 and stored[0].read_text("utf-8") == a.text
    before = ds.read_bytes()
    again = add_article(a, ds, extractor=extractor, articles_dir=tmp_path / "arts")
    assert again.already_present and ds.read_bytes() == before

    fc = remove_article_from_file(a.meta.id, ds)
    assert json.dumps(fc, sort_keys=True) == json.dumps(load_geojson(DATASET), sort_keys=True)
    with pytest.raises(DatasetError, match="Known ids"):
        remove_article_from_file("nope", ds)


def test_removing_the_only_article_removes_inferred_features(tmp_path):
    ds = tmp_path / "f.geojson"
    ds.write_bytes(DATASET.read_bytes())
    fc = remove_article_from_file("airspace-review-2025-10-31-rusia-kazakhstan", ds)
    assert fc["features"] == [] and load_geojson(ds)["features"] == []


_ADDER = """
import sys
from facmap.intake import new_article
from facmap.store import add_article
text = sys.argv[2]
add_article(new_article(text, outlet="P", date="2025-11-0" + sys.argv[3]), sys.argv[1],
            articles_dir="")
"""


def test_two_writers_at_once_both_land(tmp_path):
    ds = tmp_path / "f.geojson"
    ds.write_bytes(DATASET.read_bytes())
    texts = ["Bombers landed at Olenya air base.", "Submarines returned to Gadzhiyevo naval base."]
    procs = [
        subprocess.Popen([sys.executable, "-c", _ADDER, str(ds), t, str(i + 1)])
        for i, t in enumerate(texts)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    fc = load_geojson(ds)
    assert {"olenya-air-base", "gadzhiyevo-submarine-base"} <= set(feats(fc))
    assert len(fc["facmap"]["articles"]) == 3


_WRITER = """
import json, sys
from facmap.dataset import write_geojson
a = json.load(open(sys.argv[2])); b = json.load(open(sys.argv[3]))
print("ready", flush=True)
while True:
    write_geojson(a, sys.argv[1]); write_geojson(b, sys.argv[1])
"""


def _big(seed_fc, n):
    fc = json.loads(json.dumps(seed_fc))
    base = fc["features"][0]
    fc["features"] = []
    for i in range(n):
        f = json.loads(json.dumps(base))
        f["id"] = f["properties"]["id"] = f"f-{i}"
        fc["features"].append(f)
    return fc


def test_killed_writer_leaves_old_or_new_dataset(tmp_path, seed_collection):
    ds = tmp_path / "f.geojson"
    a, b = _big(seed_collection, 300), _big(seed_collection, 600)  # about 2 MB and 4 MB
    (tmp_path / "a.json").write_text(json.dumps(a), "utf-8")
    (tmp_path / "b.json").write_text(json.dumps(b), "utf-8")
    write_geojson(a, ds)
    valid = {len(a["features"]), len(b["features"])}
    for k in range(4):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _WRITER,
                str(ds),
                str(tmp_path / "a.json"),
                str(tmp_path / "b.json"),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "ready"
        # kill mid-stream: wait (bounded) until a write has landed, then kill at once
        start_mtime = ds.stat().st_mtime_ns
        deadline = time.monotonic() + 30
        while ds.stat().st_mtime_ns == start_mtime and time.monotonic() < deadline:
            time.sleep(0.001 * (k + 1))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        assert len(load_geojson(ds)["features"]) in valid  # parses, whole, one of the two


def test_cli_add_and_remove(tmp_path):
    ds = tmp_path / "f.geojson"
    art = tmp_path / "n.txt"
    art.write_text("Russian bombers were seen at Olenya air base on Sunday.", "utf-8")
    run = [sys.executable, "-m", "facmap.cli"]
    res = subprocess.run(
        [*run, "add", str(art), "--dataset", str(ds), "--date", "2025-11-09"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 0, res.stderr
    assert "olenya-air-base" in feats(load_geojson(ds))
    stored = list((tmp_path / "articles").glob("*.txt"))
    assert len(stored) == 1
    aid = load_geojson(ds)["facmap"]["articles"][0]["id"]
    res = subprocess.run(
        [*run, "remove", aid, "--dataset", str(ds)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 0 and load_geojson(ds)["features"] == []
    res = subprocess.run(
        [*run, "add", str(tmp_path / "missing.txt"), "--dataset", str(ds)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert res.returncode == 1 and "does not exist" in res.stderr


def test_written_dataset_rebuilds_from_stored_articles(tmp_path, extractor):
    ds = tmp_path / "f.geojson"
    a = new_article(EN, outlet="T", date="2025-11-01", title="Bombers")
    add_article(a, ds, extractor=extractor)
    from facmap.pipeline import collection_from_files

    rebuilt = collection_from_files(sorted((tmp_path / "articles").glob("*.txt")), extractor)
    assert rebuilt == load_geojson(ds)
    write_geojson(rebuilt, tmp_path / "again.geojson")
    assert (tmp_path / "again.geojson").read_bytes() == ds.read_bytes()


# -- the annotated evaluation set holds the floor ------------------------------------------
def test_evaluation_floor(extractor):
    r = evaluate(FIXTURES / "eval", extractor)
    assert len(r.articles) >= 12
    assert r.precision >= 0.95, [a.false_positives for a in r.articles]
    assert r.recall >= 0.90, [a.false_negatives for a in r.articles]
    assert r.median_error_km < 10


def test_annotations_quote_their_articles():
    import tomllib

    exp = tomllib.loads((FIXTURES / "eval" / "expected.toml").read_text("utf-8"))
    for art in exp["article"]:
        text = Path(FIXTURES / "eval" / art["file"]).read_text("utf-8")
        for f in art.get("facility", []):
            assert f["surface"] in text and f["source"]["url"].startswith("http")


def test_holdout_floor(extractor):
    # written blind and never used for tuning: a regression guard at the level first measured
    # (precision 0.839, recall 0.839), not a target the extractor was fitted to
    r = evaluate(FIXTURES / "eval_holdout", extractor)
    assert len(r.articles) >= 12
    assert r.precision >= 0.80 and r.recall >= 0.80
    assert r.median_error_km < 10


def test_online_geocoder_places_unplaced_phrases_from_cache(tmp_path, extractor):
    """The online path, with the service replaced by a recorder: no network in tests."""
    from facmap.geocode import OnlineGeocoder, place_unplaced_online

    asked = []

    def fake(name):
        asked.append(name)
        return (
            (64.56, 39.83, "Severodvinsk, Arkhangelsk Oblast, Russia")
            if name == "Zvyozdnaya"
            else None
        )

    fc = collection_from_articles([new_article(ID, language="id")], extractor)
    geo = OnlineGeocoder(query=fake, cache_path=tmp_path / "cache.json")
    out = place_unplaced_online(fc, geo)
    (f,) = [p for p in feats(out).values() if p["id"].startswith("online-")]
    assert f["type"] == "defense_industry" and f["country"] == "RU" and f["needs_review"]
    assert "online" in f["placed_by"] and f["sources"][0]["value"] == "64.56 39.83"
    assert out["facmap"]["unplaced"] == []
    from facmap.dataset import validate

    assert validate(out) == []
    # a second geocoder on the same cache answers without asking the service again
    geo2 = OnlineGeocoder(
        query=lambda n: pytest.fail("asked the service"), cache_path=tmp_path / "cache.json"
    )
    assert place_unplaced_online(fc, geo2) == out
    assert asked == ["Zvyozdnaya"]
