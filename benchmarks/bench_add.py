"""Adding articles to a dataset end to end (extract, merge, write): throughput and memory.

Two measurements:

1. A batch: 10,000 article-sized texts added to the seed dataset in one locked update
   (``facmap add feed/*.txt`` does this), articles/s and peak traced memory.
2. One article added to datasets that already hold 0, 1,000, 5,000 and 10,000 articles: time and
   peak traced memory of that single add, against the size of the dataset file, to show that the
   cost of adding is the dataset itself and nothing that grows with history beyond it.

Run: ``.venv/bin/python benchmarks/bench_add.py [--n 10000]``; one core.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import ROOT, synthetic_articles

from facmap.article import article_from_text
from facmap.extract import Extractor
from facmap.store import add_article, add_articles

SEED_DS = ROOT / "data" / "facilities.geojson"


def timed(fn):
    tracemalloc.start()
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, dt, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    ex = Extractor()
    ex.extract(article_from_text("Warm-up at Baikonur.", article_id="warm"))
    articles = synthetic_articles(args.n, seed=11)
    tmp = Path(tempfile.mkdtemp(prefix="facmap-bench-"))
    try:
        ds = tmp / "f.geojson"
        shutil.copy(SEED_DS, ds)
        # timing without tracemalloc (it slows Python several-fold), memory in a second run
        t0 = time.perf_counter()
        add_articles(articles, ds, extractor=ex, articles_dir="")
        batch_s = time.perf_counter() - t0
        size = ds.stat().st_size
        shutil.copy(SEED_DS, tmp / "g.geojson")
        _, _, batch_peak = timed(
            lambda: add_articles(articles, tmp / "g.geojson", extractor=ex, articles_dir="")
        )
        print(f"batch: {args.n:,} articles added to the seed dataset in one locked update")
        print()
        print("| articles | total s | articles/s | peak traced MB | dataset MB |")
        print("|---:|---:|---:|---:|---:|")
        print(
            f"| {args.n:,} | {batch_s:.1f} | {args.n / batch_s:,.0f} | "
            f"{batch_peak / 1e6:,.0f} | {size / 1e6:,.1f} |"
        )
        print()
        print("one more article added to a dataset that already holds N articles:")
        print()
        print("| N articles merged | dataset MB | add one: s | peak traced MB | peak / dataset |")
        print("|---:|---:|---:|---:|---:|")
        probe = synthetic_articles(1, seed=99)[0]
        for n in (0, 1_000, 5_000, min(10_000, args.n)):
            path = tmp / f"d{n}.geojson"
            shutil.copy(SEED_DS, path)
            if n:
                add_articles(articles[:n], path, extractor=ex, articles_dir="")
            mb = path.stat().st_size / 1e6
            before = path.read_bytes()
            t0 = time.perf_counter()
            add_article(probe, path, extractor=ex, articles_dir="")
            dt = time.perf_counter() - t0
            path.write_bytes(before)  # memory measured on the same add, traced (and slower)
            _, _, peak = timed(lambda p=path: add_article(probe, p, extractor=ex, articles_dir=""))
            print(f"| {n:,} | {mb:,.1f} | {dt:.2f} | {peak / 1e6:,.0f} | {peak / 1e6 / mb:,.1f}x |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
