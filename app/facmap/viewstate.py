"""The page's view as plain data: filters, their URL form, and the options a dataset offers.

Pure functions (no streamlit) so the page, tests and exports agree on what a shareable link
such as ``?type=cosmodrome&type=impact_zone&country=KZ`` means. URL type values are the
GeoJSON ``type`` vocabulary (:class:`facmap.types.FacilityType`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from .dataset import filter_collection
from .timeline import DATE_FORMAT_HINT, DateError, DateRange, in_range, parse_day, seen
from .types import FacilityType, types_label

__all__ = [
    "TABLE_COLUMNS",
    "ViewState",
    "apply",
    "article_options",
    "country_options",
    "from_query",
    "ignored_hints",
    "keep_type_selection",
    "only_type",
    "review_rows",
    "table_config",
    "table_rows",
    "to_query",
    "type_options",
    "unplaced_rows",
]

_TYPES = {t.value for t in FacilityType}


@dataclass(frozen=True)
class ViewState:
    """What the page shows. ``None`` in a list filter means "no filter" (everything)."""

    types: tuple[str, ...] | None = None
    countries: tuple[str, ...] | None = None
    articles: tuple[str, ...] | None = None
    query: str = ""
    include_inferred: bool = True
    include_review: bool = True
    #: first and last day (``YYYY-MM-DD``) of the articles to show; None leaves a side open
    date_from: str | None = None
    date_to: str | None = None

    @property
    def dates(self) -> DateRange:
        """The date filter as a range of days (both strings were read by :func:`parse_day`)."""
        return DateRange(
            parse_day(self.date_from, name="from") if self.date_from else None,
            parse_day(self.date_to, name="to") if self.date_to else None,
        )


def type_options(fc: Mapping[str, Any]) -> list[str]:
    """Facility types present in the collection, in vocabulary order.

    A facility's second types count ("Naval Air Station" offers naval bases too), as the type
    filter (:func:`facmap.dataset.filter_collection`) finds it under them.
    """
    present = set(type_filter_counts(fc))
    return [t.value for t in FacilityType if t.value in present]


def type_filter_counts(fc: Mapping[str, Any]) -> dict[str, int]:
    """How many facilities a filter on each type shows: main type and second types alike."""
    counts: dict[str, int] = {}
    for f in fc["features"]:
        p = f["properties"]
        for t in dict.fromkeys((p["type"], *p.get("also_types", ()))):
            counts[t] = counts.get(t, 0) + 1
    return counts


def country_options(fc: Mapping[str, Any]) -> list[str]:
    """ISO country codes present, sorted."""
    return sorted({f["properties"]["country"] for f in fc["features"]})


def article_options(fc: Mapping[str, Any]) -> dict[str, str]:
    """Article id -> label (``outlet, date: title``) for every article the collection cites."""
    known = {a["id"]: a for a in fc.get("facmap", {}).get("articles", [])}
    ids = {m["article"] for f in fc["features"] for m in f["properties"]["mentions"]}
    out = {}
    for aid in sorted(ids | set(known)):
        a = known.get(aid, {})
        head = ", ".join(x for x in (a.get("outlet"), a.get("date")) if x)
        title = a.get("title") or aid
        out[aid] = f"{head}: {title}" if head else title
    return out


def _list(params: Mapping[str, Any], key: str) -> list[str]:
    v = params.get(key)
    if v is None:
        return []
    return [v] if isinstance(v, str) else [str(x) for x in v]


def from_query(
    params: Mapping[str, Any], fc: Mapping[str, Any] | None = None
) -> tuple[ViewState, list[str]]:
    """Read a view from URL query parameters; return it and the values that were ignored.

    Parameters
    ----------
    params
        ``{"type": [...], "country": [...], "article": [...], "q": "...", "inferred": "0",
        "review": "0", "from": "2025-10-01", "to": "2025-10-31"}``;
        values may be strings or lists of strings (repeated keys). Dates are read strictly
        (:func:`facmap.timeline.parse_day`): any other form is ignored, and a range that ends
        before it starts is ignored whole.
    fc
        If given, countries and articles not in the collection are ignored too.

    Returns
    -------
    tuple[ViewState, list[str]]
        The view and a human description of each ignored value (to show as a warning).
    """
    ignored: list[str] = []
    types = []
    for t in _list(params, "type"):
        if t in _TYPES:
            types.append(t)
        else:
            ignored.append(f"type={t}")
    countries = []
    known_c = set(country_options(fc)) if fc is not None else None
    for c in _list(params, "country"):
        cu = c.upper()
        if len(cu) == 2 and cu.isalpha() and (known_c is None or cu in known_c):
            countries.append(cu)
        else:
            ignored.append(f"country={c}")
    articles = []
    known_a = set(article_options(fc)) if fc is not None else None
    for a in _list(params, "article"):
        if known_a is None or a in known_a:
            articles.append(a)
        else:
            ignored.append(f"article={a}")
    q = _list(params, "q")
    include = _flag(params, "inferred")
    date_from, date_to = _day(params, "from", ignored), _day(params, "to", ignored)
    if date_from and date_to and date_from > date_to:  # ISO days sort as text
        ignored.extend([f"from={date_from}", f"to={date_to}"])
        date_from = date_to = None
    state = ViewState(
        types=tuple(dict.fromkeys(types)) or None,
        countries=tuple(dict.fromkeys(countries)) or None,
        articles=tuple(dict.fromkeys(articles)) or None,
        query=q[-1].strip() if q else "",  # as to_query writes it: a link reads back the same
        include_inferred=include,
        include_review=_flag(params, "review"),
        date_from=date_from,
        date_to=date_to,
    )
    return state, ignored


def _day(params: Mapping[str, Any], key: str, ignored: list[str]) -> str | None:
    """Return the last value of a date key if a strict ISO day; else note it as ignored."""
    v = _list(params, key)
    if not v:
        return None
    try:
        return parse_day(v[-1], name=key).isoformat()
    except DateError:
        ignored.append(f"{key}={v[-1]}")
        return None


def ignored_hints(ignored: Sequence[str]) -> list[str]:
    """How to fix the ignored link values (plain text of ours, no user text in it)."""
    if any(i.startswith(("from=", "to=")) for i in ignored):
        return [f"{DATE_FORMAT_HINT} A range must not end before it starts."]
    return []


def _flag(params: Mapping[str, Any], key: str) -> bool:
    """Read a show/hide flag from the URL: on unless its last value is 0/false/no/off."""
    v = _list(params, key)
    return not (v and v[-1].lower() in {"0", "false", "no", "off"})


def to_query(state: ViewState) -> dict[str, list[str] | str]:
    """Return the URL query of a view (empty filters omitted), inverse of :func:`from_query`."""
    out: dict[str, list[str] | str] = {}
    if state.types is not None:
        out["type"] = list(state.types)
    if state.countries is not None:
        out["country"] = list(state.countries)
    if state.articles is not None:
        out["article"] = list(state.articles)
    if state.query.strip():
        out["q"] = state.query.strip()
    if not state.include_inferred:
        out["inferred"] = "0"
    if not state.include_review:
        out["review"] = "0"
    if state.date_from:
        out["from"] = state.date_from
    if state.date_to:
        out["to"] = state.date_to
    return out


def apply(fc: dict[str, Any], state: ViewState) -> dict[str, Any]:
    """Filter a collection by a view (see :func:`facmap.dataset.filter_collection`).

    ``include_review=False`` also drops features flagged ``needs_review`` (facilities found
    outside the gazetteer, or placed with low confidence). A date range keeps the facilities
    an article dated inside it names (all their mentions kept, so the evidence stays whole).
    """
    out = filter_collection(
        fc,
        types=state.types,
        countries=state.countries,
        articles=state.articles,
        query=state.query,
        include_inferred=state.include_inferred,
    )
    if not state.include_review:
        out["features"] = [f for f in out["features"] if not f["properties"].get("needs_review")]
    span = state.dates
    if not span.open:
        out["features"] = [f for f in out["features"] if in_range(f, span)]
    return out


def only_type(state: ViewState, facility_type: str) -> ViewState:
    """Return the same view showing one facility type: "only this type" in one click.

    Raises
    ------
    ValueError
        If ``facility_type`` is not in the vocabulary (:class:`FacilityType` names it).
    """
    return replace(state, types=(FacilityType(facility_type).value,))


def keep_type_selection(
    previous: Sequence[str] | None, options: Sequence[str], chosen: Sequence[str]
) -> list[str]:
    """Carry the type filter over when the dataset's types change (e.g. an article was added).

    A selection of every type stays "every type", so a new article's new type shows up;
    otherwise the types still present are kept.

    Parameters
    ----------
    previous
        The type options of the last run (``None`` on the first run).
    options
        The type options now.
    chosen
        The selection of the last run.
    """
    if previous is not None and set(chosen) >= set(previous):
        return list(options)
    return [t for t in chosen if t in options]


def _article_label(fc: Mapping[str, Any]) -> dict[str, str]:
    return {a["id"]: a.get("title") or a["id"] for a in fc.get("facmap", {}).get("articles", [])}


def review_rows(fc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per feature flagged ``needs_review``: what to check and where it came from."""
    titles = _article_label(fc)
    rows = []
    for f in fc["features"]:
        p = f["properties"]
        if not p.get("needs_review"):
            continue
        ms: Sequence[Mapping[str, Any]] = p["mentions"]
        first = ms[0] if ms else {}
        rows.append(
            {
                "name": p["name"],
                "type": FacilityType(p["type"]).label,
                "country": p["country"],
                "kind": p.get("feature_kind", ""),
                "confidence": p.get("confidence", ""),
                "precision_km": p["precision_km"],
                "surface": first.get("surface", ""),
                "excerpt": first.get("excerpt", ""),
                "article": titles.get(first.get("article", ""), first.get("article", "")),
                "id": p["id"],
            }
        )
    return rows


def unplaced_rows(fc: Mapping[str, Any], *, article: str | None = None) -> list[dict[str, Any]]:
    """One row per facility-like phrase that could not be placed (``fc["facmap"]["unplaced"]``).

    Parameters
    ----------
    fc
        The collection.
    article
        Only the phrases of this article id.
    """
    titles = _article_label(fc)
    rows = []
    for m in fc.get("facmap", {}).get("unplaced", []):
        if article is not None and m.get("article") != article:
            continue
        t = str(m.get("type", ""))
        rows.append(
            {
                "type": FacilityType(t).label if t in _TYPES else t,
                "surface": str(m.get("surface", "")),
                "excerpt": str(m.get("excerpt", "")),
                "article": titles.get(m.get("article", ""), str(m.get("article", ""))),
            }
        )
    return rows


def type_counts(fc: Mapping[str, Any]) -> dict[str, int]:
    """Facilities per type label, largest first (ties by label): what the page's chart shows."""
    counts: dict[str, int] = {}
    for f in fc["features"]:
        label = FacilityType(f["properties"]["type"]).label
        counts[label] = counts.get(label, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


#: the page table's columns, narrow first, so that they fit a 1400 px window without scrolling
TABLE_COLUMNS = (
    "name", "type", "country", "precision (km)", "articles", "first seen", "last seen", "excerpt"
)  # fmt: skip


#: pixel widths of the table's columns: together 814 px, what the main area has beside the
#: sidebar in a 1280 px window (940 px at 1400 px; Streamlit shares out the rest), so no column
#: hides behind a horizontal scroll; the excerpt is cut at its width (the details panel and a
#: hover show it whole)
_TABLE_WIDTHS = {
    "name": 150, "type": 112, "country": 60, "precision (km)": 58, "articles": 62,
    "first seen": 86, "last seen": 86, "excerpt": 200,
}  # fmt: skip
#: short headers where the column is narrow (the tooltip says the rest)
_TABLE_LABELS = {"precision (km)": "± km"}


def table_config() -> dict[str, Any]:
    """Column settings for the page's table, as plain data (Streamlit's ``column_config``).

    Each column of :data:`TABLE_COLUMNS` gets a width and a tooltip; ``id`` is hidden (it
    stays in the rows, so a clicked row names its facility).
    """
    helps = {
        "precision (km)": "Precision in km: how far the real site may be from the point drawn",
        "articles": "How many articles name the facility",
        "first seen": "Date of the first article naming it",
        "last seen": "Date of the latest article naming it",
        "excerpt": "The sentence of the latest article that names it",
    }
    out: dict[str, Any] = {
        c: {
            "width": _TABLE_WIDTHS[c],
            **({"label": _TABLE_LABELS[c]} if c in _TABLE_LABELS else {}),
            **({"help": helps[c]} if c in helps else {}),
        }
        for c in TABLE_COLUMNS
    }
    out["name"]["pinned"] = True
    out["id"] = None  # hidden
    return out


def table_rows(fc: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One flat row per facility for the page's table (plain text; the table escapes nothing).

    The columns are :data:`TABLE_COLUMNS` and the ``id`` (not shown; a clicked row selects
    it). ``excerpt`` is the sentence of the latest dated mention: the words the most recent
    article used; ``first seen``/``last seen`` are the first and last article dates
    (``YYYY-MM-DD``, "" if undated).
    """
    rows = []
    for f in fc["features"]:
        p = f["properties"]
        ms: Sequence[Mapping[str, Any]] = p["mentions"]
        when = seen(f)
        latest = max(ms, key=lambda m: str(m.get("date") or ""), default=None)
        rows.append(
            {
                "name": p["name"],
                "type": types_label(p["type"], p.get("also_types", ())),
                "country": p["country"],
                "precision (km)": p["precision_km"],
                "articles": when.articles,
                "first seen": when.first.isoformat() if when.first else "",
                "last seen": when.last.isoformat() if when.last else "",
                "excerpt": latest["excerpt"] if latest else "",
                "id": p["id"],
            }
        )
    return rows
