"""Where an import's CPU goes, one side at a time, with cProfile (model off unless --model on).

`workers`: the worker processes' part (`pipeline.prepare_file` with its ahead work, and the
pickling of each prepared file, as a pool sends it back) for every file of a corpus, in this one
process; it also saves the prepared files, pickled, for the next part.
`store`: the storing process's part alone: the saved prepared files through `import_paths`
(with `prepare=`, so nothing else runs) into a fresh store, as a parallel import stores them.

    python -m bench.profile_import workers bench/out/corpus-10000-s1 --save /tmp/prepared.pkl
    python -m bench.profile_import store /tmp/prepared.pkl --db /tmp/p.db
    python -m bench.profile_import store /tmp/prepared.pkl --sql      # CPU seconds by SQL statement
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pickle
import pstats
import sys
import time
from pathlib import Path

from bench.generate import TRUTH_NAME


def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus.iterdir() if p.is_file() and p.name != TRUTH_NAME)
    return files[:limit] if limit else files


def profile_workers(files: list[Path], embeddings: bool, save: Path | None) -> tuple[cProfile.Profile, float]:
    from janalyq.pipeline import prepare_file

    collected_at = dt.datetime(2026, 12, 5, tzinfo=dt.timezone.utc)
    prepared, pickled = [], 0
    profile = cProfile.Profile()
    started = time.process_time()
    profile.enable()
    for path in files:
        one = prepare_file(str(path), collected_at, True, embeddings, None)
        pickled += len(pickle.dumps(one, protocol=pickle.HIGHEST_PROTOCOL))
        prepared.append(one)
    profile.disable()
    seconds = time.process_time() - started
    print(f"{len(files)} files, {pickled / 2**20:.1f} MB pickled", file=sys.stderr)
    if save:
        with open(save, "wb") as handle:
            pickle.dump(prepared, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return profile, seconds


class TimedConnection:
    """A connection that adds up the CPU seconds of each SQL statement (by its first words)."""

    def __init__(self, db):
        self._db = db
        self.seconds: dict[str, list] = {}

    def _timed(self, method, sql, *args):
        started = time.process_time()
        try:
            return method(sql, *args)
        finally:
            entry = self.seconds.setdefault(" ".join(sql.split())[:90], [0, 0.0])
            entry[0] += 1
            entry[1] += time.process_time() - started

    def execute(self, sql, *args):
        return self._timed(self._db.execute, sql, *args)

    def executemany(self, sql, *args):
        return self._timed(self._db.executemany, sql, *args)

    def __getattr__(self, name):
        return getattr(self._db, name)

    def report(self, top: int = 25) -> None:
        ranked = sorted(self.seconds.items(), key=lambda kv: -kv[1][1])
        print(f"SQL statements: {sum(v[1] for v in self.seconds.values()):.2f} CPU-s", file=sys.stderr)
        for sql, (calls, seconds) in ranked[:top]:
            print(f"{seconds:8.3f} s {calls:7d}  {sql}", file=sys.stderr)


def profile_store(saved: Path, db: Path, embeddings: bool, sql: bool = False) -> tuple[cProfile.Profile, float]:
    from janalyq.pipeline import import_paths
    from janalyq.store import Store

    with open(saved, "rb") as handle:
        prepared = pickle.load(handle)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = Store(db)
    if sql:
        store.db = TimedConnection(store.db)
    paths = [item.path for item in prepared]
    profile = cProfile.Profile()
    started = time.process_time()
    if not sql:
        profile.enable()
    import_paths(paths, store, workers=2, embeddings=embeddings,
                 prepare=lambda files, collected_at, use, path: iter(prepared))
    profile.disable()
    seconds = time.process_time() - started
    if sql:
        store.db.report()
    store.close()
    return profile, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=("workers", "store"))
    parser.add_argument("source", type=Path, help="a corpus folder (workers) or saved prepared files (store)")
    parser.add_argument("--save", type=Path, help="workers: where to save the prepared files")
    parser.add_argument("--db", type=Path, default=Path("/tmp/profile_import.db"))
    parser.add_argument("--files", type=int, help="workers: only the first N files")
    parser.add_argument("--model", choices=("on", "off"), default="off")
    parser.add_argument("--sql", action="store_true", help="store: CPU seconds by SQL statement (no cProfile)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="tottime")
    args = parser.parse_args(argv)
    embeddings = args.model == "on"
    if args.part == "workers":
        profile, seconds = profile_workers(corpus_files(args.source, args.files), embeddings, args.save)
    else:
        profile, seconds = profile_store(args.source, args.db, embeddings, args.sql)
    print(f"{args.part}: {seconds:.2f} CPU-s", file=sys.stderr)
    if not args.sql:
        pstats.Stats(profile, stream=sys.stdout).sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
