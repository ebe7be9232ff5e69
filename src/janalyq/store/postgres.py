"""The PostgreSQL store: the same store as store/sqlite.py, for deployments that outgrow one file.

Selected by a `postgresql://` address in `--db` or `JANALYQ_DB` (`janalyq.store.open_store`).
Everything above the store (the pipeline, the crawler, the portal, search) runs unchanged: the
connection answers like sqlite3's (store/pg_connection.py), the SQL is translated in one place
(store/dialect.py), and the schema comes from the same numbered migration list
(store/migrations_pg.py beside migrations.py).

Writers.  Many processes, on one machine or many, may write at once.  Each writing transaction
begins by taking one transaction-level advisory lock, so the steps that must see every earlier
article (dedup, story linking, the search index) run one writer at a time, exactly as they do
on SQLite, while everything before them (reading, cleaning, dating, language, embeddings) runs
in parallel.  The lock goes with the transaction: a killed writer's connection ends, PostgreSQL
rolls its batch back and the next writer goes on.  `others_waiting` sees a writer queued on the
lock, so a long import commits at its next break and lets it in (as store/turns.py on SQLite).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg

from janalyq.search import pg_index
from janalyq.store import deletion, keys as key_tables
from janalyq.store.faults import EXIT_READ_ONLY, StoreFault
from janalyq.store.migrations import MIGRATIONS
from janalyq.store.migrations_pg import MIGRATIONS_PG
from janalyq.store.pg_connection import PgConnection
from janalyq.store.rows import iso_text
from janalyq.store.sqlite import Store, StoreError

log = logging.getLogger(__name__)

WRITER_LOCK = 0x6A616E61  # the advisory lock every writing transaction takes ("jana")
MIGRATION_LOCK = WRITER_LOCK + 1
_LOOK_EVERY = 0.25


class PgStore(Store):
    """A store in a PostgreSQL database; `url` is a libpq connection URI."""

    def __init__(self, url: str, cache_mb: int = 256, read_only: bool = False):  # noqa: ARG002 (same signature)
        self.path = url
        self.read_only = read_only
        try:
            self.db = PgConnection(url)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open database {_safe(url)}: {str(exc).strip()}") from None
        self._looked_at = 0.0
        self._waiting = False
        self.turns = _Turns(self)
        self.migrate()
        self.queues_search = True
        self.keeps_times = True
        self.two_level_keys = True
        self.recent_key_rows = self._shared_key_rows()
        self._key_rows_at_begin = self.recent_key_rows
        if not read_only:
            self._index_left_over()
            self._forget_deleted()
            self._reanalyse_if_stale()

    @classmethod
    def for_reading(cls, path: str, cache_mb: int = 256) -> PgStore:
        return cls(path, cache_mb)

    def check_writable(self) -> None:
        try:
            self.begin()
            self.db.execute("INSERT INTO runs(started_at, inputs, status) VALUES ('', '[]', 'probe')")
            self.rollback()
        except psycopg.Error as exc:
            self.rollback()
            raise StoreFault("read_only", f"{_safe(self.path)}: nothing can be written: {str(exc).strip()}",
                             EXIT_READ_ONLY) from None

    # -- schema -------------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        if self.db.execute("SELECT to_regclass('janalyq_schema')").fetchone()[0] is None:
            return 0  # a new, empty database
        row = self.db.execute("SELECT max(version) FROM janalyq_schema").fetchone()
        return row[0] or 0

    def migrate(self) -> None:
        if len(MIGRATIONS_PG) != len(MIGRATIONS):
            raise StoreError("the PostgreSQL migration list is not as long as SQLite's")
        if self.schema_version >= len(MIGRATIONS):
            if self.schema_version > len(MIGRATIONS):
                raise StoreError(f"{_safe(self.path)} has schema {self.schema_version}, newer than this"
                                 f" janalyq ({len(MIGRATIONS)})")
            return
        raw = self.db.raw
        raw.execute("BEGIN")
        try:
            # Two processes opening a new database at once: the second waits, then finds it done.
            raw.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            raw.execute("CREATE TABLE IF NOT EXISTS janalyq_schema (version BIGINT NOT NULL)")
            version = raw.execute("SELECT coalesce(max(version), 0) FROM janalyq_schema").fetchone()[0]
            for number in range(version, len(MIGRATIONS_PG)):
                if MIGRATIONS_PG[number].strip():
                    raw.execute(MIGRATIONS_PG[number])
            raw.execute("DELETE FROM janalyq_schema")
            raw.execute("INSERT INTO janalyq_schema (version) VALUES (%s)", (len(MIGRATIONS_PG),))
            raw.execute("COMMIT")
        except BaseException:
            raw.execute("ROLLBACK")
            raise

    def _index_left_over(self) -> None:
        if self.db.execute("SELECT 1 FROM search_queue LIMIT 1").fetchone() is None:
            return
        self.begin()
        self.commit()

    def _forget_deleted(self) -> None:
        if not deletion.pending(self.db):
            return
        self.begin()
        handled = deletion.forget_deleted(self.db)
        self.commit()
        log.info("%s: keys of %d deleted articles removed", _safe(self.path), handled)

    def _reanalyse_if_stale(self) -> None:
        if not pg_index.stale(self.db):
            return
        self.begin()
        indexed = pg_index.refresh(self.db)
        self.db.execute("COMMIT")
        if indexed:
            log.info("%s: search index re-analysed (%d articles)", _safe(self.path), indexed)

    def close(self) -> None:
        self.db.close()

    # -- transactions -------------------------------------------------------------------------
    def begin(self) -> None:
        """A writing transaction, in turn with every other writer of the database."""
        self.db.execute("BEGIN")
        self.db.execute("SELECT pg_advisory_xact_lock(?)", (WRITER_LOCK,))
        self._key_rows_at_begin = self.recent_key_rows

    def _shared_key_rows(self) -> int:
        return self.db.execute("SELECT recent_rows FROM key_merge_state").fetchone()[0]

    def _merge_keys_in_turn(self) -> None:
        """Move key ranges when the recent key tables hold MERGE_ROWS rows (store/keys.py).  Their
        count is the store's, kept in key_merge_state under the writers' lock: with several
        writers, a count kept in one process's memory would miss the others' rows."""
        added = self.recent_key_rows - self._key_rows_at_begin
        total = self.db.execute("UPDATE key_merge_state SET recent_rows = recent_rows + ? RETURNING recent_rows",
                                (added,)).fetchone()[0]
        if total >= key_tables.MERGE_ROWS:
            moved = key_tables.merge_in_turn(self.db, total)
            total = self.db.execute("UPDATE key_merge_state SET recent_rows = recent_rows - ? RETURNING recent_rows",
                                    (moved,)).fetchone()[0]
        self.recent_key_rows = self._key_rows_at_begin = total

    def others_waiting(self) -> bool:
        now = time.monotonic()
        if now - self._looked_at >= _LOOK_EVERY:
            self._looked_at = now
            self._waiting = self.db.execute(
                "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                " AND classid = ? AND objid = ? AND objsubid = 1 LIMIT 1",
                (WRITER_LOCK >> 32, WRITER_LOCK & 0xFFFFFFFF)).fetchone() is not None
        return self._waiting

    def commit(self) -> None:
        self._merge_keys_in_turn()
        pg_index.index_queued(self.db)
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        self.db.rollback()

    # -- articles -----------------------------------------------------------------------------
    def iter_articles(self, *, lang=None, since=None, until=None, outlet=None, section=None) -> Iterator:
        """As on SQLite, oldest first, undated last; read through a server-side cursor."""
        where, args = [], []
        for column, value in (("lang", lang), ("outlet", outlet), ("site_section", section)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        dated, dated_args = [*where, "published IS NOT NULL"], list(args)
        for op, value in ((">=", since), ("<=", until)):
            if value is not None:
                dated.append(f"published {op} ?")
                dated_args.append(iso_text(value) if hasattr(value, "isoformat") else value)
        yield from self.db.streaming(
            "SELECT * FROM articles WHERE " + " AND ".join(dated) + " ORDER BY published, rid", dated_args)
        if since is None and until is None:
            yield from self.db.streaming(
                "SELECT * FROM articles WHERE " + " AND ".join([*where, "published IS NULL"]) + " ORDER BY rid", args)

    def _mark_killed_runs(self) -> None:
        """Runs left `running` by a connection that is gone: PostgreSQL knows which are alive."""
        alive = {row[0] for row in self.db.execute("SELECT pid FROM pg_stat_activity")}
        for row in self.db.execute("SELECT id, counts FROM runs WHERE status = 'running'").fetchall():
            try:
                owner = json.loads(row["counts"] or "{}")
            except ValueError:
                owner = {}
            backend = owner.get("backend") if isinstance(owner, dict) else None
            if isinstance(backend, int) and backend not in alive:
                self.db.execute("UPDATE runs SET status = 'killed', finished_at = ? WHERE id = ?",
                                (_now(), row["id"]))

    def start_run(self, inputs: list[str]) -> int:
        """A new run, owned by this connection's server process (how `_mark_killed_runs` tells
        a run whose process is gone, on whichever machine it ran)."""
        with self.short_write():
            self._mark_killed_runs()
            owner = {"pid": os.getpid(), "host": socket.gethostname(),
                     "backend": self.db.execute("SELECT pg_backend_pid()").fetchone()[0]}
            cur = self.db.execute("INSERT INTO runs(started_at, inputs, status, counts) VALUES (?, ?, 'running', ?)",
                                  (_now(), json.dumps(inputs), json.dumps(owner)))
        return cur.lastrowid


class _Turns:
    """What Store asks of store/turns.py, on PostgreSQL: the advisory lock (see the module)."""

    def __init__(self, store: PgStore) -> None:
        self.store = store

    def begin(self) -> None:
        self.store.begin()

    def others_waiting(self) -> bool:
        return self.store.others_waiting()


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _safe(url: str) -> str:
    """The address without its password, for messages."""
    try:
        parts = urlsplit(url)
        if parts.password:
            netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
            return urlunsplit(parts._replace(netloc=netloc))
    except ValueError:
        pass
    return url
