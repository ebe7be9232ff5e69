"""One store connection per server thread: SQLite connections are cheap to read from in parallel
(WAL) but must not be shared by threads running queries at the same time; a PostgreSQL
connection runs one query at a time too."""

from __future__ import annotations

import sqlite3
import threading

from fastapi import Request

from janalyq.store import open_store

_local = threading.local()


def connection(db_path: str) -> sqlite3.Connection:
    stores = getattr(_local, "stores", None)
    if stores is None:
        stores = _local.stores = {}
    store = stores.get(db_path)
    if store is None:
        store = stores[db_path] = open_store(db_path, cache_mb=64, for_reading=True)
    return store.db


def get_db(request: Request) -> sqlite3.Connection:
    return connection(request.app.state.db_path)
