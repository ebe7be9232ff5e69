"""Issue 16, part 2: many import workers on one PostgreSQL store (janalyq.work).

Workers race over copies planted across their inputs (tests/work_corpus.py): every distinct
article is stored once, every copy is merged, and stories come out as a serial import of the
same files links them.  A worker killed midway loses nothing: its file is taken again.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from janalyq.export import export_records
from janalyq.pipeline import import_paths
from janalyq.store import open_store
from janalyq.store.postgres import WRITER_LOCK
from janalyq.work.queue import enqueue
from tests.robust_text import article_text
from tests.work_corpus import Record, write_corpus

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "250"}
SUMMARY = re.compile(r"(\d+) files, (\d+) articles read: (\d+) new, (\d+) copies merged, (\d+) already stored,"
                     r" (\d+) inputs rejected")


def janalyq(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "janalyq", *args], env=ENV, cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def serial_import(url: str, groups: list[list[Path]]) -> list[dict]:
    """The reference: the same files imported one group after the other by one process."""
    store = open_store(url)
    for group in groups:
        report = import_paths([str(p) for p in group], store)
        assert not report.rejects, report.rejects
    records = list(export_records(store))
    store.close()
    return records


def by_url(records: list[dict]) -> dict[str, tuple]:
    """What must not depend on the order of the writers, per kept copy.  Not the article id nor
    the topic: both are the first stored copy's, also when a better copy replaces its text, so
    they depend on which copy came first, in a serial import as much as in a race."""
    return {r["url"]: (r["title"], r["body"], r["lang"], r["published"], r["source_url"], r["duplicates"],
                       sorted(r["seen_in"])) for r in records}


def stories(records: list[dict]) -> set[frozenset[str]]:
    """Stories as sets of their articles (by kept copy): a story's id is its first member's, so
    which id a story has depends on which import stored a version first; its members do not."""
    groups = collections.defaultdict(set)
    for r in records:
        groups[r["story_id"]].add(r["url"])
    return {frozenset(g) for g in groups.values()}


def waiting_on_writer_lock(url: str) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                            " AND objid = %s", (WRITER_LOCK & 0xFFFFFFFF,)).fetchone()[0]


def test_two_imports_at_once_store_every_distinct_article_once(pg_cluster, tmp_path):
    corpus = write_corpus(tmp_path / "in")
    url, serial_url = pg_cluster.new_database(), pg_cluster.new_database()
    # Both imports start from the same moment: the writers' lock is held until both wait for it.
    with psycopg.connect(url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (WRITER_LOCK,))
        runs = [janalyq("import", str(tmp_path / "in" / name), "--db", url, "--workers", workers, "-q",
                        "--batch-size", "4") for name, workers in (("first", "2"), ("second", "1"))]
        deadline = time.monotonic() + 60
        while waiting_on_writer_lock(url) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        holder.execute("SELECT pg_advisory_unlock(%s)", (WRITER_LOCK,))
    outputs = [run.communicate(timeout=180) for run in runs]
    for run, (_, err) in zip(runs, outputs):
        assert run.returncode == 0, err
    counts = [tuple(int(n) for n in SUMMARY.search(err).groups()) for _, err in outputs]
    assert [c[0] for c in counts] == [len(corpus.first), len(corpus.second)]
    assert sum(c[1] for c in counts) == corpus.records
    assert sum(c[2] for c in counts) == corpus.distinct  # new: every distinct article once
    assert sum(c[3] + c[4] for c in counts) == corpus.records - corpus.distinct  # every copy merged
    assert all(c[5] == 0 for c in counts)

    store = open_store(url)
    raced = list(export_records(store))
    first_urls, second_urls = _urls(corpus.first), _urls(corpus.second)
    order = [0 if u in first_urls else 1 for (u,) in store.db.execute("SELECT url FROM articles ORDER BY rid")
             if (u in first_urls) != (u in second_urls)]
    units = store.rows("SELECT state, count(*) FROM work_units GROUP BY state")
    store.close()
    assert [tuple(u) for u in units] == [("done", len(corpus.first) + len(corpus.second))]
    assert len(raced) == corpus.distinct == len({r["url"] for r in raced})
    # The two imports did write at the same time: their articles alternate in the order stored.
    assert sum(1 for a, b in zip(order, order[1:]) if a != b) >= 2, order

    serial = serial_import(serial_url, [corpus.first, corpus.second])
    assert by_url(raced) == by_url(serial)
    assert stories(raced) == stories(serial)
    assert sorted(len(s) for s in stories(raced) if len(s) > 1) == [3] * corpus.stories


def _urls(paths: list[Path]) -> set[str]:
    import json

    return {json.loads(line)["url"] for p in paths for line in p.read_text(encoding="utf-8").splitlines()}


def _big_file(path: Path, count: int) -> Path:
    import random

    rng = random.Random(77)
    records = []
    for n in range(count):
        title, body = article_text(rng, "ru")  # the fillers' language: random texts in two languages
        # share words through their vocabularies, which are translations, and may be linked
        # Dated weeks before the corpus (story windows are days): where the kill lands decides
        # which of the big file's articles are stored before the corpus's, and a story linked in
        # one serial order and not in another would say nothing about the workers.
        records.append(Record(f"https://big.example.kz/ru/{n}", title, body, "2026-03-20", "ru"))
    path.write_text("\n".join(r.line() for r in records) + "\n", encoding="utf-8")
    return path


def test_a_killed_worker_loses_nothing_and_its_file_is_taken_again(pg_cluster, tmp_path):
    corpus = write_corpus(tmp_path / "in")
    big = _big_file(tmp_path / "big.jsonl", 60)
    url, serial_url = pg_cluster.new_database(), pg_cluster.new_database()
    run = janalyq("import", str(big), str(tmp_path / "in"), "--db", url, "--workers", "2", "--batch-size", "1",
                  "-q")
    store = open_store(url)
    deadline = time.monotonic() + 90
    big_articles = "SELECT count(*) FROM articles WHERE url LIKE 'https://big.example.kz/%'"
    while store.scalar(big_articles) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    # The worker on the big file: its name is host:pid.
    doomed = int(store.scalar("SELECT s.worker FROM work_starts s JOIN work_units w ON w.id = s.unit"
                              " WHERE w.path = ?", (str(big),)).rsplit(":", 1)[1])
    os.kill(doomed, signal.SIGSTOP)  # midway through the big file: some of it committed
    stored_before = store.scalar(big_articles)
    assert 5 <= stored_before < 60
    assert store.scalar("SELECT state FROM work_units WHERE path = ?", (str(big),)) == "queued"
    os.kill(doomed, signal.SIGKILL)
    _, err = run.communicate(timeout=180)
    assert run.returncode == 0, err

    files, read, new, merged, known, rejected = (int(n) for n in SUMMARY.search(err).groups())
    records = 60 + corpus.records
    assert (files, read, rejected) == (1 + len(corpus.first) + len(corpus.second), records, 0)
    # The articles the killed worker had committed are found stored when its file is taken again.
    assert (new, merged + known) == (60 + corpus.distinct - stored_before, records - 60 - corpus.distinct
                                     + stored_before)
    starts = store.rows("SELECT s.worker FROM work_starts s JOIN work_units w ON w.id = s.unit"
                        " WHERE w.path = ? ORDER BY s.started_at", (str(big),))
    assert len(starts) == 2 and starts[0][0] != starts[1][0]  # taken again, by another worker
    assert store.scalar("SELECT count(*) FROM work_units WHERE state != 'done'") == 0
    raced = list(export_records(store))
    store.close()
    assert len(raced) == 60 + corpus.distinct == len({r["url"] for r in raced})

    serial = serial_import(serial_url, [[big], corpus.first, corpus.second])
    assert by_url(raced) == by_url(serial)
    assert stories(raced) == stories(serial)


def test_rejects_of_an_import_with_workers_are_printed_and_recorded_once(pg_url, tmp_path):
    (tmp_path / "in").mkdir()
    good = Record("https://x.example.kz/ru/most", "В Павлодаре открыли новый мост",
                  ["Новый мост через Иртыш в Павлодаре открыли для движения в субботу."], "2026-04-02", "ru")
    (tmp_path / "in" / "a-good.jsonl").write_text(good.line() + "\n", encoding="utf-8")
    (tmp_path / "in" / "b-empty.jsonl").write_bytes(b"")
    (tmp_path / "in" / "c-broken.jsonl").write_text('{"url": "https://x.example.kz/2", "title": \n',
                                                     encoding="utf-8")
    run = janalyq("import", str(tmp_path / "in"), "--db", pg_url, "--workers", "2")
    _, err = run.communicate(timeout=120)
    assert run.returncode == 1, err  # rejects, as a plain import
    lines = [line for line in err.splitlines() if line.startswith("rejected ")]
    lines.sort()  # printed as their files are done, in any order
    assert len(lines) == 2 and "b-empty.jsonl" in lines[0] and "c-broken.jsonl" in lines[1], err
    assert "3 files, 1 articles read: 1 new, 0 copies merged, 0 already stored, 2 inputs rejected" in err
    store = open_store(pg_url)
    assert [tuple(r) for r in store.rows("SELECT input LIKE '%b-empty.jsonl', times FROM rejects ORDER BY input")] \
        == [(True, 1), (False, 1)]
    assert store.scalar("SELECT status FROM runs WHERE status != 'probe'") == "done_with_rejects"
    store.close()


def test_a_file_that_ends_every_worker_becomes_a_reject(pg_url, tmp_path):
    path = tmp_path / "poison.jsonl"
    path.write_text(Record("https://x.example.kz/1", "Жаңа көпір салынды", ["Қалада жаңа көпір салынды."],
                           "2026-04-01", "kk").line() + "\n", encoding="utf-8")
    store = open_store(pg_url)
    job = store.start_run([str(path)])
    enqueue(store, job, [str(path)], dt.datetime.now(dt.timezone.utc))
    unit = store.scalar("SELECT id FROM work_units")
    for n in range(3):  # three workers died on it
        store.db.execute("INSERT INTO work_starts(unit, worker, started_at) VALUES (?, ?, '')", (unit, f"gone:{n}"))
    worker = janalyq("worker", "--db", pg_url)
    _, err = worker.communicate(timeout=120)
    assert worker.returncode == 0, err
    assert f"rejected {path}: a worker ended 3 times while importing this file" in err
    assert store.scalar("SELECT count(*) FROM articles") == 0
    assert store.rows("SELECT input, times FROM rejects") == [(str(path), 1)]
    assert store.scalar("SELECT state FROM work_units") == "done"
    store.close()


@pytest.mark.parametrize("command", [["worker"], ["crawl", "--once", "--workers", "2"]])
def test_workers_need_postgresql(tmp_path, command):
    run = janalyq(*command, "--db", str(tmp_path / "news.db"))
    _, err = run.communicate(timeout=60)
    assert run.returncode == 2
    assert "PostgreSQL" in err and "Traceback" not in err


def test_writers_share_the_count_of_recent_keys(pg_url):
    """When the recent key tables move into the large ones is decided on the store's count, not
    on what one writer added: with two writers, each sees the other's keys too."""
    from janalyq.store.keys import recent_rows

    first, second = open_store(pg_url), open_store(pg_url)
    first.begin()
    first.add_keys(1, [11, 12], [13])
    first.commit()
    second.begin()
    second.add_keys(2, [21, 22], [23, 24])
    second.commit()
    first.begin()
    first.commit()
    assert first.recent_key_rows == second.recent_key_rows == recent_rows(first.db) == 7
    first.close()
    second.close()
