"""A PostgreSQL connection that answers like the sqlite3 one janalyq's code is written against.

The store, the search engine, the portal and the crawler call `db.execute(sql, args)` with
SQLite's `?` marks and read rows by position or by column name.  This wrapper takes the same
calls on a psycopg connection: each statement is translated once (store/dialect.py), rows are
`Row`s that index both ways, `lastrowid` is the key an INSERT was given, and transactions are
the explicit `BEGIN` / `COMMIT` / `ROLLBACK` statements the code already issues (the
connection runs in autocommit mode between them, as sqlite3 does with isolation_level=None).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence

import psycopg
from psycopg import pq
from psycopg.adapt import Loader

from janalyq.store.dialect import postgres_sql


def _not_the_second_error(record: logging.LogRecord) -> bool:
    """psycopg logs "error ignored terminating <Pipeline>: ..." when a batch statement's pipeline
    fails to close after the error that ended it (a lost connection, mid-`executemany`), and
    Python's last-resort handler printed it: three lines more beside the store's one-line fault
    for the same loss.  The first error still propagates and is reported; only this echo goes."""
    return not str(record.msg).startswith("error ignored terminating")


logging.getLogger("psycopg").addFilter(_not_the_second_error)


class Row:
    """A result row: by position, by column name, `keys()`, and `dict(row)` (as sqlite3.Row)."""

    __slots__ = ("_values", "_names")

    def __init__(self, names: dict[str, int], values: Sequence) -> None:
        self._names = names
        self._values = tuple(values)

    def __getitem__(self, key):
        if isinstance(key, str):
            return self._values[self._names[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._names)

    def __iter__(self) -> Iterator:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other) -> bool:
        return tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._names, self._values))!r})"


def _row_factory(cursor: psycopg.Cursor):
    names = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: Row(names, values)


class _NumberLoader(Loader):
    """numeric (what sum() and avg() return) as int when whole, else float, as SQLite gives them:
    Decimal would leak into JSON and arithmetic."""

    def load(self, data):
        text = bytes(data).decode()
        if text.lstrip("-").isdigit():
            return int(text)
        return float(text)


class Cursor:
    def __init__(self, raw: psycopg.Cursor) -> None:
        self._raw = raw
        self.lastrowid: int | None = None
        self._pending: list | None = None

    def execute(self, sql: str, args: Sequence | dict = ()) -> Cursor:
        text, order, returns_key = postgres_sql(sql)
        values = {k: _no_nul(v) for k, v in args.items()} if isinstance(args, dict) else _ordered(args, order)
        self._raw.execute(text, values)
        self._pending = None
        self.lastrowid = None
        if returns_key:  # the RETURNING the translation added: consumed here, as lastrowid
            rows = self._raw.fetchall()
            self._pending = []
            self.lastrowid = rows[-1][0] if rows else None
        return self

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> Cursor:
        text, order, _ = postgres_sql(sql, returning=False)
        self._raw.executemany(text, [_ordered(row, order) for row in rows])
        self._pending = None
        return self

    def fetchone(self):
        if self._pending is not None:
            return None
        return self._raw.fetchone() if self._raw.description else None

    def fetchall(self) -> list:
        if self._pending is not None:
            return []
        return self._raw.fetchall() if self._raw.description else []

    def fetchmany(self, size: int = 100) -> list:
        if self._pending is not None:
            return []
        return self._raw.fetchmany(size) if self._raw.description else []

    def __iter__(self) -> Iterator:
        if self._pending is not None or not self._raw.description:
            return iter(())
        return iter(self._raw)

    @property
    def rowcount(self) -> int:
        return self._raw.rowcount

    @property
    def description(self):
        return self._raw.description

    def close(self) -> None:
        self._raw.close()


def _ordered(args: Sequence, order: tuple[int, ...] | None) -> tuple:
    if order is None:
        return tuple(_no_nul(value) for value in args)
    return tuple(_no_nul(args[i]) for i in order)


def _no_nul(value):
    """PostgreSQL text cannot hold NUL, and psycopg refuses such an argument outright; SQLite
    takes it.  Stored text never has NUL (the clean stage removes it), so a NUL in an argument
    comes from a hostile request or a damaged name: it becomes U+FFFD, as an undecodable byte
    does, and a lookup of it finds nothing instead of failing."""
    if isinstance(value, str) and "\x00" in value:
        return value.replace("\x00", "\ufffd")
    return value


class PgConnection:
    """The sqlite3.Connection calls janalyq makes, on PostgreSQL."""

    is_postgres = True  # store/dialect.py asks

    def __init__(self, url: str) -> None:
        self.url = url
        self.raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory)
        self.raw.adapters.register_loader("numeric", _NumberLoader)
        self.row_factory = None  # set by code written for sqlite3; rows here are always Rows

    def execute(self, sql: str, args: Sequence | dict = ()) -> Cursor:
        return Cursor(self.raw.cursor()).execute(sql, args)

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> Cursor:
        return Cursor(self.raw.cursor()).executemany(sql, rows)

    def cursor(self) -> Cursor:
        return Cursor(self.raw.cursor())

    def streaming(self, sql: str, args: Sequence = (), batch: int = 2000) -> Iterator[Row]:
        """Rows of a large query read `batch` at a time through a server-side cursor, inside
        the transaction it needs (its own, when none is open)."""
        text, order, _ = postgres_sql(sql, returning=False)
        own = not self.in_transaction
        if own:
            self.raw.execute("BEGIN")
        try:
            with self.raw.cursor(name=f"janalyq_stream_{id(self)}_{id(text)}") as named:
                named.itersize = batch
                named.execute(text, _ordered(args, order))
                yield from named
        finally:
            if own and self.in_transaction:
                self.raw.execute("COMMIT")

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != pq.TransactionStatus.IDLE

    def commit(self) -> None:
        if self.in_transaction:
            self.raw.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()

    @property
    def closed(self) -> bool:
        return self.raw.closed
