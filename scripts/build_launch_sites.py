"""Derive facmap's launch-site table from GCAT's site and launch-pad tables.

Writes ``app/facmap/data/launch_sites.tsv``: one row per GCAT launch site that has pads, with
the names GCAT gives it, the centroid of its pads, the spread of those pads as the precision,
and every pad row the point was computed from, so a reviewer can check each number against
GCAT. No coordinate is typed by hand: all come from the two input files.

Data from GCAT (J. McDowell, planet4589.org/space/gcat), CC BY 4.0.

Run from the repository folder::

    .venv/bin/python scripts/build_launch_sites.py [--gcat ../shared/data] [-o PATH]

Why pads and not site rows: GCAT's site rows are coarse (the Baikonur site row lies 24 km from
the cosmodrome's pads; the Emba row 270 km from the range), its pad rows are surveyed points.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
import statistics
import sys
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from facmap.secondary import LAUNCH_SITE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GCAT = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "app" / "facmap" / "data" / "launch_sites.tsv"
SITES_URL = "https://planet4589.org/space/gcat/tsv/tables/sites.tsv"
LP_URL = "https://planet4589.org/space/gcat/tsv/tables/lp.tsv"

#: pads with GCAT's stated error at most this (degrees, about 5 km) are preferred when a site has
#: any: offshore areas, drop zones and pads known only to a tenth of a degree are coarser
PRECISE_PAD_DEG = 0.05
#: pads farther than this from the median of a site's pads are left out (listed as excluded)
#: when they are a minority (under a quarter): accidental drops, downrange stations
OUTLIER_KM = 100.0
#: a site whose pads still spread farther than this from their centroid is a zone or a range,
#: not a point facility: it is left out of the table
MAX_SPREAD_KM = 60.0
#: a site's point cannot be claimed better than this: launch sites are kilometres across
MIN_PRECISION_KM = 5.0
#: sites of one GCAT group (UCode) whose pads lie farther apart than this are kept apart
SPLIT_KM = 10.0
#: a site's country is that of the nearest GeoNames place only when the place is this close
COUNTRY_NEAR_KM = 150.0
#: bodies other than the Earth, and GCAT's catch-all rows
SKIP_STATES = {"LUNA", "MARS", "EARTH"}


@dataclass
class Row:
    """One data row of a GCAT table, stripped of padding."""

    values: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def coord(self) -> tuple[float, float] | None:
        """Return (lat, lon) as GCAT states them, or None when GCAT has none."""
        try:
            return float(self["Latitude"]), float(self["Longitude"])
        except ValueError:
            return None

    def error_deg(self) -> float:
        """GCAT's positional uncertainty in degrees (unknown counts as coarse)."""
        try:
            return float(self["Error"])
        except ValueError:
            return 1.0


def read_gcat(path: Path) -> list[Row]:
    """Read a GCAT TSV: ``#`` lines are comments, the first one names the columns."""
    lines = path.read_text("utf-8").splitlines()
    header = lines[0].lstrip("#").split("\t")
    return [
        Row(dict(zip(header, (c.strip() for c in line.split("\t")), strict=False)))
        for line in lines
        if line and not line.startswith("#")
    ]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points on a 6371 km sphere."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _parts(text: str) -> list[str]:
    """Comma, slash and bracket parts of a GCAT name, cleaned of padding and stray marks."""
    if text in {"", "-"}:
        return []
    inner = re.findall(r"\(([^)]*)\)", text)
    outer = re.sub(r"\([^)]*\)?", ",", text)
    parts = (
        re.sub(r"\s+", " ", p).strip(" -?.'") for p in re.split(r"[,/]", ",".join([outer, *inner]))
    )
    return [p for p in parts if _has_letters(p)]


def names_of(site: Row) -> tuple[list[str], list[str]]:
    """Return the names GCAT gives a site row: its own, and others.

    Its own: the first part of Name (with what stands in brackets there) and EName. Others: the
    rest of Name and the Location, which name towns, regions and parent bases ("Eglin AFB").
    """
    first, _, rest = site["Name"].partition(",")
    if first.count("(") > first.count(")"):  # a bracket that spans a comma
        first, rest = site["Name"], ""
    own = _parts(first) + _parts(site["EName"])
    other = [p for p in _parts(rest) + _parts(site["Location"]) if p not in own]
    return own, other


def centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Mean of (lat, lon) points (sites are small: no wrap-around at this scale)."""
    return (
        statistics.fmean(p[0] for p in points),
        statistics.fmean(p[1] for p in points),
    )


def _has_letters(text: str) -> bool:
    return sum(ch.isascii() and ch.isalpha() for ch in text) >= 3


def _slug(code: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", code.lower()).strip("-")


def _fmt(x: float, nd: int = 4) -> str:
    return f"{x:.{nd}f}"


@cache
def _places() -> tuple[list[Any], Any, Any]:
    """GeoNames places (cities500, as facmap indexes them) and their radian coordinates."""
    import numpy as np

    from facmap.places import place_index

    seen = {p.geonameid: p for p in place_index().places()}
    places = sorted(seen.values(), key=lambda p: p.geonameid)
    lat = np.radians(np.array([p.lat for p in places]))
    lon = np.radians(np.array([p.lon for p in places]))
    return places, lat, lon


def nearest_place(lat: float, lon: float) -> tuple[str, str]:
    """Country code and a description of the nearest GeoNames place (cities500)."""
    import numpy as np

    places, plat, plon = _places()
    la, lo = math.radians(lat), math.radians(lon)
    h = np.sin((plat - la) / 2) ** 2 + np.cos(la) * np.cos(plat) * np.sin((plon - lo) / 2) ** 2
    i = int(np.argmin(h))
    p = places[i]
    km = 2 * 6371.0 * math.asin(min(1.0, math.sqrt(float(h[i]))))
    basis = f"nearest GeoNames place {p.name} ({p.geonameid}), {km:.0f} km"
    if km > COUNTRY_NEAR_KM:  # remote islands, Antarctica, the open sea: no country claimed
        return "XX", basis
    return str(p.country), basis


@dataclass(frozen=True)
class Pad:
    """A GCAT pad row that has a position."""

    site: str
    code: str
    lat: float
    lon: float
    error_deg: float
    text: str  # the row's values as read: "Site Code lat lon ±error"

    @property
    def point(self) -> tuple[float, float]:
        """(lat, lon)."""
        return self.lat, self.lon


def _pad(row: Row) -> Pad | None:
    where = row.coord()
    if where is None:
        return None
    text = f"{row['Site']} {row['Code']} {row['Latitude']} {row['Longitude']} ±{row['Error']}"
    return Pad(row["Site"], row["Code"], where[0], where[1], row.error_deg(), text)


def build(sites: list[Row], pad_rows: list[Row]) -> list[dict[str, str]]:
    """Return the launch-site rows (see the module docstring for what each holds)."""
    pads_by_site: dict[str, list[Pad]] = defaultdict(list)
    for row in pad_rows:
        if (pad := _pad(row)) is not None:
            pads_by_site[pad.site].append(pad)
    groups: dict[str, list[Row]] = defaultdict(list)
    for s in sites:
        if s["Type"] == "LS" and s["StateCode"] not in SKIP_STATES:
            groups[s["UCode"]].append(s)
    out: list[dict[str, str]] = []
    for ucode, members in sorted(groups.items()):
        with_pads = [s for s in members if pads_by_site[s["Site"]]]
        if not with_pads:
            continue  # a site row alone is too coarse to place a facility
        centres = [centroid([p.point for p in pads_by_site[s["Site"]]]) for s in with_pads]
        spread = max(distance_km(a, b) for a in centres for b in centres)
        if spread <= SPLIT_KM:
            parts = [(ucode, members, with_pads)]
        else:  # one GCAT group, places far apart (Svobodny and Vostochny): one row each
            parts = [(s["Site"], [s], [s]) for s in with_pads]
        for code, named, padded in parts:
            entry = _row(code, ucode, named, [p for s in padded for p in pads_by_site[s["Site"]]])
            if entry is not None:
                out.append(entry)
    return out


def _row(code: str, ucode: str, members: list[Row], pads: list[Pad]) -> dict[str, str] | None:
    precise = [p for p in pads if p.error_deg <= PRECISE_PAD_DEG] or pads
    mid = (statistics.median(p.lat for p in precise), statistics.median(p.lon for p in precise))
    used = [p for p in precise if distance_km(p.point, mid) <= OUTLIER_KM]
    if len(used) * 4 < len(precise) * 3:
        used = precise  # the far pads are no minority: they are the site
    excluded = [p for p in pads if p not in used]
    lat, lon = centroid([p.point for p in used])
    spread = max(distance_km((lat, lon), p.point) + p.error_deg * 111.0 for p in used)
    if spread > MAX_SPREAD_KM:
        print(f"left out {code}: pads spread {spread:.0f} km", file=sys.stderr)
        return None
    precision = max(MIN_PRECISION_KM, math.ceil(spread * 2) / 2)
    # the name in use today (GCAT's open-ended row), else the row the pads belong to
    current = [s for s in members if s["TStop"] == "*"] or members
    main = max(current, key=lambda s: (sum(p.site == s["Site"] for p in pads), s["TStart"]))
    names: list[str] = []
    others: list[str] = []
    for s in [main, *members]:
        own, other = names_of(s)
        for n in own:
            if n not in names:
                names.append(n)
        for n in other:
            if n not in others:
                others.append(n)
    others = [n for n in others if n not in names]
    country, basis = nearest_place(lat, lon)
    return {
        "id": f"launch-site-{_slug(code)}",
        "group": ucode,
        "sites": ",".join(s["Site"] for s in members),
        "name": re.sub(r"\s+", " ", main["EName"] if _has_letters(main["EName"]) else main["Name"]),
        "names": "|".join(names),
        "other_names": "|".join(others),
        "country": country,
        "country_basis": basis,
        "lat": _fmt(lat),
        "lon": _fmt(lon),
        "precision_km": f"{precision:.1f}",
        "pads": "; ".join(p.text for p in used),
        "excluded_pads": "; ".join(p.text for p in excluded),
        "site_rows": "; ".join(
            f"{s['Site']} {s['Latitude']} {s['Longitude']} ±{s['Error']}" for s in members
        ),
    }


def render(rows: list[dict[str, str]], sites_path: Path, lp_path: Path) -> str:
    """Return the TSV text: a provenance header, the column names, one line per site."""

    def sha(p: Path) -> str:
        return hashlib.sha256(p.read_bytes()).hexdigest()

    head = [
        "# facmap launch sites, derived by scripts/build_launch_sites.py; do not edit by hand.",
        "# Data from GCAT (J. McDowell, planet4589.org/space/gcat), CC BY 4.0.",
        f"# sites: {SITES_URL} (copy sha256 {sha(sites_path)})",
        f"# pads:  {LP_URL} (copy sha256 {sha(lp_path)})",
        "# lat/lon: centroid of the listed pads (GCAT lp rows 'Site Code lat lon ±error_deg');",
        f"# precision_km: largest pad distance from it plus that pad's error, at least "
        f"{MIN_PRECISION_KM:g} km. Pads with error <= {PRECISE_PAD_DEG} deg are preferred; "
        f"pads over {OUTLIER_KM:g} km from the median are excluded.",
        f"# country: ISO code of the nearest GeoNames place (cities500) to the point; XX when "
        f"none lies within {COUNTRY_NEAR_KM:g} km.",
        "\t".join(LAUNCH_SITE_COLUMNS),
    ]
    body = ["\t".join(r[c] for c in LAUNCH_SITE_COLUMNS) for r in rows]
    return "\n".join(head + body) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the launch-site table; return the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gcat", type=Path, default=DEFAULT_GCAT, help="folder of gcat_*.tsv")
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 if the output would change")
    args = ap.parse_args(argv)
    sites_path, lp_path = args.gcat / "gcat_sites.tsv", args.gcat / "gcat_lp.tsv"
    for p in (sites_path, lp_path):
        if not p.is_file():
            msg = f"Expected GCAT's table at {p}, but it does not exist; pass --gcat FOLDER."
            print(msg, file=sys.stderr)
            return 2
    text = render(build(read_gcat(sites_path), read_gcat(lp_path)), sites_path, lp_path)
    if args.check:
        same = args.output.is_file() and args.output.read_text("utf-8") == text
        print("up to date" if same else f"{args.output} differs from what the GCAT files give")
        return 0 if same else 1
    args.output.write_text(text, "utf-8")
    print(f"wrote {len(text.splitlines()) - 8} launch sites to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
