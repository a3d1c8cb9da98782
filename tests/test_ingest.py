"""Issue 11: `facmap add DIR --workers N | --scheduler`: parallel ingest on real Dask clusters.

The clusters are real: a LocalCluster of two worker processes on loopback, and a scheduler plus
two workers started as subprocesses (`python -m dask scheduler|worker`). Whatever the workers,
the dataset must be byte for byte the one a single process writes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import facmap
from facmap.article import MAX_ARTICLE_BYTES
from facmap.dataset import dumps, join_disjoint, load_geojson
from facmap.errors import ArticleError
from facmap.ingest import article_files, extract_batch, ingest
from facmap.intake import article_from_upload
from facmap.pipeline import collection_from_articles
from facmap.store import add_articles
from facmap.stores import open_store

from .conftest import FIXTURES

APP = Path(facmap.__file__).resolve().parents[1]
#: a handful of real articles in five languages (no sidecars: ids from the text)
SOURCES = [
    *sorted((FIXTURES / "eval_world").glob("*.txt"))[:3],
    *sorted((FIXTURES / "eval_multi").glob("*.txt"))[:3],
]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(APP), env.get("PYTHONPATH", "")])
    return env


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i, f in enumerate(SOURCES):
        shutil.copy(f, src / f"{i:02d}-{f.name}")
    return src


def _bad_files(folder: Path) -> dict[str, str]:
    """Add articles that must fail alone; return name -> a word their message holds."""
    (folder / "50-latin1.txt").write_bytes("Le croiseur a quitté Toulon.".encode("latin-1"))
    (folder / "51-huge.txt").write_bytes(b"Bombers at Engels. " * (MAX_ARTICLE_BYTES // 19 + 1))
    (folder / "52-sidecar.txt").write_text("Bombers landed at Olenya air base.", "utf-8")
    (folder / "52-sidecar.meta.json").write_text("{not json", "utf-8")
    return {"50-latin1.txt": "UTF-8", "51-huge.txt": "at most", "52-sidecar.txt": "JSON"}


def _reference(files: list[Path], ds: Path, extractor) -> bytes:
    """The dataset as `add_articles` (one process, one batch) writes it."""
    articles = [article_from_upload(f.name, f.read_bytes()) for f in files]
    add_articles(articles, ds, extractor=extractor, articles_dir=ds.parent / "copies")
    return ds.read_bytes()


def _copies(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# -- joining batches is the same as extracting all at once -----------------------------------
@pytest.mark.parametrize("size", [1, 2, 5])
def test_batches_joined_equal_one_collection(extractor, size):
    files = sorted((FIXTURES / "eval").glob("*.txt"))  # corridors and inferred features
    articles = [article_from_upload(f.name, f.read_bytes()) for f in files]
    whole = collection_from_articles(articles, extractor)
    parts = [
        collection_from_articles(articles[k : k + size], extractor)
        for k in range(0, len(articles), size)
    ]
    shared = [f for f in whole["features"] if f["properties"]["article_count"] > 1]
    assert shared  # the join has facilities from several batches to merge
    assert dumps(join_disjoint(parts)) == dumps(whole)


def test_join_takes_reasoning_from_all_mentions(extractor):
    """A facility inferred in one batch and named in the next is not inferred, as in one go.

    Merging the batches in turn would keep the first batch's reasoning on it.
    """
    from facmap.article import article_from_text

    texts = [
        "Russia keeps its missile test facilities in Kazakhstan open.",
        "Interceptors were fired at the Sary Shagan test range on Monday.",
    ]
    articles = [article_from_text(t, article_id=f"a{i}") for i, t in enumerate(texts)]
    whole = collection_from_articles(articles, extractor)
    (site,) = whole["features"]
    assert not site["properties"]["inferred"] and "reasoning" not in site["properties"]
    parts = [collection_from_articles([a], extractor) for a in articles]
    assert parts[0]["features"][0]["properties"]["reasoning"]  # the first batch infers it
    assert dumps(join_disjoint(parts)) == dumps(whole)


def test_in_process_equals_add_articles_and_reports_bad_files(tmp_path, folder, extractor):
    reference = _reference(sorted(folder.iterdir()), tmp_path / "ref.geojson", extractor)
    bad = _bad_files(folder)
    ds = tmp_path / "one" / "f.geojson"
    ds.parent.mkdir()
    report = ingest([folder], ds, workers=1, batch=2)
    assert ds.read_bytes() == reference
    assert _copies(ds.parent / "articles") == _copies(tmp_path / "copies")
    failed = {Path(r.name).name: r.message for r in report.with_status("failed")}
    assert failed.keys() == bad.keys()
    for name, word in bad.items():
        assert word in failed[name] and "\n" not in failed[name]
    assert len(report.with_status("added")) == len(SOURCES)


def test_an_extractor_error_fails_one_article_only(tmp_path, folder, extractor, monkeypatch):
    import facmap.ingest

    class Faulty(type(extractor)):
        def extract(self, article):
            if "Poison pill" in article.text:
                raise KeyError("injected fault")
            return super().extract(article)

    faulty = Faulty.__new__(Faulty)
    faulty.__dict__.update(extractor.__dict__)
    monkeypatch.setattr(facmap.ingest, "warm_extractor", lambda: faulty)
    (folder / "03-poison.txt").write_text("Poison pill for the extractor at Plesetsk.", "utf-8")
    items = [(i, p.name, str(p)) for i, p in enumerate(sorted(folder.iterdir()))]
    res = extract_batch(items, {})
    statuses = [r.status for r in res.records]
    hit = [r for r in res.records if r.status == "failed"]
    assert len(hit) == 1 and hit[0].name == "03-poison.txt"
    assert "KeyError" in hit[0].message and "injected fault" in hit[0].message
    assert statuses.count("added") == len(items) - 1
    assert len(res.collection["facmap"]["articles"]) == len(items) - 1


def test_missing_path_is_an_error_before_any_work(tmp_path, folder):
    with pytest.raises(ArticleError, match="does not exist"):
        article_files([folder, tmp_path / "nope.txt"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(ArticleError, match="holds none"):
        article_files([tmp_path / "empty"])


# -- a LocalCluster of two worker processes ------------------------------------------------
@pytest.fixture
def dashboard_port_taken():
    """Hold Dask's default dashboard port, as another cluster or a test run beside this may."""
    import socket

    sock = socket.socket()
    try:
        sock.bind(("127.0.0.1", 8787))
        sock.listen()
    except OSError:
        pass  # already held by someone else: the condition this fixture sets up
    yield
    sock.close()


def test_local_cluster_matches_one_worker_and_resumes(
    tmp_path, folder, extractor, dashboard_port_taken
):
    reference = _reference(sorted(folder.iterdir()), tmp_path / "ref.geojson", extractor)
    _bad_files(folder)
    # the same text twice, in different batches: extracted once, the first copy wins
    shutil.copy(next(folder.glob("05-*")), folder / "90-copy.txt")
    first = sorted(folder.iterdir())[: 2 + len(SOURCES) // 2]
    ds = tmp_path / "two" / "f.geojson"
    ds.parent.mkdir()
    # a first run interrupted half-way: only some of the files were in
    part = ingest([str(f) for f in first if f.suffix == ".txt"], ds, workers=2, batch=1)
    assert part.workers == 2
    done = {r.article_id for r in part.with_status("added")}
    assert done
    report = ingest([folder], ds, workers=2, batch=1)
    assert report.workers == 2
    stored = report.with_status("stored")
    assert {r.article_id for r in stored} == done  # skipped before extraction
    (dup,) = report.with_status("duplicate")
    assert dup.name.endswith("90-copy.txt") and "05-" in dup.message
    assert {Path(r.name).name for r in report.with_status("failed")} == {
        "50-latin1.txt",
        "51-huge.txt",
        "52-sidecar.txt",
    }
    assert ds.read_bytes() == reference
    assert _copies(ds.parent / "articles") == _copies(tmp_path / "copies")

    # and one more run adds nothing and does not touch the file
    mtime = ds.stat().st_mtime_ns
    again = ingest([folder], ds, workers=2, batch=3)
    assert not again.with_status("added") and ds.stat().st_mtime_ns == mtime


@pytest.mark.parametrize("kind", ["gpkg", "postgis"])
def test_two_workers_into_a_database_store_equal_one_worker_into_geojson(
    tmp_path, folder, kind, request
):
    """Every backend: the same facilities (the same collection) as one process into GeoJSON."""
    _bad_files(folder)
    shutil.copy(next(folder.glob("05-*")), folder / "90-copy.txt")
    one = tmp_path / "one.geojson"
    ref = ingest([folder], one, workers=1, articles_dir="")
    where = (
        request.getfixturevalue("pg_url") if kind == "postgis" else str(tmp_path / "two.gpkg")
    )
    half = sorted(folder.glob("0*.txt"))[:3]
    ingest([str(f) for f in half], where, workers=1, articles_dir="")  # an interrupted run
    report = ingest([folder], where, workers=2, batch=1, articles_dir="")
    assert report.workers == 2 and open_store(where).kind == kind
    assert len(report.with_status("stored")) == len(half)  # resumed: skipped by id
    assert [r.status for r in report.records if r.status != "stored"] == [
        r.status for r in ref.records if Path(r.name).name not in {f.name for f in half}
    ]
    assert open_store(where).read() == load_geojson(one)
    # the facilities themselves, stated plainly
    ids = [f["id"] for f in open_store(where).read()["features"]]
    assert ids == [f["id"] for f in load_geojson(one)["features"]] and len(ids) > len(SOURCES)


# -- a scheduler and two workers started as processes, used through the CLI ----------------
@pytest.fixture
def cluster(tmp_path):
    info = tmp_path / "scheduler.json"
    procs = []
    base = [sys.executable, "-m", "dask"]
    try:
        procs.append(
            subprocess.Popen(
                [*base, "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                 "--scheduler-file", str(info)],
                env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        )
        for _ in range(2):
            procs.append(
                subprocess.Popen(
                    [*base, "worker", "--scheduler-file", str(info), "--host", "127.0.0.1",
                     "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                    env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
            )
        address = _wait_for_two_workers(info, procs)
        yield address
    finally:
        # the workers first, while their scheduler is up: a worker whose scheduler goes away
        # as it closes can hang in distributed's close
        for group in (procs[1:], procs[:1]):
            for p in group:
                p.terminate()
            for p in group:
                try:
                    p.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()


def _wait_for_two_workers(info: Path, procs) -> str:
    from distributed import Client

    deadline = time.monotonic() + 120
    while not info.exists() or not info.read_text().strip().endswith("}"):
        assert all(p.poll() is None for p in procs), "a dask process exited at start-up"
        assert time.monotonic() < deadline, "the scheduler wrote no address file"
        time.sleep(0.05)  # a file to appear: no event to wait on
    address = json.loads(info.read_text())["address"]
    assert address.startswith("tcp://127.0.0.1:")
    with Client(address, timeout=60) as client:
        client.wait_for_workers(2, timeout=120)
    return str(address)


def test_scheduler_with_two_worker_processes_via_cli(tmp_path, folder, cluster, extractor):
    reference = _reference(sorted(folder.iterdir()), tmp_path / "ref.geojson", extractor)
    (folder / "50-latin1.txt").write_bytes("Le croiseur a quitté Toulon.".encode("latin-1"))
    ds = tmp_path / "f.geojson"
    res = subprocess.run(
        [sys.executable, "-m", "facmap.cli", "add", str(folder), "--dataset", str(ds),
         "--scheduler", cluster],
        capture_output=True, text=True, timeout=300, env=_env(), check=False,
    )
    # one article failed: reported in one line, the others are in, exit status 1
    assert res.returncode == 1, res.stderr
    assert "Traceback" not in res.stderr
    skipped = [ln for ln in res.stderr.splitlines() if ln.startswith("skipped ")]
    assert len(skipped) == 1 and "50-latin1.txt" in skipped[0] and "UTF-8" in skipped[0]
    assert f"{len(SOURCES)} article(s) added" in res.stderr and "(workers: 2)" in res.stderr
    assert ds.read_bytes() == reference
    assert _copies(tmp_path / "articles") == _copies(tmp_path / "copies")
    # the same cluster into a GeoPackage: the same collection
    gpkg = tmp_path / "f.gpkg"
    res = subprocess.run(
        [sys.executable, "-m", "facmap.cli", "add", str(folder), "--dataset", str(gpkg),
         "--scheduler", cluster, "--no-store"],
        capture_output=True, text=True, timeout=300, env=_env(), check=False,
    )
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert open_store(gpkg).read() == load_geojson(ds)


def test_unreachable_scheduler_is_one_line(tmp_path, folder):
    import socket

    with socket.socket() as s:  # a loopback port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    res = subprocess.run(
        [sys.executable, "-m", "facmap.cli", "add", str(folder), "--dataset",
         str(tmp_path / "f.geojson"), "--scheduler", f"tcp://127.0.0.1:{port}"],
        capture_output=True, text=True, timeout=300, env=_env(), check=False,
    )
    assert res.returncode == 1
    (line,) = res.stderr.strip().splitlines()
    assert "Expected a Dask scheduler" in line and not (tmp_path / "f.geojson").exists()
