"""The fork server that starts an import's worker processes, and starting it early.

The server imports `janalyq.worker_warm` (the text stages with their models loaded) before it
forks the workers, so that they start ready.  That takes about a second; `janalyq import`
starts the server before the command line's own imports (another second), so the two overlap.
This module imports nothing of janalyq for that reason.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import os
from collections.abc import Sequence
from pathlib import Path

WORKER_PRELOAD = ["janalyq.worker_warm"]
# Starting worker processes costs about a second; it pays off only on larger imports.
PARALLEL_FROM_FILES = 40
_OPTIONS_WITH_VALUES = {"--db", "--batch-size", "--workers"}


def worker_context() -> multiprocessing.context.BaseContext:
    """The fork-server context of the import's workers.  The preload takes effect when the fork
    server starts: with the first pool of this process, or earlier by `start_early`."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(WORKER_PRELOAD)
    return context


def start_early(argv: Sequence[str], environ: dict[str, str] | None = None) -> bool:
    """Start the fork server now when the command line `argv` (without the program) is an
    import that will use worker processes on SQLite; True when started.  A wrong guess costs
    only the server's warm-up, in the background; the import decides for itself as before."""
    if not will_use_workers(argv, os.environ if environ is None else environ):
        return False
    worker_context()
    multiprocessing.forkserver.ensure_running()
    return True


def will_use_workers(argv: Sequence[str], environ: dict[str, str]) -> bool:
    """Whether `janalyq import` with these arguments runs the text stages in worker processes
    (`janalyq.pipeline.import_paths`): on SQLite, with --workers above 1, or by default for 40
    files or more.  (On PostgreSQL --workers means other workers, with a server of their own.)"""
    if not argv or argv[0] != "import":
        return False
    options, paths = _split(argv[1:])
    db = options.get("--db", environ.get("JANALYQ_DB", ""))
    if db.startswith(("postgres://", "postgresql://")) or "--help" in options:
        return False
    if "--workers" in options:
        try:
            return int(options["--workers"]) > 1
        except ValueError:
            return False
    return (os.cpu_count() or 1) > 1 and _count_files(paths, PARALLEL_FROM_FILES) >= PARALLEL_FROM_FILES


def _split(args: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    options: dict[str, str] = {}
    paths: list[str] = []
    pending = None
    for arg in args:
        if pending is not None:
            options[pending], pending = arg, None
        elif arg.startswith("--") and "=" in arg:
            name, value = arg.split("=", 1)
            options[name] = value
        elif arg in _OPTIONS_WITH_VALUES:
            pending = arg
        elif arg.startswith("-"):
            options[arg] = ""
        else:
            paths.append(arg)
    return options, paths


def _count_files(paths: Sequence[str], enough: int) -> int:
    """Files named and not hidden files in folders named, counted up to `enough`."""
    count = 0
    for raw in paths:
        if not Path(raw).is_dir():
            count += 1
        else:
            for _root, dirs, files in os.walk(raw):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                count += sum(1 for name in files if not name.startswith("."))
                if count >= enough:
                    break
        if count >= enough:
            break
    return count
