"""One schema on two engines: the PostgreSQL migration list builds the same tables and columns as
SQLite's, and the SQL translation keeps SQLite's meaning (store/dialect.py)."""

from __future__ import annotations

import sqlite3

import pytest

from janalyq.store import Store, open_store
from janalyq.store.dialect import postgres_sql
from janalyq.store.migrations import MIGRATIONS
from janalyq.store.migrations_pg import MIGRATIONS_PG

# Tables one engine has for its own kind of full-text index; everything else must match.
SQLITE_ONLY = {"search_fts", "articles_fts"}
POSTGRES_ONLY = {"search_docs", "janalyq_schema"}


def _sqlite_columns(path) -> dict[str, set[str]]:
    db = sqlite3.connect(path)
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    found = {t: {row[1] for row in db.execute(f"PRAGMA table_info({t})")} for t in tables
             if not t.startswith(tuple(f"{name}_" for name in SQLITE_ONLY)) and not t.startswith("sqlite_")}
    db.close()
    return found


def _postgres_columns(store) -> dict[str, set[str]]:
    rows = store.db.execute("SELECT table_name, column_name FROM information_schema.columns"
                            " WHERE table_schema = current_schema()").fetchall()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return found


def test_both_lists_are_as_long():
    assert len(MIGRATIONS_PG) == len(MIGRATIONS)


def test_postgres_schema_has_sqlite_tables_and_columns(tmp_path, pg_url):
    Store(tmp_path / "s.db").close()
    lite = _sqlite_columns(tmp_path / "s.db")
    pg_store = open_store(pg_url)
    try:
        pg = _postgres_columns(pg_store)
        assert pg_store.schema_version == len(MIGRATIONS)
    finally:
        pg_store.close()
    assert set(lite) - SQLITE_ONLY == set(pg) - POSTGRES_ONLY
    for table in set(lite) - SQLITE_ONLY:
        assert lite[table] == pg[table], table


def test_reopening_a_migrated_postgres_store_changes_nothing(pg_url):
    first = open_store(pg_url)
    first.db.execute("INSERT INTO rejects(input, reason, first_seen, last_seen) VALUES ('a', 'b', 'c', 'd')")
    first.close()
    again = open_store(pg_url)
    assert again.scalar("SELECT count(*) FROM rejects") == 1
    again.close()


@pytest.mark.parametrize("sqlite_text, postgres_text", [
    ("SELECT * FROM t WHERE a = ? AND b LIKE 'x%?'", "SELECT * FROM t WHERE a = %s AND b LIKE 'x%%?'"),
    ("INSERT OR IGNORE INTO frontier(url, host) VALUES (?, ?)",
     "INSERT INTO frontier (url, host) VALUES (%s, %s) ON CONFLICT DO NOTHING"),
    ("INSERT OR REPLACE INTO http_validators(url, etag) VALUES (?, ?)",
     "INSERT INTO http_validators (url, etag) VALUES (%s, %s) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag"),
    ("SELECT rid FROM articles ORDER BY published DESC, rid DESC LIMIT ?",
     "SELECT rid FROM articles ORDER BY published DESC NULLS LAST, rid DESC LIMIT %s"),
    ("SELECT rid FROM articles ORDER BY published IS NULL, published, rid",
     "SELECT rid FROM articles ORDER BY published IS NULL, published NULLS FIRST, rid"),
    ("BEGIN IMMEDIATE", "BEGIN"),
])
def test_translation(sqlite_text, postgres_text):
    assert postgres_sql(sqlite_text)[0] == postgres_text


def test_numbered_marks_keep_sqlite_numbering():
    text, order, _ = postgres_sql("SELECT ?1, ?, ?1, ?")
    assert text == "SELECT %s, %s, %s, %s"
    assert order == (0, 1, 0, 2)  # a plain mark after ?1 is ?2, as SQLite numbers it


def test_insert_returns_the_assigned_key(pg_url):
    store = open_store(pg_url)
    try:
        first = store.start_run(["a"])
        second = store.start_run(["b"])
        assert second == first + 1
    finally:
        store.close()


def test_null_dates_sort_as_on_sqlite(db_url):
    """Undated articles come last in a newest-first listing on both engines."""
    store = open_store(db_url)
    try:
        store.begin()
        for rid, published in ((1, "2024-01-02"), (2, None), (3, "2024-03-04")):
            store.db.execute(
                "INSERT INTO articles(rid, id, url, title, body, published, collected_at, updated_at, content_hash)"
                " VALUES (?, ?, ?, 't', 'b', ?, '2024-05-01T00:00:00+00:00', '', 'h')",
                (rid, f"id{rid}", f"u{rid}", published))
        store.commit()
        order = [r[0] for r in store.rows("SELECT rid FROM articles ORDER BY published DESC, rid DESC")]
        assert order == [3, 1, 2]
    finally:
        store.close()
