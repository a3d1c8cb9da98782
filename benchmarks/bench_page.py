"""Time the page in headless Chromium (network blocked): navigation -> markers drawn, and a
filter change round trip, for the seed data and synthetic 1,000 and 10,000 facilities.

Run: .venv/bin/python benchmarks/bench_page.py [--sizes 1000 10000] [--repeat 3]

"cold" is the first visit after the server starts (the dataset is read and validated);
"warm" is the median of later visits (the dataset is cached by the server). Markers are
clustered above facmap.mapview.DEFAULT_CLUSTER_THRESHOLD points.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from page_server import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    MAP_FRAME,
    block_network,
    streamlit_server,
    synthetic_collection,
)
from playwright.sync_api import expect, sync_playwright  # noqa: E402

from facmap.mapview import DEFAULT_CLUSTER_THRESHOLD  # noqa: E402

DRAWN = ".leaflet-marker-pane .facmap-marker, .leaflet-marker-pane .marker-cluster"
TIMEOUT_MS = 120_000


def visit(page, url: str) -> float:
    t0 = time.perf_counter()
    page.goto(url)
    page.frame_locator(MAP_FRAME).locator(DRAWN).first.wait_for(timeout=TIMEOUT_MS)
    return time.perf_counter() - t0


def filter_round_trip(page) -> float:
    """Remove the last type chip; time until the redrawn map's legend no longer lists it."""
    legend = page.frame_locator(MAP_FRAME).locator(".facmap-legend")
    rows = legend.locator(":scope > div")
    expect(rows.last).to_contain_text("inferred", timeout=TIMEOUT_MS)
    # the chips and the legend share the vocabulary order: the last chip is the last type row
    last = rows.nth(rows.count() - 2).inner_text().strip().rsplit(" (", 1)[0] + " ("
    t0 = time.perf_counter()
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').first.click()
    page.keyboard.press("Backspace")
    # the old map iframe lingers until the rerun ends: wait for one map, redrawn without it
    page.wait_for_function(
        """([frameSel, drawn, last]) => {
          const fs = document.querySelectorAll(frameSel);
          if (fs.length !== 1) return false;
          const d = fs[0].contentDocument, l = d && d.querySelector(".facmap-legend");
          return !!l && !l.textContent.includes(last) && !!d.querySelector(drawn);
        }""",
        arg=[MAP_FRAME, DRAWN, last],
        timeout=TIMEOUT_MS,
    )
    return time.perf_counter() - t0


def bench(name: str, dataset: Path, n: int, repeat: int, browser) -> dict[str, object]:
    with streamlit_server(dataset, timeout=120) as url:
        blocked: list[str] = []
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = ctx.new_page()
        block_network(page, blocked)
        cold = visit(page, url)
        warm, filt = [], []
        for _ in range(repeat):
            warm.append(visit(page, url))
            filt.append(filter_round_trip(page))
        ctx.close()
    assert not blocked, blocked
    return {
        "dataset": name,
        "facilities": n,
        "clustered": n > DEFAULT_CLUSTER_THRESHOLD,
        "cold_markers_s": round(cold, 2),
        "warm_markers_s": round(statistics.median(warm), 2),
        "filter_s": round(statistics.median(filt), 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        seed = ROOT / "data" / "facilities.geojson"
        n_seed = len(json.loads(seed.read_text("utf-8"))["features"])
        rows.append(bench("seed", seed, n_seed, args.repeat, browser))
        for n in args.sizes:
            path = Path(tmp) / f"synthetic-{n}.geojson"
            path.write_text(json.dumps(synthetic_collection(n)), "utf-8")
            rows.append(bench(f"synthetic {n:,}", path, n, args.repeat, browser))
        browser.close()
    if args.json:
        print(json.dumps(rows, indent=1))
        return
    print("| dataset | facilities | clustered | to markers, cold (s) | warm (s) | filter (s) |")
    print("|---|---:|---|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['dataset']} | {r['facilities']:,} | {'yes' if r['clustered'] else 'no'} | "
            f"{r['cold_markers_s']} | {r['warm_markers_s']} | {r['filter_s']} |"
        )


if __name__ == "__main__":
    main()
