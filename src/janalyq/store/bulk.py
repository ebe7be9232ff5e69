"""Bulk loading: the portal's listing indexes are dropped for a large import and rebuilt after.

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
from collections.abc import Iterable
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
