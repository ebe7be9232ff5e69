"""Backfills on Dask (janalyq.backfill) on a real LocalCluster of two worker processes: a WARC
set stored by the backfill equals the plain import of it (ids, titles, dates, bodies, languages,
outlets, stories, copies merged), also when large WARC files are read in parts on several
workers; a re-run adds nothing; a malformed archive is a reject naming it while the others are
stored; the command prints what `janalyq import` prints, on a LocalCluster or a running cluster
named by its scheduler; and a backfill killed midway keeps what it committed."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warc_pages import EVENTS, pages_of, warc_set, write_warc
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.generate import generate_corpus
from janalyq.backfill import _result_or_reject, backfill_paths, dask_client
from janalyq.export import export_records
from janalyq.pipeline import import_paths
from janalyq.store import Store, open_store

# collected_at is the time of each run; everything else must be the same.
COMPARED = ("id", "lang", "title", "title_derived", "published", "published_at", "body", "source_url", "outlet",
            "url", "duplicates", "flags", "seen_in", "content_hash", "topic", "story_id", "region")


@pytest.fixture(scope="module")
def client():
    # One cluster for the module: starting one costs seconds.
    with dask_client(workers=2) as dask:
        yield dask


@pytest.fixture(autouse=True)
def no_model(monkeypatch):
    # What is compared is the store step and the order; the model would only make both slow
    # (the decision is taken in this process and passed to the cluster's workers).
    monkeypatch.setenv("JANALYQ_EMBEDDINGS", "0")


def stored(store: Store) -> list[tuple]:
    return [tuple(record[f] for f in COMPARED) for record in export_records(store)]


def stage_counts(report) -> list[dict]:
    return [counts.as_dict() for counts in report.stages.values()]


def test_backfill_of_a_warc_set_equals_a_plain_import(client, tmp_path):
    files = [str(p) for p in warc_set(tmp_path / "warc")]
    plain_store, dask_store = Store(tmp_path / "plain.db"), Store(tmp_path / "dask.db")
    plain = import_paths(files, plain_store)
    backfill = backfill_paths(files, dask_store, client)

    assert stored(dask_store) == stored(plain_store)
    assert (backfill.stored_new, backfill.merged, backfill.already_known) == (9, 3, 1)
    assert (plain.stored_new, plain.merged, plain.already_known) == (9, 3, 1)
    assert stage_counts(backfill) == stage_counts(plain)
    records = list(export_records(dask_store))
    assert {r["lang"] for r in records} == {"kk", "ru", "en"}
    assert len({r["story_id"] for r in records}) == len(EVENTS)  # kk, ru and en of an event: one story
    assert sum(r["duplicates"] for r in records) == 3
    runs = dask_store.db.execute("SELECT status FROM runs").fetchall()
    assert [tuple(r) for r in runs] == [("done",)]

    again = backfill_paths(files, dask_store, client)
    assert (again.stored_new, again.merged, again.already_known) == (0, 0, 13)
    assert stored(dask_store) == stored(plain_store)


def test_a_backfill_into_postgresql_equals_a_plain_import_into_sqlite(client, tmp_path, pg_url):
    """The store of a backfill may be PostgreSQL: the cluster prepares, this process stores."""
    files = [str(p) for p in warc_set(tmp_path / "warc")]
    plain_store, dask_store = Store(tmp_path / "plain.db"), open_store(pg_url)
    import_paths(files, plain_store)
    backfill = backfill_paths(files, dask_store, client)
    assert (backfill.stored_new, backfill.merged, backfill.already_known) == (9, 3, 1)
    assert stored(dask_store) == stored(plain_store)
    again = backfill_paths(files, dask_store, client)
    assert (again.stored_new, again.merged, again.already_known) == (0, 0, 13)
    dask_store.close()


def test_a_malformed_warc_is_a_reject_and_the_others_are_stored(client, tmp_path):
    good = [str(p) for p in warc_set(tmp_path / "warc")]
    garbage = tmp_path / "warc" / "b2-garbage.warc.gz"
    garbage.write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(2000))
    whole = Path(good[1]).read_bytes()
    cut = tmp_path / "warc" / "b3-cut.warc.gz"
    cut.write_bytes(whole[: len(whole) // 2])
    files = [good[0], str(garbage), good[1], str(cut), good[2]]
    plain_store, dask_store = Store(tmp_path / "plain.db"), Store(tmp_path / "dask.db")
    plain = import_paths(files, plain_store)
    backfill = backfill_paths(files, dask_store, client)

    assert [r.input for r in backfill.rejects] == [str(garbage), str(cut)]
    assert all("damaged" in r.reason for r in backfill.rejects)
    assert [(r.input, r.reason) for r in backfill.rejects] == [(r.input, r.reason) for r in plain.rejects]
    assert backfill.stored_new == 9 and stored(dask_store) == stored(plain_store)
    assert stage_counts(backfill) == stage_counts(plain)
    run = dask_store.db.execute("SELECT status FROM runs").fetchone()
    assert run[0] == "done_with_rejects"


def test_a_task_that_fails_on_the_cluster_is_a_reject_naming_its_file(client):
    future = client.submit(int, "not a number", pure=False)
    prepared = _result_or_reject(client, future, "/archives/2019.warc.gz")
    [reject] = prepared.items
    assert reject.input == "/archives/2019.warc.gz"
    assert "failed on the Dask cluster: ValueError" in reject.reason
    assert sum(prepared.counts["read"].dropped.values()) == 1


def janalyq(*args: str) -> list[str]:
    return [sys.executable, "-m", "janalyq", *args]


def test_the_command_prints_rejects_and_counts_and_exits_1(tmp_path):
    files = warc_set(tmp_path / "warc")
    (tmp_path / "warc" / "zz-empty.warc").write_bytes(b"")
    env = {**os.environ, "JANALYQ_EMBEDDINGS": "0"}
    done = subprocess.run(janalyq("backfill", str(tmp_path / "warc"), "--db", str(tmp_path / "c.db"),
                                  "--workers", "2"), capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 1, done.stderr
    assert f"rejected {tmp_path / 'warc' / 'zz-empty.warc'}:" in done.stderr
    assert "4 files, 13 articles read: 9 new, 3 copies merged, 1 already stored, 1 inputs rejected" in done.stderr
    assert "Pipeline counts" in done.stderr


def test_the_command_uses_a_running_cluster_named_by_its_scheduler(client, tmp_path):
    files = warc_set(tmp_path / "warc")
    env = {**os.environ, "JANALYQ_EMBEDDINGS": "0"}
    address = client.scheduler.address
    first = subprocess.run(janalyq("backfill", *map(str, files), "--db", str(tmp_path / "c.db"), "--scheduler",
                                   address), capture_output=True, text=True, env=env, timeout=300)
    assert first.returncode == 0, first.stderr
    assert "3 files, 13 articles read: 9 new, 3 copies merged, 1 already stored, 0 inputs rejected" in first.stderr
    again = subprocess.run(janalyq("backfill", *map(str, files), "--db", str(tmp_path / "c.db"), "--scheduler",
                                   address), capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "0 new, 0 copies merged, 13 already stored, 0 inputs rejected" in again.stderr
    assert sum(client.run(lambda dask_worker: len(dask_worker.data)).values()) == 0  # nothing left behind


def test_an_unreachable_scheduler_is_one_line_and_status_2(tmp_path):
    done = subprocess.run(janalyq("backfill", str(tmp_path), "--db", str(tmp_path / "c.db"), "--scheduler",
                                  "tcp://127.0.0.1:9"), capture_output=True, text=True, timeout=120,
                          env={**os.environ, "DASK_DISTRIBUTED__COMMS__TIMEOUTS__CONNECT": "2s"})
    assert done.returncode == 2
    assert done.stderr.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


def count_articles(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as con:
            return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def descendants(pid: int) -> set[int]:
    children: dict[int, set[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), set()).add(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), ()):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_killed_backfill_keeps_its_batches_and_the_rerun_completes_it(tmp_path):
    corpus = tmp_path / "corpus"
    generate_corpus(2000, corpus, seed=11)
    (corpus / "truth.tsv").unlink()
    reference = Store(tmp_path / "reference.db")
    import_paths([str(corpus)], reference, embeddings=False)
    expected = stored(reference)

    killed = tmp_path / "killed.db"
    env = {**os.environ, "JANALYQ_EMBEDDINGS": "0"}
    child = subprocess.Popen(janalyq("backfill", str(corpus), "--db", str(killed), "--workers", "2", "--quiet",
                                     "--batch-size", "100"), stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    while count_articles(killed) < 300 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.05)
    workers = descendants(child.pid)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the backfill finished before it could be killed"
    assert workers, "the LocalCluster's worker processes were not found"
    deadline = time.monotonic() + 20
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers), "workers outlived the killed backfill"
    assert 300 <= count_articles(killed) < len(expected)

    env_store = Store(killed)
    with dask_client(workers=2) as dask:
        resumed = backfill_paths([str(corpus)], env_store, dask)
    assert resumed.already_known > 0
    assert stored(env_store) == expected
    statuses = [row[0] for row in env_store.db.execute("SELECT status FROM runs ORDER BY id")]
    assert statuses == ["killed", "done"]


def warc_pages_of(event: dict) -> list[tuple[str, str]]:
    return [pages_of(event, lang) for lang in ("kk", "ru", "en")]


def articles_of(prepared) -> list[tuple]:
    return [(a.url, a.title, a.body_text, a.published, a.lang, a.content_hash) if isinstance(item, tuple) else item
            for item in prepared.items for a in [item[0] if isinstance(item, tuple) else None]]


@pytest.mark.parametrize("name", ["parts.warc.gz", "parts.warc"])
def test_the_parts_of_a_warc_joined_are_the_file_read_whole(tmp_path, name):
    from janalyq.pipeline import join_parts, prepare_file
    from janalyq.read import warc_parts

    pages = [page for event in EVENTS for page in warc_pages_of(event)]
    path = write_warc(tmp_path / name, pages + [("https://aggregator.example/kk/1", pages[0][1])])
    parts = warc_parts(path, 1500)
    assert parts is not None and len(parts) >= 3
    assert parts[0][0] == 0 and parts[-1][1] is None
    assert all(a[1] == b[0] for a, b in zip(parts, parts[1:]))
    at = dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc)
    whole = prepare_file(str(path), at)
    joined = join_parts(str(path), [prepare_file(str(path), at, part=span) for span in parts])
    assert len(articles_of(whole)) == 10
    assert articles_of(joined) == articles_of(whole)
    assert {n: c.as_dict() for n, c in joined.counts.items()} == {n: c.as_dict() for n, c in whole.counts.items()}


def test_a_damaged_warc_is_not_cut_into_parts(tmp_path):
    from janalyq.read import warc_parts

    pages = [page for event in EVENTS for page in warc_pages_of(event)]
    data = write_warc(tmp_path / "whole.warc.gz", pages).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) * 2 // 3])
    assert warc_parts(cut, 1500) is None


def test_parts_that_hold_no_article_join_into_the_reject_of_the_whole_file(tmp_path):
    from janalyq.pipeline import join_parts, prepare_file
    from janalyq.read import warc_parts

    feed = '<?xml version="1.0"?><rss><channel><title>Лента</title></channel></rss>'
    path = tmp_path / "nav.warc"
    with path.open("wb") as handle:  # responses that hold no article: not found pages
        writer = WARCWriter(handle, gzip=False)
        for number in range(8):
            body = (feed * 5).encode()
            headers = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://site.example/{number}", "response",
                                                          payload=io.BytesIO(body), length=len(body),
                                                          http_headers=headers))
    parts = warc_parts(path, 600)
    assert parts is not None and len(parts) >= 2
    at = dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc)
    whole = prepare_file(str(path), at)
    joined = join_parts(str(path), [prepare_file(str(path), at, part=span) for span in parts])
    assert [(r.input, r.reason) for r in joined.items] == [(r.input, r.reason) for r in whole.items]
    assert "read nothing" in whole.items[0].reason
    assert joined.counts["read"].as_dict() == whole.counts["read"].as_dict()


def test_a_backfill_that_reads_warcs_in_parts_equals_a_plain_import(client, tmp_path):
    files = [str(p) for p in warc_set(tmp_path / "warc")]
    whole = Path(files[0]).read_bytes()
    cut = tmp_path / "warc" / "a2-cut.warc.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    files.insert(1, str(cut))
    # First, one archive of everything, copies before their originals: which copy is stored
    # and which is a sighting, and which version starts a story, follow the order of its parts.
    pages = [page for event in EVENTS for page in warc_pages_of(event)]
    copies = [(f"https://aggregator.example/{n}", html) for n, (_, html) in enumerate(pages)]
    everything = write_warc(tmp_path / "warc" / "0-everything.warc.gz", [*copies[::2], *pages[::-1]])
    files.insert(0, str(everything))
    from janalyq.read import warc_parts

    split = [f for f in files if Path(f).stat().st_size > 3000 and warc_parts(Path(f), 1500)]
    assert split == [files[0], files[1], files[3], files[4]]  # the damaged one is read whole
    assert len(warc_parts(everything, 1500)) >= 4
    plain_store, dask_store = Store(tmp_path / "plain.db"), Store(tmp_path / "dask.db")
    plain = import_paths(files, plain_store)
    backfill = backfill_paths(files, dask_store, client, part_bytes=1500)
    assert stored(dask_store) == stored(plain_store)
    assert stage_counts(backfill) == stage_counts(plain)
    assert [(r.input, r.reason) for r in backfill.rejects] == [(r.input, r.reason) for r in plain.rejects]
    assert [r.input for r in backfill.rejects] == [str(cut)]
    assert backfill.warnings == plain.warnings
