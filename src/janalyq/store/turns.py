"""Several writers on one store: each waits its turn, and none starves.

SQLite lets one connection write at a time; another one that wants to write waits in its busy
handler, which polls with sleeps of up to 100 ms.  A writer that commits and begins again at
once (an import between two batches) would win every such race, so the waiting one would wait
until its timeout.  So a writer that cannot begin at once leaves a marker file beside the store
(`<db>-waiting-<pid>`) while it waits; a writer holding the store looks for markers at its
natural break points (`others_waiting`, at most four times a second), commits early when it
finds one, and lets the waiting writer in before it begins again.  Marker files of processes
that are gone are ignored (and removed).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

DEFAULT_WAIT_SECONDS = 600.0  # how long a writer waits for its turn before it gives up
YIELD_SECONDS = 5.0  # how long a writer stands aside for a waiting one before it queues itself
_LOOK_EVERY = 0.25
_QUICK_MS = 50


def wait_seconds() -> float:
    try:
        return float(os.environ.get("JANALYQ_BUSY_TIMEOUT", DEFAULT_WAIT_SECONDS))
    except ValueError:
        return DEFAULT_WAIT_SECONDS


def is_busy(exc: BaseException) -> bool:
    # The primary code is the low byte: SQLITE_BUSY (5) and its extended forms.
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.OperationalError) and code is not None and code & 0xFF == 5


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class WriterTurns:
    def __init__(self, db: sqlite3.Connection, path: str) -> None:
        self.db = db
        self.path = Path(path)
        self.wait = wait_seconds()
        self.enabled = path not in ("", ":memory:") and not path.startswith("file:")
        self._looked_at = 0.0
        self._seen = False

    @property
    def _prefix(self) -> str:
        return self.path.name + "-waiting-"

    def _markers(self) -> list[Path]:
        found = []
        try:
            with os.scandir(self.path.parent) as entries:
                names = [e.name for e in entries if e.name.startswith(self._prefix)]
        except OSError:
            return found
        for name in names:
            pid = name[len(self._prefix):]
            if not pid.isdigit() or int(pid) == os.getpid():
                continue
            marker = self.path.parent / name
            if _alive(int(pid)):
                found.append(marker)
            else:
                marker.unlink(missing_ok=True)
        return found

    def others_waiting(self) -> bool:
        """Whether another writer waits for the store (looked up at most every 0.25 s)."""
        if not self.enabled:
            return False
        now = time.monotonic()
        if now - self._looked_at >= _LOOK_EVERY:
            self._looked_at = now
            self._seen = bool(self._markers())
        return self._seen

    def begin(self) -> None:
        """BEGIN IMMEDIATE, in turn: stand aside while another writer waits, queue when busy."""
        if self.enabled and self.others_waiting():
            until = time.monotonic() + YIELD_SECONDS
            while self._markers() and time.monotonic() < until:
                time.sleep(0.02)
            self._looked_at = 0.0
        self.db.execute(f"PRAGMA busy_timeout = {_QUICK_MS}")
        try:
            self.db.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
        finally:
            self.db.execute(f"PRAGMA busy_timeout = {int(self.wait * 1000)}")
        marker = self.path.parent / f"{self._prefix}{os.getpid()}"
        try:
            marker.touch()
        except OSError:  # a folder we cannot write to: wait without announcing it
            marker = None
        try:
            self.db.execute("BEGIN IMMEDIATE")
        finally:
            if marker is not None:
                marker.unlink(missing_ok=True)
