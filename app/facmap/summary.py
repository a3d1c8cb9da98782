"""A dataset at a glance: how many facilities, from how many articles, when, and which first.

The page's details column is empty until a facility is selected; a first-time visitor is
better served by what the view holds (counts per type, the articles and their dates) and by
the facilities most worth opening first. The same ranking chooses which facilities the map
names with a label (:func:`headline`), so the page and the map agree on what matters most.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .timeline import date_bounds
from .types import FacilityType
from .viewstate import type_counts

__all__ = ["Headline", "Summary", "headline", "rank_key", "summarize"]

_CONFIDENCE_RANK = {"high": 0, "medium": 1, "low": 2}


@dataclass(frozen=True)
class Headline:
    """A facility worth opening first: its id, name and how many articles name it."""

    id: str
    name: str
    articles: int


@dataclass(frozen=True)
class Summary:
    """What a collection holds, for a reader who has not selected anything yet."""

    facilities: int
    articles: int
    countries: int
    first_day: date | None
    last_day: date | None
    #: facilities per type label, largest first (ties by label)
    types: dict[str, int] = field(default_factory=dict)
    headline: tuple[Headline, ...] = ()

    @property
    def days_text(self) -> str:
        """The reporting dates as a reader says them: one day, a range, or ``""`` if undated."""
        if self.first_day is None or self.last_day is None:
            return ""
        if self.first_day == self.last_day:
            return self.first_day.isoformat()
        return f"{self.first_day.isoformat()} to {self.last_day.isoformat()}"


def _article_ids(p: Mapping[str, Any]) -> set[str]:
    return {str(m["article"]) for m in p.get("mentions", []) if m.get("article")}


def rank_key(p: Mapping[str, Any]) -> tuple[int, int, int, int, int]:
    """Sort key of a facility's importance (smaller first), from its properties.

    Why this order: a facility more articles name is more newsworthy; then one more often
    mentioned; a facility named in the text before one only inferred from it; a military
    site before a town standing in for one; then the more confident placement. Ties keep the
    collection's order (sorting is stable).
    """
    articles = int(p.get("article_count") or len(_article_ids(p)))
    return (
        -articles,
        -len(p.get("mentions", [])),
        1 if p.get("inferred") else 0,
        1 if p.get("type") == FacilityType.PLACE.value else 0,
        _CONFIDENCE_RANK.get(str(p.get("confidence")), 3),
    )


def headline(features: Iterable[Mapping[str, Any]], *, limit: int = 3) -> list[Headline]:
    """Return the ``limit`` most important facilities of ``features`` (see :func:`rank_key`).

    A facility that needs review is never a headline: a first look should not lead with a
    placement the pipeline itself doubts.
    """
    props = [f["properties"] for f in features if not f["properties"].get("needs_review")]
    ranked = sorted(props, key=rank_key)[: max(limit, 0)]
    return [
        Headline(
            str(p["id"]), str(p["name"]), int(p.get("article_count") or len(_article_ids(p)))
        )
        for p in ranked
    ]


def summarize(fc: Mapping[str, Any], *, limit: int = 3) -> Summary:
    """Summarise a facilities collection (already filtered to what the page shows).

    Parameters
    ----------
    fc
        A facilities FeatureCollection.
    limit
        How many headline facilities to name.
    """
    features: Sequence[Mapping[str, Any]] = fc["features"]
    articles: set[str] = set()
    countries: set[str] = set()
    for f in features:
        p = f["properties"]
        articles |= _article_ids(p)
        if p.get("country"):
            countries.add(str(p["country"]))
    bounds = date_bounds(features)
    return Summary(
        facilities=len(features),
        articles=len(articles),
        countries=len(countries),
        first_day=bounds[0] if bounds else None,
        last_day=bounds[1] if bounds else None,
        types=type_counts(fc),
        headline=tuple(headline(features, limit=limit)),
    )
