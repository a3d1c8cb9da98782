"""facmap: turn defence news articles into a traceable map of the facilities they name.

The library never imports streamlit; the page in ``app/streamlit_app.py`` is a thin layer over
these functions, as are the CLI, the exports and the notebook.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .article import read_article
from .dataset import filter_collection, load_geojson, to_geodataframe, write_geojson
from .errors import ArticleError, DatasetError, FacmapError, GazetteerError
from .extract import Extractor, extract
from .gazetteer import load_gazetteer
from .pipeline import collection_from_articles, collection_from_files
from .types import Article, ArticleMeta, FacilityType, GazetteerEntry, Mention

try:
    __version__ = version("facmap")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

__all__ = [
    "Article",
    "ArticleError",
    "ArticleMeta",
    "DatasetError",
    "Extractor",
    "FacilityType",
    "FacmapError",
    "GazetteerEntry",
    "GazetteerError",
    "Mention",
    "__version__",
    "collection_from_articles",
    "collection_from_files",
    "extract",
    "filter_collection",
    "load_gazetteer",
    "load_geojson",
    "read_article",
    "to_geodataframe",
    "write_geojson",
]
