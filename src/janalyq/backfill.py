"""Backfills on Dask: years of archives (WARC files, page dumps, anything `janalyq import` reads)
prepared on the workers of a `dask.distributed` cluster and stored by this one process.

What runs where: each input file is one task on the cluster (a large WARC file one task per
part of it, `read.warc.warc_parts`, joined back here), `pipeline.prepare_file`, the same
work the worker processes of a parallel import do (read, clean, dates, language, the dedup
signature, and ahead of the store the entities, search terms, embeddings and topic).  The
prepared files come back here and go through the very store step of a plain import
(`pipeline.import_paths`: dedup, story linking, batches, the run record, rejects, stage counts),
in input order, so a backfill stores exactly what a plain import of the same inputs stores:
the same ids, the same copies merged, the same stories.

Results that come back ahead of their turn wait in a buffer; the files submitted and not yet
stored are capped (FILES_PER_WORKER, BYTES_PER_WORKER), so memory stays flat however many
files there are.  A task that fails on the cluster (a worker that died on a file, a reader
bug) is a reject naming the file.  The paths are read by the workers: on a real cluster they
must be visible at the same path on every worker (a shared filesystem).
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
from janalyq.pipeline import ImportReport, PreparedFile, import_paths, join_parts, prepare_file, reject_kind
from janalyq.read.warc import is_warc_path, warc_parts
from janalyq.store import open_store
from janalyq.store.sqlite import Store

# Files submitted to the cluster and not yet stored, per worker thread: enough queued work to
# keep a worker busy while this process commits a batch, few enough to keep memory flat.
FILES_PER_WORKER = 16
# ... and at most this many input bytes in flight per worker (one crawl WARC is up to 256 MB).
BYTES_PER_WORKER = 256 * 2**20
# A WARC file past twice this size is read in parts of about this size, on several workers: a
# crawl's WARC holds up to 256 MB, another crawler's often 1 GB.  Listing the parts costs one
# more read of the file's records (decompressing, no parsing), on a worker.
PART_BYTES = 64 * 2**20


def open_backfill_store(db: str | Path) -> Store:
    """The store a backfill writes to (an SQLite file or a PostgreSQL address): the one place
    that opens it."""
    return open_store(db)


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
                   embeddings: bool | None = None, part_bytes: int = PART_BYTES,
                   on_file: Callable[[str, int, int], None] | None = None,
                   on_reject: Callable[[Reject], None] | None = None,
                   on_article: Callable[[str, int, int], None] | None = None) -> ImportReport:
    """Import `paths` into `store` with the text stages on the cluster of `client`; the report,
    callbacks and run record are those of `pipeline.import_paths`.  WARC files larger than
    twice `part_bytes` are read in parts of about that size (0: never)."""
    threads = worker_threads(client)

    def prepare(files: list[Path], collected_at: dt.datetime, use_embeddings: bool,
                store_path: str | None) -> Iterator[PreparedFile]:
        work = ClusterWork(client, threads, part_bytes if threads > 1 else 0,
                           (collected_at, True, use_embeddings, store_path))
        return work.prepared(files)

    # Absolute paths: a worker of a real cluster does not share this process's working folder
    # (what is stored is the same: items are named by their resolved path's file:// URI).
    # workers=threads+1: the store is tuned for a bulk load as for a parallel import (large
    # transactions, spaced checkpoints, listing indexes deferred) whenever there is a cluster.
    return import_paths([str(Path(p).absolute()) for p in paths], store, batch_size=batch_size,
                        workers=threads + 1, embeddings=embeddings, on_file=on_file, on_reject=on_reject,
                        on_article=on_article, prepare=prepare)


class ClusterWork:
    """The prepared files in input order, prepared on the cluster, gathered as they complete.

    A file is one task (`prepare_file`), or, for a large WARC file, a task that lists its parts
    (`warc_parts`) and then one task per part, joined here when all are back.  A file is
    submitted only while the files submitted and not yet handed on (running, or done and
    waiting in `ready` for an earlier one) are fewer than the window's files and bytes."""

    def __init__(self, client: Client, threads: int, part_bytes: int, options: tuple) -> None:
        self.client, self.part_bytes, self.options = client, part_bytes, options
        self.max_files, self.max_bytes = threads * FILES_PER_WORKER, threads * BYTES_PER_WORKER
        self.running = as_completed()
        self.tasks: dict[str, tuple[str, int, int]] = {}  # key -> (kind, file position, part)
        self.paths: dict[int, tuple[str, int]] = {}  # position -> (path, bytes), until handed on
        self.parts: dict[int, list[PreparedFile | None]] = {}
        self.ready: dict[int, PreparedFile] = {}
        self.open_bytes = 0

    def prepared(self, files: list[Path]) -> Iterator[PreparedFile]:
        todo = iter(enumerate(files))
        self._submit_more(todo)
        next_position = 0
        for future in self.running:
            self._take(future)
            while next_position in self.ready:
                self.open_bytes -= self.paths.pop(next_position)[1]
                yield self.ready.pop(next_position)
                next_position += 1
            self._submit_more(todo)

    def _submit_more(self, todo: Iterator[tuple[int, Path]]) -> None:
        while len(self.paths) < self.max_files and not (self.paths and self.open_bytes >= self.max_bytes):
            position, path = next(todo, (None, None))
            if path is None:
                return
            size = _size(path)
            self.paths[position] = (str(path), size)
            self.open_bytes += size
            if self.part_bytes and size > 2 * self.part_bytes and is_warc_path(Path(path)) and Path(path).is_file():
                self._submit("scan", position, 0, warc_parts, Path(path), self.part_bytes)
            else:
                self._submit("file", position, 0, prepare_file, str(path), *self.options)

    def _submit(self, kind: str, position: int, index: int, function, *args, **kwargs) -> None:
        key = f"janalyq-{kind}-{position}-{index}-{os.urandom(6).hex()}"
        future = self.client.submit(function, *args, key=key, pure=False, **kwargs)
        self.tasks[future.key] = (kind, position, index)
        self.running.add(future)

    def _take(self, future) -> None:
        kind, position, part = self.tasks.pop(future.key)
        path = self.paths[position][0]
        if kind == "scan":
            parts = _parts_or_none(self.client, future)
            future.release()
            if parts is None:  # damaged (read whole, it is a reject at the damage), or one part
                self._submit("file", position, 0, prepare_file, path, *self.options)
                return
            self.parts[position] = [None] * len(parts)
            for index, span in enumerate(parts):
                self._submit("part", position, index, prepare_file, path, *self.options, part=span)
            return
        prepared = _result_or_reject(self.client, future, path)
        future.release()
        if kind == "file":
            self.ready[position] = prepared
            return
        slots = self.parts[position]
        slots[part] = prepared
        if all(slot is not None for slot in slots):
            self.ready[position] = join_parts(path, self.parts.pop(position))


def _size(path: Path) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _parts_or_none(client: Client, future) -> list[tuple[int, int | None]] | None:
    """The parts listed on the cluster; None when listing failed there (the file is then read
    whole, and its fault told as for any file)."""
    try:
        return future.result()
    except CancelledError:
        raise
    except Exception:
        if client.status != "running":
            raise
        return None


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
