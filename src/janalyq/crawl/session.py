"""Crawled articles go through the same stages as imported files (janalyq.pipeline).

A session is one run in the store's `runs` table and a series of batch transactions.  It uses
the pipeline's own pieces: `prepare_article` (clean, date, language, signature) and
`store_article` (skip what is known, dedup, store), and its batch bookkeeping, so a crawled
page and an imported file are treated alike.  The crawler writes its own state (frontier,
fetch log) in the open transaction, so that it commits together with the articles.
"""

from __future__ import annotations

import datetime as dt
import time

from janalyq.article import Article, Reject
from janalyq.enrich import Enricher
from janalyq.pipeline import Batch, ImportReport, commit_batch, prepare_article, reject_kind, store_article
from janalyq.store.sqlite import Store


class PipelineSession:
    def __init__(self, store: Store, inputs: list[str]) -> None:
        self.started = time.monotonic()
        self.store = store
        self.report = ImportReport()
        self.report.run_id = store.start_run(inputs)
        self.collected_at = dt.datetime.now(dt.timezone.utc)
        # The topic and story stages run on each batch, as for imported files.
        self.batch = Batch(Enricher(store, self.report.stages["topic"], self.report.stages["story"]))
        store.begin()

    def add(self, item: Article | Reject | str) -> str:
        """Process one item; returns what became of it: new, merged, known, dropped, rejected
        or warning (new and merged are durable once the batch is committed)."""
        report, read_counts = self.report, self.report.stages["read"]
        if isinstance(item, str):
            report.warnings.append(item)
            read_counts.repair("input_repaired")
            return "warning"
        if isinstance(item, Reject):
            read_counts.drop(reject_kind(item.reason))
            report.rejects.append(item)
            self.store.record_reject(report.run_id, item.input, item.reason)
            return "rejected"
        read_counts.seen += 1
        read_counts.kept += 1
        item.collected_at = self.collected_at
        prepared = prepare_article(item, report.stages)
        if prepared is None:
            return "dropped"
        before = (self.batch.new, self.batch.merged, report.already_known)
        store_article(*prepared, self.store, report, self.batch)
        if self.batch.new > before[0]:
            return "new"
        if self.batch.merged > before[1]:
            return "merged"
        return "known" if report.already_known > before[2] else "dropped"

    def open(self) -> None:
        """Begin a write transaction unless one is open (in turn with other writers)."""
        if not self.store.db.in_transaction:
            self.store.begin()

    def commit(self) -> None:
        """Commit the open batch (and the crawl state written in it).  The next one begins only
        when there is something to write (`open`): the crawler holds no write transaction while
        it waits for the network, so an import beside it is never kept waiting for long."""
        if self.store.db.in_transaction:
            commit_batch(self.store, self.report, self.batch, reopen=False)

    def close(self) -> ImportReport:
        self.open()
        commit_batch(self.store, self.report, self.batch, reopen=False)
        self.report.seconds = time.monotonic() - self.started
        status = "done_with_rejects" if self.report.rejects else "done"
        self.store.finish_run(self.report.run_id, status, self.report.as_dict())
        return self.report

    def fail(self) -> None:
        self.store.rollback()
        self.store.finish_run(self.report.run_id, "failed", self.report.as_dict())
