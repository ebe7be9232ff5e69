"""`janalyq worker`: one import worker over a PostgreSQL store's work queue (janalyq.work), on
this machine or any other that reaches the database and sees the queued files at their paths."""

from __future__ import annotations

import threading
from typing import Annotated, Optional

import typer

from janalyq.article import Reject
from janalyq.cli_store import DEFAULT_DB, DbOption, err, fail, store_faults
from janalyq.store import is_postgres_url

EXIT_STORE = 2  # not a PostgreSQL store, or it cannot be reached


def worker_command(
    db: DbOption = DEFAULT_DB,
    follow: Annotated[bool, typer.Option("--follow", help="Wait for more queued files instead of ending.")] = False,
    job: Annotated[Optional[int], typer.Option(help="Only the files queued by this import run.")] = None,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 500,
) -> None:
    """Import files queued by `janalyq import --workers` (PostgreSQL), until none is left."""
    import psycopg

    from janalyq.store.sqlite import StoreError
    from janalyq.work.worker import ImportWorker

    if not is_postgres_url(db):
        raise fail(f"{db}: `janalyq worker` takes files from a PostgreSQL store's work queue; give a"
                   " postgresql:// address (an SQLite store has one writer: use `janalyq import --workers`)",
                   EXIT_STORE)

    def on_unit(unit, report) -> None:
        for reject in report.rejects:
            _print_reject(reject)
        err.print(f"{unit.path}: {report.stored_new} new, {report.merged} copies merged,"
                  f" {report.already_known} already stored", markup=False, highlight=False, soft_wrap=True)

    try:
        worker = ImportWorker(db, batch_size, on_unit=on_unit)
    except (StoreError, psycopg.Error) as exc:
        raise fail(str(exc).strip(), EXIT_STORE) from None
    try:
        with store_faults(db):
            done = worker.run(job, follow=follow, stop=threading.Event())
    except KeyboardInterrupt:
        err.print("stopped; the file in hand is taken again by the next worker")
        raise typer.Exit(130) from None
    except psycopg.Error as exc:
        raise fail(f"{db}: {str(exc).strip()}", EXIT_STORE) from None
    finally:
        worker.close()
    total = done.total
    err.print(f"{done.units} files: {total.stored_new} new, {total.merged} copies merged,"
              f" {total.already_known} already stored, {len(total.rejects)} inputs rejected", soft_wrap=True)


def _print_reject(reject: Reject) -> None:
    err.print(f"rejected {reject.input}: {reject.reason}", style="yellow", markup=False, highlight=False,
              soft_wrap=True)


def crawl_workers(db: str, config, allow_loopback: bool, workers: int, once: bool) -> int:
    """`janalyq crawl --workers N` (PostgreSQL): N crawl processes over one frontier; with
    --once, the pass is opened here first so that every worker joins it.  Returns the worst
    exit status of the workers."""
    import multiprocessing
    import os

    from janalyq.cli import _crawler

    if not is_postgres_url(db):
        raise fail(f"{db}: --workers needs a PostgreSQL store (an SQLite store has one writer: one crawler"
                   " at a time)", EXIT_STORE)
    store, crawler = _crawler(db, config, allow_loopback)
    if not crawler.state.sources():
        store.close()
        raise fail("no sources: add one with `janalyq sources add` or write sources.toml", EXIT_STORE)
    if once:
        crawler.open_pass()
    store.close()
    context = multiprocessing.get_context("forkserver")
    processes = [context.Process(target=_crawl_worker, args=(db, config, allow_loopback, once, os.getpid()))
                 for _ in range(workers)]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return max(process.exitcode if process.exitcode is not None and process.exitcode >= 0 else 1
               for process in processes)


def _crawl_worker(db: str, config, allow_loopback: bool, once: bool, parent: int) -> None:
    """One crawl worker process: a pass (or the schedule), its table printed as `crawl` does."""
    import sys

    from janalyq import lifeline
    from janalyq.cli import crawl_command

    lifeline.follow(parent)
    try:
        crawl_command(once=once, db=db, config=config, allow_loopback=allow_loopback, workers=None)
    except typer.Exit as ended:
        sys.exit(ended.exit_code)
