"""The interactive map as one standalone HTML file, an ``<iframe>`` for it, and notebooks.

The map is :func:`facmap.mapview.build_map`'s, the page's own, so the export looks like the
screen; this module only adds the report box (title, sources, generation time).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from .. import __version__
from ..basemap import BASEMAP_CREDIT
from .common import (
    DEFAULT_DPI,
    ExportError,
    _require_features,
    attribution,
    default_title,
    generated_at,
)

__all__ = ["ReportMap", "iframe_snippet", "to_html"]


_REPORT_CSS = """
.facmap-report { position: absolute; top: 10px; left: 50%; transform: translateX(-50%);
  z-index: 1000; max-width: min(640px, 70%); background: rgba(255,255,255,.93);
  padding: 6px 12px; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3);
  font: 13px/1.35 system-ui, sans-serif; }
.facmap-report h1 { font-size: 16px; margin: 0 0 2px; }
.facmap-report details { color: #444; font-size: 11px; }
.facmap-report summary { cursor: pointer; }
.facmap-report ul { margin: 2px 0; padding-left: 16px; }
.facmap-report .facmap-generated { color: #666; font-size: 11px; }
@media print { .facmap-report details { display: none; } }
"""


def _credits(fc: dict[str, Any]) -> list[str]:
    """Return the report's credit lines: the collection's, then the basemap's.

    The HTML map draws Natural Earth at three levels and GeoNames town names, so it credits
    both (the PNG/SVG exports draw the 1:110m outlines only and keep the shorter line).
    """
    return [*attribution(fc), BASEMAP_CREDIT]


def _report_box(fc: dict[str, Any], title: str) -> str:
    e = html.escape
    n = len(fc["features"])
    items = "".join(f"<li>{e(x)}</li>" for x in _credits(fc))
    return (
        '<div class="facmap-report" role="region" aria-label="Report title and sources">'
        f"<h1>{e(title)}</h1>"
        f"<div>{n} facilit{'y' if n == 1 else 'ies'} · positions approximate</div>"
        f"<details><summary>Sources and credits</summary><ul>{items}</ul></details>"
        f'<div class="facmap-generated">Generated <time datetime="{e(generated_at())}">'
        f"{e(generated_at())}</time> by facmap {e(__version__)}</div></div>"
    )


def to_html(fc: dict[str, Any], *, title: str | None = None, online_basemaps: bool = True) -> str:
    """Return the interactive map as one self-contained HTML file.

    The map is :func:`facmap.mapview.build_map`'s, so the report matches the page: markers by
    type, popups quoting the articles, legend, layer control, scale bar. All JavaScript and CSS
    are inlined (``data:`` URIs) and the Natural Earth basemap is built in, so the file opens
    from disk with no network. A box at the top holds the title, the sources and the
    generation time.

    Parameters
    ----------
    fc
        The filtered collection.
    title
        Default: :func:`default_title`.
    online_basemaps
        Offer OpenStreetMap and satellite tiles in the layer control; they fetch nothing
        unless the reader picks them.
    """
    _require_features(fc)
    from branca.element import Element
    from branca.element import Figure as Page

    from ..mapview import MAP_CSS, build_map
    from ..mapview import to_html as render

    t = title or default_title(fc)
    m = build_map(fc, online_basemaps=online_basemaps)
    root = m.get_root()
    assert isinstance(root, Page)
    root.header.add_child(Element(f"<title>{html.escape(t)}</title>"), name="facmap_title")
    meta = {
        "generator": f"facmap {__version__}",
        "dcterms.created": generated_at(),
        "dcterms.rights": " · ".join(_credits(fc)),
    }
    tags = "".join(
        f'<meta name="{k}" content="{html.escape(v, quote=True)}">' for k, v in meta.items()
    )
    root.header.add_child(Element(tags), name="facmap_meta")
    root.header.add_child(Element(f"<style>{_REPORT_CSS}</style>"), name="facmap_report_css")
    root.html.add_child(Element(_report_box(fc, t)), name="facmap_report")
    # folium links leaflet.css into the head when the map renders, after the page's own CSS,
    # so Leaflet's `.leaflet-marker-icon {display: block}` beat the markers' flex centring
    # and letters sat 3-6 px off-centre. Stated again after everything, the page's CSS wins,
    # as it does in the page, and the markers are drawn as the page draws them.
    root.html.add_child(Element(f"<style>{MAP_CSS}</style>"), name="facmap_css_last")
    return render(m)


def iframe_snippet(
    src: str | None = None,
    *,
    html_text: str | None = None,
    title: str = "facmap map",
    width: str = "100%",
    height: int = 520,
) -> str:
    """Return an ``<iframe>`` that embeds an exported map in a report page.

    Parameters
    ----------
    src
        Address of the HTML export relative to the report (e.g. ``"map.html"``).
    html_text
        Or the export itself: it is embedded with ``srcdoc`` so the report is one file.
    title
        Accessible name of the frame.
    width, height
        CSS width (e.g. ``"100%"``) and height in pixels.
    """
    if (src is None) == (html_text is None):
        msg = "Expected exactly one of src= (a path or URL) or html_text= (an HTML export)."
        raise ExportError(msg)
    where = (
        f'src="{html.escape(src, quote=True)}"'
        if src is not None
        else f'srcdoc="{html.escape(html_text or "", quote=True)}"'
    )
    return (
        f'<iframe {where} title="{html.escape(title, quote=True)}" width="{html.escape(width)}" '
        f'height="{int(height)}" style="border:1px solid #ccc" loading="lazy" '
        'sandbox="allow-scripts allow-popups"></iframe>'
    )


class ReportMap:
    """A filtered map that displays itself inline in Jupyter and saves to any export format.

    Examples
    --------
    >>> rm = ReportMap(fc, title="Test ranges")  # doctest: +SKIP
    >>> rm  # in a notebook cell: the interactive map, offline
    >>> rm.save("ranges.png", dpi=300)
    """

    def __init__(self, fc: dict[str, Any], *, title: str | None = None, height: int = 520):
        _require_features(fc)
        self.fc = fc
        self.title = title or default_title(fc)
        self.height = height

    def _repr_html_(self) -> str:
        return iframe_snippet(html_text=self.html(), title=self.title, height=self.height)

    def html(self) -> str:
        """Return the standalone HTML export."""
        return to_html(self.fc, title=self.title)

    def save(self, path: str | Path, *, fmt: str | None = None, dpi: int = DEFAULT_DPI) -> Path:
        """Write the map to ``path`` in ``fmt`` (default: from the extension); atomic."""
        from .dispatch import write_export  # dispatch imports this module

        return write_export(self.fc, path, fmt=fmt, title=self.title, dpi=dpi)
