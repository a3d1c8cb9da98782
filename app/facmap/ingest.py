"""Add many article files at once: extraction in parallel, one merge in article order.

Extracting an article is pure (its text in, its mentions out), so a folder of articles splits
into batches that worker processes extract independently (:mod:`facmap._dask` runs them on a
Dask cluster; one worker runs them here, in this process). Each batch comes back as a small
collection; :func:`facmap.dataset.join_disjoint` joins them in the order the files were given
into the collection one process would have extracted, and the store (any backend of
:mod:`facmap.stores`: a GeoJSON file, a GeoPackage, PostGIS) merges it in one write, all or
nothing. Whatever the number of workers, the store ends up the same.

Three things make a long back-fill safe to run and to re-run:

* an article already in the dataset (same id: the sidecar's, or one derived from the text) is
  skipped before it is extracted, so an interrupted run resumes where it stopped;
* an article that cannot be read or extracted (not UTF-8, too large, an extractor error) is
  reported in one line and skipped; it never sinks the others;
* the same article given twice (two copies of one text) is extracted once, the first time.
"""

from __future__ import annotations

import gc
import math
import os
import sys
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from .article import read_article
from .dataset import join_disjoint
from .errors import ArticleError, FacmapError
from .extract import Extractor
from .store import AddResult, add_collection
from .stores import open_store
from .types import Article, Mention

__all__ = [
    "AUTO_ARTICLES_PER_WORKER",
    "ArticleRecord",
    "BatchResult",
    "IngestReport",
    "article_files",
    "extract_batch",
    "ingest",
    "warm_extractor",
]

#: file suffixes read as articles when a folder is given
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
#: with no --workers, fewer articles than this per worker run in this process: starting a
#: cluster (a few seconds) would cost more than it saves
AUTO_ARTICLES_PER_WORKER = 200
#: most articles in one task: big enough that scheduling is noise (a batch takes about a
#: second), small enough that the last batches keep every worker busy
MAX_BATCH = 50
#: language placeholder while it is not yet known whether an article needs extracting
_PENDING = "\x00pending"

#: one article handed to a worker: (position in the input, name as given, absolute path)
Item = tuple[int, str, str]


@dataclass(frozen=True)
class ArticleRecord:
    """What became of one article file.

    ``status`` is ``"added"`` (extracted; goes into the dataset), ``"stored"`` (already in the
    dataset, skipped), ``"duplicate"`` (the same article as an earlier file) or ``"failed"``
    (``message`` says why, in one line).
    """

    index: int
    name: str
    status: str
    article_id: str = ""
    message: str = ""
    article: Article | None = None


@dataclass(frozen=True)
class BatchResult:
    """A batch's records (in input order) and the collection of its added articles."""

    records: list[ArticleRecord]
    collection: dict[str, Any]


@dataclass
class IngestReport:
    """The outcome of :func:`ingest`, one record per file, in the order given."""

    records: list[ArticleRecord] = field(default_factory=list)
    results: dict[str, AddResult] = field(default_factory=dict)
    workers: int = 1
    total_features: int = 0
    #: wall-clock seconds of each phase: start (cluster up, the workers' extractors built),
    #: extract (in one process, with building its extractor), stop (cluster down), merge
    #: (batches joined in order), write (the store's one write)
    seconds: dict[str, float] = field(default_factory=dict)

    def with_status(self, status: str) -> list[ArticleRecord]:
        """Return the records of one status, in input order."""
        return [r for r in self.records if r.status == status]


def article_files(paths: Iterable[str | Path]) -> list[tuple[str, Path]]:
    """Expand folders into their article files: ``(name as given, path)``, in a stable order.

    A folder gives its ``.txt`` and ``.html`` files, recursively, sorted by path; sidecars
    (``.meta.json``) are read with their article. Files are kept in the order given.

    Raises
    ------
    ArticleError
        If a path does not exist, or a folder holds no article file: nothing is done then,
        since a mistyped path is a mistake to fix, not an article to skip.
    """
    out: list[tuple[str, Path]] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = sorted(
                f for f in p.rglob("*") if f.suffix.lower() in ARTICLE_SUFFIXES and f.is_file()
            )
            if not found:
                msg = (
                    f"Expected .txt or .html article files in the folder {str(given)!r}, but it "
                    "holds none. Pass the folder that holds the articles."
                )
                raise ArticleError(msg)
            out.extend((str(f), f) for f in found)
        elif p.exists():
            out.append((str(given), p))
        else:
            msg = (
                f"Expected an article file (.txt or saved .html) or a folder of them, but "
                f"{str(given)!r} does not exist."
            )
            raise ArticleError(msg)
    return out


# -- the worker's side: pure functions of the files -----------------------------------------
@cache
def warm_extractor() -> Extractor:
    """Return the process's extractor, built once and warmed on a first article.

    A worker process keeps it for every batch it runs (loading the knowledge base takes
    seconds; extracting an article, milliseconds). The objects alive by then are frozen
    (:func:`gc.freeze`), so calling this in a long-lived process that is not ingesting (the
    page) is best avoided.
    """
    from .article import article_from_text

    ex = Extractor()
    ex.extract(article_from_text("Bombers left Engels air base for Moscow.", article_id="warm"))
    # the knowledge base is hundreds of thousands of objects that live as long as the
    # process: out of the garbage collector's sight, each collection stops walking them all
    gc.freeze()
    return ex


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if isinstance(exc, FacmapError):
        return text
    return f"extraction failed ({type(exc).__name__}: {text or 'no message'})"


def _intake(path: Path, meta: Mapping[str, str]) -> Article:
    """Read one file as ``facmap add`` always has; the language is detected later, if needed."""
    from .intake import article_from_file

    sidecar = path.with_name(path.stem + ".meta.json")
    if sidecar.exists() and not any(meta.values()):
        return read_article(path)  # the sidecar names its id and metadata
    fields = {k: v for k, v in meta.items() if k != "language"}
    # never more than the limit read (facmap.limits.MAX_UPLOAD_BYTES)
    return article_from_file(path, language=meta.get("language") or _PENDING, **fields)


def _with_language(article: Article) -> Article:
    """Detect the language put off by :func:`_intake` (as :func:`new_article` would have)."""
    if article.meta.language != _PENDING:
        return article
    from .intake import detect_language

    return replace(article, meta=replace(article.meta, language=detect_language(article.text)))


def extract_batch(
    items: Sequence[Item],
    meta: Mapping[str, str],
    known: Collection[str] = frozenset(),
    earlier: Mapping[str, str] | None = None,
    keep_text: bool = True,
) -> BatchResult:
    """Read and extract a batch of article files; what a worker runs.

    Parameters
    ----------
    items
        ``(index, name, path)`` of each file, in input order.
    meta
        Metadata given on the command line (title, date, url, outlet, language), the same for
        every file; a file with a sidecar and no such metadata takes the sidecar's.
    known
        Ids of the articles already in the dataset: skipped before extraction.
    earlier
        Ids taken by files earlier in the input (id -> their name): skipped as duplicates.
    keep_text
        Send the article text back (for the article copies); without it, only metadata.

    Never raises for a bad article: its record says ``failed`` and why.
    """
    from .pipeline import collection_from_extracted, uncovered_language

    ex: Extractor | None = None  # built when a file needs extracting: a bad file costs none
    taken = dict(earlier or {})
    records: list[ArticleRecord] = []
    done: list[tuple[Article, Sequence[Mention], str]] = []
    for index, name, path in items:
        try:
            article = _intake(Path(path), meta)
            aid = article.meta.id
            if aid in known:
                records.append(ArticleRecord(index, name, "stored", aid))
                continue
            if aid in taken:
                msg = f"the same article as {taken[aid]}"
                records.append(ArticleRecord(index, name, "duplicate", aid, msg))
                continue
            article = _with_language(article)
            ex = ex or warm_extractor()
            found = ex.extract(article)
            lang = uncovered_language(article, ex)
        except Exception as exc:  # one bad article never sinks the batch
            records.append(ArticleRecord(index, name, "failed", message=_one_line(exc)))
            continue
        taken[aid] = name
        done.append((article, found, lang))
        kept = article if keep_text else replace(article, text="", body_end=0)
        records.append(ArticleRecord(index, name, "added", aid, article=kept))
    if ex is None:  # nothing extracted
        return BatchResult(records, join_disjoint([]))
    try:
        fc = collection_from_extracted(done, ex.gaz)
    except Exception:
        # a bug in merging one article's mentions: find it, keep the others
        fc, records = _build_each(done, records, ex)
    return BatchResult(records, fc)


def _build_each(
    done: list[tuple[Article, Sequence[Mention], str]],
    records: list[ArticleRecord],
    ex: Extractor,
) -> tuple[dict[str, Any], list[ArticleRecord]]:
    from .pipeline import collection_from_extracted

    bad: dict[str, str] = {}
    good = []
    for one in done:
        try:
            collection_from_extracted([one], ex.gaz)
            good.append(one)
        except Exception as exc:
            bad[one[0].meta.id] = _one_line(exc)
    records = [
        replace(r, status="failed", message=bad[r.article_id], article=None)
        if r.status == "added" and r.article_id in bad
        else r
        for r in records
    ]
    return collection_from_extracted(good, ex.gaz), records


# -- the client's side ----------------------------------------------------------------------
def batch_size(n_articles: int, workers: int) -> int:
    """Articles per task: about four tasks per worker, at most :data:`MAX_BATCH`."""
    return max(1, min(MAX_BATCH, math.ceil(n_articles / (4 * workers))))


def _workers_for(n_articles: int, workers: int | None) -> int:
    if workers is None:
        return max(1, min(os.cpu_count() or 1, n_articles // AUTO_ARTICLES_PER_WORKER))
    if workers < 1:
        msg = f"Expected --workers of 1 or more, got {workers}."
        raise FacmapError(msg)
    return max(1, min(workers, n_articles))


def _in_process(
    batches: Sequence[Sequence[Item]], run: Callable[[Sequence[Item]], BatchResult]
) -> Iterator[BatchResult]:
    for batch in batches:
        yield run(batch)


def ingest(
    paths: Iterable[str | Path],
    dataset: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    meta: Mapping[str, str] | None = None,
    articles_dir: str | Path | None = None,
    batch: int | None = None,
    progress: bool = False,
) -> IngestReport:
    """Extract article files in parallel and add them to the store in one write.

    Parameters
    ----------
    paths
        Article files and folders of them (see :func:`article_files`).
    dataset
        The store to update, created if missing: a ``.geojson`` or ``.gpkg`` path or a
        ``postgresql://`` URL (see :func:`facmap.stores.open_store`).
    workers
        Worker processes on a local Dask cluster; 1 runs in this process, without Dask.
        Default: the machine's cores, fewer for a small input (see
        :data:`AUTO_ARTICLES_PER_WORKER`).
    scheduler
        ``tcp://HOST:PORT`` of a running Dask scheduler whose workers can import facmap and
        read the files; ``workers`` is then ignored.
    meta
        title, date, url, outlet, language for every file (as ``facmap add`` takes them).
    articles_dir
        Where to keep copies of the article texts (see :func:`facmap.store.add_articles`).
    batch
        Articles per task (default: :func:`batch_size`).
    progress
        Show a progress bar on stderr.

    Raises
    ------
    ArticleError
        If a path does not exist (nothing is done).
    FacmapError
        If the cluster cannot be reached or used, or the dataset cannot be read or written;
        the dataset is then unchanged.
    """
    files = article_files(paths)
    given = {k: v for k, v in (meta or {}).items() if v}
    meta = {k: given.get(k, "") for k in ("title", "date", "url", "outlet", "language")}
    known = frozenset(open_store(dataset).article_ids())
    n_workers = 0 if scheduler else _workers_for(len(files), workers)
    size = batch or batch_size(len(files), max(n_workers, 2))
    items = [(i, name, str(p.resolve())) for i, (name, p) in enumerate(files)]
    batches = [items[k : k + size] for k in range(0, len(items), size)]
    keep_text = articles_dir != ""

    bar = _bar(len(items), progress)
    report = IngestReport(workers=n_workers)
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[phase] = now - clock
        clock = now

    try:
        if scheduler or n_workers > 1:
            from ._dask import DaskRunner

            runner = DaskRunner(scheduler=scheduler, workers=n_workers)
            with runner:
                lap("start")
                report.workers = runner.n_workers
                ordered = runner.map(batches, meta, known, keep_text, on_done=bar.update)
                parts = _in_order(ordered, batches, runner.rerun(meta, known, keep_text))
                lap("extract")
            lap("stop")
        else:
            lap("start")  # the extractor is built with the first article that needs it

            def run(b: Sequence[Item], earlier: Mapping[str, str] | None = None) -> BatchResult:
                res = extract_batch(b, meta, known, earlier, keep_text)
                bar.update(len(b))
                return res

            parts = _in_order(_in_process(batches, run), batches, run)
            lap("extract")
    finally:
        bar.close()
    report.records = [r for part in parts for r in part.records]
    added = [r for r in report.records if r.status == "added"]
    if added:
        combined = join_disjoint(part.collection for part in parts)
        articles = [r.article for r in added if r.article is not None]
        lap("merge")
        added_results = add_collection(combined, articles, dataset, articles_dir=articles_dir)
        report.results = {r.article_id: r for r in added_results}
        report.total_features = added_results[-1].total_features
        lap("write")
    return report


def _in_order(
    results: Iterable[BatchResult],
    batches: Sequence[Sequence[Item]],
    rerun: Callable[[Sequence[Item], Mapping[str, str]], BatchResult],
) -> list[BatchResult]:
    """Take batch results in input order; a batch repeating an earlier batch's article is redone.

    Batches run at once cannot know each other's articles: when two files hold one article,
    the batch of the later one is extracted again with that article marked taken, so the
    first copy wins, as it does in one process.
    """
    taken: dict[str, str] = {}
    parts = []
    for b, res in zip(batches, results, strict=True):
        repeats = {
            r.article_id: taken[r.article_id]
            for r in res.records
            if r.status == "added" and r.article_id in taken
        }
        if repeats:
            res = rerun(b, repeats)
        for r in res.records:
            if r.status == "added":
                taken[r.article_id] = r.name
        parts.append(res)
    return parts


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, show: bool) -> Any:
    """Return a tqdm bar on stderr when asked (the CLI asks only on a terminal), else a no-op."""
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc="extracting", unit="article", file=sys.stderr)
