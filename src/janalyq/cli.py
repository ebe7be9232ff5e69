"""Command line: a thin shell over the library (janalyq.pipeline, janalyq.export, janalyq.stats)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from janalyq.article import Reject
from janalyq.export import export_records, write_csv, write_jsonl
from janalyq.pipeline import ImportReport, import_paths
from janalyq.stats import store_stats
from janalyq.store import Store, StoreError

app = typer.Typer(help="janalyq: clean, deduplicated, trilingual news from Kazakhstan's official sources.",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", envvar="JANALYQ_DB", help="SQLite database file.")]
DEFAULT_DB = Path("janalyq.db")
EXIT_REJECTS = 1


def open_store(db: Path) -> Store:
    try:
        return Store(db)
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


def counts_table(report: ImportReport) -> Table:
    table = Table(title="Pipeline counts", title_justify="left")
    for column in ("stage", "seen", "kept", "repaired", "dropped"):
        table.add_column(column, justify="left" if column in ("stage", "repaired", "dropped") else "right")
    for counts in report.stages.values():
        repaired = ", ".join(f"{k} {v}" for k, v in counts.repaired.most_common())
        dropped = ", ".join(f"{k} {v}" for k, v in counts.dropped.most_common())
        table.add_row(counts.name, str(counts.seen), str(counts.kept), repaired or "-", dropped or "-")
    return table


@app.command("import")
def import_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: page dumps, HTML pages, JSON Lines, .gz.")],
    db: DbOption = DEFAULT_DB,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 500,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read, clean, date, detect language, deduplicate and store articles."""
    store = open_store(db)
    columns = (TextColumn("[bold]importing"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
               TimeElapsedColumn(), TextColumn("{task.fields[name]}"))
    with Progress(*columns, console=err, disable=quiet, transient=True) as progress:
        task = progress.add_task("import", total=None, name="")

        def on_file(path: str, done: int, total: int) -> None:
            progress.update(task, completed=done, total=total, name=Path(path).name)

        def on_reject(reject: Reject) -> None:
            # One unwrapped line per reject, so that it can be grepped whole.
            progress.console.print(f"rejected {reject.input}: {reject.reason}", style="yellow",
                                   markup=False, highlight=False, soft_wrap=True)

        report = import_paths([str(p) for p in paths], store, batch_size=batch_size,
                              on_file=on_file, on_reject=on_reject)
    for warning in report.warnings:
        err.print(f"repaired {warning}", style="cyan", markup=False, highlight=False, soft_wrap=True)
    err.print(counts_table(report))
    err.print(
        f"{report.files} files, {report.stages['read'].kept} articles read: {report.stored_new} new, "
        f"{report.merged} copies merged, {report.already_known} already stored, "
        f"{len(report.rejects)} inputs rejected ({report.seconds:.1f}s, {report.articles_per_second:.0f} articles/s)",
        soft_wrap=True,
    )
    store.close()
    if report.rejects:
        raise typer.Exit(EXIT_REJECTS)


def _date(value: Optional[str], name: str) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=name) from None


@app.command("export")
def export_command(
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl or csv.")] = "jsonl",
    lang: Annotated[Optional[str], typer.Option(help="Only this language: kk, ru or en.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet (gov.kz entity or agency).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write; default stdout.")] = None,
) -> None:
    """Write every distinct article as JSON Lines or CSV."""
    if format not in ("jsonl", "csv"):
        raise typer.BadParameter("use jsonl or csv", param_hint="--format")
    if not db.exists():
        err.print(f"[red]error:[/] no database at {db} (run `janalyq import` first, or pass --db)")
        raise typer.Exit(2)
    store = open_store(db)
    records = export_records(store, lang=lang, since=_date(since, "--since"), until=_date(until, "--until"),
                             outlet=outlet)
    writer = write_jsonl if format == "jsonl" else write_csv
    if output:
        with output.open("w", encoding="utf-8", newline="") as handle:
            count = writer(records, handle)
    else:
        count = writer(records, sys.stdout)
    err.print(f"{count} articles exported")
    store.close()


@app.command("stats")
def stats_command(db: DbOption = DEFAULT_DB) -> None:
    """Articles by language, outlet, month and section; rejects by reason."""
    if not db.exists():
        err.print(f"[red]error:[/] no database at {db}")
        raise typer.Exit(2)
    store = open_store(db)
    figures = store_stats(store)
    out = Console()
    out.print(f"[bold]{figures['articles']}[/] articles, {figures['copies_merged']} copies merged, "
              f"{figures['runs']} import runs")
    for key, title in (("by_lang", "language"), ("by_outlet", "outlet"), ("by_month", "month"),
                       ("by_section", "site section"), ("flags", "flag"), ("rejects_by_reason", "reject reason")):
        table = Table(title=f"by {title}", title_justify="left")
        table.add_column(title)
        table.add_column("count", justify="right")
        for name, n in figures[key]:
            table.add_row(str(name), str(n))
        out.print(table)
    store.close()


def main() -> None:  # pragma: no cover - console entry point
    app()
