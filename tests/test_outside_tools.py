"""The store opened by other programs: Datasette, sqlite-utils and the plain sqlite3 module,
which do not have janalyq's analyzer (store migration 14, janalyq.store.deletion)."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest

from janalyq.pipeline import import_paths
from janalyq.search import search
from janalyq.search.engine import Filters
from janalyq.store import Store
from janalyq.store.deletion import Selection, delete

RECORDS = [
    {"url": "https://example.kz/kk/1", "lang": "kk", "published": "2026-03-02",
     "title": "Қостанайда жаңа аурухана ашылды",
     "body": "Облыс орталығында үш жүз төсекке арналған көпбейінді аурухана пайдалануға берілді. "
             "Ғимарат құрылысы екі жылға созылды."},
    {"url": "https://example.kz/ru/2", "lang": "ru", "published": "2026-03-03",
     "title": "В Павлодаре открыли ледовую арену",
     "body": "Новая ледовая арена вмещает две тысячи зрителей. Хоккейная школа начнёт занятия в апреле, "
             "сообщили в управлении спорта."},
    {"url": "https://example.kz/en/3", "lang": "en", "published": "2026-03-04",
     "title": "Railway bridge over the Irtysh completed",
     "body": "Engineers finished the second railway bridge over the Irtysh river near Semey. "
             "Freight trains will cross it from May."},
]

KEYS_OF = ("SELECT (SELECT count(*) FROM dedup_keys WHERE article_rid = ?)"
           " + (SELECT count(*) FROM dedup_keys_recent WHERE article_rid = ?)")


@pytest.fixture
def filled(tmp_path, monkeypatch):
    monkeypatch.setenv("JANALYQ_EMBEDDINGS", "0")
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    path = tmp_path / "store.db"
    store = Store(path)
    report = import_paths([str(source)], store)
    assert report.stored_new == 3
    store.close()
    return path


def _hits(path, query: str) -> list[str]:
    store = Store(path)
    try:
        return [h.article["title"] for h in search(store.db, query, Filters()).hits]
    finally:
        store.close()


def test_datasette_finds_a_cyrillic_word(filled):
    from datasette.app import Datasette

    async def ask():
        ds = Datasette([str(filled)])
        table = await ds.client.get("/store/articles.json?_search=арена&_shape=array&_col=title")
        query = await ds.client.get("/store/articles.json?_search=аурухана&_shape=array&_col=title")
        return table, query

    arena, hospital = asyncio.run(ask())
    assert arena.status_code == 200, arena.text
    assert [row["title"] for row in arena.json()] == ["В Павлодаре открыли ледовую арену"]
    assert [row["title"] for row in hospital.json()] == ["Қостанайда жаңа аурухана ашылды"]


def test_sqlite_utils_detects_and_uses_the_search_table(filled):
    import sqlite_utils

    db = sqlite_utils.Database(filled)
    assert db["articles"].detect_fts() == "articles_fts"
    assert [row["title"] for row in db["articles"].search("Irtysh")] == ["Railway bridge over the Irtysh completed"]


def test_update_from_plain_sqlite3_keeps_the_store_consistent(filled):
    raw = sqlite3.connect(filled)  # no janalyq function registered here
    with raw:
        raw.execute("UPDATE articles SET title = 'В Павлодаре открыли ледовый дворец', outlet = 'pavlodar'"
                    " WHERE url = 'https://example.kz/ru/2'")
    # Datasette's table (original text) follows at once.
    assert raw.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'дворец'").fetchone()[0] == 1
    assert raw.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'арену'").fetchone()[0] == 0
    assert raw.execute("SELECT n FROM facet_counts WHERE facet = 'outlet' AND value = 'pavlodar'").fetchone()[0] == 1
    raw.close()
    # janalyq's own index is brought up to date by the next janalyq that opens the store.
    assert _hits(filled, "дворец") == ["В Павлодаре открыли ледовый дворец"]
    assert _hits(filled, "арена") == ["В Павлодаре открыли ледовый дворец"]  # still in the body


def test_delete_from_plain_sqlite3_leaves_no_orphans(filled):
    raw = sqlite3.connect(filled)
    with raw:
        rid = raw.execute("SELECT rid FROM articles WHERE lang = 'en'").fetchone()[0]
        raw.execute("DELETE FROM articles WHERE rid = ?", (rid,))
    assert raw.execute("SELECT count(*) FROM sightings WHERE article_rid = ?", (rid,)).fetchone()[0] == 0
    assert raw.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Irtysh'").fetchone()[0] == 0
    assert raw.execute("SELECT count(*) FROM search_fts WHERE rowid & 4294967295 = ?", (rid,)).fetchone()[0] == 0
    assert raw.execute(KEYS_OF, (rid, rid)).fetchone()[0] > 0
    raw.close()
    store = Store(filled)  # a writer removes the keys of the deleted article on open
    assert store.scalar(KEYS_OF, (rid, rid)) == 0
    assert store.scalar("SELECT count(*) FROM deleted_articles") == 0
    store.close()


def test_reimport_after_an_outside_delete_stores_the_article_again(filled, tmp_path):
    raw = sqlite3.connect(filled)
    with raw:
        raw.execute("DELETE FROM articles WHERE lang = 'kk'")
    raw.close()
    again = tmp_path / "again.jsonl"
    again.write_text(json.dumps(RECORDS[0], ensure_ascii=False) + "\n", encoding="utf-8")
    store = Store(filled)
    report = import_paths([str(again)], store)
    assert report.stored_new == 1
    assert store.scalar("SELECT count(*) FROM articles WHERE lang = 'kk'") == 1
    store.close()


def test_janalyq_delete_by_outlet_source_and_dates(filled):
    store = Store(filled)
    with pytest.raises(ValueError):
        delete(store, Selection())
    assert delete(store, Selection(source="https://example.kz/en/")) == 1
    assert delete(store, Selection(since=__import__("datetime").date(2026, 3, 3))) == 1
    assert store.scalar("SELECT count(*) FROM articles") == 1
    assert store.scalar("SELECT count(*) FROM sightings") == 1
    assert store.scalar("SELECT count(*) FROM search_fts") == 1
    assert store.scalar("SELECT sum(n) FROM facet_counts WHERE facet = 'day'") == 1
    store.close()
    assert _hits(filled, "арена") == []
