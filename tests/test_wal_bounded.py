"""A bulk import keeps the WAL bounded: checkpoints are spaced out, never left behind.

Checkpointing on a background thread once let the log grow without end (13 GB a few minutes
into a million-article import): a checkpoint that has not finished when the next batch starts
cannot restart the log.  The storing process checkpoints at commit; the log is then reused.
"""

from __future__ import annotations

import os

from janalyq.store.bulk import checkpoint_spacing
from janalyq.store import Store


def _commit_rows(store, start, n=200):
    store.begin()
    for i in range(start, start + n):
        store.db.execute("INSERT INTO articles (id, url, lang, title, body, published, collected_at, updated_at,"
                         " content_hash) VALUES (?, ?, 'ru', ?, ?, '2026-03-02', '2026-03-02', '2026-03-02', 'h')",
                         (f"a{i}", f"u{i}", f"Заголовок номер {i}", f"Текст новости {i} " * 40))
    store.commit()


def test_the_wal_stops_growing_during_many_spaced_out_commits(tmp_path):
    path = tmp_path / "w.db"
    store = Store(path)
    with checkpoint_spacing(store, 300):
        assert store.scalar("PRAGMA wal_autocheckpoint") == 300
        for batch in range(5):
            _commit_rows(store, batch * 200)
        early = os.path.getsize(f"{path}-wal")
        for batch in range(5, 40):
            _commit_rows(store, batch * 200)
        late = os.path.getsize(f"{path}-wal")
    assert store.scalar("PRAGMA wal_autocheckpoint") == 1000
    assert store.scalar("SELECT count(*) FROM articles") == 8000
    assert late < 2 * early, (early, late)  # eight times the rows, the same log reused
    store.close()
