"""Parallel ingest: articles/s of `facmap add DIR` with 1 and 2 workers (issue 11).

10,000 synthetic articles (``synthetic.py``) are written as ``.txt`` files with no sidecar, so
each worker does what `facmap add` does with a folder: read, derive the id from the text,
detect the language, extract. Then the evaluation sets (real-style news, seven languages). Each
run starts from the seed dataset, in a GeoJSON file or a GeoPackage (``--store``), and ends
with the store's one write; the collections stored with 1 and 2 workers must be identical
(same facilities, same everything).

1 worker runs in this process (no Dask); N > 1 on a LocalCluster of N processes, whose start
(processes up, an extractor built in each) is part of the time.

Run: ``.venv/bin/python benchmarks/bench_ingest.py [--n 10000] [--workers 1 2] [--store gpkg]``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import ROOT, synthetic_articles

from facmap.dataset import dumps, load_geojson
from facmap.ingest import ingest
from facmap.stores import open_store

SEED_DS = ROOT / "data" / "facilities.geojson"
FIXTURES = ROOT / "tests" / "fixtures"
EVAL_SETS = ("eval", "eval_holdout", "eval_world", "eval_dev2", "eval_multi")


def run(
    folder: Path, tmp: Path, workers: int, kind: str
) -> tuple[float, str, dict[str, float], int, int]:
    ds = tmp / f"w{workers}-{folder.name}.{kind}"
    store = open_store(ds)
    store.write(load_geojson(SEED_DS))
    t0 = time.perf_counter()
    report = ingest([folder], ds, workers=workers, articles_dir="")
    dt = time.perf_counter() - t0
    assert not report.with_status("failed"), report.with_status("failed")[:3]
    return (
        dt,
        dumps(store.read()),
        report.seconds,
        len(report.with_status("added")),
        ds.stat().st_size,
    )


def table(name: str, folder: Path, tmp: Path, workers: list[int], kind: str) -> None:
    print(f"{name}, into a {kind} store:")
    print()
    print(
        "| workers | articles | total s | articles/s | speed-up | start | extract | stop "
        "| merge | write | store MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    base = None
    first = None
    for w in workers:
        dt, data, phases, n, size = run(folder, tmp, w, kind)
        if first is None:
            first = data
        assert data == first, f"{w} workers stored a different collection than {workers[0]}"
        base = base or dt
        ph = " | ".join(
            f"{phases.get(k, 0):.1f}" for k in ("start", "extract", "stop", "merge", "write")
        )
        print(
            f"| {w} | {n:,} | {dt:.1f} | {n / dt:,.0f} | {base / dt:.2f}x | {ph} | "
            f"{size / 1e6:.1f} |",
            flush=True,
        )
    print()
    print("collections identical across worker counts: yes")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--store", choices=("geojson", "gpkg"), default="geojson")
    ap.add_argument("--skip-eval", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="facmap-ingest-"))
    try:
        if args.n:
            src = tmp / "synthetic"
            src.mkdir()
            for k, a in enumerate(synthetic_articles(args.n, seed=11)):
                (src / f"{k:06d}.txt").write_text(a.text, "utf-8")
            table(f"{args.n:,} synthetic articles", src, tmp, args.workers, args.store)
        if not args.skip_eval:
            ev = tmp / "eval"
            ev.mkdir()
            for s in EVAL_SETS:
                for f in sorted((FIXTURES / s).glob("*.txt")):
                    shutil.copy(f, ev / f"{s}-{f.name}")
            sets = ", ".join(EVAL_SETS)
            table(f"evaluation sets ({sets})", ev, tmp, args.workers, args.store)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
