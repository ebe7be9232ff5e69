"""Bulk imports checkpoint the WAL on a thread of their own (janalyq.store.checkpoint)."""

from __future__ import annotations

import shutil
import sqlite3
import time

from janalyq.store import Store
from janalyq.store.checkpoint import background_checkpoints


def _rows_in_database_file(path, tmp_path) -> int:
    """Articles in the main database file alone, as if the WAL were lost: what was copied back."""
    copy = tmp_path / "file-only.db"
    shutil.copyfile(path, copy)
    con = sqlite3.connect(copy)
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def _insert(store, n, start=0):
    store.begin()
    for i in range(start, start + n):
        store.db.execute("INSERT INTO articles (id, url, lang, title, body, collected_at, updated_at, content_hash)"
                         " VALUES (?, ?, 'ru', 'Заголовок', 'Текст', '2026-03-02', '2026-03-02', 'h')",
                         (f"a{i}", f"u{i}"))
    store.commit()


def test_commits_are_copied_back_by_the_thread_not_by_the_writer(tmp_path):
    path = tmp_path / "c.db"
    store = Store(path)
    with background_checkpoints(store) as checkpoints:
        assert store.scalar("PRAGMA wal_autocheckpoint") == 0  # the writer never waits for one
        _insert(store, 50)
        before = checkpoints.done
        checkpoints.after_commit()
        deadline = time.monotonic() + 10
        while checkpoints.done == before and time.monotonic() < deadline:
            time.sleep(0.02)
        assert checkpoints.done > before and not checkpoints.errors
        assert _rows_in_database_file(path, tmp_path) == 50
        _insert(store, 5, start=50)  # committed, in the WAL, not yet woken for: still safe
        assert store.scalar("SELECT count(*) FROM articles") == 55
    assert store.scalar("PRAGMA wal_autocheckpoint") == 1000
    store.close()
    assert _rows_in_database_file(path, tmp_path) == 55  # closing the last connection checkpoints
