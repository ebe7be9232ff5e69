"""A demo store built once per test session with the real pipeline, plus one hostile article,
on each backend: `served_db` (and the `client` serving it) is the SQLite file, then a PostgreSQL
database filled by the same pipeline, so every portal test runs on both.  `demo_pg_url` is the
SQLite demo store copied row for row (same rids) into PostgreSQL, for byte-for-byte comparisons."""

from __future__ import annotations

import json
import warnings

import pytest

from janalyq.pipeline import import_paths
from janalyq.store import open_store
from janalyq.web import create_app
from janalyq.web.demo import fill_demo_db

HOSTILE = {
    "url": "https://hostile.example/1", "lang": "en", "published": "2026-03-01",
    "title": "Hostile <script>alert('title')</script> headline",
    "body": "First paragraph <img src=x onerror=alert(1)> with an event attribute.\n\n"
            "Second paragraph <script>alert('body')</script> and a <a href=\"javascript:alert(2)\">link</a>.",
    "source_url": "javascript:alert('source')",
}


def _fill_demo(db, folder):
    report = fill_demo_db(db, warc_dir=folder / "demo.warc")
    assert report.stored_new == 66 and not report.rejects
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    store = open_store(db)
    import_paths([str(hostile)], store)
    store.close()
    return db


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory):
    """The demo store in SQLite (a file path)."""
    folder = tmp_path_factory.mktemp("demo")
    return _fill_demo(folder / "demo.db", folder)


@pytest.fixture(scope="session")
def demo_pg_url(demo_db, pg_cluster) -> str:
    """The demo store (same rids, sightings, runs) copied into PostgreSQL by `janalyq store copy`."""
    from janalyq.store.copy import copy_store

    url = pg_cluster.new_database()
    copy_store(str(demo_db), url)
    return url


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def served_db(request, tmp_path_factory):
    """The store the `client` serves: the SQLite demo store, then the same news imported into
    PostgreSQL by the same pipeline (a postgresql:// address)."""
    if request.param == "sqlite":
        return request.getfixturevalue("demo_db")
    folder = tmp_path_factory.mktemp("demo-pg")
    return _fill_demo(request.getfixturevalue("pg_cluster").new_database(), folder)


@pytest.fixture(scope="session")
def client(served_db):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    with TestClient(create_app(served_db), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def some_ids(client):
    """One article id per language, from the API."""
    found = {}
    for lang in ("kk", "ru", "en"):
        found[lang] = client.get(f"/api/v1/articles?lang={lang}&limit=1").json()["items"][0]["id"]
    return found
