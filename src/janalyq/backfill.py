"""Backfills on Dask: years of archives (WARC files, page dumps, anything `janalyq import` reads)
prepared on the workers of a `dask.distributed` cluster and stored by this one process.

What runs where: each input file is one task on the cluster, `pipeline.prepare_file`, the same
work the worker processes of a parallel import do (read, clean, dates, language, the dedup
signature, and ahead of the store the entities, search terms, embeddings and topic).  The
prepared files come back here and go through the very store step of a plain import
(`pipeline.import_paths`: dedup, story linking, batches, the run record, rejects, stage counts),
in input order, so a backfill stores exactly what a plain import of the same inputs stores:
the same ids, the same copies merged, the same stories.

Results that come back ahead of their turn wait in a buffer; the files submitted and not yet
stored are capped (`window`), so memory stays flat however many files there are.  A task that
fails on the cluster (a worker that died on a file, a reader bug) is a reject naming the file.
The paths are read by the workers: on a real cluster they must be visible at the same path on
every worker (a shared filesystem).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from pathlib import Path

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from janalyq.article import Reject, StageCounts
from janalyq.pipeline import ImportReport, PreparedFile, import_paths, prepare_file, reject_kind
from janalyq.store.sqlite import Store

# Files submitted to the cluster and not yet stored, per worker thread: enough queued work to
# keep a worker busy while this process commits a batch, few enough to keep memory flat.
FILES_PER_WORKER = 16
# ... and at most this many input bytes in flight per worker (one crawl WARC is up to 256 MB).
BYTES_PER_WORKER = 512 * 2**20


def open_backfill_store(db: str | Path) -> Store:
    """The store a backfill writes to: the one place that opens it."""
    return Store(db)


class FollowTheBackfill(WorkerPlugin):
    """Set-up of the workers of a LocalCluster started by the backfill: they end with the
    backfilling process (even when it is killed) and run below its priority, since storing is
    the one serial stage (as the worker processes of a parallel import do)."""

    name = "janalyq-follow-the-backfill"

    def __init__(self, backfill_pid: int) -> None:
        self.backfill_pid = backfill_pid

    def setup(self, worker) -> None:
        from janalyq.pipeline import _start_worker

        _start_worker(self.backfill_pid)


class ClusterUnreachable(RuntimeError):
    """The scheduler named for a backfill did not answer (or the address is not one)."""


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of the cluster at `scheduler` (tcp://host:port), or of a LocalCluster started
    here: `workers` processes (default: one per core), one thread each, the dashboard on a free
    port (never in the way of another cluster's).  How long to try to reach `scheduler` is
    Dask's own setting (distributed.comms.timeouts.connect, 30 s; the variable
    DASK_DISTRIBUTED__COMMS__TIMEOUTS__CONNECT)."""
    if scheduler:
        try:
            client = Client(scheduler)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ClusterUnreachable(f"cannot reach the Dask scheduler at {scheduler}: "
                                     f"{type(exc).__name__}: {exc}") from None
        with client:
            yield client
        return
    n_workers = workers or os.cpu_count() or 1
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.register_plugin(FollowTheBackfill(os.getpid()))
        yield client


def worker_threads(client: Client) -> int:
    return max(1, sum(client.nthreads().values()))


def backfill_paths(paths: Iterable[str], store: Store, client: Client, *, batch_size: int | None = None,
                   embeddings: bool | None = None,
                   on_file: Callable[[str, int, int], None] | None = None,
                   on_reject: Callable[[Reject], None] | None = None,
                   on_article: Callable[[str, int, int], None] | None = None) -> ImportReport:
    """Import `paths` into `store` with the text stages on the cluster of `client`; the report,
    callbacks and run record are those of `pipeline.import_paths`."""
    threads = worker_threads(client)

    def prepare(files: list[Path], collected_at: dt.datetime, use_embeddings: bool,
                store_path: str | None) -> Iterator[PreparedFile]:
        return prepared_on_cluster(client, files, collected_at, use_embeddings, store_path, threads)

    # Absolute paths: a worker of a real cluster does not share this process's working folder.
    # (What is stored is the same: items are named by their resolved path's file:// URI.)
    # workers=threads+1: the store is tuned for a bulk load as for a parallel import (large
    # transactions, spaced checkpoints, listing indexes deferred) whenever there is a cluster.
    return import_paths([str(Path(p).absolute()) for p in paths], store, batch_size=batch_size, workers=threads + 1, embeddings=embeddings,
                        on_file=on_file, on_reject=on_reject, on_article=on_article, prepare=prepare)


def prepared_on_cluster(client: Client, files: list[Path], collected_at: dt.datetime, use_embeddings: bool,
                        store_path: str | None, threads: int) -> Iterator[PreparedFile]:
    """The prepared files in input order, prepared on the cluster, gathered as they complete.

    A file is submitted only when the files submitted and not yet handed on (running, or done
    and waiting in `ready` for an earlier one) are fewer than the window's files and bytes."""
    todo = iter(enumerate(files))
    running = as_completed()
    origin: dict[str, tuple[int, str, int]] = {}  # task key -> (position, path, bytes)
    ready: dict[int, PreparedFile] = {}
    next_position, in_flight_bytes = 0, 0

    def submit_more() -> None:
        nonlocal in_flight_bytes
        while len(origin) + len(ready) < threads * FILES_PER_WORKER:
            if origin and in_flight_bytes >= threads * BYTES_PER_WORKER:
                return
            position, path = next(todo, (None, None))
            if path is None:
                return
            size = _size(path)
            future = client.submit(prepare_file, str(path), collected_at, True, use_embeddings, store_path,
                                   pure=False, key=f"janalyq-prepare-{position}-{os.urandom(6).hex()}")
            origin[future.key] = (position, str(path), size)
            in_flight_bytes += size
            running.add(future)

    submit_more()
    for future in running:
        position, path, size = origin.pop(future.key)
        in_flight_bytes -= size
        ready[position] = _result_or_reject(client, future, path)
        future.release()
        while next_position in ready:
            yield ready.pop(next_position)
            next_position += 1
        submit_more()


def _size(path: Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _result_or_reject(client: Client, future, path: str) -> PreparedFile:
    """What the cluster made of one file; a task that failed on the cluster is a reject naming
    the file (the run goes on), unless the cluster itself is gone, which ends the run."""
    try:
        return future.result()
    except CancelledError:
        raise
    except Exception as exc:
        if client.status != "running":
            raise
        reason = f"failed on the Dask cluster: {type(exc).__name__}: {exc}"
        prepared = PreparedFile(path, [Reject(path, reason)], {"read": StageCounts("read")})
        prepared.counts["read"].drop(reject_kind(reason))
        return prepared
