"""Helpers for tests that run on both store backends (SQLite and PostgreSQL)."""

from __future__ import annotations

from janalyq.store.dialect import is_postgres


def indexed_rows(store) -> int:
    """Articles in the store's search index (FTS5 rows or search_docs rows)."""
    return store.scalar("SELECT count(*) FROM search_docs" if is_postgres(store.db) else
                        "SELECT count(*) FROM search_fts")
