"""The search index is written at commit, in rowid order (store migration 7).

Listing pages come newest first; before the queue, each step back in time made FTS5 flush a
new segment, one per article.  These tests pin the behaviour that replaced it: one import's
articles are all searchable, written in few segments, and nothing a raw writer adds is lost.
"""

from __future__ import annotations

import datetime as dt
import json

from janalyq.pipeline import import_paths
from janalyq.search import search
from janalyq.store import open_store
from janalyq.store.dialect import is_postgres
from tests.backends import indexed_rows

WORDS = ("ауыл", "мектеп", "жол", "аурухана", "кітапхана", "стадион", "көпір", "саябақ")


def _newest_first(path, n=60):
    """A listing of `n` Kazakh items, one day apart, newest first, as news sites list them."""
    start = dt.date(2026, 3, 1)
    lines = []
    for i in range(n):
        word = WORDS[i % len(WORDS)]
        lines.append(json.dumps({
            "url": f"https://example.kz/news/{i}", "lang": "kk",
            "published": (start - dt.timedelta(days=i)).isoformat(),
            "title": f"Ауданда жаңа {word} ашылды, нөмірі {1000 + i}",
            "body": f"Аудан әкімдігі {1000 + i} нөмірлі жаңа {word} құрылысы аяқталғанын хабарлады. "
                    f"Жұмыс {i + 3} айға созылды, тұрғындар ризашылығын білдірді.",
        }, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _segment_rows(store) -> int:
    return store.scalar("SELECT count(*) FROM search_fts_data")


def test_one_import_newest_first_is_searchable_and_written_in_few_segments(tmp_path, db_url):
    store = open_store(db_url)
    report = import_paths([str(_newest_first(tmp_path / "items.jsonl"))], store, batch_size=1000)
    assert report.stored_new == 60
    assert store.scalar("SELECT count(*) FROM search_queue") == 0
    assert indexed_rows(store) == 60
    assert search(store.db, "1042").total == 1
    assert search(store.db, "стадион").total == 60 // len(WORDS) + (1 if 60 % len(WORDS) > 5 else 0)
    if not is_postgres(store.db):
        # Row by row, in falling rowid order, FTS5 made a segment per article (merged down to 20 rows).
        assert _segment_rows(store) < 10  # 20 rows before the queue, 6 with it
    store.close()


def test_a_raw_insert_is_indexed_when_the_store_is_next_opened(db_url):
    path = db_url
    store = open_store(path)
    store.db.execute("INSERT INTO articles (id, url, lang, title, body, published, collected_at, updated_at,"
                     " content_hash) VALUES ('r1', 'u1', 'ru', 'Новый мост в Павлодаре', 'Мост открыли.',"
                     " '2026-03-02', '2026-03-02', '2026-03-02', 'h')")
    assert store.scalar("SELECT count(*) FROM search_queue") == 1
    assert search(store.db, "мост").total == 0  # not yet: no commit of the store wrote the index
    store.close()
    again = open_store(path)
    assert again.scalar("SELECT count(*) FROM search_queue") == 0
    assert search(again.db, "мост").total == 1
    again.close()


def test_a_change_in_the_same_batch_is_indexed_once_with_its_latest_text(db_url):
    store = open_store(db_url)
    store.begin()
    store.db.execute("INSERT INTO articles (rid, id, url, lang, title, body, published, collected_at, updated_at,"
                     " content_hash) VALUES (7, 'r7', 'u7', 'ru', 'Старый заголовок', 'Текст.', '2026-03-02',"
                     " '2026-03-02', '2026-03-02', 'h')")
    store.db.execute("UPDATE articles SET title = 'Новая библиотека' WHERE rid = 7")
    store.commit()
    assert indexed_rows(store) == 1
    assert search(store.db, "библиотека").total == 1
    assert search(store.db, "заголовок").total == 0
    # A later change takes the old terms out at once and queues the article (store migration 14:
    # the triggers call no Python, so any SQLite client may write); the next commit indexes it.
    store.begin()
    store.db.execute("UPDATE articles SET title = 'Новый стадион' WHERE rid = 7")
    assert search(store.db, "библиотека").total == 0
    store.commit()
    assert search(store.db, "стадион").total == 1 and search(store.db, "библиотека").total == 0
    assert indexed_rows(store) == 1
    store.close()
