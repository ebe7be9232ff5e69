"""The orchestrator: read, clean, date, language, dedup, topic, story, store, in that order.

Every stage is a plain function `stage(article, counts) -> article or None`; None means the
stage dropped the article and counted why.  Articles are committed in batches; an article is
reported as stored only once its batch is committed, so a killed run loses nothing it reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from janalyq import lifeline
from janalyq.article import Article, Reject, StageCounts
from janalyq.clean import clean_stage
from janalyq.dates import date_stage
from janalyq.enrich import Enricher, embeddings_enabled, precompute
from janalyq.dedup import Signature, dedup_stage, signature
from janalyq.language import language_stage
from janalyq.read import iter_paths, nothing_read, read_path, read_warc_part
from janalyq.search.index import PRECOMPUTED_TERMS
from janalyq.store.reader import reader_for
from janalyq.store.bulk import (
    BULK_AUTOMERGE, BULK_CHECKPOINT_PAGES, DEFAULT_AUTOMERGE, DEFAULT_CHECKPOINT_PAGES, checkpoint_spacing,
    defer_indexes, restore_indexes, search_merge_spacing, worth_deferring,
)
from janalyq.store.sqlite import Store
from janalyq.store.stage import store_stage
from janalyq.worker_server import PARALLEL_FROM_FILES, worker_context

TEXT_STAGES: list[tuple[str, Callable[[Article, StageCounts], Article | None]]] = [
    ("clean", clean_stage),
    ("date", date_stage),
    ("language", language_stage),
]
TEXT_NAMES = [name for name, _ in TEXT_STAGES]
STAGE_NAMES = ["read", *TEXT_NAMES, "dedup", "topic", "story", "store"]


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
    rebuilt_indexes: list[str] = field(default_factory=list)  # dropped for a bulk import, rebuilt
    resolved_inputs: list[str] = field(default_factory=list)  # so a re-run can tell what it read before

    @property
    def articles_per_second(self) -> float:
        read = self.stages["read"].kept
        return read / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "files": self.files, "stored_new": self.stored_new, "merged": self.merged,
            "already_known": self.already_known, "rejects": len(self.rejects),
            "seconds": round(self.seconds, 3), "rebuilt_indexes": self.rebuilt_indexes,
            "resolved_inputs": self.resolved_inputs,
            "stages": [s.as_dict() for s in self.stages.values()],
        }


def reject_kind(reason: str) -> str:
    """A short, number-free label of a reject reason, for counting rejects by kind."""
    return re.sub(r"\d[\d,.]*", "N", re.split(r"[:(]", reason)[0]).strip()[:60]


def content_hash(article: Article) -> str:
    basis = "\x1f".join((article.title, article.body_text, str(article.published), article.source_url or ""))
    return hashlib.sha1(basis.encode()).hexdigest()


class Batch:
    """Counts of the open transaction, moved into the report only at commit.

    Public, with `commit_batch`, because the crawler's session stores through the same path.
    """

    def __init__(self, enricher: Enricher | None = None) -> None:
        self.new = self.merged = self.size = 0
        self.enricher = enricher  # topic and story stages, run on each batch before commit


@dataclass
class PreparedFile:
    """One input file after the stages that need no store: what the main process receives.

    `items` holds, in input order, rejects, warnings (str) and (article, signature) pairs.
    """

    path: str
    items: list = field(default_factory=list)
    counts: dict[str, StageCounts] = field(default_factory=dict)


# (files, collected_at, use_embeddings, store_path) -> prepared files in input order
Preparer = Callable[[list[Path], dt.datetime, bool, str | None], Iterable[PreparedFile]]


def prepare_article(article: Article, counts: dict[str, StageCounts]) -> tuple[Article, Signature] | None:
    """Run the text stages on one article and compute its dedup signature."""
    for name, stage in TEXT_STAGES:
        article = stage(article, counts[name])
        if article is None:
            return None
    article.content_hash = content_hash(article)
    return article, signature(article)


def prepare_file(path: str, collected_at: dt.datetime, ahead: bool = False,
                 use_embeddings: bool | None = None, store_path: str | None = None,
                 part: tuple[int, int | None] | None = None) -> PreparedFile:
    """Read one file and run the text stages: pure work, safe to run in a worker process.

    With `ahead`, the pure part of the topic and story stages (entities, embeddings) is done
    here too, in one batch per file; with `store_path`, not for articles the store already
    holds (see `janalyq.store.reader`).  With `part` (start, stop), only the records of a WARC
    file that begin in that byte range; `join_parts` makes one prepared file of its parts.
    """
    prepared = PreparedFile(str(path), counts={n: StageCounts(n) for n in ("read", *TEXT_NAMES)})
    read_counts = prepared.counts["read"]
    items = read_path(Path(path)) if part is None else read_warc_part(Path(path), *part)
    for item in items:
        if isinstance(item, str):
            read_counts.repair("input_repaired")
            prepared.items.append(item)
        elif isinstance(item, Reject):
            read_counts.drop(reject_kind(item.reason))
            prepared.items.append(item)
        else:
            read_counts.seen += 1
            read_counts.kept += 1
            for reason, n in (item.read_repairs or {}).items():
                read_counts.repair(reason, n)
            item.read_repairs = None
            item.collected_at = collected_at
            done = prepare_article(item, prepared.counts)
            if done is not None:
                prepared.items.append(done)
    if part is None:
        _no_article_is_a_reject(prepared)
    if ahead:
        done = [item for item in prepared.items if isinstance(item, tuple)]
        known = _known_copies(done, store_path) if store_path and use_embeddings is not False else set()
        if known:
            prepared.counts["topic"] = StageCounts("topic")
            prepared.counts["topic"].repair("not_embedded_stored_copy", len(known))
        precompute([article for article, _ in done], use_embeddings, skip=known)
    return prepared


def join_parts(path: str, parts: list[PreparedFile]) -> PreparedFile:
    """The parts of one WARC file (`prepare_file(..., part=...)`, in file order) as the one
    prepared file that reading it whole gives: the same items in the same order, the same
    counts, and the same reject when the whole file gave nothing."""
    joined = PreparedFile(path, counts={"read": StageCounts("read")})
    for prepared in parts:
        joined.items.extend(prepared.items)
        for name, counts in prepared.counts.items():
            joined.counts.setdefault(name, StageCounts(name)).merge(counts)
    if joined.counts["read"].seen == 0 and not any(isinstance(item, Reject) for item in joined.items):
        reject = nothing_read(path, "web archive")
        joined.items.append(reject)
        joined.counts["read"].drop(reject_kind(reject.reason))
    _no_article_is_a_reject(joined)
    return joined


def _no_article_is_a_reject(prepared: PreparedFile) -> None:
    """A file whose every article a text stage dropped is a reject too: no input may end with
    neither an article nor a reject.  The drops stay counted by their stage."""
    if any(not isinstance(item, str) for item in prepared.items):
        return
    dropped = [f"{name}: {reason} {n}" for name, counts in prepared.counts.items()
               if name != "read" for reason, n in counts.dropped.items()]
    read = prepared.counts["read"].seen
    why = "; ".join(dropped) if dropped else "nothing readable"
    prepared.items.append(Reject(prepared.path, f"no article kept: {read} read, all dropped ({why})"))


def _known_copies(items: list[tuple[Article, Signature]], store_path: str) -> set[int]:
    """ids of the articles that the store already holds a copy of (committed batches only)."""
    reader = reader_for(store_path)
    if reader is None:
        return set()
    return {id(article) for article, sig in items if reader.knows(article, sig)}


def store_article(article: Article, sig: Signature, store: Store, report: ImportReport, batch: Batch) -> None:
    """The stages that need the store: skip what an earlier import stored, dedup, store."""
    if store.has_sighting(article.url, article.content_hash):
        report.already_known += 1
        report.stages["dedup"].drop("already_imported")
        return
    match = dedup_stage(article, sig, store, report.stages["dedup"])
    enricher = batch.enricher if match is None else None  # only new articles are enriched
    # Topic and region go in with the INSERT when the workers computed what they need: an
    # UPDATE after it would index the article for search a second time.
    enrichment = enricher.topic_columns(article) if enricher is not None else None
    rid = store_stage(article, sig, match, store, report.stages["store"], enrichment)
    if enricher is not None:
        enricher.add(rid, article, is_new=True, topic_stored=enrichment is not None)
    batch.size += 1
    if match is None:
        batch.new += 1
    else:
        batch.merged += 1


def prepared_files(files: list[Path], collected_at: dt.datetime, workers: int,
                   use_embeddings: bool | None = None, store_path: str | None = None) -> Iterator[PreparedFile]:
    """Prepared files in input order; with workers, a bounded window of files runs ahead.

    Input order is kept so that a parallel import stores exactly what a sequential one does, and
    the window keeps memory flat however many files there are.
    """
    if workers <= 1:
        for path in files:
            yield prepare_file(str(path), collected_at)
        return
    window = workers * 64  # files in flight (~20 articles, ~150 kB each): work to go on with while a batch commits
    with ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(),
                             initializer=_start_worker, initargs=(os.getpid(),)) as pool:
        pending: deque = deque()
        queue = iter(files)
        for path in queue:
            pending.append(pool.submit(prepare_file, str(path), collected_at, True, use_embeddings, store_path))
            if len(pending) >= window:
                break
        while pending:
            prepared = pending.popleft().result()
            next_path = next(queue, None)
            if next_path is not None:
                pending.append(pool.submit(prepare_file, str(next_path), collected_at, True, use_embeddings,
                                           store_path))
            yield prepared


WORKER_NICENESS = 10


def _start_worker(importer_pid: int) -> None:
    lifeline.follow(importer_pid)  # end with the importing process, even if it is killed
    _yield_to_the_store()


def _yield_to_the_store() -> None:
    """Run a worker below the storing process's priority.  Storing is the one serial stage:
    when it waits for a core, everything waits, while a worker that waits only works less far
    ahead (see the window in `prepared_files`)."""
    try:
        os.nice(WORKER_NICENESS)
    except OSError:
        pass


# Articles per transaction.  Random-key indexes (dedup, LSH, story keys) dirty a page per key:
# in a large store, bigger transactions rewrite each page once for many keys instead of once
# for a few.  In a store of a million articles a bulk batch of 3,000 dirties 13 pages per
# article against 15 for 2,000 (pages of the small key tables and of the search index are
# shared by more articles); its ~160 MB of dirty pages still fit in the 256 MB page cache.
SMALL_BATCH, BULK_BATCH = 500, 3000


def default_workers(n_files: int) -> int:
    return 1 if n_files < PARALLEL_FROM_FILES else max(1, min(os.cpu_count() or 1, 4))


def store_prepared(prepared: PreparedFile, store: Store, report: ImportReport, batch: Batch,
                   batch_size: int, on_reject: Callable[[Reject], None] | None,
                   on_article: Callable[[str, int, int], None] | None = None) -> None:
    """Everything of one prepared file into the store, committing whenever a batch is full.
    `on_article(path, done, items)` follows the articles of the file as they are stored."""
    for name, counts in prepared.counts.items():
        report.stages[name].merge(counts)
    for position, item in enumerate(prepared.items, start=1):
        if isinstance(item, str):
            report.warnings.append(item)
        elif isinstance(item, Reject):
            report.rejects.append(item)
            store.record_reject(report.run_id, item.input, item.reason)
            if on_reject:
                on_reject(item)
        else:
            store_article(*item, store, report, batch)
            # A full batch commits; so does any batch when another process waits to write.
            if batch.size >= batch_size or store.others_waiting():
                commit_batch(store, report, batch)
            if on_article:
                on_article(prepared.path, position, len(prepared.items))


def _record_failed_run(store: Store, report: ImportReport) -> None:
    """The run marked failed, and the listing indexes back, after an import that stopped."""
    try:  # on a full disk this may fail too: the error that stopped the run is the one to tell
        store.finish_run(report.run_id, "failed", report.as_dict())
        restore_indexes(store)
    except Exception:  # the record stays in deferred_indexes: the next import rebuilds them
        pass


def import_paths(
    paths: Iterable[str],
    store: Store,
    *,
    batch_size: int | None = None,
    workers: int | None = None,
    on_file: Callable[[str, int, int], None] | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    embeddings: bool | None = None,
    on_article: Callable[[str, int, int], None] | None = None,
    prepare: Preparer | None = None,
) -> ImportReport:
    """Import files and folders into the store; returns what was stored, merged and rejected.

    `on_file(path, done, total)` is called after each file, `on_article(path, done, items)`
    after each article stored from a file, `on_reject` for each reject as it happens (the CLI
    prints them at once).  `workers` processes run the text stages (default:
    one per core for large imports); storing is always done by this one process.  `prepare`
    replaces those processes (a Dask cluster: janalyq.backfill); it must yield the prepared
    files in input order, and `workers` then only tunes the store for a bulk load.
    """
    started = time.monotonic()
    files = list(iter_paths(paths))
    report = ImportReport(files=len(files), resolved_inputs=[str(Path(p).resolve()) for p in paths])
    report.run_id = store.start_run([str(p) for p in paths])
    collected_at = dt.datetime.now(dt.timezone.utc)
    workers = default_workers(len(files)) if workers is None else workers
    if batch_size is None:
        batch_size = BULK_BATCH if workers > 1 else SMALL_BATCH
    # embeddings=None: on unless JANALYQ_EMBEDDINGS=0 (topics and stories then use keys only).
    # Decided here, once: worker processes come from a fork server that may have been started
    # under another environment, and must not decide differently from this process.
    embeddings = embeddings_enabled() if embeddings is None else embeddings
    batch = Batch(Enricher(store, report.stages["topic"], report.stages["story"], use_embeddings=embeddings))
    restore_indexes(store)  # left by an earlier bulk import that was killed
    deferred = defer_indexes(store) if workers > 1 and worth_deferring(store, files) else []
    bulk = workers > 1
    try:
        with checkpoint_spacing(store, BULK_CHECKPOINT_PAGES if bulk else DEFAULT_CHECKPOINT_PAGES), \
                search_merge_spacing(store, BULK_AUTOMERGE if bulk else DEFAULT_AUTOMERGE):
            if prepare is None:
                prepared = prepared_files(files, collected_at, workers, embeddings, store_path=store.path)
            else:
                prepared = prepare(files, collected_at, embeddings, store.path)
            _store_all(prepared, len(files), store, report, batch, batch_size, on_file, on_reject, on_article)
    except BaseException:
        _record_failed_run(store, report)
        raise
    report.rebuilt_indexes = restore_indexes(store) if deferred else []
    report.seconds = time.monotonic() - started
    store.finish_run(report.run_id, "done_with_rejects" if report.rejects else "done", report.as_dict())
    return report


def _store_all(prepared: Iterable[PreparedFile], total: int, store: Store, report: ImportReport,
               batch: Batch, batch_size: int, on_file: Callable[[str, int, int], None] | None,
               on_reject: Callable[[Reject], None] | None,
               on_article: Callable[[str, int, int], None] | None = None) -> None:
    """Store every prepared file in batch transactions; an error rolls back the open batch.

    A transaction begins only when a prepared file is there to store (files are read and
    cleaned outside it), and ends early, at a file boundary, when another process waits to
    write: two importers, or an importer beside the crawler, take turns and both finish."""
    try:
        for done, item in enumerate(prepared, start=1):
            if not store.db.in_transaction:
                store.begin()
            store_prepared(item, store, report, batch, batch_size, on_reject, on_article)
            if store.db.in_transaction and store.others_waiting():
                commit_batch(store, report, batch, reopen=False)
            if on_file:
                on_file(item.path, done, total)
        if store.db.in_transaction:
            commit_batch(store, report, batch, reopen=False)
    except BaseException:
        store.rollback()
        raise


def commit_batch(store: Store, report: ImportReport, batch: Batch, reopen: bool = True) -> None:
    """Commit the open transaction; only then are its articles reported as stored."""
    if batch.enricher is not None:
        batch.enricher.flush()
    store.commit()
    PRECOMPUTED_TERMS.clear()  # analysed terms of this batch's articles, no longer needed
    report.stored_new += batch.new
    report.merged += batch.merged
    batch.new = batch.merged = batch.size = 0
    if reopen:
        store.begin()
