r"""Untrusted text made safe for Markdown: it shows exactly as typed and never becomes markup.

The page writes messages with Streamlit's Markdown (``st.warning``, ``st.error``, ...), and
some of what they echo comes from outside: a value of a shared link, an article's title, an
error quoting a file. A link value holding a blank line and ``# heading``, ``[text](url)`` or
``![](url)`` once rendered a heading, a link to another site and an external image inside the
page's own warning (issue 12).

Backslash escapes are not enough: Streamlit turns bare web addresses into links *after*
parsing, from the unescaped text (``http\:\/\/x`` still becomes a link, as does
``http&#58;//x``). Only a code span keeps its content as text through every step, so a quoted
value goes in one, with a fence longer than any run of backticks inside it, and line breaks
and other control characters written as visible escapes so the value stays on one line
(a blank line would end the code span and start a new Markdown block).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["md_literal"]

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(ch: str) -> str:
    r"""Write a control, format or separator character as a visible escape (``\n``, ``\u202e``)."""
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def md_literal(text: object, max_chars: int | None = None) -> str:
    r"""Return ``text`` as a Markdown code span that renders as the same characters, on one line.

    Parameters
    ----------
    text
        Any value; ``str()`` of it is shown.
    max_chars
        If given, longer text is cut to this many characters and the cut is said (a shared
        link can carry kilobytes; a warning that quotes it needs only its start).

    Returns
    -------
    str
        A code span: inside one, nothing is markup (no heading, link, image, HTML, bare-URL
        link, math or emoji). Line breaks, tabs, other control characters, bidirectional
        overrides and line/paragraph separators are written as visible escapes (``\n``,
        ``\u202e``) so they can neither end the span nor reorder what the reader sees.

    Examples
    --------
    >>> print(md_literal("[x](javascript:y)"))
    `` [x](javascript:y) ``
    >>> print(md_literal("a\n\n# `b`"))
    `` a\n\n# `b` ``
    """
    s = str(text)
    cut = ""
    if max_chars is not None and len(s) > max_chars:
        cut = f"… ({len(s) - max_chars:,} more characters)"
        s = s[:max_chars]
    shown = "".join(
        ch if ch.isprintable() or ch == " " or unicodedata.category(ch) == "Zs" else _visible(ch)
        for ch in s
    )
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * max(2, longest + 1)
    # one space each side: stripped by the reader, it lets the value begin or end with a backtick
    return f"{fence} {shown} {fence}{cut}"
