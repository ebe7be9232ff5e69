"""The SQLite store: one writer, WAL, batch transactions, full-text index kept by triggers.

A batch is one transaction: the articles of a batch, their sightings and their dedup keys are
committed together or not at all, so a process killed midway leaves no half-stored article and
a re-run finds everything it had reported as stored.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from janalyq import lifeline
from janalyq.article import Article
from janalyq.search import index as search_index
from janalyq.search.index import index_plain_queued, index_queued, plain_queue_left, register_sql_functions
from janalyq.store import deletion, keys as key_tables
from janalyq.store.dialect import table_names
from janalyq.store.faults import EXIT_READ_ONLY, StoreFault, fault_of
from janalyq.store.migrations import MIGRATIONS, split_statements
from janalyq.store.rows import article_values, iso_text, row_to_article
from janalyq.store.turns import WriterTurns, wait_seconds

ARTICLE_COLUMNS = (
    "id, url, source_url, outlet, lang, title, title_derived, published, body, site_section,"
    " collected_at, updated_at, content_hash, flags, lang_confidence, duplicates"
)


log = logging.getLogger(__name__)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class StoreError(RuntimeError):
    pass


class Store(key_tables.DedupLookups):
    # articles_fts indexed at commit (migration 16); False on PostgreSQL and older stores
    queues_plain_search = False
    _queueing_plain_search = False  # this transaction has marked itself (see `insert_article`)

    def __init__(self, path: str | Path, cache_mb: int = 256, read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        try:
            self.db = _connect_read_only(self.path) if read_only else sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False)
            self.db.row_factory = sqlite3.Row
            pragmas = [f"cache_size=-{cache_mb * 1024}", "temp_store=MEMORY", "foreign_keys=ON",
                       f"busy_timeout={int(wait_seconds() * 1000)}"]
            if not read_only:  # WAL; with it, NORMAL sync is durable against a killed process
                pragmas[:0] = ["journal_mode=WAL", "synchronous=NORMAL"]
            for pragma in pragmas:
                self.db.execute(f"PRAGMA {pragma}")
            # The search index's triggers call the analyzer: register it before any write.
            register_sql_functions(self.db)
            self.turns = WriterTurns(self.db, self.path)
            self.migrate()
        except sqlite3.Error as exc:
            fault = fault_of(exc, self.path)
            if fault is not None:
                raise fault from None
            raise StoreError(f"cannot open database {self.path}: {exc}") from None
        # False only for a store migrated by an older list (tests of the migrations themselves).
        self.queues_search = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'search_queue'").fetchone() is not None
        # False only for a store migrated by an older list, as above (the column of migration 12).
        self.keeps_times = any(row[1] == "published_at" for row in self.db.execute("PRAGMA table_info(articles)"))
        self.queues_plain_search = "articles_fts_queueing" in table_names(self.db)
        self.two_level_keys = key_tables.has_recent_tables(self.db)
        self.recent_key_rows = key_tables.recent_rows(self.db) if self.two_level_keys else 0
        if not read_only:
            self._index_left_over()
            self._forget_deleted()
            self._reanalyse_if_stale()

    @classmethod
    def for_reading(cls, path: str | Path, cache_mb: int = 256) -> Store:
        """The store, writable if it can be, else read-only (a read-only file, folder or disk):
        what reading commands (stats, export, the portal) need."""
        try:
            return cls(path, cache_mb)
        except StoreFault as fault:
            if fault.kind != "read_only":
                raise
        return cls(path, cache_mb, read_only=True)

    def check_writable(self) -> None:
        """Raise StoreFault now, before any work, if nothing can be written to the store."""
        if self.read_only:
            raise StoreFault("read_only", f"{self.path}: the store is read-only; make it writable, or"
                             " import into a copy with --db", EXIT_READ_ONLY)
        try:
            self.begin()
            self.db.execute("INSERT INTO runs(started_at, inputs, status) VALUES ('', '[]', 'probe')")
            self.rollback()
        except sqlite3.Error as exc:
            self.rollback()
            raise fault_of(exc, self.path) or exc from None

    # -- schema -------------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        version = self.schema_version
        if version > len(MIGRATIONS):
            raise StoreError(f"{self.path} has schema {version}, newer than this janalyq ({len(MIGRATIONS)})")
        if self.read_only and version < len(MIGRATIONS):
            raise StoreFault("read_only", f"{self.path}: a store of an older janalyq, and read-only: open"
                             " it once where it can be written, so that it is brought up to date", EXIT_READ_ONLY)
        for number in range(version, len(MIGRATIONS)):
            self.db.execute("BEGIN IMMEDIATE")
            try:
                # Another process opening the same new store may have applied this entry between
                # our reading of the version and our taking the write lock (a crawl and the
                # portal started together: "table articles already exists").
                if self.schema_version > number:
                    self.db.execute("COMMIT")
                    continue
                for statement in split_statements(MIGRATIONS[number]):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number + 1}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    def _index_left_over(self) -> None:
        """Articles written by a raw SQL writer, without `commit`, are made searchable here."""
        # A queue for articles_fts committed without `commit` (migration 16) is indexed here too.
        self._queueing_plain_search = self.queues_plain_search and plain_queue_left(self.db)
        if not self._queueing_plain_search and (
                not self.queues_search or self.db.execute("SELECT 1 FROM search_queue LIMIT 1").fetchone() is None):
            return
        try:
            self.begin()
            self.commit()
        except sqlite3.OperationalError:  # a read-only or busy database: the next writer does it
            self.rollback()

    def _forget_deleted(self) -> None:
        """Keys of articles another program deleted are removed here (store/deletion.py)."""
        if not deletion.pending(self.db):
            return
        try:
            self.begin()
            handled = deletion.forget_deleted(self.db)
            self.commit()
        except sqlite3.OperationalError:  # a read-only or busy database: the next writer does it
            self.rollback()
            return
        log.info("%s: keys of %d deleted articles removed", self.path, handled)

    def _reanalyse_if_stale(self) -> None:
        """A store indexed by an older analyzer: its words are indexed again, once, so that a
        query finds what the current analyzer promises."""
        has_version = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'search_analyzer'").fetchone() is not None
        if not has_version or not search_index.stale(self.db):
            return
        try:
            self.begin()
            indexed = search_index.refresh(self.db)
            self.db.execute("COMMIT")
        except sqlite3.OperationalError:  # read-only or busy: searches still work, less well
            self.rollback()
            return
        if indexed:
            log.info("%s: search index re-analysed for analyzer %d (%d articles)",
                     self.path, search_index.ANALYZER_VERSION, indexed)

    def close(self) -> None:
        self.db.close()

    # -- transactions -------------------------------------------------------------------------
    def begin(self) -> None:
        """Start a write transaction, in turn with other writers of the store (store/turns.py)."""
        self.turns.begin()

    def others_waiting(self) -> bool:
        """Whether another process waits to write: a long writer then commits at its next break."""
        return self.turns.others_waiting()

    def commit(self) -> None:
        if self.recent_key_rows >= key_tables.MERGE_ROWS:
            self.recent_key_rows -= key_tables.merge_in_turn(self.db, self.recent_key_rows)
        # The search index is written here, in the same transaction as the articles it covers.
        if self.queues_search:
            index_queued(self.db)
        if self._queueing_plain_search:
            index_plain_queued(self.db)
            self._queueing_plain_search = False
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        self._queueing_plain_search = False  # the mark goes with the transaction
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    # -- dedup index --------------------------------------------------------------------------
    def add_keys(self, rid: int, keys: list[int], bands: list[int]) -> None:
        self._add_key_rows(key_tables.DEDUP_KEYS, [(k, rid) for k in keys])
        self._add_key_rows(key_tables.BANDS, [(k, rid) for k in bands])

    def add_story_keys(self, rid: int, day: int, keys: list[int]) -> None:
        self._add_key_rows(key_tables.STORY_KEYS, [(key, day, rid) for key in keys])

    def _add_key_rows(self, table: str, rows: list[tuple]) -> None:
        added = self.db.executemany(key_tables.insert_sql(table, self.two_level_keys), rows).rowcount
        if self.two_level_keys:  # the recent tables' row count: `commit` moves key ranges past MERGE_ROWS
            self.recent_key_rows += added

    # -- articles -----------------------------------------------------------------------------
    def has_sighting(self, url: str, content_hash: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM sightings WHERE url = ? AND content_hash = ?", (url, content_hash)
        ).fetchone()
        return row is not None

    def id_exists(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def insert_article(self, article: Article, enrichment: dict | None = None) -> int:
        """Insert a new article; `enrichment` adds columns known already (topic, region, ...)."""
        now = _now()
        if self.queues_plain_search and not self._queueing_plain_search:
            # From here to `commit`, new articles wait in a queue for articles_fts (migration 16).
            self.db.execute("INSERT INTO articles_fts_queueing(since) VALUES (?)", (now,))
            self._queueing_plain_search = True
        extra = dict(enrichment or {})
        if self.keeps_times:
            extra["published_at"] = iso_text(article.published_at)
        columns = ARTICLE_COLUMNS + "".join(f", {name}" for name in extra)
        cur = self.db.execute(
            f"INSERT INTO articles ({columns}) VALUES ({','.join('?' * (16 + len(extra)))})",
            (*article_values(article), now, article.content_hash, json.dumps(sorted(article.flags)),
             article.lang_confidence, 0, *extra.values()),
        )
        return cur.lastrowid

    def load_article(self, rid: int) -> Article:
        row = self.db.execute("SELECT * FROM articles WHERE rid = ?", (rid,)).fetchone()
        return row_to_article(row)

    def replace_content(self, rid: int, article: Article) -> None:
        """A more complete copy arrived: it becomes the stored text; id and collected_at stay."""
        self.db.execute(
            "UPDATE articles SET url=?, source_url=?, outlet=?, lang=?, title=?, title_derived=?,"
            " published=?, body=?, site_section=?, updated_at=?, content_hash=?, flags=?,"
            " lang_confidence=? WHERE rid=?",
            (article.url, article.source_url, article.outlet, article.lang, article.title,
             int(article.title_derived), iso_text(article.published), article.body_text,
             article.site_section, _now(), article.content_hash,
             json.dumps(sorted(article.flags)), article.lang_confidence, rid),
        )
        if self.keeps_times:
            self.db.execute("UPDATE articles SET published_at = ? WHERE rid = ?",
                            (iso_text(article.published_at), rid))

    def add_sighting(self, rid: int, article: Article, first: bool = False) -> None:
        """Record where a copy was seen; `first` for a new article, whose count is already 0."""
        self.db.execute(
            "INSERT OR IGNORE INTO sightings(url, content_hash, article_rid, site_section, seen_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (article.url, article.content_hash, rid, article.site_section, _now()),
        )
        if first:
            return
        self.db.execute(
            "UPDATE articles SET duplicates ="
            " (SELECT count(*) - 1 FROM sightings WHERE article_rid = ?) WHERE rid = ?",
            (rid, rid),
        )

    def sightings_of(self, rid: int) -> list[dict]:
        rows = self.db.execute(
            "SELECT url, site_section, seen_at FROM sightings WHERE article_rid = ? ORDER BY url", (rid,)
        ).fetchall()
        return [dict(r) for r in rows]

    def iter_articles(self, *, lang=None, since=None, until=None, outlet=None, section=None) -> Iterator[sqlite3.Row]:
        """Articles oldest first (undated ones last, by rid), streamed in constant memory.

        Each half walks an index in its own order, (filter, published, rid): a single ORDER BY
        "published IS NULL, published, rid" is served by no index, and SQLite would sort the
        whole store in memory first.
        """
        where, args = [], []
        for column, op, value in (("lang", "=", lang), ("outlet", "=", outlet), ("site_section", "=", section)):
            if value is not None:
                where.append(f"{column} {op} ?")
                args.append(value)
        dated, dated_args = [*where, "published IS NOT NULL"], list(args)
        for op, value in ((">=", since), ("<=", until)):
            if value is not None:
                dated.append(f"published {op} ?")
                dated_args.append(iso_text(value) if isinstance(value, dt.date) else value)
        # A cursor per call, so that callers may query the store while iterating.
        yield from self.db.cursor().execute(
            "SELECT * FROM articles WHERE " + " AND ".join(dated) + " ORDER BY published, rid", dated_args)
        if since is None and until is None:
            yield from self.db.cursor().execute(
                "SELECT * FROM articles WHERE " + " AND ".join([*where, "published IS NULL"]) + " ORDER BY rid", args)

    # -- runs and rejects ---------------------------------------------------------------------
    def start_run(self, inputs: list[str]) -> int:
        """A new run, marked running with this process's id; runs left running by processes that
        are gone (killed) are marked `killed` first."""
        with self.short_write():
            self._mark_killed_runs()
            cur = self.db.execute(
                "INSERT INTO runs(started_at, inputs, status, counts) VALUES (?, ?, 'running', ?)",
                (_now(), json.dumps(inputs), json.dumps({"pid": os.getpid(), "host": socket.gethostname()})),
            )
        return cur.lastrowid

    def _mark_killed_runs(self) -> None:
        for row in self.db.execute("SELECT id, counts FROM runs WHERE status = 'running'").fetchall():
            try:
                owner = json.loads(row["counts"] or "{}")
            except ValueError:
                owner = {}
            if not isinstance(owner, dict) or owner.get("host") != socket.gethostname():
                continue  # a run of another machine (a shared folder): its process cannot be seen
            if not _process_alive(owner.get("pid")):
                self.db.execute("UPDATE runs SET status = 'killed', finished_at = ? WHERE id = ?",
                                (_now(), row["id"]))

    def finish_run(self, run_id: int, status: str, counts: dict) -> None:
        with self.short_write():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                (_now(), status, json.dumps(counts, ensure_ascii=False), run_id),
            )

    @contextmanager
    def short_write(self) -> Iterator[None]:
        """A short write of its own, or part of the open transaction when there is one."""
        if self.db.in_transaction:
            yield
            return
        self.turns.begin()
        try:
            yield
        except BaseException:
            self.rollback()
            raise
        self.db.execute("COMMIT")

    def record_reject(self, run_id: int | None, input_name: str, reason: str) -> None:
        now = _now()
        # rejects.times, qualified: PostgreSQL finds a bare `times` ambiguous in an upsert.
        self.db.execute(
            "INSERT INTO rejects(input, reason, first_seen, last_seen, last_run) VALUES (?, ?, ?, ?, ?)"
            " ON CONFLICT(input, reason) DO UPDATE SET last_seen = excluded.last_seen,"
            " last_run = excluded.last_run, times = rejects.times + 1",  # PostgreSQL: a bare `times` is ambiguous
            (input_name, reason, now, now, run_id),
        )

    def scalar(self, sql: str, args: tuple = ()):
        return self.db.execute(sql, args).fetchone()[0]

    def rows(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        return self.db.execute(sql, args).fetchall()


def _process_alive(pid) -> bool:
    # A run of an older janalyq has no process id recorded: left be.
    return not isinstance(pid, int) or pid <= 0 or not lifeline.gone(pid)


def _connect_read_only(path: str) -> sqlite3.Connection:
    """A read-only connection.  `mode=ro` still needs the WAL index file beside the store; on
    a read-only folder or disk where it is missing, the store is opened as immutable (nobody
    can change a file there either)."""
    uri = Path(path).resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None,
                           check_same_thread=False)
