"""The orchestrator: read, clean, date, language, dedup, store, in that order.

Every stage is a plain function `stage(article, counts) -> article or None`; None means the
stage dropped the article and counted why.  Articles are committed in batches; an article is
reported as stored only once its batch is committed, so a killed run loses nothing it reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from janalyq.article import Article, Reject, StageCounts
from janalyq.clean import clean_stage
from janalyq.dates import date_stage
from janalyq.dedup import dedup_stage
from janalyq.language import language_stage
from janalyq.read import iter_paths, read_path
from janalyq.store.sqlite import Store
from janalyq.store.stage import store_stage

TEXT_STAGES: list[tuple[str, Callable[[Article, StageCounts], Article | None]]] = [
    ("clean", clean_stage),
    ("date", date_stage),
    ("language", language_stage),
]
STAGE_NAMES = ["read", *(name for name, _ in TEXT_STAGES), "dedup", "store"]


@dataclass
class ImportReport:
    run_id: int | None = None
    files: int = 0
    stored_new: int = 0  # committed new articles
    merged: int = 0  # committed copies merged into an existing article
    already_known: int = 0  # items seen by an earlier import (idempotent re-run)
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stages: dict[str, StageCounts] = field(default_factory=lambda: {n: StageCounts(n) for n in STAGE_NAMES})
    seconds: float = 0.0

    @property
    def articles_per_second(self) -> float:
        read = self.stages["read"].kept
        return read / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "files": self.files, "stored_new": self.stored_new, "merged": self.merged,
            "already_known": self.already_known, "rejects": len(self.rejects),
            "seconds": round(self.seconds, 3),
            "stages": [s.as_dict() for s in self.stages.values()],
        }


def reject_kind(reason: str) -> str:
    """A short, number-free label of a reject reason, for counting rejects by kind."""
    return re.sub(r"\d[\d,.]*", "N", re.split(r"[:(]", reason)[0]).strip()[:60]


def content_hash(article: Article) -> str:
    basis = "\x1f".join((article.title, article.body_text, str(article.published), article.source_url or ""))
    return hashlib.sha1(basis.encode()).hexdigest()


class _Batch:
    """Counts of the open transaction, moved into the report only at commit."""

    def __init__(self) -> None:
        self.new = self.merged = self.size = 0


def process_article(article: Article, store: Store, report: ImportReport, batch: _Batch) -> None:
    for name, stage in TEXT_STAGES:
        article = stage(article, report.stages[name])
        if article is None:
            return
    article.content_hash = content_hash(article)
    if store.has_sighting(article.url, article.content_hash):
        report.already_known += 1
        report.stages["dedup"].drop("already_imported")
        return
    sig, match = dedup_stage(article, store, report.stages["dedup"])
    store_stage(article, sig, match, store, report.stages["store"])
    batch.size += 1
    if match is None:
        batch.new += 1
    else:
        batch.merged += 1


class PipelineSession:
    """Feeds read items (articles, rejects, warnings) through the stages into the store.

    One session is one run in the store's `runs` table and a series of batch transactions.
    Files (`import_paths`) and the crawler (`janalyq.crawl`) both feed articles through it, so
    both get the same stages, counts, dedup and batching.  The crawler writes its own state in
    the open transaction too, so that it is committed together with the articles.
    """

    def __init__(self, store: Store, inputs: list[str], *, batch_size: int = 500,
                 on_reject: Callable[[Reject], None] | None = None) -> None:
        self.started = time.monotonic()
        self.store = store
        self.batch_size = batch_size
        self.on_reject = on_reject
        self.report = ImportReport()
        self.report.run_id = store.start_run(inputs)
        self.collected_at = dt.datetime.now(dt.timezone.utc)
        self.batch = _Batch()
        store.begin()

    def add(self, item: Article | Reject | str) -> str:
        """Process one item; returns what became of it: new, merged, known, dropped,
        rejected or warning (new and merged count only once their batch is committed)."""
        report, read_counts = self.report, self.report.stages["read"]
        if isinstance(item, str):
            report.warnings.append(item)
            read_counts.repair("input_repaired")
            return "warning"
        if isinstance(item, Reject):
            read_counts.drop(reject_kind(item.reason))
            report.rejects.append(item)
            self.store.record_reject(report.run_id, item.input, item.reason)
            if self.on_reject:
                self.on_reject(item)
            return "rejected"
        read_counts.seen += 1
        read_counts.kept += 1
        item.collected_at = self.collected_at
        before = (self.batch.new, self.batch.merged, report.already_known)
        process_article(item, self.store, report, self.batch)
        outcome = ("new" if self.batch.new > before[0] else "merged" if self.batch.merged > before[1]
                   else "known" if report.already_known > before[2] else "dropped")
        if self.batch.size >= self.batch_size:
            self.commit()
        return outcome

    def commit(self) -> None:
        """Commit the open batch (and whatever else was written in it) and open the next."""
        _commit(self.store, self.report, self.batch)

    def close(self) -> ImportReport:
        _commit(self.store, self.report, self.batch, reopen=False)
        self.report.seconds = time.monotonic() - self.started
        status = "done_with_rejects" if self.report.rejects else "done"
        self.store.finish_run(self.report.run_id, status, self.report.as_dict())
        return self.report

    def fail(self) -> None:
        self.store.rollback()
        self.store.finish_run(self.report.run_id, "failed", self.report.as_dict())


def import_paths(
    paths: Iterable[str],
    store: Store,
    *,
    batch_size: int = 500,
    on_file: Callable[[str, int, int], None] | None = None,
    on_reject: Callable[[Reject], None] | None = None,
) -> ImportReport:
    """Import files and folders into the store; returns what was stored, merged and rejected.

    `on_file(path, done, total)` is called after each file, `on_reject` for each reject as it
    happens (the CLI prints them at once).
    """
    files = list(iter_paths(paths))
    session = PipelineSession(store, [str(p) for p in paths], batch_size=batch_size, on_reject=on_reject)
    session.report.files = len(files)
    try:
        for done, path in enumerate(files, start=1):
            for item in read_path(path):
                session.add(item)
            if on_file:
                on_file(str(path), done, len(files))
    except BaseException:
        session.fail()
        raise
    return session.close()


def _commit(store: Store, report: ImportReport, batch: _Batch, reopen: bool = True) -> None:
    store.commit()
    report.stored_new += batch.new
    report.merged += batch.merged
    batch.new = batch.merged = batch.size = 0
    if reopen:
        store.begin()
