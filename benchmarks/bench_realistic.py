"""Extraction speed on realistic text with cold caches, start-up time and peak memory.

The evaluation sets (``tests/fixtures/eval*/``: real-style news articles in seven languages)
are streamed through one extractor, pass after pass. Before each pass every cache that
remembers a word or a name is emptied (the extractor's fuzzy, reference and nearby-facility
caches; the normalisation caches of :mod:`facmap._text`), so each article pays what a new
article with new words pays. Only the texts are read, never the annotations.

Start-up is measured in fresh processes: ``Extractor()`` plus one article, with the on-disk
index caches warm (the first run on a machine builds them once).

Run: ``.venv/bin/python benchmarks/bench_realistic.py [--passes 20]``.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from facmap import _text
from facmap.article import read_article
from facmap.extract import Extractor
from facmap.places import place_index

ROOT = Path(__file__).resolve().parents[1]
STARTUP = (
    "import time; t = time.perf_counter(); from facmap.extract import Extractor; "
    "from facmap.article import article_from_text; ex = Extractor(); "
    "ex.extract(article_from_text('Bombers left Engels air base. Talks were held in Moscow.', "
    "article_id='x')); print(time.perf_counter() - t)"
)


def texts() -> list[Path]:
    """The evaluation sets' article texts, less any blind set not yet run for the first time.

    A blind set (``eval_blind*``) is neither read nor run before its first evaluation, which
    its ``FIRST_RUN.md`` records; while it is being written its files also change, which would
    move the figures between runs.
    """
    sets = (ROOT / "tests" / "fixtures").glob("eval*")
    ready = [
        d for d in sets if not d.name.startswith("eval_blind") or (d / "FIRST_RUN.md").exists()
    ]
    return sorted(f for d in ready for f in d.glob("*.txt"))


def cold(ex: Extractor, *, words: bool = True) -> None:
    """Forget every name looked up so far (and, with ``words``, every word normalised)."""
    for c in (ex._fuzzy_cache, ex._ref_cache, ex._near_cache):
        c.clear()
    if words:
        for f in (
            _text._norm_word,
            _text._cue_word,
            _text._word_forms,
            _text.name_variants,
            place_index().get,
        ):
            f.cache_clear()


def passes(ex: Extractor, articles: list, n: int, *, words: bool) -> float:
    """Median seconds for one cold pass over the articles."""
    times = []
    for _ in range(n):
        cold(ex, words=words)
        t0 = time.perf_counter()
        for a in articles:
            ex.extract(a)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--passes", type=int, default=20)
    ap.add_argument("--startups", type=int, default=5)
    args = ap.parse_args()
    files = texts()
    articles = [read_article(f) for f in files]
    chars = sum(a.body_end for a in articles) / len(articles)
    startups = [
        float(
            subprocess.run(
                [sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(args.startups)
    ]
    ex = Extractor()
    ex.extract(articles[0])
    fuzzy_cold = passes(ex, articles, args.passes, words=False)
    all_cold = passes(ex, articles, args.passes, words=True)
    warm0 = time.perf_counter()
    for a in articles:
        ex.extract(a)
    warm = time.perf_counter() - warm0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{len(articles)} articles ({len(files)} files, mean body {chars:,.0f} chars), "
        f"{len(ex.gaz):,} facilities in the gazetteer, {len(ex.gaz.index):,} alias keys"
    )
    print()
    print("| measure | figure |")
    print("|---|---:|")
    print(
        f"| realistic text, name caches cold (median of {args.passes} passes) | "
        f"{len(articles) / fuzzy_cold:,.0f} articles/s |"
    )
    print(
        f"| realistic text, name and word caches cold | {len(articles) / all_cold:,.0f} "
        "articles/s |"
    )
    print(f"| realistic text, warm caches | {len(articles) / warm:,.0f} articles/s |")
    print(
        f"| start-up, warm index caches (median of {args.startups} processes) | "
        f"{statistics.median(startups):.2f} s |"
    )
    print(f"| peak RSS of this process | {rss:,.0f} MB |")


if __name__ == "__main__":
    main()
