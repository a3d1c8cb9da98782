"""Offline map assets: Leaflet, jQuery and Leaflet.markercluster as ``data:`` URIs.

Folium points its maps at CDNs, so with no network the page shows a blank box. These helpers
read the same libraries from installed ``xstatic`` wheels and return them as ``data:`` URIs,
which work in three places without a server: a ``<script src>`` in a standalone HTML file
opened from disk, streamlit-folium's iframe (it loads ``default_js``/``default_css`` one by
one), and a notebook. Relative ``url(images/...)`` references in CSS are inlined as well, so a
stylesheet never asks for a file it cannot reach.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

from .errors import FacmapError

__all__ = ["OfflineAssets", "data_uri", "offline_assets"]

_CSS_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+)\1\)")
_MIME = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}


def _xstatic_dir(package: str) -> Path:
    import importlib

    try:
        mod = importlib.import_module(f"xstatic.pkg.{package}")
    except ImportError:
        wheel = "xstatic-" + package.replace("_", "-")
        msg = (
            f"Expected the offline map asset package {wheel!r}, but it is not installed. "
            f"Run `pip install {wheel}`."
        )
        raise FacmapError(msg) from None
    return Path(mod.BASE_DIR)


def data_uri(data: bytes, mime: str) -> str:
    """Encode bytes as a base64 ``data:`` URI.

    Parameters
    ----------
    data
        The file's content.
    mime
        Its media type, e.g. ``"text/javascript"``.
    """
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _file_uri(path: Path) -> str:
    return data_uri(path.read_bytes(), _MIME[path.suffix])


def _css_uri(path: Path) -> str:
    folder = path.parent

    def inline(m: re.Match[str]) -> str:
        img = folder / m.group(2)
        return f"url({_file_uri(img)})" if img.is_file() else m.group(0)

    css = _CSS_URL.sub(inline, path.read_text("utf-8"))
    return data_uri(css.encode("utf-8"), "text/css")


class OfflineAssets:
    """The JS and CSS a facmap map needs, as ``(name, data URI)`` pairs in load order."""

    def __init__(self, js: list[tuple[str, str]], css: list[tuple[str, str]]) -> None:
        self.js = js
        self.css = css

    def __repr__(self) -> str:
        return f"OfflineAssets(js={[n for n, _ in self.js]}, css={[n for n, _ in self.css]})"


@cache
def offline_assets(*, cluster: bool = False, jquery: bool = True) -> OfflineAssets:
    """Return Leaflet and jQuery (plus markercluster if ``cluster``) as data URIs.

    ``jquery=False`` leaves jQuery out (117 kB of the map's 676 kB on the page): facmap's
    own scripts, Leaflet, markercluster and streamlit-folium never use it; folium does only
    for its ``Popup`` with HTML content and ``objects_to_stay_in_front``, which a notebook
    user may add to a map, so standalone maps keep it.

    The result is cached per process and never mutated: callers copy the lists they assign.

    Raises
    ------
    FacmapError
        If an ``xstatic`` package is missing, with the ``pip install`` that fixes it.
    """
    leaflet = _xstatic_dir("leaflet")
    js = [("leaflet", _file_uri(leaflet / "leaflet.js"))]
    if jquery:
        js.append(("jquery", _file_uri(_xstatic_dir("jquery") / "jquery.min.js")))
    css = [("leaflet_css", _css_uri(leaflet / "leaflet.css"))]
    if cluster:
        mc = _xstatic_dir("leaflet_markercluster")
        js.append(("markercluster", _file_uri(mc / "leaflet.markercluster.js")))
        css.append(("markercluster_css", _css_uri(mc / "MarkerCluster.css")))
        css.append(("markercluster_default_css", _css_uri(mc / "MarkerCluster.Default.css")))
    return OfflineAssets(js, css)
