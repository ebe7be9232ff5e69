"""`janalyq backfill`: an import whose text stages run on a Dask cluster (janalyq.backfill),
with the progress bar, reject lines, counts and exit statuses of `janalyq import`."""

from __future__ import annotations

import functools
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Optional

import typer

from janalyq.cli_data import import_with_progress
from janalyq.cli_store import DEFAULT_DB, DbOption, fail, store_faults
from janalyq.store import StoreError

EXIT_REJECTS, EXIT_USAGE = 1, 2


def backfill_command(
    paths: Annotated[list[Path], typer.Argument(
        help="WARC files, page-dump folders: anything `janalyq import` reads.")],
    db: DbOption = DEFAULT_DB,
    scheduler: Annotated[Optional[str], typer.Option(
        help="Address of a running Dask scheduler (tcp://host:port); default: a LocalCluster on this machine.")] = None,
    workers: Annotated[Optional[int], typer.Option(
        help="Worker processes of the LocalCluster (default: one per core).")] = None,
    batch_size: Annotated[Optional[int], typer.Option(help="Articles per transaction (default 3000).")] = None,
    part_mb: Annotated[Optional[float], typer.Option(
        help="Read a WARC file past twice this many MB in parts of about this size, on several workers"
             " (default 64; 0: never).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Import archives with the text stages and embeddings on a Dask cluster; stores what
    `janalyq import` would store."""
    from janalyq.backfill import ClusterUnreachable, backfill_paths, dask_client, open_backfill_store
    from janalyq.cli import print_import_report

    if scheduler is not None and workers is not None:
        raise typer.BadParameter("the cluster at --scheduler has its own workers; use --workers without it",
                                 param_hint="--workers")
    if part_mb is not None and part_mb < 0:
        raise typer.BadParameter(f"{part_mb}: 0 or more", param_hint="--part-mb")
    if workers is not None and workers < 1:
        raise typer.BadParameter(f"{workers}: at least 1", param_hint="--workers")
    with store_faults(db):
        try:
            store = open_backfill_store(db)
        except StoreError as exc:
            raise fail(str(exc), EXIT_USAGE) from None
        store.check_writable()
        parts = {} if part_mb is None else {"part_bytes": int(part_mb * 2**20)}
        with ExitStack() as cluster:
            try:
                client = cluster.enter_context(dask_client(scheduler, workers))
            except ClusterUnreachable as exc:
                raise fail(str(exc), EXIT_USAGE) from None
            report = import_with_progress(store, paths, batch_size, None, quiet,
                                          importer=functools.partial(backfill_paths, client=client, **parts))
    print_import_report(report)
    store.close()
    if report.rejects:
        raise typer.Exit(EXIT_REJECTS)
