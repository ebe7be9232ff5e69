"""The import work queue in the store: files (units) that workers, on one machine or many, take
one at a time.

A unit is taken with `SELECT ... FOR UPDATE SKIP LOCKED` on a connection of its own (`Claims`),
whose transaction stays open while the worker reads, cleans and stores the file through its
store connection; once the unit's articles are committed, the unit is marked done in that same
claiming transaction.  So a unit is worked on by one worker at a time, and a worker that is
killed (SIGKILL, a lost machine) loses nothing: its connection ends, PostgreSQL releases the row
lock, and the unit is taken again by the next worker.  Storing a file again is harmless (every
article it stored already is `already_imported`, by its sighting).

A unit that ends its worker every time (a file that exhausts memory, say) must not end every
worker in turn: each start is recorded first, committed on the store connection, and a unit
started `MAX_STARTS` times is not worked on again but becomes a reject.

The unit's report (counts of every stage, rejects, warnings) is stored with it, so that the
import that queued the files sums its workers' reports into one (janalyq.work.parallel).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from dataclasses import dataclass

from janalyq.article import Reject, StageCounts
from janalyq.pipeline import ImportReport

MAX_STARTS = 3
QUEUED, DONE = "queued", "done"


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass
class Unit:
    id: int
    job: int  # the run of the import that queued it: its rejects are recorded under that run
    path: str
    collected_at: dt.datetime


def enqueue(store, job: int, paths: list[str], collected_at: dt.datetime) -> int:
    """Queue files as units of `job`, in one transaction; returns how many."""
    stamp = now_iso()
    store.begin()
    try:
        store.db.executemany(
            "INSERT INTO work_units(job, path, collected_at, state, queued_at) VALUES (?, ?, ?, 'queued', ?)",
            [(job, path, collected_at.isoformat(), stamp) for path in paths])
    except BaseException:
        store.rollback()
        raise
    store.commit()
    return len(paths)


def record_start(db, unit: Unit, worker: str) -> int:
    """Record that `worker` starts on `unit` (committed at once: the store connection must not
    be in a transaction); returns how many starts the unit has had, this one included."""
    db.execute("INSERT INTO work_starts(unit, worker, started_at) VALUES (?, ?, ?)", (unit.id, worker, now_iso()))
    return db.execute("SELECT count(*) FROM work_starts WHERE unit = ?", (unit.id,)).fetchone()[0]


class Claims:
    """The connection on which a worker holds the unit it works on (see the module)."""

    def __init__(self, url: str) -> None:
        from janalyq.store.pg_connection import PgConnection

        self.db = PgConnection(url)

    def take(self, job: int | None = None) -> Unit | None:
        """The first queued unit no other worker holds (of `job`, when given), now held by this
        connection's open transaction; None when there is none."""
        self.db.execute("BEGIN")
        where, args = "state = 'queued'", []
        if job is not None:
            where, args = where + " AND job = ?", [job]
        row = self.db.execute(f"SELECT id, job, path, collected_at FROM work_units WHERE {where}"
                              " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", args).fetchone()
        if row is None:
            self.db.execute("ROLLBACK")
            return None
        return Unit(row[0], row[1], row[2], dt.datetime.fromisoformat(row[3]))

    def finish(self, unit: Unit, report: ImportReport, worker: str) -> None:
        """Mark the held unit done with its report; its articles are committed already."""
        self.db.execute("UPDATE work_units SET state = 'done', done_at = ?, worker = ?, report = ? WHERE id = ?",
                        (now_iso(), worker, report_json(report), unit.id))
        self.db.execute("COMMIT")

    def release(self) -> None:
        """Let go of the held unit, undone: another worker takes it."""
        self.db.rollback()

    def close(self) -> None:
        self.db.close()


def report_json(report: ImportReport) -> str:
    return json.dumps({
        "stored_new": report.stored_new, "merged": report.merged, "already_known": report.already_known,
        "rejects": [[r.input, r.reason] for r in report.rejects], "warnings": report.warnings,
        "stages": [s.as_dict() for s in report.stages.values()],
    }, ensure_ascii=False)


def add_unit_report(total: ImportReport, text: str | None) -> list[Reject]:
    """Add a done unit's report to `total`; returns the unit's rejects."""
    data = json.loads(text or "{}")
    total.stored_new += data.get("stored_new", 0)
    total.merged += data.get("merged", 0)
    total.already_known += data.get("already_known", 0)
    rejects = [Reject(i, r) for i, r in data.get("rejects", [])]
    total.rejects += rejects
    total.warnings += data.get("warnings", [])
    for stage in data.get("stages", []):
        counts = StageCounts(stage["stage"], stage["seen"], stage["kept"])
        counts.repaired.update(stage["repaired"])
        counts.dropped.update(stage["dropped"])
        total.stages.setdefault(counts.name, StageCounts(counts.name)).merge(counts)
    return rejects


def articles_of(text: str | None) -> int:
    """Articles a done unit stored, merged or found stored already (for progress)."""
    data = json.loads(text or "{}")
    return data.get("stored_new", 0) + data.get("merged", 0) + data.get("already_known", 0)
