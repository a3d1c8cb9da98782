"""Text normalisation shared by the gazetteer index and the extractor.

Both sides go through the same functions, so an alias and the article text that names it meet in
one form whatever the script, case, diacritics, hyphenation or transliteration system.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from unidecode import unidecode

__all__ = ["Token", "fold", "key_of", "tokens"]

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
_DOUBLE = re.compile(r"(.)\1+")


class Token(NamedTuple):
    """A word of the original text: its normalised, folded form and its span in the text."""

    norm: str
    start: int
    end: int


@lru_cache(maxsize=500_000)
def _norm_word(word: str) -> str:
    return fold(_NON_ALNUM.sub("", unidecode(word).lower()))


def tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """Yield the words of ``text[start:end]`` as folded lowercase ASCII with their spans.

    Cyrillic and accented letters are transliterated (``"Байконур"`` -> ``"baikonur"``) and
    transliteration variants folded (see :func:`fold`), so a single alias list serves every
    script and spelling system. Each word is folded on its own, so the key of a phrase is the
    concatenation of its words' forms whatever the spacing.
    """
    stop = len(text) if end is None else end
    for m in _WORD.finditer(text, start, stop):
        norm = _norm_word(m.group())
        if norm:
            yield Token(norm, m.start(), m.end())


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
