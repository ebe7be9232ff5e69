"""`janalyq delete`: remove articles by id, outlet, source or date range, with everything kept
for them (sightings, search rows, counts, dedup and story keys; janalyq.store.deletion); and
the progress of `janalyq import`, counted in articles."""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Optional

import typer

from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from janalyq.article import Reject
from janalyq.pipeline import ImportReport, import_paths
from janalyq.store import Store

from janalyq.cli_store import DEFAULT_DB, DbOption, err, open_store, store_exists, store_faults
from janalyq.read.files import iter_paths
from janalyq.store.deletion import Selection, delete, matching
from janalyq.store.dialect import is_postgres


def parse_day(value: Optional[str], name: str) -> Optional[dt.date]:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=name) from None


def check_range(since: Optional[dt.date], until: Optional[dt.date]) -> None:
    if since and until and since > until:
        raise typer.BadParameter(f"--since {since} is after --until {until}: nothing lies between them",
                                 param_hint="--since")


def delete_command(
    ids: Annotated[Optional[list[str]], typer.Argument(help="Article ids (as in the export and the portal's URLs).")] = None,
    db: DbOption = DEFAULT_DB,
    outlet: Annotated[Optional[str], typer.Option(help="Every article of this outlet (gov.kz entity or agency).")] = None,
    source: Annotated[Optional[str], typer.Option(
        help="Every article whose address or original link starts with this text (a site, a feed, a folder).")] = None,
    since: Annotated[Optional[str], typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count what would be deleted.")] = False,
) -> None:
    """Delete articles (all criteria given must hold) and everything kept for them."""
    start, end = parse_day(since, "--since"), parse_day(until, "--until")
    check_range(start, end)
    selection = Selection(ids=tuple(ids or ()), outlet=outlet, source=source, since=start, until=end)
    if selection.empty():
        raise typer.BadParameter("name the articles: ids, --outlet, --source, --since or --until",
                                 param_hint="IDS")
    if not store_exists(db):
        err.print(f"[red]error:[/] no database at {db}")
        raise typer.Exit(2)
    store = open_store(db)
    with store_faults(db):
        if dry_run:
            err.print(f"{matching(store.db, selection)} articles would be deleted")
        else:
            store.check_writable()
            err.print(f"{delete(store, selection)} articles deleted")
    store.close()


def import_with_progress(store: Store, paths: list[Path], batch_size: Optional[int], workers: Optional[int],
                          quiet: bool, importer: Optional[Callable[..., ImportReport]] = None) -> ImportReport:
    """`importer` (default `import_paths`, or a backfill on Dask) with the progress bar and one
    line per reject; it takes the paths, the store and `import_paths`' keyword arguments."""
    progress_state = ImportProgress(paths)
    with Progress(*ImportProgress.COLUMNS, console=err, disable=quiet, transient=True) as progress:
        task = progress.add_task("import", total=progress_state.total_bytes or None, articles=0, rate="", name="")

        def on_article(path: str, done: int, items: int) -> None:
            progress_state.article(path, done, items)
            if progress_state.articles % 50 == 0:  # a redraw per article would cost more than the article
                progress.update(task, **progress_state.fields())

        def on_file(path: str, done: int, total: int) -> None:
            progress_state.file_done(path)
            progress.update(task, **progress_state.fields())

        def on_reject(reject: Reject) -> None:
            # One unwrapped line per reject, so that it can be grepped whole.
            progress.console.print(f"rejected {reject.input}: {reject.reason}", style="yellow",
                                   markup=False, highlight=False, soft_wrap=True)

        if importer is None and workers is not None and is_postgres(store.db):
            # On PostgreSQL, --workers means worker processes that each import files of their own,
            # taken from the store's work queue (janalyq.work).
            from janalyq.work.parallel import import_with_workers
            importer = functools.partial(import_with_workers, workers=workers)
        run = importer or functools.partial(import_paths, workers=workers)
        return run([str(p) for p in paths], store, batch_size=batch_size, on_file=on_file, on_reject=on_reject,
                   on_article=on_article)


class ImportProgress:
    """What the import's progress bar shows: articles stored, articles per second, and the time
    left, estimated from the bytes of the input files (a file's share counted as its articles
    are stored), so one large file moves the bar too."""

    COLUMNS = (TextColumn("[bold]importing"), BarColumn(), TextColumn("{task.fields[articles]} articles"),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("left"), TimeRemainingColumn(),
               TextColumn("{task.fields[name]}"))

    def __init__(self, paths: list[Path]) -> None:
        self.sizes = {}
        for path in iter_paths([str(p) for p in paths]):
            try:
                self.sizes[str(path)] = Path(path).stat().st_size
            except OSError:
                self.sizes[str(path)] = 0
        self.total_bytes = sum(self.sizes.values())
        self.done_bytes = 0.0
        self.current = 0.0
        self.articles = 0
        self.name = ""
        self.started = time.monotonic()

    def article(self, path: str, done: int, items: int) -> None:
        self.articles += 1
        self.name = Path(path).name
        self.current = self.sizes.get(path, 0) * done / max(items, 1)

    def file_done(self, path: str) -> None:
        self.done_bytes += self.sizes.get(path, 0)
        self.current = 0.0
        self.name = Path(path).name

    def fields(self) -> dict:
        seconds = max(time.monotonic() - self.started, 1e-6)
        return {"completed": min(self.done_bytes + self.current, self.total_bytes), "articles": self.articles,
                "rate": f"{self.articles / seconds:.0f}/s", "name": self.name}
