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
    started = time.monotonic()
    files = list(iter_paths(paths))
    report = ImportReport(files=len(files))
    report.run_id = store.start_run([str(p) for p in paths])
    read_counts = report.stages["read"]
    collected_at = dt.datetime.now(dt.timezone.utc)
    batch = _Batch()
    store.begin()
    try:
        for done, path in enumerate(files, start=1):
            for item in read_path(path):
                if isinstance(item, str):
                    report.warnings.append(item)
                    read_counts.repair("input_repaired")
                elif isinstance(item, Reject):
                    read_counts.drop(reject_kind(item.reason))
                    report.rejects.append(item)
                    store.record_reject(report.run_id, item.input, item.reason)
                    if on_reject:
                        on_reject(item)
                else:
                    read_counts.seen += 1
                    read_counts.kept += 1
                    item.collected_at = collected_at
                    process_article(item, store, report, batch)
                    if batch.size >= batch_size:
                        _commit(store, report, batch)
            if on_file:
                on_file(str(path), done, len(files))
        _commit(store, report, batch, reopen=False)
    except BaseException:
        store.rollback()
        store.finish_run(report.run_id, "failed", report.as_dict())
        raise
    report.seconds = time.monotonic() - started
    status = "done_with_rejects" if report.rejects else "done"
    store.finish_run(report.run_id, status, report.as_dict())
    return report


def _commit(store: Store, report: ImportReport, batch: _Batch, reopen: bool = True) -> None:
    store.commit()
    report.stored_new += batch.new
    report.merged += batch.merged
    batch.new = batch.merged = batch.size = 0
    if reopen:
        store.begin()
