"""Every size limit facmap enforces, in one place, each with the reason for its value.

The page may be shared on a network and the CLI runs on files from anywhere, so every input
and output has a ceiling: a mistaken or hostile input gets one line saying what the limit is
and how to stay under it, never an exhausted server or a dataset nothing can open again. The
CLI and the page go through the same library functions, so both enforce the same numbers.

Each check reads this module's names at call time, so a test can lower a limit with
``monkeypatch.setattr(facmap.limits, ...)`` instead of building inputs of hundreds of MB.
"""

from __future__ import annotations

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_DATASET_BYTES",
    "MAX_EXPORT_DPI",
    "MAX_EXPORT_PIXELS",
    "MAX_FACILITIES_PER_ARTICLE",
    "MAX_MENTIONS_PER_ARTICLE",
    "MAX_SIDECAR_BYTES",
    "MAX_UNPLACED_PER_ARTICLE",
    "MAX_UPLOAD_BYTES",
    "MIN_EXPORT_DPI",
]

#: Largest article text, in UTF-8 bytes (a file, a paste or the text of a saved page). News
#: articles are a few tens of kB; two MB is a short book. More is a data dump or a video by
#: mistake, and would only hold memory and the extractor for minutes.
MAX_ARTICLE_BYTES = 2_000_000

#: Largest ``.meta.json`` sidecar of an article. A title, a date, a url and a few names fit
#: in a few hundred bytes; one MB leaves room for anything a tool may add, and no more.
MAX_SIDECAR_BYTES = 1_000_000

#: Largest file given to ``facmap add`` or uploaded in the page as an article. A saved news
#: page carries scripts, styles and markup around its text, hence room for five articles.
#: Files are read at most this much (plus one byte, to see the limit passed), never whole.
MAX_UPLOAD_BYTES = 5 * MAX_ARTICLE_BYTES

#: Facilities kept from one article. A real article names a handful to a few tens; a list of
#: every base in the knowledge base pasted as an "article" would otherwise add hundreds of
#: features in one click. The first ones in the text are kept, the rest counted and reported.
MAX_FACILITIES_PER_ARTICLE = 200

#: Mentions (sentences citing a kept facility) kept from one article. Each mention copies its
#: sentence (up to 1,000 characters), so this bounds what one article adds to the dataset to
#: about one MB; every kept facility keeps at least its first mention.
MAX_MENTIONS_PER_ARTICLE = 1_000

#: Unplaced phrases (facility-like phrases the knowledge base lacks) kept from one article.
#: One 2 MB paste once kept 15,678 of them (+33 MB); an analyst reviews tens, not thousands.
MAX_UNPLACED_PER_ARTICLE = 500

#: Largest dataset file read or written (GeoJSON). The page, the exports and every change hold
#: the whole file in memory; a write that would pass this is refused before anything is
#: written, so the old dataset stays readable and can still shrink (``facmap remove``).
#: Larger collections belong in a GeoPackage or PostGIS (``facmap convert``).
MAX_DATASET_BYTES = 200_000_000

#: Lowest PNG resolution: below it the labels cannot be read.
MIN_EXPORT_DPI = 10

#: Highest PNG resolution. 300 dpi is print quality and 600 a poster's; 1,200 dpi cost 590 MB
#: of server memory per visitor for a map no printer can show better.
MAX_EXPORT_DPI = 600

#: Largest PNG, in pixels (width x height), whatever the size and resolution: matplotlib
#: holds four bytes a pixel while drawing, so 40 Mpixel is about 160 MB. A 10 x 7 inch map at
#: the highest DPI is 25 Mpixel.
MAX_EXPORT_PIXELS = 40_000_000
