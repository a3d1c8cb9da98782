"""Words for people: titles shortened at a word, lists of names that read as lists.

Why a module: the CLI, the page and the exports all show titles and lists of facility names.
A title cut at a character count ends in half a word ("...a launch at the Jiuq"), and names
joined with commas cannot be told apart when a name holds a comma ("Sary Shagan, test site
A"). One place decides how both read, so every surface says them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["name_list", "quoted", "shorten"]

#: the mark a shortened text ends with
ELLIPSIS = "…"


def shorten(text: str, limit: int = 120) -> str:
    """Return ``text`` on one line, at most ``limit`` characters, cut between words.

    White space runs become one space. A longer text is cut at the last space that fits,
    trailing punctuation dropped, and ends in an ellipsis; only a single word longer than
    the limit (a URL, a language written without spaces) is cut inside the word.

    Examples
    --------
    >>> shorten("Russia prepares a launch at the Jiuquan centre", 36)
    'Russia prepares a launch at the…'
    """
    if limit < 2:
        msg = f"Expected a limit of at least 2 characters, got {limit}."
        raise ValueError(msg)
    one_line = " ".join(str(text).split())
    if len(one_line) <= limit:
        return one_line
    head = one_line[: limit - len(ELLIPSIS) + 1]  # one more: a space there is a word end
    cut = head.rfind(" ")
    body = head[:cut] if cut > 0 else head[:-1]
    return body.rstrip(" ,;:-–—(") + ELLIPSIS


def quoted(name: str) -> str:
    """Return a name in guillemets, so that commas inside it stay inside it."""
    return f"«{' '.join(str(name).split())}»"


def name_list(names: Iterable[str], *, limit: int | None = None) -> str:
    """Return names as one unambiguous list: ``«A»; «B, C»; «D»``.

    Each name is quoted and the items are separated by semicolons, so a name holding a comma
    reads as one item. With ``limit``, at most that many are listed and the rest counted
    (``«A»; «B» and 3 more``).
    """
    items = [quoted(n) for n in names]
    if limit is not None and len(items) > limit:
        rest = len(items) - limit
        return "; ".join(items[:limit]) + f" and {rest} more"
    return "; ".join(items)
