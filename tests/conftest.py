"""Shared fixtures: the real sample pages and gold labels in ../shared, read from there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


@pytest.fixture
def store(tmp_path):
    from janalyq.store import Store

    db = Store(tmp_path / "test.db")
    yield db
    db.close()


@pytest.fixture(scope="session")
def seeds_export(tmp_path_factory, seeds_dir) -> list[dict]:
    """The seeds imported once into a fresh store, exported as the JSON Lines records."""
    from janalyq.export import export_records
    from janalyq.pipeline import import_paths
    from janalyq.store import Store

    db = Store(tmp_path_factory.mktemp("seeds") / "seeds.db")
    report = import_paths([str(seeds_dir)], db)
    assert not report.rejects, report.rejects
    records = list(export_records(db))
    db.close()
    return records
