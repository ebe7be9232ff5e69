"""Helpers of the tests that run on both backends (the `db_url` and `store` fixtures of
tests/conftest.py)."""

from __future__ import annotations

from janalyq.store.dialect import is_postgres_url


def connect(db):
    """A plain connection to a store's database on either backend, for a test to read or change
    rows behind the library's back: sqlite3 (rows by name, autocommit) or the PostgreSQL one the
    store itself uses."""
    if is_postgres_url(str(db)):
        from janalyq.store.pg_connection import PgConnection
        return PgConnection(str(db))
    import sqlite3
    conn = sqlite3.connect(db, isolation_level=None)
    conn.row_factory = sqlite3.Row
    return conn


def on_postgres(db) -> bool:
    return is_postgres_url(str(db))


BACKENDS = ("sqlite", "postgresql")


def address_for(request, backend: str, folder) -> str:
    """A new store's address on one backend, for a fixture of wider scope than `db_url` (a module's
    store filled once per backend): an SQLite file in `folder`, or a new PostgreSQL database."""
    if backend == "sqlite":
        return str(folder / "store.db")
    return request.getfixturevalue("pg_cluster").new_database()


def warc_folder(db, cwd):
    """Where the crawler archives by default for the store `db`, run in the folder `cwd`: beside
    an SQLite file, or `<database name>.warc` in the working folder (crawl/engine.py)."""
    from pathlib import Path
    from urllib.parse import urlsplit

    if on_postgres(db):
        return Path(cwd) / f"{urlsplit(str(db)).path.strip('/')}.warc"
    return Path(cwd) / f"{db}.warc"

