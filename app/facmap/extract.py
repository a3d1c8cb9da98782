"""Find the facilities (and venue places) an article names or implies, sentence by sentence.

Matching works on normalised words (see :mod:`facmap._text`), so one alias list covers case,
diacritics, hyphen/space/joined variants, Cyrillic and transliteration systems. Misspellings are
caught by fuzzy matching, which is strict on its own and more lenient only when a cue word of
the same facility type stands next to the name ("Pletersk Cosmodrome"). Nothing outside the
article body (teasers of other articles) is read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from ._text import Token, is_cyrillic, key_of, name_variants, tokens
from .article import sentences
from .gazetteer import AliasHit, Gazetteer, Lexicon, load_gazetteer, load_lexicon
from .geo import distance_km
from .inference import load_rules
from .places import FACILITY_COUNTRY_SPAN, Place, lookup_place, place_index, plain_name
from .secondary import CUE_COUNTRIES, MILITARY_AIR_CUES, Reference, Resolution, reference_index
from .types import Article, FacilityType, GazetteerEntry, Mention

__all__ = ["Extractor", "extract"]

#: a fuzzy match with no supporting cue must be at least this similar (0-100)
FUZZY_STRICT = 88.0
#: with a cue of the same facility type beside the name
FUZZY_WITH_CUE = 74.0
#: ... and then either this similar or at most two edits away
FUZZY_CUE_CLOSE = 85.0
#: venues are towns of at least this population ("di Almaty"), so stray capitalised words that
#: happen to name a hamlet somewhere are not mapped
VENUE_MIN_POPULATION = 15_000
#: lengths a key must have, relative to a word's, to be at least FUZZY_WITH_CUE similar
_C = FUZZY_WITH_CUE / 100
_LEN_SPAN = (_C / (2 - _C), (2 - _C) / _C)
_GAP = re.compile(r"[\s\-‐‑–'’.]{0,3}")
#: between a ship prefix and the ship's name: spaces and quotes ("фрегат «Адмирал Горшков»")
_SHIP_GAP = re.compile(r"[\s«»\"“”„'’‘]{1,4}")
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
    #: the sentence before, whose words may say what a town here stands for
    prev: _Sentence | None = None


class Extractor:
    """Reusable extractor: holds the gazetteer, lexicon, rules, reference lists, fuzzy cache.

    Build one and call :meth:`extract` for each article; the caches make a stream of articles
    fast (most capitalised words recur across news articles).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> None:
        self.gaz = gazetteer if gazetteer is not None else load_gazetteer()
        self.lex = lexicon if lexicon is not None else load_lexicon()
        self.rules, _ = load_rules()
        self.index, self.prefixes = self._with_core_names()
        self._pools: dict[tuple[str, int], list[str]] = {}
        self._keys_by_start: dict[tuple[str, int], list[str]] = {}
        for k in self.index:
            self._keys_by_start.setdefault((k[0], len(k)), []).append(k)
        # every facility-phrase cue, whatever its word order, for one prefix-bounded scan
        self._pattern_table = {k: True for table in self.lex.patterns.values() for k in table}
        self._ship_table = dict.fromkeys(self.lex.ship_prefixes, True)
        self._town_cue_last = self.lex.town_cue_last
        self._town_keys = {
            e.id: frozenset(key_of(a) for a in e.town_aliases) for e in self.gaz.entries.values()
        }
        self._fuzzy_cache: dict[str, tuple[str, float] | None] = {}
        self._by_type: dict[FacilityType, list[GazetteerEntry]] = {}
        for e in self.gaz.entries.values():
            self._by_type.setdefault(e.type, []).append(e)
        self._near_cache: dict[tuple[FacilityType, int], tuple[str, float] | None] = {}
        self._curated_cache: dict[str, str | None] = {}
        self._core_cache: dict[str, frozenset[str]] = {}
        # airfields and launch sites for facility phrases the gazetteer lacks: loaded here, once,
        # so the first article that needs them does not pay for it
        self.refs = reference_index()
        self._ref_cache: dict[tuple[Any, ...], Resolution] = {}

    def _with_core_names(self) -> tuple[dict[str, list[AliasHit]], frozenset[str]]:
        """Return the gazetteer's alias index plus each facility's core name, town-like.

        Articles name a facility by the distinctive word of its name: "Holston, the Tennessee
        plant" (Holston Army Ammunition Plant), "Ellsworth will be the first B-21 base"
        (Ellsworth Air Force Base). That word, left when the cue words are taken out of an
        alias, counts like a town's name: only with a word of the facility's type beside it or
        in the sentence. Cores that are already an alias, a never-word, shorter than four
        letters, or the name of a city of 100,000 people are left out.
        """
        index = {k: list(v) for k, v in self.gaz.index.items()}
        lex = self.lex
        added: dict[str, list[AliasHit]] = {}
        for e in self.gaz.entries.values():
            for alias in (e.name, *e.aliases):
                toks = list(tokens(alias))
                core = [
                    t for t in toks if t.cue not in lex.cue_tokens and t.cue not in lex.generic_cues
                ]
                if not core or len(core) == len(toks) or all(t.norm.isdigit() for t in core):
                    continue
                key = "".join(t.norm for t in core)
                if len(key) < 4 or key in index or key in lex.never or key in lex.type_cues:
                    continue
                if not all(alias[t.start].isupper() or t.norm.isdigit() for t in core):
                    continue  # "the main base": no proper name left
                if any(t.norm in lex.name_parts or t.norm in lex.never for t in core) or any(
                    t.cue in _ORGANISATION_WORDS for t in toks
                ):
                    continue  # "Armada Utara" is the fleet, "Tengah" also "central"
                hits = added.setdefault(key, [])
                if not any(h.entry_id == e.id for h in hits):
                    hits.append(AliasHit(e.id, alias, True, core=True))
        for key, hits in added.items():
            big = any(p.population >= 100_000 for p in place_index().get(key, ()))
            if not big:
                index[key] = hits
        prefixes = frozenset(k[:n] for k in index for n in range(1, len(k)))
        return index, prefixes

    # -- public -------------------------------------------------------------------------------
    def extract(self, article: Article) -> list[Mention]:
        """Return the mentions of ``article``, in text order.

        Each mention's ``surface`` is ``article.text[start:end]`` and its ``excerpt`` the whole
        sentence. Named facilities come first in a sentence's consideration; inferred ones are
        added after, and places last.
        """
        text = article.text
        out: list[Mention] = []
        sents: list[_Sentence] = []
        # Indonesian "di" is "at" ("Lanud Iswahjudi di Madiun"), not Italian "Pratica di Mare"
        lang = article.meta.language.split("-")[0].lower()
        particles = _PARTICLES - {"di"} if lang in {"id", "ms", ""} else _PARTICLES
        for s0, s1 in sentences(text, 0, article.body_end):
            toks = list(tokens(text, s0, s1))
            sent = _Sentence(s0, s1, toks, [False] * len(toks), particles=particles)
            sent.prev = sents[-1] if sents else None
            self._cover_ship_names(text, sent)
            sents.append(sent)
        for s in sents:
            out.extend(self._named(article, s))
        named_ids = {m.facility_id for m in out if "core" not in m.extra}
        countries = {self.gaz[i].country for i in named_ids if i in self.gaz.entries}
        # a facility named only by the core of its name, linked by words further away, must
        # be in a country the article's other facilities are in ("Ramon" the person in an
        # article on Tajikistan is not Israel's Ramon Air Base)
        out = [
            m
            for m in out
            if m.extra.pop("core", "") != "far"
            or not countries
            or self._country_of(m.facility_id) in countries
        ]
        for s in sents:
            out.extend(self._inferred(article, s))
            out.extend(self._patterns(article, s, countries))
        # an airfield or launch site placed from a reference list tells where the article is too
        countries |= {
            self.refs.get(m.facility_id[4:]).country
            for m in out
            if m.match == "secondary" and m.facility_id.startswith("ref:")
        }
        for s in sents:
            out.extend(self._venues(article, s, countries))
        out = self._drop_duplicate_venues(out)
        out.sort(key=lambda m: (m.start, m.end, m.facility_id))
        return out

    def _drop_duplicate_venues(self, mentions: list[Mention]) -> list[Mention]:
        """Drop venue places that only restate where a mentioned facility is.

        "At Tartus, the frigate..." after "the naval facility in Tartus" names the facility's
        town, not a second location. So does the venue right after an airfield or launch-site
        phrase, any facility's ("Lanud Iswahjudi di Madiun", "Base Aérea de Morón, en Sevilla"):
        the facility has its own point, the town only says where it is. A meeting city stays.
        Places named with a town cue ("the town of Plesetsk") are explicit and kept.
        """
        towns: set[str] = set()
        gids: set[str] = set()
        ends: set[int] = set()
        found: set[str] = set()
        for m in mentions:
            if m.facility_id.startswith("place:"):
                continue
            ends.add(m.end)  # "Base Aérea de Morón, en Sevilla": the town says where it is
            if m.facility_id in self.gaz.entries:
                towns.update(self._town_keys[m.facility_id])
                found.add(m.facility_id)
            elif m.facility_id.startswith("unlisted:"):
                gids.add(m.facility_id.rsplit(":", 1)[1])

        def restates(m: Mention) -> bool:
            qualifies = any(e in ends for e in range(m.start - _VENUE_GAP, m.start))
            key = key_of(m.surface)
            named_after = any(
                key in self._core_keys(f)
                and self._is_near(m, (self.gaz[f].lat, self.gaz[f].lon), NAMED_AFTER_KM)
                for f in found
            )
            return qualifies or key in towns or named_after or m.facility_id.split(":")[1] in gids

        return [m for m in mentions if not (m.extra.get("via") == "venue" and restates(m))]

    def _cue_touches(self, s: _Sentence, i: int, n: int) -> bool:
        """Whether a cue word stands right next to words ``i:i+n`` ("Holston plant")."""
        toks, lex = s.toks, self.lex
        near = [k for k in (i - 1, i + n) if 0 <= k < len(toks)]
        return any(toks[k].cue in lex.cue_tokens for k in near)

    def _inside_longer_name(self, text: str, s: _Sentence, i: int, n: int) -> bool:
        """Whether words ``i:i+n`` run on into other capitalised words (not cue words).

        "Talisman Sabre" is an exercise, "Engels Street" a street: the town or facility name
        inside them is not meant. A sentence's first word and cue words ("Lanud", "Air Base")
        do not count.
        """
        toks, lex = s.toks, self.lex

        def name_word(k: int) -> bool:
            t = toks[k]
            return (
                text[t.start].isupper()
                and t.cue not in lex.cue_tokens
                and t.cue not in lex.generic_cues
                and t.norm not in lex.never
                and not t.norm.isdigit()
            )

        before = i > 1 and self._joinable(text, toks, i - 1, 2) and name_word(i - 1)
        # "Комсомольске-на-Амуре", "Rostov-on-Don": a particle between two name words
        before = before or (
            i > 1
            and toks[i - 1].norm in _PARTICLES
            and text[toks[i - 2].end : toks[i - 1].start] in _HYPHENS
            and text[toks[i - 1].end : toks[i].start] in _HYPHENS
            and text[toks[i - 2].start].isupper()
        )
        after = (
            i + n < len(toks) and self._joinable(text, toks, i + n - 1, 2) and name_word(i + n)
        )
        return before or after

    def _core_keys(self, fid: str) -> frozenset[str]:
        """Keys of a facility's names without their cue words ("Anápolis Air Base" -> anapolis).

        A venue called that only repeats where the facility is ("Gripens chegam a Anápolis"
        before "Base Aérea de Anápolis").
        """
        if fid not in self._core_cache:
            e = self.gaz[fid]
            keys = set()
            for alias in (e.name, *e.aliases):
                words = [t for t in tokens(alias) if t.cue not in self.lex.cue_tokens]
                if words and not all(t.norm.isdigit() for t in words):
                    keys.add("".join(t.norm for t in words))
            self._core_cache[fid] = frozenset(keys)
        return self._core_cache[fid]

    # -- ships ---------------------------------------------------------------------------------
    def _cover_ship_names(self, text: str, s: _Sentence) -> None:
        """Mark ships' names as covered: they are never facilities or places.

        Warships are named after towns and people ("the frigate Admiral Grigorovich", "USS
        Dover", "KRI Bung Karno", "подлодка «Казань»", "Kazan-class"). The capitalised words
        right after a ship prefix, and a name right before a class word, are a ship. A prefix
        that ends a facility cue ("pangkalan kapal selam Teluk Ratai") is no prefix.
        """
        toks, lex = s.toks, self.lex
        words = [t.cue for t in toks]
        for a in range(len(toks)):
            if words[a] not in lex.starts:
                continue
            found = lex.phrases_at(words, a, self._ship_table, lex.ship_words)
            if not found or (a > 0 and words[a - 1] in lex.cue_tokens):
                continue
            j = a + max(w for w, _ in found)
            k = j
            while k < len(toks) and k - j < 4:
                t = toks[k]
                if not (text[t.start].isupper() or (k > j and t.norm.isdigit())):
                    break
                if not _SHIP_GAP.fullmatch(text, toks[k - 1].end, t.start):
                    break
                k += 1
            for m in range(j, k):
                s.covered[m] = True
        for c in range(1, len(toks)):
            if words[c] in lex.class_words and text[toks[c - 1].start].isupper():
                s.covered[c - 1] = True

    # -- context -------------------------------------------------------------------------------
    def _context(self, text: str, s: _Sentence) -> dict[FacilityType, list[tuple[int, str]]]:
        """Facility types the sentence suggests, with where and how (computed once a sentence).

        Both the type cues and the weaker context words count ("home to a bomber regiment",
        "the piers at", "submarines returned to").
        """
        if s.context is None:
            ctx: dict[FacilityType, list[tuple[int, str]]] = {}
            words = [t.cue for t in s.toks]
            lex = self.lex
            for a in range(len(words)):
                if words[a] not in lex.starts:
                    continue
                for table, longest in (
                    (lex.context_cues, lex.context_words),
                    (lex.type_cues, lex.cue_words),
                ):
                    for w, t in lex.phrases_at(words, a, table, longest):
                        cue = text[s.toks[a].start : s.toks[a + w - 1].end]
                        ctx.setdefault(t, []).append((a, cue))
            s.context = ctx
        return s.context

    def _link_town(
        self, text: str, s: _Sentence, i: int, n: int, hits: list[AliasHit]
    ) -> tuple[AliasHit, str, bool] | None:
        """Choose the facility a town name stands for, and say why, or None if nothing does.

        A town the gazetteer lists for a facility ("Engels", "Mozdok", "Vidyaevo") is that
        facility when a cue of the facility's type stands next to it ("Engels air base"), a
        cue of any facility stands next to it ("the base at Engels"), or a word of the type is
        in the same sentence within :data:`CONTEXT_WINDOW` words ("Mozdok, home to a bomber
        regiment"; "submarines returned to Vidyaevo"). Otherwise it stays a town.
        """
        toks = s.toks
        if (
            i + n < len(toks)
            and (toks[i + n].norm in _ADMIN_WORDS or toks[i + n].cue in _ADMIN_CUES)
            and self._joinable(text, toks, i + n - 1, 2)
        ):
            return None  # "в Хабаровском крае", "Rostov region": the region, not the town
        if self._inside_longer_name(text, s, i, n):
            return None  # "Talisman Sabre", "Engels Street": part of another name
        cues, generic = self._cues_near(toks, i, n)
        typed = [h for h in hits if self.gaz[h.entry_id].type in cues]
        if typed:
            return typed[0], "a cue of its type beside the name", True
        if generic and len(hits) == 1:
            return hits[0], "a facility word beside the name", False
        ctx = self._context(text, s)
        best: tuple[int, AliasHit, str] | None = None
        for h in hits:
            for pos, cue in ctx.get(self.gaz[h.entry_id].type, ()):
                d = pos - (i + n) if pos >= i + n else i - pos
                if pos >= i and pos < i + n:
                    continue
                if d <= CONTEXT_WINDOW and (best is None or d < best[0]):
                    best = (d, h, cue)
        if best is None and len(hits) == 1 and s.prev is not None:
            # "... Yars divisions ... Regiments stationed near Teykovo": the sentence before
            # says which kind of facility the town stands for (one candidate only)
            h = hits[0]
            prev = self._context(text, s.prev).get(self.gaz[h.entry_id].type, ())
            if prev:
                return h, f"the word {prev[-1][1]!r} in the sentence before", False
        if best is None:
            return None
        return best[1], f"the word {best[2]!r} in the sentence", False

    # -- named facilities ---------------------------------------------------------------------
    def _named(self, article: Article, s: _Sentence) -> list[Mention]:
        text, toks = article.text, s.toks
        prefixes, index = self.prefixes, self.index
        found: list[Mention] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            # most words start no alias (checked inline: this loop sees every word)
            starts = t.norm in prefixes or t.norm in index or t.cue != t.norm
            hit = None if s.covered[i] or not starts else self._exact_at(text, toks, i)
            if hit is None:
                i += 1
                continue
            n, alias_hits = hit
            m = self._resolve_exact(article, s, i, n, alias_hits)
            if m is not None:
                found.append(m)
                for k in range(i, i + n):
                    s.covered[k] = True
            i += n
        for i in range(len(toks)):
            if s.covered[i] or not text[toks[i].start].isupper():
                continue
            fm = self._fuzzy_at(article, s, i)
            if fm is not None:
                m, n = fm
                found.append(m)
                for k in range(i, i + n):
                    s.covered[k] = True
        return found

    def _joinable(self, text: str, toks: Sequence[Token], i: int, n: int) -> bool:
        return all(
            _GAP.fullmatch(text, toks[k].end, toks[k + 1].start) for k in range(i, i + n - 1)
        )

    def _exact_at(
        self, text: str, toks: Sequence[Token], i: int
    ) -> tuple[int, list[AliasHit]] | None:
        """Longest alias starting at token ``i``; stops once no alias has the key as prefix."""
        first = toks[i]
        cyrillic = is_cyrillic(text[first.start])
        norm = first.norm
        if not cyrillic and norm not in self.prefixes and norm not in self.index:
            return None  # most words start no alias: no need to grow a phrase
        best: tuple[int, list[AliasHit]] | None = None
        live = [""]
        for n in range(1, min(self.gaz.max_words, len(toks) - i) + 1):
            tok = toks[i + n - 1]
            if n > 1 and not self._joinable(text, toks, i + n - 2, 2):
                break
            # a Cyrillic name may be declined: try its nominative forms too ("в Североморске")
            forms = name_variants(text[tok.start : tok.end]) if is_cyrillic(text[tok.start]) else (
                tok.norm,
            )
            grown = []
            for key in live:
                for form in forms:
                    k = key + form
                    hits = self.index.get(k)
                    if hits and (best is None or best[0] < n):
                        best = (n, hits)
                    if k in self.prefixes:
                        grown.append(k)
            if not grown:
                break
            live = grown
        return best

    def _cues_near(
        self, toks: Sequence[Token], i: int, n: int, covered: Sequence[bool] = ()
    ) -> tuple[set[FacilityType], bool]:
        """Facility types named by cue words that touch the window of words around a name.

        A cue counts when any of its words lies within :data:`_CUE_WINDOW` words of the name
        ("uji coba nuklir di Novaya Zemlya", "Okno optical space-surveillance station") and
        none lies inside the name itself, nor in ``covered`` words (a cue that is part of
        another facility's name, "F-16 Falcon di Pangkalan Udara Osan", names that one). The
        flag says whether a cue of any facility ("base", "pangkalan", "объект") is there too.
        """
        found: set[FacilityType] = set()
        generic = False
        lo, hi = max(0, i - _CUE_WINDOW), min(len(toks), i + n + _CUE_WINDOW)
        words = [t.cue for t in toks]
        lex = self.lex
        for a in range(max(0, lo - lex.cue_words + 1), hi):
            if words[a] not in lex.starts:
                continue
            for w, t in lex.phrases_at(words, a, lex.type_cues, lex.cue_words):
                b = a + w
                if b <= lo or (a < i + n and b > i) or any(covered[a:b]):
                    continue
                found.add(t)
            if lo <= a < hi and not (i <= a < i + n) and words[a] in lex.generic_cues:
                generic = True
        return found, generic

    def _country_of(self, fid: str) -> str:
        """Country of a curated (``id``) or reference (``ref:id``) facility."""
        if fid.startswith("ref:"):
            return self.refs.get(fid[4:]).country
        return self.gaz[fid].country

    @staticmethod
    def _country_cue(text: str, s: _Sentence, i: int) -> str:
        """Return the country a force's cue right before word ``i`` implies (RAAF Base X: AU)."""
        start = s.toks[i].start
        m = _COUNTRY_CUE.search(text, max(s.start, start - 24), start)
        return _CUE_COUNTRY[m.group("cue").split()[0].lower()] if m else ""

    def _town_cue_before(self, toks: Sequence[Token], i: int) -> bool:
        for w in (1, 2):
            if i - w >= 0:
                key = "".join(t.cue for t in toks[i - w : i])
                if key in self.lex.town_cues:
                    return True
        return False

    def _resolve_exact(
        self, article: Article, s: _Sentence, i: int, n: int, hits: list[AliasHit]
    ) -> Mention | None:
        toks = s.toks
        start, end = toks[i].start, toks[i + n - 1].end
        surface = article.text[start:end]
        if self._town_cue_before(toks, i):
            # "kota Baikonur": the town, not the cosmodrome of the same name
            entry = self.gaz[hits[0].entry_id]
            return self._place(
                article,
                s,
                start,
                end,
                prefer=(entry.country,),
                min_pop=0,
                near=(entry.lat, entry.lon),
                via="town",
            )
        cues, _ = self._cues_near(toks, i, n)
        if country := self._country_cue(article.text, s, i):
            hits = [h for h in hits if self.gaz[h.entry_id].country == country]
            if not hits:
                return None  # another country's namesake: the phrase is left to the lists
        if not surface.isupper():
            hits = [h for h in hits if not h.acronym]
            if not hits:
                return None
        if not text_is_capitalised(article.text, start):
            # a town's name is written capitalised: "des" (French) is not Dyess
            hits = [h for h in hits if not h.town]
            if not hits:
                return None
        named = [h for h in hits if not h.town]
        link, beside = "", True
        if named:
            # a facility's own name: prefer the one whose type agrees with a nearby cue
            best = sorted(named, key=lambda h: self.gaz[h.entry_id].type not in cues)[0]
        else:
            chosen = self._link_town(article.text, s, i, n, hits)
            if chosen is None:
                return None  # a bare town name: a venue at most, decided by the venue pass
            best, link, beside = chosen
        # a town named with its facility's own cue reads as the facility's name ("Engels air
        # base"); linked by words further away, it is a judgement: `linked`, with the words
        match = ("exact" if surface == best.alias else "variant") if beside else "linked"
        m = self._mention(article, s, best.entry_id, start, end, match, 1.0)
        if best.core and not self._cue_touches(s, i, n):
            m.extra["core"] = "far"
        if link:
            what = (
                f"{surface!r} is the distinctive part of its name {best.alias!r}"
                if best.core
                else f"{best.alias!r} is the town of the facility"
            )
            m.extra["linked_by"] = f"{what}; {link}"
        return m

    # -- misspellings -------------------------------------------------------------------------
    def _fuzzy_at(self, article: Article, s: _Sentence, i: int) -> tuple[Mention, int] | None:
        toks, text = s.toks, article.text
        best: tuple[float, int, AliasHit, str, bool] | None = None
        for n in (1, 2, 3):  # the best-scoring window wins; on a tie, the shorter one
            far = False
            if i + n > len(toks) or any(s.covered[i : i + n]):
                continue
            # a name is written capitalised: "Voronezh-DM yang" is a name and a common word
            if not all(text[t.start].isupper() or t.norm.isdigit() for t in toks[i : i + n]):
                continue
            if not self._joinable(text, toks, i, n):
                continue
            # a window holding a cue word scores the shared cue, not the name: "Pangkalan
            # Udara Kunsan" is 90% like "Pangkalan Udara Kant". Misspelt names are compared alone.
            if any(t.cue in self.lex.cue_tokens for t in toks[i : i + n]):
                continue
            key = "".join(t.norm for t in toks[i : i + n])
            if len(key) < 6 or key in self.lex.never or key in self.lex.type_cues:
                continue
            cand = self._best_key(key)
            if cand is None:
                continue
            ckey, score = cand
            hits = self.index[ckey]
            if country := self._country_cue(text, s, i):
                hits = [h for h in hits if self.gaz[h.entry_id].country == country]
                if not hits:
                    continue
            cues, _ = self._cues_near(toks, i, n, s.covered)
            # a bare alias plus or minus an ending ("Plesetsky" district, a surname) is another
            # name, not a misspelling: only a cue beside it makes it the facility
            affix = key.startswith(ckey) or ckey.startswith(key)
            # one letter wrong, missing, extra or two swapped ("Plesetks", "Engles")
            one_off = not affix and OSA.distance(key, ckey) <= 1
            # ... of a one-word name: "Maxar" is no misspelt "Maks AAF"
            one_word = all(len(h.alias.split()) == 1 for h in hits)
            # beside a cue of its type a name may be further off ("Pletersk Cosmodrome"), but
            # not another name that shares a stem ("galangan kapal Zvezda" is not Zvezdochka)
            near = score >= FUZZY_CUE_CLOSE or OSA.distance(key, ckey) <= 2
            typed = [
                h
                for h in hits
                if self.gaz[h.entry_id].type in cues
                and near
                and (not h.town or (one_off and one_word and len(key) >= 5))
            ]
            close = score >= FUZZY_STRICT and len(key) >= 7
            # without a cue, one letter off a name of seven letters or more ("Plesetks"):
            # shorter words one letter off a name are too often words ("Falcon", "Fallon")
            strict_ok = (close or (one_off and one_word and len(key) >= 7)) and not affix
            if strict_ok and not all(h.town for h in hits) and not self._is_town(text, toks, i, n):
                hit = next(h for h in hits if not h.town)
            elif typed:
                hit = typed[0]
            elif (
                one_off
                and len(key) >= 6
                and (linked := self._link_town(text, s, i, n, [h for h in hits if h.town]))
                and not self._is_town(text, toks, i, n)
            ):
                # "cycled through Anderson" (Andersen): one letter off a town-like name, with
                # a word of its type in the sentence (and, checked later, in a country the
                # article's other facilities are in: "Rahmon" is not Ramon Air Base)
                hit = linked[0]
                far = True
            else:
                continue
            if best is None or score > best[0]:
                best = (score, n, hit, ckey, far)
        if best is None:
            return None
        score, n, hit, ckey, far = best
        a, b = self._with_cue(text, s, i, i + n, self.gaz[hit.entry_id].type)
        if (a, b) != (i, i + n):
            # the score reported is how close the phrase as written is to the facility's name
            # written the same way ("Pletersk Cosmodrome" vs "Plesetsk Cosmodrome"); the
            # decision above was taken on the name alone, which is stricter
            norms = [t.norm for t in toks]
            target = "".join(norms[a:i]) + ckey + "".join(norms[i + n : b])
            score = fuzz.ratio("".join(norms[a:b]), target)
        start, end = toks[a].start, toks[b - 1].end
        m = self._mention(article, s, hit.entry_id, start, end, "fuzzy", score / 100)
        if far:
            m.extra["core"] = "far"
        return m, b - i

    def _is_town(self, text: str, toks: Sequence[Token], i: int, n: int) -> bool:
        """Whether the words are, as written, the name of a town somewhere (GeoNames).

        A word one letter away from a facility's name is a misspelling only if it is not a
        real name of its own: "Mirnyy" is a town, not a misspelt "Mirny".
        """
        return key_of(text[toks[i].start : toks[i + n - 1].end]) in place_index()

    def _with_cue(
        self, text: str, s: _Sentence, a: int, b: int, ftype: FacilityType
    ) -> tuple[int, int]:
        """Widen the name ``toks[a:b]`` by a cue of its own type right before or after it.

        The name is matched alone, but the surface shown to the analyst is the phrase the
        article wrote: "Pletersk Cosmodrome", "Kosmodrom Plesestk".
        """
        toks, cues, most = s.toks, self.lex.type_cues, self.lex.cue_words
        words = [t.cue for t in toks]
        after = [
            w
            for w, t in self.lex.phrases_at(words, b, cues, most)
            if t == ftype
            and not any(s.covered[b : b + w])
            and self._joinable(text, toks, b - 1, w + 1)
        ]
        if after:
            return a, b + max(after)
        for w in range(min(most, a), 0, -1):
            key = "".join(words[a - w : a])
            if (
                cues.get(key) == ftype
                and not any(s.covered[a - w : a])
                and self._joinable(text, toks, a - w, w + 1)
            ):
                return a - w, b
        return a, b

    def _best_key(self, key: str) -> tuple[str, float] | None:
        if key in self._fuzzy_cache:
            return self._fuzzy_cache[key]
        # misspellings rarely change the first letter, and a key can only reach the cut-off
        # against keys of comparable length (ratio <= 1 - |a - b| / (a + b)): compare those
        first, n = key[0], len(key)
        lo, hi = math.ceil(n * _LEN_SPAN[0]), math.floor(n * _LEN_SPAN[1])
        pool = self._pools.get((first, n))
        if pool is None:
            pool = [k for m in range(lo, hi + 1) for k in self._keys_by_start.get((first, m), ())]
            self._pools[(first, n)] = pool
        res = process.extractOne(
            key, pool, scorer=fuzz.ratio, score_cutoff=FUZZY_WITH_CUE, processor=None
        )
        best = None if res is None else (res[0], float(res[1]))
        self._fuzzy_cache[key] = best
        return best

    # -- inferred -----------------------------------------------------------------------------
    def _inferred(self, article: Article, s: _Sentence) -> list[Mention]:
        out = []
        words = {t.norm for t in s.toks}
        for rule in self.rules:
            if rule.target not in self.gaz.entries or not rule.may_match(words):
                continue
            spans = rule.match(s.toks)
            if spans is None:
                continue
            a, b = spans[0]
            start, end = s.toks[a].start, s.toks[b - 1].end
            out.append(
                self._mention(
                    article,
                    s,
                    rule.target,
                    start,
                    end,
                    "inferred",
                    1.0,
                    reasoning=rule.reasoning,
                    rule=rule.id,
                )
            )
        return out

    # -- facility-like phrases not in the gazetteer ----------------------------------------
    def _patterns(self, article: Article, s: _Sentence, countries: set[str]) -> list[Mention]:
        """Find "Pangkalan Udara X", "X Air Base", "naval facility at X" for unknown X.

        They are shown, never dropped. An air base with a military cue or a launch site is
        first looked up in the reference lists (airfields, GCAT launch sites: see
        :meth:`_reference`); otherwise it is placed at the town X names (GeoNames) with a wide
        precision and flagged for review, or, when no town of that name is known offline,
        kept as an unplaced mention for the review panel.
        """
        toks, text = s.toks, article.text
        out: list[Mention] = []
        lex = self.lex
        words = [t.cue for t in toks]
        for a in range(len(toks)):
            if words[a] not in lex.starts:
                continue
            hits = lex.phrases_at(words, a, self._pattern_table, lex.pattern_words)
            for w, _ in reversed(hits):  # longest phrase first
                key = "".join(words[a : a + w])
                b = a + w
                found = self._phrase(text, s, a, b, key)
                if found is None:
                    continue
                ftype, span, wide = found
                ref, note, chosen = None, "", span
                for cand in self._reference_names(wide, before=a >= wide[1]) if wide else ():
                    p0, p1 = min(a, cand[0]), max(b, cand[1])
                    if any(s.covered[p0:p1]):
                        continue
                    name = text[toks[cand[0]].start : toks[cand[1] - 1].end]
                    ref, why = self._reference(ftype, key, name, text, toks[p1 - 1].end, countries)
                    force = self._country_cue(text, s, cand[0])
                    if ref is not None and force and self._country_of(ref) != force:
                        ref, why = None, f"the {force} force's cue rules out {ref}"
                    note = note or why
                    if ref is not None:
                        chosen = cand
                        break
                if chosen is None or (ref is None and key in lex.needs_reference):
                    continue  # "X Space Center": a facility only if a reference list knows X
                n0, n1 = chosen
                p0, p1 = min(a, n0), max(b, n1)
                if any(s.covered[p0:p1]):
                    break
                name = text[toks[n0].start : toks[n1 - 1].end]
                start, end = toks[p0].start, toks[p1 - 1].end
                linked = ""
                if ref is not None:
                    fid, match, score = ref, "secondary", 0.75
                else:
                    place = lookup_place(
                        name, prefer_countries=sorted(countries), country_span=FACILITY_COUNTRY_SPAN
                    )
                    if (
                        place is not None
                        and place.country not in countries
                        and (
                            place.population < FOREIGN_TOWN_MIN_POPULATION
                            or plain_name(place.name) != plain_name(name)
                        )
                    ):
                        # a hamlet of that name abroad is a guess, not a place: "Hanjin
                        # shipyard" is a company's yard, not a village called Hanjin
                        place = None
                    qualifier = None
                    if place is None:
                        # "Ebbing Air National Guard Base in Fort Smith", "Camp X in Gamu":
                        # the town the article names beside the facility says where it is
                        qualifier = self._qualifier_town(text, s, p1, countries)
                        place = qualifier
                    known = self._known_near(ftype, place) if place is not None else None
                    if known is not None:
                        # "the radar station near Pechora": the radar the gazetteer has there
                        fid, match, score = known[0], "linked", 0.75
                        kind = ftype.value.replace("_", " ")
                        linked = (
                            f"a {kind} named by its place; the gazetteer's one "
                            f"{known[1]:.0f} km from {place.name if place else name}"
                        )
                    else:
                        fid = (
                            f"unlisted:{ftype.value}:{place.geonameid}"
                            if place is not None
                            else f"unplaced:{ftype.value}:{'-'.join(t.norm for t in toks[n0:n1])}"
                        )
                        match, score = "pattern", 0.5
                m = self._mention(
                    article, s, fid, start, end, match, score, place_name=name, reference=note
                )
                if linked:
                    m.extra["linked_by"] = linked
                if ref is None and qualifier is not None:
                    m.extra["placed_at"] = f"{qualifier.name}, the town the article names beside it"
                out.append(m)
                for k in range(p0, p1):
                    s.covered[k] = True
                break
        return out

    def _qualifier_town(
        self, text: str, s: _Sentence, j: int, countries: set[str]
    ) -> Place | None:
        """Return the town named right after word ``j`` by a preposition ("in Fort Smith")."""
        toks = s.toks
        if j < len(toks) and toks[j].cue in self.lex.venue_prepositions | self.lex.at_words:
            j += 1
        elif j < len(toks) and text[toks[j - 1].end : toks[j].start].strip() == ",":
            pass  # "Camp X, Gamu"
        else:
            return None
        span = self._name_after(text, s, j)
        if span is None:
            return None
        name = text[toks[span[0]].start : toks[span[1] - 1].end]
        place = lookup_place(name, prefer_countries=sorted(countries), min_population=1_000)
        if place is None or (place.country not in countries and place.population < 15_000):
            return None
        return place

    def _phrase(
        self, text: str, s: _Sentence, a: int, b: int, key: str
    ) -> tuple[FacilityType, tuple[int, int] | None, tuple[int, int] | None] | None:
        """Return the type and name of the phrase whose cue spans words ``a:b``, if it has one.

        Returns the type, the name's word span (capitalised words of three letters or more) and
        a wider span for the reference lists, which also takes short words and numbers ("Bassel
        Al-Assad Air Base", "Lanud El Tari", "Severomorsk-3 Air Base"); None when the cue names
        nothing.
        """
        lex, toks = self.lex, s.toks
        for order in ("before_name", "after_name", "before_at"):
            ftype = lex.patterns[order].get(key)
            if ftype is None:
                continue
            if order == "after_name":
                span, wide = self._name_before(text, s, a), self._name_before(text, s, a, wide=True)
            else:
                j = b
                if order == "before_at":
                    while j < len(toks) and (toks[j].cue in lex.fillers or toks[j].norm.isdigit()):
                        j += 1
                    if j >= len(toks) or toks[j].cue not in lex.at_words:
                        continue
                    j += 1
                    while j < len(toks) and toks[j].cue in lex.articles:
                        j += 1
                span, wide = self._name_after(text, s, j), self._name_after(text, s, j, wide=True)
            if not self._has_reference(ftype, key):
                wide = None
            if span is not None or wide is not None:
                return ftype, span, wide
        return None

    @staticmethod
    def _has_reference(ftype: FacilityType, cue: str) -> bool:
        """Whether a reference list may place a phrase of this type and cue."""
        return ftype == FacilityType.COSMODROME or (
            ftype == FacilityType.AIR_BASE and cue in MILITARY_AIR_CUES
        )

    @staticmethod
    def _reference_names(wide: tuple[int, int], *, before: bool) -> list[tuple[int, int]]:
        """Return the wide name, and without its first word when that word opens the sentence.

        "Yesterday Shayrat Air Base": a capitalised sentence opener must not hide the name from
        the lists. Nothing else is cut: "Tadly-Kurgan Air Base" is not "Kurgan".
        """
        lo, hi = wide
        if before and lo == 0 and hi - lo > 1:
            return [wide, (1, hi)]
        return [wide]

    def _reference(
        self,
        ftype: FacilityType,
        cue: str,
        name: str,
        text: str,
        end: int,
        countries: set[str],
    ) -> tuple[str | None, str]:
        """Place a facility phrase from a reference list: airfields, launch sites.

        Only an air base with a military cue may take an airfield row (most airfields are civil
        airports), and only a launch-site phrase a GCAT launch site. Returns the facility id
        (``ref:<id>``, or the curated id when the curated gazetteer already has a facility of
        that type within :data:`CURATED_RADIUS_KM`) and a note for the mention: which row placed
        it, or why none could when the name was ambiguous (for the reviewer).
        """
        codes: list[str] = []
        explicit = False
        if ftype == FacilityType.AIR_BASE and cue in MILITARY_AIR_CUES:
            if m := _ICAO_AFTER.match(text, end):
                codes, explicit = [m.group(2)], bool(m.group(1))
        elif ftype != FacilityType.COSMODROME:
            return None, ""
        prefer = frozenset(countries | ({CUE_COUNTRIES[cue]} if cue in CUE_COUNTRIES else set()))
        ck = (name, ftype, prefer, tuple(codes), explicit)
        if (res := self._ref_cache.get(ck)) is None:
            res = self._ref_cache[ck] = self.refs.resolve(
                name, ftype, prefer_countries=prefer, codes=codes, codes_explicit=explicit
            )
        ref = res.reference
        if ref is None:
            return None, (f"{res.reason}: {', '.join(res.candidates)}" if res.candidates else "")
        note = f"{ref.source} {ref.code}, {res.reason}"
        return (self._curated_near(ref) or f"ref:{ref.id}"), note

    def _known_near(self, ftype: FacilityType, place: Place) -> tuple[str, float] | None:
        """Return the curated facility of ``ftype`` nearest the place, if one is close enough."""
        ck = (ftype, place.geonameid)
        if ck not in self._near_cache:
            best: tuple[str, float] | None = None
            reach = max(NEAR_FACILITY_KM, 500.0) / 111.0  # degrees of latitude, generously
            for e in self._by_type.get(ftype, ()):
                if abs(e.lat - place.lat) > reach:
                    continue
                d = distance_km(place.lon, place.lat, e.lon, e.lat)
                if d <= max(NEAR_FACILITY_KM, e.precision_km) and (best is None or d < best[1]):
                    best = (e.id, d)
            self._near_cache[ck] = best
        return self._near_cache[ck]

    def _curated_near(self, ref: Reference) -> str | None:
        """Return the curated facility of the reference's type at its place, if there is one."""
        if ref.id in self.gaz.entries:
            return ref.id
        if ref.id not in self._curated_cache:
            best: tuple[float, str] | None = None
            for e in self._by_type.get(ref.type, ()):
                if abs(e.lat - ref.lat) > 0.2:  # 22 km: no need to measure
                    continue
                d = distance_km(ref.lon, ref.lat, e.lon, e.lat)
                if d <= CURATED_RADIUS_KM and (best is None or d < best[0]):
                    best = (d, e.id)
            self._curated_cache[ref.id] = None if best is None else best[1]
        return self._curated_cache[ref.id]

    def _name_ok(self, text: str, s: _Sentence, j: int, *, wide: bool = False) -> bool:
        t = s.toks[j]
        return (
            not s.covered[j]
            and (text[t.start].isupper() or (wide and t.norm.isdigit()))
            and t.norm not in self.lex.never
            and t.cue not in self.lex.type_cues
            and t.cue not in self.lex.generic_cues
            and t.cue not in self.lex.fillers
            and t.cue not in self.lex.at_words
            and (wide or len(t.norm) >= 3)
        )

    def _name_after(
        self, text: str, s: _Sentence, j: int, *, wide: bool = False
    ) -> tuple[int, int] | None:
        k, most = j, 4 if wide else 3
        toks = s.toks
        while k < len(toks) and k - j < most:
            if k > j and not self._joinable(text, toks, k - 1, 2):
                break
            if self._name_ok(text, s, k, wide=wide):
                k += 1
                continue
            # a particle inside a name: "Talavera la Real", "Rio de Janeiro"
            if (
                k > j
                and toks[k].norm in s.particles
                and k + 1 < len(toks)
                and self._joinable(text, toks, k, 2)
                and self._name_ok(text, s, k + 1, wide=wide)
                # not "Basa di Provinsi Pampanga": a region after it ends the name
                and toks[k + 1].norm not in _ADMIN_WORDS
                and toks[k + 1].norm not in self.lex.name_parts
                and toks[k + 1].cue not in self.lex.town_cue_last
            ):
                k += 2
                continue
            break
        return (
            (j, k) if k > j and "".join(t.norm for t in s.toks[j:k]) not in self.lex.never else None
        )

    def _name_before(
        self, text: str, s: _Sentence, a: int, *, wide: bool = False
    ) -> tuple[int, int] | None:
        k, most = a, 4 if wide else 3
        while k > 0 and a - k < most and self._name_ok(text, s, k - 1, wide=wide):
            if k < a and not self._joinable(text, s.toks, k - 1, 2):
                break
            k -= 1
        return (
            (k, a) if k < a and "".join(t.norm for t in s.toks[k:a]) not in self.lex.never else None
        )

    # -- venues -------------------------------------------------------------------------------
    def _venues(self, article: Article, s: _Sentence, countries: set[str]) -> list[Mention]:
        """Find places: a city after a venue preposition or any town after a town cue.

        "di Almaty" needs a town of some size (a stray capitalised word may name a hamlet);
        "kota Kurchatov" and "the town of Mirny" say outright that a town is meant.
        """
        toks, text = s.toks, article.text
        out = []
        for i in range(len(toks) - 1):
            if toks[i].cue in self.lex.venue_prepositions:
                min_pop, via = VENUE_MIN_POPULATION, "venue"
            elif toks[i].cue in self._town_cue_last and self._town_cue_before(toks, i + 1):
                min_pop, via = 0, "town"
            else:
                continue
            for n in (3, 2, 1):
                j = i + 1
                if j + n > len(toks) or any(s.covered[j : j + n]):
                    continue
                if not all(
                    text[toks[k].start].isupper()
                    # "Komsomolsk-na-Amure", "Rostov-on-Don": a particle inside a name
                    or (j < k < j + n - 1 and toks[k].norm in s.particles)
                    for k in range(j, j + n)
                ):
                    continue
                if not self._joinable(text, toks, j, n):
                    continue
                key = "".join(x.norm for x in toks[j : j + n])
                if key in self.lex.never:
                    break  # "di Kazakhstan": a country, never a venue
                if any(x.cue in self.lex.cue_tokens for x in toks[j : j + n]):
                    break  # "di Pangkalan ...": a facility word, never a town
                if self._part_of_longer_name(text, toks, j, n):
                    continue  # "in North Ossetia": not a town called North
                # a facility's own town ("landed at Kura"): only its namesake near the facility
                near = None
                if hits := self.gaz.index.get(key):
                    e = self.gaz[hits[0].entry_id]
                    near = (e.lat, e.lon)
                m = self._place(
                    article,
                    s,
                    toks[j].start,
                    toks[j + n - 1].end,
                    prefer=tuple(sorted(countries)),
                    min_pop=min_pop,
                    via=via,
                    near=near,
                )
                if m is not None and near is not None and not self._is_near(m, near):
                    m = None
                if m is not None:
                    out.append(m)
                    for k in range(j, j + n):
                        s.covered[k] = True
                    break
        return out

    def _part_of_longer_name(self, text: str, toks: Sequence[Token], j: int, n: int) -> bool:
        """Whether ``toks[j:j+n]`` is only part of a longer geographic name.

        True when the name ends in a word such as "North" ("North Ossetia") or runs on,
        capitalised and joined, into a word such as "Timur" ("Jawa Timur") or "Oblast" (see
        ``name_parts`` in the lexicon): looking up its first words would find an unrelated town.
        """
        parts = self.lex.name_parts
        if toks[j + n - 1].norm in parts:
            return True
        k = j + n
        if k >= len(toks) or not self._joinable(text, toks, k - 1, 2):
            return False
        # "Moscow Oblast", "Jawa Timur"; and, even in lower case, "Rostov region"
        nxt = toks[k].norm
        return (
            (nxt in parts and text[toks[k].start].isupper())
            or nxt in _ADMIN_WORDS
            or toks[k].cue in _ADMIN_CUES
        )

    @staticmethod
    def _is_near(m: Mention, near: tuple[float, float], within: float = 0.0) -> bool:
        from .places import NEAR_KM, place_by_id

        p = place_by_id(int(m.facility_id.split(":", 1)[1]))
        return distance_km(near[1], near[0], p.lon, p.lat) <= (within or NEAR_KM)

    def _place(
        self,
        article: Article,
        s: _Sentence,
        start: int,
        end: int,
        *,
        prefer: tuple[str, ...],
        min_pop: int,
        near: tuple[float, float] | None = None,
        via: str = "venue",
    ) -> Mention | None:
        surface = article.text[start:end]
        key = self._place_key(surface)
        place = lookup_place(
            surface, min_population=min_pop, prefer_countries=prefer, near=near, key=key
        )
        if place is None:
            return None
        return self._mention(
            article, s, f"place:{place.geonameid}", start, end, "place", 1.0, via=via
        )

    @staticmethod
    def _place_key(surface: str) -> str:
        """Index key of a place name, in its dictionary form if Russian declined it.

        "в Москве" -> "Москва", "в Комсомольске-на-Амуре" -> "Комсомольск-на-Амуре": each
        Cyrillic word is tried in its nominative forms, the first combination the index knows
        wins (the name as written first).
        """
        if not is_cyrillic(surface):
            return key_of(surface)
        words = [m.group() for m in re.finditer(r"\w+", surface)]
        keys = [""]
        for w in words:
            forms = name_variants(w) if is_cyrillic(w) else (key_of(w),)
            keys = [k + f for k in keys for f in forms][:200]
        index = place_index()
        return next((k for k in keys if k in index), keys[0] if keys else "")

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


def text_is_capitalised(text: str, start: int) -> bool:
    """Whether the word at ``start`` begins with a capital (or a digit: "102nd base")."""
    ch = text[start]
    return ch.isupper() or ch.isdigit()


def extract(article: Article, extractor: Extractor | None = None) -> list[Mention]:
    """Return the mentions in ``article`` using the shipped gazetteer (see :class:`Extractor`)."""
    return (extractor or Extractor()).extract(article)
