"""Topic and region as search facets: migration 6 carries them in search_fts.facets, keeps them
current when the enrich stage (or anything else) updates an article, and re-fills old stores.
The first test runs on both backends (on PostgreSQL the facets are search_docs' C lexemes)."""

from __future__ import annotations

import json

from janalyq.pipeline import import_paths
from janalyq.search import Filters, search
from janalyq.search import pg_index
from janalyq.search.index import index_queued, rebuild
from janalyq.store import Store, open_store, sqlite as store_sqlite
from janalyq.store.dialect import is_postgres
from janalyq.store.migrations import MIGRATIONS

RECORDS = [
    {"url": "https://example.kz/a", "lang": "ru", "published": "2026-03-02",
     "title": "В школах Астаны открыли новые классы робототехники",
     "body": "Министерство просвещения сообщило, что в школах столицы открыты новые классы."},
    {"url": "https://example.kz/b", "lang": "ru", "published": "2026-03-03",
     "title": "В Шымкенте построят новую больницу",
     "body": "Строительство больницы начнется весной, сообщили в управлении здравоохранения."},
    {"url": "https://example.kz/c", "lang": "en", "published": "2026-03-04",
     "title": "New schools open in Shymkent",
     "body": "Three new schools opened their doors to pupils in Shymkent this week."},
]


def _fill(path, tmp_path) -> None:
    source = tmp_path / "records.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n", encoding="utf-8")
    store = open_store(path)
    import_paths([str(source)], store)
    store.close()


def _label(db, labels: dict[str, tuple[str, str | None]]) -> None:
    """Raw updates in one transaction, the search queue indexed before its commit (what
    Store.commit does; an old store without the queue re-indexes in its triggers)."""
    db.execute("BEGIN")
    for url, (topic, region) in labels.items():
        db.execute("UPDATE articles SET topic = ?, region = ? WHERE url = ?", (topic, region, url))
    if is_postgres(db):
        pg_index.index_queued(db)
    elif db.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_queue'").fetchone():
        index_queued(db)
    db.execute("COMMIT")


def _urls(db, filters: Filters, text: str | None = None) -> set[str]:
    result = search(db, text, filters, per_page=50)
    rids = [hit.article["rid"] for hit in result.hits]
    return {db.execute("SELECT url FROM articles WHERE rid = ?", (rid,)).fetchone()[0] for rid in rids}


LABELS = {"https://example.kz/a": ("education", "astana"), "https://example.kz/b": ("health", "shymkent"),
          "https://example.kz/c": ("education", "shymkent")}


def test_update_of_topic_and_region_reindexes_the_row(tmp_path, db_url):
    path = db_url
    _fill(path, tmp_path)
    store = open_store(path)
    _label(store.db, LABELS)
    assert _urls(store.db, Filters(topic="education")) == {"https://example.kz/a", "https://example.kz/c"}
    assert _urls(store.db, Filters(region="shymkent")) == {"https://example.kz/b", "https://example.kz/c"}
    assert _urls(store.db, Filters(topic="education", region="shymkent", lang="en")) == {"https://example.kz/c"}
    assert _urls(store.db, Filters(topic="education"), "школах") == {"https://example.kz/a"}
    _label(store.db, {"https://example.kz/a": ("society", None)})
    assert _urls(store.db, Filters(topic="education")) == {"https://example.kz/c"}
    assert _urls(store.db, Filters(region="astana")) == set()
    assert _urls(store.db, Filters(topic="no-such-topic")) == set()
    # Text terms survive the re-index: the word still finds the relabelled article.
    assert _urls(store.db, Filters(topic="society"), "робототехники") == {"https://example.kz/a"}
    store.begin()
    assert (pg_index.refresh(store.db) if is_postgres(store.db) else rebuild(store.db)) == 3
    store.commit()
    assert _urls(store.db, Filters(region="shymkent")) == {"https://example.kz/b", "https://example.kz/c"}
    store.close()


def test_migration_refills_facets_of_a_store_made_before_it(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    monkeypatch.setattr(store_sqlite, "MIGRATIONS", MIGRATIONS[:5])
    _fill(path, tmp_path)
    old = Store(path)
    _label(old.db, LABELS)
    assert old.schema_version == 5
    assert not _urls(old.db, Filters(topic="education"))  # the old triggers had no topic term
    before = {tuple(r) for r in old.db.execute("SELECT rowid, title, body FROM search_fts")}
    old.close()
    monkeypatch.setattr(store_sqlite, "MIGRATIONS", MIGRATIONS)
    store = Store(path)
    assert store.schema_version == len(MIGRATIONS)
    assert {tuple(r) for r in store.db.execute("SELECT rowid, title, body FROM search_fts")} == before
    assert _urls(store.db, Filters(topic="education")) == {"https://example.kz/a", "https://example.kz/c"}
    assert _urls(store.db, Filters(region="astana")) == {"https://example.kz/a"}
    assert _urls(store.db, Filters(lang="ru", outlet=None)) == {"https://example.kz/a", "https://example.kz/b"}
    store.close()
