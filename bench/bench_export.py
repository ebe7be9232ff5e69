"""Export benchmark: `janalyq export` of a large store, peak memory and speed per format and filter.

    python -m bench.bench_export --articles 1000000

The store is made from the 10k import bench's store (bench/out/bench-10000.db; imported first,
model off, if missing): its articles and sightings are copied, with new ids and links, until the
store holds `--articles`.  The copy's triggers are dropped first (it is a throwaway file that only
the export reads; the search index is not exported).  Each export runs in its own child process,
writing to /dev/null, and its peak memory (max RSS, from wait4) is printed beside the store size:
streaming means the peak stays flat while the store grows.  This process imports nothing of janalyq
(a forked child's ru_maxrss starts from its parent's size).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_WORKDIR = Path(__file__).resolve().parent / "out"
SOURCE_SIZE = 10000
_COPY_COLUMNS = ("url, source_url, outlet, lang, title, title_derived, published, body, site_section,"
                 " collected_at, updated_at, content_hash, flags, lang_confidence, duplicates, topic,"
                 " topic_confidence, story_id, region, published_at")


def source_store(workdir: Path) -> Path:
    path = workdir / f"bench-{SOURCE_SIZE}.db"
    if not path.exists():
        subprocess.run([sys.executable, "-m", "bench.bench_import", "--sizes", str(SOURCE_SIZE),
                        "--workdir", str(workdir), "--model", "off"], check=True)
    return path


def scaled_store(source: Path, target: Path, articles: int) -> int:
    """A copy of `source` grown to `articles` rows by repeating its articles; returns the count."""
    from janalyq.store import Store

    Store(source).close()  # brought to the current schema (and analyzer) before it is copied
    shutil.copyfile(source, target)
    db = sqlite3.connect(target, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        db.execute(f"DROP TRIGGER {name}")
    base = db.execute("SELECT max(rid) FROM articles").fetchone()[0]
    originals = count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    round_number = 0
    while count < articles:
        round_number += 1
        take = min(originals, articles - count)
        db.execute("BEGIN")
        db.execute(f"INSERT INTO articles (id, {_COPY_COLUMNS}) SELECT id || '-{round_number}', "
                   + _COPY_COLUMNS.replace("url, source_url", f"url || '#{round_number}', source_url", 1)
                   + f" FROM articles WHERE rid <= {base} ORDER BY rid LIMIT {take}")
        db.execute(f"INSERT OR IGNORE INTO sightings (url, content_hash, article_rid, site_section, seen_at)"
                   f" SELECT url, content_hash, rid, site_section, collected_at FROM articles"
                   f" WHERE rid > (SELECT max(article_rid) FROM sightings)")
        db.execute("COMMIT")
        count += take
    db.close()
    return count


def run_export(db: Path, *options: str) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one `janalyq export` child writing to /dev/null."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "janalyq", "export", "--db", str(db), "-o", os.devnull, *options],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"export {' '.join(options)} failed: {child.stderr.read().decode()[-500:]}")
    return seconds, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[SOURCE_SIZE, 1000000])
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--keep", action="store_true", help="keep the grown stores")
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    source = source_store(args.workdir)
    print(f"{'articles':>9} {'format':>6} {'filter':>18} {'seconds':>8} {'records/s':>10} {'peak MB':>8}")
    for size in args.articles:
        target = args.workdir / f"export-{size}.db"
        # Grown in a child: this process stays small, because a child's peak memory (ru_maxrss)
        # counts the parent's pages it was forked with.
        int(subprocess.run(
            [sys.executable, "-c", "import sys; from bench.bench_export import scaled_store; from pathlib import Path;"
             " print(scaled_store(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])))",
             str(source), str(target), str(size)], check=True, capture_output=True, text=True).stdout.split()[-1])
        with sqlite3.connect(target) as db:
            stored = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        for options in ((), ("--format", "csv"), ("--lang", "kk"), ("--since", "2026-01-01")):
            seconds, peak = run_export(target, *options)
            fmt = "csv" if "csv" in options else "jsonl"
            label = " ".join(options) if options and options[0] != "--format" else "all"
            print(f"{stored:>9} {fmt:>6} {label:>18} {seconds:>8.1f} {stored / seconds:>10.0f} {peak:>8.0f}")
        if not args.keep:
            target.unlink()


if __name__ == "__main__":
    main()
