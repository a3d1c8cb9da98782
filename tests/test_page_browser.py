"""The page in a real browser: headless Chromium, network blocked, against `streamlit run`.

Every wait is on a condition (Playwright's auto-waiting ``expect``), never a sleep.
"""

from __future__ import annotations

import hashlib
import os
import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import DATASET, FIXTURES, ROOT
from .page_server import (
    MAP_FRAME,
    MARKERS,
    block_network,
    streamlit_server,
    synthetic_collection,
)

pytestmark = pytest.mark.browser
SCREENSHOT = ROOT / "docs" / "screenshot.png"
TIMEOUT_MS = 30_000
# assertions wait as long as actions do (expect's own default is 5 s, short on a loaded machine)
expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def seed_url():
    with streamlit_server(DATASET) as url:
        yield url


@pytest.fixture(scope="session")
def xss_url():
    with streamlit_server(FIXTURES / "page_xss.geojson") as url:
        yield url


@pytest.fixture(scope="session")
def seed_collection_file():
    from facmap.dataset import load_geojson

    return load_geojson(DATASET)


@pytest.fixture(scope="session")
def seed_points(seed_collection_file):
    return [
        f["properties"]
        for f in seed_collection_file["features"]
        if f["geometry"]["type"] == "Point"
    ]


def marker_count(fc) -> int:
    """Markers drawn: one per point facility and one at the centre of each area."""
    return sum(
        f["geometry"]["type"] in ("Point", "Polygon", "MultiPolygon") for f in fc["features"]
    )


@pytest.fixture(scope="session")
def seed_markers(seed_collection_file):
    return marker_count(seed_collection_file)


@pytest.fixture(scope="session")
def seed_marked(seed_collection_file):
    """Properties of the facilities drawn with a marker (points and areas, not lines)."""
    kinds = ("Point", "Polygon", "MultiPolygon")
    return [
        f["properties"] for f in seed_collection_file["features"] if f["geometry"]["type"] in kinds
    ]


class Watch:
    """What a page did that it should not: console errors, page errors, outside requests."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        block_network(page, self.blocked)

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.blocked == []
        assert self.dialogs == []


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    pg.watch = Watch(pg)
    yield pg
    context.close()


def markers(page: Page):
    return page.frame_locator(MAP_FRAME).locator(MARKERS)


def type_box(page: Page, label: str):
    """The checkbox of one facility type in the sidebar, by its label ("Place (1)")."""
    boxes = page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]')
    return boxes.filter(has_text=label)


def type_row(page: Page, label: str):
    """The sidebar line of one type: its checkbox and its 'only' button."""
    rows = page.locator('[data-testid="stSidebar"] [data-testid="stHorizontalBlock"]')
    return rows.filter(has=page.locator('[data-testid="stCheckbox"]').filter(has_text=label))


def shown(page: Page):
    return page.get_by_text(re.compile(r"\d+ of \d+ facilities shown"))


def test_markers_equal_point_features_and_areas(page, seed_url, seed_markers):
    page.goto(seed_url)
    expect(markers(page)).to_have_count(seed_markers)
    expect(shown(page)).to_have_text("7 of 7 facilities shown")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.facmap-area")).to_have_count(4)
    expect(frame.locator(".facmap-legend")).to_contain_text("Cosmodrome")
    expect(frame.locator(".leaflet-control-scale")).to_have_count(1)
    expect(frame.locator(".facmap-fullscreen")).to_have_count(1)
    expect(frame.locator(".leaflet-control-layers")).to_have_count(1)
    page.watch.assert_clean()


def test_type_filter_reduces_markers_and_updates_the_link(page, seed_url):
    page.goto(seed_url)
    expect(markers(page)).to_have_count(6)
    # untick the last type ("Place": Almaty)
    type_box(page, "Place (1)").click()
    expect(shown(page)).to_have_text("6 of 7 facilities shown")
    expect(page.locator(MAP_FRAME)).to_have_count(1)  # the old map is gone after the rerun
    expect(markers(page)).to_have_count(5)
    expect(page).to_have_url(
        re.compile(r"type=cosmodrome&type=missile_test_range&type=impact_zone")
    )
    page.watch.assert_clean()


#: in the map's frame: whether the page held its table when the first marker was drawn
TABLE_AT_FIRST_MARKER = """(() => {
  if (window === window.top) return;
  const iv = setInterval(() => {
    if (!document.querySelector(".leaflet-marker-pane .facmap-marker")) return;
    clearInterval(iv);
    try {
      const top = window.top;
      if (top.__tableAtMarker === undefined) {
        top.__tableAtMarker = !!top.document.querySelector('[data-testid="stDataFrame"]');
        top.__filtersAtMarker = !!top.document.querySelector(
          '[data-testid="stSidebar"] [data-testid="stCheckbox"]');
      }
    } catch (e) {}
  }, 5);
})();"""


def test_first_visit_draws_the_map_then_the_table_by_itself(browser, seed_url, seed_markers):
    """The table and the filters wait for the map's first drawing, then come with no click."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(TABLE_AT_FIRST_MARKER)
    page = context.new_page()
    watch = Watch(page)
    page.goto(seed_url)
    expect(markers(page)).to_have_count(seed_markers)
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(1)
    expect(page.get_by_text("The table follows")).to_have_count(0)
    assert page.evaluate("window.__tableAtMarker") is False
    # the filters too: drawn from the next run, one line per type as before
    expect(type_box(page, "Cosmodrome (2)")).to_be_visible()
    expect(page.get_by_text("The filters follow")).to_have_count(0)
    assert page.evaluate("window.__filtersAtMarker") is False
    # the table is below the first view: nothing the first look shows comes late
    box = page.locator('[data-testid="stDataFrame"]').bounding_box()
    assert box
    assert box["y"] >= 900
    watch.assert_clean()
    context.close()


def test_filter_change_swaps_the_layer_in_the_same_map(page, seed_url):
    page.goto(seed_url)
    frame = page.frame_locator(MAP_FRAME)
    expect(markers(page)).to_have_count(6)
    overlays = frame.locator(".leaflet-control-layers-overlays label")
    expect(overlays).to_have_text(["Areas and corridors (4)", "Facilities (6)"])
    # the first run has finished; mark this map document to see that it is kept
    expect(page.get_by_text("Export this view")).to_be_visible()
    frame.locator("body").evaluate("() => { window.__facmapKept = true; }")
    type_box(page, "Place (1)").click()  # drop "Place" (Almaty)
    expect(shown(page)).to_have_text("6 of 7 facilities shown")
    expect(markers(page)).to_have_count(5)
    expect(frame.locator(".facmap-legend")).not_to_contain_text("Place")
    expect(frame.locator(".facmap-legend")).to_contain_text("Cosmodrome (2)")
    expect(overlays).to_have_text(["Areas and corridors (4)", "Facilities (5)"])
    expect(frame.locator(".leaflet-control-layers")).to_have_count(1)
    expect(frame.locator('.leaflet-marker-pane [title="Almaty"]')).to_have_count(0)
    assert frame.locator("body").evaluate("() => window.__facmapKept") is True
    # a marker of the swapped-in layer still selects its facility
    frame.locator('.leaflet-marker-pane [title="Kapustin Yar"]').click()
    panel = page.locator('[data-testid="stMain"] .facmap-popup')
    expect(panel.locator("h4")).to_have_text("Kapustin Yar")
    page.watch.assert_clean()


@pytest.mark.parametrize(
    ("query", "count", "titles"),
    [
        ("?type=cosmodrome", 2, ["Plesetsk Cosmodrome", "Baikonur Cosmodrome"]),
        (
            "?type=missile_test_range&type=place&country=KZ",
            2,
            ["Almaty", "Sary Shagan anti-ballistic missile test range"],
        ),
        ("?type=cosmodrome&type=impact_zone&country=KZ", 2, ["Baikonur Cosmodrome"]),
    ],
)
def test_shared_link_opens_that_view(page, seed_url, query, count, titles):
    page.goto(seed_url + "/" + query)
    expect(shown(page)).to_contain_text(" of 7 facilities shown")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".facmap-legend")).to_be_visible()
    expect(markers(page)).to_have_count(count)
    for t in titles:
        expect(frame.locator(f'.leaflet-marker-pane [title="{t}"]')).to_have_count(1)
    page.watch.assert_clean()


def test_clicking_a_marker_shows_its_excerpt(page, seed_url, seed_points):
    ky = next(p for p in seed_points if p["id"] == "kapustin-yar")
    excerpt = ky["mentions"][0]["excerpt"]
    page.goto(seed_url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator('.leaflet-marker-pane [title="Kapustin Yar"]').click()
    popup = frame.locator(".leaflet-popup .facmap-excerpt").first
    expect(popup).to_have_text(excerpt)
    expect(popup.locator("mark")).to_have_text(ky["mentions"][0]["surface"])
    panel = page.locator('[data-testid="stMain"] .facmap-popup')
    expect(panel.locator("h4")).to_have_text("Kapustin Yar")
    expect(panel.locator(".facmap-excerpt").first).to_have_text(excerpt)
    page.watch.assert_clean()


def test_clicking_baikonur_reads_the_sentence_and_screenshot(
    page, seed_url, seed_collection_file, tmp_path
):
    baikonur = next(
        f["properties"] for f in seed_collection_file["features"]
        if f["properties"]["id"] == "baikonur-cosmodrome"
    )  # fmt: skip
    page.goto(seed_url)
    frame = page.frame_locator(MAP_FRAME)
    expect(markers(page)).to_have_count(6)
    # the marker at the centre of its area (it covers the small polygon at this zoom)
    frame.locator(f'{MARKERS}[title="Baikonur Cosmodrome"]').click()
    panel = page.locator('[data-testid="stMain"] .facmap-popup')
    expect(panel.locator("h4")).to_have_text("Baikonur Cosmodrome")
    expect(panel.locator(".facmap-excerpt").first).to_have_text(baikonur["mentions"][0]["excerpt"])
    expect(frame.locator(".leaflet-popup .facmap-excerpt").first).to_be_visible()
    # README's screenshot comes from this test: `make screenshot` sets FACMAP_SCREENSHOT
    shot = SCREENSHOT if os.environ.get("FACMAP_SCREENSHOT") else tmp_path / "screenshot.png"
    shot.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 20_000
    page.watch.assert_clean()


@pytest.fixture(scope="session")
def large_url(tmp_path_factory):
    import json

    from facmap.mapview import DEFAULT_CLUSTER_THRESHOLD

    path = tmp_path_factory.mktemp("large") / "large.geojson"
    fc = synthetic_collection(DEFAULT_CLUSTER_THRESHOLD + 100)  # clustered, light popups
    path.write_text(json.dumps(fc), "utf-8")
    with streamlit_server(path) as url:
        yield url, fc["features"][0]


def test_large_map_builds_tooltips_and_popups_when_asked(page, large_url):
    url, feature = large_url
    name = feature["properties"]["name"]
    lon, lat = feature["geometry"]["coordinates"]
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".leaflet-marker-pane .marker-cluster").first).to_be_visible()
    # zoom in on one facility, so it is drawn outside any cluster
    frame.locator("body").evaluate(
        """(body, [lat, lon]) => Object.values(window).find((v) => v instanceof L.Map)
             .setView([lat, lon], 15, {animate: false})""",
        [lat, lon],
    )
    marker = frame.locator(f'.leaflet-marker-pane .facmap-marker[title="{name}"]')
    marker.hover()
    expect(frame.locator(".leaflet-tooltip")).to_contain_text(name)
    marker.click()
    popup = frame.locator(".leaflet-popup .facmap-popup")
    expect(popup.locator("h4")).to_contain_text(name)
    expect(popup.locator(".facmap-meta")).to_contain_text(" · ")
    panel = page.locator('[data-testid="stMain"] .facmap-popup')
    expect(panel.locator("h4")).to_contain_text(name)
    expect(panel.locator(".facmap-excerpt").first).to_contain_text(f"names {name} near")
    page.watch.assert_clean()


def test_xss_article_shows_as_text_and_runs_nothing(page, xss_url):
    page.goto(xss_url)
    frame = page.frame_locator(MAP_FRAME)
    marker = frame.locator(".leaflet-marker-pane .facmap-marker")
    expect(marker).to_have_count(1)
    marker.click()
    popup = frame.locator(".leaflet-popup .facmap-popup")
    expect(popup.locator("h4")).to_contain_text('Evil <img src=x onerror="window.__xss=1"> Base')
    expect(popup.locator(".facmap-excerpt")).to_contain_text("<script>window.__xss=2</script>")
    expect(popup.locator("mark")).to_have_text("<b>Kapustin</b> Yar")
    panel = page.locator('[data-testid="stMain"] .facmap-popup')
    expect(panel.locator(".facmap-excerpt")).to_contain_text("<script>window.__xss=2</script>")
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text("<img src=x")
    # nothing ran, nothing was injected as markup, no javascript: link exists
    assert page.evaluate("window.__xss") is None
    assert page.frame_locator(MAP_FRAME).locator("body").evaluate("() => window.__xss") is None
    for scope in (page.locator("body"), frame.locator("body")):
        assert scope.locator("img[onerror], svg[onload], i[onmouseover]").count() == 0
        assert scope.locator('a[href^="javascript"]').count() == 0
    page.watch.assert_clean()


def test_malformed_upload_names_the_feature_and_touches_nothing(page, seed_url):
    bad = FIXTURES / "page_bad.geojson"
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (bad, DATASET)}
    page.goto(seed_url)
    expect(markers(page)).to_have_count(6)
    page.locator('[data-testid="stSidebar"]').get_by_text("Open another dataset").click()
    page.locator(
        '[data-testid="stSidebar"] input[type="file"][accept*=".geojson"]'
    ).set_input_files(str(bad))
    alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]')
    expect(alert).to_contain_text("kapustin-yar")
    expect(alert).to_contain_text("country")
    expect(shown(page)).to_have_text("7 of 7 facilities shown")  # the page keeps working
    expect(markers(page)).to_have_count(6)
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in before} == before
    page.watch.assert_clean()


ARTICLE = (
    "Satellite images show Su-34 bombers at Zernograd Air Base. Tu-22M3s moved to "
    "Olenya air base. The minister later met his counterpart in Astana."
)


@pytest.fixture(scope="session")
def growing_dataset(tmp_path_factory):
    path = tmp_path_factory.mktemp("grow") / "facilities.geojson"
    path.write_bytes(DATASET.read_bytes())
    with streamlit_server(path, edit=True) as url:
        yield url, path


def test_pasted_article_grows_the_map(page, growing_dataset, seed_points, seed_markers):
    from facmap.dataset import load_geojson

    url, path = growing_dataset
    page.goto(url)
    expect(markers(page)).to_have_count(seed_markers)
    # the first run has finished (its last panel is drawn): a submit now is not lost
    expect(page.get_by_text("Export this view")).to_be_visible()
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Add an article").click()
    sidebar.locator("textarea").fill(ARTICLE)
    sidebar.get_by_role("button", name="Add article").click()
    alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]')
    expect(alert).to_contain_text("Olenya", timeout=TIMEOUT_MS)  # extraction, first run
    grown = load_geojson(path)  # written before the page said so
    points = [f["properties"] for f in grown["features"] if f["geometry"]["type"] == "Point"]
    olenya = next(p for p in points if p["id"] == "olenya-air-base")
    # the run after the add has finished: its last panels list the facility to review
    expect(page.get_by_text(re.compile(r"Review: [1-9]\d* facilities need review"))).to_be_visible()
    expect(page.locator(MAP_FRAME)).to_have_count(1)  # the old map is gone after the rerun
    expect(markers(page)).to_have_count(marker_count(grown))
    assert len(points) > len(seed_points)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(f'.leaflet-marker-pane [title="{olenya["name"]}"]')).to_have_count(1)
    # the first new facility is selected: its excerpt, surface highlighted, beside the map
    panel = page.locator('[data-testid="stMain"] .facmap-popup')
    expect(panel.locator("h4")).to_have_text(olenya["name"])
    excerpt = panel.locator(".facmap-excerpt").first
    expect(excerpt).to_contain_text("Tu-22M3s moved to Olenya air base.")
    expect(excerpt.locator("mark")).to_have_text(olenya["mentions"][0]["surface"])
    # beside the old facilities, which are all still drawn
    for p in seed_points:
        expect(frame.locator(f'.leaflet-marker-pane [title="{p["name"]}"]')).to_have_count(1)
    page.watch.assert_clean()


# --- issue 12, finding 4: markdown injection through a shared link ---------------------------

HOSTILE_VALUE = (
    "x\n\n# Injected heading\n\n[click here](http://evil.example/phish)\n\n"
    '![pixel](http://evil.example/pixel.png)\n\n<img src="http://evil.example/raw.png">\n'
    '<a href="http://evil.example/raw">raw link</a> http://evil.example/bare'
)


def test_hostile_link_values_show_as_text_and_load_nothing(page, seed_url):
    from urllib.parse import urlencode

    bare = "## ZZ http://evil.example/bare www.evil.example ``x`` :red[y] $z$"
    query = urlencode([("type", HOSTILE_VALUE), ("type", "cosmodrome"), ("country", bare)])
    page.goto(f"{seed_url}/?{query}")
    warning = page.locator('[data-testid="stMain"] [data-testid="stAlert"]')
    expect(warning).to_contain_text("Ignored link values")
    # the value reads as typed, each part of it literally
    for part in ("# Injected heading", "[click here](http://evil.example/phish)",
                 "![pixel](http://evil.example/pixel.png)", bare):  # fmt: skip
        expect(warning).to_contain_text(part)
    expect(shown(page)).to_have_text("2 of 7 facilities shown")  # the valid value still applies
    main = page.locator('[data-testid="stMain"]')
    # nothing in it became markup: no heading, link or image, anywhere on the page
    expect(warning.locator("h1, h2, h3, h4, h5, h6")).to_have_count(0)
    expect(main.locator("h1, h2, h3, h4, h5, h6").filter(has_text="Injected")).to_have_count(0)
    expect(page.locator('a[href*="evil.example"]')).to_have_count(0)
    expect(page.locator('img[src*="evil.example"]')).to_have_count(0)
    expect(page.locator('img[src^="http"]:not([src^="http://127.0.0.1"])')).to_have_count(0)
    page.watch.assert_clean()  # no request left loopback


# --- issue 12, roles: a visitor of a page nobody enabled editing on ---------------------------


def test_visitors_see_a_read_only_page_with_no_add_form(page, seed_url):
    page.goto(seed_url)
    expect(markers(page)).to_have_count(6)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text("This page is read-only")).to_be_visible()
    expect(page.get_by_text("Export this view")).to_be_visible()  # the run has finished
    expect(sidebar.get_by_text("Add an article")).to_have_count(0)
    expect(page.locator("textarea")).to_have_count(0)
    expect(page.get_by_role("button", name="Add article")).to_have_count(0)
    page.watch.assert_clean()


# --- issue 10: only this type, dates, progress, a demo that keeps the seed clean ---------------


def test_only_this_type_in_one_click(page, seed_url, seed_markers, seed_marked):
    page.goto(seed_url)
    expect(markers(page)).to_have_count(seed_markers)
    ranges = [p for p in seed_marked if p["type"] == "missile_test_range"]
    type_row(page, "Missile test range (3)").get_by_role("button", name="only").click()
    expect(shown(page)).to_have_text("3 of 7 facilities shown")
    expect(page.locator(MAP_FRAME)).to_have_count(1)
    expect(markers(page)).to_have_count(len(ranges))
    for p in ranges:
        expect(page.frame_locator(MAP_FRAME).locator(f'[title="{p["name"]}"]')).to_have_count(1)
    expect(page).to_have_url(re.compile(r"\?type=missile_test_range$"))
    # every type line stays on one line inside the sidebar: nothing overflows
    sidebar = page.locator('[data-testid="stSidebar"]').bounding_box()
    for label in ("Cosmodrome (2)", "Missile test range (3)", "Impact zone (1)", "Place (1)"):
        row = type_row(page, label)
        box, only = row.bounding_box(), row.get_by_role("button", name="only").bounding_box()
        assert sidebar and box and only
        assert box["x"] + box["width"] <= sidebar["x"] + sidebar["width"] + 0.5
        assert only["y"] < box["y"] + box["height"] and only["height"] < 45  # beside, one line
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="all").click()
    expect(shown(page)).to_have_text("7 of 7 facilities shown")
    expect(markers(page)).to_have_count(seed_markers)
    page.watch.assert_clean()


@pytest.fixture(scope="session")
def dated_url(tmp_path_factory):
    """The seed with Plesetsk reported on 1 Nov instead of 31 Oct."""
    from facmap.dataset import load_geojson, write_geojson

    fc = load_geojson(DATASET)
    for f in fc["features"]:
        if f["properties"]["id"] == "plesetsk-cosmodrome":
            f["properties"]["mentions"][0]["date"] = "2025-11-01"
            f["properties"]["first_seen"] = f["properties"]["last_seen"] = "2025-11-01"
    path = tmp_path_factory.mktemp("dated") / "dated.geojson"
    write_geojson(fc, path)
    with streamlit_server(path) as url:
        yield url


def test_date_range_narrows_the_markers(page, dated_url, seed_markers):
    page.goto(dated_url + "/?from=2025-11-01")
    expect(shown(page)).to_have_text("1 of 7 facilities shown")
    frame = page.frame_locator(MAP_FRAME)
    expect(markers(page)).to_have_count(1)
    expect(frame.locator('.leaflet-marker-pane [title="Plesetsk Cosmodrome"]')).to_have_count(1)
    # the range picker's two days, as typed ISO dates
    picker = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"] input')
    expect(picker.nth(0)).to_have_value("2025-11-01")
    expect(picker.nth(1)).to_have_value("2025-11-01")
    page.locator('[data-testid="stSidebar"]').get_by_role("button", name="all").click()
    expect(shown(page)).to_have_text("7 of 7 facilities shown")
    expect(markers(page)).to_have_count(seed_markers)
    expect(picker.nth(0)).to_have_value("2025-10-31")
    expect(picker.nth(1)).to_have_value("2025-11-01")
    expect(page).not_to_have_url(re.compile("from="))
    # a link date in another form is refused, quoted as text, with the form expected
    page.goto(dated_url + "/?to=11/01/2025")
    warning = page.locator('[data-testid="stMain"] [data-testid="stAlert"]')
    expect(warning).to_contain_text("to=11/01/2025")
    expect(warning).to_contain_text("YYYY-MM-DD")
    expect(shown(page)).to_have_text("7 of 7 facilities shown")
    page.watch.assert_clean()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """`make app` on the tracked seed, with a user data folder of this test run."""
    data = tmp_path_factory.mktemp("demo-data")
    with streamlit_server(DATASET, edit=True, env_extra={"FACMAP_DATA_DIR": str(data)}) as url:
        yield url, data


def test_demo_shows_progress_adds_to_a_copy_and_resets_to_the_seed(page, demo_server, seed_markers):
    url, data = demo_server
    seed_before = hashlib.sha256(DATASET.read_bytes()).hexdigest()
    page.goto(url)
    expect(markers(page)).to_have_count(seed_markers)
    expect(page.get_by_text("Export this view")).to_be_visible()  # the first run has finished
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_role("button", name="Reset to the seed")).to_have_count(0)
    sidebar.get_by_text("Add an article").click()
    # a fresh server: the extractor is prepared in the background, and the panel says so
    progress = sidebar.locator('[data-testid="stProgress"]')
    expect(progress).to_contain_text("Preparing to read articles")
    expect(progress).to_have_count(0, timeout=120_000)  # ready: the bar goes away
    expect(sidebar.locator("textarea")).to_have_count(1)  # that redraw has finished
    sidebar.locator("textarea").fill(ARTICLE)
    sidebar.get_by_role("button", name="Add article").click()
    alert = page.locator('[data-testid="stMain"] [data-testid="stAlert"]')
    expect(alert).to_contain_text("Olenya")
    copy = data / "facilities.geojson"
    assert copy.exists()
    assert hashlib.sha256(DATASET.read_bytes()).hexdigest() == seed_before
    expect(markers(page)).not_to_have_count(seed_markers)
    # one click opens the confirmation, one resets
    sidebar.get_by_role("button", name="Reset to the seed").click()
    page.get_by_role("button", name="Reset to the seed now").click()
    expect(page.get_by_text("Back to the seed")).to_be_visible()
    expect(shown(page)).to_have_text("7 of 7 facilities shown")
    expect(markers(page)).to_have_count(seed_markers)
    assert copy.read_bytes() == DATASET.read_bytes()
    assert hashlib.sha256(DATASET.read_bytes()).hexdigest() == seed_before
    page.watch.assert_clean()


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (1280, 800)])
def test_table_columns_fit_without_horizontal_scroll(browser, seed_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch = Watch(page)
    page.goto(seed_url)
    expect(page.get_by_text("Export this view")).to_be_visible()  # the first run has finished
    table = page.locator('[data-testid="stDataFrame"]').last
    scroller = table.locator(".dvn-scroller")
    expect(scroller).to_have_count(1)
    # the grid draws its columns on a canvas inside a scroller as wide as all of them
    scroll_width, client_width = scroller.evaluate("s => [s.scrollWidth, s.clientWidth]")
    assert 0 < scroll_width <= client_width
    watch.assert_clean()
    context.close()


def test_clicking_a_table_row_selects_its_facility(page, seed_url, seed_collection_file):
    order = [f["properties"]["id"] for f in seed_collection_file["features"]]  # table order
    row = order.index("plesetsk-cosmodrome")
    page.goto(seed_url)
    expect(page.get_by_text("Export this view")).to_be_visible()  # the first run has finished
    table = page.locator('[data-testid="stDataFrame"]').last
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box
    # the grid is drawn on a canvas: a header and rows of 35 px; the selection box of a row
    # is in its first, narrow column
    page.mouse.click(box["x"] + 15, box["y"] + 35 + 35 * row + 17)
    panel = page.locator('[data-testid="stMain"] .facmap-popup')
    expect(panel.locator("h4")).to_have_text("Plesetsk Cosmodrome")
    # and the map opens it: the row click selects it everywhere, as a marker click would
    popup = page.frame_locator(MAP_FRAME).locator(".leaflet-popup h4")
    expect(popup).to_contain_text("Plesetsk Cosmodrome")
    page.watch.assert_clean()


def _box(page: Page, selector: str) -> dict[str, float] | None:
    loc = page.locator(selector)
    return loc.first.bounding_box() if loc.count() else None


def _apart(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (1280, 800), (700, 900)])
def test_compact_header_puts_the_map_near_the_top(browser, seed_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch = Watch(page)
    page.goto(seed_url)
    expect(page.get_by_text("Export this view")).to_be_visible()  # the first run has finished
    expect(markers(page).first).to_be_visible()
    title = page.get_by_role("heading", name="Facilities named in the news")
    expect(title).to_be_visible()
    head, frame = title.bounding_box(), page.locator(MAP_FRAME).bounding_box()
    count = shown(page).bounding_box()
    assert head and frame and count
    # the title and its count line sit in the band Streamlit leaves empty above them, whole,
    # and clear of the button that opens a closed sidebar (narrow windows)
    assert head["y"] >= 0 and count["y"] > head["y"]
    expand = _box(page, '[data-testid="stExpandSidebarButton"]')
    if expand:
        assert _apart(expand, head), (expand, head)
    # the map starts right under them (it started at 135 px under a 67 px empty band)
    assert frame["y"] <= count["y"] + count["height"] + 24, (frame, count)
    if width >= 1280:  # beside the sidebar: most of the width, most of the height, on screen
        assert frame["y"] <= 100, frame
        assert frame["width"] >= 0.55 * width
        assert frame["height"] >= 0.5 * height
        assert frame["y"] + frame["height"] <= height
    # nothing transparent lies over them: the point under the title's middle is the title
    # (Streamlit's empty header band would take the clicks meant for what it covers)
    hit = page.evaluate(
        """([x, y]) => { const el = document.elementFromPoint(x, y);
                        return !!(el && el.closest("h1")); }""",
        [head["x"] + 40, head["y"] + head["height"] / 2],
    )
    assert hit
    watch.assert_clean()
    context.close()


#: the placeholder's text width in the box's own font, and the room the box gives it
PLACEHOLDER_FIT_JS = """(input) => {
  const cs = getComputedStyle(input);
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = cs.font;
  const room = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  return {text: input.placeholder, width: ctx.measureText(input.placeholder).width, room};
}"""


@pytest.mark.parametrize(("width", "height"), [(1400, 900), (1280, 800)])
def test_selection_placeholder_is_whole(browser, seed_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch = Watch(page)
    page.goto(seed_url)
    expect(page.get_by_text("Export this view")).to_be_visible()  # the first run has finished
    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input').first
    fit = box.evaluate(PLACEHOLDER_FIT_JS)
    # read as a person reads it: whole words ending where the text ends, not "or choo"
    assert fit["text"] and fit["room"] > 0
    assert fit["width"] <= fit["room"], fit
    watch.assert_clean()
    context.close()


def test_details_column_sums_up_the_view_until_a_selection(page, seed_url, seed_collection_file):
    from facmap.summary import summarize

    s = summarize(seed_collection_file)
    page.goto(seed_url)
    expect(markers(page).first).to_be_visible()
    main = page.locator('[data-testid="stMain"]')
    # nothing selected yet: the column says what the view holds, not nothing
    expect(main.get_by_text(f"{s.facilities} facilities", exact=True)).to_be_visible()
    line = main.locator("p", has_text=f"{s.facilities} facilities in ")
    expect(line).to_contain_text(f"from {s.articles} article")
    expect(line).to_contain_text(s.days_text)
    bars = main.locator(".facmap-bars").first
    for label, n in s.types.items():
        expect(bars).to_contain_text(label)
        expect(bars).to_contain_text(str(n))
    # the most reported facility is one click away, and that click selects it everywhere
    top = s.headline[0]
    main.get_by_role("button", name=top.name).click()
    panel = main.locator(".facmap-popup")
    expect(panel.locator("h4")).to_have_text(top.name)
    popup = page.frame_locator(MAP_FRAME).locator(".leaflet-popup h4")
    expect(popup).to_contain_text(top.name)
    expect(main.get_by_role("button", name=top.name)).to_have_count(0)  # the summary gave way
    page.watch.assert_clean()


#: boxes, in the map frame's pixels, of the facility names, markers, clusters, controls and
#: town labels as drawn
NAME_BOXES_JS = """() => {
  const box = (el) => { const r = el.getBoundingClientRect();
                        return [r.left, r.top, r.right, r.bottom]; };
  const all = (sel) => [...document.querySelectorAll(sel)].map(box).filter((b) => b[2] > b[0]);
  const map = Object.values(window).find((v) => v instanceof L.Map);
  return {
    map: box(map.getContainer()),
    names: [...document.querySelectorAll(".facmap-name")].map((el) =>
      ({text: el.textContent, id: el.dataset.facility, box: box(el)})),
    markers: all(".leaflet-marker-pane .facmap-marker, .leaflet-marker-pane .marker-cluster"),
    controls: all(".leaflet-control"),
    towns: all(".facmap-town"),
  };
}"""


def _meets(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _assert_names_have_room(frame) -> list[dict]:
    """Every facility name lies inside the map over nothing else; return the names drawn."""
    seen = frame.locator("body").evaluate(NAME_BOXES_JS)
    names = seen["names"]
    for n in names:
        m = seen["map"]
        assert m[0] <= n["box"][0] and n["box"][2] <= m[2], n
        assert m[1] <= n["box"][1] and n["box"][3] <= m[3], n
        for other in seen["markers"] + seen["controls"]:
            assert not _meets(n["box"], other), (n, other)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not _meets(a["box"], b["box"]), (a, b)
    return names


def test_most_important_names_are_written_where_there_is_room(page, seed_url, seed_marked):
    from facmap.mapview import name_label_candidates

    candidates = name_label_candidates(
        [{"properties": p} for p in seed_marked]
    )  # the same ranking the map is given
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(seed_url)
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator(".facmap-name").first).to_be_visible()
    names = _assert_names_have_room(frame)
    by_id = dict(candidates)
    # only candidates, under their own names, in the order of importance they were given
    assert [n["id"] for n in names] == [i for i, _ in candidates if i in {n["id"] for n in names}]
    assert all(by_id[n["id"]] == n["text"] for n in names)
    assert len(names) >= 2, names  # the seed's first view has room for several
    # towns give way to facility names: the basemap places its labels again 50 ms after the
    # marker pane changes, so wait for a view with no town over a name (or fail on timeout)
    handle = page.locator(MAP_FRAME).element_handle()
    map_frame = handle.content_frame() if handle else None
    assert map_frame is not None
    map_frame.wait_for_function(
        """(js) => { const s = eval(js)();
          const meets = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
          return s.names.length > 0 &&
                 s.names.every((n) => s.towns.every((t) => !meets(n.box, t))); }""",
        arg=NAME_BOXES_JS,
    )
    # a zoom places them again, still clear of everything
    zoom = map_frame.evaluate("() => Object.values(window).find((v) => v instanceof L.Map).getZoom()")
    frame.locator(".leaflet-control-zoom-in").click()
    map_frame.wait_for_function(
        """(z) => { const map = Object.values(window).find((v) => v instanceof L.Map);
                    return map.getZoom() > z && !map._animatingZoom &&
                           !!document.querySelector(".facmap-name"); }""",
        arg=zoom,
    )
    assert _assert_names_have_room(frame)
    page.watch.assert_clean()
