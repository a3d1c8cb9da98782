"""facmap.markup: untrusted text quoted in Streamlit Markdown shows as typed (issue 12, finding 4).

What a browser makes of it is in test_page_browser (the hostile shared link); these pin the
text the page hands to Markdown.
"""

from __future__ import annotations

import re

import pytest

from facmap.markup import md_literal


def span(md: str) -> tuple[str, str]:
    """Split a code span into its fence and its content (the reader strips one space a side)."""
    m = re.fullmatch(r"(`+) (.*) \1", md, re.DOTALL)
    assert m, md
    return m.group(1), m.group(2)


@pytest.mark.parametrize(
    "text",
    ["plain", "# heading", "[a](http://x.example)", "![i](http://x.example/i.png)", "<b>x</b>",
     "http://x.example", "`", "a ` b", "``x``", "x```", " lead and trail ", ":red[x] $y$"],
)  # fmt: skip
def test_printable_text_is_kept_whole_inside_a_longer_fence(text):
    fence, content = span(md_literal(text))
    assert content == text
    assert "`" * len(fence) not in text  # no run of backticks inside can close the span


@pytest.mark.parametrize(
    ("text", "shown"),
    [("a\n\nb", "a\\n\\nb"), ("a\r\nb", "a\\r\\nb"), ("a\tb", "a\\tb"), ("a\x00b", "a\\x00b"),
     ("a\u2028b\u2029c", "a\\u2028b\\u2029c"), ("abc\u202edef", "abc\\u202edef")],
)  # fmt: skip
def test_line_breaks_and_controls_show_as_escapes_on_one_line(text, shown):
    out = md_literal(text)
    assert "\n" not in out and "\r" not in out
    assert span(out)[1] == shown


def test_long_values_are_cut_and_the_cut_is_said():
    out = md_literal("x" * 1000, max_chars=200)
    assert span(out.split("…")[0].rstrip())[1] == "x" * 200
    assert out.endswith("… (800 more characters)")
    assert md_literal("x" * 200, max_chars=200) == md_literal("x" * 200)
