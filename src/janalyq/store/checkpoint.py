"""WAL checkpoints on a thread of their own, for bulk imports.

In WAL mode a commit only appends to the log; a checkpoint later copies the pages back into the
database and, with synchronous=NORMAL, waits for the disk (fsync).  Run by the importing
connection, that wait stopped the single storing process at every few commits: in a store of
300k articles, a quarter of its time.  Here a second connection checkpoints after each commit
while the import goes on (SQLite lets a PASSIVE checkpoint run beside a writer).  Nothing about
durability changes: committed transactions are in the log whether or not they were copied back.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

AUTO_CHECKPOINT_PAGES = 1000  # SQLite's default, restored afterwards
IDLE_SECONDS = 5.0  # a checkpoint at least this often, even without a commit to wake it


class BackgroundCheckpoints:
    def __init__(self, path: str):
        self.path = path
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.errors: list[str] = []
        self.done = 0
        self.thread = threading.Thread(target=self._run, name="janalyq-checkpoints", daemon=True)

    def after_commit(self) -> None:
        self.wake.set()

    def _run(self) -> None:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout = 10000")
            while not self.stopping.is_set():
                self.wake.wait(IDLE_SECONDS)
                self.wake.clear()
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.done += 1
                except sqlite3.Error as exc:  # busy or locked: the next round will do it
                    self.errors.append(str(exc))
        finally:
            db.close()

    def stop(self) -> None:
        self.stopping.set()
        self.wake.set()
        self.thread.join()


@contextmanager
def background_checkpoints(store) -> Iterator[BackgroundCheckpoints]:
    """While it lasts, the store's own connection does not checkpoint; a thread does, after
    each commit (`after_commit`).  Afterwards SQLite's automatic checkpoints resume."""
    worker = BackgroundCheckpoints(store.path)
    store.db.execute("PRAGMA wal_autocheckpoint = 0")
    worker.thread.start()
    try:
        yield worker
    finally:
        worker.stop()
        store.db.execute(f"PRAGMA wal_autocheckpoint = {AUTO_CHECKPOINT_PAGES}")
