"""Dates on the map: strict ISO days, first/last seen, the date range in the view and its link."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from facmap import viewstate
from facmap.dataset import load_geojson
from facmap.markup import md_literal
from facmap.timeline import (
    DATE_FORMAT,
    DateError,
    DateRange,
    date_bounds,
    in_range,
    mention_day,
    parse_day,
    seen,
)

from .conftest import DATASET


@pytest.fixture(scope="module")
def seed():
    return load_geojson(DATASET)


def redate(fc, dates_by_id):
    """A copy of ``fc`` whose facilities' mentions carry the given dates (one per mention)."""
    out = copy.deepcopy(fc)
    for f in out["features"]:
        days = dates_by_id.get(f["properties"]["id"])
        if days is None:
            continue
        base = f["properties"]["mentions"][0]
        f["properties"]["mentions"] = [
            {
                **base,
                "date": d,
                "article": f"a-{d or 'undated'}",
                "start": i,
                "end": i + 1,
                "excerpt": f"{base['excerpt']} ({d or 'undated'})",
            }
            for i, d in enumerate(days)
        ]
    return out


@pytest.fixture(scope="module")
def dated(seed):
    return redate(
        seed,
        {
            "baikonur-cosmodrome": ["2025-09-30", "2025-10-15"],
            "plesetsk-cosmodrome": ["2025-11-01"],
            "kapustin-yar": ["2025-10-01", ""],
            "sary-shagan-test-range": [""],
        },
    )


@pytest.mark.parametrize("text", ["2025-10-31", "2024-02-29", "0001-01-01", "9999-12-31"])
def test_parse_day_reads_iso_days(text):
    assert parse_day(text).isoformat() == text
    # the same parser as the CLI's --date: a time is allowed and dropped for the day filter
    assert parse_day(f"{text}T23:59+05:00").isoformat() == text


@pytest.mark.parametrize(
    "text",
    [
        "02/11/2025", "2025-1-3", "20251031", "2025/10/31", "31-10-2025", "", "2025-13-01", "2025-02-30", "2023-02-29", "0000-01-01",
        "２０２５-１０-３１", "yesterday", "2025-10", "+2025-10-31",
    ],
)  # fmt: skip
def test_parse_day_refuses_anything_else_with_the_format(text):
    with pytest.raises(DateError) as info:
        parse_day(text, name="from")
    message = str(info.value)
    assert DATE_FORMAT in message
    assert "the from" in message.lower()
    assert "\n" not in message  # one line, shown as it is


def test_mention_day_tolerates_dataset_values():
    assert mention_day({"date": "2025-10-31"}) == date(2025, 10, 31)
    assert mention_day({"date": "2025-10-31T12:00:00Z"}) == date(2025, 10, 31)
    assert mention_day({"date": ""}) is None
    assert mention_day({}) is None
    assert mention_day({"date": "31/10/2025"}) is None
    assert mention_day({"date": "2025-02-30"}) is None


def test_first_and_last_seen_per_facility(dated):
    by_id = {f["properties"]["id"]: f for f in dated["features"]}
    s = seen(by_id["baikonur-cosmodrome"])
    assert (s.first, s.last, s.articles) == (date(2025, 9, 30), date(2025, 10, 15), 2)
    s = seen(by_id["kapustin-yar"])  # an undated mention counts as an article, not as a day
    assert (s.first, s.last, s.articles) == (date(2025, 10, 1), date(2025, 10, 1), 2)
    s = seen(by_id["sary-shagan-test-range"])
    assert (s.first, s.last) == (None, None)
    assert date_bounds(dated["features"]) == (date(2025, 9, 30), date(2025, 11, 1))
    assert date_bounds([by_id["sary-shagan-test-range"]]) is None


def test_range_contains_both_ends_and_refuses_reversed():
    span = DateRange(date(2025, 10, 1), date(2025, 10, 31))
    assert date(2025, 10, 1) in span and date(2025, 10, 31) in span
    assert date(2025, 9, 30) not in span and date(2025, 11, 1) not in span
    assert None not in span
    assert date(1900, 1, 1) in DateRange(None, date(2025, 1, 1))
    assert DateRange().open
    with pytest.raises(DateError, match="Swap"):
        DateRange(date(2025, 11, 1), date(2025, 10, 1))


def ids(fc):
    return {f["properties"]["id"] for f in fc["features"]}


def test_view_date_range_is_what_was_reported_then(dated):
    october = viewstate.ViewState(date_from="2025-10-01", date_to="2025-10-31")
    kept = viewstate.apply(dated, october)
    # Baikonur (15 Oct) and Kapustin Yar (1 Oct) in; Plesetsk (1 Nov) and the undated one out;
    # the untouched seed facilities are dated 31 Oct
    assert {"baikonur-cosmodrome", "kapustin-yar"} <= ids(kept)
    assert "plesetsk-cosmodrome" not in ids(kept)
    assert "sary-shagan-test-range" not in ids(kept)
    baikonur = next(f for f in kept["features"] if f["properties"]["id"] == "baikonur-cosmodrome")
    assert len(baikonur["properties"]["mentions"]) == 2  # its evidence stays whole
    assert all(in_range(f, october.dates) for f in kept["features"])
    only_from = viewstate.apply(dated, viewstate.ViewState(date_from="2025-11-01"))
    assert ids(only_from) == {"plesetsk-cosmodrome"}
    only_to = viewstate.apply(dated, viewstate.ViewState(date_to="2025-09-30"))
    assert ids(only_to) == {"baikonur-cosmodrome"}
    assert viewstate.apply(dated, viewstate.ViewState()) == dated


def test_date_range_round_trips_through_the_link(dated):
    state, ignored = viewstate.from_query({"from": "2025-10-01", "to": "2025-10-31"}, dated)
    assert ignored == []
    assert (state.date_from, state.date_to) == ("2025-10-01", "2025-10-31")
    query = viewstate.to_query(state)
    assert query == {"from": "2025-10-01", "to": "2025-10-31"}
    assert viewstate.from_query(query, dated)[0] == state


@pytest.mark.parametrize("bad", ["02/11/2025", "2025-10-1", "2025-02-30", "<b>x</b>", "a\n\n# b"])
def test_link_dates_in_another_form_are_ignored_and_the_format_said(dated, bad):
    state, ignored = viewstate.from_query({"from": bad, "to": "2025-10-31"}, dated)
    assert state.date_from is None
    assert state.date_to == "2025-10-31"
    assert ignored == [f"from={bad}"]
    hints = viewstate.ignored_hints(ignored)
    assert any("YYYY-MM-DD" in h for h in hints)
    # the page quotes the value as a code span: nothing in it becomes markup
    quoted = md_literal(ignored[0])
    assert quoted.startswith("`") and "\n" not in quoted


def test_reversed_link_range_is_ignored_whole(dated):
    state, ignored = viewstate.from_query({"from": "2025-11-01", "to": "2025-10-01"}, dated)
    assert (state.date_from, state.date_to) == (None, None)
    assert ignored == ["from=2025-11-01", "to=2025-10-01"]
    assert viewstate.ignored_hints(ignored)
    assert viewstate.ignored_hints(["type=x"]) == []


def test_only_this_type_keeps_the_other_filters(seed):
    state = viewstate.ViewState(countries=("KZ",), date_from="2025-10-01")
    only = viewstate.only_type(state, "cosmodrome")
    assert only.types == ("cosmodrome",)
    assert (only.countries, only.date_from) == (("KZ",), "2025-10-01")
    assert ids(viewstate.apply(seed, only)) == {"baikonur-cosmodrome"}
    with pytest.raises(ValueError, match="rocket_shop"):
        viewstate.only_type(state, "rocket_shop")


def test_table_rows_carry_the_useful_columns(dated):
    rows = {r["id"]: r for r in viewstate.table_rows(dated)}
    row = rows["baikonur-cosmodrome"]
    assert list(row) == [*viewstate.TABLE_COLUMNS, "id"]
    assert (row["first seen"], row["last seen"], row["articles"]) == (
        "2025-09-30", "2025-10-15", 2
    )  # fmt: skip
    assert row["type"] == "Cosmodrome" and row["country"] == "KZ"
    assert row["excerpt"].endswith("(2025-10-15)")  # the words of the latest article
    assert rows["sary-shagan-test-range"]["last seen"] == ""


def test_table_config_names_every_column_and_hides_the_id():
    config = viewstate.table_config()
    assert set(config) == {*viewstate.TABLE_COLUMNS, "id"}
    assert config["id"] is None
    widths = [config[c]["width"] for c in viewstate.TABLE_COLUMNS]
    assert all(isinstance(w, int) and w > 0 for w in widths)
    assert sum(widths) <= 820  # the main area beside the sidebar in a 1280 px window
    config["name"]["width"] = 1  # a copy: the page may adjust it
    assert viewstate.table_config()["name"]["width"] > 1
