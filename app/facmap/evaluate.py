"""Score the extractor against an annotated set: precision, recall, placement error.

The annotated set (``tests/fixtures/eval/``) lists, per article, every facility and place the
extractor should map, with coordinates from cited sources. A predicted feature counts as a true
positive when it is the expected gazetteer id (or GeoNames place), or, for facilities the
gazetteer does not list, when it has the expected type and lies within
:data:`MATCH_RADIUS_KM` of the expected point. Inferred features and corridors are not scored:
the annotations list what articles name, not what they imply.
"""

from __future__ import annotations

import statistics
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ._text import key_of
from .article import read_article
from .extract import Extractor
from .geo import distance_km
from .pipeline import collection_from_articles

__all__ = ["ArticleScore", "EvalResult", "evaluate", "load_annotations"]

MATCH_RADIUS_KM = 50.0


@dataclass
class ArticleScore:
    """Outcome for one article."""

    file: str
    true_positives: list[tuple[str, float]] = field(default_factory=list)  # (id, error km)
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)
    language: str = ""
    #: predicted features whose words are a string the annotation says must not be mapped
    #: (a ship, a weapon, a region): "surface -> feature id"
    distractors_mapped: list[str] = field(default_factory=list)


@dataclass
class EvalResult:
    """Totals over the set."""

    articles: list[ArticleScore]

    @property
    def tp(self) -> int:
        """True positives."""
        return sum(len(a.true_positives) for a in self.articles)

    @property
    def precision(self) -> float:
        """Share of predicted features that were expected."""
        fp = sum(len(a.false_positives) for a in self.articles)
        return self.tp / (self.tp + fp) if self.tp + fp else 1.0

    @property
    def recall(self) -> float:
        """Share of expected features that were predicted."""
        fn = sum(len(a.false_negatives) for a in self.articles)
        return self.tp / (self.tp + fn) if self.tp + fn else 1.0

    @property
    def distractors_mapped(self) -> list[str]:
        """Every annotated distractor that became a feature, over the set."""
        return [d for a in self.articles for d in a.distractors_mapped]

    def by_language(self) -> dict[str, EvalResult]:
        """Split the figures by article language (as annotated)."""
        out: dict[str, list[ArticleScore]] = {}
        for a in self.articles:
            out.setdefault(a.language or "?", []).append(a)
        return {lang: EvalResult(arts) for lang, arts in sorted(out.items())}

    @property
    def median_error_km(self) -> float:
        """Median distance between predicted and cited points of true positives."""
        errs = [e for a in self.articles for _, e in a.true_positives]
        return statistics.median(errs) if errs else 0.0


def load_annotations(folder: str | Path) -> list[dict[str, Any]]:
    """Read ``expected.toml`` of an annotated set, or its parts ``expected-*.toml`` in order.

    A set written by several people keeps one part per writer, so no one edits another's.
    """
    folder = Path(folder)
    files = [folder / "expected.toml"] if (folder / "expected.toml").exists() else []
    files = files or sorted(folder.glob("expected-*.toml"))
    articles: list[dict[str, Any]] = []
    for f in files:
        with f.open("rb") as fh:
            articles.extend(tomllib.load(fh)["article"])
    return articles


def _matches(exp: dict[str, Any], props: dict[str, Any]) -> bool:
    if exp.get("id"):
        return bool(props["id"] == exp["id"])
    near = distance_km(props["lon"], props["lat"], exp["lon"], exp["lat"]) <= MATCH_RADIUS_KM
    # a facility of two types ("Naval Air Station") fits an annotation of either
    types = {props["type"], *props.get("also_types", ())}
    return bool(exp["type"] in types and near)


def score_article(
    file: str,
    expected: Iterable[dict[str, Any]],
    fc: dict[str, Any],
    *,
    language: str = "",
    not_facility: Iterable[str] = (),
) -> ArticleScore:
    """Match one article's predicted features to its expected ones (one to one, nearest first)."""
    out = ArticleScore(file, language=language)
    preds = [
        f["properties"]
        for f in fc["features"]
        if not f["properties"]["inferred"] and f["properties"].get("feature_kind") != "corridor"
    ]
    expected = list(expected)
    # one to one, as many pairs as can be made (a maximum matching, found by augmenting paths),
    # each expected facility trying its nearest fitting prediction first, and at one distance
    # one of its own type before one that only has it as a second type. So two bases 48 km
    # apart are not matched crosswise by the order of the truth, and a command HQ that is also
    # a naval base is not taken by a naval base annotation that another prediction fits.
    cands = [
        [
            q
            for _, _, q in sorted(
                (distance_km(p["lon"], p["lat"], e["lon"], e["lat"]), p["type"] != e["type"], q)
                for q, p in enumerate(preds)
                if _matches(e, p)
            )
        ]
        for e in expected
    ]
    owner: dict[int, int] = {}  # prediction -> expected facility

    def _assign(k: int, seen: set[int]) -> bool:
        for q in cands[k]:
            if q in seen:
                continue
            seen.add(q)
            if q not in owner or _assign(owner[q], seen):
                owner[q] = k
                return True
        return False

    for k in range(len(expected)):
        _assign(k, set())
    taken = {k: q for q, k in owner.items()}
    used: set[str] = set()
    for k, exp in enumerate(expected):
        label = exp.get("id") or f"{exp['type']}:{exp['surface']}"
        if k not in taken:
            out.false_negatives.append(label)
            continue
        hit = preds[taken[k]]
        used.add(hit["id"])
        out.true_positives.append(
            (label, distance_km(hit["lon"], hit["lat"], exp["lon"], exp["lat"]))
        )
    out.false_positives = [p["id"] for p in preds if p["id"] not in used]
    banned = {key_of(n) for n in not_facility} - {""}
    for p in preds:
        if p["id"] in used:
            continue
        for m in p["mentions"]:
            if key_of(m["surface"]) in banned:
                out.distractors_mapped.append(f"{m['surface']} -> {p['id']}")
    return out


def evaluate(folder: str | Path, extractor: Extractor | None = None) -> EvalResult:
    """Extract every article of an annotated set on its own and score it."""
    ex = extractor or Extractor()
    scores = []
    for art in load_annotations(folder):
        article = read_article(Path(folder) / art["file"])
        fc = collection_from_articles([article], ex)
        scores.append(
            score_article(
                art["file"],
                art.get("facility", []),
                fc,
                language=art.get("language", ""),
                not_facility=[n["surface"] for n in art.get("not_facility", [])],
            )
        )
    return EvalResult(scores)
