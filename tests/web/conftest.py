"""A demo store built once per test session with the real pipeline, plus one hostile article;
and the same store copied into PostgreSQL, for tests that compare the two backends."""

from __future__ import annotations

import json
import warnings

import pytest

from janalyq.pipeline import import_paths
from janalyq.store import Store
from janalyq.web import create_app
from janalyq.web.demo import fill_demo_db

HOSTILE = {
    "url": "https://hostile.example/1", "lang": "en", "published": "2026-03-01",
    "title": "Hostile <script>alert('title')</script> headline",
    "body": "First paragraph <img src=x onerror=alert(1)> with an event attribute.\n\n"
            "Second paragraph <script>alert('body')</script> and a <a href=\"javascript:alert(2)\">link</a>.",
    "source_url": "javascript:alert('source')",
}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    report = fill_demo_db(path)
    assert report.stored_new == 66 and not report.rejects
    hostile = path.parent / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    store = Store(path)
    import_paths([str(hostile)], store)
    store.close()
    return path


@pytest.fixture(scope="session")
def demo_pg_url(demo_db, pg_cluster) -> str:
    """The demo store's articles (same rids, sightings, runs) in a PostgreSQL store."""
    from janalyq.store import open_store
    from tests.backends import copy_store

    url = pg_cluster.new_database()
    store = open_store(url)
    copy_store(demo_db, store)
    store.close()
    return url


@pytest.fixture(scope="session")
def client(demo_db):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    with TestClient(create_app(demo_db), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def some_ids(client):
    """One article id per language, from the API."""
    found = {}
    for lang in ("kk", "ru", "en"):
        found[lang] = client.get(f"/api/v1/articles?lang={lang}&limit=1").json()["items"][0]["id"]
    return found
