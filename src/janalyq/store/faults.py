"""Operator faults of the store (full disk, read-only file or folder, another writer that keeps
it, a damaged file) in plain words: one line naming the file and what to do, and an exit status
of its own for each kind, so that scripts can tell them apart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# Exit statuses of the command line: 1 is kept for "some inputs were rejected", 2 for usage.
EXIT_READ_ONLY = 3
EXIT_DISK_FULL = 4
EXIT_BUSY = 5
EXIT_STORE_BROKEN = 6


class StoreFault(RuntimeError):
    """A store that cannot do what was asked, for a reason outside janalyq."""

    def __init__(self, kind: str, message: str, exit_status: int) -> None:
        super().__init__(message)
        self.kind = kind
        self.exit_status = exit_status


def _code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def fault_of(exc: BaseException, path: str | Path) -> StoreFault | None:
    """The operator fault behind an SQLite, PostgreSQL or OS error, or None for anything else (a bug)."""
    if isinstance(exc, StoreFault):
        return exc
    if type(exc).__module__.startswith("psycopg"):
        return _postgres_fault(exc, _without_password(str(path)))
    code, db = _code(exc), str(path)
    if code == sqlite3.SQLITE_FULL or (isinstance(exc, OSError) and exc.errno == 28):
        return StoreFault("disk_full", f"{db}: the disk is full (nothing half-written was kept: every"
                          " committed batch is safe); free some space and run the same command again", EXIT_DISK_FULL)
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM) or isinstance(exc, PermissionError):
        return StoreFault("read_only", f"{db}: the store is read-only (the file, its folder or the disk"
                          " cannot be written); make it writable, or import into a copy with --db", EXIT_READ_ONLY)
    if code == sqlite3.SQLITE_CANTOPEN:
        return StoreFault("read_only", f"{db}: cannot open the store (its folder is missing or not writable);"
                          " check the path and its permissions", EXIT_READ_ONLY)
    if code == sqlite3.SQLITE_BUSY:
        return StoreFault("busy", f"{db}: another writer kept the store longer than the wait allowed"
                          " (JANALYQ_BUSY_TIMEOUT, in seconds); run the command again when it is done, or"
                          " wait longer", EXIT_BUSY)
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return StoreFault("broken", f"{db}: not a janalyq store, or a damaged one ({exc});"
                          " restore it from a copy or pass another --db", EXIT_STORE_BROKEN)
    if code == sqlite3.SQLITE_IOERR:
        return StoreFault("io", f"{db}: the disk reported an error ({exc}); check the disk and run the"
                          " same command again", EXIT_DISK_FULL)
    return None


# SQLSTATE classes and codes of PostgreSQL's operator faults (psycopg's errors carry `sqlstate`).
_PG_DISK_FULL = {"53100"}
_PG_READ_ONLY = {"25006", "42501"}  # read-only transaction (a standby), no privilege to write
_PG_BUSY = {"55P03", "57014"}  # lock not available, statement cancelled (lock or statement timeout)


def _postgres_fault(exc: BaseException, db: str) -> StoreFault | None:
    state = getattr(exc, "sqlstate", None) or ""
    if state in _PG_DISK_FULL:
        return StoreFault("disk_full", f"{db}: the database server's disk is full (every committed batch is"
                          " safe); free some space there and run the same command again", EXIT_DISK_FULL)
    if state in _PG_READ_ONLY:
        return StoreFault("read_only", f"{db}: the database cannot be written by this user or server"
                          f" ({_one_line(exc)}); grant the rights, or import into another --db", EXIT_READ_ONLY)
    if state in _PG_BUSY:
        return StoreFault("busy", f"{db}: another writer kept the store longer than the wait allowed;"
                          " run the command again when it is done", EXIT_BUSY)
    if state.startswith("08") or state.startswith("57P") or type(exc).__name__ == "OperationalError":
        # The connection was lost: the server stopped, or an administrator ended the session.
        return StoreFault("unreachable", f"{db}: the connection to the database server was lost"
                          f" ({_one_line(exc) or type(exc).__name__}); every committed batch is kept:"
                          " run the same command again when the server is back", EXIT_STORE_BROKEN)
    return None


def _one_line(exc: BaseException) -> str:
    """The driver's message on one line: libpq writes a lost connection over two or three
    ("terminating connection due to administrator command" then "server closed the connection
    unexpectedly"), and a fault is reported as one line."""
    return " ".join(str(exc).split())


def _without_password(url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url)
        if parts.password:
            return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))
    except ValueError:
        pass
    return url
