"""Dispatch on the format name, and atomic writes (the page's buttons and the CLI call these)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..dataset import write_text_atomic
from ..errors import DatasetError, FacmapError
from .common import DEFAULT_DPI, FORMATS, ExportError, _check_format
from .geo import to_geojson, to_gpkg, to_kml
from .html import to_html
from .image import to_png, to_svg
from .table import to_csv

__all__ = ["export_bytes", "format_for_path", "write_export"]


def export_bytes(
    fc: dict[str, Any], fmt: str, *, title: str | None = None, dpi: int = DEFAULT_DPI
) -> bytes:
    """Return the export of ``fc`` in ``fmt`` (one of :data:`FORMATS`) as bytes.

    This is what the page's download buttons call; :data:`MEDIA_TYPES` and
    :data:`EXTENSIONS` give the MIME type and file extension.

    Raises
    ------
    ExportError
        Unknown format, bad DPI, or no features.
    """
    f = _check_format(fmt)
    if f == "png":
        return to_png(fc, title=title, dpi=dpi)
    if f == "gpkg":
        return to_gpkg(fc, title=title)
    writers: dict[str, Callable[..., str]] = {
        "html": to_html,
        "svg": to_svg,
        "kml": to_kml,
        "csv": to_csv,
        "geojson": to_geojson,
    }
    return writers[f](fc, title=title).encode("utf-8")


def format_for_path(path: str | Path) -> str:
    """Infer the export format from a file name's extension (``.json`` counts as GeoJSON)."""
    ext = Path(path).suffix.lower().lstrip(".")
    ext = {"json": "geojson", "htm": "html"}.get(ext, ext)
    if ext not in FORMATS:
        msg = (
            f"Cannot tell the export format from {str(path)!r}: expected an extension among "
            f"{', '.join('.' + x for x in FORMATS)}, got {Path(path).suffix or 'none'!r}. "
            "Name the format (--format in the CLI)."
        )
        raise ExportError(msg)
    return ext


def _write_bytes_atomic(path: Path, data: bytes) -> None:
    from ..dataset import write_bytes_atomic

    try:
        write_bytes_atomic(path, data)
    except DatasetError as exc:
        raise ExportError(str(exc)) from None


def write_export(
    fc: dict[str, Any],
    path: str | Path,
    *,
    fmt: str | None = None,
    title: str | None = None,
    dpi: int = DEFAULT_DPI,
) -> Path:
    """Export ``fc`` to ``path`` atomically: a temporary file in the same folder, then rename.

    The export is made in memory first, so a failure (no features, bad option) leaves no file
    and never truncates an existing one.

    Parameters
    ----------
    fc
        The filtered collection.
    path
        Output file; its folder must exist.
    fmt
        One of :data:`FORMATS`; default from the extension of ``path``.
    title, dpi
        As for :func:`export_bytes`.

    Returns
    -------
    Path
        ``path``.
    """
    p = Path(path)
    f = _check_format(fmt) if fmt is not None else format_for_path(p)
    if p.is_dir():
        msg = f"Expected a file path to write the {f} export to, got the folder {str(p)!r}."
        raise ExportError(msg)
    data = export_bytes(fc, f, title=title, dpi=dpi)
    if f in ("html", "svg", "kml", "csv", "geojson"):
        try:
            write_text_atomic(p, data.decode("utf-8"))
        except FacmapError as exc:
            raise ExportError(str(exc)) from None
    else:
        _write_bytes_atomic(p, data)
    return p
