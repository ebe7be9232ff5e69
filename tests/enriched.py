"""One store shared by the topic and story tests: the sample pages in ../shared/seeds, our own
trilingual versions of three of their stories, and a few hand-written events, imported once
through the real pipeline with the embedding model on."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.devsets import HERE as DEVSETS, SEEDS, load_events, write_events_jsonl

# Two Constitution meetings in two cities on two days, two Nauryz celebrations, two hospitals.
EVENT_IDS = ("e002", "e003", "e042", "e041", "e047", "e048", "e004")


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def enriched_store(request, tmp_path_factory):
    """The store, on each backend in turn (filled once per backend, read by many tests)."""
    from janalyq.pipeline import import_paths
    from janalyq.store import open_store
    from tests.stores import address_for

    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    folder = tmp_path_factory.mktemp("enriched")
    events = write_events_jsonl(folder / "events.jsonl",
                                [r for r in load_events() if r["event"] in EVENT_IDS])
    store = open_store(address_for(request, request.param, folder))
    report = import_paths([str(SEEDS), str(DEVSETS / "trilingual_samples.jsonl"), str(events)], store)
    assert not report.rejects, report.rejects
    store.report = report
    yield store
    store.close()


def row_by_url(store, url_part: str):
    rows = store.rows("SELECT * FROM articles WHERE url LIKE ?", (f"%{url_part}",))
    assert len(rows) == 1, (url_part, len(rows))
    return rows[0]


def path_of(name: str) -> Path:
    return DEVSETS / name
