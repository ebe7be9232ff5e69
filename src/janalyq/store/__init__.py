"""Storage of articles.  SQLite is the embedded default; a `postgresql://` address selects
PostgreSQL (store/postgres.py)."""

from __future__ import annotations

import os
from pathlib import Path

from janalyq.store.dialect import is_postgres_url
from janalyq.store.sqlite import Store, StoreError, row_to_article

DB_ENV = "JANALYQ_DB"


def default_db(given: str | Path | None, fallback: str = "janalyq.db") -> str:
    """The store to use: the one given, else $JANALYQ_DB, else the default file."""
    return str(given) if given else os.environ.get(DB_ENV) or fallback


def open_store(db: str | Path, cache_mb: int = 256, *, for_reading: bool = False, read_only: bool = False) -> Store:
    """The store at `db`: a PostgreSQL database for a postgresql:// address, else an SQLite file."""
    if is_postgres_url(str(db)):
        from janalyq.store.postgres import PgStore  # psycopg is loaded only when it is used
        return PgStore(str(db), cache_mb)
    if for_reading:
        return Store.for_reading(db, cache_mb)
    return Store(db, cache_mb, read_only=read_only)


__all__ = ["Store", "StoreError", "row_to_article", "open_store", "default_db", "is_postgres_url", "DB_ENV"]
