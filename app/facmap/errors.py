"""Exceptions raised by facmap.

Every user-facing error says what was expected, what came and how to fix it, so that the CLI
and the page can show the message as it is, on one line, without a traceback.
"""

from __future__ import annotations

__all__ = ["ArticleError", "DatasetError", "FacmapError", "GazetteerError"]


class FacmapError(Exception):
    """Base class for every error a user can cause and fix."""


class ArticleError(FacmapError):
    """An article file could not be read as UTF-8 text of a sensible size."""


class GazetteerError(FacmapError):
    """A gazetteer file is malformed (a bug in the shipped data or a user's extension)."""


class DatasetError(FacmapError):
    """A facilities GeoJSON file violates the contract or cannot be written."""
