"""The command line's side of the store: opening it, and operator faults (full disk, read-only,
kept busy) told in one line naming the file, with an exit status of their own."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from typing import Annotated

import typer
from rich.console import Console

from janalyq.store import Store, StoreError, is_postgres_url, open_store as open_any_store
from janalyq.store.faults import fault_of

err = Console(stderr=True)

# Every command's --db: an SQLite file, or a PostgreSQL address (a str: a Path would fold the
# address's "//").
DbOption = Annotated[str, typer.Option(
    "--db", envvar="JANALYQ_DB", help="The store: an SQLite file, or a postgresql://user@host:port/name address.")]
DEFAULT_DB = "janalyq.db"


def store_exists(db: str | Path) -> bool:
    """Whether there is a store to read: a PostgreSQL address always names one (opening it
    tells when it cannot be reached); a file must be there."""
    return is_postgres_url(str(db)) or Path(db).exists()


def open_store(db: str | Path, for_reading: bool = False, cache_mb: int = 256) -> Store:
    """The store, or one clear line and the exit status of what is wrong with it.  Reading
    commands open a store they cannot write read-only."""
    with store_faults(db):
        try:
            return open_any_store(db, cache_mb, for_reading=for_reading)
        except StoreError as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from None


def fail(message: str, status: int) -> typer.Exit:
    err.print(f"error: {message}", style="red", markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(status)


@contextmanager
def store_faults(db: str | Path) -> Iterator[None]:
    """A full disk, a read-only store or a store kept busy by another writer ends the command
    with one line naming the file and what to do, and an exit status of its own (faults.py)."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 (sqlite3's, psycopg's or the OS's; anything else is raised again)
        fault = fault_of(exc, db)
        if fault is None:
            raise
        raise fail(str(fault), fault.exit_status) from None
