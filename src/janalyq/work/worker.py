"""One import worker: takes queued files from the store's work queue and imports each itself.

Every worker runs the whole pipeline on its file: reading and the text stages, entities,
embeddings and the topic (in parallel with every other worker), then dedup, story linking and
the writes through its PgStore, whose transactions take the writers' advisory lock
(store/postgres.py).  Everything a worker decides from the store (is this a copy? which story?)
is read after that lock is taken, so workers racing over copies of one article end as one
import of the same files would, one file after another: nothing a worker holds in memory
between transactions describes the store (its caches hold pure functions of text: analysed
terms, title words, embeddings).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg

from janalyq.article import Reject, StageCounts
from janalyq.enrich import Enricher, embeddings_enabled
from janalyq.pipeline import (SMALL_BATCH, TEXT_NAMES, Batch, ImportReport, PreparedFile, commit_batch, prepare_file,
                              reject_kind, store_prepared)
from janalyq.work.queue import MAX_STARTS, Claims, Unit, record_start, worker_name

log = logging.getLogger(__name__)
FOLLOW_SECONDS = 1.0  # how often a following worker looks for new units


@dataclass
class WorkerReport:
    units: int = 0
    total: ImportReport = field(default_factory=ImportReport)


class ImportWorker:
    def __init__(self, url: str, batch_size: int = SMALL_BATCH, embeddings: bool | None = None,
                 on_unit: Callable[[Unit, ImportReport], None] | None = None) -> None:
        from janalyq.store.postgres import PgStore

        self.store = PgStore(url)
        self.claims = Claims(url)
        self.batch_size = batch_size
        self.embeddings = embeddings_enabled() if embeddings is None else embeddings
        self.on_unit = on_unit  # called after each unit is done, with its report
        self.name = worker_name()
        self._enricher: Enricher | None = None

    def run(self, job: int | None = None, follow: bool = False, stop=None) -> WorkerReport:
        """Take units until none is left (of `job`, when given); with `follow`, wait for more
        until `stop` (a threading.Event) is set."""
        done = WorkerReport()
        while stop is None or not stop.is_set():
            unit = self.claims.take(job)
            if unit is None:
                if not follow:
                    break
                time.sleep(FOLLOW_SECONDS)
                continue
            try:
                report = self.work_on(unit)
            except BaseException:
                self.claims.release()
                raise
            self.claims.finish(unit, report, self.name)
            done.units += 1
            _add(done.total, report)
            if self.on_unit:
                self.on_unit(unit, report)
        return done

    def work_on(self, unit: Unit) -> ImportReport:
        """Import the unit's file; its articles are committed when this returns."""
        report = ImportReport(files=1)
        report.run_id = unit.job
        starts = record_start(self.store.db, unit, self.name)
        if starts > MAX_STARTS:
            prepared = _rejected(unit.path, f"a worker ended {starts - 1} times while importing this file:"
                                            " not taken again")
        else:
            try:
                prepared = prepare_file(unit.path, unit.collected_at, ahead=True, use_embeddings=self.embeddings,
                                        store_path=self.store.path)
            except Exception as exc:  # noqa: BLE001 (a bug on one input must not cost the others)
                log.exception("%s: reading failed", unit.path)
                prepared = _rejected(unit.path, f"reading failed: {type(exc).__name__}: {exc}")
        self._store(prepared, report)
        return report

    def _store(self, prepared: PreparedFile, report: ImportReport) -> None:
        batch = Batch(self._enricher_for(report))
        try:
            self.store.begin()
            store_prepared(prepared, self.store, report, batch, self.batch_size, None)
            if self.store.db.in_transaction:
                commit_batch(self.store, report, batch, reopen=False)
        except BaseException:
            self.store.rollback()
            raise

    def _enricher_for(self, report: ImportReport) -> Enricher:
        """One enricher per worker (its models load once), counting into this unit's report."""
        if self._enricher is None:
            self._enricher = Enricher(self.store, report.stages["topic"], report.stages["story"],
                                      use_embeddings=self.embeddings)
        self._enricher.topic_counts, self._enricher.story_counts = report.stages["topic"], report.stages["story"]
        return self._enricher

    def close(self) -> None:
        for closing in (self.claims.close, self.store.close):
            try:
                closing()
            except psycopg.Error:
                pass


def _rejected(path: str, reason: str) -> PreparedFile:
    counts = {n: StageCounts(n) for n in ("read", *TEXT_NAMES)}
    counts["read"].drop(reject_kind(reason))
    return PreparedFile(path, items=[Reject(path, reason)], counts=counts)


def _add(total: ImportReport, report: ImportReport) -> None:
    total.files += report.files
    total.stored_new += report.stored_new
    total.merged += report.merged
    total.already_known += report.already_known
    total.rejects += report.rejects
    total.warnings += report.warnings
    for name, counts in report.stages.items():
        total.stages.setdefault(name, StageCounts(name)).merge(counts)


def run_worker(url: str, job: int | None, batch_size: int, embeddings: bool | None, parent: int | None) -> None:
    """A worker process of `janalyq import --workers` (janalyq.work.parallel): it ends with the
    importing process, whatever ends that."""
    from janalyq import lifeline

    if parent is not None:
        lifeline.follow(parent)
    worker = ImportWorker(url, batch_size, embeddings)
    try:
        worker.run(job)
    finally:
        worker.close()
