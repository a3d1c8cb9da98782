"""What a person sees of the page's layout, in a real headless Chromium (issue 10, part A).

At 1400x900 and 1280x800, on the seed and on a world-wide dataset extracted from the
eval_world articles: the map's share of the window; every marker of the first view inside the
map and clear of its controls (legend, zoom, layers, scale, attribution), read from Leaflet's
own coordinates; a real click on Baikonur opens a popup inside the map and under no control; a
popup the user closed stays closed when the page reruns; a facility chosen in the dropdown or
the table is ringed, panned to and opened. Every wait is on a condition, never a sleep.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, Page, expect

from .conftest import DATASET, ROOT
from .page_server import (
    MAP_FRAME,
    MARKERS,
    block_network,
    streamlit_server,
)

pytestmark = pytest.mark.browser
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)
VIEWPORTS = [(1400, 900), (1280, 800)]
WORLD_ARTICLES = sorted((ROOT / "tests" / "fixtures" / "eval_world").glob("*.txt"))
#: half a facility marker (24 px) and half a cluster bubble (40 px)
MARKER_HALF, CLUSTER_HALF = 12, 20

#: Leaflet's view of the map: its size, each control's box, where each marker is drawn
VIEW_JS = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const F = map._facmap;
  return {size: map.getSize(), controls: F.controls(), shown: F.shown()};
}"""
#: the open popup's box in map pixels, or null
POPUP_JS = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const el = map.getContainer().querySelector(".leaflet-popup");
  if (!el) { return null; }
  const c = map.getContainer().getBoundingClientRect(), r = el.getBoundingClientRect();
  return {left: r.left - c.left, top: r.top - c.top, right: r.right - c.left,
          bottom: r.bottom - c.top, size: map.getSize(), controls: map._facmap.controls(),
          name: el.querySelector("h4") ? el.querySelector("h4").textContent : ""};
}"""
#: resolves after the map has drawn two more frames (lets a pending selection check run)
NEXT_FRAMES_JS = """() => new Promise((done) =>
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0))))"""


def _marked(fc: dict[str, Any]) -> list[dict[str, Any]]:
    """Properties of the facilities drawn with a marker: points, and areas at their centre."""
    kinds = ("Point", "Polygon", "MultiPolygon")
    return [f["properties"] for f in fc["features"] if f["geometry"]["type"] in kinds]


@pytest.fixture(scope="session")
def world_file(tmp_path_factory) -> Path:
    """A world-wide dataset made by the real extractor from the eval_world articles."""
    from facmap.cli import main as cli

    out = tmp_path_factory.mktemp("world") / "world.geojson"
    assert cli(["extract", *map(str, WORLD_ARTICLES), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="session")
def datasets(world_file):
    """Both datasets, each served by its own page, with its collection."""
    from facmap.dataset import load_geojson

    world = load_geojson(world_file)
    assert len(world["features"]) >= 40
    lons = [p["lon"] for p in _marked(world)]
    assert max(lons) - min(lons) > 180  # across continents, both sides of the Atlantic
    with streamlit_server(DATASET) as seed_url, streamlit_server(world_file) as world_url:
        yield {
            "seed": (seed_url, load_geojson(DATASET)),
            "world": (world_url, world),
        }


def _open(browser, url: str, viewport: tuple[int, int]) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    block_network(page, problems)
    page.goto(url)
    expect(page.frame_locator(MAP_FRAME).locator(MARKERS).first).to_be_attached()
    # the run has finished (its last panel is drawn) and the map has fitted its facilities
    expect(page.get_by_text("Export this view")).to_be_visible()
    _frame(page).wait_for_function(
        "() => { const m = Object.values(window).find((v) => v instanceof L.Map);"
        " return m && m._facmap && m._facmap.lastFit; }"
    )
    return page, problems


def _frame(page: Page) -> Frame:
    handle = page.locator(MAP_FRAME).element_handle()
    frame = handle.content_frame() if handle else None
    assert frame is not None
    return frame


def _overlaps(box: dict[str, float], x: float, y: float, half: float) -> bool:
    return (
        box["left"] - half < x < box["right"] + half
        and box["top"] - half < y < box["bottom"] + half
    )


def _intersects(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["right"] <= b["left"]
        or b["right"] <= a["left"]
        or a["bottom"] <= b["top"]
        or b["bottom"] <= a["top"]
    )


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
@pytest.mark.parametrize("name", ["seed", "world"])
def test_the_map_is_the_page_and_its_first_view_shows_every_facility(
    browser, datasets, name, viewport
):
    url, fc = datasets[name]
    page, problems = _open(browser, url, viewport)
    try:
        frame_box = page.locator(MAP_FRAME).bounding_box()
        assert frame_box
        width, height = viewport
        # the map is the page: most of the width, half the height or more, all on screen
        assert frame_box["width"] >= 0.55 * width
        assert frame_box["height"] >= 0.5 * height
        assert frame_box["y"] + frame_box["height"] <= height
        view = _frame(page).evaluate(VIEW_JS)
        size, controls, shown = view["size"], view["controls"], view["shown"]
        assert sorted(m["id"] for m in shown) == sorted(p["id"] for p in _marked(fc))
        for m in shown:
            half = CLUSTER_HALF if m["clustered"] else MARKER_HALF
            assert not m["hidden"], m
            if not m["clustered"]:  # its icon is drawn where Leaflet places the facility
                assert m["drawn"], m
                assert abs(m["drawn"]["x"] - m["x"]) <= 1.5, m
                assert abs(m["drawn"]["y"] - m["y"]) <= 1.5, m
            assert half <= m["x"] <= size["x"] - half, m  # inside the map
            assert half <= m["y"] <= size["y"] - half, m
            for box in controls:  # under no legend, button, scale or attribution
                assert not _overlaps(box, m["x"], m["y"], half), (m, box)
        # the legend lists only what is shown; "inferred" only when an inferred one is
        legend = _frame(page).locator(".facmap-legend").inner_text()
        inferred = any(p.get("inferred") for p in _all(fc))
        assert ("inferred" in legend) == inferred
        # the attribution is one line until asked
        attribution = _frame(page).locator(".leaflet-control-attribution")
        assert (attribution.bounding_box() or {"height": 99})["height"] < 20
        attribution.click(position={"x": 60, "y": 6})
        expect(attribution).to_have_class(re.compile("facmap-open"))
        assert problems == []
    finally:
        page.context.close()


def _all(fc: dict[str, Any]) -> list[dict[str, Any]]:
    return [f["properties"] for f in fc["features"]]


def _assert_popup_clear(page: Page, title: str) -> None:
    """Wait until the open popup (autopanned) sits inside the map under no control."""
    frame = _frame(page)
    frame.wait_for_function(
        """([js, title]) => {
          const p = eval(js)();
          if (!p || p.name.indexOf(title) !== 0) { return false; }
          const inside = p.left >= 0 && p.top >= 0 && p.right <= p.size.x
                         && p.bottom <= p.size.y;
          const clear = p.controls.every((c) => p.right <= c.left || c.right <= p.left
                                                 || p.bottom <= c.top || c.bottom <= p.top);
          return inside && clear;
        }""",
        arg=[POPUP_JS, title],
    )
    popup = frame.evaluate(POPUP_JS)
    assert popup and popup["name"].startswith(title)
    for box in popup["controls"]:
        assert not _intersects(popup, box), (popup, box)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
@pytest.mark.parametrize("name", ["seed", "world"])
def test_a_click_on_baikonur_opens_a_popup_inside_the_map(browser, datasets, name, viewport):
    url, _ = datasets[name]
    page, problems = _open(browser, url, viewport)
    try:
        frame = page.frame_locator(MAP_FRAME)
        marker = frame.locator(f'{MARKERS}[title="Baikonur Cosmodrome"]')
        marker.click()  # a real mouse click where the marker is drawn
        _assert_popup_clear(page, "Baikonur Cosmodrome")
        popup = frame.locator(".leaflet-popup .facmap-popup")
        expect(popup.locator(".facmap-excerpt mark")).to_be_visible()
        expect(frame.locator(".leaflet-tooltip")).to_have_count(0)  # no tooltip over it
        # the click selected it: ringed on the map, its details beside the map
        expect(marker).to_have_class(re.compile("facmap-selected"))
        panel = page.locator('[data-testid="stMain"] .facmap-details h4')
        expect(panel).to_have_text("Baikonur Cosmodrome")
        assert problems == []
    finally:
        page.context.close()


def _pick_in_dropdown(page: Page, name: str) -> None:
    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first
    box.click()
    page.keyboard.type(name)
    page.get_by_role("option", name=name, exact=True).click()


@pytest.mark.parametrize("name", ["seed", "world"])
def test_a_closed_popup_stays_closed_when_the_page_reruns(browser, datasets, name):
    url, fc = datasets[name]
    target = "Kapustin Yar" if name == "seed" else "Andersen Air Force Base"
    page, problems = _open(browser, url, VIEWPORTS[0])
    try:
        frame = page.frame_locator(MAP_FRAME)
        popup = frame.locator(".leaflet-popup")
        # chosen in the dropdown: the map pans to it and opens it once
        _pick_in_dropdown(page, target)
        _assert_popup_clear(page, target)
        frame.locator(".leaflet-popup-close-button").click()
        expect(popup).to_have_count(0)
        # a rerun for something else (a panel opened) does not open it again
        page.get_by_text("Export this view").click()
        expect(page.get_by_label("Report title")).to_be_visible()
        _frame(page).evaluate(NEXT_FRAMES_JS)
        expect(popup).to_have_count(0)
        # nor does a rerun that draws a new facilities layer (a filter changed): only the
        # facility's own type shown, in one click (any dataset has it, unlike a facility
        # that is inferred or needs review)
        _frame(page).evaluate("() => { window.__facmapKept = true; }")
        from facmap.types import FacilityType

        kind = next(p["type"] for p in _all(fc) if p["name"] == target)
        assert {p["type"] for p in _all(fc)} != {kind}  # the filter changes what is shown
        label = FacilityType(kind).label
        rows = page.locator('[data-testid="stSidebar"] [data-testid="stHorizontalBlock"]')
        box = page.locator('[data-testid="stCheckbox"]').filter(has_text=f"{label} (")
        rows.filter(has=box).get_by_role("button", name="only").click()
        expect(page.get_by_text(re.compile(r"\d+ of \d+ facilities shown"))).not_to_have_text(
            f"{len(fc['features'])} of {len(fc['features'])} facilities shown"
        )
        _frame(page).evaluate(NEXT_FRAMES_JS)
        expect(popup).to_have_count(0)
        assert _frame(page).evaluate("() => window.__facmapKept") is True  # the same map
        # the facility is still selected and ringed
        expect(frame.locator(f'{MARKERS}[title="{target}"]')).to_have_class(
            re.compile("facmap-selected")
        )
        assert problems == []
    finally:
        page.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=lambda v: f"{v[0]}x{v[1]}")
def test_dropdown_and_table_selection_pan_to_and_ring_the_facility(browser, datasets, viewport):
    url, fc = datasets["world"]
    page, problems = _open(browser, url, viewport)
    try:
        frame = page.frame_locator(MAP_FRAME)
        # the dropdown: a facility inside a cluster in the first view
        view = _frame(page).evaluate(VIEW_JS)
        clustered = next(m for m in view["shown"] if m["clustered"])
        _pick_in_dropdown(page, clustered["name"])
        marker = frame.locator(f'{MARKERS}[title="{clustered["name"]}"]')
        expect(marker).to_have_class(re.compile("facmap-selected"))  # drawn out of its cluster
        _assert_popup_clear(page, clustered["name"])
        # the table: a click on a row's selection cell (rows in the dataset's order)
        row, wanted = next(
            (i, p) for i, p in enumerate(_all(fc)) if i >= 2 and p["id"] != clustered["id"]
        )
        table = page.locator('[data-testid="stDataFrame"]').first
        table.scroll_into_view_if_needed()
        _click_table_row(page, table, row)
        panel = page.locator('[data-testid="stMain"] .facmap-details h4')
        expect(panel).to_contain_text(wanted["name"])
        target = frame.locator(f'{MARKERS}[title="{wanted["name"]}"]')
        expect(target).to_have_class(re.compile("facmap-selected"))
        _assert_popup_clear(page, wanted["name"])
        assert problems == []
    finally:
        page.context.close()


ROW_HEIGHT, HEADER_HEIGHT = 35, 35


def _click_table_row(page: Page, table: Any, row: int) -> None:
    """Click the selection cell of a visible ``row`` of a Streamlit dataframe (a canvas)."""
    box = table.bounding_box()
    assert box
    y = box["y"] + HEADER_HEIGHT + row * ROW_HEIGHT + ROW_HEIGHT / 2
    assert y < box["y"] + box["height"], "expected the row to be visible without scrolling"
    page.mouse.click(box["x"] + 16, y)
