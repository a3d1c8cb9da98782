"""Widget logic of the page, driven headlessly with Streamlit's AppTest (no browser)."""

from __future__ import annotations

import hashlib
import importlib.util

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import DATASET, FIXTURES, ROOT

APP = str(ROOT / "app" / "streamlit_app.py")


def shown(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "facilities shown" in m.value)


def qp(at: AppTest, key: str) -> list[str]:
    v = at.query_params[key]
    return [v] if isinstance(v, str) else list(v)


def details(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html"))


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("FACMAP_DATASET", str(DATASET))

    def make(**query: str | list[str]) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for k, v in query.items():
            at.query_params[k] = v
        return at.run()

    return make


def test_page_shows_every_facility_by_default(app):
    at = app()
    assert not at.exception
    assert not at.error
    assert shown(at).startswith("**7 of 7 facilities shown**")
    assert at.sidebar.multiselect[0].value == [
        "cosmodrome", "missile_test_range", "impact_zone", "place"
    ]  # fmt: skip
    assert len(at.dataframe[0].value) == 7
    assert dict(at.query_params) == {}


def test_type_filter_reduces_and_goes_into_the_url(app):
    at = app()
    at.sidebar.multiselect[0].set_value(["cosmodrome"]).run()
    assert shown(at).startswith("**2 of 7 facilities shown**")
    assert set(at.dataframe[0].value["id"]) == {"baikonur-cosmodrome", "plesetsk-cosmodrome"}
    assert qp(at, "type") == ["cosmodrome"]


def test_url_opens_the_shared_view(app):
    at = app(type=["cosmodrome", "impact_zone"], country="KZ")
    assert shown(at).startswith("**2 of 7 facilities shown**")
    assert set(at.dataframe[0].value["id"]) == {"baikonur-cosmodrome", "sary-shagan-impact-zone"}
    assert at.sidebar.multiselect[1].value == ["KZ"]


def test_unknown_url_values_are_ignored_with_a_warning(app):
    at = app(type=["nonsense", "cosmodrome"], country="ZZ")
    assert shown(at).startswith("**2 of 7 facilities shown**")
    assert "type=nonsense" in at.warning[0].value
    assert "country=ZZ" in at.warning[0].value


def test_other_filters(app):
    at = app()
    at.sidebar.toggle[0].set_value(False).run()
    assert shown(at).startswith("**4 of 7 facilities shown**")
    assert qp(at, "inferred") == ["0"]
    at.sidebar.toggle[0].set_value(True).run()
    at.sidebar.text_input[0].set_value("байконур").run()  # Cyrillic alias
    assert shown(at).startswith("**1 of 7 facilities shown**")
    at.sidebar.text_input[0].set_value("").run()
    at.sidebar.multiselect[1].set_value(["RU"]).run()
    assert shown(at).startswith("**2 of 7 facilities shown**")
    at.sidebar.multiselect[2].set_value(["airspace-review-2025-10-31-rusia-kazakhstan"]).run()
    assert shown(at).startswith("**2 of 7 facilities shown**")
    at.sidebar.multiselect[0].set_value([]).run()
    assert shown(at).startswith("**0 of 7 facilities shown**")
    assert "No facility matches" in at.info[0].value
    assert not at.exception


def test_selecting_a_facility_shows_all_its_excerpts(app):
    at = app()
    assert not details(at)
    at.selectbox(key="selected").select("baikonur-cosmodrome").run()
    body = details(at)
    assert "<h4>Baikonur Cosmodrome" in body
    assert "<mark>" in body
    assert "Airspace Review" in body
    # filtering it away clears the selection instead of failing
    at.sidebar.multiselect[0].set_value(["place"]).run()
    assert not at.exception
    assert at.selectbox(key="selected").value is None


def test_xss_dataset_is_shown_as_text(monkeypatch):
    monkeypatch.setenv("FACMAP_DATASET", str(FIXTURES / "page_xss.geojson"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    at.selectbox(key="selected").select("kapustin-yar").run()
    body = details(at)
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in body
    assert "<script>window" not in body
    assert "<img" not in body


def test_bad_dataset_file_shows_a_clear_message(monkeypatch):
    bad = FIXTURES / "page_bad.geojson"
    before = hashlib.sha256(bad.read_bytes()).hexdigest()
    monkeypatch.setenv("FACMAP_DATASET", str(bad))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "kapustin" in at.error[0].value
    assert "country" in at.error[0].value
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before


def test_missing_dataset_says_how_to_fix(monkeypatch, tmp_path):
    monkeypatch.setenv("FACMAP_DATASET", str(tmp_path / "none.geojson"))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "facmap extract" in at.error[0].value


def test_dataset_flag_wins_over_env(monkeypatch):
    spec = importlib.util.spec_from_file_location("facmap_page", APP)
    assert spec
    assert spec.loader
    page = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(page)  # not __main__: defines the helpers, draws nothing
    monkeypatch.setenv("FACMAP_DATASET", "/env/path.geojson")
    assert str(page.dataset_path(["--dataset", "/flag.geojson"])) == "/flag.geojson"
    assert str(page.dataset_path([])) == "/env/path.geojson"
    monkeypatch.delenv("FACMAP_DATASET")
    assert page.dataset_path([]) == DATASET
    assert page.md_text("[x](javascript:y)") == "\\[x\\]\\(javascript\\:y\\)"
