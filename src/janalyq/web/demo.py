"""`janalyq demo`: a fresh store filled with the bundled sample news by the real pipeline.

`fill_demo_db` is the one step that brings the news in; it imports the sample site's raw pages
(page dumps and HTML article pages) with `janalyq.pipeline.import_paths`.  A crawler-based demo
replaces only this function.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from janalyq import samples
from janalyq.pipeline import ImportReport, import_paths
from janalyq.store import Store

DEFAULT_DEMO_DB = Path("janalyq-demo.db")


class NotADemoStore(RuntimeError):
    """The target file exists and holds something other than an earlier demo: never overwrite it."""


def _is_demo_store(path: Path) -> bool:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            inputs = [json.loads(row[0]) for row in db.execute("SELECT inputs FROM runs")]
        finally:
            db.close()
    except (sqlite3.Error, ValueError):
        return False
    root = str(samples.sample_root())
    return all(str(p).startswith(root) for run in inputs for p in run)


def reset_demo_db(db_path: Path) -> None:
    """Delete an earlier demo store at db_path (and its WAL files); refuse any other file."""
    if not db_path.exists():
        return
    if not _is_demo_store(db_path):
        raise NotADemoStore(f"{db_path} exists and is not a janalyq demo database; pass another --db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)


def fill_demo_db(db_path: Path) -> ImportReport:
    """A fresh demo store at db_path, filled with the bundled sample news by the real pipeline."""
    reset_demo_db(db_path)
    store = Store(db_path)
    try:
        return import_paths([str(p) for p in samples.import_paths()], store)
    finally:
        store.close()
