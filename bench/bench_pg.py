"""PostgreSQL against SQLite: import throughput with one and two writers, and a 1M store moved and served.

    flock /tmp/an/bench.lock .venv/bin/python -m bench.bench_pg                  # both parts
    flock /tmp/an/bench.lock .venv/bin/python -m bench.bench_pg --only import --size 30000 --model-on-size 3000
    flock /tmp/an/bench.lock .venv/bin/python -m bench.bench_pg --only web --articles 1000000

The PostgreSQL server is a throwaway cluster made as the tests make theirs (tests/pg_cluster.py:
Debian's PostgreSQL 15, initdb into a temporary folder, run as the postgres user, removed at the
end), started with the settings in `SETTINGS` (durable: fsync on; commits not waited for, as
SQLite's WAL with synchronous=NORMAL).

import: the same generated corpus (bench/generate.py, through bench_import.corpus_for) into
SQLite, into PostgreSQL by one import process, and into PostgreSQL by two import processes at
once, each over half of the files (planted copies cross the halves: the dedup figures show the
two writers still store every distinct article once).  Each row prints wall seconds, articles/s,
CPU seconds of the import processes and their text-stage workers, CPU seconds of the PostgreSQL
server, the time the writers held the store's writing turn (the advisory lock on PostgreSQL,
the write transaction on SQLite), and the time they worked inside it (storing files and
committing: dedup lookups, story links, writes, the search index; not the waits for their
workers' next file): that work is the serial part, per article.  The imports run in child
processes of this module (`import-child`), which time it around the real
`janalyq.pipeline.import_paths` (wall time: on a loaded machine it includes waits for a core).

web: the 1M synthetic store of bench_web (built there if missing, cached in /tmp), copied into
PostgreSQL with `janalyq.store.copy` (rows/s), then the same requests timed on both backends
(bench_web.measure: home, section, article, search, search API; server-side, in process).
Search is timed on PostgreSQL only where this tree can search there.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_import import DEFAULT_WORKDIR, corpus_for, tree_sample
from bench.generate import TRUTH_NAME
from bench.quality import pair_scores
from tests.pg_cluster import PG_BIN, Cluster, _as_server_user

SETTINGS = {
    "shared_buffers": "1GB", "effective_cache_size": "4GB", "work_mem": "32MB",
    "maintenance_work_mem": "256MB", "max_wal_size": "8GB", "checkpoint_timeout": "15min",
    "synchronous_commit": "off", "wal_compression": "on", "max_connections": "60",
    "listen_addresses": "127.0.0.1",
}


class BenchCluster(Cluster):
    """The tests' throwaway cluster, with the bench's settings (fsync on)."""

    def start(self) -> BenchCluster:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        subprocess.run(_as_server_user([str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                                        "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]),
                       check=True, capture_output=True)
        options = f"-p {self.port} -k {self.folder} " + " ".join(f"-c {k}={v}" for k, v in SETTINGS.items())
        subprocess.run(_as_server_user([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-o", options, "-l",
                                        str(self.folder / "server.log"), "-w", "-t", "120", "start"]),
                       check=True, capture_output=True)
        self.started = True
        self._template()
        return self

    def server_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])


# -- import -------------------------------------------------------------------------------------
def import_child(db: str, paths: list[str]) -> None:
    """One import, as `janalyq import` runs it, with the writing turn timed; prints JSON."""
    from janalyq import pipeline
    from janalyq.store import open_store
    from janalyq.store.postgres import PgStore
    from janalyq.store.sqlite import Store

    turn = {"held": 0.0, "busy": 0.0, "turns": 0, "inside": False}
    for cls in (Store, PgStore):
        _time_turns(cls, turn)
    pipeline.store_prepared = _timed_work(pipeline.store_prepared, turn)
    _count_statements(turn)
    store = open_store(db)
    store.check_writable()
    report = pipeline.import_paths(paths, store)
    store.close()
    print(json.dumps({"held_s": turn["held"], "busy_s": turn["busy"], "turns": turn["turns"],
                      "statements": turn.get("statements", 0),
                      "stored_new": report.stored_new, "merged": report.merged, "rejects": len(report.rejects)}))


def _timed_work(function, turn: dict):
    """The storing process's work inside its turn (dedup, links, writes): the serial part.  The
    turn is also held while the process waits for its workers' next file, which is not work."""
    def timed(*args, **kwargs):
        started = time.perf_counter()
        turn["inside"] = True
        try:
            return function(*args, **kwargs)
        finally:
            turn["inside"] = False
            turn["busy"] += time.perf_counter() - started
    return timed


def _count_statements(turn: dict) -> None:
    """Statements sent to PostgreSQL (each one a round trip to the server)."""
    from janalyq.store import pg_connection

    execute, executemany = pg_connection.Cursor.execute, pg_connection.Cursor.executemany

    def counted(method):
        def call(self, *args, **kwargs):
            turn["statements"] = turn.get("statements", 0) + 1
            return method(self, *args, **kwargs)
        return call

    pg_connection.Cursor.execute, pg_connection.Cursor.executemany = counted(execute), counted(executemany)


def _time_turns(cls, turn: dict) -> None:
    begin, commit = cls.begin, cls.commit

    def timed_begin(self) -> None:
        asked = time.perf_counter()
        begin(self)  # returns once the turn (the lock, on PostgreSQL) is this process's
        self._turn_started = time.perf_counter()
        if turn["inside"]:  # a batch committed and begun again inside store_prepared: the wait is no work
            turn["busy"] -= self._turn_started - asked

    def timed_commit(self) -> None:
        committing = time.perf_counter()
        commit(self)
        ended = time.perf_counter()
        if not turn["inside"]:  # a commit inside store_prepared is counted there
            turn["busy"] += ended - committing
        started = self.__dict__.pop("_turn_started", None)
        if started is not None:
            turn["held"] += ended - started
            turn["turns"] += 1

    cls.begin, cls.commit = timed_begin, timed_commit


def run_imports(db: str, parts: list[list[str]], embeddings: bool, server: int | None) -> dict:
    """Import processes at once, one per part; wall time, CPU of their trees and of the server."""
    env = dict(os.environ, JANALYQ_EMBEDDINGS="1" if embeddings else "0")
    base = tree_sample(server)[1] if server else {}
    outs = [tempfile.TemporaryFile() for _ in parts]
    started = time.perf_counter()
    children = [subprocess.Popen([sys.executable, "-m", "bench.bench_pg", "import-child", db, *files],
                                 stdout=out, stderr=subprocess.DEVNULL, env=env) for files, out in zip(parts, outs)]
    cpu, server_cpu, peak = {}, {}, 0
    while any(child.poll() is None for child in children):
        rss = 0
        for child in children:
            size, seen = tree_sample(child.pid)
            rss += size
            cpu.update(seen)
        if server:
            server_cpu.update(tree_sample(server)[1])
        peak = max(peak, rss)
        time.sleep(0.5)
    seconds = time.perf_counter() - started
    results = []
    for child, out in zip(children, outs):
        out.seek(0)
        text = out.read().decode().strip().splitlines()
        if child.returncode not in (0, 1) or not text:
            raise SystemExit(f"import into {db} failed (status {child.returncode})")
        results.append(json.loads(text[-1]))
    return {"seconds": seconds, "tree_cpu": sum(cpu.values()), "main_cpu": sum(cpu.get(c.pid, 0) for c in children),
            "server_cpu": sum(v - base.get(pid, 0.0) for pid, v in server_cpu.items()), "peak_mb": peak / 2**20,
            "held_s": sum(r["held_s"] for r in results), "busy_s": sum(r["busy_s"] for r in results),
            "statements": sum(r["statements"] for r in results),
            "stored_new": sum(r["stored_new"] for r in results),
            "merged": sum(r["merged"] for r in results)}


def dedup_scores(db: str, truth: Path) -> dict:
    from janalyq.store import open_store

    store = open_store(db)
    mapping = dict(store.rows("SELECT s.url, a.id FROM sightings s JOIN articles a ON a.rid = s.article_rid"))
    store.close()
    return pair_scores(truth, mapping)


def import_rows(cluster: BenchCluster, size: int, embeddings: bool, workdir: Path, seed: int) -> list[dict]:
    corpus = corpus_for(size, workdir, seed)
    files = sorted(str(p) for p in corpus.iterdir() if p.name != TRUTH_NAME)
    items = sum(1 for _ in open(corpus / TRUTH_NAME, encoding="utf-8"))
    halves = [files[: len(files) // 2], files[len(files) // 2:]]
    sqlite_db = workdir / f"bench-pg-sqlite-{size}{'-model' if embeddings else ''}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_db}{suffix}").unlink(missing_ok=True)
    rows = []
    for name, db, parts in (("SQLite", str(sqlite_db), [files]), ("PostgreSQL, 1 writer", cluster.new_database(), [files]),
                            ("PostgreSQL, 2 writers", cluster.new_database(), halves)):
        run = run_imports(db, parts, embeddings, cluster.server_pid() if db.startswith("postgresql") else None)
        scores = dedup_scores(db, corpus / TRUTH_NAME)
        rows.append({"backend": name, "model": "on" if embeddings else "off", "items": items, **run,
                     "articles_per_s": items / run["seconds"], "load": os.getloadavg()[0],
                     "dedup_p": scores["overall"]["precision"], "dedup_r": scores["overall"]["recall"]})
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def print_import_rows(rows: list[dict]) -> None:
    print(f"{'backend':<22} {'model':>5} {'items':>7} {'stored':>7} {'seconds':>8} {'art/s':>7} {'import CPU':>10}"
          f" {'server CPU':>10} {'ms CPU/art':>10} {'turn held':>9} {'in turn':>7} {'ms/art in turn':>14}"
          f" {'stmts/art':>9} {'dedup P/R':>13} {'load':>5}")
    for r in rows:
        cpu_ms = (r["tree_cpu"] + r["server_cpu"]) * 1000 / r["items"]
        print(f"{r['backend']:<22} {r['model']:>5} {r['items']:>7,} {r['stored_new']:>7,} {r['seconds']:>8.1f}"
              f" {r['articles_per_s']:>7.1f} {r['tree_cpu']:>10.1f} {r['server_cpu']:>10.1f} {cpu_ms:>10.2f}"
              f" {r['held_s']:>9.1f} {r['busy_s']:>7.1f} {r['busy_s'] * 1000 / r['items']:>14.2f}"
              f" {r['statements'] / r['items']:>9.1f}"
              f" {r['dedup_p']:>6.4f}/{r['dedup_r']:.4f} {r['load']:>5.1f}")


# -- web ------------------------------------------------------------------------------------------
def copy_to_postgres(cluster: BenchCluster, sqlite_db: Path) -> tuple[str, dict]:
    from janalyq.store.copy import copy_store

    url = cluster.new_database()
    last = [0.0]

    def progress(table: str, done: int, total: int) -> None:
        if time.perf_counter() - last[0] > 30 or done == total:
            last[0] = time.perf_counter()
            print(f"  copy: {table} {done:,}/{total:,}", file=sys.stderr, flush=True)

    report = copy_store(str(sqlite_db), url, on_progress=progress)
    from janalyq.store import open_store

    store = open_store(url)
    size = store.scalar("SELECT pg_database_size(current_database())")
    store.close()
    return url, {"seconds": report.seconds, "rows": report.total, "articles": report.rows.get("articles", 0),
                 "rejects": len(report.rejects), "db_bytes": size}


def copy_back(url: str, articles: int) -> None:
    """The way back: the PostgreSQL store copied into a new SQLite file (removed after)."""
    from janalyq.store.copy import copy_store

    back = Path(tempfile.gettempdir()) / f"janalyq-bench-pg-back-{articles}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{back}{suffix}").unlink(missing_ok=True)
    try:
        report = copy_store(url, str(back))
        print(f"store copy PostgreSQL -> SQLite: {report.rows.get('articles', 0):,} articles, {report.total:,} rows"
              f" in {report.seconds:.0f} s: {report.total / report.seconds:,.0f} rows/s, {len(report.rejects)} rejected;"
              f" SQLite file {back.stat().st_size / 2**30:.2f} GiB; load {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{back}{suffix}").unlink(missing_ok=True)


def page_statements(db: str) -> dict[str, int]:
    """Statements one warm request of each page sends to PostgreSQL (each one a round trip)."""
    from fastapi.testclient import TestClient

    from janalyq.store import pg_connection
    from janalyq.web import create_app

    sent = {"n": 0}
    execute = pg_connection.Cursor.execute

    def counted(self, *args, **kwargs):
        sent["n"] += 1
        return execute(self, *args, **kwargs)

    client, counts = TestClient(create_app(db)), {}
    pg_connection.Cursor.execute = counted
    try:
        for name, url in (("home", "/kk/"), ("section", "/ru/section/news?page=3")):
            client.get(url)  # warm
            sent["n"] = 0
            if client.get(url).status_code == 200:
                counts[name] = sent["n"]
    finally:
        pg_connection.Cursor.execute = execute
    print(f"PostgreSQL statements per page, warm: {counts}", flush=True)
    return counts


def can_search(db: str) -> bool:
    from janalyq.search import engine
    from janalyq.store import open_store

    store = open_store(db, for_reading=True)
    try:
        engine.search(store.db, "Астана")
        return True
    except Exception as exc:  # noqa: BLE001 (a tree whose search does not run on this backend yet)
        print(f"  search on {db.split('@')[-1]} not measured: {type(exc).__name__}: {str(exc)[:120]}",
              file=sys.stderr)
        return False
    finally:
        store.close()


def web_rows(cluster: BenchCluster, articles: int, requests: int) -> None:
    from bench.bench_web import build_store, measure

    sqlite_db = Path(f"/tmp/janalyq-bench-web-{articles}.db")
    build_store(sqlite_db, articles, 80)
    url, copied = copy_to_postgres(cluster, sqlite_db)
    print(f"store copy SQLite -> PostgreSQL: {copied['articles']:,} articles, {copied['rows']:,} rows in"
          f" {copied['seconds']:.0f} s: {copied['rows'] / copied['seconds']:,.0f} rows/s,"
          f" {copied['articles'] / copied['seconds']:,.0f} articles/s (search index made as they go),"
          f" {copied['rejects']} rejected; SQLite file {sqlite_db.stat().st_size / 2**30:.2f} GiB,"
          f" PostgreSQL database {copied['db_bytes'] / 2**30:.2f} GiB; this process's peak RSS"
          f" {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; load {os.getloadavg()[0]:.1f}", flush=True)
    for name, db in (("SQLite", str(sqlite_db)), ("PostgreSQL", url)):
        kinds = ["home", "section", "article"] + (["search"] if can_search(db) else [])
        for kind in kinds:
            try:  # a page this tree cannot serve on this backend yet (a 500) is told, not timed
                measured = measure(db, requests, kinds={kind})
            except SystemExit as exc:
                print(f"{name:<11} {kind:40s} not measured: {exc}", flush=True)
                continue
            for page, figures in measured.items():
                print(f"{name:<11} {page:40s} n={figures['n']:4d}  p50 {figures['p50_ms']:7.2f} ms"
                      f"  p95 {figures['p95_ms']:7.2f} ms  max {figures['max_ms']:7.2f} ms"
                      f"  load {os.getloadavg()[0]:.1f}", flush=True)
    page_statements(url)
    copy_back(url, articles)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["import-child"]:
        import_child(argv[1], argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("import", "web"), default=None)
    parser.add_argument("--size", type=int, default=30_000, help="articles of the model-off import rows")
    parser.add_argument("--model-on-size", type=int, default=3_000, help="articles of the model-on rows (0: none)")
    parser.add_argument("--articles", type=int, default=1_000_000, help="articles of the web store")
    parser.add_argument("--requests", type=int, default=200, help="requests per page kind")
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    cluster = BenchCluster().start()
    print(f"PostgreSQL 15, throwaway cluster: {', '.join(f'{k}={v}' for k, v in SETTINGS.items())}; measured under"
          f" load (2 cores shared with other engineers), load average at start {os.getloadavg()[0]:.1f}", flush=True)
    try:
        if args.only in (None, "import"):
            rows = import_rows(cluster, args.size, False, args.workdir, args.seed)
            if args.model_on_size:
                rows += import_rows(cluster, args.model_on_size, True, args.workdir, args.seed)
            print_import_rows(rows)
        if args.only in (None, "web"):
            web_rows(cluster, args.articles, args.requests)
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
