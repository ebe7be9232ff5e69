"""`janalyq delete`: remove articles by id, outlet, source or date range, with everything kept
for them (sightings, search rows, counts, dedup and story keys; janalyq.store.deletion)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Optional

import typer

from janalyq.cli_store import err, open_store, store_faults
from janalyq.store.deletion import Selection, delete, matching


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
    db: Annotated[Path, typer.Option("--db", envvar="JANALYQ_DB", help="SQLite database file.")] = Path("janalyq.db"),
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
    if not db.exists():
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
