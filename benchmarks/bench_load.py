"""Load: many page sessions at once on loopback, changing filters and exporting (issue 12).

Run: .venv/bin/python benchmarks/bench_load.py [--sessions 20] [--seconds 60] [--features 0]

One headless Chromium (network blocked) with ``--sessions`` browser contexts, each a separate
Streamlit session, driven concurrently (Playwright's async API). Each session loops for
``--seconds``: type a name into the "Name or alias" filter and wait until the count line
shows the filtered number, clear it and wait for the full number (each a "filter change",
timed from the keystroke to the count a person reads), and every third loop download the CSV
export of the view. Reported: loops, filter changes, exports, errors (a timeout, a page
error, an exception shown on the page, a request leaving loopback), the median and 95th
percentile filter change, and the server's resident memory before, at the peak during and
after the sessions closed (sampled every 0.5 s from /proc through psutil), with the load
average beside them: the machine has two cores shared with other work.

``--features N`` uses a synthetic collection of N facilities instead of the seed dataset.
Targets (issue 12): no errors, 95th percentile under 1.5 s, memory bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import psutil  # noqa: E402
from page_server import CHROMIUM, CHROMIUM_ARGS, streamlit_server, synthetic_collection  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402

SEED = ROOT / "data" / "facilities.geojson"
TIMEOUT_MS = 30_000
#: opening 20 pages at once on two cores: Chromium's start-up alone takes most of a minute
OPEN_TIMEOUT_MS = 180_000
SHOWN = "[data-testid='stMain'] [data-testid='stMarkdownContainer'] p:has-text('facilities shown')"


def server_process(url: str) -> psutil.Process:
    """The process listening on the page's port (the Streamlit server)."""
    port = int(url.rsplit(":", 1)[1])
    for conn in psutil.net_connections(kind="tcp"):
        if conn.laddr and conn.laddr.port == port and conn.status == psutil.CONN_LISTEN:
            return psutil.Process(conn.pid)
    msg = f"no process listens on port {port}"
    raise RuntimeError(msg)


async def sample_rss(proc: psutil.Process, out: list[int], stop: asyncio.Event) -> None:
    while not stop.is_set():
        out.append(proc.memory_info().rss)
        await asyncio.sleep(0.5)


async def session(
    browser: Any,
    url: str,
    name: str,
    total: int,
    filtered: int,
    until: float,
    stats: dict,
    stagger: float,
) -> None:
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = await context.new_page()

    async def route(r: Any) -> None:
        if r.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
            await r.continue_()
        else:
            stats["errors"].append(f"request left loopback: {r.request.url}")
            await r.abort()

    await page.route("**/*", route)
    page.on("pageerror", lambda e: stats["errors"].append(f"page error: {e}"))
    opened = False
    try:
        await asyncio.sleep(stagger)  # sessions arrive over a few seconds, not in one instant
        await page.goto(url, wait_until="commit", timeout=OPEN_TIMEOUT_MS)
        shown = page.locator(SHOWN)
        await shown.filter(has_text=f"{total} of {total}").wait_for(timeout=OPEN_TIMEOUT_MS)
        await page.get_by_text("Export this view").wait_for(timeout=OPEN_TIMEOUT_MS)
        stats["opened"] += 1
        opened = True
        # every session waits for the others to open: the timed loops then run all together
        if stats["opened"] + stats["failed_open"] == stats["sessions"]:
            stats["start"].set()
        await stats["start"].wait()
        until = time.monotonic() + stats["seconds"]
        box = page.locator("[data-testid='stSidebar'] input[aria-label='Name or alias']")
        loops = 0
        while time.monotonic() < until:
            for query, count in ((name, filtered), ("", total)):
                t0 = time.perf_counter()
                await box.fill(query)
                await box.press("Enter")
                await shown.filter(has_text=f"{count} of {total} facilities").wait_for()
                stats["filter_s"].append(time.perf_counter() - t0)
            if loops % 3 == 0:
                if not stats.get(id(page)):
                    await page.get_by_text("Export this view").click()
                    stats[id(page)] = True
                async with page.expect_download() as dl:
                    await page.get_by_role("button", name="CSV table").click()
                path = await (await dl.value).path()
                if not path or Path(path).stat().st_size == 0:
                    stats["errors"].append("empty CSV export")
                stats["exports"] += 1
            if await page.locator("[data-testid='stException']").count():
                stats["errors"].append("an exception is shown on the page")
            loops += 1
        stats["loops"] += loops
    except Exception as exc:  # a timeout or a broken page: counted, the others go on
        stats["errors"].append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
        if not opened:  # never let the others wait for a session that will not come
            stats["failed_open"] += 1
            if stats["opened"] + stats["failed_open"] == stats["sessions"]:
                stats["start"].set()
    finally:
        await context.close()


async def run(url: str, args: argparse.Namespace, name: str, total: int, filtered: int) -> dict:
    proc = server_process(url)
    rss_before = proc.memory_info().rss
    stats: dict[str, Any] = {"errors": [], "filter_s": [], "exports": 0, "loops": 0, "opened": 0}
    stats |= {"failed_open": 0, "sessions": args.sessions, "seconds": args.seconds}
    stats["start"] = asyncio.Event()
    samples: list[int] = []
    stop = asyncio.Event()
    load_start = os.getloadavg()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        sampler = asyncio.create_task(sample_rss(proc, samples, stop))
        until = 0.0  # each session's own: set once all have opened
        await asyncio.gather(
            *(
                session(browser, url, name, total, filtered, until, stats, 0.25 * i)
                for i in range(args.sessions)
            )
        )
        load_end = os.getloadavg()
        await browser.close()
    await asyncio.sleep(args.settle)  # Streamlit drops a closed session's state after it
    stop.set()
    await sampler
    times = sorted(stats["filter_s"])
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else float("nan")
    return {
        "sessions": args.sessions,
        "seconds": args.seconds,
        "facilities": total,
        "opened": stats["opened"],
        "loops": stats["loops"],
        "filter_changes": len(times),
        "exports": stats["exports"],
        "errors": len(stats["errors"]),
        "error_kinds": sorted(set(stats["errors"]))[:5],
        "filter_median_s": round(statistics.median(times), 3) if times else None,
        "filter_p95_s": round(p95, 3),
        "filter_max_s": round(times[-1], 3) if times else None,
        "rss_before_mb": round(rss_before / 1e6),
        "rss_peak_mb": round(max(samples) / 1e6) if samples else None,
        "rss_after_mb": round(proc.memory_info().rss / 1e6),
        "loadavg_start": load_start,
        "loadavg_end": load_end,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--features", type=int, default=0, help="0: the seed dataset")
    parser.add_argument("--settle", type=float, default=5.0, help="seconds before 'after' RSS")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="facmap-load-") as tmp:
        if args.features:
            dataset = Path(tmp) / "synthetic.geojson"
            dataset.write_text(json.dumps(synthetic_collection(args.features)), "utf-8")
            name, filtered = "Facility 00001", 1
        else:
            dataset = SEED
            name, filtered = "Baikonur", 1
        from facmap.dataset import load_geojson

        total = len(load_geojson(dataset)["features"])
        with streamlit_server(dataset, timeout=120) as url:
            result = asyncio.run(run(url, args, name, total, filtered))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
