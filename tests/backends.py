"""Helpers for tests that run on both store backends (SQLite and PostgreSQL)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from janalyq.store.dialect import is_postgres, table_names

# Tables whose rows the portal shows, copied in this order (articles first: its triggers fill
# facet_counts and the search queue).  Counts, queues and search rows are the target's own.
COPIED_TABLES = ("articles", "sightings", "runs", "rejects", "article_vectors", "crawl_sources", "crawl_passes",
                 "fetch_log", "http_validators")


def indexed_rows(store) -> int:
    """Articles in the store's search index (FTS5 rows or search_docs rows)."""
    return store.scalar("SELECT count(*) FROM search_docs" if is_postgres(store.db) else
                        "SELECT count(*) FROM search_fts")


def copy_store(source: Path, target) -> None:
    """Every row of an SQLite store's portal tables into an empty store (a PostgreSQL one), rids
    and all, in one writing transaction: the two then hold the same articles under the same keys,
    so that pages built from them can be compared byte for byte."""
    source_db = sqlite3.connect(source)
    try:
        target.begin()
        present = table_names(target.db)
        for table in COPIED_TABLES:
            if table not in present:
                continue
            columns = [row[1] for row in source_db.execute(f"PRAGMA table_info({table})")]
            wanted = [c for c in columns if c in _columns(target.db, table)]
            rows = source_db.execute(f"SELECT {', '.join(wanted)} FROM {table}").fetchall()
            if rows:
                marks = ", ".join("?" * len(wanted))
                target.db.executemany(f"INSERT INTO {table} ({', '.join(wanted)}) VALUES ({marks})", rows)
        target.commit()
    finally:
        source_db.close()


def _columns(db, table: str) -> set[str]:
    return {row[0] for row in db.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", (table,))}
