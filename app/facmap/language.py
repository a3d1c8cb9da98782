"""Guess an article's language from its function words, when nobody gave it.

Some rules of the extractor depend on the language: Indonesian "di" is "at" ("Lanud Iswahjudi
di Madiun") where Italian "di" is "of" ("Pratica di Mare"). A file read from disk carries no
language, and a statistical detector (langdetect) costs milliseconds an article, more than the
extraction itself. Frequent words that belong to one language only ("yang", "della", "und")
decide it in microseconds; when they do not clearly agree the answer is "" (unknown), and the
rules fall back to what suits every language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

__all__ = ["guess_language"]

_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
#: enough text to count tens of function words; the rest of a long article changes nothing
SAMPLE_CHARS = 2000
#: fewer hits than this, and the text is too short to tell
MIN_HITS = 3
#: the leading language must have this many times the runner-up's hits
MIN_LEAD = 1.5
_UKRAINIAN = frozenset("іїєґ")


def guess_language(text: str, function_words: Mapping[str, str]) -> str:
    """Return the ISO 639-1 code the text's function words point to, or ``""``.

    Parameters
    ----------
    text
        The article body (only its first :data:`SAMPLE_CHARS` characters are read).
    function_words
        Lower-case word, as written, to the one language it belongs to (the lexicon's
        ``[languages.function_words]``).

    Returns
    -------
    str
        ``"ru"`` or ``"uk"`` for text mostly in Cyrillic; otherwise the language with the most
        function words when it has at least :data:`MIN_HITS` and leads the next by
        :data:`MIN_LEAD` times; ``""`` when the words do not decide.
    """
    sample = text[:SAMPLE_CHARS].lower()
    # counted by the regex engine: a Python loop over the characters costs more than the rest
    if len(_CYRILLIC.findall(sample)) > len(_LATIN.findall(sample)):
        return "uk" if any(ch in _UKRAINIAN for ch in sample) else "ru"
    counts = Counter(
        lang for w in _WORD.findall(sample) if (lang := function_words.get(w)) is not None
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < MIN_HITS:
        return ""
    if len(ranked) > 1 and ranked[0][1] < MIN_LEAD * ranked[1][1]:
        return ""
    return ranked[0][0]
