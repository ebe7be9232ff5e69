"""kill -9 in the middle of a long import, then the same import again.

What was committed survives intact (no half-stored article: every article has its sighting,
its dedup keys and its full-text row), and the resumed import ends with exactly the articles of
an uninterrupted import of the same files.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time

from bench.generate import generate_corpus
from janalyq.export import export_records
from janalyq.pipeline import import_paths
from janalyq.store import open_store
from tests.stores import connect, on_postgres

ARTICLES = 4000
# PostgreSQL stores each article at a few times SQLite's cost in one process: a smaller corpus
# still leaves committed batches behind the kill and a rest to resume.
ARTICLES_ON_POSTGRES = 1000
KILL_AFTER = {False: 500, True: 250}


def snapshot(db_path) -> dict:
    store = open_store(db_path)
    snap = {r["id"]: (r["title"], r["published"], r["body"], r["duplicates"], tuple(sorted(r["seen_in"])))
            for r in export_records(store)}
    store.close()
    return snap


def count_articles(db_path) -> int:
    if on_postgres(db_path):
        con = connect(db_path)
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        con.close()
        return n
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        con.close()
        return n
    except sqlite3.Error:
        return 0


def test_kill_9_then_resume(tmp_path, db_url, new_db, monkeypatch):
    # Durability is the point here; the embedding model would only make both imports slow.
    monkeypatch.setenv("JANALYQ_EMBEDDINGS", "0")
    postgres = on_postgres(db_url)
    corpus = tmp_path / "corpus"
    generate_corpus(ARTICLES_ON_POSTGRES if postgres else ARTICLES, corpus, seed=7)
    (corpus / "truth.tsv").rename(tmp_path / "truth.tsv")
    reference_db = new_db("reference")
    reference = open_store(reference_db)
    import_paths([str(corpus)], reference)
    reference.close()

    killed_db = db_url
    child = subprocess.Popen([sys.executable, "-m", "janalyq", "import", str(corpus), "--db", str(killed_db),
                              "--quiet", "--batch-size", "100"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count_articles(killed_db) < KILL_AFTER[postgres] and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the import finished before it could be killed"

    con = connect(killed_db)
    if not postgres:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert KILL_AFTER[postgres] <= stored < len(reference_snapshot := snapshot(reference_db))
    orphans = con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS"
                          " (SELECT 1 FROM sightings s WHERE s.article_rid = a.rid)").fetchone()[0]
    assert orphans == 0
    keyless = con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS"
                          " (SELECT 1 FROM dedup_keys k WHERE k.article_rid = a.rid)"
                          " AND NOT EXISTS (SELECT 1 FROM dedup_keys_recent k WHERE k.article_rid = a.rid)").fetchone()[0]
    assert keyless == 0
    search_rows = "SELECT count(DISTINCT rid) FROM search_docs" if postgres else "SELECT count(*) FROM search_fts"
    assert con.execute(search_rows).fetchone()[0] == stored
    con.close()

    resumed = open_store(killed_db)
    report = import_paths([str(corpus)], resumed)
    # The killed run does not stay "running": the next run marks it killed (on PostgreSQL, the
    # server knows its connection is gone; on SQLite, its process is).
    statuses = [row[0] for row in resumed.rows("SELECT status FROM runs ORDER BY id")]
    resumed.close()
    assert statuses == ["killed", "done"]
    assert report.already_known > 0
    assert snapshot(killed_db) == reference_snapshot
