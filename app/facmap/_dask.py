"""Run :func:`facmap.ingest.extract_batch` on a Dask cluster: a local one or one running already.

Kept apart from :mod:`facmap.ingest` so that adding one article never imports ``distributed``
(half a second of start-up). The cluster only ever sees file paths and small results:

* each worker process builds its extractor once, as soon as it joins (a worker plugin), not
  once per task;
* the ids already in the dataset travel once to each worker (broadcast), not with every task;
* at most a few batches per worker are in flight, so the client's memory stays bounded
  however many files are given.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from .dataset import join_disjoint
from .errors import FacmapError
from .ingest import ArticleRecord, BatchResult, Item, extract_batch, warm_extractor

__all__ = ["DaskRunner"]

#: batches in flight per worker: enough to keep it busy while results travel back
IN_FLIGHT_PER_WORKER = 3
#: how long to wait for a scheduler to answer, and for its first worker
CONNECT_TIMEOUT_S = 30
PLUGIN_NAME = "facmap-extractor"
#: a local cluster does one long job on every core: the sampling profiler (a stack walk every
#: 10 ms in every busy worker), the 20 ms event-loop tick and the 100 ms memory poll cost CPU
#: the extraction needs, and an eager malloc trim makes Python's allocation churn slower
LOCAL_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1,
        "MKL_NUM_THREADS": 1,
        "OPENBLAS_NUM_THREADS": 1,
    },
}


class _WarmExtractor(WorkerPlugin):
    """Build the extractor when a worker joins, so its first batch does not wait for it."""

    def setup(self, worker: Any) -> None:
        warm_extractor()


def _probe(address: str) -> None:
    """Open and close a TCP connection to a ``tcp://HOST:PORT`` address (others: no check)."""
    scheme, _, rest = address.partition("://")
    if scheme != "tcp" or ":" not in rest:
        return
    host, _, port = rest.rpartition(":")
    with socket.create_connection((host.strip("[]"), int(port)), timeout=CONNECT_TIMEOUT_S):
        pass


def _warm() -> None:
    warm_extractor()


def _facmap_version() -> str:
    from facmap import __version__

    return __version__


class DaskRunner:
    """A Dask client with its cluster; a context manager.

    Parameters
    ----------
    scheduler
        Address of a running scheduler (``tcp://HOST:PORT``); ``None`` starts a local cluster
        of ``workers`` processes (one thread each: extraction holds the GIL) on loopback.
    workers
        Worker processes of the local cluster.
    """

    def __init__(self, *, scheduler: str | None, workers: int) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self.n_workers = 0
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None
        self._known: Any = frozenset()

    def __enter__(self) -> DaskRunner:
        try:
            self._start()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self) -> None:
        if self.scheduler:
            try:
                _probe(self.scheduler)  # a refused port fails at once, not after the timeout
                self._client = Client(self.scheduler, timeout=CONNECT_TIMEOUT_S)
            except (OSError, TimeoutError, ValueError) as exc:
                msg = (
                    f"Expected a Dask scheduler at {self.scheduler!r}, but cannot connect "
                    f"({' '.join(str(exc).split())}). Start one (`dask scheduler`) and give "
                    "its tcp://HOST:PORT address, or leave out --scheduler to use this machine."
                )
                raise FacmapError(msg) from None
            try:
                self._client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
            except TimeoutError:
                msg = (
                    f"Expected at least one worker on the Dask scheduler {self.scheduler!r}, "
                    f"but none joined within {CONNECT_TIMEOUT_S} s. Start workers with "
                    f"`dask worker {self.scheduler}`."
                )
                raise FacmapError(msg) from None
        else:
            with dask.config.set(LOCAL_CONFIG):  # the nannies hand it to their workers
                self._cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=":0",  # a free port: two clusters never clash
                    silence_logs=logging.ERROR,
                )
            self._client = Client(self._cluster)
        client = self._client
        try:
            versions = client.run(_facmap_version)
        except Exception as exc:
            msg = (
                "Expected facmap to be importable on every Dask worker, but a worker failed "
                f"({type(exc).__name__}: {' '.join(str(exc).split())}). Install facmap in the "
                "workers' environment (or set their PYTHONPATH)."
            )
            raise FacmapError(msg) from None
        mine = _facmap_version()
        if any(v != mine for v in versions.values()):
            msg = (
                f"Expected the Dask workers to run facmap {mine}, like this client, but they "
                f"run {sorted(set(versions.values()))}. Install the same version on both sides."
            )
            raise FacmapError(msg)
        # every worker builds its extractor now, all at once; the plugin then does the same
        # for a worker that joins later (registering it first waits for the workers in turn)
        client.run(_warm)
        client.register_plugin(_WarmExtractor(), name=PLUGIN_NAME)
        self.n_workers = len(versions)

    def close(self) -> None:
        """Leave the cluster: stop a local one, unregister from a shared one."""
        if self._client is not None:
            if self.scheduler:
                try:
                    self._client.unregister_worker_plugin(PLUGIN_NAME)
                except Exception:  # the cluster may be gone; nothing of ours is left on it
                    logging.getLogger(__name__).debug("plugin not unregistered", exc_info=True)
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    @property
    def client(self) -> Client:
        """The connected client (only inside the ``with`` block)."""
        if self._client is None:
            msg = "DaskRunner is used outside its `with` block."
            raise RuntimeError(msg)
        return self._client

    def _submit(
        self,
        batch: Sequence[Item],
        meta: Mapping[str, str],
        earlier: Mapping[str, str] | None,
        keep_text: bool,
    ) -> Any:
        return self.client.submit(
            extract_batch, list(batch), dict(meta), self._known, earlier, keep_text, pure=False
        )

    def map(
        self,
        batches: Sequence[Sequence[Item]],
        meta: Mapping[str, str],
        known: Collection[str],
        keep_text: bool,
        *,
        on_done: Callable[[int], Any],
    ) -> Iterator[BatchResult]:
        """Run every batch; yield the results in the batches' order as they become ready."""
        if known:
            [self._known] = self.client.scatter([frozenset(known)], broadcast=True)
        window = max(2, IN_FLIGHT_PER_WORKER * self.n_workers)
        pending = as_completed()
        index: dict[str, int] = {}
        ready: dict[int, BatchResult] = {}
        submitted = yielded = 0

        def top_up() -> None:
            nonlocal submitted
            while submitted < len(batches) and submitted - yielded < window:
                fut = self._submit(batches[submitted], meta, None, keep_text)
                index[fut.key] = submitted
                pending.add(fut)
                submitted += 1

        top_up()
        for fut in pending:
            i = index.pop(fut.key)
            ready[i] = self._result(fut, batches[i], meta, None, keep_text)
            fut.release()
            on_done(len(batches[i]))
            while yielded in ready:
                yield ready.pop(yielded)
                yielded += 1
            top_up()

    def rerun(
        self, meta: Mapping[str, str], known: Collection[str], keep_text: bool
    ) -> Callable[[Sequence[Item], Mapping[str, str]], BatchResult]:
        """Return a function that runs one batch again, with some article ids taken."""

        def run(batch: Sequence[Item], earlier: Mapping[str, str]) -> BatchResult:
            fut = self._submit(batch, meta, earlier, keep_text)
            return self._result(fut, batch, meta, earlier, keep_text)

        return run

    def _result(
        self,
        fut: Any,
        batch: Sequence[Item],
        meta: Mapping[str, str],
        earlier: Mapping[str, str] | None,
        keep_text: bool,
    ) -> BatchResult:
        """Return the batch's result; if its task failed (a worker died), each article alone."""
        try:
            res: BatchResult = fut.result()
            return res
        except Exception as exc:
            if len(batch) == 1:
                return BatchResult([_failed(batch[0], exc)], join_disjoint([]))
        singles = [self._submit([item], meta, earlier, keep_text) for item in batch]
        records: list[ArticleRecord] = []
        parts = []
        taken: dict[str, str] = {}
        for item, single in zip(batch, singles, strict=True):
            try:
                one: BatchResult = single.result()
            except Exception as exc:
                records.append(_failed(item, exc))
                continue
            (rec,) = one.records
            if rec.status == "added" and rec.article_id in taken:
                msg = f"the same article as {taken[rec.article_id]}"
                rec = ArticleRecord(rec.index, rec.name, "duplicate", rec.article_id, msg)
            elif rec.status == "added":
                taken[rec.article_id] = rec.name
                parts.append(one.collection)
            records.append(rec)
        return BatchResult(records, join_disjoint(parts))


def _failed(item: Item, exc: BaseException) -> ArticleRecord:
    msg = (
        "extraction failed: the worker running it stopped "
        f"({type(exc).__name__}: {' '.join(str(exc).split())})"
    )
    return ArticleRecord(item[0], item[1], "failed", message=msg)
