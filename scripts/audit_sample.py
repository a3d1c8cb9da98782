"""Draw a reproducible random audit sample of the gazetteer.

Usage: ``.venv/bin/python scripts/audit_sample.py [folder] [--fraction 0.1] [--min 3]``

Per file (sorted by name) it draws ``max(min, ceil(fraction * n))`` entries (all of them if the file
has fewer) with one ``random.Random(20261201)`` stream, so the same files give the same sample and
every file is represented. For each sampled entry it prints id, file, name, type, country, lat,
lon, precision_km, point_basis, aliases, town_aliases and the cited sources (name, url, value).
The files are read as plain TOML, one by one (not merged), so a broken file is reported, not hidden.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT / "app" / "facmap" / "data" / "gazetteer"
SEED = 20261201


def draw(folder: Path, fraction: float = 0.1, minimum: int = 3) -> list[tuple[str, dict]]:
    """Return [(file name, entry)] for the sample, files in name order, entries in file order."""
    rng = random.Random(SEED)
    out: list[tuple[str, dict]] = []
    for path in sorted(folder.glob("*.toml")):
        entries = tomllib.loads(path.read_text(encoding="utf-8")).get("facility", [])
        if not entries:
            continue
        k = min(len(entries), max(minimum, math.ceil(fraction * len(entries))))
        picks = sorted(rng.sample(range(len(entries)), k))
        out += [(path.name, entries[i]) for i in picks]
    return out


def main() -> int:
    """Print the sample; return 0."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("folder", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--fraction", type=float, default=0.1)
    ap.add_argument("--min", dest="minimum", type=int, default=3)
    args = ap.parse_args()
    sample = draw(Path(args.folder), args.fraction, args.minimum)
    counts: dict[str, int] = {}
    for fname, e in sample:
        counts[fname] = counts.get(fname, 0) + 1
        print(f"== {e.get('id')}  [{fname}]")
        print(f"   name: {e.get('name')} | type: {e.get('type')} | country: {e.get('country')}")
        print(f"   lat {e.get('lat')} lon {e.get('lon')} precision_km {e.get('precision_km')}")
        print(f"   point_basis: {e.get('point_basis', '')}")
        print(f"   aliases: {e.get('aliases', [])}")
        if e.get("town_aliases"):
            print(f"   town_aliases: {e['town_aliases']}")
        for s in e.get("sources", []):
            print(f"   source: {s.get('name')} <{s.get('url')}> value={s.get('value')!r}")
    print(f"\n# sample: {len(sample)} entries; per file: "
          + ", ".join(f"{k} {v}" for k, v in counts.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
