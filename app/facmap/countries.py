"""Country names and nationality words in the languages facmap reads, to ISO 3166 codes.

Articles often place a facility only by its country and its owner: "the French air base in
Djibouti", "la base navale russe de Tartous", "pangkalan militer Rusia di Suriah". Country
names in every language come from Babel's CLDR territory names (a maintained, offline table),
nationality adjectives and the operator words that go with them from ``nationalities.toml``
(states with forces abroad), and the adjectives that say which country an article is about
("Swedish Gripen fighters", "des Rafale égyptiens", "шведские истребители") from
``demonyms.toml``.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from unidecode import unidecode

from ._text import cue_key_of, is_cyrillic, key_of, name_variants

#: languages whose country names are read: the lexicon's languages and a few neighbours
LANGUAGES = ("en", "id", "ru", "fr", "es", "de", "pt", "it", "nl", "uk", "pl", "tr")


@cache
def _country_keys() -> dict[str, str]:
    """Return folded country names -> ISO codes over :data:`LANGUAGES` (CLDR via Babel)."""
    from babel import Locale

    out: dict[str, str] = {}
    for lang in LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            # two letters: countries; CLDR also lists regions ("001", "EU", "UN", "ZZ")
            if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "ZZ", "QO"}:
                out.setdefault(key_of(name), code)
    return out


def country_code_of(name: str) -> str | None:
    """Return the ISO code of a country named ``name`` in any of :data:`LANGUAGES`.

    Russian names are also tried in the nominative ("в Сирии" -> Сирия), since the words after
    a preposition are inflected.

    Examples
    --------
    >>> country_code_of("Yibuti"), country_code_of("Suriah"), country_code_of("Сирии")
    ('DJ', 'SY', 'SY')
    """
    keys = _country_keys()
    if (code := keys.get(key_of(name))) is not None:
        return code
    words = name.split()
    if len(words) == 1 and is_cyrillic(name):
        for variant in name_variants(name):
            if (code := keys.get(variant)) is not None:
                return code
    return None


@cache
def _nationalities() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    raw = tomllib.loads(
        resources.files("facmap").joinpath("data/nationalities.toml").read_text("utf-8")
    )
    words: dict[str, str] = {}
    operators: dict[str, tuple[str, ...]] = {}
    for code, table in raw.items():
        for adj in table["adjectives"]:
            words.setdefault(cue_key_of(adj), code)
        operators[code] = tuple(w.lower() for w in table["operators"])
    return words, operators


def nationality_of(word_cue: str) -> str | None:
    """Return the country a nationality adjective (in its cue form) belongs to, if known."""
    return _nationalities()[0].get(word_cue)


@cache
def demonym(code: str) -> str:
    """Return the English nationality adjective of ``code`` ("FR" -> "French"), or the code."""
    raw = tomllib.loads(
        resources.files("facmap").joinpath("data/nationalities.toml").read_text("utf-8")
    )
    adjectives = raw.get(code, {}).get("adjectives", [])
    return adjectives[0].capitalize() if adjectives else code


def run_by(operator: str, code: str) -> bool:
    """Whether a gazetteer ``operator`` text names the forces of country ``code``."""
    words = _nationalities()[1].get(code, ())
    low = f" {operator.lower()} "
    return any(w in low for w in words)


#: words around an adjective that make it part of a sea's or region's name, not a country's:
#: "Indian Ocean", "Norwegian Sea", "océan Indien", "Indischer Ozean", "Latin American"
_SEA_AFTER = frozenset({"ocean", "sea", "ozean", "meer", "okean", "more"})
_SEA_BEFORE = frozenset({"ocean", "oceano", "mer", "mar", "mare", "latin", "central", "pan"})


def _adjective_key(text: str) -> str:
    """Return ``text`` lower-case without accents, spaces or hyphens.

    Unlike :func:`key_of`, letters are not folded together: "russe" must not become the
    English word "ruse".
    """
    return re.sub(r"[^a-z0-9]", "", unidecode(text).lower())


@cache
def _demonyms() -> tuple[
    dict[str, str], dict[str, str], tuple[tuple[str, str], ...], frozenset[str]
]:
    """Return (English keys, other keys, Russian stems longest first, lower-case-only keys)."""
    raw = tomllib.loads(
        resources.files("facmap").joinpath("data/demonyms.toml").read_text("utf-8")
    )
    lower_only = frozenset(_adjective_key(w) for w in raw.pop("lower_case_only"))
    english: dict[str, str] = {}
    other: dict[str, str] = {}
    stems: dict[str, str] = {}
    for code, table in raw.items():
        for lang, forms in table.items():
            for form in forms:
                if lang == "ru":
                    stems.setdefault(form.lower().replace("ё", "е"), code)
                elif lang == "en":
                    english.setdefault(_adjective_key(form), code)
                else:
                    other.setdefault(_adjective_key(form), code)
    by_length = tuple(sorted(stems.items(), key=lambda kv: -len(kv[0])))
    return english, other, by_length, lower_only


@cache
def country_of_adjective(word: str) -> str | None:
    """Return the ISO code of the country a nationality adjective ``word`` belongs to.

    An article about "Swedish Gripen fighters" or "la Armada colombiana" is about Sweden or
    Colombia though it may never name them; this lets the extractor know. ``word`` is one
    word or two ("South African", "sud-africains"). English adjectives count only when
    capitalised ("Polish", not the verb "polish"); French, Spanish, Portuguese, Italian and
    German ones in any case, as the press writes them lower-case; Russian ones by their stem
    ("шведск") as the start of a Cyrillic word, whatever its ending. Forms that are also a
    place's or a person's name ("Chino", "Russo") count only lower-case.

    Examples
    --------
    >>> country_of_adjective("Swedish"), country_of_adjective("égyptiens")
    ('SE', 'EG')
    >>> country_of_adjective("schwedischen"), country_of_adjective("шведские")
    ('SE', 'SE')
    >>> country_of_adjective("colombiana"), country_of_adjective("South African")
    ('CO', 'ZA')
    >>> country_of_adjective("polish") is None, country_of_adjective("table") is None
    (True, True)
    """
    english, other, stems, lower_only = _demonyms()
    word = word.strip()
    if not word:
        return None
    if is_cyrillic(word):
        if " " in word:
            return None
        low = word.lower().replace("ё", "е")
        return next((code for stem, code in stems if low.startswith(stem)), None)
    key = _adjective_key(word)
    capital = word[0].isupper()
    if capital and (code := english.get(key)) is not None:
        return code
    if capital and key in lower_only:
        return None
    return other.get(key)


def adjective_blocked(before: str, after: str) -> bool:
    """Whether the words ``before`` and ``after`` an adjective make it a sea's or region's name.

    Examples
    --------
    >>> adjective_blocked("the", "Ocean"), adjective_blocked("océan", "")
    (True, True)
    >>> adjective_blocked("the", "Navy")
    False
    """
    return key_of(after) in _SEA_AFTER or key_of(before) in _SEA_BEFORE
