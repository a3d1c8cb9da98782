"""Stage 3, link and score: which facility a name stands for, and why.

A facility's own name links as it is; a town's name or a name's core links only with words of
the facility's type beside it or in the sentence (or the sentence before), never inside a
longer name or before a region word; a force's cue binds the country. Each link says why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from unidecode import unidecode

from .._text import Token, cue_key_of, is_cyrillic, key_of, surname_key, tokens
from ..countries import country_code_of
from ..gazetteer import AliasHit
from ..geo import distance_km
from ..places import is_capital, lookup_place, place_index
from ..types import Article, FacilityType, GazetteerEntry, Mention
from ..words import is_common_in, is_common_word
from ._base import (
    _ADMIN_CUES,
    _ADMIN_WORDS,
    _COUNTRY_CUE,
    _CUE_COUNTRY,
    _CUE_WINDOW,
    _HYPHENS,
    _NEAR_WORDS,
    _PARTICLES,
    CONTEXT_WINDOW,
    _Sentence,
    looks_like_given_name,
    phrase_ends_at,
    text_is_capitalised,
)
from .venues import _Venues

#: a company named "at" a town this close to its site names the site ("Dahana di Subang")
OWN_TOWN_KM = 30.0
#: an arms maker named at a town names its site there when the town lies this close to the
#: site (or is one of its towns): "Fincantieri a Monfalcone", not "Fincantieri a Trieste" 25 km
#: away, where its head office is
COMPANY_TOWN_KM = 10.0
#: a metropolis names the sites in its suburbs too ("Raytheon's Tucson plant" lies 12 km from
#: the city's point): from this many people, :data:`METRO_KM` replaces :data:`COMPANY_TOWN_KM`
METROPOLIS = 500_000
METRO_KM = 20.0
#: from this many people a town's name is a city's, named for much besides its base
BIG_CITY = 100_000
#: a town of this many people abroad makes a facility's town name ambiguous (see
#: ``_Linking._town_abroad_too``)
NAMESAKE_ABROAD = 20_000

#: how many words after an arms maker a town it "acts at" may stand ("PT PAL delivered the
#: frigate at Surabaya")
_ACTS_AT_WORDS = 8

#: how far after a town an arms maker may be named to make it the town of its site
_COMPANY_AFTER_WORDS = 2

#: a numbered base's name followed by a place this far from it names another base
NUMBERED_ELSEWHERE_KM = 150.0

#: particles between a given name and a surname ("Charles de Gaulle", "Ursula von der")
_NAME_PARTICLES = frozenset(
    {"de", "del", "di", "da", "do", "dos", "das", "du", "von", "van", "der", "bin", "ibn"}
)

#: words of "from" before a town where an arms maker acts ("Dari Surabaya, PT PAL...")
_FROM_WORDS = frozenset(
    cue_key_of(w) for w in ("from", "dari", "из", "desde", "aus", "depuis", "von", "da")
)


#: nouns of a company's own premises that are no type cue ("son site de Lorient")
_SITE_NOUNS = frozenset(cue_key_of(w) for w in ("site", "sites", "standort", "sede", "facility"))

#: how many words before a town an arms maker named makes it that maker's town ("the MBDA
#: plant in Bourges", "l'usine MBDA de Bourges")
_RIVAL_WORDS = 4


#: words that join a noun to its qualifier in the languages read ("dépôt de carburant")
_LINKING_WORDS = frozenset({"de", "d", "du", "des", "da", "do", "del", "della", "of"})
#: ... and that join a works noun or a cue to its town ("son site de Lorient", "planta de El
#: Bosque", "das Werk von Airbus")
_OF_WORDS = _LINKING_WORDS | {"di", "von", "van"}


#: how far into a sentence that opens with the site's town a company's name may stand ("En
#: Córdoba, la FAdeA entregará")
_OWN_TOWN_BEFORE = 8

#: words of "and" that join two names of a list ("Lakenheath and Mildenhall", "Ейск и Армавир")
_AND_WORDS = frozenset({"and", "und", "i", "dan", "serta", "et", "y", "e", "ve"})


#: words of a route ("via", "через"): with cargo, the town after them is on the way
_VIA_WORDS = frozenset(cue_key_of(w) for w in ("via", "melalui", "через", "über"))


class _Linking(_Venues):
    """Stage 3, link and score: which facility a name stands for, and why."""

    def _context(self, text: str, s: _Sentence) -> dict[FacilityType, list[tuple[int, str]]]:
        """Facility types the sentence suggests, with where and how (computed once a sentence).

        Both the type cues and the weaker context words count ("home to a bomber regiment",
        "the piers at", "submarines returned to").
        """
        if s.context is None:
            ctx: dict[FacilityType, list[tuple[int, str]]] = {}
            words = s.words
            lex = self.lex
            # a word inside an arms maker's longer name says nothing of the place: "Naval Group
            # à Cherbourg" is no naval word ("MiG-31s" is still an aircraft: the cue is longer)
            firms = [
                (a, a + w)
                for a in s.starts
                if text[s.toks[a].start].isupper()
                for w, _ in lex.phrases_at(words, a, self._company_table, lex.pattern_words)
            ]
            for a in s.starts:
                for table, longest in (
                    (lex.context_cues, lex.context_words),
                    (lex.type_cues, lex.cue_words),
                ):
                    for w, t in lex.phrases_at(words, a, table, longest):
                        if any(f0 <= a and a + w <= f1 and f1 - f0 > w for f0, f1 in firms):
                            continue
                        if self._civil_qualified(s, a, a + w):
                            continue  # "a fuel depot": no word of an army's depot
                        if w == 1 and self._names_a_storm(text, s, a):
                            continue  # "Typhoon Haikui" is weather, not a Eurofighter
                        cue = text[s.toks[a].start : s.toks[a + w - 1].end]
                        ctx.setdefault(t, []).append((a, cue))
            s.context = ctx
        return s.context

    def _names_a_storm(self, text: str, s: _Sentence, a: int) -> bool:
        """Whether word ``a`` is a storm word before the storm's own name ("Typhoon Haikui").

        "Typhoon" is also the Eurofighter, so a weather word may be read as an aircraft cue;
        followed by a capitalised name with no digit ("Typhoon FGR4" is the aircraft) it names
        a storm, which says nothing of an air base in the sentence.
        """
        toks = s.toks
        if toks[a].norm not in self.lex.weather_words or a + 1 >= len(toks):
            return False
        nxt = text[toks[a + 1].start : toks[a + 1].end]
        return (
            nxt[:1].isupper()
            and not nxt.isupper()
            and not any(c.isdigit() for c in nxt)
            and toks[a + 1].cue not in self.lex.cue_tokens
            and self._joinable(text, toks, a, 2)
        )

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
        if seen := [h for h in hits if h.entry_id in s.named]:
            # the town again after its facility was named: that facility; of two named, the
            # one whose own name has the word ("Skaramangas" after "Skaramangas Shipyards" and
            # "Salamis Naval Base", whose town list has it too)
            word = key_of(text[toks[i].start : toks[i + n - 1].end])
            own = [h for h in seen if word in key_of(self.gaz[h.entry_id].name)]
            hits = own if len(seen) > 1 and own else seen
        elif here := self._named_beside(s, hits):
            # "Казанский авиазавод ... в Казани": the town of a facility named before stands
            # for it, not for another facility of its type in the same town
            hits = here
        if (
            i + n < len(toks)
            and (toks[i + n].norm in _ADMIN_WORDS or toks[i + n].cue in _ADMIN_CUES)
            and self._joinable(text, toks, i + n - 1, 2)
        ):
            return None  # "в Хабаровском крае", "Rostov region": the region, not the town
        if self._inside_longer_name(text, s, i, n) or (
            # "l'ammiraglio Marco Brindisi": after a rank and a given name, even one that is a
            # common word elsewhere ("marco", Spanish "frame"), the name is a surname
            n == 1 and i >= 2 and toks[i - 2].cue in self.lex.rank_words
        ):
            if n == 1 and self._after_first_name(text, s, i):
                s.surnames.add(surname_key(text[toks[i].start : toks[i].end]))
                return None
            if self._inside_longer_name(text, s, i, n):
                return None  # "Talisman Sabre", "Engels Street": part of another name
        if self._names_something_else(text, s, i, n):
            return None
        if n == 1 and all(h.core for h in hits) and self._after_given_name(text, s, i):
            # "le « Charles de Gaulle »": a person's (or a ship's) name, not "Camp de Gaulle"
            return None
        if (site := self._company_before(text, s, i)) is not None:
            return self._site_hit(text, s, i, n, hits, site, "named at the town of its site")
        cues, generic = self._cues_near(s, i, n, s.covered)
        if (
            not (cues - {FacilityType.DEFENSE_INDUSTRY})
            and not generic
            and not self._locates_a_mention(text, s, i)
            and (site := self._company_earlier(text, s, i, n)) is not None
        ):
            return self._site_hit(
                text, s, i, n, hits, site, "named in the sentence, at the town of its site"
            )
        if self._place_of_another_phrase(s, i, hits):
            return None  # "the Dassault plant at Mérignac": that plant's town, not the air base
        if self._locates_a_mention(text, s, i):
            # "Dassault di Mérignac, dekat Bordeaux", "Bassel Al-Assad Air Base near Latakia":
            # where the facility just named is, whatever cue stands beside the town
            return None
        # a cue inside a facility named already ("from the Jiangnan shipyard in Shanghai") is
        # that facility's word, not the town's
        cues, generic = self._cues_near(s, i, n, s.covered)
        seat = self.lex.seat_before
        if i > 0 and seat is not None and seat.search(text, s.start, toks[i - 1].start):
            return None  # "Koarmada III yang bermarkas di Sorong": where that command sits
        ref = self.lex.reference_before
        if ref is not None and ref.search(text, s.start, toks[i].start) and not cues:
            # "struck targets 120 km north of Engels", "учения в районе Североморска": the
            # town is where something else is; only the facility's own cue beside it names it
            return None
        loaded = self._sets_out_from_port(text, s, i, n)
        if loaded and not self._cue_touches(s, i, n):
            return None  # "грузы из Харбина для верфи": the load's origin, whatever it is for
        typed = [h for h in hits if self.gaz[h.entry_id].type in cues]
        if typed and self._namesakes_apart(typed):
            return None  # two facilities of the type called that, far apart: not guessed
        if typed and self._rival_maker(text, s, i, {h.entry_id for h in typed}):
            # "the MBDA plant in Bourges": MBDA's works there, which the knowledge base lacks,
            # not the other maker's plant in the same town
            return None
        if len(hits) > 1 and (by_name := self._named_by_words_before(text, s, i, n, hits)):
            # "the Naval Dockyard in Visakhapatnam": the naval base whose name is "Naval
            # Dockyard Visakhapatnam", not the town's shipyard that "dockyard" also fits
            return by_name, "its own name's words before the town", True
        if typed:
            return typed[0], "a cue of its type beside the name", True
        if (joined := self._joined_to_named(text, s, i)) is not None:
            # "на аэродромах в Ейске и Армавире", "die Flugplätze Meiringen und Emmen": a town
            # listed with a facility just named is one of the same kind
            same = [h for h in hits if self.gaz[h.entry_id].type == joined]
            if len(same) == 1:
                return same[0], "listed with a facility of its type named just before", True
        if self._other_type_touches(s, i, n):
            return None  # "radar Voronezh", "Severodvinsk airfield": that cue's name, no town
        roles = self._roles(text, s, i, n)
        if generic and self._base_noun_near(s, i, n):
            # "the base at Cherbourg", "its Busan base": a base never names the town's plant or
            # yard, whatever word of production the sentence has elsewhere
            hits = [h for h in hits if not self._is_works(h)]
            if not hits:
                return None
        if generic and len(hits) == 1:
            return hits[0], "a facility word beside the name", False
        if i > 0 and self._at_word(text, s, i - 1) and self._spoken_at(s, i - 1):
            return None  # "announced in Darwin": where someone spoke, whatever the sentence says
        if (
            i > 1
            and self._at_word(text, s, i - 1)
            and (
                s.toks[i - 2].cue in self.lex.event_words
                # "пресс-конференции во": one hyphenated word, read as "пресс" "конференции"
                or (
                    i > 2
                    and s.toks[i - 3].cue in self.lex.event_words
                    and text[s.toks[i - 3].end : s.toks[i - 2].start] in _HYPHENS
                )
            )
        ):
            # "latihan yang dibuka di Ambon": where the exercise opened, a venue, whatever
            # aircraft the sentence names
            return None
        if not self.lex.weather_words.isdisjoint(s.words[max(0, i - 3) : i + n + 4]):
            # "korban banjir di Magetan", "Chitose may see early snow": where the weather is,
            # as for a venue
            return None
        ctx = self._context(text, s)
        if self._civil_air_in(text, s):
            # "Pesawat Garuda Indonesia dari Makassar": an airliner's flight says nothing of
            # the air base of its town
            ctx = {t: v for t, v in ctx.items() if t != FacilityType.AIR_BASE}
        if not self.lex.civil_sea_words.isdisjoint(s.words):
            # "Feri dari Sabang ke Ulee Lheue tetap berlayar": a ferry's sailing says nothing
            # of the naval base of its port
            ctx = {t: v for t, v in ctx.items() if t != FacilityType.NAVAL_BASE}
        if phrase_ends_at(self.lex.shipped_from_before, text, s, i):
            # "komponen pertama akan dikirim dari Lorient": where a consignment is sent from
            # is a place in a cargo note, whatever the sentence says of ships or yards
            return None
        if loaded:
            # "LPD ... akan mengangkut kendaraan tempur dari Surabaya", "грузы из Харбина для
            # верфи", "des pièces ... par avion depuis Toulouse": where a load sets out is the
            # big city, not its naval base, yard or air base
            return None
        # a city's name is also where ministers speak and navies hold conferences: only a word
        # of what happens at the facility links it ("the frigate returned to Norfolk"), not the
        # name of a service ("the Navy said in Sydney")
        city = self._is_big_city(text, toks, i, n)
        weak = self.lex.service_words if city else frozenset()
        best: tuple[int, AliasHit, str] | None = None
        # a word of a facility's own type first; failing that, of one of its second types
        # ("B-2 bombers flew from Diego Garcia": the naval support facility is the island's
        # airfield too)
        for second in (False, True):
            if best is not None:
                break
            found = [
                (hit, pos, cue)
                for hit in hits
                for t in self._types_of(hit, second)
                for pos, cue in ctx.get(t, ())
            ]
            for h, pos, cue in found:
                if (
                    weak
                    and cue_key_of(cue) in weak
                    and not (pos == i - 2 and self._at_word(text, s, i - 1))
                ):
                    # the service right before "at" the city ("the Lithuanian navy at
                    # Klaipėda") is its base there; elsewhere in the sentence it is not
                    continue
                d = pos - (i + n) if pos >= i + n else i - pos
                if pos >= i and pos < i + n:
                    continue
                if s.covered[pos] and h.entry_id not in s.named:
                    # "meninjau Lanud Sultan Hasanuddin sebelum bertolak ke Manado": the word
                    # is another named facility's own, not a word about this town
                    continue
                if d <= CONTEXT_WINDOW and (best is None or d < best[0]):
                    best = (d, h, cue)
        if (
            best is None
            and len(hits) == 1
            and s.prev is not None
            and not city
            and not self._other_type_near(ctx, self.gaz[hits[0].entry_id].type, i, n)
        ):
            # "... Yars divisions ... Regiments stationed near Teykovo": the sentence before
            # says which kind of facility the town stands for (one candidate only), unless
            # this sentence gives the town a word of another kind ("un nouveau quai à
            # Konarak" is a pier, not the air base the sentence before spoke of)
            h = hits[0]
            prev = self._context(text, s.prev).get(self.gaz[h.entry_id].type, ())
            if prev:
                return h, f"the word {prev[-1][1]!r} in the sentence before", False
        if (
            best is None
            and FacilityType.DEFENSE_INDUSTRY in roles
            and ctx.get(FacilityType.NAVAL_BASE)
            and (yard := [h for h in hits if self._is_works(h)])
        ):
            # "la fragata fue botada en Ferrol": a ship and a word of shipbuilding, the yard
            word = roles[FacilityType.DEFENSE_INDUSTRY][1]
            return yard[0], f"the word {word!r} with a ship in the sentence", False
        if best is None:
            return None
        if (role := self._role_choice(hits, roles)) is not None:
            # a town with a shipyard and a naval base (Cherbourg, Severodvinsk, Kiel): a word
            # of shipbuilding ("launched", "спущена на воду") means the yard, a word of basing
            # ("homeport", "базируется") the base, whatever ship word stands nearer
            h, word = role
            return h, f"the word {word!r} in the sentence (a yard's and a base's town)", False
        return best[1], f"the word {best[2]!r} in the sentence", False

    def _in_article_countries(
        self, article: Article, s: _Sentence, hits: list[AliasHit]
    ) -> list[AliasHit]:
        """Keep the hits in the countries of the article, if that leaves one facility only.

        The countries: those it names (read once, shared by its sentences) and those of the
        facilities named so far.
        """
        here = self._named_countries(article, s) | {
            self.gaz[f].country for f in s.named if f in self.gaz.entries
        }
        kept = [h for h in hits if self.gaz[h.entry_id].country in here]
        return kept if len({h.entry_id for h in kept}) == 1 else []

    def _types_of(self, h: AliasHit, second: bool) -> tuple[FacilityType, ...]:
        """Return the hit's own type, or (``second``) the other types its facility also is."""
        e = self.gaz[h.entry_id]
        return e.also_types if second else (e.type,)

    def _maker_speaks(self, text: str, s: _Sentence, j: int, hits: list[AliasHit]) -> bool:
        """Whether a plant's or yard's name (``hits``, ending before word ``j``) speaks.

        Speaking: a word of speech right after it, or one word later ("Austal has said"). Not
        across a comma: "построенных на Новосибирском авиазаводе, сообщила ОАК" ends a clause
        about the plant, and the verb's subject follows it.
        """
        if not hits or any(
            h.town or self.gaz[h.entry_id].type != FacilityType.DEFENSE_INDUSTRY for h in hits
        ):
            return False
        toks = s.toks
        for k in range(j, min(j + 2, len(toks))):
            if "," in text[toks[k - 1].end : toks[k].start]:
                return False
            if s.words[k] in self.lex.speech_words:
                return True
        return False

    def _joined_to_named(self, text: str, s: _Sentence, i: int) -> FacilityType | None:
        """Return the type of a facility named right before word ``i`` and listed with it.

        Joined: by a comma ("Lakenheath, Mildenhall") or by a word of "and" in the languages
        read ("и", "dan", "und", "et", "y", "e").
        """
        if i < 1:
            return None
        toks = s.toks
        gap = text[toks[i - 1].end : toks[i].start].strip()
        if gap == "," and i in s.ended_types:
            return s.ended_types[i]
        # "and at Gao", "и в Армавире", "ainsi qu'à Gao": a place word may follow the "and"
        k = i - 1
        if k >= 2 and self._at_word(text, s, k):
            k -= 1
        if k >= 2 and toks[k].norm in ("ku", "ke") and toks[k - 1].norm == "ainsi":
            k -= 1  # "ainsi que", "ainsi qu'à": as well as
        elif k < 1 or toks[k].norm not in _AND_WORDS:
            return None
        if any(text[toks[m - 1].end : toks[m].start].strip(" '’") for m in range(k, i + 1)):
            return None  # a comma or a bracket between: another clause
        return s.ended_types.get(k)

    @staticmethod
    def _other_type_near(
        ctx: dict[FacilityType, list[tuple[int, str]]], ftype: FacilityType, i: int, n: int
    ) -> bool:
        """Whether a context word of a type other than ``ftype`` stands beside words ``i:i+n``.

        Beside: within :data:`_CUE_WINDOW` words, as a type cue must be ("quai à Konarak").
        """
        return any(
            (pos - (i + n) if pos >= i + n else i - pos) <= _CUE_WINDOW
            for t, found in ctx.items()
            if t != ftype
            for pos, _ in found
            if not (i <= pos < i + n)
        )

    @staticmethod
    def _site_hit(
        text: str,
        s: _Sentence,
        i: int,
        n: int,
        hits: list[AliasHit],
        site: tuple[GazetteerEntry, str],
        why: str,
    ) -> tuple[AliasHit, str, bool]:
        """Return the town at words ``i:i+n`` as the maker's site, and why (for ``_link_town``)."""
        entry, company = site
        toks = s.toks
        hit = next((h for h in hits if h.entry_id == entry.id), None) or AliasHit(
            entry.id, text[toks[i].start : toks[i + n - 1].end], True
        )
        return hit, f"{company!r} {why}", True

    def _base_noun_near(self, s: _Sentence, i: int, n: int) -> bool:
        """Whether a generic cue that is a word of basing ("base", "pangkalan", "база") is near.

        Within :data:`_CUE_WINDOW` words of ``i:i+n``, as :meth:`_cues_near` reads cues.
        """
        _, _, generic_at = self._typed_cues(s)
        lo, hi = max(0, i - _CUE_WINDOW), min(len(s.words), i + n + _CUE_WINDOW)
        roles = self.lex.naval_roles
        return any(
            lo <= a < hi
            and not (i <= a < i + n)
            and roles.get(s.words[a]) == FacilityType.NAVAL_BASE
            for a in generic_at
        )

    def _is_works(self, h: AliasHit) -> bool:
        """Whether a hit is a plant or yard (or a facility's core name: not a town's)."""
        return self.gaz[h.entry_id].type == FacilityType.DEFENSE_INDUSTRY

    def _roles(
        self, text: str, s: _Sentence, i: int, n: int
    ) -> dict[FacilityType, tuple[int, str]]:
        """Return the nearest word of shipbuilding and of basing to words ``i:i+n``, if any.

        Shipbuilding words (the lexicon's ``naval_roles.shipbuilding``, and every word of
        production) count as ``defense_industry``; basing words (``naval_roles.basing``) as
        ``naval_base``. Each is given as (distance in words, the word as written), within
        :data:`CONTEXT_WINDOW`.
        """
        if s.roles is None:
            found: list[tuple[int, int, FacilityType]] = []
            lex = self.lex
            for a in s.starts:
                for w, ftype in lex.phrases_at(s.words, a, lex.naval_roles, lex.role_words):
                    found.append((a, a + w, ftype))
            ctx = self._context(text, s)
            found += [
                (a, a + 1, FacilityType.DEFENSE_INDUSTRY)
                for a, _ in ctx.get(FacilityType.DEFENSE_INDUSTRY, ())
            ]
            s.roles = found
        out: dict[FacilityType, tuple[int, str]] = {}
        for a, b, ftype in s.roles:
            if a < i + n and b > i:
                continue
            d = a - (i + n) if a >= i + n else i - b + 1
            if d <= CONTEXT_WINDOW and (ftype not in out or d < out[ftype][0]):
                out[ftype] = (d, text[s.toks[a].start : s.toks[b - 1].end])
        return out

    def _role_choice(
        self, hits: list[AliasHit], roles: dict[FacilityType, tuple[int, str]]
    ) -> tuple[AliasHit, str] | None:
        """Choose between a town's shipyard and naval base by the nearest role word, if any."""
        yard = [h for h in hits if self._is_works(h)]
        base = [h for h in hits if self.gaz[h.entry_id].type == FacilityType.NAVAL_BASE]
        if not yard or not base or not roles:
            return None
        ftype, (_, word) = min(roles.items(), key=lambda kv: kv[1][0])
        return (yard if ftype == FacilityType.DEFENSE_INDUSTRY else base)[0], word

    def _named_beside(self, s: _Sentence, hits: list[AliasHit]) -> list[AliasHit]:
        """Facilities named before in the article of a hit's type, within that hit's precision.

        Both stand in the town the name is; the article has already said which one it means.
        """
        out: list[AliasHit] = []
        for h in hits:
            e = self.gaz[h.entry_id]
            for fid in sorted(s.named - {h.entry_id}):
                o = self.gaz.entries.get(fid)
                if o is None or o.type != e.type:
                    continue
                # within the hit's own uncertainty: a plant placed at its city's point shares
                # the city with the one named ("Kazan"); Polyarny is not Gadzhiyevo, 10 km off
                if distance_km(e.lon, e.lat, o.lon, o.lat) <= e.precision_km:
                    out.append(AliasHit(fid, h.alias, True))
        return out[:1]

    @staticmethod
    def _is_big_city(text: str, toks: Sequence[Token], i: int, n: int) -> bool:
        """Whether the name, as written, is that of a city of :data:`BIG_CITY` people or more."""
        key = key_of(text[toks[i].start : toks[i + n - 1].end])
        return any(p.population >= BIG_CITY for p in place_index().get(key, ()))

    def _place_of_another_phrase(self, s: _Sentence, i: int, hits: list[AliasHit]) -> bool:
        """Whether the name is the place of a facility phrase of another type before it.

        "fasilitas Dassault di Mérignac", "the shipyard at Severodvinsk": a company or a cue of
        one type, an at-word, then the town. The town says where that facility is; it is not
        the town's facility of another type (the air base of Mérignac).
        """
        toks, lex = s.toks, self.lex
        j = i - 1
        while j >= 0 and toks[j].cue in lex.articles:
            j -= 1
        if j < 1 or toks[j].cue not in lex.at_words:
            return False
        words = s.words
        types = {self.gaz[h.entry_id].type for h in hits}
        for w in range(1, min(lex.pattern_words, j) + 1):
            key = "".join(words[j - w : j])
            ftype = lex.patterns["before_at"].get(key)
            if ftype is not None and ftype not in types and key not in lex.generic_cues:
                return True  # ("the military base at Engels" names any facility: not this)
        return False

    def _locates_a_mention(self, text: str, s: _Sentence, i: int) -> bool:
        """Whether the name follows a facility just named: "X, near Bordeaux", "X, en Albacete".

        Such a town tells where the facility before it is; a context word elsewhere in the
        sentence does not make it a second facility.
        """
        toks = s.toks
        j = i - 1
        if j >= 2 and toks[j].cue in {"de", "da", "do"} and toks[j - 1].cue in _NEAR_WORDS:
            j -= 1  # "près de", "cerca de", "perto de"
        if j < 1:
            return False
        gap = text[toks[j - 1].end : toks[j].start].strip()
        if toks[j].cue in _NEAR_WORDS:
            # after a facility named, or after a facility phrase still to be read ("Bassel
            # Al-Assad Air Base near Latakia": the phrase stage places it later)
            typed, _, _ = self._typed_cues(s)
            ends_cue = any(
                b == j and a > 0 and text[toks[a - 1].start].isupper() for a, b, _ in typed
            )  # a name before the cue: "the missile division near Kozelsk" is that division
            return (s.covered[j - 1] or ends_cue) and gap in {"", ","}
        # "la base de Los Llanos, en Albacete", "the Jiangnan shipyard in Shanghai": "in" right
        # after a facility's name says where it is
        # "Komando Armada III (Koarmada III) di Sorong": its short name in brackets between
        return (
            toks[j].cue in s.venue_preps
            and s.covered[j - 1]
            and (gap in {",", ")", "),"} or (gap == "" and j in s.named_ends))
        )

    def _site_preposition_before(self, text: str, s: _Sentence, i: int) -> bool:
        """Whether a place preposition or a plant's word stands before word ``i``.

        "di PT PAL", "at the Bath Iron Works", "pabrik Pindad": the company's name stands for
        its site. French "à" is read as written: folded, it is the English article "a".
        """
        toks, j = s.toks, i - 1
        for w in (1, 2):
            key = "".join(t.cue for t in toks[max(i - w, 0) : i])
            if i - w >= 0 and (
                self.lex.type_cues.get(key) == FacilityType.DEFENSE_INDUSTRY
                or key in self.lex.site_words
            ):
                return True
        while j >= 0 and toks[j].cue in self.lex.articles:
            j -= 1
        if j < 0:
            return False
        return toks[j].cue in self.lex.site_prepositions or text[toks[j].start : toks[j].end] in (
            "à",
            "À",
        )

    def _own_town_after(self, text: str, s: _Sentence, j: int, hits: list[AliasHit]) -> bool:
        """Whether the company's name is followed by the town of its site ("Dahana di Subang").

        A company "at" the town where the gazetteer has its site names that site; "PT PAL di
        Jakarta" (a head office, a stand at a fair) does not.
        """
        return any(self._is_own_town(name, hits) for _, name in self._names_after_at(text, s, j))

    def _own_town_before(self, text: str, s: _Sentence, i: int, hits: list[AliasHit]) -> bool:
        """Whether the sentence opens "at" the company's site town, before its name.

        "En Córdoba, la Fábrica Argentina de Aviones entregará ...": the maker acting in the
        town of its site, as "PT DI rolled out the aircraft in Bandung" has it after. Only a
        sentence's opening words count: "en el Área Material Río Cuarto, en Córdoba, donde
        técnicos de la FAdeA trabajan" names the province that holds another town.
        """
        return i <= _OWN_TOWN_BEFORE and any(
            end <= i and self._is_own_town(name, hits)
            for end, name in self._names_after_at(text, s, 0)
        )

    def _is_own_town(self, name: str, hits: list[AliasHit]) -> bool:
        """Whether a place called ``name`` is the town of one of the hits' sites."""
        for h in hits:
            e = self.gaz[h.entry_id]
            place = lookup_place(name, near=(e.lat, e.lon), prefer_countries=(e.country,))
            if place is not None and distance_km(e.lon, e.lat, place.lon, place.lat) <= max(
                OWN_TOWN_KM, e.precision_km
            ):
                return True
        return False

    def _other_type_touches(self, s: _Sentence, i: int, n: int) -> bool:
        """Whether a type cue ends right before words ``i:i+n`` or starts right after them.

        Called once no facility of the town has that cue's type: the name is then that cue's
        ("radar Voronezh" is the radar model, "Severodvinsk airfield" the airfield), and a
        word of another type elsewhere in the sentence ("dibangun", built) does not make it
        the town's plant.
        """
        typed, _, _ = self._typed_cues(s)
        generic = self.lex.generic_cues  # "военную базу Энгельс": a base of any kind
        # "su planta de El Bosque": an "of" word may join the cue to the name
        of = i >= 1 and s.toks[i - 1].cue in _OF_WORDS
        return any(
            (b == i or a == i + n or (of and b == i - 1))
            and "".join(s.words[a:b]) not in generic
            for a, b, _ in typed
        )

    def _names_after_at(self, text: str, s: _Sentence, j: int) -> list[tuple[int, str]]:
        """Return the capitalised names of one to three words after an "at" word ``j``.

        Longest first, each as (index after its last word, name as written): "Lumut, Perak"
        is tried as "Lumut" only once the longer reading names nothing.
        """
        if j + 1 >= len(s.toks) or not self._at_word(text, s, j):
            return []
        if s.toks[j + 1].cue in self.lex.articles and j + 2 < len(s.toks):
            # "en el Callao", "à la Seyne": the article before a town's name
            return self._names_from(text, s, j + 2) or self._names_from(text, s, j + 1)
        return self._names_from(text, s, j + 1)

    @staticmethod
    def _names_from(text: str, s: _Sentence, k: int) -> list[tuple[int, str]]:
        """Return the capitalised names of one to three words starting at word ``k``.

        Longest first, each as (index after its last word, name as written).
        """
        toks = s.toks
        if k >= len(toks) or not text[toks[k].start].isupper():
            return []
        end = k + 1
        while end < len(toks) and end - k < 3 and text[toks[end].start].isupper():
            end += 1
        return [(stop, text[toks[k].start : toks[stop - 1].end]) for stop in range(end, k, -1)]

    def _at_word(self, text: str, s: _Sentence, j: int) -> bool:
        """Whether word ``j`` puts a company at a town: "di", "in", "en", "bei", "à", "a".

        French "à" (and Italian "a" in an Italian article) is read as written: folded, it is
        the English article "a".
        """
        t = s.toks[j]
        return (
            t.cue in s.venue_preps
            or t.cue in self.lex.site_prepositions
            or text[t.start : t.end] in s.venue_written
        )

    def _company_sites(self, key: str) -> list[GazetteerEntry]:
        """Return the plants and yards of the arms maker whose lexicon key is ``key``.

        A site is the company's when the company's name is a run of words of the site's
        operator, name or company names ("Navantia" in "Navantia", "Naval Group" in "Naval
        Group", "Lockheed Martin" in "US Air Force (owner); Lockheed Martin Aeronautics").
        """
        if self._sites_by_company is None:
            by: dict[str, list[GazetteerEntry]] = {}
            for e in self._by_type.get(FacilityType.DEFENSE_INDUSTRY, ()):
                for k in self._maker_keys((e.operator, e.name, *e.company_names)):
                    by.setdefault(k, []).append(e)
            self._sites_by_company = by
        return self._sites_by_company.get(key, [])

    def _maker_keys(self, names: Iterable[str]) -> set[str]:
        """Return the lexicon's arms makers whose names are runs of words of ``names``."""
        longest = max((len(k) for k in self.lex.companies), default=0)
        keys: set[str] = set()
        for name in names:
            norms = [tok.norm for tok in tokens(name)]
            for a in range(len(norms)):
                run = ""
                for b in range(a, len(norms)):
                    run += norms[b]
                    if len(run) > longest:
                        break
                    if run in self.lex.companies:
                        keys.add(run)
        return keys

    def _company_site_at(
        self, text: str, s: _Sentence, a: int, b: int
    ) -> tuple[GazetteerEntry, int, str] | None:
        """Return the site of the company named by words ``a:b`` in the town named after it.

        "Navantia en Ferrol", "Leonardo a Cameri", "Rheinmetall in Unterlüß", "par Hensoldt à
        Ulm": an arms maker, a place preposition, then the town of one of its plants or yards
        names that site, whatever else the sentence says. Returns the site, the end of the
        town's words and the town as written; None when the company has no site there ("Navantia
        en Madrid" is the company, not a place of production).
        """
        key = "".join(s.words[a:b])
        sites = self._company_sites(key) if key in self.lex.companies else []
        if not sites:
            return None
        if self._possessive_at(text, s, b):
            # "Raytheon's Tucson facility", "Saab's Linköping plant": the company's own site
            names, first = self._names_from(text, s, b + 1), b + 1
        elif b < len(s.toks) and s.toks[b].cue in _OF_WORDS and self._premises_before(s, a):
            # "le site KNDS de Roanne", "l'usine Safran de Gennevilliers": the premises word,
            # the maker, then "de" and the town the premises are in
            names, first = self._names_from(text, s, b + 1), b + 1
        else:
            names, first = self._names_after_at(text, s, b), b + 1
        for stop, name in names:
            if not self._joinable(text, s.toks, first, stop - first):
                continue
            if (site := self._site_in_town(sites, name)) is not None:
                return site, stop, name
        return None

    def _names_something_else(self, text: str, s: _Sentence, i: int, n: int) -> bool:
        """Whether the town at words ``i:i+n`` stands for something other than a place.

        A fleet, a person (a surname the article gave with a first name), a university, an
        earlier meeting, a government, an office, a ship's namesake or a home town: each is
        named after the town, and none is its facility, whatever the sentence says of ships
        or aircraft.
        """
        toks = s.toks
        if (
            i + n < len(toks)
            and toks[i + n].cue in self.lex.fleet_words
            and not (i + n + 1 < len(toks) and toks[i + n + 1].cue in self.lex.cue_tokens)
        ):
            # "командующего Черноморским флотом": the fleet, no yard or base ("the Yokosuka
            # fleet base" is one)
            return True
        if n == 1 and surname_key(text[toks[i].start : toks[i].end]) in s.surnames:
            return True  # "..., добавил Жуковский" after "генерал-майор Олег Жуковский"
        if phrase_ends_at(self.lex.institution_before, text, s, i):
            return True  # "a course at the University of Bath": the university's name
        if i > 0 and self._at_word(text, s, i - 1) and self._background_meeting(text, s, i - 1):
            # "the chairman, who had spoken at a shipbuilding forum in Mobile last week": an
            # earlier meeting's town, whatever the forum was about
            return True
        if (
            i + n < len(toks)
            and toks[i + n].cue in self.lex.metonym_verbs
            and is_capital(text[toks[i].start : toks[i + n - 1].end])
        ):
            return True  # "whose runway Riga plans to extend": the government, no air base
        if self._in_title(text, s, i):
            return True  # "the mayor of Norfolk", "мэр Владивостока": an office's town
        if self._namesake_before(text, s, i):
            return True  # "the frigate, named after the naval port of Toulon": a namesake
        # "prajurit asal Makassar", "marines from Surabaya": where people are from
        return self._home_town(text, s, i, n)

    def _home_town(self, text: str, s: _Sentence, i: int, n: int) -> bool:
        """Whether the town at word ``i`` is where people come from, not a facility there.

        After "asal", "уроженец", "native of" always; after people and "from" ("marines from
        Surabaya") when it is a city of :data:`BIG_CITY` people or more and no facility word
        stands beside it ("troops from the Surabaya naval base" is the base).
        """
        lex = self.lex
        if phrase_ends_at(lex.origin_before, text, s, i):
            return True
        return (
            lex.people_from_before is not None
            and self._is_big_city(text, s.toks, i, n)
            and not self._cue_touches(s, i, n)
            and phrase_ends_at(lex.people_from_before, text, s, i)
        )

    def _sets_out_from_port(self, text: str, s: _Sentence, i: int, n: int) -> bool:
        """Whether a load sets out from the big city named at word ``i`` ("dari Surabaya").

        A port city of :data:`BIG_CITY` people or more is where merchant and naval ships alike
        load; cargo "from" it says nothing of its naval base. Without a word of cargo in the
        sentence, "a missile corvette from Keelung" is the warship's base. A small town's name after
        "from" ("sailed from Gadzhiyevo") is its base's, and a facility word beside the name
        ("from Norfolk naval base") names the base before this is asked.
        """
        return (
            not self.lex.cargo_words.isdisjoint(s.words)
            and phrase_ends_at(self.lex.ship_from_before, text, s, i)
            # a route is a route whatever the town's size: "грузы флот получит через Корсаков"
            and (
                (i > 0 and s.toks[i - 1].cue in _VIA_WORDS)
                or self._is_big_city(text, s.toks, i, n)
            )
        )

    def _named_by_words_before(
        self, text: str, s: _Sentence, i: int, n: int, hits: list[AliasHit]
    ) -> AliasHit | None:
        """Return the one of ``hits`` named by the words before the town and the town.

        One to three words right before the town (or before an "at" word before it) and the
        town make a name of that facility: "Naval Dockyard in Visakhapatnam" is "Naval
        Dockyard Visakhapatnam".
        """
        toks = s.toks
        end = i - 1 if i > 0 and self._at_word(text, s, i - 1) else i
        town = key_of(text[toks[i].start : toks[i + n - 1].end])
        for a in range(max(0, end - 3), end):
            words = key_of(text[toks[a].start : toks[end - 1].end]) + town
            # the alias index: a facility's own names (not its towns or bare core names)
            named = {h.entry_id for h in self.index.get(words, ()) if not h.town and not h.core}
            found = [h for h in hits if h.entry_id in named]
            if len(found) == 1:
                return found[0]
        return None

    def _premises_before(self, s: _Sentence, a: int) -> bool:
        """Whether a word of a maker's premises ends right before word ``a`` ("site", "usine")."""
        if a < 1:
            return False
        if s.toks[a - 1].cue in _SITE_NOUNS:
            return True
        typed, _, _ = self._typed_cues(s)
        return any(b == a and t is FacilityType.DEFENSE_INDUSTRY for _, b, t in typed)

    def _site_in_town(self, sites: list[GazetteerEntry], name: str) -> GazetteerEntry | None:
        """Return the one of ``sites`` in or nearest the town ``name``, if any lies there.

        A site is there when the town is one of its towns, or the town's point lies within
        :data:`COMPANY_TOWN_KM` of it (:data:`METRO_KM` for a metropolis, whose suburbs share
        its name), or within the site's own precision.
        """
        key = key_of(name)
        best: tuple[float, GazetteerEntry] | None = None
        for e in sites:
            if key in self._town_keys.get(e.id, ()):
                d = 0.0
            else:
                place = lookup_place(name, near=(e.lat, e.lon), prefer_countries=(e.country,))
                if place is None:
                    continue
                d = distance_km(e.lon, e.lat, place.lon, place.lat)
                reach = METRO_KM if place.population >= METROPOLIS else COMPANY_TOWN_KM
                if d > max(reach, e.precision_km):
                    continue
            if best is None or d < best[0]:
                best = (d, e)
        return best[1] if best is not None else None

    def _company_earlier(
        self, text: str, s: _Sentence, i: int, n: int
    ) -> tuple[GazetteerEntry, str] | None:
        """Return the site of an arms maker named in the sentence, at the town ``i:i+n``.

        "PT PAL delivered the frigate at Surabaya", "Hanwha Ocean launched the submarine in
        Geoje", "Dari Surabaya, PT PAL melaporkan...": the maker acts, and the place where it
        acts is its yard or plant there, not the naval base of the same town. Only when the
        town follows an "at" or "from" word (not one of speaking: "said in") and the company
        has a site there; a cue of another type beside the town ("the naval base at Surabaya")
        keeps that type.
        """
        if i < 1 or self._spoken_at(s, i - 1):
            return None
        if not (
            self._at_word(text, s, i - 1)
            or s.toks[i - 1].cue in _FROM_WORDS
            or self._works_of(s, i - 1)
        ):
            return None
        words = s.words
        most = self.lex.pattern_words
        name = text[s.toks[i].start : s.toks[i + n - 1].end]
        # the nearest maker counts, looking back to the start of the clause ("Rheinmetall baut
        # in Unterlüß; KNDS fertigt in Kassel": Kassel is KNDS's, not Rheinmetall's); after the
        # town, one right after it ("Dari Surabaya, PT PAL melaporkan")
        starts = [
            a
            for a in range(i - 2, -1, -1)
            if not any(c in text[s.toks[a].end : s.toks[a + 1].start] for c in ";:")
        ]
        stop = next((k for k, a in enumerate(starts) if a != i - 2 - k), len(starts))
        order = starts[:stop] + list(range(i + n, min(len(words), i + n + _COMPANY_AFTER_WORDS)))
        for a in order:
            for w in range(min(most, len(words) - a), 0, -1):
                if a < i - 1 < a + w or a < i < a + w:
                    continue  # the company's name may not take in the town or its preposition
                key = "".join(words[a : a + w])
                if key not in self.lex.companies or not text[s.toks[a].start].isupper():
                    continue
                sites = self._company_sites(key)
                if not sites:
                    return None  # the nearest maker has no site in the knowledge base
                if (site := self._site_in_town(sites, name)) is not None:
                    return site, text[s.toks[a].start : s.toks[a + w - 1].end]
                return None  # the nearest maker has none there
        return None

    def _company_site_later(
        self, text: str, s: _Sentence, a: int, b: int
    ) -> tuple[GazetteerEntry, int, int, str] | None:
        """Return the site of the arms maker at words ``a:b`` in a town named later on.

        "PT Dirgantara Indonesia rolled out the aircraft in Bandung": within
        :data:`_ACTS_AT_WORDS` words after the maker, an "at" word and the town of one of its
        sites name that site (see :meth:`_company_earlier`). Returns the site, the town's
        first word and the index after its last, and the town as written.
        """
        key = "".join(s.words[a:b])
        sites = self._company_sites(key) if key in self.lex.companies else []
        if not sites:
            return None
        toks = s.toks
        for j in range(b, min(len(toks) - 1, b + _ACTS_AT_WORDS)):
            if text[toks[j - 1].end : toks[j].start].strip() in (";", ":", "—", "–"):
                break  # another clause
            if s.covered[j + 1] or not self._at_word(text, s, j) or self._spoken_at(s, j):
                continue
            for stop, name in self._names_after_at(text, s, j):
                if any(s.covered[j + 1 : stop]) or not self._joinable(
                    text, toks, j + 1, stop - j - 1
                ):
                    continue
                cues, generic = self._cues_near(s, j + 1, stop - j - 1, s.covered)
                if (cues - {FacilityType.DEFENSE_INDUSTRY}) or generic:
                    return None  # "... handed over at the naval base in Surabaya"
                if (site := self._site_in_town(sites, name)) is not None:
                    return site, j + 1, stop, name
        return None

    def _works_of(self, s: _Sentence, j: int) -> bool:
        """Whether word ``j`` is an "of" word after a noun of a maker's premises.

        "depuis son site de Lorient", "l'usine de Bourges": the town is where the premises
        are, as after "at".
        """
        if j < 1 or s.toks[j].cue not in _OF_WORDS:
            return False
        if s.toks[j - 1].cue in _SITE_NOUNS:
            return True
        typed, _, _ = self._typed_cues(s)
        return any(b == j and t is FacilityType.DEFENSE_INDUSTRY for _, b, t in typed)

    def _rival_maker(self, text: str, s: _Sentence, i: int, ids: set[str]) -> bool:
        """Whether an arms maker named just before word ``i`` owns none of the sites ``ids``.

        "the MBDA plant in Bourges", "MBDA's Bourges plant", "l'usine MBDA de Bourges": the
        works named are MBDA's; the town's other plant (KNDS's) is not what the article
        speaks of. Only when every candidate is a plant or yard, and only the nearest maker
        within :data:`_RIVAL_WORDS` words of the same clause counts.
        """
        if not all(self.gaz[f].type is FacilityType.DEFENSE_INDUSTRY for f in ids):
            return False
        words, most = s.words, self.lex.pattern_words
        for end in range(i, max(0, i - _RIVAL_WORDS) - 1, -1):
            if end < i and any(c in text[s.toks[end - 1].end : s.toks[end].start] for c in ";:,"):
                return False  # another clause or list item
            for w in range(min(most, end), 0, -1):
                key = "".join(words[end - w : end])
                if key in self.lex.companies and text[s.toks[end - w].start].isupper():
                    # a rival only when every site is known to be another maker's: "HAL" is
                    # in the aliases of HAL's Nashik plant, whose operator is "Hindustan
                    # Aeronautics Limited"
                    for f in ids:
                        e = self.gaz[f]
                        names = (e.operator, e.name, *e.company_names, *e.aliases)
                        makers = self._maker_keys(names)
                        if not makers or key in makers:
                            return False
                    return True
        return False

    def _spoken_at(self, s: _Sentence, j: int) -> bool:
        """Whether the "at" word ``j`` follows a word of speaking ("said in Fort Worth").

        One word may stand between: "a annoncé mardi à Nouméa", "said Tuesday in Darwin".
        """
        return any(s.toks[k].cue in self.lex.speech_words for k in range(max(0, j - 2), j))

    @staticmethod
    def _possessive_at(text: str, s: _Sentence, j: int) -> bool:
        """Whether word ``j`` is the "s" of an English possessive ("Raytheon's")."""
        toks = s.toks
        return (
            0 < j < len(toks)
            and toks[j].norm == "s"
            and text[toks[j - 1].end : toks[j].start] in ("'", "’")
        )

    def _company_before(self, text: str, s: _Sentence, i: int) -> tuple[GazetteerEntry, str] | None:
        """Return the site of the arms maker named right before the town at word ``i``, if any.

        "construit par Naval Group à Cherbourg": the town is Naval Group's yard, not the naval
        base that shares its name, whichever words of either stand nearer.
        """
        j = i - 1
        if j < 1 or not (self._at_word(text, s, j) or self._possessive_at(text, s, j)):
            return None
        for w in range(min(self.lex.pattern_words, j), 0, -1):
            if "".join(s.words[j - w : j]) not in self.lex.companies:
                continue
            if not text[s.toks[j - w].start].isupper():
                continue
            found = self._company_site_at(text, s, j - w, j)
            if found is not None and found[1] > i:
                company = text[s.toks[j - w].start : s.toks[j - 1].end]
                return found[0], company
        return None

    def _namesakes_apart(self, hits: list[AliasHit]) -> bool:
        """Whether the hits name facilities more than 50 km apart (a name that fits two)."""
        es = [self.gaz[h.entry_id] for h in hits]
        return any(distance_km(a.lon, a.lat, b.lon, b.lat) > 50 for a in es for b in es)

    def _civil_qualified(self, s: _Sentence, a: int, b: int) -> bool:
        """Whether a civil word qualifies the facility words ``a:b`` ("oil depot", "depo BBM").

        English and German put the qualifier before the noun, the Romance languages, Indonesian
        and Russian after it, sometimes behind a linking word ("dépôt de carburant").
        """
        civil, words = self.lex.civil_qualifiers, s.words
        after = words[b : b + 2]
        if after and after[0] in _LINKING_WORDS:
            after = after[1:]
        return (a > 0 and words[a - 1] in civil) or (bool(after) and after[0] in civil)

    def _cues_near(
        self, s: _Sentence, i: int, n: int, covered: Sequence[bool] = ()
    ) -> tuple[set[FacilityType], bool]:
        """Facility types named by cue words that touch the window of words around a name.

        A cue counts when any of its words lies within :data:`_CUE_WINDOW` words of the name
        ("uji coba nuklir di Novaya Zemlya", "Okno optical space-surveillance station") and
        none lies inside the name itself, nor in ``covered`` words (a cue that is part of
        another facility's name, "F-16 Falcon di Pangkalan Udara Osan", names that one). The
        flag says whether a cue of any facility ("base", "pangkalan", "объект") is there too.
        """
        found: set[FacilityType] = set()
        lo, hi = max(0, i - _CUE_WINDOW), min(len(s.words), i + n + _CUE_WINDOW)
        typed, in_typed, generic_at = self._typed_cues(s)
        for a, b, t in typed:
            if a >= hi or b <= lo or (a < i + n and b > i) or any(covered[a:b]):
                continue
            found.add(t)
        # "base" alone is a cue of any facility ("the base at Engels"); inside a typed cue
        # ("Air Base on Sangley Point") it says that type only, so it links no other type
        generic = any(
            lo <= a < hi and not (i <= a < i + n) and a not in in_typed for a in generic_at
        )
        return found, generic

    def _typed_cues(
        self, s: _Sentence
    ) -> tuple[list[tuple[int, int, FacilityType]], set[int], list[int]]:
        """Return the sentence's type cues, the words inside them, and its generic cues' places.

        Found once a sentence (see :attr:`_Sentence.typed`); :meth:`_cues_near` keeps those
        near a name.
        """
        if s.typed is None:
            lex, words = self.lex, s.words
            typed = [
                (a, a + w, t)
                for a in s.starts
                for w, t in lex.phrases_at(words, a, lex.type_cues, lex.cue_words)
                if not self._civil_qualified(s, a, a + w)  # "an oil depot near Toropets"
            ]
            inside = {
                k
                for a, b, _ in typed
                if "".join(words[a:b]) not in lex.generic_cues  # "military base": any facility
                for k in range(a, b)
            }
            generic_at = [a for a, w in enumerate(words) if w in lex.generic_cues]
            s.typed = (typed, inside, generic_at)
        return s.typed

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

    def _resolve_exact(
        self, article: Article, s: _Sentence, i: int, n: int, hits: list[AliasHit]
    ) -> Mention | None:
        toks = s.toks
        start, end = toks[i].start, toks[i + n - 1].end
        surface = article.text[start:end]
        if self._region_cue_before(toks, i):
            return None  # "Kabupaten Malang": a regency, neither the city nor a facility
        if (
            is_cyrillic(surface)
            and all(h.town or h.core for h in hits)
            and country_code_of(surface) is not None
        ):
            # «Судан пока не дал согласия»: the country, not a declined form of Souda
            return None
        if i in s.quoted:
            # «Пермь»: a quoted name is a ship's or a firm's, not the town of that name
            hits = [h for h in hits if not h.town and not h.core]
            if not hits:
                for k in range(i, i + n):
                    s.covered[k] = True
                return None
        if self._town_cue_before(toks, i):
            # "kota Baikonur", "the border town of Lethem": the town, not the facility of its
            # name; a town is mapped only where something happens there (the venue pass)
            return None
        cues, _ = self._cues_near(s, i, n)
        if country := self._country_cue(article.text, s, i):
            hits = [h for h in hits if self.gaz[h.entry_id].country == country]
            if not hits:
                return None  # another country's namesake: the phrase is left to the lists
        if not surface.isupper():
            hits = [h for h in hits if not h.acronym]
            if not hits:
                return None
        if " " not in surface:
            # "Des essais" (French "some") has the key of Dyess: one of a language's most
            # frequent words, spelt otherwise than the name, is that word, not a variant
            # spelling of the name (inflected names such as «Энгельс» are far less frequent)
            spelt = _spelt(surface)
            same = [h for h in hits if _spelt(h.alias) == spelt]
            if len(same) < len(hits) and is_common_word(surface, _FUNCTION_WORD_ZIPF):
                hits = same
                if not hits:
                    return None
        capitalised = [text_is_capitalised(article.text, t.start) for t in toks[i : i + n]]
        if not any(capitalised):
            # a town's name is written capitalised: "des" (French) is not Dyess
            hits = [h for h in hits if not h.town]
            if not hits:
                return None
        elif not capitalised[0]:
            # a lower-case word glued to a name is no spelling of a one-word town: "a Saab"
            # (Portuguese "with Saab") is not Assab; "île du Levant" keeps its words
            hits = [h for h in hits if not h.town or " " in h.alias.strip()]
            if not hits:
                return None
        if (
            # "PT PAL Indonesia, yang membangun KRI Semarang": the company acting, no site
            all(h.company for h in hits)
            and not self._site_preposition_before(article.text, s, i)
            and not self._own_town_after(article.text, s, i + n, hits)
            and not self._own_town_before(article.text, s, i, hits)
        ) or self._maker_speaks(article.text, s, i + n, hits):
            # ... or "Hellenic Shipyards said it was bidding": a yard's name as its company's
            for k in range(i, i + n):
                s.covered[k] = True
            return None
        named = [h for h in hits if not h.town]
        if (
            named
            and all(h.alias.casefold() != surface.casefold() for h in named)
            and self._inside_longer_name(article.text, s, i, n, after=False)
        ):
            # "Bassel Al-Assad Air Base": a name spelt like "Al Asad Air Base" inside a longer
            # one is the longer one's (Syria's Hmeimim, not Iraq's Al Asad)
            named = []
            if not [h for h in hits if h.town]:
                return None
        if named and (far := self._numbered_elsewhere(article.text, s, i + n, named)):
            # "la base aérienne 101 de Bamako-Sénou": Mali's BA 101, not France's closed one
            named = [h for h in named if h not in far]
            if not named:
                return None
        link, beside = "", True
        if named and self._namesakes_apart(named):
            # one name, two facilities far apart ("Devonport Naval Base": Plymouth and
            # Auckland): the one in a country the article names or has named a facility in
            named = self._in_article_countries(article, s, named)
            if not named:
                # a name that fits two places is not guessed, nor read again as a phrase
                # placed at the largest town of the name
                for k in range(i, i + n):
                    s.covered[k] = True
                return None
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
        elif best.town and link and self._town_abroad_too(surface, self.gaz[best.entry_id].country):
            # "Portsmouth Naval Shipyard ... Portsmouth" in an article on US yards: a town
            # spelt like a big one in another country stands for its facility only in an
            # article about that facility's country (checked once the article is read)
            m.extra["core"] = "far"
        if link:
            what = (
                f"{surface!r} is the distinctive part of its name {best.alias!r}"
                if best.core
                else f"{best.alias!r} is the town of the facility"
            )
            m.extra["linked_by"] = f"{what}; {link}"
        return m

    @staticmethod
    def _town_abroad_too(name: str, country: str) -> bool:
        """Whether a town of some size outside ``country`` is called ``name``.

        Of :data:`NAMESAKE_ABROAD` people or more: Portsmouth, New Hampshire for the British
        base's town.
        """
        return any(
            p.country != country and p.population >= NAMESAKE_ABROAD
            for p in place_index().get(key_of(name), ())
        )

    def _cue_touches(self, s: _Sentence, i: int, n: int) -> bool:
        """Whether a cue word stands right next to words ``i:i+n`` ("Holston plant")."""
        toks, lex = s.toks, self.lex
        near = [k for k in (i - 1, i + n) if 0 <= k < len(toks)]
        return any(toks[k].cue in lex.cue_tokens for k in near)

    def _numbered_elsewhere(
        self, text: str, s: _Sentence, j: int, named: list[AliasHit]
    ) -> list[AliasHit]:
        """Return the numbered facilities that the place named after word ``j`` rules out.

        Numbers are reused: France's BA 101 was at Toulouse, Mali's at Bamako; "the 4th
        Fighter Wing" is a unit of more than one air force. "base aérienne 101 de
        Bamako-Sénou", "Wing 4 at Cold Lake": the place after the name says which. A name
        with a number whose facility lies in another country, more than
        :data:`NUMBERED_ELSEWHERE_KM` from that place, is not the one meant.
        """
        toks = s.toks
        numbered = [h for h in named if any(c.isdigit() for c in h.alias)]
        if not numbered or j >= len(toks):
            return []
        if not (toks[j].cue in _OF_WORDS or self._at_word(text, s, j)):
            return []
        far: list[AliasHit] = []
        for h in numbered:
            e = self.gaz[h.entry_id]
            # the whole capitalised run only: "in Nova Scotia" is no place called "Nova"
            for _, name in self._names_from(text, s, j + 1)[:1]:
                if key_of(name) in self.lex.never or key_of(name) in self._town_keys.get(e.id, ()):
                    break  # a region, or the facility's own town
                # "Bamako-Sénou" (the airport's quarter) is read as its town when unknown
                place = lookup_place(
                    name, near=(e.lat, e.lon), prefer_countries=(e.country,)
                ) or lookup_place(name.split("-")[0], near=(e.lat, e.lon))
                # another country's place: "3 Wing Bagotville in Quebec" stays Canadian
                if (
                    place is not None
                    and place.country != e.country
                    and distance_km(place.lon, place.lat, e.lon, e.lat) > NUMBERED_ELSEWHERE_KM
                ):
                    far.append(h)
        return far

    def _civil_air_in(self, text: str, s: _Sentence) -> bool:
        """Whether the sentence speaks of airliners ("Pesawat Garuda Indonesia dari Makassar").

        A word of civil aviation inside a country's name is the country's: "The United Arab
        Emirates has completed a runway at Berbera" says nothing of the airline Emirates.
        """
        civil = self.lex.civil_air_words
        toks = s.toks
        for k, w in enumerate(s.words):
            if w not in civil:
                continue
            a = k
            while (
                a > 0
                and text[toks[a - 1].start].isupper()
                and self._joinable(text, toks, a - 1, 2)
            ):
                a -= 1
            if any(
                country_code_of(text[toks[b].start : toks[k].end]) is not None for b in range(a, k)
            ):
                continue  # "(The) United Arab Emirates"
            return True
        return False

    @staticmethod
    def _after_given_name(text: str, s: _Sentence, i: int) -> bool:
        """Whether word ``i`` follows a capitalised word and a name particle ("Charles de").

        A facility named after a person ("Camp de Gaulle", "Lucius D. Clay Kaserne") has the
        person's surname as its distinctive part; after a given name and "de", "von", "van"
        the surname is the person's, or a ship's named after them.
        """
        toks = s.toks
        if i < 2 or toks[i - 1].norm not in _NAME_PARTICLES:
            return False
        particle = text[toks[i - 1].start : toks[i - 1].end]
        return (
            particle.islower()
            and text[toks[i - 2].end : toks[i - 1].start] == " "
            and text[toks[i - 1].end : toks[i].start] == " "
            and text[toks[i - 2].start].isupper()
        )

    def _after_first_name(self, text: str, s: _Sentence, i: int) -> bool:
        """Whether word ``i`` reads as a surname.

        It does after one capitalised word, itself after a lower-case word or a rank, in a
        sentence not written in title case: "сообщил генерал-майор Олег Жуковский", "said
        Captain Arjun Kota" (a given name and a surname). A headline ("Navy Steps Up Penghu
        Patrols") capitalises every word.
        """
        toks = s.toks
        if i < 2 or text[toks[i - 1].end : toks[i].start] != " ":
            return False
        first, before = text[toks[i - 1].start : toks[i - 1].end], text[toks[i - 2].start]
        if not looks_like_given_name(first):
            return False
        if not (before.islower() or toks[i - 2].cue in self.lex.rank_words):
            return False
        words = [text[t.start] for t in toks if text[t.start].isalpha()]
        return sum(c.isupper() for c in words) * 2 < len(words)

    def _inside_longer_name(
        self, text: str, s: _Sentence, i: int, n: int, *, after: bool = True
    ) -> bool:
        """Whether words ``i:i+n`` run on into other capitalised words (not cue words).

        ``after=False`` looks at the words before only (a region may follow a town: "Ясный
        Оренбургской области").

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
                and not _german_noun(text[t.start : t.end])
            )

        # "General Dynamics' Lima plant": a plural's possessive ends the name before it
        possessive = i > 0 and text[toks[i - 1].end : toks[i].start][:1] in ("'", "’")
        before = (
            i > 1 and not possessive and self._joinable(text, toks, i - 1, 2) and name_word(i - 1)
        )
        # "Комсомольске-на-Амуре", "Rostov-on-Don": a particle between two name words
        before = before or (
            i > 1
            and toks[i - 1].norm in _PARTICLES
            and text[toks[i - 2].end : toks[i - 1].start] in _HYPHENS
            and text[toks[i - 1].end : toks[i].start] in _HYPHENS
            and text[toks[i - 2].start].isupper()
        )
        if not after:
            return before
        return (
            before
            or (i + n < len(toks)
            and self._joinable(text, toks, i + n - 1, 2)
            and name_word(i + n))
        )


def _german_noun(word: str) -> bool:
    """Whether a capitalised word is a common German noun and no common English word.

    German writes every noun capitalised: "aus Nörvenich Einsätze" is a town and a noun, not
    a longer name, while "Engels Street" is one.
    """
    return is_common_in(word, ("de",), 3.0) and not is_common_in(word, ("en",), 3.0)


#: Zipf frequency of a language's few hundred most frequent words ("des", "la", "the"):
#: 5.5 is about once in 300,000 words; towns' names rarely reach it ("Nice" is 5.4)
_FUNCTION_WORD_ZIPF = 5.5


def _spelt(name: str) -> str:
    """Return a name as spelt, ignoring case and accents only ("Orléans" = "ORLEANS")."""
    return unidecode(name).casefold()
