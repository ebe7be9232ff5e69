"""Bulk loading: the portal's listing indexes are dropped for a large import and rebuilt after;
WAL checkpoints and search-index merges are spaced out while it lasts.

Each of those ten indexes (by date, language, outlet, section, topic, region, source) takes one
random B-tree insert per article; in a store of a million articles that dirtied nine pages per
article, rewritten at every commit.  Building an index once from the finished table is a sort
and a sequential write: for an import that adds a good share of the store, dropping the indexes
first and rebuilding them at the end does the same work several times faster.

Nothing the import itself reads depends on them (dedup and stories have their own tables; the
index on story ids stays).  The SQL of every dropped index is kept in `deferred_indexes` in the
same transaction as the drop, so a run killed midway leaves a record, and the next import
rebuilds them before it starts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from janalyq.store.dialect import is_postgres

LISTING_INDEXES = (
    "articles_published", "articles_lang_published", "articles_outlet_published",
    "articles_section_published", "articles_lang_section_published", "articles_lang_outlet_published",
    "articles_source_key", "articles_topic_published", "articles_region_published",
)
BYTES_PER_ARTICLE = 3000  # a rough size of one article in a page dump, to estimate an import
MIN_ARTICLES = 5000  # below this the indexes cost little: not worth a rebuild
MIN_SHARE = 0.25  # defer when the import adds at least this share of the articles stored


def estimated_articles(files: Iterable[Path], imported: dict[Path, float] | None = None) -> int:
    """Articles the files may add: their size, less files an earlier run already imported."""
    total = 0
    for path in files:
        try:
            info = os.stat(path)
        except OSError:
            continue
        if imported and _imported_before(path, info.st_mtime, imported):
            continue
        total += info.st_size
    return total // BYTES_PER_ARTICLE


def imported_inputs(store) -> dict[Path, float]:
    """Each file or folder a finished import run read (resolved), with the latest end time of
    such a run (seconds since the epoch; a file changed after it counts again)."""
    found: dict[Path, float] = {}
    rows = store.db.execute("SELECT finished_at, counts FROM runs WHERE status IN ('done', 'done_with_rejects')")
    for finished_at, counts in rows:
        try:
            paths = json.loads(counts or "{}").get("resolved_inputs") or []
            finished = dt.datetime.fromisoformat(finished_at).timestamp()
        except (ValueError, AttributeError, TypeError):
            continue
        for path in paths:
            found[Path(path)] = max(found.get(Path(path), 0.0), finished)
    return found


def _imported_before(path: Path, mtime: float, imported: dict[Path, float]) -> bool:
    """Whether a finished run read this file (or a folder holding it) after its last change."""
    resolved = path.resolve()
    return any(mtime < imported.get(p, 0.0) for p in (resolved, *resolved.parents))


def worth_deferring(store, files: list[Path]) -> bool:
    if is_postgres(store.db):
        return False
    """Whether dropping and rebuilding the listing indexes is cheaper than keeping them up to
    date.  Files that a finished run imported and that have not changed since add nothing: a
    re-run of the same import keeps the indexes."""
    incoming = estimated_articles(files, imported_inputs(store))
    if incoming < MIN_ARTICLES:
        return False
    stored = store.scalar("SELECT coalesce(max(rid), 0) FROM articles")
    return incoming >= MIN_SHARE * stored


def _has_record(store) -> bool:
    """False only in a store migrated by an older list (tests of the migrations themselves)."""
    if is_postgres(store.db):  # PostgreSQL builds its indexes as it goes: nothing is deferred there
        return False
    return store.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'deferred_indexes'").fetchone() is not None


def defer_indexes(store, names: Iterable[str] = LISTING_INDEXES) -> list[str]:
    """Drop these indexes, keeping their SQL in `deferred_indexes`; returns the ones dropped."""
    dropped: list[str] = []
    if not _has_record(store):
        return dropped
    store.begin()
    try:
        for name in names:
            row = store.db.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
                                   (name,)).fetchone()
            if row is None or row[0] is None:
                continue
            store.db.execute("INSERT OR REPLACE INTO deferred_indexes(name, sql) VALUES (?, ?)", (name, row[0]))
            store.db.execute(f'DROP INDEX "{name}"')
            dropped.append(name)
        store.commit()
    except BaseException:
        store.rollback()
        raise
    return dropped


def restore_indexes(store) -> list[str]:
    """Rebuild every index a bulk import dropped (also one killed midway); returns their names."""
    if not _has_record(store):
        return []
    rows = store.db.execute("SELECT name, sql FROM deferred_indexes ORDER BY name").fetchall()
    if not rows:
        return []
    store.begin()
    try:
        for name, sql in rows:
            exists = store.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?",
                                      (name,)).fetchone()
            if exists is None:
                store.db.execute(sql)
            store.db.execute("DELETE FROM deferred_indexes WHERE name = ?", (name,))
        store.commit()
    except BaseException:
        store.rollback()
        raise
    return [name for name, _ in rows]


DEFAULT_CHECKPOINT_PAGES = 1000  # SQLite's own default
# WAL pages (~400 MB on disk, not in memory) between checkpoints during a bulk import: about
# three commits of a million-article store.  A page that several of those commits change (the
# recent key tables, the search index's new segments) is copied back and synced once instead of
# three times; in that store this took checkpoint time from ~1.5 to ~0.7 s per 10,000 articles.
BULK_CHECKPOINT_PAGES = 100_000


@contextmanager
def checkpoint_spacing(store, pages: int) -> Iterator[None]:
    """Fewer, larger WAL checkpoints while it lasts: a page changed by several batches is copied
    back into the database once.  The storing process runs them itself, at commit: the WAL is
    then restarted before the next batch, so it stays about one batch or `pages` long.  (On a
    thread of its own a checkpoint never caught up with the next batch: the WAL reached 13 GB.)
    SQLite's alone: PostgreSQL checkpoints by its own settings."""
    if is_postgres(store.db):
        yield
        return
    store.db.execute(f"PRAGMA wal_autocheckpoint = {pages}")
    try:
        yield
    finally:
        store.db.execute(f"PRAGMA wal_autocheckpoint = {DEFAULT_CHECKPOINT_PAGES}")


DEFAULT_AUTOMERGE = 4  # FTS5's own default: merge once a level holds 4 segments
BULK_AUTOMERGE = 16  # the most FTS5 allows: every posting is rewritten about half as often


@contextmanager
def search_merge_spacing(store, segments: int) -> Iterator[None]:
    """Let the search index's levels fill up to `segments` before FTS5 merges them, while it
    lasts.  Each commit of a bulk import adds a segment; with the default, every posting of a
    million articles was rewritten by a merge about five times.  Queries read more segments in
    the meantime; the default comes back at the end, and later commits merge the rest.  (A
    killed import leaves the wider spacing until the next import ends: searches stay correct.)"""
    set_automerge(store, segments)
    try:
        yield
    finally:
        set_automerge(store, DEFAULT_AUTOMERGE)


def set_automerge(store, segments: int) -> None:
    # FTS5's setting: no such index on PostgreSQL, nor in stores of older migration lists.
    if not store.queues_search or is_postgres(store.db):
        return
    # A write like any other: in turn with other writers.  Written bare, it waited in SQLite's
    # busy handler, which lost every race to an import storing batch after batch: a second
    # import started during a first one stored nothing until the first had finished.
    with store.short_write():
        store.db.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', ?)", (segments,))
