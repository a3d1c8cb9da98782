"""Places that are not facilities: meeting venues and towns named as towns.

A city after a venue preposition ("di Almaty", "в Москве") or any town after a town cue
("kota Kurchatov") becomes a `place`; a venue that only says where a facility is is dropped.
Used by the linking stage ("kota Baikonur" is the town) and run last.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .._text import Token, cue_key_of, is_cyrillic, key_of, name_variants, tokens
from ..countries import adjective_blocked, country_code_of, country_of_adjective
from ..geo import distance_km
from ..places import NEAR_KM, Place, lookup_place, place_by_id, place_index, plain_name
from ..types import Article, Mention
from ..words import is_common_word
from ._base import (
    _ADMIN_CUES,
    _ADMIN_WORDS,
    _HYPHENS,
    _NEAR_WORDS,
    _VENUE_GAP,
    FOREIGN_VENUE_MIN_POPULATION,
    NAMED_AFTER_KM,
    VENUE_MIN_POPULATION,
    _Sentence,
    phrase_ends_at,
)
from .sentences import _Sentences

#: a dateline at the head of a paragraph: a city, then a date, an agency or a dash
_AGENCIES = "ANTARA|Antara|Reuters|AFP|AP|TASS|ТАСС|РИА Новости|Xinhua|Yonhap|Kyodo|dpa"
_UP = "A-ZÀ-ÖØ-ÞА-ЯЁ"
_LOW = "a-zß-öø-ÿа-яё"
_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?P<name>[{_UP}][{_UP}'’.\- ]{{2,30}}?"
    # a name in title case, with particles: "Ciudad de México", "São Tomé"
    rf"|[{_UP}][{_LOW}]+(?: (?:(?:de|del|da|do|di|la) )?[{_UP}][{_LOW}]+){{0,2}})"
    # a date, perhaps a year, then perhaps the outlet: "Santiago, 12 may (EFE).-",
    # "São Tomé, 10 jun 2026 (Lusa) -"
    # "Valparaíso (Chile), 9 oct (EFE).", "Bogotá, 22 de julio (Infodefensa) -"
    r"(?:(?:\s*\([^()\n]{2,30}\))?,\s*(?:\d{1,2}\b|[A-Za-zА-Яа-яё]{3,9}\.?\s+\d{1,2}\b)"
    r"(?:\s+de)?(?:\s+[A-Za-zА-Яа-яё]{3,9}\.?)?(?:\s+\d{4})?"
    r"(?P<dated>\s*\([^()\n]{2,30}\)\s*\.?\s*(?:[—–-]|$))?"
    rf"|\s*(?P<agency>\((?:{_AGENCIES})\))"
    # any outlet in brackets and a dash: "Jayapura (Kompas) -", "Magetan (Indomiliter) -"
    r"|\s*(?P<outlet>\([A-ZА-ЯЁ][^()\n]{1,30}\)\s*[—–-])"
    # a US or Canadian dateline: "BILOXI, Miss. (AP) —", "DAYTON, Ohio —"
    rf"|(?P<state>,\s*[{_UP}][{_LOW}A-Z.]+(?:\s[{_UP}][{_LOW}.]+)?\s*(?:\([^()\n]{{2,30}}\))?\s*[—–-])"
    # a city in capitals and a colon: "NEW DELHI: The Indian Navy..."
    r"|(?P<colon>:\s)"
    r"|(?P<dash>\s+[—–-]{1,2}\s))"
)


#: a hyphen written between two capitalised words makes them one name; an en dash joins two
#: places (a route, "Moscow–Beijing"), so it is left out
_NAME_HYPHENS = _HYPHENS - {"–"}
#: a namesake of a dateline or venue this close to one of the article's facilities, of this
#: many people, takes its place if it is NAMESAKE_CLOSER times closer to them (distances
#: under NAMESAKE_SAME_KM count as that: both are beside them then)
NAMESAKE_NEAR_KM = 150.0
NAMESAKE_MIN_POPULATION = 10_000
NAMESAKE_CLOSER = 4.0
NAMESAKE_SAME_KM = 25.0
#: how many words before a town may say it is a ship's namesake ("named after the city of")
_NAMESAKE_WORDS = 6


#: how many words after a town a word of speaking makes it its government ("В Сухуме это
#: назвали")
_SPOKEN_AFTER = 8
#: how many words before a venue's preposition, and after its name, an event word may stand
_EVENT_BEFORE = 3
_MEETING_BEFORE = 15
#: how many words before a town cue ("the border town of") a word of "near" may stand
_TOWN_CUE_WORDS = 4
_EVENT_AFTER = 4

#: countries whose name is also their city's ("Singapura (ANTARA) -", "tiba di Singapura"): a
#: dateline or venue so named is the city
_CITY_STATES = frozenset({"SG", "MC", "VA", "SM", "HK", "MO", "GI"})


def _city_state(key: str) -> bool:
    """Whether the country name ``key`` (folded) is a city-state's, which names its city too."""
    return country_code_of(key) in _CITY_STATES


#: a date this many words after a venue's town still dates its event (:meth:`_Venues._long_ago`)
_LONG_AGO_AFTER = 6
#: a sentence's lead before a comma ("Ранее, ...") of at most this many words times the clause
_LEAD_WORDS = 3
#: marks that close the clause before a venue (:meth:`_Venues._clause_start`)
_CLAUSE_MARKS = ";:.,\"“”«»"


class _Venues(_Sentences):
    """Places that are not facilities: meeting venues and towns named as towns."""

    def _venues(self, article: Article, s: _Sentence, countries: set[str]) -> list[Mention]:
        """Find places: a city after a venue preposition or any town after a town cue.

        "di Almaty" needs a town of some size (a stray capitalised word may name a hamlet);
        "kota Kurchatov" and "the town of Mirny" say outright that a town is meant.
        """
        toks, text = s.toks, article.text
        out: list[Mention] = []
        if not self.lex.weather_words.isdisjoint(s.words):
            return out  # "heavy rain over Kota Pekanbaru": where the weather is, no venue
        for i in range(len(toks) - 1):
            # French "à" is read as written: folded, it is the English article "a"
            if toks[i].cue in s.venue_preps or text[toks[i].start : toks[i].end] in s.venue_written:
                if i and toks[i - 1].cue in self.lex.birth_words:
                    continue  # "an officer born in Busan": a birthplace, nothing happened there
                if i and toks[i - 1].cue in self.lex.passing_words:
                    continue  # "after a transit in Abu Dhabi": a stop on the way
                office = self.lex.office_before
                if office is not None and office.search(text, s.start, toks[i].start):
                    # "a spokesman of the ministry in Vienna": where an office sits, the
                    # government it stands for, not where something happened
                    continue
                min_pop, via = VENUE_MIN_POPULATION, "venue"
                # "a ceremony held in Natal": the word that says something happened there
                # ("announced in Darwin": where a minister spoke is a venue too)
                words = [
                    k
                    for k in range(max(0, i - _MEETING_BEFORE), i)
                    if (
                        toks[k].cue in self.lex.meeting_words
                        and self._same_clause(text, toks, k, i)
                    )
                    or (
                        k >= i - _EVENT_BEFORE
                        and (
                            toks[k].cue in self.lex.event_words
                            or toks[k].cue in self.lex.speech_words
                        )
                    )
                ]
                # a meeting's word first: "pesan yang disampaikan dalam rapat di Manado" was
                # said at a meeting, whose time decides whether the town is background
                k = next((k for k in words if toks[k].cue in self.lex.meeting_words), None)
                k = words[0] if k is None and words else k
                event = text[toks[k].start : toks[k].end] if k is not None else ""
            elif (
                toks[i].cue in self._town_cue_last
                and self._town_cue_before(toks, i + 1)
                and not any(t.cue in _NEAR_WORDS for t in toks[max(0, i - _TOWN_CUE_WORDS) : i])
                and not self._namesake_before(text, s, i + 1)
                and not self._in_title(text, s, i + 1)
                and not self._cue_begins_a_place_name(text, toks, i)
            ):
                # "residents of the town of Plesetsk", "kota Baikonur": the town as such; "near
                # the border town of Lethem" only says where something else is
                min_pop, via, event = 0, "town", ""
            else:
                continue
            for n in (5, 4, 3, 2, 1):
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
                if key in self.lex.never and not _city_state(key):
                    break  # "di Kazakhstan": a country, never a venue
                if is_cyrillic(text[toks[j].start : toks[j].end]) and (
                    (code := country_code_of(text[toks[j].start : toks[j + n - 1].end])) is not None
                    and code not in _CITY_STATES
                ):
                    break  # "в Литве": a country in any case, never a venue
                if any(t.cue in self.lex.spoken_after for t in toks[j + n : j + n + _SPOKEN_AFTER]):
                    break  # "В Тбилиси ... не прокомментировали": the government
                if toks[j].cue in self.lex.region_cues or self._region_cue_before(toks, j):
                    break  # "di Kabupaten Malang": a regency, not its namesake city
                if (
                    toks[j].cue in self._town_cue_last
                    and self._town_cue_before(toks, j + 1)
                    and j + 1 < len(toks)
                    and text[toks[j + 1].start].isupper()
                    and self._joinable(text, toks, j, 2)
                ):
                    break  # "di Kota Pekanbaru": the town cue's own pass places Pekanbaru
                if any(
                    x.cue in self.lex.cue_tokens and x.norm not in s.particles
                    for x in toks[j : j + n]
                ):
                    break  # "di Pangkalan ...": a facility word, never a town
                if toks[j].cue in self.lex.street_words:
                    break  # "di Jalan Soekarno-Hatta": a street (GeoNames calls Garland "Jalan")
                if self._part_of_longer_name(text, toks, j, n):
                    continue  # "in North Ossetia": not a town called North
                # a facility's own town ("landed at Kura"): only its namesake near the facility
                near = None
                if hits := self.gaz.index.get(key):
                    e = self.gaz[hits[0].entry_id]
                    # ... if the article is about that facility's country at all: "COTECMAR,
                    # en Cartagena" in an article on Colombia and Peru is not Spain's Cartagena
                    if not countries or e.country in countries:
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
                if m is not None and self._in_title(text, s, j):
                    m = None  # "a deputato eletto a Brindisi": an office's town
                if m is not None and via == "venue" and not event:
                    # "a Roma durante un convegno": the event may follow the town
                    event = next(
                        (
                            text[t.start : t.end]
                            for t in toks[j + n : j + n + _EVENT_AFTER]
                            if t.cue in self.lex.event_words
                        ),
                        "",
                    )
                if (
                    m is not None
                    and via == "venue"
                    and self._background_meeting(text, s, i, meeting=self._meeting_word(event))
                ):
                    # "Minister X, who met his counterpart in Ankara last week, said ...": an
                    # earlier meeting, not where what the article reports took place
                    m = None
                if m is not None and via == "venue" and event and self._at_another_time(
                    text, s, i, j + n
                ):
                    # "akan dipamerkan dalam pameran Indo Defence di Jakarta", "the NATO summit
                    # in Vilnius in 2023": not when what the article reports happened
                    m = None
                if m is not None and via == "venue" and not event:
                    # a town in passing ("maintenance in Surabaya", "NATO activity in ...") is
                    # no venue: a venue is where something the article reports took place
                    m = None
                if (
                    m is not None
                    and via == "venue"
                    and self._stray_abroad(m, countries, article, s)
                ):
                    # "di Seram" in an article on Maluku is the island, not Sedam in India:
                    # a small town abroad is a guess unless the article is about its country
                    m = None
                if m is not None:
                    if event:
                        m.extra["event"] = event
                    out.append(m)
                    for k in range(j, j + n):
                        s.covered[k] = True
                    break
        return out

    @staticmethod
    def _cue_begins_a_place_name(text: str, toks: Sequence[Token], i: int) -> bool:
        """Whether the town cue at word ``i`` is the first word of a town's own name.

        "Kota Kinabalu", "Kota Bharu": the cue word is part of the name, so the town is not
        "Kinabalu" and the cue says nothing of a town after it ("Kota Pekanbaru" is GeoNames'
        Pekanbaru, whose own name does not start with "Kota").
        """
        for n in (2, 3):
            if i + n > len(toks):
                break
            place = lookup_place(text[toks[i].start : toks[i + n - 1].end])
            if place is not None and key_of(plain_name(place.name)).startswith(toks[i].norm):
                return True
        return False

    def _in_title(self, text: str, s: _Sentence, j: int) -> bool:
        """Whether the town at word ``j`` is part of an office's title ("Wali Kota Cimahi")."""
        return phrase_ends_at(self.lex.title_before, text, s, j)

    def _namesake_before(self, text: str, s: _Sentence, j: int) -> bool:
        """Whether the words just before word ``j`` make it a ship's or unit's namesake.

        "named after the city of Toledo", "назван в честь города Пермь": the town gave a
        name, nothing happened there.
        """
        pattern = self.lex.namesake
        if pattern is None:
            return False
        first = s.toks[max(0, j - _NAMESAKE_WORDS)]
        return pattern.search(text, max(s.start, first.start), s.toks[j].start) is not None

    def _meeting_word(self, word: str) -> bool:
        """Whether the event word found for a venue is a meeting's or a show's ("talks", "pameran").

        A signing or a speech at a town is news of its own unless dated a year or more ago
        (:meth:`_at_another_time`); a meeting or a show set at any other time than the news is
        background (see :meth:`_background_meeting`).
        """
        key = cue_key_of(word) if word else ""
        return bool(key) and (key in self.lex.meeting_words or key in self.lex.show_words)

    def _background_meeting(
        self, text: str, s: _Sentence, i: int, *, meeting: bool = False
    ) -> bool:
        """Whether the venue word ``i`` is in a clause on an earlier meeting.

        A relative clause opens with a comma and a relative pronoun ("..., who", "..., yang")
        with no comma between it and the venue; it is background when it says the meeting was
        earlier ("last week", "returned from") or when the sentence, after the clause, names a
        venue of its own ("..., who briefed counterparts in Oslo on Monday, told reporters in
        London"). A clause set off by commas ("the minister, speaking in Geneva last week,
        said") is background when it says the meeting was earlier.
        """
        toks, lex = s.toks, self.lex
        opened, relative, comma = 0, False, False
        for k in range(i - 1, 0, -1):
            gap = text[toks[k - 1].end : toks[k].start]
            if any(c in gap for c in ";:."):
                opened = k
                break
            if "," in gap:
                # "..., who met ...": a relative clause; "..., speaking in Geneva last week,": a
                # clause set off by commas, background only if it says it was earlier
                opened, relative, comma = k, toks[k].cue in lex.relative_words, True
                break
        if not comma and not meeting:
            # outside a clause set off by a comma, only a meeting's town can be background
            # ("накануне ... на совещании в Хабаровске": the clause puts it at another time)
            return False
        gaps = range(i + 1, len(toks))
        commas = [k for k in gaps if "," in text[toks[k - 1].end : toks[k].start]]
        if (
            len(commas) > 2
            and text[toks[commas[0]].start].isupper()
            and commas[1] - commas[0] <= 2
        ):
            # "in Mobile, Alabama, last week,": the state between commas belongs to the town
            commas = commas[2:]
        close = commas[0] if commas else len(toks)
        clause_end = toks[close - 1].end
        start = toks[opened].start
        if comma and meeting and opened <= _LEAD_WORDS:
            # "Ранее, на совещании в Сочи, ...": a word leading the sentence before a meeting
            # clause's comma times the meeting too
            start = toks[0].start
        if (lex.earlier is not None and lex.earlier.search(text, start, clause_end)) or (
            meeting
            and lex.meeting_earlier is not None
            and lex.meeting_earlier.search(text, start, clause_end)
        ):
            # a plain clause must close before the end ("..., the minister said in Tallinn last
            # week." is where it was said), unless a meeting is what happened there
            return relative or meeting or close < len(toks)
        return relative and any(
            (toks[k].cue in s.venue_preps or text[toks[k].start : toks[k].end] in s.venue_written)
            and k + 1 < len(toks)
            and text[toks[k + 1].start].isupper()
            for k in range(close, len(toks) - 1)
        )

    def _clause_start(self, text: str, s: _Sentence, i: int) -> int:
        """Offset where the clause holding word ``i`` starts (after a comma, quote or stop)."""
        toks = s.toks
        for k in range(i, 0, -1):
            if any(c in text[toks[k - 1].end : toks[k].start] for c in _CLAUSE_MARKS):
                return toks[k].start
        return toks[0].start

    def _at_another_time(self, text: str, s: _Sentence, i: int, after: int) -> bool:
        """Whether the event at the venue word ``i`` (town ending before ``after``) is not news.

        It is yet to happen (:meth:`_future_event`), timed from another event
        (:meth:`_other_events_time`) or dated a year or more ago (:meth:`_long_ago`), whatever
        the event was; meetings have further tests (:meth:`_background_meeting`).
        """
        return (
            self._future_event(text, s, i, after)
            or self._other_events_time(text, s, i)
            or self._long_ago(text, s, i, after)
        )

    def _long_ago(self, text: str, s: _Sentence, i: int, after: int) -> bool:
        """Whether the clause of the venue word ``i`` dates its event a year or more ago.

        "la firma del contrato en París el año pasado", "the NATO summit in Vilnius in 2023":
        news is recent, so a town where something happened that long ago is background, even a
        signing's. Read from the clause's start to :data:`_LONG_AGO_AFTER` words after the town
        (word ``after``), past a comma: "di pameran IDEF di Istanbul, Juli lalu".
        """
        pattern, toks = self.lex.long_ago, s.toks
        if pattern is None:
            return False
        last = min(len(toks), after + _LONG_AGO_AFTER) - 1
        return pattern.search(text, self._clause_start(text, s, i), toks[last].end) is not None

    def _other_events_time(self, text: str, s: _Sentence, i: int) -> bool:
        """Whether the clause before the venue word ``i`` is timed from another event.

        "The announcement comes a week after the defence secretary spoke in Adelaide": the
        speech in Adelaide is the earlier event the news is measured from, not the news.
        """
        pattern = self.lex.time_from_other
        return pattern is not None and (
            pattern.search(text, self._clause_start(text, s, i), s.toks[i].start) is not None
        )

    def _future_event(self, text: str, s: _Sentence, i: int, after: int) -> bool:
        """Whether the clause before the venue word ``i`` puts its event in the future.

        A town where an expo or a meeting will be held ("will be shown at the Indo Defence expo
        in Jakarta") is where nothing the article reports has happened yet. Read from the last
        comma, quotation mark or stop before the word, so the future of what was said ("The navy
        will move two destroyers ..., the admiral said at a press conference in New Delhi") and
        a future later in the sentence do not count. The one word after the town counts too:
        "talks with the IAEA in Vienna would continue" (word ``after``).
        """
        pattern, toks = self.lex.future, s.toks
        if pattern is None:
            return False
        if pattern.search(text, self._clause_start(text, s, i), toks[i].start) is not None:
            return True
        if after >= len(toks):
            return False
        return pattern.fullmatch(text, toks[after].start, toks[after].end) is not None

    @staticmethod
    def _same_clause(text: str, toks: Sequence[Token], a: int, b: int) -> bool:
        """Whether no semicolon, colon or full stop stands between words ``a`` and ``b``."""
        return not any(c in text[toks[a].end : toks[b].start] for c in ";:.")

    def _named_countries(self, article: Article, s: _Sentence) -> set[str]:
        """:meth:`_countries_named`, read once an article (the holder its sentences share)."""
        if "named" not in s.article_countries:
            s.article_countries["named"] = self._countries_named(article)
        return s.article_countries["named"]

    @staticmethod
    def _countries_named(article: Article) -> set[str]:
        """Codes of the countries the article names: by name or by nationality adjective.

        A name is one or two capitalised words ("Sweden", "Costa Rica"); an adjective one or
        two words in any case, as Romance, German and Russian write them lower-case ("Swedish
        Gripen fighters", "des Rafale égyptiens", "шведские истребители"), unless the words
        around it make it a sea's or region's name ("Indian Ocean", "Latin American").
        """
        text, out = article.text, set()
        toks = list(tokens(text))
        skip_to = 0
        for k, t in enumerate(toks):
            if k < skip_to:
                continue
            for n in (2, 1):
                if k + n > len(toks):
                    continue
                surface = text[t.start : toks[k + n - 1].end]
                code = country_code_of(surface) if text[t.start].isupper() else None
                if code is None and (code := country_of_adjective(surface)) is not None:
                    before = text[toks[k - 1].start : toks[k - 1].end] if k else ""
                    end = k + n
                    after = text[toks[end].start : toks[end].end] if end < len(toks) else ""
                    if adjective_blocked(before, after):
                        code = None
                if code is not None:
                    out.add(code)
                    skip_to = k + n
                    break
        return out

    def _stray_abroad(
        self, m: Mention, countries: set[str], article: Article, s: _Sentence
    ) -> bool:
        """Whether a venue outside every country the article is about is a guess.

        It is when the town is small, or when the article's word is a common word that is only
        one of the town's other names. The countries are its facilities' and, read the first
        time a venue lies outside those, the ones the article names.
        """
        if not countries:
            return False
        place = place_by_id(int(m.facility_id.split(":", 1)[1]))
        if place.country in countries:
            return False
        if place.country in self._named_countries(article, s):
            return False
        if place.population < FOREIGN_VENUE_MIN_POPULATION:
            return True
        return plain_name(place.name) != plain_name(m.surface) and is_common_word(m.surface)

    def _datelines(self, article: Article, sents: Sequence[_Sentence]) -> list[Mention]:
        """Find the city of a dateline at the head of a body paragraph.

        "MOSCOW, July 22 (Reuters) -", "АРХАНГЕЛЬСК, 22 июля. /ТАСС/.", "JAKARTA -",
        "Jakarta (ANTARA) -": the city the report was filed from is a place the article names.
        A name in capitals needs a town of some size; a name in title case needs a news
        agency or a dash after it, and a bigger town, since a paragraph may open with any word.
        """
        out: list[Mention] = []
        text = article.text
        title_end = text.find("\n")
        for m in _DATELINE.finditer(text, max(title_end, 0), article.body_end):
            name = m.group("name").strip()
            start = m.start("name")
            s = next((x for x in sents if x.start <= start < x.end), None)
            if s is None:
                continue
            first = next((k for k, t in enumerate(s.toks) if t.start >= start), None)
            if first is None or s.covered[first]:
                continue
            if key_of(name) in self.lex.never and not _city_state(key_of(name)):
                continue
            caps = name.upper() == name
            # an outlet named after the city says outright that this is a dateline
            sure = bool(
                m.group("agency") or m.group("outlet") or m.group("dated") or m.group("state")
            )
            if not caps and not sure and not m.group("dash"):
                continue
            if m.group("colon") and (not caps or len(name) < 4):
                continue  # "NOTE:", "UPDATE:" are words; a dateline city is in capitals
            written = name.title() if caps else name
            # an outlet's dateline may come from a small town ("Ranai (ANTARA) -", which
            # GeoNames lists with no population): the outlet says it is a place; a bare name,
            # or one in capitals ("ROMA" is Rome, not Roma in Lesotho), needs a town of some
            # size
            floor = 0 if sure and not caps else 15_000 if caps or sure else 50_000
            # a dateline writes the city's own name: "NEW DELHI" is New Delhi, though GeoNames
            # also lists it as a name of Delhi, a bigger city next to it
            own = [
                p
                for p in place_index().get(key_of(written), ())
                if p.population >= floor and plain_name(p.name) == plain_name(written)
            ]
            place = (
                max(own, key=lambda p: p.population)
                if own
                else lookup_place(written, min_population=floor)
            )
            if place is None:
                continue
            end = start + len(name)
            out.append(
                self._mention(
                    article,
                    s,
                    f"place:{place.geonameid}",
                    start,
                    end,
                    "place",
                    1.0,
                    via="dateline",
                )
            )
            for k, t in enumerate(s.toks):
                if start <= t.start < end:
                    s.covered[k] = True
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
        if text[toks[k - 1].end : toks[k].start] in _NAME_HYPHENS and text[toks[k].start].isupper():
            return True  # "Schleswig-Holstein", "Baden-Württemberg": one name, not a town's
        # "Moscow Oblast", "Jawa Timur"; and, even in lower case, "Rostov region"
        nxt = toks[k].norm
        return (
            (nxt in parts and text[toks[k].start].isupper())
            or nxt in _ADMIN_WORDS
            or toks[k].cue in _ADMIN_CUES
        )

    @staticmethod
    def _is_near(m: Mention, near: tuple[float, float], within: float = 0.0) -> bool:
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
        place = self._own_named(place, surface, key)
        return self._mention(
            article, s, f"place:{place.geonameid}", start, end, "place", 1.0, via=via
        )

    @staticmethod
    def _own_named(place: Place, surface: str, key: str) -> Place:
        """Return the place bearing the name as its own, near the one chosen, if there is one.

        GeoNames lists "New Delhi" also as a name of Delhi, the bigger city next to it: a text
        writing "New Delhi" means New Delhi, as its dateline did. Only a namesake in the same
        country within :data:`~facmap.places.NEAR_KM` replaces the choice, so the country and
        nearness rules that chose it still hold.
        """
        plain = plain_name(surface)
        if plain_name(place.name) == plain:
            return place
        own = [
            p
            for p in place_index().get(key or key_of(surface), ())
            if plain_name(p.name) == plain
            and p.country == place.country
            and distance_km(p.lon, p.lat, place.lon, place.lat) <= NEAR_KM
        ]
        return max(own, key=lambda p: p.population) if own else place

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
        # a name the article gives a facility elsewhere ("Kuçova" in the headline, then
        # "la base aerea di Kuçova") is that facility's again, or its town: no second place
        said = {key_of(m.surface) for m in mentions if not m.facility_id.startswith("place:")}
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
            if m.extra.get("event"):
                return False  # "cerimônia realizada em Natal": where something happened
            qualifies = any(e in ends for e in range(m.start - _VENUE_GAP, m.start))
            key = key_of(m.surface)
            named_after = any(
                key in self._core_keys(f)
                and self._is_near(m, (self.gaz[f].lat, self.gaz[f].lon), NAMED_AFTER_KM)
                for f in found
            )
            return (
                qualifies
                or key in towns
                or key in said
                or named_after
                or m.facility_id.split(":")[1] in gids
            )

        return [m for m in mentions if not (m.extra.get("via") == "venue" and restates(m))]

    def _settle_namesake_places(self, mentions: list[Mention]) -> list[Mention]:
        """Move a place to its namesake beside the article's facilities when that one fits.

        A dateline or venue is first read alone, as the biggest town of its name: "CÁDIZ" is
        Cadiz in the Philippines (129,000 people) and "Williamsburg" the Brooklyn district, in
        articles about Rota and about Newport News. Once the article's facilities are known, a
        namesake of some size (over :data:`NAMESAKE_MIN_POPULATION`, and no more than fifty
        times smaller) within :data:`NAMESAKE_NEAR_KM` of one of them wins over a place
        several times farther from all of them: news is written near what it reports.
        """
        points = [
            (self.gaz[m.facility_id].lat, self.gaz[m.facility_id].lon)
            for m in mentions
            if m.facility_id in self.gaz.entries
        ]
        if not points:
            return mentions

        def nearest(p: Place) -> float:
            return min(distance_km(lon, lat, p.lon, p.lat) for lat, lon in points)

        out = []
        for m in mentions:
            if not m.facility_id.startswith("place:"):
                out.append(m)
                continue
            place = place_by_id(int(m.facility_id.split(":", 1)[1]))
            floor = max(NAMESAKE_MIN_POPULATION, place.population // 50)
            same = plain_name(place.name)
            close = [
                (nearest(q), q.geonameid, q)
                for q in place_index().get(key_of(place.name), ())
                if q.population >= floor and plain_name(q.name) == same and q != place
            ]
            best = min(close, default=None)
            if (
                best is None
                or best[0] > NAMESAKE_NEAR_KM
                or nearest(place) < NAMESAKE_CLOSER * max(best[0], NAMESAKE_SAME_KM)
            ):
                out.append(m)
                continue
            extra = dict(m.extra, namesake=f"the {same} nearest the article's facilities")
            out.append(replace(m, facility_id=f"place:{best[2].geonameid}", extra=extra))
        return out

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
