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

__all__ = ["NonFiniteNumberError", "loads"]


class NonFiniteNumberError(ValueError):
    """The text holds NaN, Infinity or a number too large for a float."""


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
    """
    return json.loads(text, parse_constant=_constant, parse_float=_float)
