"""Accuracy of the extractor on the annotated evaluation sets: precision, recall, median error.

``tests/fixtures/eval`` was written blind to the extractor but then used while improving it
(its figures are optimistic); ``tests/fixtures/eval_holdout`` was written blind and never used
for tuning. Run: ``.venv/bin/python benchmarks/eval_extract.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from facmap.evaluate import evaluate
from facmap.extract import Extractor

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "development (eval)": ROOT / "tests" / "fixtures" / "eval",
    "held out (eval_holdout)": ROOT / "tests" / "fixtures" / "eval_holdout",
    "world, held out (eval_world)": ROOT / "tests" / "fixtures" / "eval_world",
}


def main() -> None:
    ex = Extractor()
    verbose = "-v" in sys.argv
    print("| set | articles | expected | found | precision | recall | median error km |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    results = {}
    for name, folder in SETS.items():
        r = evaluate(folder, ex)
        results[name] = r
        exp = r.tp + sum(len(a.false_negatives) for a in r.articles)
        found = r.tp + sum(len(a.false_positives) for a in r.articles)
        print(
            f"| {name} | {len(r.articles)} | {exp} | {found} | {r.precision:.3f} | "
            f"{r.recall:.3f} | {r.median_error_km:.2f} |"
        )
    if verbose:
        for name, r in results.items():
            print(f"\n{name}:")
            for a in r.articles:
                if a.false_positives or a.false_negatives:
                    print(f"  {a.file}: FP {a.false_positives} FN {a.false_negatives}")


if __name__ == "__main__":
    main()
