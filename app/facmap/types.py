"""Value types that flow through the pipeline: article -> mentions -> facilities.

They are frozen dataclasses so that a value produced by one stage cannot be changed behind the
back of the next one, and so that they hash and compare by value in tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Article",
    "ArticleMeta",
    "FacilityType",
    "GazetteerEntry",
    "Mention",
    "Source",
]


class FacilityType(StrEnum):
    """The facility-type vocabulary of the GeoJSON contract (also used in URLs and CLI flags)."""

    COSMODROME = "cosmodrome"
    MISSILE_TEST_RANGE = "missile_test_range"
    IMPACT_ZONE = "impact_zone"
    MISSILE_BASE = "missile_base"
    AIR_BASE = "air_base"
    NAVAL_BASE = "naval_base"
    ARMY_BASE = "army_base"
    RADAR_STATION = "radar_station"
    NUCLEAR_TEST_SITE = "nuclear_test_site"
    DEFENSE_INDUSTRY = "defense_industry"
    COMMAND_HQ = "command_hq"
    PLACE = "place"

    @property
    def label(self) -> str:
        """Human label, e.g. ``"Missile test range"``."""
        return self.value.replace("_", " ").capitalize()


_TYPE_VALUES = frozenset(t.value for t in FacilityType)


def types_label(ftype: str, also: Iterable[str] = ()) -> str:
    """Return a facility's type for people, with its second types: "Air base (also naval base)".

    A naval air station is drawn as an air base; the words say it is the navy's too, so a
    reader of the popup or the table is not surprised that a naval-base filter shows it.
    """

    def label(t: str) -> str:
        return FacilityType(t).label if t in _TYPE_VALUES else t

    others = [label(t).lower() for t in also if t != ftype]
    main = label(ftype)
    return f"{main} (also {', '.join(others)})" if others else main


@dataclass(frozen=True)
class Source:
    """A citation: what was read, where, and the value as read (so a reviewer can check it)."""

    name: str
    url: str
    value: str = ""

    def as_dict(self) -> dict[str, str]:
        """Return the JSON form used in GeoJSON properties."""
        out = {"name": self.name, "url": self.url}
        if self.value:
            out["value"] = self.value
        return out


@dataclass(frozen=True)
class GazetteerEntry:
    """One known facility with its cited coordinates."""

    id: str
    name: str
    type: FacilityType
    country: str
    operator: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    precision_km: float
    point_basis: str
    sources: tuple[Source, ...]
    town_aliases: tuple[str, ...] = ()
    disagreements: str = ""
    notes: str = ""
    polygon: tuple[tuple[float, float], ...] = ()
    polygon_basis: str = ""
    polygon_sources: tuple[Source, ...] = ()
    origin: str = ""  # gazetteer file the entry came from
    wikidata: str = ""  # Wikidata item id ("Q123") where a source gives one
    #: names of the company that runs the site ("PT PAL Indonesia", "PTDI"): articles use them
    #: for the company acting, so they name the site only after a place preposition
    company_names: tuple[str, ...] = ()
    #: the other types the facility also is ("Naval Air Station": an air base and a naval
    #: base; "Eastern Naval Command": a naval base and a command HQ). The map draws ``type``;
    #: a filter on any of these types finds it, and so does an annotation of either type.
    also_types: tuple[FacilityType, ...] = ()


@dataclass(frozen=True)
class ArticleMeta:
    """Where an article came from; every mention carries it so a quote can be traced."""

    id: str
    outlet: str = ""
    title: str = ""
    date: str = ""
    url: str = ""
    language: str = ""


@dataclass(frozen=True)
class Article:
    """An article as read from disk.

    ``text`` is the whole file as decoded; ``body_end`` is where the article proper stops and the
    trailing teasers of other articles begin, so ``text[:body_end]`` is the body. Offsets of
    mentions index ``text`` directly, so ``text[start:end] == surface`` always holds.
    """

    meta: ArticleMeta
    text: str
    body_end: int
    path: str = ""

    @property
    def body(self) -> str:
        """The article's own text, without teasers."""
        return self.text[: self.body_end]

    @property
    def teasers(self) -> list[str]:
        """Teaser lines (headlines of other articles) that follow the body; never mapped."""
        return [ln.strip() for ln in self.text[self.body_end :].splitlines() if ln.strip()]


@dataclass(frozen=True)
class Mention:
    """A facility or place named in an article sentence.

    Attributes
    ----------
    facility_id
        Gazetteer id, or ``"place:<geonameid>"`` for a place from the general gazetteer.
    surface
        The text exactly as the article wrote it (``article.text[start:end]``).
    excerpt
        The verbatim sentence that contains the surface form.
    match
        How the surface matched: ``exact``, ``variant`` (case/diacritics/hyphens/script),
        ``fuzzy`` (a misspelling), ``place`` or ``inferred``.
    score
        Similarity in [0, 1]; 1 for exact and variant matches.
    """

    article_id: str
    facility_id: str
    surface: str
    excerpt: str
    start: int
    end: int
    sentence_start: int
    match: str = "exact"
    score: float = 1.0
    reasoning: str = ""
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
