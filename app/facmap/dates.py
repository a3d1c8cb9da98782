"""Strict ISO 8601 dates for article metadata, shared by the CLI and the page.

Why strict: a date such as ``02/11/2025`` is 2 November in London and 11 February in
Washington. Stored as typed it sorts wrongly ("first/last seen", date filters) and means
different things to different readers. So facmap accepts only the unambiguous calendar form
``YYYY-MM-DD``, optionally followed by a time, and refuses anything else with a message that
names the expected form. Accepted values are stored normalised (``T`` between date and time),
so that string order is time order for dates of the same form.
"""

from __future__ import annotations

import datetime as _dt
import re

from .errors import FacmapError

__all__ = ["EXPECTED_FORMAT", "DateError", "parse_date", "parse_iso_date"]

#: The accepted forms, as messages name them.
EXPECTED_FORMAT = "YYYY-MM-DD, optionally with a time: YYYY-MM-DDTHH:MM[:SS][Z or ±HH:MM]"

_ISO = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
    r"(?P<zone>Z|[+-]\d{2}:\d{2})?)?",
    re.ASCII,
)


class DateError(FacmapError, ValueError):
    """A date is not in the ISO 8601 form facmap accepts (see :data:`EXPECTED_FORMAT`)."""


def _refuse(text: str, why: str = "") -> DateError:
    shown = text if len(text) <= 40 else text[:40] + "..."
    reason = f" ({why})" if why else ""
    return DateError(f"Expected a date as {EXPECTED_FORMAT}, got {shown!r}{reason}.")


def parse_iso_date(text: str, *, allow_blank: bool = False) -> str:
    """Check a date strictly and return it normalised.

    Parameters
    ----------
    text
        What the user typed. Surrounding white space is ignored.
    allow_blank
        If true, a blank value means "no date" and gives ``""`` (the page's optional field);
        otherwise a blank value is refused like any other malformed date.

    Returns
    -------
    str
        ``YYYY-MM-DD``, or ``YYYY-MM-DDTHH:MM[:SS[.ffffff]][Z|±HH:MM]`` when a time was given
        (a space between date and time becomes ``T``; ``+00:00`` is kept as typed).

    Raises
    ------
    DateError
        If the text is not of that form or names no real day or time (``2025-02-30``,
        ``25:00``); the message names the expected form.
    """
    value = text.strip()
    if not value:
        if allow_blank:
            return ""
        raise _refuse(text, "it is empty")
    m = _ISO.fullmatch(value)
    if m is None:
        raise _refuse(text)
    day, time, zone = m.group("date"), m.group("time"), m.group("zone")
    try:
        _dt.date.fromisoformat(day)
        if time is not None:
            _dt.time.fromisoformat(time)
        if zone not in (None, "Z"):
            hours, minutes = int(zone[1:3]), int(zone[4:6])
            if hours > 23 or minutes > 59:
                raise ValueError(zone)
    except ValueError:
        raise _refuse(text, "no such day or time") from None
    if time is None:
        return day
    return f"{day}T{time}{zone or ''}"


def parse_date(text: str) -> _dt.date:
    """Return the calendar day of a strict ISO 8601 date (see :func:`parse_iso_date`).

    The day is the one written, in the writer's own time zone: a date filter over articles
    compares the days their outlets printed, not instants in UTC.

    Raises
    ------
    DateError
        As :func:`parse_iso_date`, for a blank or malformed value.
    """
    return _dt.date.fromisoformat(parse_iso_date(text)[:10])
