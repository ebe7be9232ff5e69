"""Deleting articles, by janalyq (`janalyq delete`) or by any other program.

The triggers of store migration 14 keep what one statement can keep: a DELETE of an article
removes its search rows, its sightings, its vector and its facet counts, and records its rid in
`deleted_articles`.  Its dedup and story keys cannot be removed row by row (the key tables are
keyed by hash, not by article: finding one article's keys reads the whole table), so
`forget_deleted` removes the keys of every recorded deletion in one pass over each key table.
`Store` calls it when a writer opens the store, before anything is imported: a key of a deleted
article never makes a new copy of it a "duplicate" of nothing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from janalyq.store.dialect import table_names

# (table, column holding the article's rid) of every key table, both levels.
KEY_TABLES = (("dedup_keys", "article_rid"), ("dedup_keys_recent", "article_rid"),
              ("lsh_bands", "article_rid"), ("lsh_bands_recent", "article_rid"),
              ("story_keys", "rid"), ("story_keys_recent", "rid"))


@dataclass(frozen=True)
class Selection:
    """Which articles to delete; every given criterion must hold (at least one is required)."""

    ids: tuple[str, ...] = ()
    outlet: str | None = None
    source: str | None = None  # a prefix of the article's address or of its original source link
    since: dt.date | None = None
    until: dt.date | None = None

    def empty(self) -> bool:
        return not (self.ids or self.outlet or self.source or self.since or self.until)

    def where(self) -> tuple[str, list]:
        clauses, args = [], []
        if self.ids:
            clauses.append(f"id IN ({','.join('?' * len(self.ids))})")
            args += list(self.ids)
        if self.outlet:
            clauses.append("outlet = ?")
            args.append(self.outlet)
        if self.source:
            # Prefix match without LIKE's wildcards: the source is compared as text.
            clauses.append("(substr(url, 1, ?) = ? OR substr(coalesce(source_url, ''), 1, ?) = ?)")
            args += [len(self.source), self.source, len(self.source), self.source]
        if self.since:
            clauses.append("published >= ?")
            args.append(self.since.isoformat())
        if self.until:
            clauses.append("published <= ?")
            args.append(self.until.isoformat())
        return " AND ".join(clauses), args


def _tables(db: sqlite3.Connection) -> set[str]:
    return table_names(db)


def pending(db: sqlite3.Connection) -> int:
    """Deleted articles whose keys are still to be removed."""
    if "deleted_articles" not in _tables(db):
        return 0
    return db.execute("SELECT count(*) FROM deleted_articles").fetchone()[0]


def forget_deleted(db: sqlite3.Connection) -> int:
    """Remove the keys of the recorded deletions; call inside a writing transaction.  Returns the
    number of deleted articles handled."""
    handled = pending(db)
    if not handled:
        return 0
    tables = _tables(db)
    for table, column in KEY_TABLES:
        if table in tables:
            db.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT rid FROM deleted_articles)")
    db.execute("DELETE FROM deleted_articles")
    return handled


def matching(db: sqlite3.Connection, selection: Selection) -> int:
    """How many articles the selection names (what `delete` would remove)."""
    if selection.empty():
        raise ValueError("name the articles to delete: ids, an outlet, a source or a date range")
    where, args = selection.where()
    return db.execute(f"SELECT count(*) FROM articles WHERE {where}", args).fetchone()[0]


def delete(store, selection: Selection) -> int:
    """Delete the selected articles and everything kept for them, in one transaction; returns
    how many were deleted.  The search indexes and counts follow through the triggers."""
    if selection.empty():
        raise ValueError("name the articles to delete: ids, an outlet, a source or a date range")
    where, args = selection.where()
    store.begin()
    try:
        deleted = store.db.execute(f"DELETE FROM articles WHERE {where}", args).rowcount
        forget_deleted(store.db)
        store.commit()
    except BaseException:
        store.rollback()
        raise
    return deleted
