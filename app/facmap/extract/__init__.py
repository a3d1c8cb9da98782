"""Find the facilities (and venue places) an article names or implies, sentence by sentence.

The extractor is a pipeline of small stages, one module each, in the order the text flows:

1. :mod:`~facmap.extract.sentences` (normalise): the body as sentences of folded words; ships'
   names set aside;
2. :mod:`~facmap.extract.candidates`: names, aliases, towns and core names of known facilities,
   exact and misspelt; :mod:`~facmap.extract.phrases`: facility phrases the gazetteer lacks;
3. :mod:`~facmap.extract.linking` (link and score): which facility a name stands for, and why;
4. :mod:`~facmap.extract.inferred`: what the article implies;
5. :mod:`~facmap.extract.venues` (places): meeting venues and towns.

Knowledge (gazetteer, lexicon, rules, reference lists, places) is data read by
:mod:`facmap.gazetteer`, :mod:`facmap.places` and :mod:`facmap.secondary`: a new language or
knowledge file changes no code here. Nothing outside the article body (teasers) is read.
"""

from __future__ import annotations

from typing import Any

from .._cache import cached_for
from .._text import key_of
from ..gazetteer import AliasHit, Gazetteer, Lexicon, load_gazetteer, load_lexicon
from ..inference import load_rules
from ..secondary import Resolution, reference_index
from ..types import Article, FacilityType, GazetteerEntry, Mention
from ._base import VENUE_MIN_POPULATION, text_is_capitalised
from .inferred import _Inferred

__all__ = ["VENUE_MIN_POPULATION", "Extractor", "extract", "text_is_capitalised"]


class Extractor(_Inferred):
    """Reusable extractor: holds the gazetteer, lexicon, rules, reference lists, fuzzy cache.

    Build one and call :meth:`extract` for each article; the caches make a stream of articles
    fast (most capitalised words recur across news articles).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> None:
        self.gaz = gazetteer if gazetteer is not None else load_gazetteer()
        self.lex = lexicon if lexicon is not None else load_lexicon()
        self.rules, _ = load_rules()
        shipped = gazetteer is None and lexicon is None and self.gaz.fingerprint
        self.index, self.prefixes, self._town_keys = (
            _cached_tables(self) if shipped else _build_tables(self)
        )
        self._pools: dict[tuple[str, int, float], list[str]] = {}
        self._keys_by_start: dict[tuple[str, int], list[str]] = {}
        for k in self.index:
            self._keys_by_start.setdefault((k[0], len(k)), []).append(k)
        # every facility-phrase cue, whatever its word order, for one prefix-bounded scan
        self._pattern_table = {k: True for table in self.lex.patterns.values() for k in table}
        self._ship_table = dict.fromkeys(self.lex.ship_prefixes, True)
        self._company_table = dict.fromkeys(self.lex.companies, True)
        self._town_cue_last = self.lex.town_cue_last
        self._fuzzy_cache: dict[tuple[str, float], tuple[str, float] | None] = {}
        self._by_type: dict[FacilityType, list[GazetteerEntry]] = {}
        for e in self.gaz.entries.values():
            self._by_type.setdefault(e.type, []).append(e)
        self._near_cache: dict[tuple[FacilityType, int], tuple[str, float] | None] = {}
        self._curated_cache: dict[str, str | None] = {}
        self._core_cache: dict[str, frozenset[str]] = {}
        self._sites_by_company: dict[str, list[GazetteerEntry]] | None = None
        # airfields and launch sites for facility phrases the gazetteer lacks: loaded here, once,
        # so the first article that needs them does not pay for it
        self.refs = reference_index()
        self._ref_cache: dict[tuple[Any, ...], Resolution] = {}

    # -- public -------------------------------------------------------------------------------
    def extract(self, article: Article) -> list[Mention]:
        """Return the mentions of ``article``, in text order.

        Each mention's ``surface`` is ``article.text[start:end]`` and its ``excerpt`` the whole
        sentence. Named facilities come first in a sentence's consideration; inferred ones are
        added after, and places last.
        """
        out: list[Mention] = []
        sents = self._sentences(article)
        # a dateline's city is where the report was filed, never a facility: read it first
        # ("Kupang (ANTARA) - ... pesawat tempur ... di Lanud El Tari")
        datelines = self._datelines(article, sents)
        for s in sents:
            out.extend(self._named(article, s))
        named_ids = {m.facility_id for m in out if "core" not in m.extra}
        countries = {self.gaz[i].country for i in named_ids if i in self.gaz.entries}
        # a facility named only by the core of its name, linked by words further away, must
        # be in a country the article's other facilities are in, or that it names ("Ramon" the
        # person in an article on Tajikistan is not Israel's Ramon Air Base; "F-35s moved into
        # Ämari in Estonia" is Estonia's air base)
        far = [m for m in out if m.extra.pop("core", "") == "far"]
        # only a name whose facility lies outside the countries of the others needs the
        # countries the article names (read once, and only then: it scans the whole text)
        if far and countries and (
            doubt := [m for m in far if self._country_of(m.facility_id) not in countries]
        ):
            here = countries | self._named_countries(article, sents[0])
            out = [m for m in out if m not in doubt or self._country_of(m.facility_id) in here]
        for s in sents:
            out.extend(self._inferred(article, s))
            out.extend(self._patterns(article, s, countries))
        # an airfield or launch site placed from a reference list tells where the article is too
        countries |= {
            self.refs.get(m.facility_id[4:]).country
            for m in out
            if m.match == "secondary" and m.facility_id.startswith("ref:")
        }
        out.extend(datelines)
        for s in sents:
            out.extend(self._venues(article, s, countries))
        out = self._settle_namesake_places(self._drop_duplicate_venues(out))
        out.sort(key=lambda m: (m.start, m.end, m.facility_id))
        return out


_Tables = tuple[dict[str, list[AliasHit]], frozenset[str], dict[str, frozenset[str]]]


def _build_tables(ex: Extractor) -> _Tables:
    """Return the alias index with core names, its prefixes, and each facility's town keys."""
    index, prefixes = ex._with_core_names()
    towns = {e.id: frozenset(key_of(a) for a in e.town_aliases) for e in ex.gaz.entries.values()}
    return index, prefixes, towns


def _cached_tables(ex: Extractor) -> _Tables:
    """:func:`_build_tables` for the shipped gazetteer and lexicon, cached on disk.

    Folding every alias word by word is most of an extractor's start-up; the tables depend
    only on the gazetteer, the lexicon and the place index, all covered by the gazetteer's
    fingerprint (the package's code and data), under which the cache is kept.
    """
    return cached_for(
        f"extractor-tables-v{_TABLES_VERSION}.pickle", ex.gaz.fingerprint, lambda: _build_tables(ex)
    )


#: the tables' cache format; raise it when their shape changes
_TABLES_VERSION = 2


def extract(article: Article, extractor: Extractor | None = None) -> list[Mention]:
    """Return the mentions in ``article`` using the shipped gazetteer (see :class:`Extractor`)."""
    return (extractor or Extractor()).extract(article)
