"""Rules for what an article implies but does not name (``data/inference.toml``).

An implied facility is never presented as a named one: the extractor marks its mention
``match="inferred"`` and the feature ``inferred: true``, with the sentence that implies it and the
reasoning, so an analyst can judge the step for themselves.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from ._text import Token, tokens
from .gazetteer import DATA_DIR

__all__ = ["Corridor", "Rule", "find_term", "load_rules"]


@dataclass(frozen=True)
class Rule:
    """A sentence-level inference: all cue groups present -> ``target`` is implied."""

    id: str
    target: str
    cues: tuple[tuple[tuple[str, ...], ...], ...]  # groups of terms; a term is a word tuple
    reasoning: str

    def may_match(self, words: set[str], joined: str | None = None) -> bool:
        """Cheap pre-check: every group has a term whose first word is among ``words``.

        ``joined`` is :func:`joined_words` of ``words``, when the caller checks many rules on
        one sentence: the prefix terms are then one regex search each, not a loop over words.
        """
        for exact, stems, starts in self._starts:
            if not exact.isdisjoint(words):
                continue
            if not stems:
                return False
            if joined is None:
                joined = joined_words(words)
            if starts.search(joined) is None:
                return False
        return True

    @cached_property
    def _starts(self) -> tuple[tuple[frozenset[str], tuple[str, ...], re.Pattern[str]], ...]:
        """Per cue group: first words of its terms, stems of its one-word prefix terms, a regex.

        The regex finds, in :func:`joined_words`, a word that begins with one of the stems.
        """
        out = []
        for group in self.cues:
            stems = tuple(t[0][:-1] for t in group if len(t) == 1 and t[0].endswith("*"))
            exact = frozenset(t[0] for t in group if not (len(t) == 1 and t[0].endswith("*")))
            starts = re.compile(" (?:" + "|".join(re.escape(s) for s in stems) + ")")
            out.append((exact, stems, starts))
        # groups without prefix terms first: a set test rejects most sentences at once
        return tuple(sorted(out, key=lambda g: len(g[1])))

    def match(self, toks: Sequence[Token]) -> list[tuple[int, int]] | None:
        """Return the token span of one term per group if every group matches, else None."""
        spans = []
        for group in self.cues:
            span = next((s for term in group if (s := find_term(toks, term)) is not None), None)
            if span is None:
                return None
            spans.append(span)
        return spans


@dataclass(frozen=True)
class Corridor:
    """A launch-to-impact corridor between two gazetteer facilities."""

    id: str
    name: str
    launch: str
    impact: str


def joined_words(words: set[str]) -> str:
    """Return the words as one string, each after a space, for :meth:`Rule.may_match`.

    Words are folded (lowercase ASCII letters and digits, see :mod:`facmap._text`), so a space
    before each one marks where it begins.
    """
    return " " + " ".join(words) if words else ""


def find_term(toks: Sequence[Token], term: tuple[str, ...]) -> tuple[int, int] | None:
    """Find a word sequence among tokens; a last word ending in ``*`` matches as a prefix."""
    n = len(term)
    last = term[-1]
    prefix = last.endswith("*")
    last = last.rstrip("*")
    for i in range(len(toks) - n + 1):
        if all(toks[i + k].norm == term[k] for k in range(n - 1)):
            word = toks[i + n - 1].norm
            if word == last or (prefix and word.startswith(last)):
                return (i, i + n)
    return None


def _term(raw: str) -> tuple[str, ...]:
    star = raw.endswith("*")
    words = tuple(t.norm for t in tokens(raw.rstrip("*")))
    return (*words[:-1], words[-1] + "*") if star and words else words


@cache
def load_rules() -> tuple[tuple[Rule, ...], tuple[Corridor, ...]]:
    """Load the shipped inference rules and corridors."""
    with (DATA_DIR / "inference.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    rules = tuple(
        Rule(
            id=r["id"],
            target=r["target"],
            cues=tuple(tuple(t for t in map(_term, group) if t) for group in r["cues"]),
            reasoning=" ".join(r["reasoning"].split()),
        )
        for r in raw.get("rule", [])
    )
    corridors = tuple(
        Corridor(id=c["id"], name=c["name"], launch=c["launch"], impact=c["impact"])
        for c in raw.get("corridor", [])
    )
    return rules, corridors
