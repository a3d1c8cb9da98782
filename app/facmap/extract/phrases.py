"""Stage 2b, facility phrases the gazetteer lacks: "X Air Base", "Kosmodrom X", "the depot near X".

Placed from the reference lists (airfields, GCAT launch sites), at the known facility of the
type near the town named, at that town (review), or at the town the article names beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .._text import Token, is_cyrillic, key_of, name_variants
from ..countries import country_code_of, demonym, nationality_of, run_by
from ..geo import distance_km
from ..places import FACILITY_COUNTRY_SPAN, Place, lookup_place, plain_name
from ..secondary import (
    CUE_COUNTRIES,
    MILITARY_AIR_CUES,
    Reference,
)
from ..types import Article, FacilityType, GazetteerEntry, Mention
from ._base import (
    _ADMIN_WORDS,
    _ICAO_AFTER,
    CURATED_RADIUS_KM,
    FOREIGN_TOWN_MIN_POPULATION,
    NEAR_FACILITY_KM,
    _Sentence,
)
from .candidates import _Candidates
from .linking import _OF_WORDS

#: a town this big decides between reference rows of its name ("Naha Air Base": Naha, Japan)
TOWN_DECIDES_POPULATION = 50_000
#: ... when exactly one row lies within this distance of it
TOWN_ROW_KM = 25.0
#: words that write "number" before a unit's number ("n.º 1", "No. 11", "Nr. 3", "nomor 2")
#: the joins of a compound base name ("McGuire-Dix-Lakehurst", "Pearl Harbor–Hickam")
_COMPOUND_SPLIT = re.compile(r"\s*[-–—/]\s*")
#: how many capitalised words of a maker's name may stand between a plant word and its town
_MAKER_WORDS = 5
_NUMBER_SIGNS = frozenset({"n", "no", "nr", "nro", "o", "num", "numero", "nomor"})


def _past_unit_number(
    toks: Sequence[Token], j: int, *, most: int, also: frozenset[str] = frozenset()
) -> int:
    """Return where the words from ``j`` that write a unit's number ("n.º 1", "No. 11") end.

    At most ``most`` words are passed; words whose cue form is in ``also`` (fillers such as
    "Militar") are passed too. ``j`` itself when none is there.
    """
    k = j
    while (
        k < len(toks)
        and k - j < most
        and (toks[k].norm.isdigit() or toks[k].norm in _NUMBER_SIGNS or toks[k].cue in also)
    ):
        k += 1
    return k


class _Phrases(_Candidates):
    """Stage 2b, facility phrases the gazetteer lacks ("X Air Base", "the depot near X")."""

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
        words = s.words
        for a in s.starts:
            hits = lex.phrases_at(words, a, self._pattern_table, lex.pattern_words)
            for w, _ in reversed(hits):  # longest phrase first
                key = "".join(words[a : a + w])
                if (
                    key in lex.companies
                    and text[toks[a].start].isupper()
                    and not any(s.covered[a : a + w])
                    and (site := self._company_site_at(text, s, a, a + w)) is not None
                    and not any(s.covered[a + w : site[1]])
                ):
                    # "Navantia en Ferrol", "Leonardo a Cameri": the maker's own site there
                    entry, stop, town = site
                    out.append(self._site_mention(article, s, entry, a, w, a, stop, town, 1.0))
                    break
                if (
                    key in lex.companies
                    and text[toks[a].start].isupper()
                    and not any(s.covered[a : a + w])
                    and (later := self._company_site_later(text, s, a, a + w)) is not None
                ):
                    # "PT DI rolled out the aircraft in Bandung": where the maker acts
                    entry, t0, stop, town = later
                    out.append(self._site_mention(article, s, entry, a, w, t0, stop, town, 0.9))
                    break
                if key in lex.companies and (
                    FacilityType.DEFENSE_INDUSTRY not in self._context(text, s)
                    or not text[toks[a].start].isupper()
                ):
                    continue  # "Airbus in Toulouse said": the company, not a plant
                b = a + w
                if any(s.covered[a:b]):
                    continue  # "Misawa Air Base in Japan": that cue is a named facility's
                if a and s.covered[a - 1] and self._joinable(text, toks, a - 1, 2):
                    # "Kamenny Ruchey airfield near Sovetskaya Gavan": the cue is the word
                    # of the facility named right before it, not a second one at the town
                    continue
                if (anchored := self._country_anchored(article, s, a, b, key)) is not None:
                    out.append(anchored)
                    break
                if self._civil_qualified(s, a, b):
                    continue  # "an oil depot near Novorossiysk": a civil site
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
                if ftype is FacilityType.DEFENSE_INDUSTRY:
                    n0 = self._past_maker(text, s, n0, n1)
                # "das Werk von Airbus", "the Damen shipyard": the maker, never a place; its
                # works are placed only at a town the article names beside them
                maker_only = "".join(words[n0:n1]) in lex.companies
                p0, p1 = min(a, n0), max(b, n1)
                if any(s.covered[p0:p1]):
                    break
                name = text[toks[n0].start : toks[n1 - 1].end]
                start, end = toks[p0].start, toks[p1 - 1].end
                linked = ""
                qualifier = None
                if ref is not None:
                    fid, match, score = ref, "secondary", 0.75
                elif (part := self._known_part(ftype, name)) is not None:
                    # "Joint Base Elmendorf-Richardson": a compound of two bases' names, one
                    # of them known as a facility of the phrase's type
                    fid, match, score = part[0], "linked", 0.8
                    linked = f"{part[1]!r}, a part of the compound name, is this facility's name"
                else:
                    place = (
                        None
                        if maker_only
                        else lookup_place(
                            name,
                            prefer_countries=sorted(countries),
                            country_span=FACILITY_COUNTRY_SPAN,
                            # "авиабазе 101 в Ниамее": a declined name in its dictionary form
                            key=self._place_key(name),
                        )
                    )
                    if (
                        place is not None
                        and place.country not in countries
                        and (
                            place.population < FOREIGN_TOWN_MIN_POPULATION
                            # a declined Russian name is spelt otherwise than its dictionary
                            # form ("в Ниамее", Niamey): the town's size alone decides
                            or (
                                plain_name(place.name) != plain_name(name)
                                and not self._declined_town(name)
                            )
                        )
                    ):
                        # a hamlet of that name abroad is a guess, not a place: "Hanjin
                        # shipyard" is a company's yard, not a village called Hanjin
                        place = None
                    if place is None:
                        # "Ebbing Air National Guard Base in Fort Smith", "Camp X in Gamu":
                        # the town the article names beside the facility says where it is
                        qualifier = self._qualifier_town(text, s, p1, countries)
                        place = qualifier
                        if place is None and maker_only:
                            continue
                    known = self._known_near(ftype, place) if place is not None else None
                    if known is not None and self._rival_maker(text, s, n0, {known[0]}):
                        # "the MBDA plant in Bourges": not the other maker's plant there
                        known = None
                    where = place.name if place else name
                    # "Danilo Atienza Air Base on Sangley Point": no town of that name, but
                    # the gazetteer knows the place as the town of a facility
                    if (
                        known is None
                        and place is None
                        and (found_near := self._known_near_named_town(ftype, text, s, p1))
                    ):
                        known, where = found_near[:2], found_near[2]
                    if known is not None:
                        # "the radar station near Pechora": the radar the gazetteer has there
                        fid, match, score = known[0], "linked", 0.75
                        kind = ftype.value.replace("_", " ")
                        kind = f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"
                        linked = (
                            f"{kind} named by its place; the gazetteer's one "
                            f"{known[1]:.0f} km from {where}"
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

    def _declined_town(self, name: str) -> bool:
        """Whether ``name`` is a Russian town's name in a case other than the nominative.

        "в Ниамее", "в Тобруке": looked up in the dictionary form. Not an acronym ("ОАК") nor
        a region or country in any case ("аэродромы Крыма").
        """
        if not is_cyrillic(name) or name.isupper():
            return False
        never = self.lex.never
        return country_code_of(name) is None and all(
            v not in never for w in name.split() for v in name_variants(w)
        )

    def _past_maker(self, text: str, s: _Sentence, n0: int, n1: int) -> int:
        """Return where a works phrase's place starts once a maker's name before it is passed.

        "l'usine MBDA de Bourges": the words after the cue are the maker and its town; the
        place is the town (the maker is checked by :meth:`_rival_maker`).
        """
        most = self.lex.pattern_words
        for w in range(min(most, n1 - n0 - 2), 0, -1):
            if (
                "".join(s.words[n0 : n0 + w]) in self.lex.companies
                and s.toks[n0 + w].cue in _OF_WORDS
            ):
                return n0 + w + 1
        return n0

    def _site_mention(
        self,
        article: Article,
        s: _Sentence,
        entry: GazetteerEntry,
        a: int,
        w: int,
        p0: int,
        stop: int,
        town: str,
        score: float,
    ) -> Mention:
        """Mention words ``p0:stop`` as the site of the maker named by words ``a:a+w``.

        The words are covered and the mention says which maker and town linked it.
        """
        toks, text = s.toks, article.text
        m = self._mention(article, s, entry.id, toks[p0].start, toks[stop - 1].end, "linked", score)
        verb = "named at" if p0 == a else "acts at"
        m.extra["linked_by"] = (
            f"{text[toks[a].start : toks[a + w - 1].end]!r} {verb} {town!r}, the town of its site"
        )
        for k in range(p0, stop):
            s.covered[k] = True
        return m

    def _known_part(self, ftype: FacilityType, name: str) -> tuple[str, str] | None:
        """Return the facility one part of a hyphenated compound name names, and that part.

        Merged bases take compound names ("Joint Base McGuire-Dix-Lakehurst", "Joint Base
        Elmendorf-Richardson"): when exactly one facility of the phrase's type goes by one of
        the parts, the compound is that facility. Parts are tried in order; a part naming two
        such facilities is no answer.
        """
        parts = [p.strip() for p in _COMPOUND_SPLIT.split(name) if p.strip()]
        if len(parts) < 2:
            return None
        for part in parts:
            ids = {
                h.entry_id
                for h in self.index.get(key_of(part), ())
                if self.gaz[h.entry_id].type == ftype
            }
            if len(ids) == 1:
                return ids.pop(), part
        return None

    def _country_anchored(
        self, article: Article, s: _Sentence, a: int, b: int, key: str
    ) -> Mention | None:
        """Place "the French air base in Djibouti", "pangkalan militer Rusia di Suriah".

        A facility phrase whose place is a country (in any language Babel names it) stands for
        the one facility of its type the gazetteer has in that country, run by the forces the
        nationality word names ("French", "russe", "Rusia", "Russia's") or, without one, the
        only one of its type there. Several candidates, or none, keep the phrase as an unplaced
        mention for review: a country is no place to put a base.
        """
        ftype = self.lex.patterns["before_at"].get(key)
        if ftype is None:
            return None
        toks, text, lex = s.toks, article.text, self.lex
        owners: set[str] = set()
        j = b
        while j < len(toks) and not s.covered[j]:
            code = nationality_of(toks[j].cue) or (
                country_code_of(toks[j].norm) if text[toks[j].start].isupper() else None
            )
            if code is not None:
                owners.add(code)
            elif not (toks[j].cue in lex.fillers or toks[j].norm.isdigit()):
                break
            j += 1
        if j >= len(toks) or toks[j].cue not in lex.at_words:
            return None
        j += 1
        while j < len(toks) and toks[j].cue in lex.articles:
            j += 1
        where = None
        for n in (3, 2, 1):
            if j + n > len(toks) or not text[toks[j].start].isupper() or any(s.covered[j : j + n]):
                continue
            if n > 1 and not self._joinable(text, toks, j, n):
                continue
            if (code := country_code_of(text[toks[j].start : toks[j + n - 1].end])) is not None:
                where = (code, j + n)
                break
        if where is None:
            return None
        host, end = where
        p0 = a
        # "the French air base", "Russia's naval base": the owner before the cue
        k = a - 1
        if k >= 1 and toks[k].norm == "s" and text[toks[k - 1].end : toks[k].start] in "'’":
            k -= 1
        if k >= 0 and not s.covered[k]:
            code = nationality_of(toks[k].cue) or (
                country_code_of(toks[k].norm) if text[toks[k].start].isupper() else None
            )
            if code is not None:
                owners.add(code)
                p0 = k
        cands = [e for e in self._by_type.get(ftype, ()) if e.country == host]
        foreign = owners - {host}
        if len(foreign) == 1:
            (owner,) = foreign
            cands = [e for e in cands if run_by(e.operator, owner)]
        country = self._country_name(host)
        kind = ftype.value.replace("_", " ")
        start, end_char = toks[p0].start, toks[end - 1].end
        if len(cands) == 1:
            whose = f"{demonym(sorted(foreign)[0])} " if foreign else ""
            m = self._mention(
                article, s, cands[0].id, start, end_char, "linked", 0.6, place_name=country
            )
            m.extra["linked_by"] = f"the only {whose}{kind} the gazetteer has in {country}"
        else:
            fid = f"unplaced:{ftype.value}:{'-'.join(t.norm for t in toks[p0:end])}"
            m = self._mention(article, s, fid, start, end_char, "pattern", 0.5, place_name=country)
            m.extra["reference"] = (
                f"{len(cands)} facilities of this type known in {country}: say which"
                if cands
                else f"no such facility known in {country}"
            )
        for q in range(p0, end):
            s.covered[q] = True
        return m

    @staticmethod
    def _country_name(code: str) -> str:
        """English name of a country code, for the analyst's note."""
        from babel import Locale

        return str(Locale.parse("en").territories.get(code, code))

    def _qualifier_name(self, text: str, s: _Sentence, j: int) -> str | None:
        """Return the name right after word ``j`` and a preposition ("in Fort Smith"), if any."""
        toks = s.toks
        # "Aeródromo de Manobra n.º 1, em Ovar", "Base Aérea No. 11 in Beja": the unit's
        # number stands between the name and the town
        k = _past_unit_number(toks, j, most=3)
        if k > j and toks[k - 1].norm.isdigit():
            j = k
        if j < len(toks) and toks[j].cue in self.lex.venue_prepositions | self.lex.at_words:
            j += 1
        elif j < len(toks) and text[toks[j - 1].end : toks[j].start].strip() == ",":
            pass  # "Camp X, Gamu"
        else:
            return None
        span = self._name_after(text, s, j)
        if span is None:
            return None
        return text[toks[span[0]].start : toks[span[1] - 1].end]

    def _known_near_named_town(
        self, ftype: FacilityType, text: str, s: _Sentence, j: int
    ) -> tuple[str, float, str] | None:
        """Return the facility of ``ftype`` at a place the gazetteer knows as a facility's town.

        "Danilo Atienza Air Base on Sangley Point": GeoNames has no Sangley Point, but the
        gazetteer lists it as the town of the Cavite naval base, so the air base of that place
        is the one within :data:`NEAR_FACILITY_KM` of that base. Towns of facilities far apart
        (namesakes) place nothing. Returns the id, its distance in km and the town's name.
        """
        name = self._qualifier_name(text, s, j)
        if name is None:
            return None
        anchors = [self.gaz[h.entry_id] for h in self.gaz.index.get(key_of(name), ())]
        if not anchors or any(
            distance_km(a.lon, a.lat, b.lon, b.lat) > 50 for a in anchors for b in anchors
        ):
            return None
        at = anchors[0]
        best: tuple[str, float, str] | None = None
        for e in self._by_type.get(ftype, ()):
            if abs(e.lat - at.lat) > 1.0:
                continue
            d = distance_km(at.lon, at.lat, e.lon, e.lat)
            if d <= max(NEAR_FACILITY_KM, e.precision_km) and (best is None or d < best[1]):
                best = (e.id, d, name)
        return best

    def _qualifier_town(self, text: str, s: _Sentence, j: int, countries: set[str]) -> Place | None:
        """Return the town named right after word ``j`` by a preposition ("in Fort Smith")."""
        name = self._qualifier_name(text, s, j)
        if name is None:
            return None
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
                if order == "before_name":
                    # "Base Aérea Militar No. 1 de Santa Lucía", "Base Aérea n.º 11 de Beja":
                    # a filler and the unit's number may stand between the cue and its name
                    k = _past_unit_number(toks, j, most=4, also=lex.fillers)
                    if k > j and k + 1 < len(toks) and toks[k].cue in lex.at_words:
                        k += 1
                        while k < len(toks) and toks[k].cue in lex.articles:
                            k += 1
                        if self._name_ok(text, s, k):
                            j = k
                if order == "before_at":
                    while j < len(toks) and (toks[j].cue in lex.fillers or toks[j].norm.isdigit()):
                        j += 1
                    if ftype == FacilityType.DEFENSE_INDUSTRY:
                        # "galangan PT Karimun Anugrah Sejati di Tanjung Balai Karimun": the
                        # maker's name stands between the plant word and its town
                        k = j
                        while (
                            k < len(toks)
                            and k - j < _MAKER_WORDS
                            and text[toks[k].start].isupper()
                            and not s.covered[k]
                            and self._joinable(text, toks, k - 1, 2)
                        ):
                            k += 1
                        if k > j and k < len(toks) and toks[k].cue in lex.at_words:
                            j = k
                    if j >= len(toks) or toks[j].cue not in lex.at_words:
                        continue
                    j += 1
                    while j < len(toks) and toks[j].cue in lex.articles:
                        j += 1
                span, wide = self._name_after(text, s, j), self._name_after(text, s, j, wide=True)
            if not self._has_reference(ftype, key):
                wide = None
            if self._names_an_event(s, a, b, span, wide):
                return None  # "the Camp David summit": a summit's name, no army camp
            if span is not None or wide is not None:
                return ftype, span, wide
        return None

    def _names_an_event(
        self,
        s: _Sentence,
        a: int,
        b: int,
        span: tuple[int, int] | None,
        wide: tuple[int, int] | None,
    ) -> bool:
        """Whether the phrase (cue ``a:b`` and its name) ends in or before an event's word.

        "the Camp David summit", "the Camp David Accords": the place named a summit or a treaty;
        the phrase is that event's name, not a facility's.
        """
        ends = [b] + [sp[1] for sp in (span, wide) if sp is not None]
        last = max(ends)
        words = self.lex.event_name_words
        if last < len(s.toks) and s.toks[last].cue in words:
            return True
        return any(s.toks[e - 1].cue in words for e in ends if e > a)

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
        reason = res.reason
        if ref is None and len(res.candidates) > 1:
            # "Naha Air Base": rows in Japan and Indonesia share the name; the city of that name
            # (Naha, 300,000 people) says which, when exactly one row lies beside it
            ref, reason = self._row_by_town(name, res.candidates) or (None, reason)
        if ref is None:
            return None, (f"{res.reason}: {', '.join(res.candidates)}" if res.candidates else "")
        note = f"{ref.source} {ref.code}, {reason}"
        return (self._curated_near(ref) or f"ref:{ref.id}"), note

    def _row_by_town(self, name: str, candidates: tuple[str, ...]) -> tuple[Reference, str] | None:
        """Pick, among same-named reference rows, the one beside the town of that name."""
        place = lookup_place(name, min_population=TOWN_DECIDES_POPULATION)
        if place is None:
            return None
        rows = [self.refs.get(c) for c in candidates]
        near = [r for r in rows if distance_km(r.lon, r.lat, place.lon, place.lat) <= TOWN_ROW_KM]
        if len(near) != 1:
            return None
        why = f"the one beside {place.name} ({place.population:,} people), of {len(rows)} so named"
        return near[0], why

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
            # a capitalised article opening a name: "Lanud El Tari", "base de Le Bourget"
            if (
                k == j
                and text[toks[k].start].isupper()
                and (toks[k].cue in self.lex.fillers or toks[k].cue in self.lex.articles)
                and not s.covered[k]
                and k + 1 < len(toks)
                and self._joinable(text, toks, k, 2)
                and self._name_ok(text, s, k + 1, wide=wide)
            ):
                k += 2
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
        toks = s.toks
        while k > 0 and a - k < most:
            if (
                1 < k < a
                and toks[k - 1].norm in s.particles
                and text[toks[k - 2].end : toks[k - 1].start] == "-"
                and text[toks[k - 1].end : toks[k].start] == "-"
                and self._name_ok(text, s, k - 2, wide=wide)
            ):
                k -= 1  # "Komsomolsk-on-Amur Air Base": a particle inside the town's name
                continue
            if not self._name_ok(text, s, k - 1, wide=wide):
                break
            if k < a and not self._joinable(text, toks, k - 1, 2):
                break
            if toks[k - 1].cue in self.lex.articles and text[toks[k - 1].start].isupper():
                break  # "Die Kaserne in Munster": a capitalised article, not a name
            k -= 1
        return (
            (k, a) if k < a and "".join(t.norm for t in s.toks[k:a]) not in self.lex.never else None
        )
