"""Text normalisation shared by the gazetteer index and the extractor.

Both sides go through the same functions, so an alias and the article text that names it meet in
one form whatever the script, case, diacritics, hyphenation or transliteration system.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer
from unidecode import unidecode

__all__ = [
    "Token",
    "cue_key_of",
    "fold",
    "is_cyrillic",
    "key_of",
    "name_variants",
    "surname_key",
    "tokens",
]

_WORD = re.compile(r"\w+", re.UNICODE)
_NON_ALNUM = re.compile(r"[^a-z0-9]")

# Transliteration systems disagree (Baikonur, Baykonur, Baïkonour; Kapustin Yar, Kapustin Jar;
# Khmeimim, Hmeimim; Wostotschny, Vostochny). Folding maps them onto one skeleton. The rules are
# applied in order to lowercase ASCII, on both alias and text, so they only need to be consistent.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("dzh", "j"),
    ("zh", "j"),
    ("dj", "j"),
    ("kh", "h"),
    ("ou", "u"),
    ("ck", "k"),
    ("w", "v"),
    ("ye", "e"),
    ("yo", "e"),
    ("y", "i"),
    ("j", "i"),
    ("q", "k"),
    ("x", "ks"),
)
# doubled letters collapse (Pletsetsk / Plesetsk, Hmeimim / Khmeimim), digits never: "BA 118"
# and "BA 188" are two air bases
_DOUBLE = re.compile(r"([a-z])\1+")
#: Roman numerals as written in unit and base names ("Lantamal VI", "Koarmada III"): as digits,
#: so that folding doubled letters cannot make "III" of "I"
_ROMAN = {"II": "2", "III": "3", "IV": "4", "VI": "6", "VII": "7", "VIII": "8", "IX": "9",
          "XI": "11", "XII": "12", "XIII": "13", "XIV": "14"}


class Token(NamedTuple):
    """A word of the original text: its normalised, folded form and its span in the text.

    ``cue`` is the form cue words are compared in: the same as ``norm`` except for inflected
    words, where it is the stem (Russian "авиабазе", "авиабазы" -> "aviabaz"; Indonesian
    "pangkalannya" -> "pangkalan"), so one cue entry covers every case of the word.
    """

    norm: str
    start: int
    end: int
    cue: str


_RU = snowballstemmer.stemmer("russian")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
#: endings a Russian name takes in its cases, after transliteration and folding; a name in the
#: text is tried without them, and with the nominative endings below, against the aliases
_NOMINATIVE = ("", "a", "ia", "o", "e", "i", "aia", "oe", "ie", "ka", "ok")


def is_cyrillic(word: str) -> bool:
    """Whether a word is written in Cyrillic (so Russian or Ukrainian inflection applies)."""
    return bool(_CYRILLIC.search(word))


@lru_cache(maxsize=500_000)
def _norm_word(word: str) -> str:
    if word in _ROMAN:
        return _ROMAN[word]
    return fold(_NON_ALNUM.sub("", unidecode(word).lower()))


#: digits and one to three letters: a designation's variant ("35a", "130j", "30sm")
_VARIANT = re.compile(r"(\d+)[a-z]{1,3}")


@lru_cache(maxsize=500_000)
def _cue_word(word: str) -> str:
    low = word.lower()
    if is_cyrillic(low):
        stem = _norm_word(_RU.stemWord(low))
        # "Су-24М", "Су-30СМ": the variant letters of a designation, as in Latin script below
        return m.group(1) if (m := _VARIANT.fullmatch(stem)) is not None else stem
    norm = _norm_word(low)
    # an English plural of a designation: "P-8s", "F-35s", "B-52s" are the cue "p 8", "f 35"
    if len(low) > 1 and low.endswith("s") and low[:-1].isdigit():
        return low[:-1]
    # a variant letter of a designation: "F-35A", "C-130J", "Su-30SM" are the cue "f 35"
    if (m := _VARIANT.fullmatch(low)) is not None:
        return m.group(1)
    # Indonesian enclitic: "pangkalannya" (its base), "galangannya"
    if len(low) > 7 and low.endswith("nya"):
        return _norm_word(low[:-3])
    return norm


@lru_cache(maxsize=200_000)
def name_variants(word: str) -> tuple[str, ...]:
    """Return the folded forms a name written ``word`` may have in the nominative.

    Russian declines place names: "в Североморске", "под Энгельсом", "на Новой Земле",
    "в Видяево" (indeclinable). For a Cyrillic word, this gives its folded form first, then
    its stem with each nominative ending, so "Североморске" meets the alias "Severomorsk" and
    "Новой Земле" meets "Novaya Zemlya". Other scripts return the folded form alone.
    """
    norm = _norm_word(word)
    if not is_cyrillic(word):
        return (norm,)
    stem = _norm_word(_RU.stemWord(word.lower()))
    out = [norm]
    if len(stem) >= 3:
        out += [fold(stem + end) for end in _NOMINATIVE]
    return tuple(dict.fromkeys(v for v in out if v))


#: endings of a Russian surname declined as an adjective ("Борисоглебский", "-ого", "-ому")
_RU_ADJECTIVE_END = re.compile(r"(?:ий|ый|ой|ого|его|ому|ему|им|ым|ая|яя|ую|юю|ом|ем)$")


def surname_key(word: str) -> str:
    """Return the key a surname is known by in any of its cases.

    A Russian surname built like an adjective declines: "полковник Дмитрий Борисоглебский"
    is later "по словам Борисоглебского". Such a word is keyed by its stem, so both forms meet,
    while the town it comes from, declined as a noun ("в Борисоглебске"), keeps its own key.
    Other words are keyed by their folded form.
    """
    low = word.lower()
    if is_cyrillic(word) and _RU_ADJECTIVE_END.search(low):
        return "adj:" + _norm_word(_RU.stemWord(low))
    return _norm_word(word)


def tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """Yield the words of ``text[start:end]`` as folded lowercase ASCII with their spans.

    Cyrillic and accented letters are transliterated (``"Байконур"`` -> ``"baikonur"``) and
    transliteration variants folded (see :func:`fold`), so a single alias list serves every
    script and spelling system. Each word is folded on its own, so the key of a phrase is the
    concatenation of its words' forms whatever the spacing.
    """
    stop = len(text) if end is None else end
    new = tuple.__new__  # what Token(...) calls, without the named tuple's Python-level layer
    for m in _WORD.finditer(text, start, stop):
        norm, cue = _word_forms(m.group())
        if norm:
            a, b = m.span()
            yield new(Token, (norm, a, b, cue))


@lru_cache(maxsize=500_000)
def _word_forms(word: str) -> tuple[str, str]:
    """Return a word's folded form and cue form, looked up once per word (see :func:`tokens`)."""
    norm = _norm_word(word)
    return norm, (_cue_word(word) if norm else "")


def fold(s: str) -> str:
    """Fold a lowercase ASCII string onto its transliteration skeleton."""
    for a, b in _FOLDS:
        s = s.replace(a, b)
    return _DOUBLE.sub(r"\1", s)


def key_of(text: str) -> str:
    """Return the lookup key of a name: its words normalised, joined without spaces, folded.

    Joining makes "Sary Shagan", "Sary-Shagan" and "Saryshagan" one key.
    """
    return "".join(t.norm for t in tokens(text))



def cue_key_of(text: str) -> str:
    """Return the lookup key of a cue phrase: like :func:`key_of`, on the words' cue forms."""
    return "".join(t.cue for t in tokens(text))
