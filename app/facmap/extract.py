"""Find the facilities (and venue places) an article names or implies, sentence by sentence.

Matching works on normalised words (see :mod:`facmap._text`), so one alias list covers case,
diacritics, hyphen/space/joined variants, Cyrillic and transliteration systems. Misspellings are
caught by fuzzy matching, which is strict on its own and more lenient only when a cue word of
the same facility type stands next to the name ("Pletersk Cosmodrome"). Nothing outside the
article body (teasers of other articles) is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ._text import Token, tokens
from .article import sentences
from .gazetteer import AliasHit, Gazetteer, Lexicon, load_gazetteer, load_lexicon
from .inference import load_rules
from .places import lookup_place
from .types import Article, FacilityType, Mention

__all__ = ["Extractor", "extract"]

#: a fuzzy match with no supporting cue must be at least this similar (0-100)
FUZZY_STRICT = 88.0
#: with a cue of the same facility type beside the name
FUZZY_WITH_CUE = 74.0
#: venues are towns of at least this population ("di Almaty"), so stray capitalised words that
#: happen to name a hamlet somewhere are not mapped
VENUE_MIN_POPULATION = 15_000
_GAP = re.compile(r"[\s\-‐‑–'’.]{0,3}")
_CUE_WINDOW = 3


@dataclass
class _Sentence:
    start: int
    end: int
    toks: list[Token]
    covered: list[bool]


class Extractor:
    """Reusable extractor: holds the gazetteer, lexicon, rules and a fuzzy-match cache.

    Build one and call :meth:`extract` for each article; the caches make a stream of articles
    fast (most capitalised words recur across news articles).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None) -> None:
        self.gaz = gazetteer if gazetteer is not None else load_gazetteer()
        self.lex = lexicon if lexicon is not None else load_lexicon()
        self.rules, self.corridors = load_rules()
        self._keys = list(self.gaz.index)
        self._fuzzy_cache: dict[str, tuple[str, float] | None] = {}

    # -- public -------------------------------------------------------------------------------
    def extract(self, article: Article) -> list[Mention]:
        """Return the mentions of ``article``, in text order.

        Each mention's ``surface`` is ``article.text[start:end]`` and its ``excerpt`` the whole
        sentence. Named facilities come first in a sentence's consideration; inferred ones are
        added after, and places last.
        """
        text = article.text
        out: list[Mention] = []
        sents = []
        for s0, s1 in sentences(text, 0, article.body_end):
            toks = list(tokens(text, s0, s1))
            sents.append(_Sentence(s0, s1, toks, [False] * len(toks)))
        for s in sents:
            out.extend(self._named(article, s))
        named_ids = {m.facility_id for m in out}
        countries = {self.gaz[i].country for i in named_ids if i in self.gaz.entries}
        for s in sents:
            out.extend(self._inferred(article, s, named_ids))
            out.extend(self._venues(article, s, countries))
        out.sort(key=lambda m: (m.start, m.end, m.facility_id))
        return out

    # -- named facilities ---------------------------------------------------------------------
    def _named(self, article: Article, s: _Sentence) -> list[Mention]:
        text, toks = article.text, s.toks
        found: list[Mention] = []
        i = 0
        while i < len(toks):
            hit = self._exact_at(text, toks, i)
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
        best: tuple[int, list[AliasHit]] | None = None
        key = ""
        for n in range(1, min(self.gaz.max_words, len(toks) - i) + 1):
            key += toks[i + n - 1].norm
            if n > 1 and not self._joinable(text, toks, i + n - 2, 2):
                break
            hits = self.gaz.index.get(key)
            if hits:
                best = (n, hits)
            if key not in self.gaz.prefixes:
                break
        return best

    def _cues_near(self, toks: Sequence[Token], i: int, n: int) -> set[FacilityType]:
        found: set[FacilityType] = set()
        lo, hi = max(0, i - _CUE_WINDOW), min(len(toks), i + n + _CUE_WINDOW)
        for a in range(lo, hi):
            for w in range(1, self.lex.cue_words + 1):
                b = a + w
                if b > hi or (a < i + n and b > i):  # cue must lie outside the name itself
                    continue
                t = self.lex.type_cues.get("".join(x.norm for x in toks[a:b]))
                if t is not None:
                    found.add(t)
        return found

    def _town_cue_before(self, toks: Sequence[Token], i: int) -> bool:
        for w in (1, 2):
            if i - w >= 0:
                key = "".join(t.norm for t in toks[i - w : i])
                if key in self.lex.town_cues:
                    return True
        return False

    def _resolve_exact(
        self, article: Article, s: _Sentence, i: int, n: int, hits: list[AliasHit]
    ) -> Mention | None:
        toks = s.toks
        start, end = toks[i].start, toks[i + n - 1].end
        surface = article.text[start:end]
        cues = self._cues_near(toks, i, n)
        if self._town_cue_before(toks, i):
            # "kota Baikonur": the town, not the cosmodrome of the same name
            entry = self.gaz[hits[0].entry_id]
            return self._place(article, s, start, end, prefer=(entry.country,), min_pop=0)
        # prefer a hit whose type agrees with a nearby cue, then non-town aliases
        ranked = sorted(hits, key=lambda h: (self.gaz[h.entry_id].type not in cues, h.town))
        best = ranked[0]
        if best.town and not cues:
            return None  # a bare town name: a venue at most, decided by the venue pass
        match = "exact" if surface == best.alias else "variant"
        return self._mention(article, s, best.entry_id, start, end, match, 1.0)

    # -- misspellings -------------------------------------------------------------------------
    def _fuzzy_at(self, article: Article, s: _Sentence, i: int) -> tuple[Mention, int] | None:
        toks, text = s.toks, article.text
        best: tuple[float, int, AliasHit] | None = None
        for n in (1, 2, 3):  # the best-scoring window wins; on a tie, the shorter one
            if i + n > len(toks) or any(s.covered[i : i + n]):
                continue
            if not self._joinable(text, toks, i, n):
                continue
            key = "".join(t.norm for t in toks[i : i + n])
            if len(key) < 6 or key in self.lex.never or key in self.lex.type_cues:
                continue
            cand = self._best_key(key)
            if cand is None:
                continue
            ckey, score = cand
            hits = self.gaz.index[ckey]
            cues = self._cues_near(toks, i, n)
            typed = [h for h in hits if self.gaz[h.entry_id].type in cues and not h.town]
            # a bare alias plus or minus an ending ("Plesetsky" district, a surname) is another
            # name, not a misspelling: only a cue beside it makes it the facility
            affix = key.startswith(ckey) or ckey.startswith(key)
            strict_ok = score >= FUZZY_STRICT and len(key) >= 7 and not affix
            if strict_ok and not all(h.town for h in hits):
                hit = next(h for h in hits if not h.town)
            elif typed:
                hit = typed[0]
            else:
                continue
            if best is None or score > best[0]:
                best = (score, n, hit)
        if best is None:
            return None
        score, n, hit = best
        start, end = toks[i].start, toks[i + n - 1].end
        return self._mention(article, s, hit.entry_id, start, end, "fuzzy", score / 100), n

    def _best_key(self, key: str) -> tuple[str, float] | None:
        if key in self._fuzzy_cache:
            return self._fuzzy_cache[key]
        res = process.extractOne(
            key,
            self._keys,
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_WITH_CUE,
            processor=None,
        )
        best: tuple[str, float] | None = None
        # misspellings rarely change the first letter; requiring it removes most false friends
        if res is not None and res[0][0] == key[0]:
            best = (res[0], float(res[1]))
        self._fuzzy_cache[key] = best
        return best

    # -- inferred -----------------------------------------------------------------------------
    def _inferred(self, article: Article, s: _Sentence, named: set[str]) -> list[Mention]:
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

    # -- venues -------------------------------------------------------------------------------
    def _venues(self, article: Article, s: _Sentence, countries: set[str]) -> list[Mention]:
        toks, text = s.toks, article.text
        out = []
        for i, t in enumerate(toks[:-1]):
            if t.norm not in self.lex.venue_prepositions:
                continue
            for n in (3, 2, 1):
                j = i + 1
                if j + n > len(toks) or any(s.covered[j : j + n]):
                    continue
                if not all(text[toks[k].start].isupper() for k in range(j, j + n)):
                    continue
                if not self._joinable(text, toks, j, n):
                    continue
                key = "".join(x.norm for x in toks[j : j + n])
                if key in self.lex.never:
                    break  # "di Kazakhstan": a country, never a venue
                m = self._place(
                    article,
                    s,
                    toks[j].start,
                    toks[j + n - 1].end,
                    prefer=tuple(sorted(countries)),
                    min_pop=VENUE_MIN_POPULATION,
                )
                if m is not None:
                    out.append(m)
                    for k in range(j, j + n):
                        s.covered[k] = True
                    break
        return out

    def _place(
        self,
        article: Article,
        s: _Sentence,
        start: int,
        end: int,
        *,
        prefer: tuple[str, ...],
        min_pop: int,
    ) -> Mention | None:
        surface = article.text[start:end]
        place = lookup_place(surface, min_population=min_pop, prefer_countries=prefer)
        if place is None:
            return None
        return self._mention(article, s, f"place:{place.geonameid}", start, end, "place", 1.0)

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
    ) -> Mention:
        extra = {"rule": rule} if rule else {}
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


def extract(article: Article, extractor: Extractor | None = None) -> list[Mention]:
    """Return the mentions in ``article`` using the shipped gazetteer (see :class:`Extractor`)."""
    return (extractor or Extractor()).extract(article)
