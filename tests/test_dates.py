"""Strict ISO 8601 dates (facmap.dates): accepted forms normalise, all else is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from facmap.dates import EXPECTED_FORMAT, DateError, parse_date, parse_iso_date
from facmap.errors import FacmapError


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2025-11-02", "2025-11-02"),
        ("  2025-11-02\n", "2025-11-02"),
        ("2024-02-29", "2024-02-29"),
        ("2025-11-02T14:30", "2025-11-02T14:30"),
        ("2025-11-02 14:30", "2025-11-02T14:30"),
        ("2025-11-02T14:30:05", "2025-11-02T14:30:05"),
        ("2025-11-02T14:30:05.25", "2025-11-02T14:30:05.25"),
        ("2025-11-02T14:30Z", "2025-11-02T14:30Z"),
        ("2025-11-02T14:30:05+05:30", "2025-11-02T14:30:05+05:30"),
        ("2025-11-02T23:59-08:00", "2025-11-02T23:59-08:00"),
    ],
)
def test_accepted_forms_normalise(typed, stored):
    assert parse_iso_date(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "02/11/2025",
        "11/02/2025",
        "2 November 2025",
        "Nov 2, 2025",
        "20251102",
        "2025-11",
        "2025-1-2",
        "2025/11/02",
        "2025-11-02T",
        "2025-11-02T14",
        "2025-11-02T1430",
        "2025-02-30",
        "2025-13-01",
        "2025-11-02T25:00",
        "2025-11-02T14:60",
        "2025-11-02T14:30+2400",
        "2025-11-02T14:30+24:00",
        "2025-11-02x",
        "２０２５-１１-０２",  # full-width digits are not ISO digits
        "tomorrow",
    ],
)
def test_anything_else_is_refused_naming_the_format(typed):
    with pytest.raises(DateError) as info:
        parse_iso_date(typed)
    message = str(info.value)
    assert EXPECTED_FORMAT in message and repr(typed.strip()) in message
    assert "\n" not in message
    assert isinstance(info.value, FacmapError) and isinstance(info.value, ValueError)


def test_blank_is_refused_unless_allowed():
    with pytest.raises(DateError, match="empty"):
        parse_iso_date("  ")
    assert parse_iso_date("  ", allow_blank=True) == ""
    with pytest.raises(DateError):
        parse_iso_date("02/11/2025", allow_blank=True)


def test_long_input_is_shortened_in_the_message():
    with pytest.raises(DateError) as info:
        parse_iso_date("x" * 5000)
    assert len(str(info.value)) < 300


def test_parse_date_gives_the_written_day():
    assert parse_date("2025-11-02") == dt.date(2025, 11, 2)
    # the outlet's own day, not converted to UTC (which would be 3 November)
    assert parse_date("2025-11-02T23:30-08:00") == dt.date(2025, 11, 2)
    with pytest.raises(DateError):
        parse_date("02/11/2025")


def test_normalised_values_sort_in_time_order():
    typed = ["2025-11-02 09:00", "2025-01-15", "2024-12-31T23:59:59", "2025-11-02"]
    stored = sorted(parse_iso_date(t) for t in typed)
    assert [parse_date(s) for s in stored] == sorted(parse_date(t) for t in typed)
