"""Common words of the supported languages, from wordfreq's frequency lists.

A name one letter away from a facility's name is taken for a misspelling of it only when
nothing else explains the word. A frequent word of any language the lexicon covers ("Segundo",
Portuguese and Spanish for "according to" and "second"; "Namun", Indonesian "however") has its
own meaning: taking it for a misspelt base would put a facility on the map that the article
never named. The lists are wordfreq's small ones (about 37 MB resident for nine languages),
loaded on the first question, which only the fuzzy matcher asks.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["COMMON_ZIPF", "LANGUAGES", "is_common_in", "is_common_word"]

#: languages whose frequent words are checked: those the lexicon has cue words for
LANGUAGES = ("en", "id", "ms", "ru", "uk", "fr", "es", "de", "pt", "it")

#: a word seen at least once in a million words (Zipf 3) is a word, not a misspelling
COMMON_ZIPF = 3.0


@lru_cache(maxsize=4096)
def is_common_word(word: str, threshold: float = COMMON_ZIPF) -> bool:
    """Whether ``word`` (as written, any case) is frequent in one of :data:`LANGUAGES`.

    Parameters
    ----------
    word
        One word or a short phrase as the article wrote it.
    threshold
        Zipf frequency (log10 of occurrences per billion words) from which a word counts as
        common; 3.0 is once in a million words.

    Returns
    -------
    bool
        ``True`` when some supported language uses the word at least that often.
    """
    from wordfreq import zipf_frequency

    w = word.strip().lower()
    if not w:
        return False
    return any(zipf_frequency(w, lang, wordlist="small") >= threshold for lang in LANGUAGES)


@lru_cache(maxsize=8192)
def is_common_in(word: str, languages: tuple[str, ...], threshold: float = COMMON_ZIPF) -> bool:
    """Whether ``word`` is frequent in one of ``languages`` (those wordfreq knows of them).

    Used where the language is known: a facility's name is read in its country's languages
    ("Escuela" is a Spanish noun; "Minhas", Portuguese "my", is a Pakistani base's name).
    """
    from wordfreq import zipf_frequency

    w = word.strip().lower()
    langs = [lang for lang in languages if lang in LANGUAGES]
    return bool(w) and any(zipf_frequency(w, lang, wordlist="small") >= threshold for lang in langs)
