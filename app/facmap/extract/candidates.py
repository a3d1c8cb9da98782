"""Stage 2, candidates: every name, alias, town or core name of a known facility in a sentence.

Exact matches of folded keys (declined Russian forms tried in their dictionary forms), then
misspellings by fuzzy matching, strict alone and more lenient beside a cue of the type.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .._text import Token, key_of, name_variants, tokens
from ..countries import country_code_of, country_of_adjective
from ..gazetteer import AliasHit
from ..geo import distance_km
from ..places import place_index
from ..types import Article, FacilityType, Mention
from ..words import is_common_in, is_common_word
from ._base import (
    _ORGANISATION_WORDS,
    _PARTICLES,
    FUZZY_CUE_CLOSE,
    FUZZY_NO_CUE,
    FUZZY_STRICT,
    FUZZY_WITH_CUE,
    _Sentence,
)
from .linking import _Linking


@lru_cache(maxsize=100_000)
def _word_count(alias: str) -> int:
    """How many words an alias has, as the article's text is cut into words."""
    return sum(1 for _ in tokens(alias))


def _names_a_country(text: str) -> bool:
    """Whether a core name is a country's name or nationality ("Polish", "Indonesia")."""
    return country_code_of(text) is not None or country_of_adjective(text) is not None


def _is_cyrillic_letter(ch: str) -> bool:
    """Whether one character is Cyrillic: :func:`facmap._text.is_cyrillic` without a regex."""
    return "\u0400" <= ch <= "\u04ff"


#: legal-form words dropped from an operator's name to get the name the press uses for it
_LEGAL_FORMS = frozenset(
    {"ag", "gmbh", "se", "kg", "ab", "as", "asa", "oy", "oyj", "sa", "sas", "spa", "srl", "nv",
     "bv", "plc", "ltd", "limited", "inc", "corp", "corporation", "co", "company", "llc", "jsc",
     "pjsc", "oao", "ao", "pao", "zao", "ooo", "tbk", "persero", "pt", "kk", "holding", "holdings",
     "group"}
)


#: a one-word core this frequent in a supported language is a common noun ("Escuela",
#: "Academia"), not a distinctive name
CORE_ZIPF = 4.8


@lru_cache(maxsize=512)
def _languages_of(country: str) -> tuple[str, ...]:
    """Return the official languages of a country (CLDR via Babel), as ISO 639-1 codes."""
    from babel.languages import get_official_languages

    return tuple(get_official_languages(country, de_facto=True))


def _company_keys(operator: str) -> frozenset[str]:
    """Return the index keys of an operator's name, with and without its legal form.

    A facility's core name ("Rheinmetall" in "Rheinmetall headquarters") that is also its
    operator's name is how articles name the company itself ("Rheinmetall's new works in
    Unterlüß", "Saab said"): the company is an actor, not a site, so that core names nothing.
    """
    toks = [t.norm for t in tokens(operator)]
    if not toks:
        return frozenset()
    bare = [t for t in toks if t not in _LEGAL_FORMS]
    return frozenset({"".join(toks), "".join(bare)} - {""})


_BRACKETED = re.compile(r"\s*\([^()]*\)")


#: from this many people a town's name is no core name of a facility (see _with_core_names)
CORE_CITY_MAX = 1_000_000
#: a city of 100,000 people is a facility's core name only this close to it
CORE_CITY_KM = 30.0


class _Candidates(_Linking):
    """Stage 2, candidates: names, aliases, towns and core names of known facilities."""

    def _with_core_names(self) -> tuple[dict[str, list[AliasHit]], frozenset[str]]:
        """Return the gazetteer's alias index plus each facility's core name, town-like.

        Articles name a facility by the distinctive word of its name: "Holston, the Tennessee
        plant" (Holston Army Ammunition Plant), "Ellsworth will be the first B-21 base"
        (Ellsworth Air Force Base). That word, left when the cue words are taken out of an
        alias, counts like a town's name: only with a word of the facility's type beside it or
        in the sentence. Cores that are already an alias, a never-word, shorter than four
        letters, or a city's name (see :meth:`_core_city_ok`) are left out.
        """
        index = {k: list(v) for k, v in self.gaz.index.items()}
        lex = self.lex
        added: dict[str, list[AliasHit]] = {}
        for e in self.gaz.entries.values():
            company = _company_keys(e.operator)
            names = (e.name, *e.aliases)
            # "Orleans-Bricy Air Base (BA 123)": the core is read without the bracketed code
            unbracketed = {b for a in names if (b := _BRACKETED.sub("", a).strip()) != a}
            for alias in (*names, *sorted(unbracketed)):
                toks = list(tokens(alias))
                # cue words come out; a capitalised particle inside the name that is only a
                # word of some longer cue is read both ways: "Ali Al Salem Air Base" is "Ali
                # Al Salem" ("TNI AL" is the cue) and "Ali Salem"; a leading one is left out
                # ("Al Dhafra" is also a region, "Dhafra" the base)
                words = [t.cue for t in toks]
                cue_at = {
                    k
                    for a in range(len(words))
                    for w, _ in lex.phrases_at(words, a, lex.type_cues, lex.cue_words)
                    for k in range(a, a + w)
                }
                strict = [
                    t for t in toks if t.cue not in lex.cue_tokens and t.cue not in lex.generic_cues
                ]
                loose = [
                    t
                    for k, t in enumerate(toks)
                    if t in strict
                    or (
                        k not in cue_at
                        and t.cue in lex.cue_tokens
                        and t.cue not in lex.generic_cues
                        and len(t.norm) <= 2
                        and alias[t.start].isupper()
                        and strict
                        and strict[0].start < t.start < strict[-1].start
                    )
                ]
                for core in (strict, loose) if loose != strict else (strict,):
                    if not core or len(core) == len(toks) or all(t.norm.isdigit() for t in core):
                        continue
                    key = "".join(t.norm for t in core)
                    if len(key) < 4 or key in index or key in lex.never or key in lex.type_cues:
                        continue
                    if key in company:
                        continue  # "Rheinmetall said": the company acting, not one of its sites
                    if not all(
                        alias[t.start].isupper()
                        or t.norm.isdigit()
                        # "Pratica di Mare", "Gioia del Colle": a particle inside the name
                        or (0 < k < len(core) - 1 and t.norm in _PARTICLES)
                        for k, t in enumerate(core)
                    ):
                        continue  # "the main base": no proper name left
                    if any(t.norm in lex.name_parts or t.norm in lex.never for t in core) or any(
                        # "force" of a cue ("Air Force Station") is no organisation's word
                        t.cue in _ORGANISATION_WORDS
                        for k, t in enumerate(toks)
                        if k not in cue_at
                    ):
                        continue  # "Armada Utara" is the fleet, "Tengah" also "central"
                    if len(core) == 1 and is_common_in(
                        alias[core[0].start : core[0].end], _languages_of(e.country), CORE_ZIPF
                    ):
                        continue  # "Escuela de Submarinos": "Escuela" is any school in Spain
                    if _names_a_country(alias[core[0].start : core[-1].end]):
                        continue  # "Polish Navy Shipyard": "Polish" is every Polish thing
                    hits = added.setdefault(key, [])
                    if not any(h.entry_id == e.id for h in hits):
                        hits.append(AliasHit(e.id, alias, True, core=True))
        for key, hits in added.items():
            if self._core_city_ok(key, hits):
                index[key] = hits
        prefixes = frozenset(k[:n] for k in index for n in range(1, len(k)))
        return index, prefixes

    def _core_city_ok(self, key: str, hits: list[AliasHit]) -> bool:
        """Whether a core name that is also a city's may stand for its facilities.

        A city of 100,000 people is named for much besides its base: its core counts only
        when the city is the facilities' own town (within :data:`CORE_CITY_KM` of each of
        them: Cheongju, Ambala, not Edinburgh for RAAF Base Edinburgh) and smaller than
        :data:`CORE_CITY_MAX` (not Karachi for its naval dockyard). Like any core it still
        needs a word of the facility's type to stand for it.
        """
        big = [p for p in place_index().get(key, ()) if p.population >= 100_000]
        if not big:
            return True
        if any(p.population >= CORE_CITY_MAX for p in big):
            return False
        return all(
            distance_km(p.lon, p.lat, self.gaz[h.entry_id].lon, self.gaz[h.entry_id].lat)
            <= CORE_CITY_KM
            for p in big
            for h in hits
        )

    def _named(self, article: Article, s: _Sentence) -> list[Mention]:
        text, toks = article.text, s.toks
        prefixes, index = self.prefixes, self.index
        found: list[Mention] = []
        # most words start no alias: the words that may are listed in one pass
        starts = [
            i
            for i, t in enumerate(toks)
            if t.norm in prefixes or t.norm in index or t.cue != t.norm
        ]
        free = 0  # words before this one are inside an alias already found
        for i in starts:
            if i < free or s.covered[i]:
                continue
            hit = self._exact_at(text, toks, i)
            if hit is None:
                continue
            n, alias_hits = hit
            m = self._resolve_exact(article, s, i, n, alias_hits)
            if m is not None:
                found.append(m)
                s.named.add(m.facility_id)
                s.named_ends.add(i + n)
                if (e := self.gaz.entries.get(m.facility_id)) is not None:
                    s.ended_types[i + n] = e.type
                for k in range(i, i + n):
                    s.covered[k] = True
            free = i + n
        for i in [i for i, t in enumerate(toks) if text[t.start].isupper()]:
            if s.covered[i]:
                continue
            fm = self._fuzzy_at(article, s, i)
            if fm is not None:
                m, n = fm
                found.append(m)
                s.named.add(m.facility_id)
                s.named_ends.add(i + n)
                for k in range(i, i + n):
                    s.covered[k] = True
        return found

    def _exact_at(
        self, text: str, toks: Sequence[Token], i: int
    ) -> tuple[int, list[AliasHit]] | None:
        """Longest alias starting at token ``i``; stops once no alias has the key as prefix."""
        first = toks[i]
        prefixes, index = self.prefixes, self.index
        cyrillic = _is_cyrillic_letter(text[first.start])
        norm = first.norm
        if not cyrillic and norm not in prefixes:
            # most words start no alias longer than themselves: no need to grow a phrase
            hits = index.get(norm)
            return (1, hits) if hits else None
        best: tuple[int, list[AliasHit]] | None = None
        last = min(self.gaz.max_words, len(toks) - i)
        if not cyrillic:
            # a phrase of words with one form each: one key grows while some alias starts so
            key, n = norm, 1
            best = (1, hits) if (hits := index.get(key)) else None
            while n < last and key in prefixes:
                tok = toks[i + n]
                if not self._joinable(text, toks, i + n - 1, 2):
                    return best
                if _is_cyrillic_letter(text[tok.start]):
                    break  # a declined word inside: the scan below tries each of its forms
                n += 1
                key += tok.norm
                if hits := index.get(key):
                    best = (n, hits)
            else:
                return best
            best = None
        live = [""]
        for n in range(1, last + 1):
            tok = toks[i + n - 1]
            if n > 1 and not self._joinable(text, toks, i + n - 2, 2):
                break
            # a Cyrillic name may be declined: try its nominative forms too ("в Североморске")
            forms = (
                name_variants(text[tok.start : tok.end])
                if _is_cyrillic_letter(text[tok.start])
                else (tok.norm,)
            )
            grown = []
            for key in live:
                for form in forms:
                    k = key + form
                    # a stem and the next word may spell an alias of fewer words: "Саки и"
                    # is the stem "сак" and "и", not the alias "Саки" plus a word
                    hits = [h for h in index.get(k, ()) if _word_count(h.alias) >= n]
                    if hits and (best is None or best[0] < n):
                        best = (n, hits)
                    if k in prefixes:
                        grown.append(k)
            if not grown:
                break
            live = grown
        return best

    def _inflected_cue(self, key: str) -> bool:
        """Whether ``key`` is a cue word of six letters or more plus an ending of up to three."""
        cues = self.lex.type_cues
        return any(key[:k] in cues for k in range(max(6, len(key) - 3), len(key)))

    def _fuzzy_at(self, article: Article, s: _Sentence, i: int) -> tuple[Mention, int] | None:
        toks, text = s.toks, article.text
        best: tuple[float, int, AliasHit, str, bool] | None = None
        cue_tokens = self.lex.cue_tokens
        for n in (1, 2, 3):  # the best-scoring window wins; on a tie, the shorter one
            far = False
            # the tests up to the key hold for a window only if they hold for the shorter one:
            # once one fails, no longer window can pass
            if i + n > len(toks) or s.covered[i + n - 1]:
                break
            t = toks[i + n - 1]
            # a name is written capitalised: "Voronezh-DM yang" is a name and a common word
            if not (text[t.start].isupper() or t.norm.isdigit()):
                break
            if n > 1 and not self._joinable(text, toks, i + n - 2, 2):
                break
            # a window holding a cue word scores the shared cue, not the name: "Pangkalan
            # Udara Kunsan" is 90% like "Pangkalan Udara Kant". Misspelt names are compared alone.
            if t.cue in cue_tokens:
                break
            key = "".join(t.norm for t in toks[i : i + n])
            if len(key) < 6 or key in self.lex.never or key in self.lex.type_cues:
                continue
            if self._inflected_cue(key):
                break  # "Luftwaffenstützpunkte": a facility word's plural, not a misspelt name
            cues, _ = self._cues_near(s, i, n, s.covered)
            # without a cue only close matches can be accepted: no need to look further
            cand = self._best_key(key, FUZZY_WITH_CUE if cues else FUZZY_NO_CUE)
            if cand is None:
                continue
            ckey, score = cand
            # an acronym ("COMILO", "PTDI") is written exactly or not at all: a word one
            # letter off it is another word ("Naval Base Camilo" is no misspelt COMILO)
            hits = [h for h in self.index[ckey] if not _is_acronym(h.alias)]
            if not hits:
                continue
            if country := self._country_cue(text, s, i):
                hits = [h for h in hits if self.gaz[h.entry_id].country == country]
                if not hits:
                    continue
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
            # a town's name one letter off another town's is that other town, spelt right:
            # "Manama's port" is Bahrain's capital, not the village of Magnama by a Bangladeshi
            # submarine base
            town_ok = one_off and one_word and len(key) >= 5 and not self._is_town(text, toks, i, n)
            typed = [
                h
                for h in hits
                if self.gaz[h.entry_id].type in cues and near and (not h.town or town_ok)
            ]
            # a window of several words is a misspelling only if few letters differ: "Saipan
            # International" is as like "Siauliai International" as the shared word makes it
            close = (
                score >= FUZZY_STRICT and len(key) >= 7 and (n == 1 or OSA.distance(key, ckey) <= 2)
            )
            # without a cue, one letter off a name of seven letters or more ("Plesetks"):
            # shorter words one letter off a name are too often words ("Falcon", "Fallon")
            strict_ok = (close or (one_off and one_word and len(key) >= 7)) and not affix
            if (
                strict_ok
                and not all(h.town for h in hits)
                and not self._is_town(text, toks, i, n)
                # a frequent word has its own meaning: "Segundo" is no misspelt name
                and not is_common_word(text[toks[i].start : toks[i + n - 1].end])
            ):
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
        words = s.words
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

    def _best_key(self, key: str, cutoff: float) -> tuple[str, float] | None:
        ck = (key, cutoff)
        if ck in self._fuzzy_cache:
            return self._fuzzy_cache[ck]
        # misspellings rarely change the first letter, and a key can only reach the cut-off
        # against keys of comparable length (ratio <= 1 - |a - b| / (a + b)): compare those
        first, n = key[0], len(key)
        c = cutoff / 100
        lo, hi = math.ceil(n * c / (2 - c)), math.floor(n * (2 - c) / c)
        pool = self._pools.get((first, n, cutoff))
        if pool is None:
            pool = [k for m in range(lo, hi + 1) for k in self._keys_by_start.get((first, m), ())]
            self._pools[(first, n, cutoff)] = pool
        res = process.extractOne(key, pool, scorer=fuzz.ratio, score_cutoff=cutoff, processor=None)
        best = None if res is None else (res[0], float(res[1]))
        self._fuzzy_cache[ck] = best
        return best


def _is_acronym(alias: str) -> bool:
    """Whether an alias is one capitalised word of letters only, as acronyms are written."""
    return " " not in alias and alias.isupper() and alias.isalpha()
