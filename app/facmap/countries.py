"""Country names and nationality words in the languages facmap reads, to ISO 3166 codes.

Articles often place a facility only by its country and its owner: "the French air base in
Djibouti", "la base navale russe de Tartous", "pangkalan militer Rusia di Suriah". Country
names in every language come from Babel's CLDR territory names (a maintained, offline table),
nationality adjectives and the operator words that go with them from ``nationalities.toml``.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources

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
