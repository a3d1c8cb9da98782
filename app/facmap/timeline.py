"""Dates on the map: strict ISO 8601 days, the span a dataset covers, when a facility was seen.

Every mention copies its article's date (``YYYY-MM-DD``), so a facility's evidence has a time
line: the first and last day an article named it. The page filters by a range of those days
("what was reported in October") and puts the range in its shareable link, so a date typed by
a person or carried by a link is read strictly: ``2025-10-31`` is a day; ``02/11/2025`` is
refused, because it reads as February in one country and November in another, and a silently
guessed month would show the wrong facilities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .dates import DateError, parse_date

__all__ = [
    "DATE_FORMAT",
    "DATE_FORMAT_HINT",
    "DateError",
    "DateRange",
    "Seen",
    "date_bounds",
    "feature_days",
    "in_range",
    "mention_day",
    "parse_day",
    "seen",
]

#: the one accepted form of a day, as said to a user
DATE_FORMAT = "YYYY-MM-DD"
#: what every refusal adds, so the fix is in the message
DATE_FORMAT_HINT = f"Expected a date as {DATE_FORMAT} (ISO 8601), e.g. 2025-10-31."
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def parse_day(text: str, *, name: str = "date") -> date:
    """Read a day strictly (:func:`facmap.dates.parse_date`: ISO 8601, a time allowed).

    Parameters
    ----------
    text
        The value as typed or as carried by a link; only surrounding blanks are dropped.
    name
        What the value is (``"from"``, ``"to"``), for the message.

    Returns
    -------
    datetime.date
        The day written (a time of day, if any, is dropped: the filter works on days).

    Raises
    ------
    DateError
        For any other form (``02/11/2025``, ``2025-1-3``, ``20251031``, other digits) or a
        day that does not exist (``2025-02-30``); the message gives the format.
    """
    try:
        return parse_date(text)
    except DateError as exc:
        msg = f"The {name} was refused. {exc}"
        raise DateError(msg) from None


def mention_day(mention: Mapping[str, Any]) -> date | None:
    """Return the day a mention's article is dated, or None if it has no readable date.

    Dataset dates are validated as ``YYYY-MM-DD`` on the way in; a longer timestamp keeps its
    day, anything unreadable counts as undated instead of failing the page.
    """
    raw = str(mention.get("date") or "")[:10]
    if not _DAY.fullmatch(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def feature_days(feature: Mapping[str, Any]) -> list[date]:
    """Return the dated days of a feature's mentions, sorted (repeats kept)."""
    return sorted(d for m in feature["properties"]["mentions"] if (d := mention_day(m)))


@dataclass(frozen=True)
class Seen:
    """When articles named a facility: the first and last dated mention, and how many."""

    first: date | None
    last: date | None
    articles: int


def seen(feature: Mapping[str, Any]) -> Seen:
    """First and last day a facility was reported, and the number of articles naming it."""
    days = feature_days(feature)
    arts = {m.get("article") for m in feature["properties"]["mentions"]}
    return Seen(days[0] if days else None, days[-1] if days else None, len(arts))


def date_bounds(features: Iterable[Mapping[str, Any]]) -> tuple[date, date] | None:
    """Return the first and last dated mention over ``features``, or None if none is dated."""
    lo = hi = None
    for f in features:
        days = feature_days(f)
        if days:
            lo = days[0] if lo is None or days[0] < lo else lo
            hi = days[-1] if hi is None or days[-1] > hi else hi
    return (lo, hi) if lo is not None and hi is not None else None


@dataclass(frozen=True)
class DateRange:
    """Days from ``start`` to ``end``, both included; ``None`` leaves that side open."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.start > self.end:
            msg = (
                f"Expected the range to start on or before its end, got from {self.start} to "
                f"{self.end}. Swap the two dates."
            )
            raise DateError(msg)

    @property
    def open(self) -> bool:
        """Whether the range keeps every day (no filter)."""
        return self.start is None and self.end is None

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


def in_range(feature: Mapping[str, Any], span: DateRange) -> bool:
    """Whether an article dated inside ``span`` names the facility (open span: always).

    Undated mentions never fall inside a closed range: a filter on October keeps only what
    was reported in October (as the stores' date query does).
    """
    if span.open:
        return True
    return any(mention_day(m) in span for m in feature["properties"]["mentions"])
