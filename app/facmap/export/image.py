"""The static map: PNG and SVG for PDF and Word reports (matplotlib, offline basemap)."""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..types import FacilityType
from .common import (
    DEFAULT_DPI,
    DEFAULT_SIZE,
    TYPE_COLORS,
    _articles,
    _check_dpi,
    _require_features,
    attribution,
    default_title,
    generated_at,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["MAX_LABELS", "to_png", "to_svg"]

#: at most this many labels are tried on a static map; the rest are left to the legend
MAX_LABELS = 60

_LAND = "#f2efe9"
_SEA = "#dcebf5"
_BORDER = "#a0a0a0"
_GRID = "#9aa5b1"

# layout in points and inches, so that the space below the map is reserved before drawing:
# tick marks and their labels, a gap, the footer's lines, and a margin to the page edge
_TICK_PT = 7.0
_TICK_LEN_PT = 3.0
_TICK_PAD_PT = 2.0
_FOOTER_PT = 6.5
_LINESPACING = 1.2
_GAP_PT = 5.0
_TITLE_PT = 13.0
_SUBTITLE_PT = 8.0
#: room above the map: a margin, the title and the subtitle lines, and a gap
_TOP_PT = 6.0 + 13.0 * 1.4 + 8.0 * 1.4 + 5.0
_EDGE_PT = 6.0
#: room left of the map for latitude labels such as "42.5°N"
_LEFT_IN = 0.6
#: the footer takes at most this share of the page; further articles are counted, not listed
_MAX_FOOTER_SHARE = 0.22


def _line_pt(fontsize: float) -> float:
    # matplotlib spaces lines at linespacing x the font size, plus about a fifth for descenders
    return fontsize * (_LINESPACING + 0.2)


def _bottom_in(footer_lines: int) -> float:
    """Inches below the map for the longitude labels, the gap and ``footer_lines`` lines."""
    ticks = _TICK_LEN_PT + _TICK_PAD_PT + _line_pt(_TICK_PT)
    footer = footer_lines * _line_pt(_FOOTER_PT)
    return (ticks + 2 * _GAP_PT + footer + _EDGE_PT) / 72


def _max_footer_lines(size: tuple[float, float]) -> int:
    return max(3, int(_MAX_FOOTER_SHARE * size[1] * 72 / _line_pt(_FOOTER_PT)))


def _footer_lines(fc: dict[str, Any], *, width: int, max_lines: int) -> list[str]:
    """Return the credits as wrapped lines: articles by outlet, date and title, then data credits.

    A report of hundreds of articles cannot list them all under the map; the most articles
    that fit in ``max_lines`` are listed and the rest counted (the image's metadata holds the
    full list). The data credits and the generation stamp are always kept.
    """
    lines = attribution(fc, basemap=True)
    n = len(_articles(fc))
    arts, credits = lines[:n], lines[n:]
    stamp = f"Generated {generated_at()} by facmap {__version__}"

    def wrapped(keep: int) -> list[str]:
        more = n - keep
        items = arts[:keep]
        if more:
            items.append(f"and {more} more article{'s' if more != 1 else ''} (see the metadata)")
        return textwrap.wrap(" · ".join([*items, *credits, stamp]), width=width)

    best = wrapped(n)
    if len(best) <= max_lines:
        return best
    lo, hi = 0, n - 1  # the largest count of listed articles whose lines fit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if len(wrapped(mid)) <= max_lines:
            lo = mid
        else:
            hi = mid - 1
    return wrapped(lo)


def _degree_step(span: float) -> float:
    """Return a round tick step giving three to seven ticks over ``span`` degrees."""
    for step in (0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0, 45.0):
        if span / step <= 7:
            return step
    return 60.0


def _degree_label(value: float, positive: str, negative: str) -> str:
    """``40°N``, ``60°E``, ``12.5°W``, ``0°`` (longitudes past 180 wrap round)."""
    v = round(value, 6)
    if positive == "E":
        v = (v + 180) % 360 - 180 if abs(v) > 180 else v
    if v == 0:
        return "0°"
    return f"{abs(v):g}°{positive if v > 0 else negative}"


def _graticule(ax: Axes) -> None:
    """Degree labels on the ticks and a light graticule under the data (no axis titles)."""
    import math

    import numpy as np
    from matplotlib.ticker import FixedLocator, FuncFormatter

    for axis, (lo, hi), pos, neg in (
        (ax.xaxis, ax.get_xlim(), "E", "W"),
        (ax.yaxis, ax.get_ylim(), "N", "S"),
    ):
        step = _degree_step(hi - lo)
        ticks = np.arange(math.ceil(lo / step) * step, hi + step * 1e-6, step)
        axis.set_major_locator(FixedLocator(ticks.tolist()))
        axis.set_major_formatter(FuncFormatter(lambda v, _i, p=pos, n=neg: _degree_label(v, p, n)))
    ax.tick_params(
        labelsize=_TICK_PT,
        length=_TICK_LEN_PT,
        pad=_TICK_PAD_PT,
        color="#777777",
        labelcolor="#444444",
    )
    ax.set_axisbelow(False)  # the graticule above the land (zorder 1), below the data
    ax.grid(True, color=_GRID, linewidth=0.4, alpha=0.6, zorder=2)


@dataclass
class _Drawn:
    """What is on the static map, per feature: its marker anchor and label priority."""

    name: str
    x: float
    y: float
    priority: tuple[int, int, str]


def _shapes(fc: dict[str, Any]) -> list[tuple[dict[str, Any], Any]]:
    from shapely.geometry import shape

    return [(f, shape(f["geometry"])) for f in fc["features"]]


def _extent(shapes: Sequence[Any]) -> tuple[float, float, float, float]:
    """Bounds of the features with a margin of 12% (at least 1.5 degrees of span)."""
    import shapely

    x0, y0, x1, y1 = shapely.total_bounds(list(shapes))
    w, h = max(x1 - x0, 1.5), max(y1 - y0, 1.0)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = w * 1.24, h * 1.24
    return (
        max(cx - w / 2, -180.0),
        max(cy - h / 2, -85.0),
        min(cx + w / 2, 180.0),
        min(cy + h / 2, 85.0),
    )


def _nice(x: float) -> float:
    import math

    exp = 10 ** math.floor(math.log10(x))
    return float(max(m * exp for m in (1, 2, 5) if m * exp <= x))


def _scale_bar(ax: Axes, lat0: float) -> None:
    """Draw a two-segment scale bar in the lower left, measured on the WGS84 ellipsoid."""
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    bx, by = x0 + 0.04 * (x1 - x0), y0 + 0.06 * (y1 - y0)
    width_km = geod.line_length([x0, x1], [by, by]) / 1000
    km = _nice(width_km / 5)
    half_lon, _, _ = geod.fwd(bx, by, 90, km * 500)
    end_lon, _, _ = geod.fwd(bx, by, 90, km * 1000)
    t = 0.008 * (y1 - y0)
    for a, b, c in ((bx, half_lon, "#222222"), (half_lon, end_lon, "white")):
        ax.fill(
            [a, b, b, a],
            [by - t, by - t, by + t, by + t],
            facecolor=c,
            edgecolor="#222222",
            linewidth=0.8,
            zorder=20,
        )
    label = f"{km:g} km"
    ax.text(bx, by + 3 * t, "0", ha="center", va="bottom", fontsize=7, zorder=20)
    ax.text(end_lon, by + 3 * t, label, ha="center", va="bottom", fontsize=7, zorder=20)


def _north_arrow(ax: Axes) -> Any:
    return ax.annotate(
        "N",
        xy=(0.955, 0.955),
        xytext=(0.955, 0.86),
        xycoords="axes fraction",
        textcoords="axes fraction",
        ha="center",
        va="top",
        fontsize=10,
        fontweight="bold",
        arrowprops={"facecolor": "#222222", "edgecolor": "#222222", "width": 3, "headwidth": 9},
        zorder=20,
    )


def _place_labels(
    fig: Figure, ax: Axes, drawn: list[_Drawn], marker_px: float, obstacles: list[Any]
) -> int:
    """Label features greedily, most important first, where a label overlaps nothing.

    Each label tries eight positions around its marker, then six further out; a position that
    would overlap another label, a marker, the scale bar, the north arrow or the axes edge is
    skipped. Returns how many features were labelled.
    """
    import numpy as np

    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    pts = ax.transData.transform(np.array([[d.x, d.y] for d in drawn]))
    box = ax.get_window_extent(renderer)
    r = marker_px / 2 + 1
    placed: list[Any] = list(obstacles)
    offsets: list[tuple[float, float, str, str]] = [
        (6, 0, "left", "center"),
        (-6, 0, "right", "center"),
        (0, 6, "center", "bottom"),
        (0, -6, "center", "top"),
        (5, 5, "left", "bottom"),
        (-5, 5, "right", "bottom"),
        (5, -5, "left", "top"),
        (-5, -5, "right", "top"),
    ]
    # then a wider ring, a leader's length away, before giving up on a label
    offsets += [(2 * dx, 2.5 * dy, ha, va) for dx, dy, ha, va in offsets[2:]]
    order = sorted(range(len(drawn)), key=lambda i: drawn[i].priority)[:MAX_LABELS]
    n = 0
    for i in order:
        d = drawn[i]
        for dx, dy, ha, va in offsets:
            t = ax.annotate(
                d.name,
                (d.x, d.y),
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=7.5,
                color="#111111",
                zorder=15,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
            )
            bb = t.get_window_extent(renderer)
            inside = bb.x0 >= box.x0 and bb.x1 <= box.x1 and bb.y0 >= box.y0 and bb.y1 <= box.y1
            hits_marker = bool(
                np.any(
                    (pts[:, 0] + r > bb.x0)
                    & (pts[:, 0] - r < bb.x1)
                    & (pts[:, 1] + r > bb.y0)
                    & (pts[:, 1] - r < bb.y1)
                )
            )
            if inside and not hits_marker and not any(bb.overlaps(o) for o in placed):
                placed.append(bb)
                n += 1
                break
            t.remove()
    return n


def _figure(
    fc: dict[str, Any], *, title: str | None, dpi: int, size: tuple[float, float]
) -> Figure:
    import math

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from ..basemap import countries

    _require_features(fc)
    shapes = _shapes(fc)
    x0, y0, x1, y1 = _extent([s for _, s in shapes])
    lat0 = (y0 + y1) / 2

    fig = Figure(figsize=size, dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    footer = _footer_lines(fc, width=int(size[0] * 19), max_lines=_max_footer_lines(size))
    # the legend sits right of the map, so it never hides a facility, the arrow or the scale;
    # the latitude labels left of it and the longitude labels and the footer below it
    right = 1 - 2.0 / size[0]
    left = _LEFT_IN / size[0]
    bottom = _bottom_in(len(footer)) / size[1]
    top = 1 - _TOP_PT / 72 / size[1]
    fig.subplots_adjust(left=left, right=right, top=top, bottom=bottom)
    ax = fig.add_subplot()
    ax.set_facecolor(_SEA)
    world = countries()
    world.cx[x0 - 5 : x1 + 5, y0 - 5 : y1 + 5].plot(
        ax=ax, facecolor=_LAND, edgecolor=_BORDER, linewidth=0.6, zorder=1
    )
    # geopandas titles the axes after the CRS ("Geodetic longitude [degree]"); degree labels
    # on the ticks say it better and leave the space to the footer
    ax.set_xlabel("")
    ax.set_ylabel("")
    # equirectangular around the middle latitude; widen one side so the data fill the axes box
    aspect = 1 / math.cos(math.radians(lat0))
    box_ratio = (size[0] * (right - left)) / (size[1] * (top - bottom))
    dx, dy = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if dx / (dy * aspect) < box_ratio:
        dx = box_ratio * dy * aspect
    else:
        dy = dx / (aspect * box_ratio)
    ax.set_xlim(cx - dx / 2, cx + dx / 2)
    ax.set_ylim(cy - dy / 2, cy + dy / 2)
    ax.set_aspect(aspect, adjustable="box")
    ax.apply_aspect()
    _graticule(ax)

    marker_pt = 7.0
    drawn: list[_Drawn] = []
    by_type: dict[str, list[tuple[float, float]]] = {}
    has_area = has_line = False
    for f, geom in shapes:
        p = f["properties"]
        color = TYPE_COLORS.get(p["type"], "#333333")
        gt = f["geometry"]["type"]
        if gt in ("Polygon", "MultiPolygon"):
            has_area = True
            for poly in getattr(geom, "geoms", [geom]):
                xs, ys = poly.exterior.xy
                ax.fill(xs, ys, facecolor=color, alpha=0.18, edgecolor="none", zorder=3)
                ax.plot(xs, ys, color=color, linewidth=1.2, linestyle=(0, (4, 2)), zorder=4)
        if gt == "LineString":
            has_line = True
            xs, ys = geom.xy
            ax.plot(xs, ys, color=color, linewidth=1.8, linestyle=(0, (6, 3)), zorder=5)
            mid = geom.interpolate(0.5, normalized=True)
            x, y = mid.x, mid.y
        elif "lat" in p and "lon" in p:
            x, y = float(p["lon"]), float(p["lat"])
        else:
            rp = geom.representative_point()
            x, y = rp.x, rp.y
        if gt != "LineString":
            by_type.setdefault(p["type"], []).append((x, y))
        rank = 2 if p["type"] == "place" else (1 if gt == "LineString" else 0)
        drawn.append(_Drawn(p["name"], x, y, (rank, -len(p["mentions"]), p["name"])))
    for t, xy in sorted(by_type.items()):
        arr = np.array(xy)
        ax.scatter(
            arr[:, 0],
            arr[:, 1],
            s=marker_pt**2,
            c=TYPE_COLORS.get(t, "#333333"),
            edgecolors="white",
            linewidths=0.8,
            zorder=10,
        )

    present = sorted({f["properties"]["type"] for f in fc["features"]})
    handles: list[Any] = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=7,
            markerfacecolor=TYPE_COLORS.get(t, "#333333"),
            markeredgecolor="white",
            label=FacilityType(t).label,
        )
        for t in present
    ]
    if has_area:
        handles.append(
            Patch(
                facecolor="#999999",
                alpha=0.3,
                edgecolor="#555555",
                linestyle="--",
                label="Area (approximate outline)",
            )
        )
    if has_line:
        handles.append(Line2D([], [], color="#555555", linestyle="--", label="Test corridor"))
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1.0),
        borderaxespad=0.0,
        fontsize=7.5,
        title="Facility type",
        title_fontsize=8,
        framealpha=0.9,
    )
    legend.set_zorder(30)

    marker_px = marker_pt * dpi / 72
    _scale_bar(ax, lat0)
    arrow = _north_arrow(ax)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    obstacles = [legend.get_window_extent(renderer), arrow.get_window_extent(renderer)]
    obstacles += [t.get_window_extent(renderer) for t in ax.texts]  # scale bar labels
    obstacles += [p.get_window_extent(renderer) for p in ax.patches[-2:]]  # scale bar
    _place_labels(fig, ax, drawn, marker_px, obstacles)

    # title and subtitle measured from the top in points, so they never meet on a short page
    fig.suptitle(
        title or default_title(fc),
        x=0.03,
        y=1 - _EDGE_PT / 72 / size[1],
        ha="left",
        va="top",
        fontsize=_TITLE_PT,
    )
    n = len(fc["features"])
    fig.text(
        0.03,
        1 - (_EDGE_PT + _line_pt(_TITLE_PT)) / 72 / size[1],
        f"{n} facilit{'y' if n == 1 else 'ies'} · positions approximate; "
        "precision per facility in the data",
        fontsize=_SUBTITLE_PT,
        color="#444444",
        ha="left",
        va="top",
    )
    # the footer hangs below whatever is lowest under the map: the axes or their tick labels
    lowest = min(
        [ax.get_window_extent(renderer).y0]
        + [t.get_window_extent(renderer).y0 for t in ax.get_xticklabels() if t.get_text()]
    )
    gap = _GAP_PT * dpi / 72
    fig.text(
        0.03,
        (lowest - gap) / fig.bbox.height,
        "\n".join(footer),
        fontsize=_FOOTER_PT,
        linespacing=_LINESPACING,
        color="#333333",
        ha="left",
        va="top",
        gid="facmap-footer",
    )
    return fig


def _image_metadata(fc: dict[str, Any], title: str, fmt: str) -> dict[str, str]:
    credit = " · ".join(attribution(fc, basemap=True))
    if fmt == "svg":
        return {
            "Title": title,
            "Description": credit,
            "Date": generated_at(),
            "Creator": f"facmap {__version__}",
        }
    return {
        "Title": title,
        "Source": credit,
        "Creation Time": generated_at(),
        "Software": f"facmap {__version__}",
    }


def to_png(
    fc: dict[str, Any],
    *,
    title: str | None = None,
    dpi: int = DEFAULT_DPI,
    size: tuple[float, float] = DEFAULT_SIZE,
) -> bytes:
    """Return a PNG map of the facilities for PDF and Word reports.

    Parameters
    ----------
    fc
        The filtered collection.
    title
        Default: :func:`default_title`.
    dpi
        Dots per inch; the image is ``size[0] * dpi`` by ``size[1] * dpi`` pixels and records
        the DPI so word processors place it at ``size`` inches.
    size
        Width and height in inches.

    Returns
    -------
    bytes
        PNG with country outlines, facilities by type, areas, corridors, labels, legend, scale
        bar, north arrow, title, credits and the generation time (also in the PNG text chunks).
    """
    _check_dpi(dpi, size)
    t = title or default_title(fc)
    fig = _figure(fc, title=t, dpi=dpi, size=size)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata=_image_metadata(fc, t, "png"))
    return buf.getvalue()


def to_svg(
    fc: dict[str, Any], *, title: str | None = None, size: tuple[float, float] = DEFAULT_SIZE
) -> str:
    """Return the same map as :func:`to_png` as SVG text (scalable, text kept as paths)."""
    _check_dpi(72, size)
    t = title or default_title(fc)
    fig = _figure(fc, title=t, dpi=72, size=size)
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata=_image_metadata(fc, t, "svg"))
    return buf.getvalue().decode("utf-8")
