"""Arguments as sqlite3 takes them, on both engines: named `:marks` with a dict (the crawler's
state writes so), and text holding NUL (a hostile request), which PostgreSQL cannot take as it is."""

from __future__ import annotations

from janalyq.store.dialect import postgres_sql


def test_named_marks_become_psycopg_names_and_casts_and_literals_stay():
    text, order, _ = postgres_sql("UPDATE t SET a = :now, b = :now_2 WHERE c = :name AND d::json IS NOT NULL"
                                  " AND e = ':not_a_mark'")
    assert text == ("UPDATE t SET a = %(now)s, b = %(now_2)s WHERE c = %(name)s AND d::json IS NOT NULL"
                    " AND e = ':not_a_mark'")
    assert order is None


def test_named_marks_read_and_write_the_same_on_both_engines(store):
    store.begin()
    store.db.execute("INSERT INTO runs(started_at, inputs, status) VALUES (:when, :inputs, :status)",
                     {"when": "2026-03-01T10:00:00+00:00", "inputs": "[]", "status": "done"})
    store.db.execute("UPDATE runs SET finished_at = :when, counts = :counts WHERE status = :status",
                     {"when": "2026-03-01T10:05:00+00:00", "counts": '{"n": 1}', "status": "done"})
    store.commit()
    row = store.db.execute("SELECT started_at, finished_at, counts FROM runs WHERE status = :status",
                           {"status": "done"}).fetchone()
    assert tuple(row) == ("2026-03-01T10:00:00+00:00", "2026-03-01T10:05:00+00:00", '{"n": 1}')


def test_a_nul_in_an_argument_finds_nothing_and_breaks_nothing(store):
    assert store.db.execute("SELECT count(*) FROM articles WHERE id = ?", ("ab\x00cd",)).fetchone()[0] == 0
    assert store.db.execute("SELECT count(*) FROM articles WHERE url = :url", {"url": "\x00"}).fetchone()[0] == 0
    # The connection goes on as before.
    assert store.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
