"""Titles shortened at a word; lists of names that keep a name with commas whole."""

from __future__ import annotations

import pytest

from facmap.phrasing import name_list, quoted, shorten

TITLE = "China prepares for a launch at the Jiuquan Satellite Launch Center in Inner Mongolia"


@pytest.mark.parametrize("limit", range(12, len(TITLE) + 5))
def test_shorten_never_cuts_a_word(limit):
    short = shorten(TITLE, limit)
    assert len(short) <= limit
    if len(TITLE) <= limit:
        assert short == TITLE
        return
    assert short.endswith("…")
    kept = short[:-1].split(" ")
    words = TITLE.split(" ")
    assert kept == words[: len(kept)]  # whole words, in order: none cut
    assert "Jiuq" not in short or "Jiuquan" in short


def test_shorten_joins_lines_and_drops_dangling_punctuation():
    assert shorten("Bombers,\n\n  seen   at Olenya") == "Bombers, seen at Olenya"
    assert shorten("Bombers seen at Olenya, officials said", 24) == "Bombers seen at Olenya…"


def test_shorten_cuts_inside_a_word_only_when_one_word_is_too_long():
    url = "https://example.org/" + "x" * 200
    short = shorten(url, 40)
    assert len(short) == 40 and short.endswith("…") and url.startswith(short[:-1])
    with pytest.raises(ValueError, match="at least 2"):
        shorten("abc", 1)


def test_name_list_keeps_a_name_with_commas_whole():
    names = ["Plesetsk Cosmodrome", "Sary Shagan, test site A", "Almaty"]
    text = name_list(names)
    assert text == "«Plesetsk Cosmodrome»; «Sary Shagan, test site A»; «Almaty»"
    # the list splits back into exactly the names given
    assert [x.strip("«» ") for x in text.split(";")] == names
    assert (
        name_list(names, limit=2) == "«Plesetsk Cosmodrome»; «Sary Shagan, test site A» and 1 more"
    )
    assert quoted("  Kapustin\nYar ") == "«Kapustin Yar»"
    assert name_list([]) == ""
