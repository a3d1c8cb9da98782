"""Time and size of each export, for the seed dataset and for 10,000 synthetic facilities.

Run: ``.venv/bin/python benchmarks/bench_export.py [--n 10000] [--repeat 1]``. Prints a
Markdown table (seconds are the best of ``--repeat`` runs, in this process, warm imports).
"""

from __future__ import annotations

import argparse
import copy
import random
import time
from pathlib import Path
from typing import Any

from facmap import export
from facmap.dataset import load_geojson
from facmap.types import FacilityType

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "data" / "facilities.geojson"


def synthetic(seed: dict[str, Any], n: int, rng: random.Random) -> dict[str, Any]:
    """``n`` facilities cloned from the seed's points and areas, scattered over Eurasia."""
    points = [f for f in seed["features"] if f["geometry"]["type"] == "Point"]
    areas = [f for f in seed["features"] if f["geometry"]["type"] == "Polygon"]
    types = [t.value for t in FacilityType]
    feats = []
    for i in range(n):
        area = i % 20 == 0  # 5% areas, like the seed's ranges and zones
        f = copy.deepcopy(rng.choice(areas if area else points))
        p = f["properties"]
        lon, lat = round(rng.uniform(25, 140), 6), round(rng.uniform(38, 70), 6)
        if area:
            dx, dy = lon - p["lon"], lat - p["lat"]
            f["geometry"]["coordinates"] = [
                [[round(x + dx, 6), round(y + dy, 6)] for x, y in ring]
                for ring in f["geometry"]["coordinates"]
            ]
        else:
            f["geometry"]["coordinates"] = [lon, lat]
        p.update(id=f"syn-{i}", name=f"Facility {i}", type=rng.choice(types), lat=lat, lon=lon)
        f["id"] = p["id"]
        feats.append(f)
    return {**seed, "features": feats}


def measure(fc: dict[str, Any], fmt: str, repeat: int) -> tuple[float, int]:
    best, size = float("inf"), 0
    for _ in range(repeat):
        t = time.perf_counter()
        size = len(export.export_bytes(fc, fmt))
        best = min(best, time.perf_counter() - t)
    return best, size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="synthetic facilities")
    ap.add_argument("--repeat", type=int, default=1, help="runs per cell; the best is shown")
    args = ap.parse_args()
    seed = load_geojson(DATASET)
    big = synthetic(seed, args.n, random.Random(4))
    export.export_bytes(seed, "png")  # warm imports and the basemap cache
    print(
        f"| format | seed ({len(seed['features'])}): s | seed: size | "
        f"{args.n:,} synthetic: s | {args.n:,}: size |"
    )
    print("|---|---:|---:|---:|---:|")
    for fmt in export.FORMATS:
        t1, s1 = measure(seed, fmt, args.repeat)
        t2, s2 = measure(big, fmt, args.repeat)
        print(f"| {fmt} | {t1:.2f} | {s1 / 1e3:,.0f} kB | {t2:.2f} | {s2 / 1e6:,.1f} MB |")


if __name__ == "__main__":
    main()
