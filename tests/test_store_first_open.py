"""Processes opening one new SQLite store at once: a late one finds the schema made."""

from __future__ import annotations

import subprocess
import sys

from janalyq.store import Store
from janalyq.store.migrations import MIGRATIONS
from janalyq.store.sqlite import Store as SqliteStore


def test_a_store_migrated_by_another_process_after_we_read_its_version_opens(tmp_path, monkeypatch):
    """The version is read before the write lock is taken, and another process may apply the
    migrations in between.  Each entry is checked again under the lock, never applied twice
    ("table articles already exists", seen with a crawl and the portal started together)."""
    path = tmp_path / "new.db"
    Store(path).close()  # what the other process did in the gap
    real = SqliteStore.schema_version.fget
    calls = []

    def stale_first(self):
        calls.append(1)
        return 0 if len(calls) == 1 else real(self)

    monkeypatch.setattr(SqliteStore, "schema_version", property(stale_first))
    store = Store(path)
    assert len(calls) > 1  # read again under the lock
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    store.close()


def test_processes_opening_a_new_store_together_all_succeed(tmp_path):
    path = tmp_path / "together.db"
    code = "import sys; from janalyq.store import Store; Store(sys.argv[1]).close()"
    children = [subprocess.Popen([sys.executable, "-c", code, str(path)], stderr=subprocess.PIPE) for _ in range(6)]
    errors = [child.communicate()[1].decode() for child in children]
    assert [child.returncode for child in children] == [0] * 6, errors
