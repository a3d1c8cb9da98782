"""Extraction throughput and peak memory on 10,000 article-sized texts, against a naive baseline.

The baseline is what one writes first: one case-insensitive regex per alias, run over each
article. It finds exact spellings only (no misspellings, no transliteration folding, no
inference), so it is a floor on cost, not an equal competitor on quality.

Run: ``.venv/bin/python benchmarks/bench_extract.py [--n 10000]``; one core, figures printed as a
Markdown table for README.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_articles

from facmap.extract import Extractor
from facmap.gazetteer import load_gazetteer


def naive_baseline(articles, gaz):
    patterns = [
        (e.id, re.compile(r"\b" + re.escape(a) + r"\b", re.IGNORECASE))
        for e in gaz.entries.values()
        for a in (e.name, *e.aliases)
    ]
    hits = 0
    for a in articles:
        body = a.body
        for _, pat in patterns:
            if pat.search(body):
                hits += 1
    return hits, len(patterns)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    articles = synthetic_articles(args.n)
    gen_s = time.perf_counter() - t0
    size = sum(len(a.text) for a in articles) / len(articles)

    t0 = time.perf_counter()
    ex = Extractor()
    ex.extract(articles[0])  # loads the place index (cached on disk after the first run)
    startup = time.perf_counter() - t0

    t0 = time.perf_counter()
    mentions = sum(len(ex.extract(a)) for a in articles)
    ours = time.perf_counter() - t0
    # memory in a second pass: tracemalloc slows Python several-fold, so it must not be timed
    tracemalloc.start()
    for a in articles:
        ex.extract(a)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    t0 = time.perf_counter()
    hits, npat = naive_baseline(articles, load_gazetteer())
    base = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"{args.n:,} synthetic articles, mean {size:,.0f} chars (generated in {gen_s:.1f} s)")
    print()
    print("| extractor | articles/s | total s | mentions | notes |")
    print("|---|---:|---:|---:|---|")
    print(
        f"| facmap Extractor | {args.n / ours:,.0f} | {ours:.1f} | {mentions:,} | "
        f"fuzzy + folding + inference + venues; start-up {startup:.1f} s |"
    )
    print(
        f"| naive: one regex per alias ({npat:,}) | {args.n / base:,.0f} | {base:.1f} | "
        f"{hits:,} | exact spellings only |"
    )
    print()
    print(
        f"peak traced memory during extraction: {peak / 1e6:,.1f} MB; "
        f"process peak RSS: {rss:,.0f} MB (includes the GeoNames place index)"
    )


if __name__ == "__main__":
    main()
