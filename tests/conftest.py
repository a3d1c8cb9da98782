from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "articles" / "airspace-review-russia-kazakhstan-military-cooperation.txt"
DATASET = ROOT / "data" / "facilities.geojson"
FIXTURES = Path(__file__).with_name("fixtures")

# the tests never touch the network; keep caches inside the test session's reach
os.environ.setdefault("FACMAP_CACHE_DIR", str(Path.home() / ".cache" / "facmap"))
# the page's working copy of the seed (facmap.userdata) goes to a folder of this test run,
# never the user's own data folder; tests that edit set their own with monkeypatch
os.environ.setdefault("FACMAP_DATA_DIR", tempfile.mkdtemp(prefix="facmap-test-data-"))


@pytest.fixture(scope="session")
def extractor():
    from facmap.extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_article():
    from facmap.article import read_article

    return read_article(SEED)


@pytest.fixture(scope="session")
def seed_collection(seed_article, extractor):
    from facmap.pipeline import collection_from_articles

    return collection_from_articles([seed_article], extractor)


@pytest.fixture
def make_article():
    from facmap.article import article_from_text

    def make(text: str, article_id: str = "test"):
        return article_from_text(text, article_id=article_id, outlet="Test", date="2025-01-01")

    return make


@pytest.fixture(scope="session")
def pg_cluster():
    """A real PostgreSQL with PostGIS for the session (see tests/pg_cluster.py)."""
    from .pg_cluster import Cluster

    cluster = Cluster()
    try:
        cluster.sql("CREATE DATABASE facmap_test")
        cluster.sql("CREATE EXTENSION postgis", db="facmap_test")
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster, request):
    """A fresh schema in the test database: a PostGIS dataset of its own for each test."""
    import re

    schema = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:50]
    pg_cluster.sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}", db="facmap_test")
    return pg_cluster.url("facmap_test", schema)


# module scope: Playwright's sync API allows one running instance at a time, so each module of
# browser tests starts its own headless Chromium and closes it before the next module runs
@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, driven by Playwright, for one test module."""
    from playwright.sync_api import sync_playwright

    from .page_server import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
