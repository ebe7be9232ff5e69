"""`janalyq store copy`: a store moved between SQLite and PostgreSQL (library: janalyq.store.copy)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from janalyq.cli_store import err, fail, store_faults
from janalyq.store import StoreError
from janalyq.store.copy import ARTICLE_BATCH, CopyRefused, CopyReport, copy_store

EXIT_REJECTS = 1
EXIT_REFUSED = 2

store_app = typer.Typer(help="Whole stores: copy one between SQLite and PostgreSQL.", no_args_is_help=True,
                        rich_markup_mode=None)


@store_app.command("copy")
def copy_command(
    source: Annotated[str, typer.Argument(help="The store to copy: an SQLite file or a postgresql:// address.")],
    dest: Annotated[str, typer.Argument(help="An empty store (an SQLite file is made if missing), or a"
                                             " postgresql:// address of an empty or new database.")],
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = ARTICLE_BATCH,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Copy every table of SOURCE into the empty store DEST, ids kept; DEST's search index is
    made from the copied articles.  Exit 1 when some rows were rejected, 2 when nothing could
    be copied."""
    progress = Progress(TextColumn("{task.description:<20}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=err, disable=quiet, transient=False)
    tasks: dict[str, int] = {}

    def on_progress(table: str, done: int, total: int) -> None:
        if table not in tasks:
            tasks[table] = progress.add_task(table, total=total)
        progress.update(tasks[table], completed=done)

    def on_reject(line: str) -> None:
        progress.console.print(f"rejected {line}", style="yellow", markup=False, highlight=False, soft_wrap=True)

    try:
        with progress, store_faults(dest):
            report = copy_store(source, dest, on_progress=on_progress, on_reject=on_reject,
                                article_batch=max(1, batch_size))
    except (CopyRefused, StoreError) as exc:
        raise fail(str(exc), EXIT_REFUSED) from None
    _print_report(report)
    if report.rejects:
        raise typer.Exit(EXIT_REJECTS)


def _print_report(report: CopyReport) -> None:
    table = Table(title="Rows copied", title_justify="left")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in report.rows.items():
        table.add_row(name, f"{rows:,}")
    err.print(table)
    rate = report.total / report.seconds if report.seconds else 0.0
    articles = report.rows.get("articles", 0)
    err.print(f"{report.total:,} rows in {len(report.rows)} tables ({articles:,} articles, search index made"
              f" again), {len(report.rejects)} rejected, {report.seconds:.1f}s, {rate:,.0f} rows/s",
              soft_wrap=True, highlight=False)
