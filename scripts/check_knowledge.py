"""Check the knowledge base (the gazetteer TOML files) and summarise it.

Run before committing knowledge: ``.venv/bin/python scripts/check_knowledge.py``. It loads
every file the way facmap does (strict validation: a missing citation fails), then reports
what a reviewer needs and a loader cannot decide on its own:

* errors (exit 1): aliases shared by two facilities (a name must point at one place), unless
  they are namesakes in different countries far apart (``facmap.gazetteer.are_namesakes``; a
  warning: the extractor decides them by the countries an article names); a point farther
  than its precision from every coordinate its sources record (a transcription slip);
* warnings: two entries of the same type within 3 km in different files (probably one
  facility entered twice); points that rest on a town (GeoNames) rather than the facility;
* a summary by file, type and country, and the share of entries with a Wikidata id.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "app"))

from facmap.errors import GazetteerError  # noqa: E402
from facmap.gazetteer import DATA_DIR, are_namesakes, load_gazetteer  # noqa: E402
from facmap.geo import distance_km  # noqa: E402

_HEMI_NEG = {"s", "w", "south", "west", "sul", "sur", "sud", "oeste", "ouest", "ls", "bb"}
_COORD = re.compile(
    r"(南緯|西経)?(?<![\d.])(-?\d{1,3}(?:\.\d+)?)\s*"
    r"(°\s*(?:(\d{1,2}(?:\.\d+)?)\s*[′'’]\s*)?(?:(\d{1,2}(?:\.\d+)?)\s*[″\"”]\s*)?)?"
    r"(?:(north|south|east|west|norte|nord|sul|sud|sur|leste|este|est|oeste|ouest|lu|ls|bt|bb|[NSEW])\b)?",
    re.IGNORECASE,
)


def cited_values(text: str) -> list[float]:
    """Every coordinate-like number a source value records, in signed degrees.

    A number counts when it carries a degree sign or a decimal part (so years and
    ordinals do not); degrees-minutes-seconds are converted, and a hemisphere after
    it (N/S/E/W, or the word in English, French, Spanish, Portuguese or Indonesian;
    not a bare "O", which is west in Spanish but east in German) or a Japanese
    南緯/西経 before it gives the sign, so a transcription that drops a minus is caught.
    """
    out = []
    for m in _COORD.finditer(text):
        prefix, num, deg, mi, se, hemi = m.groups()
        if not deg and "." not in num:
            continue
        value = abs(float(num)) + float(mi or 0) / 60 + float(se or 0) / 3600
        negative = num.startswith("-") or bool(prefix) or (hemi or "").lower() in _HEMI_NEG
        out.append(-value if negative else value)
    return out


def main() -> int:
    """Check the files; print the report; return the exit status (1 on any error)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("folder", nargs="?", default=str(DATA_DIR / "gazetteer"))
    ap.add_argument("--near-km", type=float, default=3.0, help="near-duplicate distance")
    args = ap.parse_args()
    try:
        gaz = load_gazetteer([args.folder])
    except GazetteerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    entries = sorted(gaz.entries.values(), key=lambda e: e.id)
    errors: list[str] = []
    warnings: list[str] = []
    for key, hits in gaz.index.items():
        owners = {h.entry_id for h in hits if not h.town}
        if len(owners) < 2:
            continue
        if are_namesakes([gaz[o] for o in sorted(owners)]):
            # namesakes in different countries, far apart ("Cartagena naval base": Spain's and
            # Colombia's): the extractor decides by the countries an article names, or not
            warnings.append(f"alias key {key!r} is a namesake of {sorted(owners)}")
        else:
            errors.append(f"alias key {key!r} names {sorted(owners)}")
    for e in entries:
        if "computed" in e.point_basis.lower():
            continue
        vals = [v for s in e.sources for v in cited_values(s.value)]
        pairs = [(a, b) for a in vals for b in vals if abs(a) <= 90]
        best = min((distance_km(e.lon, e.lat, b, a) for a, b in pairs), default=float("inf"))
        if best > max(e.precision_km, 1.0):
            errors.append(f"{e.id} ({e.origin}): point {best:.1f} km from every cited value")
        if "geonames" in e.sources[0].name.lower():
            warnings.append(f"{e.id} ({e.origin}): a town point (GeoNames), ±{e.precision_km} km")
    by_type: dict[str, list] = defaultdict(list)
    for e in entries:
        by_type[e.type.value].append(e)
    for group in by_type.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.origin != b.origin and abs(a.lat - b.lat) < 0.1:
                    d = distance_km(a.lon, a.lat, b.lon, b.lat)
                    if d <= args.near_km:
                        warnings.append(f"{a.id} ({a.origin}) and {b.id} ({b.origin}): {d:.1f} km")
    print(f"{len(entries)} facilities in {len({e.origin for e in entries})} files")
    for name, counter in (
        ("file", Counter(e.origin for e in entries)),
        ("type", Counter(e.type.value for e in entries)),
        ("country (top 15)", Counter(e.country for e in entries)),
    ):
        top = counter.most_common(15 if "country" in name else None)
        print(f"by {name}: " + ", ".join(f"{k} {v}" for k, v in top))
    wd = sum(1 for e in entries if e.wikidata)
    print(f"with a Wikidata id: {wd} ({wd / len(entries):.0%})")
    for w in warnings:
        print(f"warning: {w}")
    for err in errors:
        print(f"error: {err}", file=sys.stderr)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
