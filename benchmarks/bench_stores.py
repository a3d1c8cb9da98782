"""The three stores side by side: size, add-one latency, and a page's first query.

1. Stores holding N synthetic articles (N = 10,000 and 100,000; a pool of 1,000 synthetic
   articles extracted once, replicated under new ids and dates): size on disk, and the time to
   merge one more article's extracted collection (``store.add_collections``: read what it
   touches, merge, validate, write; median of 3 new articles).
2. A store of 100,000 facilities (one mention each, points worldwide): what a page pays to
   open it whole (``query()``, today's page), its filter options (``summary()``), and its
   first filtered page (``query(Query(types=..., bbox=Europe, limit=500))``).

PostGIS runs on a throwaway local cluster (Unix socket, fsync on) unless ``--pg URL`` names one.
Run: ``.venv/bin/python benchmarks/bench_stores.py [--sizes 10000 100000]``; one core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from synthetic import synthetic_articles

from facmap.dataset import _with_mentions, empty_collection
from facmap.errors import DatasetError
from facmap.extract import Extractor
from facmap.pipeline import collection_from_articles
from facmap.stores import Query, open_store

POOL = 1_000


def replicated(pool: dict[str, Any], n: int) -> dict[str, Any]:
    """Return a merged collection of ``n`` articles: the pool under new ids and dates."""
    reps = max(1, n // POOL)
    text = json.dumps(pool)
    mentions: dict[str, list[dict[str, Any]]] = {f["id"]: [] for f in pool["features"]}
    articles, unplaced = [], []
    for r in range(reps):
        day = (dt.date(2020, 1, 1) + dt.timedelta(days=r * 2000 // reps)).isoformat()
        rep = json.loads(text.replace('"synthetic-', f'"s{r:03d}-synthetic-'))
        for a in rep["facmap"]["articles"]:
            a["date"] = day
        articles.extend(rep["facmap"]["articles"])
        for m in rep["facmap"]["unplaced"]:
            m["date"] = day
        unplaced.extend(rep["facmap"]["unplaced"])
        for f in rep["features"]:
            for m in f["properties"]["mentions"]:
                m["date"] = day
            mentions[f["id"]].extend(f["properties"]["mentions"])
    fc = empty_collection()
    fc["facmap"]["articles"] = articles
    fc["facmap"]["unplaced"] = unplaced
    fc["features"] = [_with_mentions(f, mentions[f["id"]]) for f in pool["features"]]
    return fc


def facilities(n: int, seed_fc: dict[str, Any]) -> dict[str, Any]:
    """Return ``n`` point facilities spread over the world, one mention each."""
    rng = random.Random(5)
    point = next(f for f in seed_fc["features"] if f["geometry"]["type"] == "Point")
    types = ["air_base", "naval_base", "army_base", "radar_station", "missile_base", "place"]
    countries = ["RU", "US", "CN", "FR", "ID", "IN", "DE", "KZ"]
    art = seed_fc["facmap"]["articles"][0]["id"]
    feats = []
    for i in range(n):
        f = json.loads(json.dumps(point))
        p = f["properties"]
        lon, lat = round(rng.uniform(-179, 179), 4), round(rng.uniform(-60, 75), 4)
        fid = f"syn-{i:06d}"
        f["id"] = p["id"] = fid
        p["name"] = f"Synthetic facility {i}"
        p["type"], p["country"] = types[i % len(types)], countries[i % len(countries)]
        p["lon"], p["lat"] = lon, lat
        p["aliases"] = [p["name"]]
        f["geometry"] = {"type": "Point", "coordinates": [lon, lat]}
        p["mentions"] = p["mentions"][:1]
        feats.append(f)
    fc = empty_collection()
    fc["facmap"]["articles"] = [a for a in seed_fc["facmap"]["articles"] if a["id"] == art]
    fc["features"] = feats
    return fc


def size_of(store: Any) -> int:
    if store.kind == "postgis":
        import psycopg

        with psycopg.connect(store.url) as conn:
            row = conn.execute(
                "SELECT sum(pg_total_relation_size(c)) FROM unnest(ARRAY['facilities', "
                "'mentions', 'articles', 'facmap_meta']::regclass[]) AS c"
            ).fetchone()
        return int(row[0])
    if store.kind == "gpkg":
        import sqlite3

        with sqlite3.connect(store.path) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return int(store.path.stat().st_size)


def timed(fn: Any) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--facilities", type=int, default=100_000)
    ap.add_argument("--pg", help="a postgresql:// URL (default: a throwaway local cluster)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="facmap-bench-stores-"))
    cluster = None
    if args.pg:
        pg_url = args.pg
    else:
        from tests.pg_cluster import Cluster

        cluster = Cluster(fsync=True)
        cluster.sql("CREATE DATABASE bench")
        pg_url = cluster.url("bench")
    try:
        ex = Extractor()
        t0 = time.perf_counter()
        pool = collection_from_articles(synthetic_articles(POOL, seed=11), ex)
        probes = [
            collection_from_articles([a], ex) for a in synthetic_articles(3, seed=99)
        ]
        print(f"pool of {POOL:,} synthetic articles extracted in {time.perf_counter() - t0:.1f} s")
        print()
        print("| articles | store | size MB | bulk write s | add one article: s (median of 3) |")
        print("|---:|---|---:|---:|---:|")
        for n in args.sizes:
            fc = replicated(pool, n)
            n_m = sum(len(f["properties"]["mentions"]) for f in fc["features"])
            print(f"<!-- {n:,} articles: {len(fc['features']):,} facilities, {n_m:,} mentions -->")
            for kind in ("geojson", "gpkg", "postgis"):
                where = pg_url if kind == "postgis" else str(tmp / f"s{n}.{kind}")
                store = open_store(where)
                try:
                    _, w = timed(lambda s=store, c=fc: s.write(c))
                except DatasetError as exc:
                    print(f"| {n:,} | {kind} | - | refused | {str(exc)[:70]}... |")
                    continue
                mb = size_of(store) / 1e6
                adds = []
                for probe in probes:
                    _, s = timed(lambda s=store, p=probe: s.add_collections([p]))
                    adds.append(s)
                print(f"| {n:,} | {kind} | {mb:,.1f} | {w:,.1f} | {statistics.median(adds):.3f} |")
                if kind != "postgis":
                    Path(where).unlink(missing_ok=True)
        seed = open_store(Path(__file__).resolve().parents[1] / "data" / "facilities.geojson")
        big = facilities(args.facilities, seed.read())
        first = Query(types=("air_base",), bbox=(-10.0, 35.0, 40.0, 70.0), limit=500)
        print()
        print(
            f"| {args.facilities:,} facilities | size MB | open whole: s | summary: s | "
            "first page (type + Europe, 500): s | features on it |"
        )
        print("|---|---:|---:|---:|---:|---:|")
        for kind in ("geojson", "gpkg", "postgis"):
            where = pg_url if kind == "postgis" else str(tmp / f"f.{kind}")
            store = open_store(where)
            try:
                store.write(big)
            except DatasetError as exc:
                print(f"| {kind} | - | refused: {str(exc)[:60]}... | | | |")
                continue
            mb = size_of(store) / 1e6
            whole, tw = timed(store.query)
            _, ts = timed(store.summary)
            page, tp = timed(lambda s=store: s.query(first))
            assert len(whole["features"]) == args.facilities
            print(
                f"| {kind} | {mb:,.1f} | {tw:.2f} | {ts:.3f} | {tp:.3f} | "
                f"{len(page['features'])} |"
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
