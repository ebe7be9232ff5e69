"""`janalyq demo`: a fresh store filled with the bundled sample news by the real pipeline.

`fill_demo_db` is the one step that brings the news in: the bundled sample site is served on
127.0.0.1 and crawled by the real crawler (janalyq.crawl: listing pages, article pages, WARC,
the pipeline); the page dumps, the aggregator shape that has no web site, are imported with
`janalyq.pipeline.import_paths`.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from janalyq import samples
from janalyq.pipeline import ImportReport, import_paths
from janalyq.store import is_postgres_url, open_store

DEFAULT_DEMO_DB = Path("janalyq-demo.db")
DEMO_SOURCE = "janalyq-demo-site"
DEMO_CRAWL_INPUT = f"crawl: {DEMO_SOURCE}"


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
    return all(str(p).startswith(root) or p == DEMO_CRAWL_INPUT for run in inputs for p in run)


def reset_demo_db(db_path: Path) -> None:
    """Delete an earlier demo store at db_path (and its WAL files); refuse any other file."""
    if is_postgres_url(str(db_path)) or not db_path.exists():
        return
    if not _is_demo_store(db_path):
        raise NotADemoStore(f"{db_path} exists and is not a janalyq demo database; pass another --db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    shutil.rmtree(f"{db_path}.warc", ignore_errors=True)  # the demo crawl's archive


def fill_demo_db(db_path: Path | str, warc_dir: Path | None = None) -> ImportReport:
    """A fresh demo store at db_path, filled with the bundled sample news by the real pipeline.
    A postgresql:// address is filled as it is (a database is not a file to replace: give an
    empty one); `warc_dir` is where the crawl's archive goes (default: beside the store)."""
    from janalyq.crawl.local import crawl_folder

    if not is_postgres_url(str(db_path)):
        db_path = Path(db_path)
        reset_demo_db(db_path)
    store = open_store(db_path)
    try:
        crawl_folder(store, samples.site_root(), name=DEMO_SOURCE, link_pattern=r"/articles/(kk|ru|en)/[\w.-]+\.html$",
                     follow_pattern=r"/(kk|ru|en)/([\w-]+/)?(index|page-\d+)\.html$", warc_dir=warc_dir)
        dumps = [str(p) for p in samples.import_paths() if not str(p).startswith(str(samples.site_root()))]
        report = import_paths(dumps, store)
        report.stored_new = store.scalar("SELECT count(*) FROM articles")  # crawled and imported
        return report
    finally:
        store.close()
