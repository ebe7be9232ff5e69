"""`janalyq import PATHS --workers N` on PostgreSQL: the files are queued in the store as one job,
N worker processes take them (janalyq.work.worker), and this process follows the job: it reports
each file as its unit is done, prints its rejects, and sums the units' reports into the report a
plain import gives.  `janalyq worker` processes on other machines may take the job's units too:
their reports are summed the same way.

A worker process that dies leaves its unit to be taken again: the others take it, or, when none
is left, a new one is started here.  A unit that ends every worker that takes it becomes a
reject after `queue.MAX_STARTS` starts, so the job always ends.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from janalyq.article import Reject
from janalyq.enrich import embeddings_enabled
from janalyq.pipeline import SMALL_BATCH, ImportReport
from janalyq.read import iter_paths
from janalyq.store.bulk import restore_indexes
from janalyq.store.faults import StoreFault
from janalyq.store.postgres import _safe
from janalyq.work.queue import add_unit_report, articles_of, enqueue
from janalyq.work.worker import run_worker

POLL_SECONDS = 0.2
MAX_FAILED_WORKERS = 5  # worker processes ending with an error (not their unit's) before the import gives up
EXIT_WORKERS = 2


class WorkersFailed(StoreFault):
    """Worker processes keep ending with an error (not their file's: a file's own error is a
    reject): the command ends with one line (cli_store.store_faults), its files stay queued."""

    def __init__(self, message: str) -> None:
        super().__init__("workers", message, EXIT_WORKERS)


class _Job:
    """What this process knows of its job: the units done so far, and its worker processes."""

    def __init__(self, store, report: ImportReport, workers: int, batch_size: int, embeddings: bool) -> None:
        self.store, self.report, self.workers = store, report, workers
        self.args = (store.path, report.run_id, batch_size, embeddings, os.getpid())
        self.context = multiprocessing.get_context("forkserver")
        # The fork server imports the pipeline once; each worker forked from it starts with it.
        self.context.set_forkserver_preload(["janalyq.work.worker", "janalyq.enrich", "janalyq.store.postgres"])
        self.processes: list = []
        self.failed = 0
        self.pending: list[int] | None = None
        self.seen: set[int] = set()
        self.done = 0

    def start_workers(self, n: int) -> None:
        for _ in range(n):
            process = self.context.Process(target=run_worker, args=self.args, daemon=False)
            process.start()
            self.processes.append(process)

    def newly_done(self) -> list:
        """(id, path, report) of the units done since the last look.  Units end in any order:
        `pending` are the job's ids from the first not yet seen done, those after it that were
        seen done are in `seen`."""
        if self.pending is None:
            self.pending = [row[0] for row in self.store.db.execute(
                "SELECT id FROM work_units WHERE job = ? ORDER BY id", (self.report.run_id,))]
            self.pending.reverse()  # popped from the end
        if not self.pending:
            return []
        rows = [row for row in self.store.db.execute(
            "SELECT id, path, report FROM work_units WHERE job = ? AND state = 'done' AND id >= ? ORDER BY id",
            (self.report.run_id, self.pending[-1])) if row[0] not in self.seen]
        self.seen.update(row[0] for row in rows)
        while self.pending and self.pending[-1] in self.seen:
            self.seen.discard(self.pending.pop())
        self.done += len(rows)
        return rows

    def look_after_workers(self) -> None:
        """Count workers that ended with an error; when none is left and units are still free
        (a worker died with one), start new ones."""
        alive = []
        for process in self.processes:
            if process.is_alive():
                alive.append(process)
            elif process.exitcode not in (0, None):
                self.failed += 1
        self.processes = alive
        if self.failed > MAX_FAILED_WORKERS:
            raise WorkersFailed(f"{_safe(self.store.path)}: {self.failed} worker processes ended with an error (see their"
                                " messages above); the files not done stay queued for `janalyq worker`")
        if not alive and self._free_unit():
            self.start_workers(self.workers)

    def _free_unit(self) -> bool:
        """Whether a unit of the job is queued and held by no worker (here or elsewhere)."""
        db = self.store.db
        db.execute("BEGIN")
        try:
            return db.execute("SELECT id FROM work_units WHERE job = ? AND state = 'queued'"
                              " LIMIT 1 FOR UPDATE SKIP LOCKED", (self.report.run_id,)).fetchone() is not None
        finally:
            db.execute("ROLLBACK")

    def stop(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()
        for process in self.processes:
            process.join(timeout=10)


def import_with_workers(
    paths: Iterable[str],
    store,
    workers: int,
    *,
    batch_size: int | None = None,
    embeddings: bool | None = None,
    on_file: Callable[[str, int, int], None] | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    on_article: Callable[[str, int, int], None] | None = None,
) -> ImportReport:
    """Import files into a PostgreSQL store through its work queue and `workers` processes."""
    started = time.monotonic()
    paths = [str(p) for p in paths]
    files = [str(Path(f).resolve()) for f in iter_paths(paths)]
    report = ImportReport(files=len(files), resolved_inputs=[str(Path(p).resolve()) for p in paths])
    report.run_id = store.start_run(paths)
    embeddings = embeddings_enabled() if embeddings is None else embeddings
    restore_indexes(store)  # left by an earlier bulk import that was killed
    enqueue(store, report.run_id, files, dt.datetime.now(dt.timezone.utc))
    job = _Job(store, report, max(1, min(workers, len(files) or 1)), batch_size or SMALL_BATCH, embeddings)
    try:
        if files:
            job.start_workers(job.workers)
        reported = 0
        while job.done < len(files):
            for _, path, text in job.newly_done():
                reported += 1
                _report_unit(report, path, text, reported, len(files), on_file, on_reject, on_article)
            if job.done < len(files):
                job.look_after_workers()
                time.sleep(POLL_SECONDS)
    except BaseException:
        job.stop()
        store.finish_run(report.run_id, "failed", report.as_dict())
        raise
    job.stop()
    report.seconds = time.monotonic() - started
    store.finish_run(report.run_id, "done_with_rejects" if report.rejects else "done", report.as_dict())
    return report


def _report_unit(report: ImportReport, path: str, text: str | None, done: int, total: int,
                 on_file, on_reject, on_article) -> None:
    for reject in add_unit_report(report, text):
        if on_reject:
            on_reject(reject)
    if on_article:
        articles = articles_of(text)
        for position in range(1, articles + 1):
            on_article(path, position, articles)
    if on_file:
        on_file(path, done, total)
