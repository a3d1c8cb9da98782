"""Stage 1, normalise: the article's body as sentences of folded words, ships' names set aside.

Words are folded by :mod:`facmap._text` (script, case, diacritics, transliteration, stems of
inflected cue words); warships named after towns are covered so no later stage maps them.
"""

from __future__ import annotations

from .._text import cue_key_of, surname_key, tokens
from .._text import is_cyrillic as _is_cyrillic
from ..article import sentences
from ..language import guess_language
from ..types import Article
from ._base import (
    _CLOSE_QUOTE,
    _OPEN_QUOTE,
    _PARTICLES,
    _SHIP_GAP,
    _Sentence,
    _Stage,
    looks_like_given_name,
)

#: "in" joined to an article, by language: Portuguese "no Alfeite", Italian "nella Spezia"
_CONTRACTED_IN = {
    "pt": frozenset({"no", "na", "nos", "nas"}),
    "it": frozenset({"nel", "nella", "nei", "nelle"}),
}

#: ship prefixes that are ranks too ("адмирал Евменов"): a person or a ship, never a facility,
#: so the words after them are covered whether quoted or not
_PERSON_PREFIXES = frozenset(cue_key_of(w) for w in ("адмирал",))
#: relative pronouns only a person takes: "Alan Whiteman, who leads ..." is a person's name
_PERSON_RELATIVES = frozenset(cue_key_of(w) for w in ("who", "whom"))


class _Sentences(_Stage):
    """Stage 1, normalise: the body as sentences of folded words, ships' names set aside."""

    def _sentences(self, article: Article) -> list[_Sentence]:
        """Split the article's body into sentences of words, each knowing the one before."""
        text = article.text
        sents: list[_Sentence] = []
        # Indonesian "di" is "at" ("Lanud Iswahjudi di Madiun"), not Italian "Pratica di Mare"
        lang = article.meta.language.split("-")[0].lower() or guess_language(
            text[: article.body_end], self.lex.function_words
        )
        malay = lang in {"id", "ms", ""}
        particles = _PARTICLES - {"di"} if malay else _PARTICLES
        venue_preps = self.lex.venue_prepositions - (set() if malay else {"di"})
        # the contractions of "in" with an article in the article's language ("no Alfeite",
        # "nella base"); English "no" is not one
        venue_preps |= _CONTRACTED_IN.get(lang, frozenset())
        venue_written = frozenset({"à", "À"} | ({"a", "A"} if lang == "it" else set()))
        named: set[str] = set()
        article_countries: dict[str, set[str]] = {}
        surnames: set[str] = set()
        for s0, s1 in sentences(text, 0, article.body_end):
            toks = list(tokens(text, s0, s1))
            words = [t.cue for t in toks]
            sent = _Sentence(
                s0,
                s1,
                toks,
                [False] * len(toks),
                particles=particles,
                venue_preps=venue_preps,
                venue_written=venue_written,
                words=words,
                starts=[a for a, w in enumerate(words) if w in self.lex.starts],
                named=named,
                article_countries=article_countries,
                surnames=surnames,
            )
            sent.prev = sents[-1] if sents else None
            self._note_surnames(text, sent)
            self._cover_ship_names(text, sent)
            sent.quoted = self._quoted_names(text, sent)
            sents.append(sent)
        return sents

    def _note_surnames(self, text: str, s: _Sentence) -> None:
        """Note the surnames of people named with rank and given name ("Admiral Thomas Bremerton").

        Also a given name and a name before ", who" ("Alan Whiteman, who leads the air
        component"): only a person is "who". Noted before any linking, for the whole article:
        the linker reads a town name that is such a surname as the person's wherever it stands
        later ("Bremerton, a native of Lincoln, said ...", "said Whiteman"), even when the
        sentence that introduced the person said nothing that made the linker look at the name.
        """
        toks, ranks = s.toks, self.lex.rank_words
        for k in range(1, len(toks)):
            first, last = toks[k - 1], toks[k]
            if k >= 2 and toks[k - 2].cue in ranks:
                if text[toks[k - 2].end : first.start] != " ":
                    continue
            elif not (
                k + 1 < len(toks)
                and toks[k + 1].cue in _PERSON_RELATIVES
                and text[last.end : toks[k + 1].start].strip() == ","
            ):
                continue
            given = text[first.start : first.end]
            if (
                text[first.end : last.start] == " "
                and looks_like_given_name(given)
                and text[last.start].isupper()
                and first.cue not in self.lex.cue_tokens
                and last.cue not in self.lex.cue_tokens
            ):
                s.surnames.add(surname_key(text[last.start : last.end]))

    def _quoted_names(self, text: str, s: _Sentence) -> frozenset[int]:
        """Return the first words of names in quotation marks with no type cue before them.

        Russian and German news quote the names of ships, firms, missiles and exercises
        («Пермь», „Bremen“), and a warship is often named after a town: such a name is no
        town. A facility's own quoted name keeps its cue ("космодром «Восточный»") or is
        matched as a name, not as a town.
        """
        toks, cues = s.toks, self.lex.cue_tokens
        found = []
        for k, t in enumerate(toks):
            if not text[t.start].isupper():
                continue
            if not _OPEN_QUOTE.search(text, max(s.start, t.start - 2), t.start):
                continue
            if k > 0 and toks[k - 1].cue in cues:
                continue
            for m in range(k, min(k + 4, len(toks))):
                if _CLOSE_QUOTE.match(text, toks[m].end):
                    found.append(k)
                    break
        return frozenset(found)

    def _cover_ship_names(self, text: str, s: _Sentence) -> None:
        """Mark ships' names as covered: they are never facilities or places.

        Warships are named after towns and people ("the frigate Admiral Grigorovich", "USS
        Dover", "KRI Bung Karno", "подлодка «Казань»", "Kazan-class"). The capitalised words
        right after a ship prefix, and a name right before a class word, are a ship. A prefix
        that ends a facility cue ("pangkalan kapal selam Teluk Ratai") is no prefix.
        """
        toks, lex, words = s.toks, self.lex, s.words
        for a in s.starts:
            found = lex.phrases_at(words, a, self._ship_table, lex.ship_words)
            if not found or (a > 0 and words[a - 1] in lex.cue_tokens):
                continue
            j = a + max(w for w, _ in found)
            if (
                "".join(words[a:j]) in lex.ship_acronyms
                and not text[toks[a].start : toks[a].end].isupper()
            ):
                continue  # "its Fort Worth plant": the word "its", not the Italian navy's ITS
            if (
                j < len(toks)
                and _is_cyrillic(text[toks[a].start : toks[a].end])
                and words[a] not in _PERSON_PREFIXES
                and not _OPEN_QUOTE.search(text, toks[j - 1].end, toks[j].start)
            ):
                # Russian quotes a ship's name («Казань»): "Корабли Севастопольской военно-морской
                # базы" are the ships of the base, whose name follows unquoted
                continue
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
        for c in [c for c in range(1, len(words)) if words[c] in lex.class_words]:
            # "Kee Lung-class destroyers", "Admiral Gorshkov-class": the whole capitalised name
            # before the class word is the lead ship's
            k = c - 1
            while k >= 0 and text[toks[k].start].isupper() and k > c - 4:
                s.covered[k] = True
                if k == 0 or text[toks[k - 1].end : toks[k].start] != " ":
                    break
                k -= 1
