"""Small charts as plain HTML: counts per facility type for the page and reports.

Why HTML and not Vega or a data grid: the page's first drawing of the map competes with every
other element for the browser's one main thread, and a Vega chart (or a second data grid) cost
about 0.4 s of it on a 2-core machine. A horizontal bar chart of a handful of counts needs no
script at all: it is a few ``div`` elements with widths, readable without JavaScript, in print,
and in a screen reader (each bar carries its number as text).
"""

from __future__ import annotations

import html
from collections.abc import Mapping

from facmap.mapview import TYPE_STYLES

#: scoped by the ``facmap-bars`` class so it styles nothing else on a page
BARS_CSS = """
.facmap-bars{display:grid;grid-template-columns:max-content 1fr max-content;gap:4px 8px;
  align-items:center;font:14px/1.3 system-ui,sans-serif;max-width:640px;margin:0 0 8px}
.facmap-bars .bar{height:14px;border-radius:2px;min-width:2px}
.facmap-bars .n{font-variant-numeric:tabular-nums;text-align:right}
"""


_COLOUR_BY_LABEL = {s.label: s.colour for s in TYPE_STYLES.values()}
_OTHER = "#555555"


def count_bars_html(counts: Mapping[str, int], *, caption: str = "Facilities per type") -> str:
    """Return a horizontal bar chart of ``counts`` (label -> count) as escaped HTML.

    Bars are scaled to the largest count and coloured like the map's markers for the type,
    so the chart and the legend read together. Labels are escaped: a type label is ours, but
    the function takes any mapping and must not turn a label into markup.

    Parameters
    ----------
    counts
        Count per label, in the order to draw (``viewstate.type_counts`` sorts largest first).
    caption
        Text for the chart's accessible name (``aria-label``) and visible heading.

    Returns
    -------
    str
        An HTML fragment (with its scoped ``<style>``); empty when ``counts`` is empty.
    """
    if not counts:
        return ""
    top = max(counts.values()) or 1
    rows = []
    for label, n in counts.items():
        width = 100.0 * n / top
        rows.append(
            f'<span class="label">{html.escape(label)}</span>'
            f'<span><span class="bar" style="display:block;width:{width:.1f}%;'
            f'background:{_COLOUR_BY_LABEL.get(label, _OTHER)}"></span></span>'
            f'<span class="n">{int(n)}</span>'
        )
    cap = html.escape(caption)
    return (
        f"<style>{BARS_CSS}</style>"
        f'<div class="facmap-bars" role="img" aria-label="{cap}">' + "".join(rows) + "</div>"
    )
