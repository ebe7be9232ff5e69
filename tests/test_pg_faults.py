"""PostgreSQL's operator faults on the command line, as SQLite's (store/faults.py): one line naming
the store and what to do, an exit status of its own, no traceback, and nothing committed lost."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench.generate import generate_corpus
from janalyq.store import open_store
from tests.stores import connect


def _stored(url: str) -> int:
    db = connect(url)
    try:
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        db.close()


def test_a_lost_connection_ends_the_import_with_one_line_and_keeps_the_batches(tmp_path, pg_url):
    corpus = tmp_path / "corpus"
    generate_corpus(600, corpus, seed=3)
    (corpus / "truth.tsv").unlink()  # the answer key is no page (a table of ids: a reject)
    env = {**os.environ, "JANALYQ_EMBEDDINGS": "0"}
    child = subprocess.Popen([sys.executable, "-m", "janalyq", "import", str(corpus), "--db", pg_url, "--quiet",
                              "--batch-size", "50"], stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 120
    while _stored(pg_url) < 100 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    assert child.poll() is None, "the import ended before its connection could be cut"
    admin = connect(pg_url)  # an administrator ends the importer's session
    admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                  " WHERE datname = current_database() AND pid != pg_backend_pid()")
    admin.close()
    _, err = child.communicate(timeout=120)
    assert child.returncode == 6, err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "connection to the database server was lost" in lines[0], err
    kept = _stored(pg_url)
    assert kept >= 100
    # Nothing half-stored: every article kept has its sighting; the same import completes it.
    again = subprocess.run([sys.executable, "-m", "janalyq", "import", str(corpus), "--db", pg_url, "--quiet"],
                           capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0, again.stderr
    store = open_store(pg_url)
    assert store.scalar("SELECT count(*) FROM articles a WHERE NOT EXISTS"
                        " (SELECT 1 FROM sightings s WHERE s.article_rid = a.rid)") == 0
    assert [row[0] for row in store.rows("SELECT status FROM runs ORDER BY id")] == ["killed", "done"]
    assert store.scalar("SELECT count(*) FROM articles") > kept
    store.close()


def test_a_driver_message_over_several_lines_is_reported_on_one():
    """libpq writes a lost connection over two or three lines; the fault stays one line."""
    import psycopg

    from janalyq.store.faults import fault_of

    lost = psycopg.OperationalError("terminating connection due to administrator command\n"
                                    "server closed the connection unexpectedly\n\tThis probably means ...\n")
    fault = fault_of(lost, "postgresql://janalyq:secret@localhost:5432/news")
    assert fault is not None and "\n" not in str(fault) and "\t" not in str(fault)
    assert "administrator command server closed the connection" in str(fault)
    assert "secret" not in str(fault)


def test_psycopgs_echo_of_the_error_that_ended_a_pipeline_is_dropped(caplog):
    # A connection cut during `executemany` made psycopg log "error ignored terminating
    # <Pipeline>" beside the fault janalyq reports on one line; other psycopg warnings still show.
    import logging

    import janalyq.store.pg_connection  # noqa: F401 - installs the filter

    psycopg_log = logging.getLogger("psycopg")
    with caplog.at_level(logging.WARNING, logger="psycopg"):
        psycopg_log.warning("error ignored terminating %r: %s", "<psycopg.Pipeline [BAD]>",
                            "consuming input failed: server closed the connection unexpectedly")
        psycopg_log.warning("some other psycopg warning")
    assert [r.getMessage() for r in caplog.records] == ["some other psycopg warning"]
