"""The portal and the API answer the same on SQLite and on PostgreSQL: the demo store and its copy
in PostgreSQL (same articles, same rids) serve byte-identical pages, feeds and JSON, search
included.

The web app opens its store by address (janalyq/web/deps.py through `janalyq.store.open_store`),
an SQLite file or a PostgreSQL address alike.
"""

from __future__ import annotations

import sqlite3
import warnings

import pytest

from janalyq.web import create_app

PAGES = [
    "/kk/", "/ru/", "/en/", "/en/index.json", "/kk/feed.rss", "/en/feed.atom", "/ru/outlets.json", "/en/archive.json",
    "/kk/search?q=Конституция", "/kk/search?q=Konstitutsiia&lang=kk", "/ru/search.json?q=школах",
    "/en/search.json?q=school&lang=all", "/en/search.json?q=%22open+lessons%22", "/en/search.json?q=village+-doctors",
    "/en/search.json?q=new&page=2", "/kk/search.json?q=жаңа&since=2026-01-01", "/en/search.json?topic=education&lang=all",
    "/en/search.json?region=astana&lang=all", "/ru/search/feed.rss?q=грант", "/en/search.json?q=%27%3A%5C%22",
    "/api/v1/search?q=water", "/api/v1/search?q=Qazaqstan&lang=kk", "/api/v1/search?q=school&topic=education",
    "/api/v1/articles?lang=kk&limit=5", "/api/v1/articles?limit=50", "/api/v1/sections", "/api/v1/outlets",
    "/api/v1/stats", "/api/v1/topics", "/api/v1/regions", "/sitemap.xml", "/sitemaps/pages.xml",
]


@pytest.fixture(scope="module")
def clients(demo_db, demo_pg_url):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    with TestClient(create_app(demo_db)) as lite, TestClient(create_app(demo_pg_url)) as pg:
        yield lite, pg


def _article_pages(demo_db) -> list[str]:
    db = sqlite3.connect(demo_db)
    try:
        rows = db.execute("SELECT id, lang FROM articles ORDER BY rid").fetchall()
    finally:
        db.close()
    return [f"/{lang or 'en'}/article/{article_id}" for article_id, lang in rows[::4]] + \
        [f"/api/v1/articles/{article_id}" for article_id, _ in rows[1::4]]


def _same(lite, pg, path: str) -> None:
    a, b = lite.get(path), pg.get(path)
    assert a.status_code == b.status_code == 200, (path, a.status_code, b.status_code)
    assert a.text == b.text, path


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_the_same_on_both_backends(clients, path):
    _same(*clients, path)


def test_article_pages_with_related_articles_are_the_same(clients, demo_db):
    lite, _ = clients
    pages = _article_pages(demo_db)
    assert len(pages) > 10
    for path in pages:
        _same(*clients, path)
    related = [lite.get(p).json()["related"] for p in pages if p.startswith("/api/")]
    assert any(related), "no article of the sample has related articles: the comparison shows little"


def test_cursor_pages_are_the_same(clients):
    lite, pg = clients
    cursor = ""
    for _ in range(5):
        a = lite.get(f"/api/v1/articles?limit=7{cursor}").json()
        assert a == pg.get(f"/api/v1/articles?limit=7{cursor}").json()
        if not a.get("next_cursor"):
            break
        cursor = f"&cursor={a['next_cursor']}"
    assert cursor, "a single page: the cursor was not exercised"


def test_the_app_opens_a_postgresql_address(demo_pg_url):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    # Another address of the same database: the comparison's stores are cached by address.
    with TestClient(create_app(demo_pg_url + "?application_name=wiring")) as client:
        found = client.get("/api/v1/search?q=school").json()
        assert found["total"] > 0
