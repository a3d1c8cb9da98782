"""Issue 12, limits: every input and output has a ceiling and a one-line message naming it.

The limits live in :mod:`facmap.limits`; the CLI and the page reach them through the same
library functions, so testing those functions tests both.
"""

from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

import facmap.limits
from facmap import limits
from facmap.article import read_article
from facmap.cli import main
from facmap.dataset import load_geojson
from facmap.errors import ArticleError, DatasetError
from facmap.export import ExportError, to_png, to_svg
from facmap.intake import article_from_file, new_article
from facmap.pipeline import collection_from_articles, keep_within_limits
from facmap.store import add_article

from .conftest import DATASET, SEED


def one_line(msg: str) -> str:
    assert "\n" not in msg and "Traceback" not in msg, msg
    return msg


def cli_error(capsys) -> str:
    lines = capsys.readouterr().err.strip().splitlines()
    errors = [ln for ln in lines if ln.startswith("facmap: error:")]
    assert len(errors) == 1 and "Traceback" not in "\n".join(lines), lines
    return errors[0]


def _small_stat(monkeypatch, target: Path, size: int = 10) -> None:
    """Make ``target`` report ``size`` bytes: a file that grew after its size was checked."""
    real = Path.stat

    def stat(self, *args, **kwargs):
        st = real(self, *args, **kwargs)
        if str(self) != str(target):
            return st
        fields = list(st[:10])
        fields[6] = size  # st_size
        return os.stat_result(fields)

    monkeypatch.setattr(Path, "stat", stat)


# -- article and page size: checked before reading, read never past the limit -------------------
def test_article_read_stops_at_the_limit_even_if_the_file_grew(tmp_path, monkeypatch):
    big = tmp_path / "grown.txt"
    big.write_bytes(b"Jets at Ramstein Air Base.\n" * (limits.MAX_ARTICLE_BYTES // 27 + 10))
    _small_stat(monkeypatch, big)  # the size check sees 10 bytes; the file holds 2 MB
    with pytest.raises(ArticleError) as err:
        read_article(big)
    assert f"at most {limits.MAX_ARTICLE_BYTES:,} bytes" in one_line(str(err.value))


def test_add_refuses_a_huge_file_unread(tmp_path, capsys):
    huge = tmp_path / "dump.txt"
    with huge.open("wb") as fh:  # sparse: 100 MB that cost no disk
        fh.truncate(100_000_000)
    dataset = tmp_path / "f.geojson"
    tracemalloc.start()
    try:
        status = main(["add", str(huge), "--dataset", str(dataset)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == 1
    line = cli_error(capsys)
    assert f"at most {limits.MAX_UPLOAD_BYTES:,} bytes" in line and "100,000,000" in line
    assert peak < 20_000_000  # the file was never read into memory
    assert not dataset.exists() and not (tmp_path / "articles").exists()


def test_add_reads_a_page_file_never_past_the_limit(tmp_path, monkeypatch):
    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body>" + b"<p>Jets at Ramstein Air Base.</p>" * 400_000)
    assert page.stat().st_size > limits.MAX_UPLOAD_BYTES
    _small_stat(monkeypatch, page)
    with pytest.raises(ArticleError, match=f"at most {limits.MAX_UPLOAD_BYTES:,} bytes"):
        article_from_file(page)


def test_sidecar_size_is_limited(tmp_path):
    (tmp_path / "a.txt").write_text("Jets landed at Ramstein Air Base.", "utf-8")
    meta = {"id": "a", "title": "x" * (limits.MAX_SIDECAR_BYTES + 1)}
    (tmp_path / "a.meta.json").write_text(json.dumps(meta), "utf-8")
    with pytest.raises(ArticleError) as err:
        read_article(tmp_path / "a.txt")
    assert "article metadata of at most" in one_line(str(err.value))


@pytest.mark.parametrize("char", ["x", "я", "😀"])
def test_paste_over_the_limit_says_the_limit_and_the_size(char):
    n = limits.MAX_ARTICLE_BYTES // len(char.encode()) + 1  # just over, in UTF-8 bytes
    with pytest.raises(ArticleError) as err:
        new_article(char * n)
    msg = one_line(str(err.value))
    assert f"at most {limits.MAX_ARTICLE_BYTES:,} bytes" in msg
    assert f"{n * len(char.encode()):,}" in msg


def test_paste_at_the_limit_is_accepted():
    text = "Jets at Ramstein Air Base. "
    body = text * (limits.MAX_ARTICLE_BYTES // len(text))
    assert len(body.encode()) <= limits.MAX_ARTICLE_BYTES
    assert new_article(body, language="en").text == body


# -- what one article may add: facilities, mentions, unplaced phrases ---------------------------
@pytest.fixture(scope="module")
def listing(extractor):
    """An "article" that lists 300 known facilities and 600 unknown air bases."""
    names = [e.name for e in extractor.gaz.entries.values()][:300]
    lines = [f"Officials visited {n} on Monday." for n in names]
    lines += [f"Jets flew from Zorblax{i:04d} Air Base near Qwerty{i}." for i in range(600)]
    return new_article("\n".join(lines), language="en", title="A list", article_id="listing")


def test_one_article_keeps_at_most_the_limits(listing, extractor):
    fc = collection_from_articles([listing], extractor)
    feats = [f for f in fc["features"] if not f["properties"]["inferred"]]
    unplaced = fc["facmap"]["unplaced"]
    assert len(feats) <= limits.MAX_FACILITIES_PER_ARTICLE < 300
    assert len(unplaced) == limits.MAX_UNPLACED_PER_ARTICLE
    found = extractor.extract(listing)
    n_unplaced = sum(m.facility_id.startswith("unplaced:") for m in found)
    n_facilities = len({m.facility_id for m in found if not m.facility_id.startswith("unp")})
    assert n_unplaced >= 600 and n_facilities > 250
    (art,) = fc["facmap"]["articles"]
    assert art["not_kept"]["unplaced"] == n_unplaced - limits.MAX_UNPLACED_PER_ARTICLE
    assert art["not_kept"]["facilities"] == n_facilities - limits.MAX_FACILITIES_PER_ARTICLE
    # the first ones in the text are kept: the unknown air bases kept are the first written
    kept = sorted(int(m["surface"][7:11]) for m in unplaced if m["surface"].startswith("Zorb"))
    assert kept == list(range(len(kept))) and len(kept) > 450


def test_one_facility_named_a_thousand_times_keeps_the_mention_limit(extractor):
    text = "\n".join(f"Jets left Ramstein Air Base on day {i}." for i in range(1_500))
    fc = collection_from_articles([new_article(text, language="en")], extractor)
    mentions = [m for f in fc["features"] for m in f["properties"]["mentions"]]
    assert len(mentions) == limits.MAX_MENTIONS_PER_ARTICLE
    (art,) = fc["facmap"]["articles"]
    assert art["not_kept"] == {"facilities": 0, "mentions": 500, "unplaced": 0}


def test_every_kept_facility_keeps_its_first_mention(monkeypatch, extractor):
    text = (
        "Jets left Ramstein Air Base. Jets left Ramstein Air Base again. "
        "Jets left Ramstein Air Base once more.\nLater, Incirlik Air Base and Al Udeid Air Base."
    )
    found = extractor.extract(new_article(text, language="en"))
    named = {m.facility_id for m in found}
    assert len(named) == 3 and len(found) == 5
    monkeypatch.setattr(facmap.limits, "MAX_MENTIONS_PER_ARTICLE", 3)
    kept, not_kept = keep_within_limits(found)
    assert {m.facility_id for m in kept} == named  # not three of Ramstein
    assert len(kept) == 3 and not_kept == {"facilities": 0, "mentions": 2, "unplaced": 0}
    monkeypatch.setattr(facmap.limits, "MAX_FACILITIES_PER_ARTICLE", 1)
    kept, not_kept = keep_within_limits(found)
    assert [m.surface for m in kept] == ["Ramstein Air Base"] * 3  # the first in the text
    assert not_kept == {"facilities": 2, "mentions": 2, "unplaced": 0}


def test_an_ordinary_article_loses_nothing(seed_article, extractor):
    fc = collection_from_articles([seed_article], extractor)
    assert "not_kept" not in fc["facmap"]["articles"][0]
    assert fc["features"] == load_geojson(DATASET)["features"]


def test_add_reports_what_was_not_kept(listing, extractor, tmp_path):
    dataset = tmp_path / "f.geojson"
    res = add_article(listing, dataset, extractor=extractor, articles_dir="")
    assert res.not_kept["unplaced"] >= 100 and res.unplaced == limits.MAX_UNPLACED_PER_ARTICLE
    stored = load_geojson(dataset)  # the counts are kept in the dataset, and it validates
    assert stored["facmap"]["articles"][0]["not_kept"] == dict(res.not_kept)


def test_cli_add_prints_one_note_for_a_capped_article(tmp_path, capsys):
    lines = [f"Jets flew from Zorblax{i:04d} Air Base near Qwerty{i}." for i in range(520)]
    art = tmp_path / "list.txt"
    art.write_text("\n".join(lines), "utf-8")
    assert main(["add", str(art), "--lang", "en", "--dataset", str(tmp_path / "f.geojson")]) == 0
    notes = [ln for ln in capsys.readouterr().err.splitlines() if "not kept" in ln]
    assert len(notes) == 1 and "20 unplaced phrases" in notes[0], notes


# -- the dataset: a write that would pass the limit is refused, the old file stays -------------
def test_add_past_the_dataset_limit_changes_nothing(tmp_path, monkeypatch, capsys):
    dataset = tmp_path / "f.geojson"
    main(["extract", str(SEED), "-o", str(dataset)])
    before = dataset.read_bytes()
    monkeypatch.setattr(facmap.limits, "MAX_DATASET_BYTES", len(before) + 200)
    art = tmp_path / "new.txt"
    art.write_text("Su-34 bombers moved to Zernograd Air Base and Olenya air base.", "utf-8")
    capsys.readouterr()
    assert main(["add", str(art), "--lang", "en", "--dataset", str(dataset)]) == 1
    line = cli_error(capsys)
    assert f"limit is {len(before) + 200:,}" in line and "unchanged" in line
    assert dataset.read_bytes() == before
    assert not (tmp_path / "f.geojson.bak").exists()
    assert not (tmp_path / "articles").exists()  # the article copy was undone
    assert main(["validate", str(dataset)]) == 0  # still opens, so it can still shrink


def test_dataset_read_stops_at_the_limit_even_if_the_file_grew(tmp_path, monkeypatch):
    path = tmp_path / "f.geojson"
    path.write_bytes(DATASET.read_bytes())
    monkeypatch.setattr(facmap.limits, "MAX_DATASET_BYTES", 1_000)
    _small_stat(monkeypatch, path)
    with pytest.raises(DatasetError) as err:
        load_geojson(path)
    assert "under 1,000 bytes" in one_line(str(err.value))


# -- exports: DPI and pixel caps, refused before drawing ----------------------------------------
@pytest.fixture(scope="module")
def seed_fc():
    return load_geojson(DATASET)


@pytest.mark.parametrize("dpi", [1200, limits.MAX_EXPORT_DPI + 1, 9, 0])
def test_png_dpi_outside_the_range_names_the_range(seed_fc, dpi):
    with pytest.raises(ExportError) as err:
        to_png(seed_fc, dpi=dpi)
    msg = one_line(str(err.value))
    assert f"between {limits.MIN_EXPORT_DPI} and {limits.MAX_EXPORT_DPI}" in msg


def test_png_pixels_past_the_cap_say_which_dpi_fits(seed_fc):
    with pytest.raises(ExportError) as err:
        to_png(seed_fc, dpi=300, size=(40.0, 30.0))  # 108 Mpixel
    msg = one_line(str(err.value))
    assert f"{limits.MAX_EXPORT_PIXELS:,} pixels" in msg and "108,000,000" in msg
    best = int(msg.split(f"between {limits.MIN_EXPORT_DPI} and ")[1].split()[0])
    assert best * 40 * best * 30 <= limits.MAX_EXPORT_PIXELS < (best + 1) ** 2 * 1200


@pytest.mark.parametrize("size", [(0.0, 7.0), (float("nan"), 7.0), (1e9, 1e9), ("a", "b")])
def test_image_size_is_checked(seed_fc, size):
    for draw in (lambda: to_png(seed_fc, size=size), lambda: to_svg(seed_fc, size=size)):
        with pytest.raises(ExportError, match="inches"):
            draw()


def test_highest_dpi_is_allowed_on_a_small_image(seed_fc):
    from io import BytesIO

    from PIL import Image

    data = to_png(seed_fc, dpi=limits.MAX_EXPORT_DPI, size=(3.0, 2.0))
    assert Image.open(BytesIO(data)).size == (3 * limits.MAX_EXPORT_DPI, 2 * limits.MAX_EXPORT_DPI)


def test_cli_export_at_1200_dpi_is_one_line_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "map.png"
    assert main(["export", "-i", str(DATASET), "--dpi", "1200", "-o", str(out)]) == 1
    assert f"between {limits.MIN_EXPORT_DPI} and {limits.MAX_EXPORT_DPI}" in cli_error(capsys)
    assert not out.exists()
