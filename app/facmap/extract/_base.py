"""Shared parts of the extractor's stages: tuning constants, the sentence, the stage base."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .._text import Token, cue_key_of
from ..gazetteer import AliasHit, Gazetteer, Lexicon
from ..inference import Rule
from ..secondary import (
    ReferenceIndex,
    Resolution,
)
from ..types import Article, FacilityType, GazetteerEntry, Mention

#: a fuzzy match with no supporting cue must be at least this similar (0-100)
FUZZY_STRICT = 88.0
#: with a cue of the same facility type beside the name
FUZZY_WITH_CUE = 74.0
#: ... and then either this similar or at most two edits away
FUZZY_CUE_CLOSE = 85.0
#: without a cue nothing below this is ever accepted (one letter off a six-letter name: 83)
FUZZY_NO_CUE = 82.0
#: venues are towns of at least this population ("di Almaty"), so stray capitalised words that
#: happen to name a hamlet somewhere are not mapped
VENUE_MIN_POPULATION = 15_000
#: a venue outside every country the article is about (its facilities' and the countries it
#: names) must be a city this big: a small town of that name abroad is a guess
FOREIGN_VENUE_MIN_POPULATION = 100_000
#: what may stand between two words of one name: spaces, hyphens, apostrophes, and the quote
#: that opens a firm's name inside its alias ("судостроительный комплекс «Звезда»"); a closing
#: quote ends the name ("базе «Видяево» Северного флота")
_GAP = re.compile(r"[\s\-‐‑–'’.°/]{0,3}|\s?[«“„]")
#: the gaps between words seen so far, and whether :data:`_GAP` joins them: every scan asks
#: whether two words join, and a dictionary answers without a regex call (gaps longer than
#: three characters never join, so the dictionary holds short strings only)
_GAP_JOINS: dict[str, bool] = {}
#: between a ship prefix and the ship's name: spaces and quotes ("фрегат «Адмирал Горшков»")
_SHIP_GAP = re.compile(r"[\s«»\"“”„'’‘\-‐‑–]{1,4}")
#: an opening quotation mark right before a word, and the closing one right after a name
_OPEN_QUOTE = re.compile(r"[«„“\"]\s?$")
_CLOSE_QUOTE = re.compile(r"\s?[»“”\"]")
#: cues that belong to one country's forces, read on the text as written (folding makes RAAF
#: and RAF one key): the facility they name is in that country ("RAAF Base Tindall" is not
#: Tyndall, Florida)
_COUNTRY_CUE = re.compile(
    r"\b(?P<cue>RAAF(?:\s+Base)?|RNZAF(?:\s+Base)?|CFB|Lanud|Pangkalan\s+TNI\s+A[UL]|"
    r"Lantamal|Koarmada|JASDF|JMSDF|ROKAF)\s*$",
    re.IGNORECASE,
)
_CUE_COUNTRY = {
    "raaf": "AU", "rnzaf": "NZ", "cfb": "CA", "lanud": "ID", "pangkalan": "ID",
    "lantamal": "ID", "koarmada": "ID", "jasdf": "JP", "jmsdf": "JP", "rokaf": "KR",
}
_HYPHENS = frozenset({"-", "‐", "‑", "–"})
#: lower-case words that may stand inside a place's name ("Talavera la Real", "Rio de Janeiro")
_PARTICLES = frozenset({"la", "de", "del", "di", "da", "do", "dos", "das", "du", "le", "von",
                        "der", "van", "el", "al", "bin", "sur", "am", "an", "upon", "on", "na"})
#: words that put a town beside a facility just named ("X, near Bordeaux", "dekat", "под")
_NEAR_WORDS = frozenset(
    cue_key_of(w)
    for w in (
        "near",
        "dekat",
        "près",
        "cerca",
        "perto",
        "nahe",
        "bei",
        "под",
        "около",
        "вблизи",
        "близ",
        "возле",
        "недалеко",
        "рядом",
        "у",
        "outside",
        "vicino",
        "presso",
        "junto",
    )
    if cue_key_of(w)
)

#: words after a name that make it a region, written in lower case too ("Rostov region")
_ADMIN_WORDS = frozenset(
    {"region", "oblast", "province", "krai", "district", "county", "prefecture", "provinsi",
     "kabupaten", "pulau", "kota", "prefektur", "departement", "estado", "provincia",
     "governorate", "regency", "raion", "rajon", "voivodeship", "state", "oblasti"}
)
#: words that make a name an organisation's (a fleet, an army), not a facility's
_ORGANISATION_WORDS = frozenset(
    {"flet", "armada", "flote", "flota", "frota", "flot", "comand", "division",
     "regiment", "brigade", "group", "force", "forces", "corps", "district", "arme", "kommand"}
)
#: the same words in their cue form (Russian stems: "крае", "края" -> "kra"; "области")
_ADMIN_CUES = frozenset(
    {"kra", "oblast", "raion", "respublik", "okrug", "provinsi", "okean", "mor", "zaliv"}
)
#: a context word counts for a town named this many words away, at most
CONTEXT_WINDOW = 12
#: a venue named like a facility is that facility's town when it lies this close to it
NAMED_AFTER_KM = 30.0
#: a facility phrase's town outside the article's countries must be at least this big, and
#: called by the name as written (not only by one of its alternate names)
FOREIGN_TOWN_MIN_POPULATION = 5_000
#: a known facility of a phrase's type this close to the town the phrase names is that one
NEAR_FACILITY_KM = 12.0
_CUE_WINDOW = 3
#: a reference facility this close to a curated one of the same type is that one
CURATED_RADIUS_KM = 10.0
_VENUE_GAP = 7  # characters between a facility phrase and its venue: " di ", ", en ", ", à "
#: an ICAO code right after a phrase: "Lanud Iswahjudi (WARI)", "Shayrat Air Base (ICAO: OS65)"
_ICAO_AFTER = re.compile(r"\s*[(\[]\s*(ICAO\s*:?\s*)?([A-Z0-9]{4})\s*[)\]]")


@dataclass
class _Sentence:
    start: int
    end: int
    toks: list[Token]
    covered: list[bool]
    #: facility types suggested anywhere in the sentence: type -> [(word index, cue as written)]
    context: dict[FacilityType, list[tuple[int, str]]] | None = None
    #: lower-case words that may stand inside a name in this article's language
    particles: frozenset[str] = frozenset()
    #: prepositions that put a venue after them in this article's language ("di Almaty" in
    #: Indonesian; Italian "di" is "of": "Pratica di Mare" is no venue "Mare")
    venue_preps: frozenset[str] = frozenset()
    #: the same, compared as written (folded, French "à" and Italian "a" are the article "a")
    venue_written: frozenset[str] = frozenset()
    #: the sentence before, whose words may say what a town here stands for
    prev: _Sentence | None = None
    #: each word's cue form (``toks[k].cue``), listed once for the scans that read them all
    words: list[str] = field(default_factory=list)
    #: where a lexicon key may start (``words[a]`` in ``Lexicon.starts``): the only places
    #: the cue scans need to look at
    starts: list[int] = field(default_factory=list)
    #: the sentence's type cues as ``(first word, end, type)``, the words inside any of them
    #: and where a generic cue ("base") stands: found once, read by every name's cue check
    typed: tuple[list[tuple[int, int, FacilityType]], set[int], list[int]] | None = None
    #: first words of names written in quotation marks with no type cue before them
    #: ("«Пермь» станет...", "the „Bremen“ sailed"): a ship's, firm's or exercise's name
    quoted: frozenset[int] = frozenset()
    #: the sentence's words of shipbuilding and of basing as ``(first word, end, type)``,
    #: found once (see ``_Linking._roles``)
    roles: list[tuple[int, int, FacilityType]] | None = None
    #: ids of the facilities named so far in the article, one set shared by its sentences:
    #: a town named again stands for the facility already named there
    named: set[str] = field(default_factory=set)
    #: the index after the last word of each facility named in this sentence (not a company
    #: acting): "the Jiangnan shipyard in Shanghai" reads "in" right after one
    named_ends: set[int] = field(default_factory=set)
    #: the same ends, with the type of the facility named there: a town joined to it by
    #: "and" or a comma ("the air bases at Lakenheath and Mildenhall") shares its cue
    ended_types: dict[int, FacilityType] = field(default_factory=dict)
    #: the countries the article names, shared by its sentences, read on demand (see
    #: ``_Venues._stray_abroad``); empty until then
    article_countries: dict[str, set[str]] = field(default_factory=dict)
    #: keys of words the article has written as a person's surname ("генерал-майор Олег
    #: Жуковский"), shared by its sentences: the word alone later is that person again
    surnames: set[str] = field(default_factory=set)


class _Stage:
    """What every stage of the extractor shares: the knowledge and the caches.

    The extractor is one object built of stages, one module each, in the order the text flows
    through them (see :mod:`facmap.extract`); each stage may use the ones before it. The
    attributes are set once by :class:`facmap.extract.Extractor`.
    """

    gaz: Gazetteer
    lex: Lexicon
    rules: tuple[Rule, ...]
    refs: ReferenceIndex
    #: the gazetteer's alias index plus the facilities' core names (see candidates)
    index: dict[str, list[AliasHit]]
    prefixes: frozenset[str]
    _pools: dict[tuple[str, int, float], list[str]]
    _keys_by_start: dict[tuple[str, int], list[str]]
    _pattern_table: dict[str, bool]
    _ship_table: dict[str, bool]
    #: the lexicon's arms makers ("navalgroup"), for the prefix-bounded phrase scan
    _company_table: dict[str, bool]
    _town_cue_last: frozenset[str]
    _town_keys: dict[str, frozenset[str]]
    _fuzzy_cache: dict[tuple[str, float], tuple[str, float] | None]
    _by_type: dict[FacilityType, list[GazetteerEntry]]
    _near_cache: dict[tuple[FacilityType, int], tuple[str, float] | None]
    _curated_cache: dict[str, str | None]
    _core_cache: dict[str, frozenset[str]]
    #: each arms maker's plants and yards, by the maker's lexicon key (built on first use)
    _sites_by_company: dict[str, list[GazetteerEntry]] | None
    _ref_cache: dict[tuple[Any, ...], Resolution]

    def _joinable(self, text: str, toks: Sequence[Token], i: int, n: int) -> bool:
        for k in range(i, i + n - 1):
            a, b = toks[k].end, toks[k + 1].start
            if b - a > 3:
                return False
            gap = text[a:b]
            joins = _GAP_JOINS.get(gap)
            if joins is None:
                joins = _GAP_JOINS[gap] = _GAP.fullmatch(gap) is not None
            if not joins:
                return False
        return True

    def _town_cue_before(self, toks: Sequence[Token], i: int) -> bool:
        return self._cue_before(toks, i, self.lex.town_cues)

    def _region_cue_before(self, toks: Sequence[Token], i: int) -> bool:
        """Whether a region word stands right before word ``i`` ("Kabupaten Malang")."""
        return self._cue_before(toks, i, self.lex.region_cues)

    @staticmethod
    def _cue_before(toks: Sequence[Token], i: int, cues: frozenset[str]) -> bool:
        for w in (1, 2, 3):
            if i - w >= 0:
                key = "".join(t.cue for t in toks[i - w : i])
                if key in cues:
                    return True
        return False

    def _mention(
        self,
        article: Article,
        s: _Sentence,
        fid: str,
        start: int,
        end: int,
        match: str,
        score: float,
        *,
        reasoning: str = "",
        rule: str = "",
        place_name: str = "",
        via: str = "",
        reference: str = "",
    ) -> Mention:
        extra = {"rule": rule} if rule else {}
        if via:
            extra["via"] = via
        if place_name:
            extra["place_name"] = place_name
        if reference:
            extra["reference"] = reference
        return Mention(
            article_id=article.meta.id,
            facility_id=fid,
            surface=article.text[start:end],
            excerpt=article.text[s.start : s.end],
            start=start,
            end=end,
            sentence_start=s.start,
            match=match,
            score=round(score, 3),
            reasoning=reasoning,
            extra=extra,
        )


#: how many characters before a town the lexicon's phrases that end at it are looked for in
#: ("a course at the University of", "marines of the 2nd battalion from", "Wali Kota")
PHRASE_REACH = 80


def phrase_ends_at(pattern: re.Pattern[str] | None, text: str, s: _Sentence, j: int) -> bool:
    """Whether a lexicon phrase (``pattern``, anchored at its end) ends where word ``j`` starts.

    Looked for in the :data:`PHRASE_REACH` characters before the word, within its sentence: the
    phrases are short, and searching the whole sentence for each town would be slow.
    """
    if pattern is None:
        return False
    start = s.toks[j].start
    return pattern.search(text, max(s.start, start - PHRASE_REACH), start) is not None


def looks_like_given_name(word: str) -> bool:
    """Whether a word is written as a given name is: a capital, then lower case ("Dmitry").

    Shared by the surname checks of the sentence stage and the linker, so both read "Marco
    Brindisi" and "полковник Дмитрий Борисоглебский" alike.
    """
    return len(word) > 1 and word[0].isupper() and word[1:].islower()


def text_is_capitalised(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins with a capital (or a digit: "102nd base")."""
    ch = text[start]
    # scripts without case (Chinese, Arabic, Persian...) cannot mark a name: any letter counts
    return ch.isupper() or ch.isdigit() or (ch.isalpha() and ch.lower() == ch.upper())
