"""Export streams in index order: oldest first, undated last, every filter, no sort in memory."""

from __future__ import annotations

import json

import pytest

from janalyq.export import export_records
from janalyq.pipeline import import_paths
from janalyq.store import open_store
from tests.stores import BACKENDS, address_for, on_postgres

RECORDS = [
    # (url, lang, published, outlet)
    ("https://example.kz/1", "kk", "2026-03-03", "edu"),
    ("https://example.kz/2", "ru", "2026-03-01", "mfa"),
    ("https://example.kz/3", "kk", None, "edu"),
    ("https://example.kz/4", "en", "2026-03-02", "edu"),
    ("https://example.kz/5", "ru", None, "mfa"),
    ("https://example.kz/6", "kk", "2026-03-01", "mfa"),
]
TEXTS = {
    "kk": ("Өңірде жаңа мектеп ашылды {n}", "Мектепте {n} сынып оқушылары білім алады, ата-аналар жиналысы өтті."),
    "ru": ("В регионе открылась новая школа {n}", "В школе {n} классов, прошло собрание родителей и учителей."),
    "en": ("A new school opened in the region {n}", "The school has {n} classes; parents and teachers met there."),
}


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    lines = []
    for n, (url, lang, published, outlet) in enumerate(RECORDS, start=1):
        title, body = TEXTS[lang]
        record = {"url": url, "lang": lang, "title": title.format(n=n * 7), "body": body.format(n=n * 11),
                  "outlet": outlet}
        if published:
            record["published"] = published
        lines.append(json.dumps(record, ensure_ascii=False))
    (folder / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = open_store(address_for(request, request.param, folder))
    import_paths([str(folder / "in.jsonl")], store, embeddings=False)
    yield store
    store.close()


def _urls(store, **filters) -> list[str]:
    return [r["url"] for r in export_records(store, **filters)]


def test_oldest_first_undated_last_ties_in_storing_order(store):
    assert _urls(store) == ["https://example.kz/2", "https://example.kz/6", "https://example.kz/4",
                            "https://example.kz/1", "https://example.kz/3", "https://example.kz/5"]


def test_filters_keep_the_order(store):
    import datetime as dt

    assert _urls(store, lang="kk") == ["https://example.kz/6", "https://example.kz/1", "https://example.kz/3"]
    assert _urls(store, outlet="mfa") == ["https://example.kz/2", "https://example.kz/6", "https://example.kz/5"]
    # A date range leaves the undated out.
    assert _urls(store, since=dt.date(2026, 3, 2)) == ["https://example.kz/4", "https://example.kz/1"]
    assert _urls(store, lang="kk", until=dt.date(2026, 3, 2)) == ["https://example.kz/6"]


@pytest.mark.parametrize("filters", [{}, {"lang": "kk"}, {"outlet": "edu"}, {"section": "news"},
                                     {"lang": "ru", "since": "2026-03-01"}])
def test_no_filter_makes_sqlite_sort_the_store_in_memory(store, filters):
    if on_postgres(store.path):
        pytest.skip("SQLite's query plans (PostgreSQL's export reads through a server-side cursor)")
    plans = []
    original = store.db.cursor

    class Explaining:
        def __init__(self):
            self.inner = original()

        def execute(self, sql, args=()):
            plans.extend(row[-1] for row in self.inner.execute("EXPLAIN QUERY PLAN " + sql, args))
            return self.inner.execute(sql, args)

    store.db = _Proxy(store.db, Explaining)
    try:
        list(store.iter_articles(**filters))
    finally:
        store.db = store.db.target
    assert plans and not any("TEMP B-TREE" in plan for plan in plans), plans


class _Proxy:
    """The connection, with `cursor()` returning a cursor that records query plans."""

    def __init__(self, target, cursor_type):
        self.target, self.cursor_type = target, cursor_type

    def cursor(self):
        return self.cursor_type()

    def __getattr__(self, name):
        return getattr(self.target, name)


def test_original_url_and_web_sightings_leave_local_files_out(tmp_path, db_url):
    """A page dump read from a local file: `url` and `seen_in` say where janalyq read it (a path
    of the importing machine); `original_url` and `seen_on_web` say what a reader can open."""
    dump = tmp_path / "kk-news.txt"
    dump.write_text("Жаңа аурухана ашылды 03.03.2026\n"
                    "Облыста жаңа аурухана пайдалануға берілді. Ғимарат екі жылда салынды.\n"
                    "Ақпарат көзі : https://www.gov.kz/memleket/entities/moh/press/news/details/77?lang=kk\n",
                    encoding="utf-8")
    store = open_store(db_url)
    import_paths([str(dump)], store, embeddings=False)
    (record,) = list(export_records(store))
    store.close()
    assert record["url"].startswith("file://") and all(u.startswith("file://") for u in record["seen_in"])
    assert record["original_url"] == "https://www.gov.kz/memleket/entities/moh/press/news/details/77?lang=kk"
    assert record["seen_on_web"] == []


def test_original_url_of_a_web_article_is_its_source(store):
    records = list(export_records(store))
    assert [r["original_url"] for r in records] == [r["url"] for r in records]
    assert all(r["seen_on_web"] == [r["url"]] for r in records)
