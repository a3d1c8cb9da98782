"""CSV: one row per facility for spreadsheets, safe against formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from .common import _require_features, attribution, default_title, generated_at

__all__ = ["CSV_COLUMNS", "to_csv"]


#: CSV columns; nested evidence is flattened to the first excerpt plus counts
CSV_COLUMNS = (
    "name",
    "type",
    "country",
    "lat",
    "lon",
    "precision_km",
    "excerpt",
    "surface",
    "outlet",
    "date",
    "url",
    "id",
    "operator",
    "geometry_type",
    "confidence",
    "inferred",
    "needs_review",
    "mention_count",
    "sources",
    "report_title",
    "attribution",
    "generated",
)


#: a spreadsheet reads a cell beginning with one of these as a formula (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    """Neutralise a text cell a spreadsheet would run as a formula: prefix a single quote.

    Article text and metadata are untrusted; an outlet ``=HYPERLINK("http://evil","x")``
    must show as text. Numbers (a negative longitude) are left as numbers.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_rows(fc: dict[str, Any], title: str) -> Iterable[list[Any]]:
    attrib = " · ".join(attribution(fc))
    stamp = generated_at()
    for f in fc["features"]:
        p = f["properties"]
        m = p["mentions"][0]
        yield [
            p["name"],
            p["type"],
            p["country"],
            p.get("lat", ""),
            p.get("lon", ""),
            p["precision_km"],
            m["excerpt"],
            m["surface"],
            m.get("outlet", ""),
            m.get("date", ""),
            m.get("url", ""),
            p["id"],
            p["operator"],
            f["geometry"]["type"],
            p.get("confidence", ""),
            p["inferred"],
            bool(p.get("needs_review", False)),
            len(p["mentions"]),
            "; ".join(f"{s['name']} <{s['url']}>" for s in p["sources"]),
            title,
            attrib,
            stamp,
        ]


def to_csv(fc: dict[str, Any], *, title: str | None = None) -> str:
    """Return one CSV row per facility (UTF-8 text, header first, CRLF line ends).

    Columns are :data:`CSV_COLUMNS`: name, type, country, lat, lon, precision_km, the first
    excerpt that names the facility and where it came from, then the report's title,
    attribution and timestamp on every row (so a row cut out of the table keeps its credit).
    A text cell beginning with ``=``, ``+``, ``-``, ``@``, tab or carriage return is prefixed
    with a single quote so that no spreadsheet runs it as a formula (OWASP CSV injection).
    """
    _require_features(fc)
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(CSV_COLUMNS)
    w.writerows([_csv_cell(c) for c in row] for row in _csv_rows(fc, title or default_title(fc)))
    return buf.getvalue()
