"""Inference rules: the cheap pre-check agrees with a full match."""

from __future__ import annotations

import pytest

from facmap._text import tokens
from facmap.inference import joined_words, load_rules

SENTENCES = [
    "Испытания ядерного оружия на Новой Земле, в арктическом архипелаге.",
    "Russia fires an ICBM from Kapustin Yar at a target area in Kazakhstan.",
    "India tested nuclear devices in the Thar desert of Rajasthan.",
    "The talks were held in Almaty.",
    "",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_may_match_with_joined_words_agrees(text: str) -> None:
    """The regex test of prefix terms on joined words answers as the loop over words does.

    A rule whose full match succeeds must also pass the pre-check, or it would never fire.
    """
    toks = list(tokens(text))
    words = {t.norm for t in toks}
    rules, _ = load_rules()
    for rule in rules:
        fast = rule.may_match(words, joined_words(words))
        assert fast == rule.may_match(words)
        if rule.match(toks) is not None:
            assert fast, rule.id


def test_some_sentence_passes_a_prefix_group() -> None:
    """At least one example sentence is decided by a prefix term (the regex path is run)."""
    rules, _ = load_rules()
    toks = list(tokens(SENTENCES[0]))
    words = {t.norm for t in toks}
    passed = [r.id for r in rules if r.may_match(words, joined_words(words))]
    assert "nuclear-test-arctic-archipelago" in passed
