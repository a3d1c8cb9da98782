"""One suite for every store: GeoJSON file, GeoPackage and PostGIS (a real cluster).

Each test runs on the three backends and compares them with the reference, the pure
functions of :mod:`facmap.dataset` on a collection in memory: the same merge, removal,
filters and validation, whatever holds the data.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facmap.dataset import dumps, load_geojson, merge, remove_article, validate
from facmap.errors import DatasetError
from facmap.stores import MergeReport, Query, open_store
from facmap.stores.base import select, summarise

from .conftest import DATASET

BACKENDS = ["geojson", "gpkg", "postgis"]

TEXTS = [
    ("a-olenya", "2025-11-01", "Bombers landed at Olenya air base on Monday."),
    ("b-plesetsk", "2025-11-03", "A Soyuz rocket lifted off from the Plesetsk cosmodrome."),
    (
        "c-gadzhiyevo",
        "2025-12-10",
        "Submarines returned to Gadzhiyevo naval base; Olenya air base was quiet.",
    ),
    (
        "d-baikonur",
        "2026-01-15",
        "Baikonur and Kapustin Yar hosted launches; the Sary Shagan range saw a test.",
    ),
    (
        "e-unplaced",
        "2026-02-01",
        "Troops gathered at the Foo Bar Training Ground near Nowhereville.",
    ),
]


def location(kind, tmp_path, pg_url):
    return {
        "geojson": str(tmp_path / "store.geojson"),
        "gpkg": str(tmp_path / "store.gpkg"),
        "postgis": pg_url,
    }[kind]


@pytest.fixture(params=BACKENDS)
def kind(request):
    return request.param


@pytest.fixture
def where(kind, tmp_path, request):
    """The --dataset value of an empty store of this backend."""
    pg = request.getfixturevalue("pg_url") if kind == "postgis" else None
    return location(kind, tmp_path, pg)


@pytest.fixture(scope="module")
def collections(extractor):
    """Extracted collections of a few small articles, with dates, outlets and unplaced phrases."""
    from facmap.article import article_from_text
    from facmap.pipeline import collection_from_articles

    out = []
    for aid, date, text in TEXTS:
        art = article_from_text(text, article_id=aid, outlet=f"Outlet {aid[0]}", date=date)
        out.append(collection_from_articles([art], extractor))
    return out


def reference(collections):
    fc = load_geojson(DATASET)
    for c in collections:
        fc = merge(fc, c)
    return fc


# -- round trips -----------------------------------------------------------------------------
def test_round_trip_is_exact(where):
    seed = load_geojson(DATASET)
    store = open_store(where)
    assert not store.exists()
    store.write(seed)
    assert store.exists()
    back = store.read()
    assert back == seed and dumps(back) == dumps(seed)  # same members, same order, same text


def test_round_trip_keeps_any_order_and_extra_members(where, collections):
    fc = json.loads(json.dumps(reference(collections)))
    fc["features"].reverse()  # not facmap's sorted order
    fc["features"][0]["properties"]["mentions"].reverse()
    fc["features"][0]["properties"]["custom"] = {"note": "kept", "n": [1, 2.5]}
    fc["facmap"]["articles"].reverse()
    fc["facmap"]["note"] = "a member facmap does not know"
    fc["name"] = "top-level member"
    assert validate(fc) == []
    store = open_store(where)
    store.write(fc)
    back = store.read()
    assert back == fc and dumps(back) == dumps(fc)
    # and a merge after it sorts as the reference merge does
    extra = collections[0]
    store.add_collections([extra])
    assert store.read() == merge(fc, extra)


# -- merge, provenance, idempotence ------------------------------------------------------------
def test_adds_merge_as_the_reference_does(where, collections):
    store = open_store(where)
    store.write(load_geojson(DATASET))
    expected = load_geojson(DATASET)
    for c in collections:
        before_ids = {f["properties"]["id"] for f in expected["features"]}
        report = store.add_collections([c])
        expected = merge(expected, c)
        assert isinstance(report, MergeReport) and report.changed
        assert report.known_features == {
            f["properties"]["id"] for f in c["features"] if f["properties"]["id"] in before_ids
        }
        assert report.known_articles == frozenset()
        assert report.total_features == len(expected["features"])
        assert store.read() == expected
    olenya = next(f for f in expected["features"] if f["properties"]["id"] == "olenya-air-base")
    assert olenya["properties"]["article_count"] == 2  # provenance accumulated
    assert {m["outlet"] for m in olenya["properties"]["mentions"]} == {"Outlet a", "Outlet c"}
    assert store.read()["facmap"]["unplaced"], "the unplaced phrase is kept"
    # the same articles again change nothing
    version = store.version()
    again = store.add_collections(collections)
    assert not again.changed and again.known_articles == {a for a, _, _ in TEXTS}
    assert store.version() == version and store.read() == expected


def test_a_batch_merges_in_order_like_one_by_one(where, collections):
    from facmap.dataset import empty_collection

    store = open_store(where)
    report = store.add_collections(collections)  # a new store: created on first use
    assert report.known_features == frozenset() and report.changed
    expected = empty_collection()
    for c in collections:
        expected = merge(expected, c)
    assert store.read() == expected
    assert report.total_features == len(expected["features"])


def test_remove_matches_the_reference(where, collections):
    store = open_store(where)
    full = reference(collections)
    store.write(full)
    expected = full
    for aid in ("c-gadzhiyevo", "airspace-review-2025-10-31-rusia-kazakhstan", "e-unplaced"):
        expected = remove_article(expected, aid)
        assert store.remove_article(aid) == len(expected["features"])
        assert store.read() == expected
    with pytest.raises(DatasetError, match="Known ids: a-olenya, b-plesetsk, d-baikonur"):
        store.remove_article("nope")
    assert store.article_ids() == ["a-olenya", "b-plesetsk", "d-baikonur"]


# -- queries: filters pushed into the backend ---------------------------------------------------
QUERIES = [
    Query(types=("air_base", "naval_base")),
    Query(types=()),
    Query(countries=("ru",)),
    Query(countries=("KZ", "RU"), types=("cosmodrome",)),
    Query(articles=("a-olenya",)),
    Query(articles=("e-unplaced",)),
    Query(articles=()),
    Query(include_inferred=False),
    Query(include_review=False),
    Query(date_from="2025-11-02"),
    Query(date_to="2025-11-03"),
    Query(date_from="2025-12-01", date_to="2026-01-31"),
    Query(bbox=(30.0, 60.0, 45.0, 70.0)),  # the Kola peninsula
    Query(bbox=(60.0, 40.0, 80.0, 50.0), types=("missile_test_range",)),
    Query(text="baykonur"),
    Query(text="Капустин"),
    Query(text="olen"),
    Query(limit=3),
    Query(limit=2, offset=2),
    Query(offset=100),
    Query(),
]


def test_queries_match_the_reference(where, collections):
    store = open_store(where)
    full = reference(collections)
    store.write(full)
    assert store.summary() == summarise(full)
    for q in QUERIES:
        got, want = store.query(q), select(full, q)
        assert got == want, q
        assert validate(got) == [], q
    # the filters do filter (the reference is not trivially everything)
    counts = [len(select(full, q)["features"]) for q in QUERIES]
    assert 0 in counts and len(full["features"]) in counts and len(set(counts)) > 5


def test_query_of_a_missing_store_and_bad_filters(where):
    store = open_store(where)
    with pytest.raises(DatasetError, match=r"does not exist|holds none"):
        store.query(Query(types=("air_base",)))
    with pytest.raises(DatasetError, match="bbox"):
        Query(bbox=(10, 0, 5, 1))
    with pytest.raises(ValueError, match="airbase"):
        Query(types=("airbase",))


# -- validation refusals: nothing written --------------------------------------------------------
def _bad(kind_of):
    fc = load_geojson(DATASET)
    p = fc["features"][0]["properties"]
    if kind_of == "nan":
        p["precision_km"] = float("nan")
    elif kind_of == "duplicate":
        fc["features"].append(json.loads(json.dumps(fc["features"][0])))
    elif kind_of == "unclosed":
        fc["features"][0]["geometry"]["coordinates"][0][-1] = [0.0, 0.0]
    elif kind_of == "unlisted":
        p["mentions"][0]["article"] = "not-listed"
    return fc


@pytest.mark.parametrize("kind_of", ["nan", "duplicate", "unclosed", "unlisted"])
def test_invalid_collections_are_refused_and_nothing_changes(where, collections, kind_of):
    store = open_store(where)
    store.write(load_geojson(DATASET))
    version = store.version()
    with pytest.raises(DatasetError, match="Refusing to write"):
        store.write(_bad(kind_of))
    with pytest.raises(DatasetError, match="Refusing to write"):
        store.add_collections([collections[0], _bad(kind_of)])
    assert store.read() == load_geojson(DATASET) and store.version() == version


def test_a_failing_stage_rolls_the_add_back(where, collections):
    """The article copies are staged inside the write: if staging fails, nothing lands."""
    store = open_store(where)
    store.write(load_geojson(DATASET))
    version = store.version()
    staged = []

    def failing_stage():
        staged.append(store.kind)
        raise DatasetError("Cannot keep a copy of the article: No space left on device.")

    with pytest.raises(DatasetError, match="No space"):
        store.add_collections([collections[0]], stage=failing_stage)
    assert staged == [store.kind]
    assert store.read() == load_geojson(DATASET) and store.version() == version


# -- writers at once, writers killed --------------------------------------------------------------
_ADDER = """
import sys
from facmap.intake import new_article
from facmap.store import add_article
add_article(new_article(sys.argv[2], outlet="P", date="2025-11-0" + sys.argv[3]), sys.argv[1],
            articles_dir="")
"""


def test_two_processes_adding_at_once_both_land(where):
    open_store(where).write(load_geojson(DATASET))
    texts = ["Bombers landed at Olenya air base.", "Submarines returned to Gadzhiyevo naval base."]
    procs = [
        subprocess.Popen([sys.executable, "-c", _ADDER, where, t, str(i + 1)])
        for i, t in enumerate(texts)
    ]
    assert [p.wait(timeout=180) for p in procs] == [0, 0]
    fc = open_store(where).read()
    ids = {f["properties"]["id"] for f in fc["features"]}
    assert {"olenya-air-base", "gadzhiyevo-submarine-base"} <= ids
    assert len(fc["facmap"]["articles"]) == 3


_WRITER = """
import json, sys
from facmap.stores import open_store
store = open_store(sys.argv[1])
a = json.load(open(sys.argv[2])); b = json.load(open(sys.argv[3]))
print("ready", flush=True)
while True:
    store.write(a); store.write(b)
"""


def _big(n):
    fc = load_geojson(DATASET)
    base = fc["features"][0]
    fc["features"] = []
    for i in range(n):
        f = json.loads(json.dumps(base))
        f["id"] = f["properties"]["id"] = f"f-{i:04d}"
        fc["features"].append(f)
    return fc


def test_a_writer_killed_mid_transaction_leaves_old_or_new(where, tmp_path):
    a, b = _big(150), _big(300)
    (tmp_path / "a.json").write_text(json.dumps(a), "utf-8")
    (tmp_path / "b.json").write_text(json.dumps(b), "utf-8")
    store = open_store(where)
    store.write(a)
    for _ in range(4):
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _WRITER,
                where,
                str(tmp_path / "a.json"),
                str(tmp_path / "b.json"),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "ready"
        start = store.version()
        deadline = time.monotonic() + 60
        while store.version() == start and time.monotonic() < deadline:
            pass  # a write has landed once the version changes: kill at once, somewhere in
            # the writer's next transaction (it writes without pause)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        assert store.read() in (a, b)


# -- convert: every pair, both ways -------------------------------------------------------------
def _run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "facmap.cli", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env=env,
    )


@pytest.mark.parametrize("src", BACKENDS)
@pytest.mark.parametrize("dst", BACKENDS)
def test_convert_is_lossless_between_every_pair(src, dst, tmp_path, pg_cluster, collections):
    full = reference(collections)
    urls = {}
    for name in ("in", "out"):
        schema = f"c_{src}_{dst}_{name}"
        pg_cluster.sql(
            f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}", db="facmap_test"
        )
        urls[name] = pg_cluster.url("facmap_test", schema)
    a = {
        "geojson": str(tmp_path / "in.geojson"),
        "gpkg": str(tmp_path / "in.gpkg"),
        "postgis": urls["in"],
    }[src]
    b = {
        "geojson": str(tmp_path / "out.geojson"),
        "gpkg": str(tmp_path / "out.gpkg"),
        "postgis": urls["out"],
    }[dst]
    open_store(a).write(full)
    res = _run("convert", a, b)
    assert res.returncode == 0, res.stderr
    assert "converted" in res.stderr
    assert open_store(b).read() == full
    # and back: the GeoJSON text is byte for byte what facmap writes
    res = _run("convert", b, str(tmp_path / "back.geojson"))
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "back.geojson").read_text("utf-8") == dumps(full)
    # an existing dataset is not overwritten without --replace
    res = _run("convert", a, b)
    assert res.returncode == 1 and "--replace" in res.stderr and "Traceback" not in res.stderr
    assert _run("convert", a, b, "--replace").returncode == 0


# -- the CLI and FACMAP_DATASET on every store -----------------------------------------------------
def test_cli_add_validate_export_remove(where, tmp_path):
    art = tmp_path / "n.txt"
    art.write_text("Russian bombers were seen at Olenya air base on Sunday.", "utf-8")
    env = {**os.environ, "FACMAP_DATASET": where}
    res = _run("add", str(art), "--date", "2025-11-09", "--no-store", env=env)
    assert res.returncode == 0, res.stderr
    assert "olenya-air-base" in res.stderr
    res = _run("validate", where)
    assert res.returncode == 0 and "valid (1 features)" in res.stdout
    out = tmp_path / "view.geojson"
    res = _run("export", "--type", "air_base", "-o", str(out), env=env)
    assert res.returncode == 0, res.stderr
    assert [f["properties"]["id"] for f in load_geojson(out)["features"]] == ["olenya-air-base"]
    res = _run("export", "--type", "cosmodrome", "-o", str(tmp_path / "none.geojson"), env=env)
    assert res.returncode == 1 and "none of 1" in res.stderr
    aid = open_store(where).article_ids()[0]
    res = _run("remove", aid, "--dataset", where)
    assert res.returncode == 0 and "0 features left" in res.stderr
    res = _run("remove", aid, "--dataset", where)
    assert res.returncode == 1 and "Known ids: none" in res.stderr


def test_unknown_dataset_names_are_refused_in_one_line(tmp_path):
    for value, needle in [
        (str(tmp_path / "x.gkpg"), ".gpkg"),
        ("mysql://db/x", "postgresql://"),
    ]:
        res = _run("validate", value)
        assert res.returncode == 1 and needle in res.stderr
        assert len(res.stderr.strip().splitlines()) == 1


# -- GeoPackage: a GeoPackage GDAL and QGIS read as it is --------------------------------------
def test_geopackage_is_read_by_gdal(tmp_path, collections):
    import warnings

    import pyogrio

    full = reference(collections)
    path = tmp_path / "store.gpkg"
    open_store(path).write(full)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # GDAL warns about a GeoPackage that breaks the standard
        layers = dict(pyogrio.list_layers(path))
        info = pyogrio.read_info(path, layer="facilities")
        gdf = pyogrio.read_dataframe(path, layer="facilities")
        mentions = pyogrio.read_dataframe(path, layer="mentions")
    assert set(layers) >= {"facilities", "mentions", "articles"}
    assert info["crs"] == "EPSG:4326" and info["features"] == len(full["features"])
    assert list(gdf["id"]) == [f["properties"]["id"] for f in full["features"]]
    from shapely.geometry import shape

    for f, geom in zip(full["features"], gdf.geometry, strict=True):
        assert geom.equals_exact(shape(f["geometry"]), 0)
    assert len(mentions) == sum(len(f["properties"]["mentions"]) for f in full["features"]) + len(
        full["facmap"]["unplaced"]
    )
    assert set(gdf["type"]) == {f["properties"]["type"] for f in full["features"]}


def test_geopackage_refuses_a_foreign_sqlite_file(tmp_path):
    from facmap.export import write_export

    other = tmp_path / "export.gpkg"
    write_export(load_geojson(DATASET), other, fmt="gpkg")
    before = other.read_bytes()
    store = open_store(other)
    assert not store.exists()
    with pytest.raises(DatasetError, match="other tables"):
        store.write(load_geojson(DATASET))
    assert other.read_bytes() == before
    garbage = tmp_path / "garbage.gpkg"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DatasetError, match="not an SQLite database"):
        open_store(garbage).read()


def test_lock_held_by_another_writer_gives_advice(where, monkeypatch):
    import fcntl

    import facmap.stores.base

    store = open_store(where)
    store.write(load_geojson(DATASET))
    monkeypatch.setattr(facmap.stores.base, "LOCK_TIMEOUT_S", 0.3)
    if store.kind == "geojson":
        held = Path(where + ".lock").open("a")  # noqa: SIM115 - held across the call below
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)  # another writer's lock
        holder = held
    else:
        holder = store._writing()  # another connection's write transaction
    with holder, pytest.raises(DatasetError) as err:
        store.remove_article("airspace-review-2025-10-31-rusia-kazakhstan")
    msg = str(err.value)
    assert "another writer" in msg and "\n" not in msg
    assert "delete" not in msg.lower()
    assert store.read() == load_geojson(DATASET)


# -- PostGIS: first use --------------------------------------------------------------------------
def test_postgis_first_use_creates_the_extension_and_tables(pg_cluster):
    pg_cluster.sql("DROP DATABASE IF EXISTS fresh_one")
    pg_cluster.sql("CREATE DATABASE fresh_one")
    url = pg_cluster.url("fresh_one")
    store = open_store(url)
    assert not store.exists()
    store.write(load_geojson(DATASET))
    assert pg_cluster.sql(
        "SELECT extname FROM pg_extension WHERE extname = 'postgis'", db="fresh_one"
    )
    assert store.read() == load_geojson(DATASET)
    n = pg_cluster.sql("SELECT count(*) FROM facilities WHERE ST_SRID(geom) = 4326", db="fresh_one")
    assert n[0][0] == len(load_geojson(DATASET)["features"])


def test_postgis_role_that_may_not_create_the_extension_is_told_what_to_do(pg_cluster):
    pg_cluster.sql("DROP DATABASE IF EXISTS no_postgis")
    pg_cluster.sql("DROP ROLE IF EXISTS analyst")
    pg_cluster.sql("CREATE ROLE analyst LOGIN")
    pg_cluster.sql("CREATE DATABASE no_postgis OWNER analyst")
    url = pg_cluster.url("no_postgis").replace("facmap@", "analyst@")
    with pytest.raises(DatasetError) as err:
        open_store(url).write(load_geojson(DATASET))
    msg = str(err.value)
    assert "CREATE EXTENSION postgis" in msg and "\n" not in msg
    assert not pg_cluster.sql("SELECT to_regclass('facilities')", db="no_postgis")[0][0]


def test_geojson_over_the_size_limit_is_refused_before_writing(tmp_path, monkeypatch, collections):
    import facmap.limits

    path = tmp_path / "f.geojson"
    store = open_store(path)
    store.write(load_geojson(DATASET))
    before = path.read_bytes()
    monkeypatch.setattr(facmap.limits, "MAX_DATASET_BYTES", len(before) + 100)
    with pytest.raises(DatasetError, match="GeoPackage or PostGIS"):
        store.add_collections(collections)
    assert path.read_bytes() == before  # the old dataset stays, readable
    assert open_store(tmp_path / "f.gpkg").add_collections(collections).changed  # no such limit
