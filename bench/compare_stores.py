"""Whether two stores hold the same records: every table compared row by row.

For checking that a change to the import leaves what it stores as it was: import the same corpus
with both versions of the code (`bench_import` leaves `bench/out/bench-10000.db`), then

    python -m bench.compare_stores old.db new.db

Times of the run (when each article was collected, updated or seen, when a run started and
ended, its seconds, process id and host) are left out; nothing else is.  The full-text indexes
are compared by what they index, each (term, article, column, position) listed by `fts5vocab`,
and separately byte for byte: FTS5's own pages may be laid out otherwise (other segment and
merge points) while indexing the same postings; such pages, and tables of a newer schema that
hold no rows, are printed as notes.  Exit status 0 when the records are equal.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import sys

# Columns that hold the time of the run, not a record of the news.
RUN_TIMES = {"collected_at", "updated_at", "seen_at", "started_at", "finished_at", "first_seen", "last_seen",
             "at", "queued_at", "done_at", "added_at", "discovered_at", "fetched_at"}
RUN_COUNTS = {"seconds", "pid", "host", "resolved_inputs"}  # of runs.counts: the run, not the news


def tables(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"))


def fts_tables(db: sqlite3.Connection) -> list[str]:
    return [name for name, sql in tables(db).items() if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")
            and "FTS5" in sql.upper()]


def _run_counts(text: str | None) -> str | None:
    try:
        counts = json.loads(text) if text else None
    except ValueError:
        return text
    if isinstance(counts, dict):
        for name in RUN_COUNTS:
            counts.pop(name, None)
    return json.dumps(counts, sort_keys=True)


def table_digest(db: sqlite3.Connection, name: str, keep_times: bool = False) -> tuple[int, str]:
    """Row count and a digest of the rows, in a fixed order, run times left out."""
    columns = [row[1] for row in db.execute(f'PRAGMA table_info("{name}")')]
    kept = [c for c in columns if keep_times or c not in RUN_TIMES]
    listed = ", ".join(f'"{c}"' for c in kept)
    digest, count = hashlib.sha256(), 0
    counts_at = kept.index("counts") if name == "runs" and "counts" in kept else None
    for row in db.execute(f'SELECT {listed} FROM "{name}" ORDER BY {listed}'):
        if counts_at is not None:
            row = (*row[:counts_at], _run_counts(row[counts_at]), *row[counts_at + 1:])
        digest.update(repr(row).encode())
        count += 1
    return count, digest.hexdigest()


def postings_digest(db: sqlite3.Connection, fts: str) -> tuple[int, str]:
    """What an FTS5 table indexes: every (term, rowid, column, offset), by fts5vocab."""
    db.execute(f'CREATE VIRTUAL TABLE IF NOT EXISTS temp."vocab_{fts}" USING fts5vocab(main, "{fts}", instance)')
    digest, count = hashlib.sha256(), 0
    for row in db.execute(f'SELECT term, doc, col, "offset" FROM temp."vocab_{fts}" ORDER BY term, doc, col, "offset"'):
        digest.update(repr(row).encode())
        count += 1
    return count, digest.hexdigest()


def compare(old_path: str, new_path: str) -> list[str]:
    """One line per difference; empty when the stores hold the same records."""
    old, new = sqlite3.connect(old_path), sqlite3.connect(new_path)
    old_tables, new_tables = tables(old), tables(new)
    problems, notes = [], []
    for only, db, side in ((set(old_tables) - set(new_tables), old, "old"), (set(new_tables) - set(old_tables), new, "new")):
        for name in sorted(only):  # a table of a newer schema: a difference only if it holds rows
            rows = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            (problems if rows else notes).append(f"{name}: only in the {side} store, {rows} rows")
    fts = set(fts_tables(old)) & set(fts_tables(new))
    shadows = {name for name in old_tables if any(name.startswith(f + "_") for f in fts)}
    for name in sorted(set(old_tables) & set(new_tables) - fts):
        a, b = table_digest(old, name), table_digest(new, name)
        if a != b:
            (notes if name in shadows else problems).append(
                f"{name}: {a[0]} rows {a[1][:12]} vs {b[0]} rows {b[1][:12]}"
                + (" (FTS5 pages laid out otherwise; the postings are compared below)" if name in shadows else ""))
    for name in sorted(fts):
        a, b = postings_digest(old, name), postings_digest(new, name)
        if a != b:
            problems.append(f"{name} postings: {a[0]} {a[1][:12]} vs {b[0]} {b[1][:12]}")
    for line in notes:
        print(f"note: {line}")
    old.close()
    new.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    args = parser.parse_args(argv)
    problems = compare(args.old, args.new)
    for line in problems:
        print(line)
    print("same records" if not problems else f"{len(problems)} tables differ")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
