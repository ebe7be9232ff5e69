"""`janalyq store copy`: an SQLite store into PostgreSQL and back, on a real PostgreSQL server.

The source is the real seed pages imported with the model on (vectors, topics, stories), a
file the import rejects, and crawl state (a source, a pass, a frontier, validators, a fetch
log).  After each copy every table is compared row for row with the source, the export is the
same, the copy is searched the same, and importing the seeds again adds nothing.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from typer.testing import CliRunner

from janalyq.cli import app
from janalyq.crawl.config import SourceSpec
from janalyq.crawl.discover import Link
from janalyq.crawl.state import CrawlState, FrontierItem
from janalyq.export import export_records
from janalyq.pipeline import import_paths
from janalyq.search import engine
from janalyq.store import open_store
from janalyq.store.copy import REBUILT, copy_store
from janalyq.store.dialect import primary_key, table_columns, table_names

runner = CliRunner()
QUERIES = ["Қазақстан", "министр", "образование", "Astana", "білім беру", "Президент"]
NOT_COMPARED = REBUILT | {"key_merge_state"}  # key_merge_state: compared on its own (one row)


def _crawl_state(store) -> None:
    """A crawler's state, as the crawler writes it (janalyq.crawl.state)."""
    crawl = CrawlState(store)
    store.begin()
    crawl.save_source(SourceSpec(name="edu-feed", kind="feed", url="https://edu.example.kz/rss", lang="kk"))
    pass_id = crawl.start_pass(["edu-feed"])
    crawl.enqueue([Link("https://edu.example.kz/news/1", "article", 1, {"title": "Мектеп ашылды"}),
                   Link("https://edu.example.kz/news/2", "article", 1)], "edu-feed", pass_id)
    crawl.finish("https://edu.example.kz/news/1", "done", "stored")
    crawl.save_validators("https://edu.example.kz/rss", '"v7"', "Tue, 03 Mar 2026 08:00:00 GMT", "ab" * 20)
    item = FrontierItem("https://edu.example.kz/news/1", "edu-feed", "article", 1, "edu.example.kz", 0, {})
    crawl.log(pass_id, item, 1, 200, "stored", None, 5120, 0.25)
    crawl.log(pass_id, item, 2, 304, "not_modified", "same validators", 0, 0.05)
    crawl.finish_pass(pass_id, {"fetched": 2})
    store.commit()


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory, seeds_dir) -> str:
    """The seeds imported into SQLite, model on, beside an empty file (a reject), with crawl state."""
    folder = tmp_path_factory.mktemp("copy-source")
    (folder / "empty.txt").write_bytes(b"")
    path = str(folder / "source.db")
    store = open_store(path)
    report = import_paths([str(seeds_dir), str(folder / "empty.txt")], store, embeddings=True)
    assert report.stored_new == 51 and len(report.rejects) == 1
    _crawl_state(store)
    store.close()
    return path


def _rows(address: str, table: str, columns: list[str]) -> list[tuple]:
    store = open_store(address)
    try:
        order = ", ".join(primary_key(store.db, table) or columns)
        return [tuple(row) for row in store.db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")]
    finally:
        store.close()


def _tables(address: str) -> dict[str, list[str]]:
    store = open_store(address)
    try:
        return {name: table_columns(store.db, name) for name in table_names(store.db)}
    finally:
        store.close()


def assert_same_tables(source: str, copy: str) -> None:
    source_tables, copy_tables = _tables(source), _tables(copy)
    shared = set(source_tables) & set(copy_tables) - NOT_COMPARED
    assert {"articles", "sightings", "article_vectors", "lsh_bands_recent", "story_keys_recent", "runs", "rejects",
            "crawl_sources", "crawl_passes", "frontier", "http_validators", "fetch_log", "facet_counts"} <= shared
    for table in sorted(shared):
        columns = source_tables[table]
        source_rows = _rows(source, table, columns)
        assert _rows(copy, table, columns) == source_rows, table
    assert _rows(copy, "key_merge_state", ["next_slice"]) == _rows(source, "key_merge_state", ["next_slice"])


def _export(address: str) -> list[dict]:
    store = open_store(address)
    try:
        return list(export_records(store))
    finally:
        store.close()


def _searches(address: str) -> dict[str, list[int]]:
    store = open_store(address)
    try:
        return {q: [hit.article["rid"] for hit in engine.search(store.db, q).hits] for q in QUERIES}
    finally:
        store.close()


def _reimport_adds_nothing(address: str, seeds_dir) -> None:
    store = open_store(address)
    try:
        report = import_paths([str(seeds_dir)], store, embeddings=False)
        assert report.stored_new == 0 and report.merged == 0
        assert store.scalar("SELECT count(*) FROM articles") == 51
    finally:
        store.close()


def test_sqlite_to_postgresql_and_back(seeds_store, pg_url, tmp_path, seeds_dir, pg_cluster):
    progress: list[tuple[str, int, int]] = []
    report = copy_store(seeds_store, pg_url, on_progress=lambda *step: progress.append(step))
    assert report.rejects == [] and report.rows["articles"] == 51 and report.rows["fetch_log"] == 2
    assert ("articles", 51, 51) in progress and ("frontier", 2, 2) in progress
    assert_same_tables(seeds_store, pg_url)
    assert _export(pg_url) == _export(seeds_store)

    # The search documents are those a direct import into PostgreSQL writes.
    direct = pg_cluster.new_database()
    store = open_store(direct)
    import_paths([str(seeds_dir)], store, embeddings=True)
    documents = "SELECT a.id, d.c0, d.c1, d.facets, d.terms::text FROM search_docs d JOIN articles a USING (rid) ORDER BY a.id"
    expected = store.rows(documents)
    store.close()
    copied = open_store(pg_url)
    assert copied.rows(documents) == expected and len(expected) == 51
    # Identities moved past the copied ids: a new run takes the next id.
    last_run = copied.scalar("SELECT max(id) FROM runs")
    assert copied.start_run(["next"]) == last_run + 1
    copied.close()

    back = str(tmp_path / "back.db")
    report = copy_store(pg_url, back)
    assert report.rejects == [] and report.rows["articles"] == 51
    assert_same_tables(pg_url, back)  # the run started above included
    assert _export(back) == _export(seeds_store)
    assert _searches(back) == _searches(seeds_store) and any(_searches(back).values())
    _reimport_adds_nothing(pg_url, seeds_dir)
    _reimport_adds_nothing(back, seeds_dir)


def test_cli_refuses_a_destination_that_holds_data(seeds_store, pg_url, tmp_path):
    first = runner.invoke(app, ["store", "copy", seeds_store, pg_url, "--quiet"])
    assert first.exit_code == 0, first.output
    assert "51 articles" in first.output
    again = runner.invoke(app, ["store", "copy", seeds_store, pg_url, "--quiet"])
    assert again.exit_code == 2
    assert "is not empty (articles holds 51 rows)" in again.output
    missing = runner.invoke(app, ["store", "copy", seeds_store + ".none", pg_url])
    assert missing.exit_code == 2 and "no store at" in missing.output
    store = open_store(pg_url)
    assert store.scalar("SELECT count(*) FROM articles") == 51
    store.close()
    # Between two SQLite files too: FTS5's shadow tables are made by the destination, not copied.
    other = str(tmp_path / "other.db")
    assert runner.invoke(app, ["store", "copy", seeds_store, other, "--quiet"]).exit_code == 0
    assert _export(other) == _export(seeds_store)


def test_a_row_postgresql_cannot_take_is_a_reject(tmp_path, pg_url):
    """SQLite keeps text in a REAL column; PostgreSQL refuses it: that article (and its
    sighting, which names it) is rejected by name, the others are copied."""
    path = str(tmp_path / "loose.db")
    records = [{"url": f"https://akorda.example.kz/{n}", "lang": "kk", "published": f"2026-02-1{n}",
                "title": f"Астанада {n}-ші жаңа мектеп салынды", "body": f"Мектепте {n * 300} оқушы оқиды."}
               for n in range(1, 4)]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    store = open_store(path)
    import_paths([str(tmp_path / "in.jsonl")], store, embeddings=False)
    store.close()
    with sqlite3.connect(path) as raw:
        bad_rid = raw.execute("SELECT rid FROM articles ORDER BY rid LIMIT 1 OFFSET 1").fetchone()[0]
        raw.execute("UPDATE articles SET lang_confidence = 'high' WHERE rid = ?", (bad_rid,))
    result = runner.invoke(app, ["store", "copy", path, pg_url])
    assert result.exit_code == 1, result.output
    assert f"rejected articles rid {bad_rid}:" in result.output and "double precision" in result.output
    assert "rejected sightings" in result.output
    copied = open_store(pg_url)
    assert sorted(r[0] for r in copied.rows("SELECT rid FROM articles")) == sorted({1, 2, 3} - {bad_rid})
    assert copied.scalar("SELECT count(*) FROM search_docs") == 2
    copied.close()
