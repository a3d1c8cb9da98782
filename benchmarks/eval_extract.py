"""Accuracy of the extractor on the annotated evaluation sets: precision, recall, median error.

``tests/fixtures/eval`` was written blind to the extractor but then used while improving it
(its figures are optimistic); ``eval_holdout`` and ``eval_world`` were written blind and never
used for tuning; ``eval_multi`` (24 articles in 7 languages) was written blind to the knowledge
base and the lexicon, and its first run is recorded in README beside later ones; ``eval_blind2``
(24 more, written the same way a session later) likewise. The blind sets run only when asked
(``--blind`` or ``--only eval_blind2``).

Run: ``.venv/bin/python benchmarks/eval_extract.py [-v] [--by-language] [--only NAME]``.
``-v`` lists every miss (don't read the misses of a held-out set to tune the tool).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from facmap.evaluate import EvalResult, evaluate
from facmap.extract import Extractor

ROOT = Path(__file__).resolve().parents[1]
SETS = {
    "development (eval)": ROOT / "tests" / "fixtures" / "eval",
    "held out (eval_holdout)": ROOT / "tests" / "fixtures" / "eval_holdout",
    "world, held out (eval_world)": ROOT / "tests" / "fixtures" / "eval_world",
    "multilingual development (eval_dev2)": ROOT / "tests" / "fixtures" / "eval_dev2",
    "third multilingual development (eval_dev3)": ROOT / "tests" / "fixtures" / "eval_dev3",
    "multilingual, blind (eval_multi)": ROOT / "tests" / "fixtures" / "eval_multi",
    "second multilingual, blind (eval_blind2)": ROOT / "tests" / "fixtures" / "eval_blind2",
    "third multilingual, blind (eval_blind3)": ROOT / "tests" / "fixtures" / "eval_blind3",
    "fourth multilingual development (eval_dev4)": ROOT / "tests" / "fixtures" / "eval_dev4",
    "fourth multilingual, blind (eval_blind4)": ROOT / "tests" / "fixtures" / "eval_blind4",
    "fifth multilingual development (eval_dev5)": ROOT / "tests" / "fixtures" / "eval_dev5",
    "fifth multilingual, blind (eval_blind5)": ROOT / "tests" / "fixtures" / "eval_blind5",
    "sixth multilingual development (eval_dev6)": ROOT / "tests" / "fixtures" / "eval_dev6",
    "sixth multilingual, blind (eval_blind6)": ROOT / "tests" / "fixtures" / "eval_blind6",
    "seventh development, German-heavy (eval_dev7)": ROOT / "tests" / "fixtures" / "eval_dev7",
    "eighth development, distractor-heavy (eval_dev8)": ROOT / "tests" / "fixtures" / "eval_dev8",
    "ninth development (eval_dev9)": ROOT / "tests" / "fixtures" / "eval_dev9",
    "seventh multilingual, blind (eval_blind7)": ROOT / "tests" / "fixtures" / "eval_blind7",
    "eighth multilingual, blind (eval_blind8)": ROOT / "tests" / "fixtures" / "eval_blind8",
    "tenth development, ru/fr-heavy (eval_dev10)": ROOT / "tests" / "fixtures" / "eval_dev10",
    "ninth multilingual, blind (eval_blind9)": ROOT / "tests" / "fixtures" / "eval_blind9",
    "eleventh development (eval_dev11)": ROOT / "tests" / "fixtures" / "eval_dev11",
    "tenth multilingual, blind (eval_blind10)": ROOT / "tests" / "fixtures" / "eval_blind10",
    "twelfth development, distractors (eval_dev12)": ROOT / "tests" / "fixtures" / "eval_dev12",
    "eleventh multilingual, blind (eval_blind11)": ROOT / "tests" / "fixtures" / "eval_blind11",
    "thirteenth development, distractors (eval_dev13)": ROOT / "tests" / "fixtures" / "eval_dev13",
    "twelfth multilingual, blind (eval_blind12)": ROOT / "tests" / "fixtures" / "eval_blind12",
    "fourteenth development, distractors (eval_dev14)": ROOT / "tests" / "fixtures" / "eval_dev14",
    "thirteenth multilingual, blind (eval_blind13)": ROOT / "tests" / "fixtures" / "eval_blind13",
    "fifteenth development, distractors (eval_dev15)": ROOT / "tests" / "fixtures" / "eval_dev15",
    "sixteenth development, distractors (eval_dev16)": ROOT / "tests" / "fixtures" / "eval_dev16",
    "seventeenth development, distractors (eval_dev17)": ROOT / "tests" / "fixtures" / "eval_dev17",
    "eighteenth development, distractors (eval_dev18)": ROOT / "tests" / "fixtures" / "eval_dev18",
    "fourteenth multilingual, blind (eval_blind14)": ROOT / "tests" / "fixtures" / "eval_blind14",
    "nineteenth development, distractors (eval_dev19)": ROOT / "tests" / "fixtures" / "eval_dev19",
    "twentieth development, distractors (eval_dev20)": ROOT / "tests" / "fixtures" / "eval_dev20",
    "fifteenth multilingual, blind (eval_blind15)": ROOT / "tests" / "fixtures" / "eval_blind15",
    "sixteenth multilingual, blind (eval_blind16)": ROOT / "tests" / "fixtures" / "eval_blind16",
}


def row(name: str, r: EvalResult) -> str:
    exp = r.tp + sum(len(a.false_negatives) for a in r.articles)
    found = r.tp + sum(len(a.false_positives) for a in r.articles)
    return (
        f"| {name} | {len(r.articles)} | {exp} | {found} | {r.precision:.3f} | "
        f"{r.recall:.3f} | {r.median_error_km:.2f} | {len(r.distractors_mapped)} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-v", action="store_true", help="list every miss and mapped distractor")
    ap.add_argument("--by-language", action="store_true", help="one row per language as well")
    ap.add_argument(
        "--only", help="evaluate only this set, by folder name: eval, eval_holdout, eval_world, ..."
    )
    ap.add_argument(
        "--blind",
        action="store_true",
        help="include the blind multilingual sets (run them rarely: every look costs blindness)",
    )
    args = ap.parse_args()
    ex = Extractor()
    print(
        "| set | articles | expected | found | precision | recall | median error km "
        "| distractors mapped |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    results = {}
    for name, folder in SETS.items():
        if args.only and args.only != folder.name:
            continue
        if "blind" in name and not (args.blind or args.only == folder.name):
            continue
        if not folder.is_dir():
            continue  # a set still being written (its folder lands with its first batch)
        r = evaluate(folder, ex)
        results[name] = r
        print(row(name, r))
        if args.by_language:
            for lang, sub in r.by_language().items():
                print(row(f"  {lang}", sub))
    if args.v:
        for name, r in results.items():
            print(f"\n{name}:")
            if "blind" in name:
                # a blind set's misses are never shown: reading them would make it a
                # development set (README, "Blind evaluation")
                print("  (withheld: blind set, summary only)")
                continue
            for a in r.articles:
                if a.false_positives or a.false_negatives or a.distractors_mapped:
                    print(f"  {a.file}: FP {a.false_positives} FN {a.false_negatives}")
                    if a.distractors_mapped:
                        print(f"    distractors mapped: {a.distractors_mapped}")


if __name__ == "__main__":
    main()
