"""Shared fixtures: the real sample pages and gold labels in ../shared, read from there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.stores import BACKENDS

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds.jsonl"


def load_gold() -> list[dict]:
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def gold() -> list[dict]:
    if not GOLD.is_file():
        pytest.skip("../shared/gold/seeds.jsonl is not present")
    return load_gold()


@pytest.fixture(scope="session")
def pg_cluster():
    """One throwaway PostgreSQL cluster for the whole run (tests/pg_cluster.py)."""
    from tests import pg_cluster as cluster_module

    if not cluster_module.available():
        pytest.fail("PostgreSQL 15 is not installed: run tests/setup-system.sh (make test does)")
    cluster = cluster_module.Cluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """A new, migrated, empty PostgreSQL store of its own for one test (dropped after it)."""
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop_database(url)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """A new store's address on each backend: the test runs once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url):
    """An empty store, on each backend in turn."""
    from janalyq.store import open_store

    db = open_store(db_url)
    yield db
    db.close()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def seeds_export(request, tmp_path_factory, seeds_dir) -> list[dict]:
    """The seeds imported once into a fresh store, exported as the JSON Lines records: on SQLite,
    then on PostgreSQL (the gold tests hold on both)."""
    from janalyq.export import export_records
    from janalyq.pipeline import import_paths
    from janalyq.store import open_store
    from tests.stores import address_for

    db = open_store(address_for(request, request.param, tmp_path_factory.mktemp("seeds")))
    report = import_paths([str(seeds_dir)], db)
    assert not report.rejects, report.rejects
    records = list(export_records(db))
    db.close()
    return records


@pytest.fixture
def new_db(db_url, request, tmp_path):
    """More new stores on the backend of `db_url`, for a test that compares several:
    `new_db("name")` is an SQLite file beside it, or a new PostgreSQL database."""
    from janalyq.store.dialect import is_postgres_url

    def make(name: str) -> str:
        if is_postgres_url(db_url):
            return request.getfixturevalue("pg_cluster").new_database()
        return str(tmp_path / f"{name}.db")

    return make
