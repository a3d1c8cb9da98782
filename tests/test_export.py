"""Exports read back by real readers: Chromium, Pillow, lxml, geopandas/pyogrio, pandas."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from facmap import export as ex
from facmap.cli import main
from facmap.dataset import filter_collection, load_geojson, validate

from .conftest import DATASET, FIXTURES

XSS = FIXTURES / "export_xss.geojson"


@pytest.fixture(scope="module")
def seed():
    return load_geojson(DATASET)


@pytest.fixture(scope="module")
def ranges(seed):
    """A filtered view: what a user sees after ticking two types."""
    return filter_collection(seed, types=["missile_test_range", "cosmodrome"])


@pytest.fixture(scope="module")
def xss():
    return load_geojson(XSS)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01T00:00:00Z


def _ids(fc):
    return [f["properties"]["id"] for f in fc["features"]]


# --- shared metadata ------------------------------------------------------------------------


def test_attribution_names_outlet_date_and_gcat(ranges):
    lines = ex.attribution(ranges, basemap=True)
    assert lines[0].startswith("Article: Airspace Review, 2025-10-31")
    assert ex.GCAT_CREDIT in lines
    assert lines[-1].startswith("Country outlines: Natural Earth")
    assert ex.generated_at() == "2025-12-01T00:00:00Z"
    assert ex.default_title(ranges) == "Facilities named in Airspace Review, 2025-10-31"


def test_formats_have_media_types_and_extensions():
    assert set(ex.FORMATS) == set(ex.MEDIA_TYPES) == set(ex.EXTENSIONS)


@pytest.mark.parametrize("fmt", ex.FORMATS)
def test_every_format_refuses_an_empty_view(seed, fmt):
    empty = filter_collection(seed, countries=["US"])
    with pytest.raises(ex.ExportError, match="none after filtering"):
        ex.export_bytes(empty, fmt)


def test_unknown_format_and_bad_dpi(seed):
    with pytest.raises(ex.ExportError, match=r"among html, png.*got 'pdf'"):
        ex.export_bytes(seed, "pdf")
    with pytest.raises(ex.ExportError, match="DPI between"):
        ex.to_png(seed, dpi=0)


# --- PNG / SVG ------------------------------------------------------------------------------


def _colour_pixels(img, hex_rgb, tol=12):
    import numpy as np

    arr = np.asarray(img.convert("RGB")).astype(int)
    target = np.array([int(hex_rgb[i : i + 2], 16) for i in (1, 3, 5)])
    return int((np.abs(arr - target).max(axis=2) <= tol).sum())


@pytest.mark.parametrize("dpi", [72, 200])
def test_png_decodes_with_size_dpi_and_marker_colours(ranges, dpi):
    from PIL import Image

    data = ex.to_png(ranges, dpi=dpi, title="Ranges")
    img = Image.open(io.BytesIO(data))
    img.load()
    assert img.format == "PNG"
    assert img.size == (10 * dpi, 7 * dpi)
    assert img.info["dpi"] == pytest.approx((dpi, dpi), abs=0.5)
    assert img.text["Title"] == "Ranges"
    assert ex.GCAT_CREDIT in img.text["Source"]
    assert img.text["Creation Time"] == "2025-12-01T00:00:00Z"
    # markers of both filtered types are drawn; the filtered-out impact zone (orange) is not
    for t in ("cosmodrome", "missile_test_range"):
        assert _colour_pixels(img, ex.TYPE_COLORS[t]) > 20, t
    assert _colour_pixels(img, ex.TYPE_COLORS["impact_zone"]) == 0


def test_png_extent_fits_the_filtered_features(seed):
    import shapely
    from shapely.geometry import shape

    kz = filter_collection(seed, countries=["KZ"])
    geoms = [shape(f["geometry"]) for f in kz["features"]]
    x0, y0, x1, y1 = ex.image._extent(geoms)
    bx0, by0, bx1, by1 = shapely.total_bounds(geoms)
    assert x0 < bx0 and y0 < by0 and x1 > bx1 and y1 > by1
    # a margin, not the whole world: Plesetsk (62.9 N) is filtered out and not in view
    assert y1 < 55


def test_svg_parses_with_title_and_credits(ranges):
    from lxml import etree

    svg = ex.to_svg(ranges, title="Ranges <&>")
    root = etree.fromstring(svg.encode("utf-8"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = etree.tostring(root, encoding="unicode", method="text")
    assert "Ranges <&>" in text and ex.GCAT_CREDIT in text and "2025-12-01" in text
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 50


def _many_articles(seed, n, title="Missiles, radars and ranges: a long headline, with commas"):
    """The seed with ``n`` extra articles behind its first facility (long credits)."""
    import copy

    fc = copy.deepcopy(seed)
    first = fc["features"][0]["properties"]["mentions"]
    for k in range(n):
        first.append({**first[0], "article": f"extra-{k:03d}"})
        fc["facmap"]["articles"].append(
            {"id": f"extra-{k:03d}", "outlet": f"Outlet {k}", "date": "2025-11-01", "title": title}
        )
    return fc


def _drawn(fc, size=ex.DEFAULT_SIZE, dpi=72):
    """The static map's figure as to_png draws it, and a renderer to measure its text."""
    fig = ex.image._figure(fc, title="T", dpi=dpi, size=size)
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    return fig, fig.axes[0], renderer


def test_static_map_has_degree_ticks_and_no_axis_titles(seed):
    import re

    _, ax, _ = _drawn(seed)
    assert ax.get_xlabel() == "" and ax.get_ylabel() == ""  # no "Geodetic longitude [degree]"
    lons = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    lats = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert len(lons) >= 3 and len(lats) >= 3
    assert all(re.fullmatch(r"\d+(\.\d+)?°[EW]|0°", x) for x in lons), lons
    assert all(re.fullmatch(r"\d+(\.\d+)?°[NS]|0°", y) for y in lats), lats
    # the seed spans Kazakhstan to Plesetsk: the labels name those degrees
    assert "60°E" in lons and "50°N" in lats
    assert any(line.get_visible() for line in ax.get_xgridlines())  # a light graticule


@pytest.mark.parametrize(
    ("label", "degrees", "positive", "negative"),
    [
        ("60°E", 60, "E", "W"),
        ("12.5°W", -12.5, "E", "W"),
        ("0°", 0, "N", "S"),
        ("40°S", -40, "N", "S"),
        ("170°W", 190, "E", "W"),
    ],
)
def test_degree_labels(label, degrees, positive, negative):
    assert ex.image._degree_label(degrees, positive, negative) == label


@pytest.mark.parametrize(
    ("extra", "size", "dpi"),
    [
        (0, ex.DEFAULT_SIZE, 72),
        (0, ex.DEFAULT_SIZE, 200),
        (12, (6.0, 4.0), 100),
        (300, (10, 7), 72),
    ],
)
def test_footer_never_overlaps_the_map_or_its_labels(seed, extra, size, dpi):
    fig, ax, renderer = _drawn(_many_articles(seed, extra), size=size, dpi=dpi)
    (footer,) = [t for t in fig.texts if t.get_gid() == "facmap-footer"]
    fb = footer.get_window_extent(renderer)
    others = [ax.get_window_extent(renderer), ax.get_legend().get_window_extent(renderer)]
    others += [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    others += [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    assert not any(fb.overlaps(o) for o in others)
    # above the map: the title, the subtitle and the map never meet either
    (subtitle,) = [t for t in fig.texts if "positions approximate" in t.get_text()]
    head = [fig._suptitle.get_window_extent(renderer), subtitle.get_window_extent(renderer)]
    assert not head[0].overlaps(head[1])
    assert not any(h.overlaps(o) for h in head for o in others)
    assert all(h.y1 <= fig.bbox.height for h in head)
    assert fb.y0 >= 0 and fb.x0 >= 0 and fb.x1 <= fig.bbox.width  # on the page
    text = footer.get_text()
    assert ex.GCAT_CREDIT.split()[0] in text and "Generated 2025-12-01T00:00:00Z" in text
    if extra == 300:  # too many to list: counted, and the map keeps most of the page
        assert "more articles" in text
        assert ax.get_window_extent(renderer).height > 0.5 * fig.bbox.height


def test_articles_are_credited_by_title_not_id(seed):
    import copy

    fc = copy.deepcopy(seed)
    art = fc["facmap"]["articles"][0]
    aid = art["id"]
    art.update(outlet="", date="", title="Russia ready to step up military cooperation")
    lines = ex.attribution(fc)
    assert lines[0] == 'Article: "Russia ready to step up military cooperation"'
    assert ex.default_title(fc).endswith('"Russia ready to step up military cooperation"')
    _drawn(fc)  # an article without outlet or date draws
    assert aid not in " ".join(lines)
    art.update(title="", url="https://example.org/a")  # no title: the address, still no slug
    assert ex.attribution(fc)[0] == "Article: https://example.org/a"


# --- KML ------------------------------------------------------------------------------------

KML = "{http://www.opengis.net/kml/2.2}"


def test_kml_placemarks_styles_and_geometry(ranges):
    from lxml import etree

    root = etree.fromstring(ex.to_kml(ranges, title="Ranges").encode("utf-8"))
    doc = root.find(f"{KML}Document")
    assert doc.findtext(f"{KML}name") == "Ranges"
    assert ex.GCAT_CREDIT in doc.findtext(f"{KML}description")
    assert "2025-12-01T00:00:00Z" in doc.findtext(f"{KML}description")
    pms = root.findall(f".//{KML}Placemark")
    assert sorted(p.get("id") for p in pms) == sorted(_ids(ranges))
    by_id = {p.get("id"): p for p in pms}
    for f in ranges["features"]:
        p = f["properties"]
        pm = by_id[p["id"]]
        assert pm.findtext(f"{KML}name") == p["name"]
        assert pm.findtext(f"{KML}styleUrl") == f"#type-{p['type']}"
        gt = f["geometry"]["type"]
        if gt == "Point":
            lon, lat = pm.findtext(f".//{KML}Point/{KML}coordinates").split(",")
            assert [float(lon), float(lat)] == f["geometry"]["coordinates"]
        elif gt == "Polygon":
            assert pm.find(f".//{KML}Polygon") is not None
        else:
            assert pm.find(f".//{KML}LineString") is not None
    styles = {s.get("id") for s in doc.findall(f"{KML}Style")}
    assert styles == {"type-cosmodrome", "type-missile_test_range"}
    folders = [fo.findtext(f"{KML}name") for fo in doc.findall(f"{KML}Folder")]
    assert folders == ["Cosmodrome", "Missile test range"]


def test_kml_description_escapes_untrusted_text(xss):
    from lxml import etree

    kml = ex.to_kml(xss)
    root = etree.fromstring(kml.encode("utf-8"))
    pm = next(p for p in root.iter(f"{KML}Placemark") if p.get("id") == "kapustin-yar")
    desc = pm.findtext(f"{KML}description")
    # the balloon is HTML: the excerpt's markup must arrive as text, not as elements
    assert "<script" not in desc and "<img" not in desc
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in desc
    assert pm.findtext(f"{KML}name") == 'Kapustin Yar <b>&</b> "test"'


# --- GeoPackage, CSV, GeoJSON ---------------------------------------------------------------


def test_gpkg_reads_back_equal_to_the_filtered_set(ranges, tmp_path):
    import geopandas as gpd
    import pyogrio
    from shapely.geometry import shape

    path = ex.write_export(ranges, tmp_path / "r.gpkg", title="Ranges")
    assert pyogrio.list_layers(path)[:, 0].tolist() == ["facilities"]
    gdf = gpd.read_file(path, layer="facilities")
    assert gdf.crs.to_epsg() == 4326
    assert gdf["id"].tolist() == _ids(ranges)
    for row, f in zip(gdf.itertuples(), ranges["features"], strict=True):
        p = f["properties"]
        assert (row.name, row.type, row.country) == (p["name"], p["type"], p["country"])
        assert row.precision_km == p["precision_km"]
        assert row.excerpt == p["mentions"][0]["excerpt"]
        assert row.geometry.equals_exact(shape(f["geometry"]), 1e-9)
    meta = pyogrio.read_info(path, layer="facilities")["layer_metadata"]
    assert meta["title"] == "Ranges" and ex.GCAT_CREDIT in meta["attribution"]
    assert meta["generated"] == "2025-12-01T00:00:00Z"


def test_csv_reads_back_equal_to_the_filtered_set(ranges, xss):
    import pandas as pd

    df = pd.read_csv(io.StringIO(ex.to_csv(ranges)), keep_default_na=False)
    assert list(df.columns[:7]) == [
        "name",
        "type",
        "country",
        "lat",
        "lon",
        "precision_km",
        "excerpt",
    ]
    assert df["id"].tolist() == _ids(ranges)
    for row, f in zip(df.itertuples(), ranges["features"], strict=True):
        p = f["properties"]
        assert (row.name, row.type, row.country) == (p["name"], p["type"], p["country"])
        assert (row.lat, row.lon, row.precision_km) == (p["lat"], p["lon"], p["precision_km"])
        assert row.excerpt == p["mentions"][0]["excerpt"]
        assert row.outlet == "Airspace Review" and row.date == "2025-10-31"
    assert (df["generated"] == "2025-12-01T00:00:00Z").all()
    assert df["attribution"].str.contains("GCAT").all()
    # CSV is data, not markup: the untrusted excerpt survives verbatim
    xdf = pd.read_csv(io.StringIO(ex.to_csv(xss)), keep_default_na=False)
    orig = next(f for f in xss["features"] if f["properties"]["id"] == "kapustin-yar")
    assert orig["properties"]["mentions"][0]["excerpt"] in xdf["excerpt"].tolist()


def test_geojson_is_the_filtered_set_and_still_valid(ranges):
    out = json.loads(ex.to_geojson(ranges, title="Ranges"))
    assert validate(out) == []
    assert out["features"] == ranges["features"]
    rep = out["facmap"]["report"]
    assert rep["title"] == "Ranges" and rep["generated"] == "2025-12-01T00:00:00Z"
    assert ex.GCAT_CREDIT in rep["attribution"]


# --- HTML, iframe, notebook display ---------------------------------------------------------


def _external_refs(text):
    import lxml.html

    doc = lxml.html.fromstring(text)
    refs = [s.get("src") for s in doc.iter("script") if s.get("src")]
    refs += [ln.get("href") for ln in doc.iter("link") if ln.get("href")]
    return [r for r in refs if not r.startswith("data:")]


def test_html_is_one_self_contained_file_under_budget(seed):
    text = ex.to_html(seed)
    assert len(text.encode("utf-8")) < 1_500_000
    assert _external_refs(text) == []
    for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs.cloudflare.com", "code.jquery.com"):
        assert cdn not in text
    assert "<title>Facilities named in Airspace Review, 2025-10-31</title>" in text
    assert "Data from GCAT (J. McDowell, planet4589.org/space/gcat)" in text
    assert 'datetime="2025-12-01T00:00:00Z"' in text


def test_html_escapes_untrusted_text(xss):
    text = ex.to_html(xss, title="<script>window.__xss=3</script>")
    assert "<script>window.__xss" not in text
    assert 'onerror="window.__xss' not in text


def test_iframe_snippet_escapes_and_embeds(seed):
    snip = ex.iframe_snippet('maps/r&d "1".html', title="A <map>", height=400)
    assert snip.startswith('<iframe src="maps/r&amp;d &quot;1&quot;.html"')
    assert 'title="A &lt;map&gt;"' in snip and 'height="400"' in snip
    inline = ex.iframe_snippet(html_text='<p>"hi" & bye</p>')
    assert 'srcdoc="&lt;p&gt;&quot;hi&quot; &amp; bye&lt;/p&gt;"' in inline
    with pytest.raises(ex.ExportError, match="exactly one"):
        ex.iframe_snippet()


def test_report_map_displays_inline_and_saves(ranges, tmp_path):
    rm = ex.ReportMap(ranges, title="Ranges")
    shown = rm._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and "Ranges" in shown
    assert _external_refs(rm.html()) == []
    out = rm.save(tmp_path / "r.kml")
    assert out.read_text("utf-8").count("<Placemark") == len(ranges["features"])


# --- atomic writes --------------------------------------------------------------------------


def test_failed_export_keeps_the_old_file_and_leaves_no_temp(seed, tmp_path):
    out = tmp_path / "r.png"
    out.write_bytes(b"PREVIOUS")
    with pytest.raises(ex.ExportError):
        ex.write_export(filter_collection(seed, types=[]), out)
    with pytest.raises(ex.ExportError):
        ex.write_export(seed, out, dpi=99999)
    assert out.read_bytes() == b"PREVIOUS"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.png"]


def test_export_to_missing_folder_or_a_folder(seed, tmp_path):
    with pytest.raises(ex.ExportError, match="does not exist"):
        ex.write_export(seed, tmp_path / "nope" / "r.csv")
    with pytest.raises(ex.ExportError, match="got the folder"):
        ex.write_export(seed, tmp_path, fmt="csv")
    with pytest.raises(ex.ExportError, match="Cannot tell the export format"):
        ex.write_export(seed, tmp_path / "r.docx")


# --- CLI ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ex.FORMATS)
def test_cli_exports_each_format_filtered(fmt, tmp_path, capsys):
    out = tmp_path / f"view.{fmt}"
    rc = main(
        ["export", "--format", fmt, "--type", "cosmodrome", "--country", "RU", "KZ",
         "-i", str(DATASET), "--dpi", "60", "-o", str(out)]
    )  # fmt: skip
    assert rc == 0, capsys.readouterr().err
    assert out.stat().st_size > 0
    assert "wrote 2 of 7 facilities" in capsys.readouterr().err


def test_cli_infers_format_from_extension(tmp_path, capsys):
    out = tmp_path / "all.geojson"
    assert main(["export", "-i", str(DATASET), "-o", str(out)]) == 0
    assert len(json.loads(out.read_text("utf-8"))["features"]) == 7


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--format", "pdf"], "got 'pdf'"),
        (["--format", "csv", "--type", "cosmodrom"], "Did you mean 'cosmodrome'?"),
        (["--format", "csv", "--country", "US"], "got none of 7 after filtering"),
        (["--format", "csv", "--country", "USA"], "two-letter ISO code"),
        (["--format", "png", "--dpi", "0"], "DPI between"),
    ],
)
def test_cli_user_errors_one_line_no_file(args, needle, tmp_path, capsys):
    out = tmp_path / "out.file"
    rc = main(["export", *args, "-i", str(DATASET), "-o", str(out)])
    err = capsys.readouterr().err
    assert rc == 1
    assert len(err.strip().splitlines()) == 1 and needle in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("where", "needle"),
    [
        ("/proc/facmap-export-test.csv", "Cannot write"),  # unwritable even for root
        ("{tmp}/no/x.csv", "does not exist"),
        ("{tmp}/a-file/x.csv", "does not exist"),
        ("{tmp}", "got the folder"),
    ],
)
def test_cli_unwritable_path(where, needle, tmp_path, capsys):
    (tmp_path / "a-file").write_text("x", "utf-8")
    out = where.format(tmp=tmp_path)
    rc = main(["export", "--format", "csv", "-i", str(DATASET), "-o", out])
    err = capsys.readouterr().err
    assert rc == 1 and len(err.strip().splitlines()) == 1 and needle in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_cli_export_help_has_examples(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["export", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "facmap export --format html" in out


# --- the HTML in a real browser, network blocked --------------------------------------------


def _open(browser, path: Path):
    page = browser.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(path.as_uri())
    return page, errors, outside


@pytest.mark.browser
def test_html_renders_the_filtered_markers_offline(browser, seed, tmp_path):
    view = filter_collection(seed, types=["missile_test_range", "cosmodrome"])
    points = [f for f in view["features"] if f["geometry"]["type"] == "Point"]
    others = [f for f in view["features"] if f["geometry"]["type"] != "Point"]
    # a marker for each point and one at the centre of each area, as in the page
    markers = len(points) + sum(f["geometry"]["type"] == "Polygon" for f in others)
    path = ex.write_export(view, tmp_path / "map.html", title="Ranges")
    page, errors, outside = _open(browser, path)
    try:
        page.wait_for_function(
            f"document.querySelectorAll('.leaflet-marker-icon').length === {markers}",
            timeout=20_000,
        )
        page.wait_for_function(
            f"document.querySelectorAll('path.leaflet-interactive').length === {len(others)}",
            timeout=20_000,
        )
        assert page.inner_text(".facmap-report h1") == "Ranges"
        legend = page.inner_text(".facmap-legend")
        assert "Cosmodrome" in legend and "Missile test range" in legend and "Place" not in legend
        assert page.locator(".leaflet-control-layers").count() == 1
        # a popup quotes the article
        page.locator(".leaflet-marker-icon").first.click()
        page.wait_for_selector(".leaflet-popup-content .facmap-excerpt", timeout=10_000)
        assert errors == []
        assert outside == []
    finally:
        page.close()


@pytest.mark.browser
def test_html_untrusted_text_stays_text_in_the_browser(browser, xss, tmp_path):
    path = ex.write_export(xss, tmp_path / "xss.html")
    page, errors, outside = _open(browser, path)
    try:
        page.wait_for_function(
            # two points and the area's centre marker
            "document.querySelectorAll('.leaflet-marker-icon').length === 3", timeout=20_000
        )
        page.locator('.leaflet-marker-icon[title^="Kapustin"]').click()
        page.wait_for_function(
            "document.querySelector('.leaflet-popup-content')?.innerText.includes('Kapustin')",
            timeout=10_000,
        )
        popup = page.inner_text(".leaflet-popup-content")
        assert "<script>window.__xss=1</script>" in popup
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert errors == [] and outside == []
    finally:
        page.close()


def test_docs_python_example_runs(tmp_path, monkeypatch):
    import re

    doc = (DATASET.parents[1] / "docs" / "export_reports.md").read_text("utf-8")
    block = re.search(r"```python\n(.*?)```", doc, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "report").mkdir()
    exec(compile(block.replace("data/facilities.geojson", str(DATASET)), "doc", "exec"), {})
    assert (tmp_path / "report" / "map.html").stat().st_size > 100_000


_LETTER_OFFSETS = """() => [...document.querySelectorAll('.leaflet-marker-pane .facmap-marker')]
  .map(el => {
    const m = el.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(el);
    const t = range.getBoundingClientRect();
    return {text: el.textContent, w: m.width, tw: t.width,
            dx: (t.x + t.width / 2) - (m.x + m.width / 2),
            dy: (t.y + t.height / 2) - (m.y + m.height / 2)};
  })"""


@pytest.mark.browser
def test_html_marker_letters_are_centred(browser, seed, tmp_path):
    # a marker for each point and one at the centre of each area, as in the page
    points = [f for f in seed["features"] if f["geometry"]["type"] in ("Point", "Polygon")]
    path = ex.write_export(seed, tmp_path / "map.html")
    page, errors, outside = _open(browser, path)
    try:
        page.wait_for_function(
            f"document.querySelectorAll('.leaflet-marker-icon').length === {len(points)}",
            timeout=20_000,
        )
        found = page.evaluate(_LETTER_OFFSETS)
    finally:
        page.close()
    assert len(found) == len(points) and not errors and not outside
    for m in found:
        assert m["text"] and 0 < m["tw"] < m["w"], m  # a letter, inside its marker
        assert abs(m["dx"]) <= 1 and abs(m["dy"]) <= 1, m  # its box centred within 1 px
