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
from janalyq.store import Store

ARTICLES = 4000


def snapshot(db_path) -> dict:
    store = Store(db_path)
    snap = {r["id"]: (r["title"], r["published"], r["body"], r["duplicates"], tuple(sorted(r["seen_in"])))
            for r in export_records(store)}
    store.close()
    return snap


def count_articles(db_path) -> int:
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5)
        n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        con.close()
        return n
    except sqlite3.Error:
        return 0


def test_kill_9_then_resume(tmp_path, monkeypatch):
    # Durability is the point here; the embedding model would only make both imports slow.
    monkeypatch.setenv("JANALYQ_EMBEDDINGS", "0")
    corpus = tmp_path / "corpus"
    generate_corpus(ARTICLES, corpus, seed=7)
    (corpus / "truth.tsv").rename(tmp_path / "truth.tsv")
    reference_db = tmp_path / "reference.db"
    reference = Store(reference_db)
    import_paths([str(corpus)], reference)
    reference.close()

    killed_db = tmp_path / "killed.db"
    child = subprocess.Popen([sys.executable, "-m", "janalyq", "import", str(corpus), "--db", str(killed_db),
                              "--quiet", "--batch-size", "100"], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while count_articles(killed_db) < 500 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the import finished before it could be killed"

    con = sqlite3.connect(killed_db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 500 <= stored < len(reference_snapshot := snapshot(reference_db))
    orphans = con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS"
                          " (SELECT 1 FROM sightings s WHERE s.article_rid = a.rid)").fetchone()[0]
    assert orphans == 0
    keyless = con.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS"
                          " (SELECT 1 FROM dedup_keys k WHERE k.article_rid = a.rid)"
                          " AND NOT EXISTS (SELECT 1 FROM dedup_keys_recent k WHERE k.article_rid = a.rid)").fetchone()[0]
    assert keyless == 0
    assert con.execute("SELECT count(*) FROM search_fts").fetchone()[0] == stored
    con.close()

    resumed = Store(killed_db)
    report = import_paths([str(corpus)], resumed)
    resumed.close()
    assert report.already_known > 0
    assert snapshot(killed_db) == reference_snapshot
