"""Moving a store: every table of one store copied into another, empty one, ids kept.

`janalyq store copy SOURCE DEST` moves a store from SQLite to PostgreSQL and back (or between
two stores of one kind).  What is copied, and what is made again:

- every table both schemas hold, row for row, keys as they are: articles keep their rid and
  id, so sightings, vectors, dedup and story keys (which name rids) stay true, and runs, crawl
  passes and the fetch log keep their ids;
- the search index is made again at the destination by its own analyzer, because the two
  backends hold it differently (FTS5 tables on SQLite, `search_docs` with a tsvector on
  PostgreSQL): each batch of articles is queued and indexed in the transaction that writes it;
- facet counts are copied to PostgreSQL (its insert trigger is off while a batch of articles
  is written, see `_PgWriter`); on SQLite the insert triggers count the copied articles;
- the schema's own bookkeeping (schema and analyzer versions, indexes a killed bulk import left
  to rebuild) belongs to the destination and is not copied.

Rows are read as a stream (a server-side cursor on PostgreSQL, an iterating cursor on SQLite)
and written in batches, each batch its own transaction (on PostgreSQL with COPY), so memory
stays flat whatever the size of the store.  A row the destination cannot take (a value of the
wrong type that SQLite's loose typing let in, text with a NUL byte) is a reject named by its
table and key, and the copy goes on without it.  At the end PostgreSQL's identities are moved
past the copied ids, so that new articles, runs and log lines get new ones.

The destination must be empty: a copy never merges two stores (an import does that, with
dedup).  A copy that is killed leaves the batches it committed; remove that destination and
copy again.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from janalyq.store import open_store
from janalyq.store.dialect import (ASSIGNED_KEYS, is_postgres, is_postgres_url, primary_key, table_columns,
                                   table_names)

# Made again, or owned, by the destination: never copied (see the module's docstring), nor are
# the FTS5 tables' shadow tables (search_fts_data, ...) and SQLite's own (sqlite_stat1, ...).
REBUILT = frozenset({"search_fts", "articles_fts", "search_docs", "search_queue", "search_analyzer",
                     "janalyq_schema", "deferred_indexes"})
_REBUILT_PREFIXES = ("search_fts_", "articles_fts_", "sqlite_")
SEEDED = frozenset({"key_merge_state"})  # rows a new store's migrations put in: replaced by the source's
FIRST = "articles"  # copied first: the tables that name an article refer to it (sightings' foreign key)
PG_INSERT_TRIGGER = "articles_inserted"  # store/migrations_pg.py
ARTICLE_BATCH = 5_000
ROW_BATCH = 50_000

Progress = Callable[[str, int, int], None]  # table, rows copied so far, rows the source holds


class CopyRefused(Exception):
    """The copy cannot start: the same store twice, no source, a destination that holds data."""


@dataclass
class CopyReport:
    rows: dict[str, int] = field(default_factory=dict)  # rows copied, by table
    rejects: list[str] = field(default_factory=list)  # "table key: reason"
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


@dataclass
class TablePlan:
    name: str
    columns: list[str]
    key: list[str]  # primary key: the order rows are read in, and how a reject is named
    rows: int  # in the source

    def insert_sql(self) -> str:
        return f"INSERT INTO {self.name} ({', '.join(self.columns)}) VALUES ({', '.join('?' * len(self.columns))})"

    def key_text(self, row: tuple) -> str:
        named = self.key or self.columns[:1]
        return ", ".join(f"{name} {row[self.columns.index(name)]!r}" for name in named)


def copy_store(source: str, dest: str, *, on_progress: Progress | None = None,
               on_reject: Callable[[str], None] | None = None, article_batch: int = ARTICLE_BATCH,
               row_batch: int = ROW_BATCH) -> CopyReport:
    """Copy every table of the store at `source` into the empty store at `dest` (made when it is
    an SQLite file that does not exist yet).  Raises CopyRefused before writing anything when
    the copy cannot be made."""
    _check_addresses(source, dest)
    started = time.perf_counter()
    report = CopyReport()
    src = open_store(source, for_reading=True)
    try:
        dst = open_store(dest)
        try:
            writer = _PgWriter(dst) if is_postgres(dst.db) else _SqliteWriter(dst)
            plans = plan_tables(src.db, dst.db, writer.rebuilt)
            _check_empty(dst.db, plans, dest)
            for plan in plans:
                batch = article_batch if plan.name == FIRST else row_batch
                report.rows[plan.name] = _copy_table(src.db, writer, plan, batch, report, on_progress, on_reject)
            writer.finish()
        finally:
            dst.close()
    finally:
        src.close()
    report.seconds = time.perf_counter() - started
    return report


def _check_addresses(source: str, dest: str) -> None:
    if not is_postgres_url(source) and not Path(source).is_file():
        raise CopyRefused(f"no store at {source}")
    same = source == dest if is_postgres_url(source) else (
        not is_postgres_url(dest) and Path(dest).exists() and Path(source).samefile(dest))
    if same:
        raise CopyRefused(f"{_shown(source)} is both the source and the destination")


def plan_tables(src, dst, rebuilt: frozenset[str]) -> list[TablePlan]:
    """The tables to copy (both schemas hold them, the destination does not make them itself),
    articles first, with the source's columns and row counts."""
    plans = []
    shared = {name for name in table_names(src) & table_names(dst) - rebuilt if not name.startswith(_REBUILT_PREFIXES)}
    for name in sorted(shared, key=lambda name: (name != FIRST, name)):
        columns = table_columns(src, name)
        missing = set(columns) - set(table_columns(dst, name))
        if missing:
            raise CopyRefused(f"the destination's table {name} has no column {', '.join(sorted(missing))}:"
                              " open it once with this janalyq, or copy into a new store")
        rows = src.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        plans.append(TablePlan(name, columns, primary_key(src, name), rows))
    return plans


def _check_empty(dst, plans: list[TablePlan], dest: str) -> None:
    for plan in plans:
        if plan.name in SEEDED or dst.execute(f"SELECT 1 FROM {plan.name} LIMIT 1").fetchone() is None:
            continue
        held = dst.execute(f"SELECT count(*) FROM {plan.name}").fetchone()[0]
        raise CopyRefused(f"{_shown(dest)} is not empty ({plan.name} holds {held:,} rows): copy into a new,"
                          " empty store")


def _copy_table(src, writer: _Writer, plan: TablePlan, batch: int, report: CopyReport,
                on_progress: Progress | None, on_reject: Callable[[str], None] | None) -> int:
    order = f" ORDER BY {', '.join(plan.key)}" if plan.key else ""
    rows = stream_rows(src, f"SELECT {', '.join(plan.columns)} FROM {plan.name}{order}", batch)
    copied = 0
    if on_progress:
        on_progress(plan.name, 0, plan.rows)
    for number, chunk in enumerate(_chunks(rows, batch)):
        writer.begin(plan)
        try:
            if number == 0 and plan.name in SEEDED:
                writer.db.execute(f"DELETE FROM {plan.name}")
            rejects = writer.write(plan, chunk)
            writer.commit(plan)
        except BaseException:
            writer.rollback()
            raise
        for reject in rejects:
            report.rejects.append(reject)
            if on_reject:
                on_reject(reject)
        copied += len(chunk) - len(rejects)
        if on_progress:
            on_progress(plan.name, copied, plan.rows)
    return copied


def stream_rows(db, sql: str, batch: int) -> Iterator[tuple]:
    """The rows of a query as tuples, `batch` at a time from the database."""
    if is_postgres(db):
        for row in db.streaming(sql, batch=batch):
            yield tuple(row)
        return
    cursor = db.cursor()
    cursor.execute(sql)
    while rows := cursor.fetchmany(batch):
        yield from (tuple(row) for row in rows)


def _chunks(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


class _Writer:
    """One batch at a time into the destination, in its store's writing transactions (on
    PostgreSQL these take the writers' advisory lock; the store's commit indexes the queue)."""

    rebuilt = REBUILT
    row_faults: tuple[type[Exception], ...] = ()

    def __init__(self, store) -> None:
        self.store = store
        self.db = store.db

    def begin(self, plan: TablePlan) -> None:  # noqa: ARG002 (the PostgreSQL writer needs it)
        self.store.begin()

    def commit(self, plan: TablePlan) -> None:  # noqa: ARG002
        self.store.commit()

    def rollback(self) -> None:
        self.store.rollback()

    def write(self, plan: TablePlan, rows: list[tuple]) -> list[str]:
        """Write a batch; returns its rejects.  A batch that fails on a row is written again row
        by row, each under a savepoint, so that only the rows at fault stay out."""
        self.db.execute("SAVEPOINT copy_batch")
        try:
            self._write_batch(plan, rows)
            self.db.execute("RELEASE SAVEPOINT copy_batch")
            return []
        except self.row_faults:
            self.db.execute("ROLLBACK TO SAVEPOINT copy_batch")
            self.db.execute("RELEASE SAVEPOINT copy_batch")
        return self._row_by_row(plan, rows)

    def _write_batch(self, plan: TablePlan, rows: list[tuple]) -> None:
        self.db.executemany(plan.insert_sql(), rows)

    def _row_by_row(self, plan: TablePlan, rows: list[tuple]) -> list[str]:
        rejects, sql = [], plan.insert_sql()
        for row in rows:
            self.db.execute("SAVEPOINT copy_row")
            try:
                self.db.execute(sql, row)
            except self.row_faults as exc:
                self.db.execute("ROLLBACK TO SAVEPOINT copy_row")
                reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                rejects.append(f"{plan.name} {plan.key_text(row)}: {reason}")
            self.db.execute("RELEASE SAVEPOINT copy_row")
        return rejects

    def finish(self) -> None:
        pass


class _SqliteWriter(_Writer):
    # The insert triggers count facets (and queue the search index) for every copied article.
    rebuilt = REBUILT | {"facet_counts"}
    # A row's own fault; a full disk or a read-only file (OperationalError) ends the copy.
    row_faults = (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.DataError, OverflowError)

    def finish(self) -> None:
        self.db.execute("PRAGMA optimize")


class _PgWriter(_Writer):
    def __init__(self, store) -> None:
        import psycopg

        super().__init__(store)
        self.row_faults = (psycopg.DataError, psycopg.IntegrityError)

    def begin(self, plan: TablePlan) -> None:
        super().begin(plan)
        if plan.name == FIRST:
            # The trigger counts facets and queues the index one article at a time; the copy
            # brings the source's facet counts and queues a batch at once.  ALTER TABLE is
            # transactional: whatever happens, no committed state has the trigger off.  It
            # locks the table until the batch commits: readers of the new store wait for it.
            self.db.execute(f"ALTER TABLE articles DISABLE TRIGGER {PG_INSERT_TRIGGER}")

    def _write_batch(self, plan: TablePlan, rows: list[tuple]) -> None:
        with self.db.raw.cursor() as cursor, cursor.copy(
                f"COPY {plan.name} ({', '.join(plan.columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def write(self, plan: TablePlan, rows: list[tuple]) -> list[str]:
        rejects = super().write(plan, rows)
        if plan.name == FIRST and rows:
            rid = plan.columns.index("rid")
            # Rows come in rid order into an empty table: this range is the batch's articles.
            self.db.execute("INSERT INTO search_queue(rid) SELECT rid FROM articles WHERE rid BETWEEN ? AND ?"
                            " ON CONFLICT DO NOTHING", (rows[0][rid], rows[-1][rid]))
        return rejects

    def commit(self, plan: TablePlan) -> None:
        if plan.name == FIRST:
            self.db.execute(f"ALTER TABLE articles ENABLE TRIGGER {PG_INSERT_TRIGGER}")
        super().commit(plan)

    def finish(self) -> None:
        """Identities past the copied ids; the planner's statistics of the new rows."""
        for table, key in ASSIGNED_KEYS.items():
            self.db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', '{key}'),"
                            f" coalesce(max({key}), 0) + 1, false) FROM {table}")
        self.db.execute("ANALYZE")


def _shown(address: str) -> str:
    if is_postgres_url(address):
        from janalyq.store.postgres import _safe

        return _safe(address)
    return address
