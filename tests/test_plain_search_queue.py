"""articles_fts, the plain search table of outside tools, indexed at commit (store migration 16).

While a janalyq writer's transaction stores articles, they wait in a queue and go into
articles_fts in one statement at commit; FTS5 wrote a segment per article from the row trigger.
These tests pin what must not change with it: the same postings as the row trigger gives, an
index FTS5 finds consistent, changes and deletions of queued rows, rollbacks, other programs'
writes indexed at once, and a queue left committed by a writer that skipped `commit`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from janalyq.article import Article
from janalyq.store import Store


def _article(n: int, title: str, body: str) -> Article:
    article = Article(url=f"https://example.kz/news/{n}", title=title, body=[body], lang="ru",
                      published=dt.date(2026, 3, 1) + dt.timedelta(days=n),
                      collected_at=dt.datetime(2026, 4, 1, tzinfo=dt.timezone.utc))
    article.id, article.content_hash = f"a{n}", f"h{n}"
    return article


def _postings(db) -> list[tuple]:
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.plain_vocab USING fts5vocab(main, 'articles_fts', instance)")
    return db.execute("SELECT term, doc, col, \"offset\" FROM temp.plain_vocab ORDER BY 1, 2, 3, 4").fetchall()


def _consistent(db) -> None:
    db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")  # raises if not
    assert db.execute("SELECT count(*) FROM articles_fts_queue").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM articles_fts_queueing").fetchone()[0] == 0


def _hits(db, word: str) -> list[int]:
    return [rid for (rid,) in db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid",
                                         (word,))]


def _filled(path, n=40) -> Store:
    store = Store(path)
    store.begin()
    for i in range(n):
        store.insert_article(_article(i, f"Мост номер {i} через Иртыш", f"Строители сдали мост {i} в срок. Слово{i}."))
    return store


def test_a_batch_is_indexed_at_commit_with_the_postings_of_the_row_trigger(tmp_path):
    store = _filled(tmp_path / "s.db")
    assert store.scalar("SELECT count(*) FROM articles_fts_queue") == 40
    assert _hits(store.db, "Иртыш") == []  # waiting for the commit
    store.commit()
    _consistent(store.db)
    assert len(_hits(store.db, "Иртыш")) == 40 and _hits(store.db, "Слово7") == [8]
    queued = _postings(store.db)
    store.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")  # from the rows themselves
    assert _postings(store.db) == queued and len(queued) > 40 * 9
    store.close()


def test_queued_rows_changed_or_deleted_before_commit_are_indexed_as_they_end(tmp_path):
    store = _filled(tmp_path / "s.db", n=3)
    store.db.execute("UPDATE articles SET title = 'Новая библиотека' WHERE rid = 2")
    store.db.execute("DELETE FROM articles WHERE rid = 3")
    store.commit()
    _consistent(store.db)
    assert _hits(store.db, "библиотека") == [2] and _hits(store.db, "Иртыш") == [1]
    # Rows indexed by an earlier commit change and go at once, queued or not.
    store.begin()
    stadium = store.insert_article(_article(9, "Новый стадион", "Стадион открыли."))
    store.db.execute("UPDATE articles SET title = 'Старый парк' WHERE rid = 2")
    store.db.execute("DELETE FROM articles WHERE rid = 1")
    assert _hits(store.db, "библиотека") == [] and _hits(store.db, "Иртыш") == []
    store.commit()
    _consistent(store.db)
    assert _hits(store.db, "парк") == [2] and _hits(store.db, "стадион") == [stadium]
    store.close()


def test_a_rolled_back_batch_leaves_no_queue_and_no_mark(tmp_path):
    store = _filled(tmp_path / "s.db", n=5)
    store.rollback()
    store.begin()
    store.insert_article(_article(1, "Мост через Иртыш", "Текст."))
    store.commit()
    _consistent(store.db)
    assert _hits(store.db, "Иртыш") == [1]
    store.close()


def test_other_programs_writes_are_indexed_at_once(tmp_path):
    _filled(tmp_path / "s.db", n=2).commit()
    raw = sqlite3.connect(tmp_path / "s.db")
    with raw:
        raw.execute("INSERT INTO articles (id, url, lang, title, body, collected_at, updated_at, content_hash)"
                    " VALUES ('r', 'u', 'ru', 'Ледовая арена', 'Текст.', '2026-03-02', '2026-03-02', 'h')")
    assert _hits(raw, "арена") == [3]
    raw.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    raw.close()


def test_a_queue_committed_without_commit_is_indexed_when_the_store_is_next_opened(tmp_path):
    store = _filled(tmp_path / "s.db", n=2)
    store.db.execute("COMMIT")  # a writer that skipped Store.commit: its mark and queue are stored
    store.close()
    raw = sqlite3.connect(tmp_path / "s.db")
    with raw:  # meanwhile another program's row waits in the queue too, safely
        raw.execute("INSERT INTO articles (id, url, lang, title, body, collected_at, updated_at, content_hash)"
                    " VALUES ('r', 'u', 'ru', 'Ледовая арена', 'Текст.', '2026-03-02', '2026-03-02', 'h')")
    raw.close()
    again = Store(tmp_path / "s.db")
    _consistent(again.db)
    assert len(_hits(again.db, "Иртыш")) == 2 and _hits(again.db, "арена") == [3]
    again.close()
