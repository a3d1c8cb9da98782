"""Reports: the map as the user filtered it, in the formats reports are made of.

One module serves the page, the CLI and the notebook, so a report always matches the screen:
each function takes an already filtered collection (see :func:`facmap.dataset.filter_collection`)
and returns text or bytes. Every export carries a title, source attribution (the outlets and
dates of the articles behind the features shown, and data credits such as GCAT's required line)
and a generation timestamp; visual ones add a legend. Nothing here touches the network.

======================  =================================================================
format                  function
======================  =================================================================
``html``                :func:`to_html` (one self-contained file; :func:`iframe_snippet`)
``png`` / ``svg``       :func:`to_png` / :func:`to_svg` (matplotlib, offline basemap)
``kml``                 :func:`to_kml` (Google Earth)
``gpkg``                :func:`to_gpkg` (QGIS)
``csv``                 :func:`to_csv`
``geojson``             :func:`to_geojson`
======================  =================================================================

:func:`export_bytes` and :func:`write_export` dispatch on the format name; writes are atomic.

The package is split by output family (one topic per module); everything public is imported
here, so ``from facmap.export import to_png`` keeps working:

- :mod:`facmap.export.common`: formats, title, attribution, timestamp, option checks
- :mod:`facmap.export.image`: PNG and SVG
- :mod:`facmap.export.html`: standalone HTML, ``<iframe>``, :class:`ReportMap`
- :mod:`facmap.export.geo`: GeoJSON, GeoPackage, KML
- :mod:`facmap.export.table`: CSV
- :mod:`facmap.export.dispatch`: by format name, atomic writes
"""

from __future__ import annotations

from .common import (
    DEFAULT_DPI,
    DEFAULT_SIZE,
    EXTENSIONS,
    FORMATS,
    GCAT_CREDIT,
    MAX_DPI,
    MEDIA_TYPES,
    TYPE_COLORS,
    ExportError,
    attribution,
    default_title,
    generated_at,
)
from .dispatch import export_bytes, format_for_path, write_export
from .geo import to_geojson, to_gpkg, to_kml
from .html import ReportMap, iframe_snippet, to_html
from .image import MAX_LABELS, to_png, to_svg
from .table import CSV_COLUMNS, to_csv

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_DPI",
    "DEFAULT_SIZE",
    "EXTENSIONS",
    "FORMATS",
    "GCAT_CREDIT",
    "MAX_DPI",
    "MAX_LABELS",
    "MEDIA_TYPES",
    "TYPE_COLORS",
    "ExportError",
    "ReportMap",
    "attribution",
    "default_title",
    "export_bytes",
    "format_for_path",
    "generated_at",
    "iframe_snippet",
    "to_csv",
    "to_geojson",
    "to_gpkg",
    "to_html",
    "to_kml",
    "to_png",
    "to_svg",
    "write_export",
]
