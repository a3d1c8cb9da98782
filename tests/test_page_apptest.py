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


def types_of(at: AppTest) -> list[str]:
    """The facility types ticked in the sidebar's type list, in its order."""
    return [c.key.removeprefix("f_type_") for c in at.sidebar.checkbox if c.value]


def set_types(at: AppTest, types: list[str]) -> AppTest:
    """Tick exactly these types, one box at a time, as a person would."""
    for c in at.sidebar.checkbox:
        if c.key.startswith("f_type_") and c.value != (c.key.removeprefix("f_type_") in types):
            c.set_value(not c.value).run()
    return at


def only(at: AppTest, facility_type: str) -> AppTest:
    """Click 'only' beside a type."""
    return at.sidebar.button(key=f"f_only_{facility_type}").click().run()


def details(at: AppTest) -> str:
    """The details panel beside the map (the other HTML elements: the count chart, the CSS)."""
    return "".join(
        h.proto.body
        for h in at.get("html")
        if "facmap-bars" not in h.proto.body and "facmap-page-css" not in h.proto.body
    )


def open_panel(at: AppTest, key: str) -> AppTest:
    """Open a lazy expander (its content is built only while open), as a click would."""
    at.session_state[key] = True
    return at.run()


def after_map_drawn(at: AppTest) -> AppTest:
    """Run the page again, as the map frame asks once its facilities are drawn (no browser here)."""
    return at.run()


def bars(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html") if "facmap-bars" in h.proto.body)


def first_visit() -> AppTest:
    """A session's first two runs: the page, then the run the map's frame asks for once its
    facilities are drawn (the filters and the table come with it; no browser here to ask)."""
    return after_map_drawn(AppTest.from_file(APP, default_timeout=60).run())


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("FACMAP_DATASET", str(DATASET))

    def make(**query: str | list[str]) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for k, v in query.items():
            at.query_params[k] = v
        return after_map_drawn(at.run())

    return make


def test_page_shows_every_facility_by_default(monkeypatch):
    monkeypatch.setenv("FACMAP_DATASET", str(DATASET))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert not at.error
    assert shown(at).startswith("**7 of 7 facilities shown**")
    # the first run leaves the table below the map and the sidebar's filters to the run the
    # drawn map asks for: the map is drawn from the link's view alone
    assert not at.dataframe
    assert not at.sidebar.checkbox and not at.sidebar.multiselect and not at.sidebar.toggle
    assert any("table follows" in c.value for c in at.caption)
    assert any("filters follow" in c.value for c in at.sidebar.caption)
    after_map_drawn(at)
    assert shown(at).startswith("**7 of 7 facilities shown**")
    assert types_of(at) == [
        "cosmodrome", "missile_test_range", "impact_zone", "place"
    ]  # fmt: skip
    assert len(at.dataframe[0].value) == 7
    assert not any("table follows" in c.value for c in at.caption)
    assert not any("filters follow" in c.value for c in at.sidebar.caption)
    assert dict(at.query_params) == {}


@pytest.mark.parametrize(
    "query",
    [
        {"type": ["cosmodrome", "place"]},
        {"country": "KZ", "inferred": "0"},
        {"q": "Baikonur"},
        {"type": "missile_test_range", "inferred": "0", "from": "2025-10-31"},
    ],
)
def test_first_run_shows_the_view_the_filters_then_show(monkeypatch, query):
    # the first run reads the link's view without drawing the filters; the run with the
    # filters must show the same facilities, or the map would change under the user's eyes
    monkeypatch.setenv("FACMAP_DATASET", str(DATASET))
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    first = shown(at.run())
    assert not at.sidebar.checkbox
    assert shown(after_map_drawn(at)) == first
    assert at.sidebar.checkbox
    assert not first.startswith("**7 of 7")  # the link did filter


def test_type_filter_reduces_and_goes_into_the_url(app):
    at = app()
    only(at, "cosmodrome")
    assert shown(at).startswith("**2 of 7 facilities shown**")
    assert set(at.dataframe[0].value["id"]) == {"baikonur-cosmodrome", "plesetsk-cosmodrome"}
    assert qp(at, "type") == ["cosmodrome"]


def test_url_opens_the_shared_view(app):
    at = app(type=["cosmodrome", "impact_zone"], country="KZ")
    assert shown(at).startswith("**2 of 7 facilities shown**")
    after_map_drawn(at)
    assert set(at.dataframe[0].value["id"]) == {"baikonur-cosmodrome", "sary-shagan-impact-zone"}
    assert at.sidebar.multiselect[0].value == ["KZ"]
    assert types_of(at) == ["cosmodrome", "impact_zone"]


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
    at.sidebar.multiselect[0].set_value(["RU"]).run()
    assert shown(at).startswith("**2 of 7 facilities shown**")
    at.sidebar.multiselect[1].set_value(["airspace-review-2025-10-31-rusia-kazakhstan"]).run()
    assert shown(at).startswith("**2 of 7 facilities shown**")
    set_types(at, [])
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
    only(at, "place")
    assert not at.exception
    assert at.selectbox(key="selected").value is None


def test_xss_dataset_is_shown_as_text(monkeypatch):
    monkeypatch.setenv("FACMAP_DATASET", str(FIXTURES / "page_xss.geojson"))
    at = first_visit()
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
    at = first_visit()
    assert not at.exception
    assert "kapustin" in at.error[0].value
    assert "country" in at.error[0].value
    assert hashlib.sha256(bad.read_bytes()).hexdigest() == before


def test_missing_dataset_says_how_to_fix(monkeypatch, tmp_path):
    monkeypatch.setenv("FACMAP_DATASET", str(tmp_path / "none.geojson"))
    at = first_visit()
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


# --- issue 5: add an article from the page ------------------------------------------------

EN = (
    "Satellite images show Su-34 bombers at Zernograd Air Base. Tu-22M3s moved to "
    "Olenya air base. The minister later met his counterpart in Astana."
)


@pytest.fixture
def server_address():
    """Set Streamlit's ``server.address`` for pages run in this process (AppTest), then restore."""
    from streamlit import config

    before = config.get_option("server.address")

    def set_to(address: str | None) -> None:
        config.set_option("server.address", address)

    yield set_to
    config.set_option("server.address", before)


@pytest.fixture
def editing(monkeypatch, server_address):
    """The operator enabled editing on a loopback-only page (what `make app` does)."""
    monkeypatch.setenv("FACMAP_EDIT", "1")
    server_address("127.0.0.1")


@pytest.fixture
def dataset_copy(tmp_path, monkeypatch, editing):
    path = tmp_path / "facilities.geojson"
    path.write_bytes(DATASET.read_bytes())
    monkeypatch.setenv("FACMAP_DATASET", str(path))
    return path


def add(at: AppTest, text: str = "", *, upload: tuple[str, bytes] | None = None, **meta: str):
    if not at.session_state["exp_add"]:
        open_panel(at, "exp_add")
    if text:
        at.text_area(key="add_text").input(text)
    if upload is not None:
        # AppTest's session state has no .get()
        nonce = at.session_state["_add_nonce"] if "_add_nonce" in at.session_state else 0  # noqa: SIM401
        at.file_uploader(key=f"add_file_{nonce}").set_value(
            (upload[0], upload[1], "application/octet-stream")
        )
    for k, v in meta.items():
        at.text_input(key=f"add_{k}").input(v)
    return at.button(key="FormSubmitter:add_form-Add article").click().run()


def test_pasted_article_adds_its_facilities_and_shows_them(dataset_copy):
    at = first_visit()
    assert shown(at).startswith("**7 of 7 facilities shown**")
    add(at, EN, title="Bombers <b>move</b>", date="2025-11-02", outlet="Test Wire")
    assert not at.exception
    assert not at.error
    ok = at.success[0].value
    assert "new: " in ok
    assert "Olenya" in ok and "Zernograd" in ok
    # one list, each name quoted and the items apart by semicolons (a name may hold a comma)
    new_line = next(line for line in ok.splitlines() if " new: " in line)
    assert new_line.count("«") == new_line.count("»") >= 2 and "»; «" in new_line
    assert "\\<b\\>move\\</b\\>" in ok  # the title is shown escaped
    ids = set(at.dataframe[0].value["id"])
    assert "olenya-air-base" in ids
    total = int(shown(at).split(" of ")[1].split()[0])
    assert total > 7
    assert shown(at).startswith(f"**{total} of {total} facilities shown**")  # new types shown
    # the first new facility is selected: its excerpt is beside the map
    assert "Satellite images show Su-34 bombers" in details(at) or "Tu-22M3s" in details(at)
    # saved on disk, with the article's text kept beside the dataset
    from facmap.dataset import load_geojson

    on_disk = load_geojson(dataset_copy)
    assert len(on_disk["features"]) == total
    assert list((dataset_copy.parent / "articles").glob("*.txt"))
    # the review panel lists the facility found outside the gazetteer
    open_panel(at, "exp_review")
    review = next(e for e in at.expander if e.label.startswith("Review:"))
    assert "0 facilities need review" not in review.label
    assert "Zernograd Air Base" in set(review.dataframe[0].value["surface"])
    # the toggle hides it from the map and the table
    at.sidebar.toggle[1].set_value(False).run()
    assert qp(at, "review") == ["0"]
    review_ids = {
        f["properties"]["id"] for f in on_disk["features"] if f["properties"]["needs_review"]
    }
    assert review_ids and not review_ids & set(at.dataframe[0].value["id"])
    # the same article again changes nothing
    before = dataset_copy.read_bytes()
    add(at, EN, title="Bombers <b>move</b>", date="2025-11-02", outlet="Test Wire")
    assert "already present" in at.info[0].value
    assert dataset_copy.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("empty.txt", b"   \n", "empty"),
        ("binary.txt", b"\x00\x01\x02MZ\x00", "NUL"),
        ("latin1.txt", "Kosmodrom Plesetsk, größer".encode("latin-1"), "UTF-8"),
        ("menu.html", b"<html><body><nav>Home</nav></body></html>", "no main text"),
    ],
)
def test_bad_article_upload_says_why_and_changes_nothing(dataset_copy, name, data, says):
    before = dataset_copy.read_bytes()
    at = first_visit()
    add(at, upload=(name, data))
    assert not at.exception
    assert "not added" in at.error[0].value
    assert says in at.error[0].value.replace("\\", "")
    assert dataset_copy.read_bytes() == before
    assert not (dataset_copy.parent / "articles").exists()
    assert shown(at).startswith("**7 of 7 facilities shown**")


def test_nothing_given_says_what_to_do(dataset_copy):
    before = dataset_copy.read_bytes()
    at = first_visit()
    add(at)
    assert "paste its text" in at.error[0].value
    assert dataset_copy.read_bytes() == before


def test_adding_to_an_uploaded_dataset_stays_in_the_session(dataset_copy):
    before = dataset_copy.read_bytes()
    at = open_panel(first_visit(), "exp_open")
    at.file_uploader(key="upload_0").set_value(
        ("mine.geojson", DATASET.read_bytes(), "application/json")
    ).run()
    assert "upload mine.geojson" in shown(at)
    at.session_state["exp_open"] = False  # closing the panel keeps the upload open
    at.run()
    assert "upload mine.geojson" in shown(at)
    add(at, EN, outlet="Test Wire")
    assert not at.error
    assert "olenya-air-base" in set(at.dataframe[0].value["id"])
    assert dataset_copy.read_bytes() == before  # nothing written anywhere we know of
    assert not (dataset_copy.parent / "articles").exists()
    assert at.get("download_button")  # the grown dataset is offered as a download


def test_opened_dataset_stays_until_the_user_goes_back(app):
    at = open_panel(app(), "exp_open")
    at.file_uploader(key="upload_0").set_value(
        ("mine.geojson", FIXTURES.joinpath("page_xss.geojson").read_bytes(), "application/json")
    ).run()
    assert "upload mine.geojson" in shown(at)
    at.session_state["exp_open"] = False
    at.run()
    assert "upload mine.geojson" in shown(at)
    at = open_panel(at, "exp_open")
    at.button(key="back_to_file").click().run()
    assert "upload mine.geojson" not in shown(at)
    assert shown(at).startswith("**7 of 7 facilities shown**")
    assert not at.file_uploader(key="upload_1").value  # a fresh, empty uploader
    assert not at.exception


def test_export_buttons_for_every_format(app):
    from facmap.export import FORMATS

    at = open_panel(app(type="cosmodrome"), "exp_export")
    keys = {b.proto.id for b in at.get("download_button")}
    assert all(any(f"export_{f}" in k for k in keys) for f in FORMATS)
    snippet = next(c.value for c in at.code if "<iframe" in c.value)
    assert 'src="facmap-map.html"' in snippet
    set_types(at, [])
    assert any("Nothing to export" in i.value for i in at.info)


def test_side_panels_are_built_only_when_opened(app, editing):
    """Closed expanders build nothing, so the first drawing of the map does not wait for them."""
    at = app()
    labels = [e.label for e in at.expander]
    assert "Add an article" in labels
    assert "Export this view" in labels
    assert any(lb.startswith("Review:") for lb in labels)
    assert not at.text_area  # the article form
    assert not at.get("download_button")  # the export panel
    after_map_drawn(at)
    assert len(at.dataframe) == 1  # only the facilities table: no review tables yet
    open_panel(at, "exp_add")
    assert at.text_area(key="add_text")
    open_panel(at, "exp_export")
    assert at.get("download_button")
    open_panel(at, "exp_review")
    review = next(e for e in at.expander if e.label.startswith("Review:"))
    assert "No facility needs review." in [m.value for m in review.markdown]
    assert not at.exception


def test_count_chart_has_a_bar_per_type_shown(app):
    at = app()
    chart = bars(at)
    counts = {"Missile test range": 3, "Cosmodrome": 2, "Impact zone": 1, "Place": 1}
    assert chart.count('class="bar"') == len(counts)
    for label, n in counts.items():
        assert f'<span class="label">{label}</span>' in chart
        # bar length is the count over the largest count
        assert f"width:{100 * n / 3:.1f}%" in chart
    only(at, "cosmodrome")
    assert not bars(at)  # a single type: the count line says it all


def test_export_bytes_are_built_only_when_asked(monkeypatch):
    from facmap.dataset import load_geojson

    spec = importlib.util.spec_from_file_location("facmap_page_export", APP)
    assert spec
    assert spec.loader
    page = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(page)
    calls = []
    real = page.export_bytes
    monkeypatch.setattr(page, "export_bytes", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    build = page._export_callable(load_geojson(DATASET), "csv", "My <title>", 150)
    assert calls == []  # nothing built while the page draws
    data = build()
    assert calls == ["csv"]
    assert b"Baikonur" in data


def test_launcher_preloads_then_runs_the_page(monkeypatch):
    """``make app`` goes through app/run_app.py: heavy imports first, then ``streamlit run``."""
    from streamlit.web import cli

    spec = importlib.util.spec_from_file_location("facmap_run_app", ROOT / "app" / "run_app.py")
    assert spec
    assert spec.loader
    launcher = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(launcher)
    # importing streamlit_folium outside a script run leaves the map frame empty (its
    # component registers only inside a run): the launcher must never preload it
    assert not any(m.startswith("streamlit_folium") for m in launcher.PRELOAD)
    assert launcher.preload() == []
    assert launcher.preload(("no_such_module_facmap",)) == ["no_such_module_facmap"]
    seen = {}
    monkeypatch.setattr(cli, "main", lambda **kw: seen.update(kw))
    launcher.main(["--server.port", "9999", "--", "--dataset", "x.geojson"])
    assert seen["args"] == [
        "run", APP, *launcher.DEFAULT_FLAGS, "--server.port", "9999", "--", "--dataset", "x.geojson"
    ]  # fmt: skip
    assert "--browser.gatherUsageStats" in launcher.DEFAULT_FLAGS  # no telemetry offline


@pytest.mark.parametrize("kind", ["gpkg", "postgis"])
def test_page_reads_and_adds_to_a_database_store(kind, tmp_path, monkeypatch, request, editing):
    from facmap.dataset import load_geojson
    from facmap.stores import open_store

    where = request.getfixturevalue("pg_url") if kind == "postgis" else str(tmp_path / "store.gpkg")
    open_store(where).write(load_geojson(DATASET))
    monkeypatch.setenv("FACMAP_DATASET", where)
    at = first_visit()
    assert not at.exception and not at.error
    assert shown(at).startswith("**7 of 7 facilities shown**")
    label = "store.gpkg" if kind == "gpkg" else "postgresql://facmap@/facmap_test"
    assert label in shown(at)
    add(at, EN, title="Bombers", date="2025-11-02", outlet="Test Wire")
    assert not at.error, [e.value for e in at.error]
    ids = {f["properties"]["id"] for f in open_store(where).read()["features"]}
    assert "olenya-air-base" in ids
    assert shown(at).startswith(f"**{len(ids)} of {len(ids)} facilities shown**")


# --- issue 12, roles: read-only unless the operator enables editing ------------------------


def sidebar_notes(at: AppTest) -> str:
    return " ".join(i.value for i in at.sidebar.info)


@pytest.fixture
def plain_copy(tmp_path, monkeypatch):
    """A dataset copy with no editing set up (what a visitor of a shared page gets)."""
    monkeypatch.delenv("FACMAP_EDIT", raising=False)
    monkeypatch.delenv("FACMAP_EDIT_PASSWORD_HASH", raising=False)
    path = tmp_path / "facilities.geojson"
    path.write_bytes(DATASET.read_bytes())
    monkeypatch.setenv("FACMAP_DATASET", str(path))
    return path


def add_panel_labels(at: AppTest) -> list[str]:
    return [e.label for e in at.sidebar.expander]


@pytest.mark.parametrize("address", ["127.0.0.1", None, "0.0.0.0"])
def test_page_is_read_only_by_default(plain_copy, server_address, address):
    server_address(address)
    at = first_visit()
    assert not at.exception and not at.error
    assert "Add an article" not in add_panel_labels(at)  # no write widget at all
    assert "read-only" in sidebar_notes(at)
    assert shown(at).startswith("**7 of 7 facilities shown**")  # reading works as before


def test_editing_enabled_on_loopback_needs_no_password(plain_copy, monkeypatch, server_address):
    monkeypatch.setenv("FACMAP_EDIT", "1")
    server_address("127.0.0.1")
    at = first_visit()
    assert "Add an article" in add_panel_labels(at)
    assert "read-only" not in sidebar_notes(at)
    at = open_panel(at, "exp_add")
    assert not [t for t in at.text_input if t.key == "edit_password"]


@pytest.mark.parametrize("address", [None, "0.0.0.0", "192.168.1.20"])
def test_editing_beyond_loopback_without_a_password_stays_read_only(
    plain_copy, monkeypatch, server_address, address
):
    monkeypatch.setenv("FACMAP_EDIT", "1")
    server_address(address)
    at = first_visit()
    assert "Add an article" not in add_panel_labels(at)
    notes = sidebar_notes(at)
    assert "read-only" in notes and "facmap edit-password" in notes


@pytest.fixture
def shared_with_password(plain_copy, monkeypatch, server_address):
    import facmap.access
    from facmap.access import EditGate, hash_password

    # a fresh server's gate: wrong passwords of other tests are not counted here
    monkeypatch.setattr(facmap.access, "_SERVER_GATE", EditGate())
    monkeypatch.setenv("FACMAP_EDIT", "1")
    monkeypatch.setenv("FACMAP_EDIT_PASSWORD_HASH", hash_password("operator's long secret"))
    server_address("0.0.0.0")
    return plain_copy


def add_with_password(at: AppTest, password: str | None) -> AppTest:
    if not at.session_state["exp_add"]:
        open_panel(at, "exp_add")
    if password is not None:
        at.text_input(key="edit_password").input(password)
    return add(at, EN, title="Bombers", date="2025-11-02", outlet="Test Wire")


@pytest.mark.parametrize("password", [None, "", "operator's long secreT", "x" * 5000])
def test_wrong_or_missing_password_writes_nothing(shared_with_password, password):
    path = shared_with_password
    before = path.read_bytes()
    at = first_visit()
    assert "Add an article" in add_panel_labels(at)
    add_with_password(at, password)
    assert not at.exception
    assert "not added" in at.error[0].value
    assert "password" in at.error[0].value
    assert path.read_bytes() == before
    assert not (path.parent / "articles").exists()
    assert not (path.parent / "facilities.geojson.bak").exists()
    assert shown(at).startswith("**7 of 7 facilities shown**")


def test_right_password_adds_and_is_asked_for_every_write(shared_with_password):
    path = shared_with_password
    at = first_visit()
    add_with_password(at, "operator's long secret")
    assert not at.error, [e.value for e in at.error]
    assert "olenya-air-base" in path.read_text("utf-8")
    grown = path.read_bytes()
    # the password is checked again at the next write: changed to a wrong one, refused
    at.text_input(key="edit_password").input("guess")
    add(at, "Tu-160 bombers landed at Engels air base.", title="Engels")
    assert "password is wrong" in at.error[0].value
    assert path.read_bytes() == grown


def test_wrong_passwords_are_throttled_across_sessions(shared_with_password):
    from facmap.access import MAX_FAILURES

    path = shared_with_password
    before = path.read_bytes()
    at = first_visit()
    # the gate is one per server process: AppTest sessions share it, as browser sessions do
    for _ in range(MAX_FAILURES):
        add_with_password(at, "wrong guess")
    fresh = first_visit()
    add_with_password(fresh, "operator's long secret")  # even the right one waits now
    assert "try again in a minute" in fresh.error[0].value
    assert path.read_bytes() == before


# --- issue 12, page-side limits ----------------------------------------------------------------


def test_adds_per_session_per_minute_are_limited(dataset_copy, monkeypatch):
    import facmap.access

    monkeypatch.setattr(facmap.access, "MAX_ADDS_PER_MINUTE", 2)
    at = first_visit()
    add(at, EN, title="Bombers", date="2025-11-02")
    assert not at.error
    add(at, EN, title="Bombers", date="2025-11-02")  # already present: still an add asked for
    grown = dataset_copy.read_bytes()
    add(at, "Tu-160 bombers landed at Engels air base.", title="Engels")
    assert "at most 2 articles added a minute" in at.error[0].value
    assert dataset_copy.read_bytes() == grown
    assert not at.exception


def test_an_uploaded_dataset_is_parsed_into_its_session_and_dropped_on_back(app):
    at = open_panel(app(), "exp_open")
    at.file_uploader(key="upload_0").set_value(
        ("mine.geojson", DATASET.read_bytes(), "application/json")
    ).run()
    assert "_opened_fc" in at.session_state
    at.button(key="back_to_file").click().run()
    assert "_opened_fc" not in at.session_state  # the collection leaves memory with it
    assert shown(at).startswith("**7 of 7 facilities shown**")


def test_a_deeply_nested_upload_says_so_in_one_line_and_shows_no_traceback(app):
    # issue 12, finding 6: 100,000 nested arrays once raised RecursionError and showed the
    # traceback, with the server's paths, to the visitor
    at = open_panel(app(), "exp_open")
    at.file_uploader(key="upload_0").set_value(
        ("deep.geojson", b"[" * 100_000 + b"]" * 100_000, "application/json")
    ).run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors and "levels deep" in errors[0], errors
    assert "\n" not in errors[0].strip() and "Traceback" not in errors[0]
    assert "/work/" not in errors[0] and ".py" not in errors[0]
    assert shown(at).startswith("**7 of 7 facilities shown**")  # the file's map stays


# --- issue 10: only this type, dates, a demo that keeps the seed clean -------------------------


def test_only_this_type_in_one_click_and_all_back(app):
    at = app()
    labels = [c.label for c in at.sidebar.checkbox if c.key.startswith("f_type_")]
    assert labels == ["Cosmodrome (2)", "Missile test range (3)", "Impact zone (1)", "Place (1)"]
    only(at, "missile_test_range")
    assert shown(at).startswith("**3 of 7 facilities shown**")
    assert types_of(at) == ["missile_test_range"]
    assert qp(at, "type") == ["missile_test_range"]
    only(at, "cosmodrome")  # straight from one type to another: still one click
    assert types_of(at) == ["cosmodrome"]
    assert shown(at).startswith("**2 of 7 facilities shown**")
    at.sidebar.button(key="f_types_all").click().run()
    assert shown(at).startswith("**7 of 7 facilities shown**")
    assert "type" not in at.query_params
    assert not [b for b in at.sidebar.button if b.key == "f_types_all"]  # nothing to undo
    at.sidebar.checkbox(key="f_type_place").uncheck().run()
    assert shown(at).startswith("**6 of 7 facilities shown**")
    assert qp(at, "type") == ["cosmodrome", "missile_test_range", "impact_zone"]


@pytest.fixture
def dated_dataset(tmp_path, monkeypatch):
    """The seed with Baikonur also reported on 15 Sep and Plesetsk only on 1 Nov."""
    from facmap.dataset import load_geojson, write_geojson

    fc = load_geojson(DATASET)
    for f in fc["features"]:
        p = f["properties"]
        if p["id"] == "plesetsk-cosmodrome":
            p["mentions"][0]["date"] = "2025-11-01"
            p["first_seen"] = p["last_seen"] = "2025-11-01"
        if p["id"] == "baikonur-cosmodrome":
            m = p["mentions"][0]
            early = {**m, "date": "2025-09-15", "start": 0, "end": len(m["surface"])}
            p["mentions"].insert(0, early)
            p["first_seen"] = "2025-09-15"
    path = tmp_path / "dated.geojson"
    write_geojson(fc, path)
    monkeypatch.setenv("FACMAP_DATASET", str(path))
    return path


def test_date_range_narrows_the_view_and_goes_into_the_link(dated_dataset):
    from datetime import date

    at = first_visit()
    picker = at.sidebar.date_input(key="f_dates")
    assert picker.value == (date(2025, 9, 15), date(2025, 11, 1))  # the data's whole span
    assert shown(at).startswith("**7 of 7 facilities shown**")
    picker.set_value((date(2025, 9, 15), date(2025, 9, 30))).run()
    assert shown(at).startswith("**1 of 7 facilities shown**")
    assert list(at.dataframe[0].value["id"]) == ["baikonur-cosmodrome"]
    row = at.dataframe[0].value.iloc[0]
    assert (row["first seen"], row["last seen"], row["articles"]) == ("2025-09-15", "2025-10-31", 1)
    assert qp(at, "to") == ["2025-09-30"] and "from" not in at.query_params  # the first day
    # what was reported in October: all but Plesetsk (1 Nov); Baikonur again on 31 Oct
    at.sidebar.date_input(key="f_dates").set_value((date(2025, 10, 1), date(2025, 10, 31))).run()
    assert shown(at).startswith("**6 of 7 facilities shown**")
    assert "plesetsk-cosmodrome" not in set(at.dataframe[0].value["id"])
    assert (qp(at, "from"), qp(at, "to")) == (["2025-10-01"], ["2025-10-31"])
    at.sidebar.button(key="f_dates_all").click().run()
    assert shown(at).startswith("**7 of 7 facilities shown**")
    assert "from" not in at.query_params and "to" not in at.query_params


def test_link_dates_open_the_range_and_bad_ones_say_the_format(dated_dataset):
    from datetime import date

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["from"] = "2025-11-01"
    after_map_drawn(at.run())
    assert shown(at).startswith("**1 of 7 facilities shown**")  # Plesetsk, reported 1 Nov
    assert at.sidebar.date_input(key="f_dates").value == (date(2025, 11, 1), date(2025, 11, 1))
    bad = AppTest.from_file(APP, default_timeout=60)
    bad.query_params["from"] = "02/11/2025"
    bad.query_params["to"] = "[x](http://evil.example)"
    bad.run()
    assert shown(bad).startswith("**7 of 7 facilities shown**")
    warning = bad.warning[0].value
    assert "`` from=02/11/2025 ``" in warning  # quoted as a code span: shown as typed
    assert "`` to=[x](http://evil.example) ``" in warning
    assert "YYYY-MM-DD" in warning and "ISO 8601" in warning


@pytest.fixture
def demo(tmp_path, monkeypatch, editing):
    """The page on the tracked seed, as `make app` runs it, with a data folder of the test's."""
    monkeypatch.delenv("FACMAP_DATASET", raising=False)
    data = tmp_path / "userdata"
    monkeypatch.setenv("FACMAP_DATA_DIR", str(data))
    return data


def test_demo_adds_to_a_copy_and_resets_to_the_seed(demo):
    from facmap.dataset import load_geojson

    seed_before = hashlib.sha256(DATASET.read_bytes()).hexdigest()
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert "facilities.geojson" in shown(at) and str(demo) not in shown(at)  # the seed, shown
    assert not list(at.sidebar.get("popover"))  # nothing to reset yet
    add(at, EN, title="Bombers", date="2025-11-02", outlet="Test Wire")
    assert not at.error, [e.value for e in at.error]
    copy = demo / "facilities.geojson"
    grown = load_geojson(copy)
    assert len(grown["features"]) > 7
    assert str(demo) in shown(at)  # the page now shows the copy
    assert hashlib.sha256(DATASET.read_bytes()).hexdigest() == seed_before  # seed untouched
    assert list((demo / "articles").glob("*.txt"))
    (box,) = at.status  # the add said what it was doing, and how long it took
    assert box.label.startswith("Article read in") and box.state == "complete"
    # one click opens the confirmation, one resets
    at.button(key="reset_confirm").click().run()
    assert not at.error, [e.value for e in at.error]
    assert "Back to the seed" in at.success[0].value
    assert copy.read_bytes() == DATASET.read_bytes()
    assert load_geojson(demo / "facilities.geojson.bak") == grown
    assert not list((demo / "articles").glob("*.txt"))
    assert shown(at).startswith("**7 of 7 facilities shown**")
    assert hashlib.sha256(DATASET.read_bytes()).hexdigest() == seed_before


def test_reset_needs_editing_rights_like_an_add(demo, monkeypatch):
    from facmap.userdata import workspace

    at = AppTest.from_file(APP, default_timeout=120).run()
    add(at, EN, title="Bombers", date="2025-11-02")
    copy = demo / "facilities.geojson"
    grown = copy.read_bytes()
    assert at.button(key="reset_confirm")
    # the operator turns editing off while the page is open: the old button is no guard
    monkeypatch.delenv("FACMAP_EDIT")
    at.button(key="reset_confirm").click().run()
    assert "not reset" in at.error[0].value
    assert copy.read_bytes() == grown
    assert workspace(DATASET).modified()
