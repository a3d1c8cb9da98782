"""Strict JSON reading: only what RFC 8259 allows, so a bad file gets one clear line.

Python's ``json`` accepts ``NaN``, ``Infinity`` and ``-Infinity`` (and reads ``1e999`` as
infinity); other readers reject them, so a dataset holding them could not be shared. Every
reader of user files goes through :func:`loads`, whose errors are ``ValueError`` subclasses
with a short message a caller can put in its own one-line error.
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["MAX_DEPTH", "NonFiniteNumberError", "TooDeepError", "loads"]

#: deepest nesting of arrays and objects accepted; a facmap dataset needs 9 (MultiPolygon
#: coordinates inside a feature inside the collection), so this leaves room for extensions
#: while keeping every recursive reader (schema validation, repr, json.dumps) far from
#: Python's recursion limit
MAX_DEPTH = 64


class NonFiniteNumberError(ValueError):
    """The text holds NaN, Infinity or a number too large for a float."""


class TooDeepError(ValueError):
    """The text nests arrays or objects deeper than :data:`MAX_DEPTH`."""


def _constant(name: str) -> float:
    msg = f"holds {name}, which JSON does not allow; use a finite number"
    raise NonFiniteNumberError(msg)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        msg = f"holds the number {text[:40]}, too large for a float; use a finite number"
        raise NonFiniteNumberError(msg)
    return value


def loads(text: str | bytes) -> Any:
    """Parse JSON text, refusing NaN and Infinity.

    Raises
    ------
    json.JSONDecodeError
        If the text is not JSON (it has ``lineno``, ``colno`` and ``msg``).
    NonFiniteNumberError
        If it holds NaN, Infinity or a number that overflows a float.
    TooDeepError
        If arrays or objects nest deeper than :data:`MAX_DEPTH`.
    """
    try:
        value = json.loads(text, parse_constant=_constant, parse_float=_float)
    except RecursionError:
        raise TooDeepError(_too_deep()) from None
    _check_depth(value)
    return value


def _too_deep() -> str:
    return f"nests arrays or objects more than {MAX_DEPTH} levels deep"


def _check_depth(value: Any) -> None:
    """Measure the nesting level by level (no recursion): about 0.1 s for 23 MB."""
    level = [value]
    depth = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            raise TooDeepError(_too_deep())
        nxt: list[Any] = []
        for node in level:
            if type(node) is dict:
                nxt.extend([v for v in node.values() if type(v) is dict or type(v) is list])
            elif type(node) is list:
                nxt.extend([v for v in node if type(v) is dict or type(v) is list])
        level = nxt
