"""End-to-end import benchmark: synthetic kk/ru/en listing pages through the whole pipeline.

For each size it generates a corpus (bench/generate.py, cached under --workdir), imports it into a
fresh SQLite store in a child process (`python -m janalyq import`), and prints articles per
second, the child's peak memory (max RSS), and dedup precision and recall on the planted exact
and near copies (bench/quality.py).  Each size is imported twice, as a user runs it (the
cross-language model on: every article with its embedding, topic and story) and with
`JANALYQ_EMBEDDINGS=0`, one row each (`--model on` or `off` for one of them).  The "vs base"
column compares throughput with the first row of the same model, since absolute figures on a
shared 2-core machine are noisy.

    python -m bench.bench_import --sizes 10000 100000 1000000
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.generate import TRUTH_NAME, generate_corpus
from bench.quality import pair_scores

DEFAULT_WORKDIR = Path(__file__).resolve().parent / "out"


def _aside(folder: Path) -> Path:
    return folder.parent / f"{folder.name}.{TRUTH_NAME}"


@contextmanager
def truth_set_aside(folder: Path) -> Iterator[None]:
    """The answer key out of the folder while the folder is imported: it is not a page, and
    reading it as one once cost the 1M run half an hour (the reader was quadratic then)."""
    (folder / TRUTH_NAME).rename(_aside(folder))
    try:
        yield
    finally:
        _aside(folder).rename(folder / TRUTH_NAME)


def corpus_for(size: int, workdir: Path, seed: int) -> Path:
    folder = workdir / f"corpus-{size}-s{seed}"
    if _aside(folder).exists() and not (folder / TRUTH_NAME).exists():
        _aside(folder).rename(folder / TRUTH_NAME)  # a bench killed mid-import left it aside
    if not (folder / TRUTH_NAME).exists():
        print(f"generating {size:,} articles into {folder} ...", file=sys.stderr, flush=True)
        generate_corpus(size, folder, seed=seed)
    return folder


_TICK = os.sysconf("SC_CLK_TCK")


def tree_sample(root: int) -> tuple[int, dict[int, float]]:
    """Resident memory of a process and all its descendants, and each one's CPU seconds so far.

    The import's worker processes are grandchildren (through the forkserver), which neither
    ru_maxrss nor the CPU times of the child would count.
    """
    parents, rss, cpu = {}, {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / _TICK
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    family, grew = {root}, True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in family and pid not in family:
                family.add(pid)
                grew = True
    return sum(rss.get(pid, 0) for pid in family), {pid: cpu[pid] for pid in family if pid in cpu}


def run_import(corpus: Path, db: Path, embeddings: bool) -> dict:
    """Import in a child process: wall seconds, peak RSS of its process tree, CPU seconds of the
    storing process and of the whole tree, exit status."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    env = dict(os.environ, JANALYQ_EMBEDDINGS="1" if embeddings else "0")
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "janalyq", "import", str(corpus), "--db", str(db), "--quiet"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak, cpu = 0, {}
    while child.poll() is None:
        rss, seen = tree_sample(child.pid)
        peak = max(peak, rss)
        cpu.update(seen)  # last reading of each process: its CPU time until it ended
        try:  # not a plain sleep: the clock stops when the child ends, not up to 0.5 s later
            child.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            pass
    seconds = time.perf_counter() - started
    tail = child.stderr.read().decode(errors="replace").strip().splitlines()[-2:]
    print("   ", " ".join(tail), file=sys.stderr)
    return {"seconds": seconds, "peak": peak, "main_cpu": cpu.get(child.pid, 0.0),
            "tree_cpu": sum(cpu.values()), "status": child.returncode}


def item_mapping(db: Path) -> dict[str, str]:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT s.url, a.id FROM sightings s JOIN articles a ON a.rid = s.article_rid")
    mapping = dict(rows)
    con.close()
    return mapping


def stories_and_topics(db: Path) -> dict:
    """How many stored articles have a topic, a story and a vector: with the model on, all."""
    con = sqlite3.connect(db)
    row = con.execute("SELECT COUNT(*), COUNT(topic), COUNT(story_id),"
                      " (SELECT COUNT(*) FROM article_vectors) FROM articles").fetchone()
    con.close()
    return dict(zip(("articles", "with_topic", "with_story", "with_vector"), row))


def bench_size(size: int, workdir: Path, seed: int, embeddings: bool) -> dict:
    corpus = corpus_for(size, workdir, seed)
    items = sum(1 for _ in open(corpus / TRUTH_NAME, encoding="utf-8"))
    # The model-off store keeps the plain name: bench_export grows its stores from it.
    db = workdir / (f"bench-{size}-model.db" if embeddings else f"bench-{size}.db")
    with truth_set_aside(corpus):
        run = run_import(corpus, db, embeddings)
    scores = pair_scores(corpus / TRUTH_NAME, item_mapping(db))
    # What two idle cores would sustain: the storing process is serial, the rest is shared.
    busiest = max(run["main_cpu"], run["tree_cpu"] / 2)
    return {
        "size": size, "model": "on" if embeddings else "off", "enriched": stories_and_topics(db), "items": items, "seconds": round(run["seconds"], 1),
        "articles_per_s": round(items / run["seconds"], 1), "peak_rss_mb": round(run["peak"] / 2**20),
        "main_cpu_s": round(run["main_cpu"], 1), "tree_cpu_s": round(run["tree_cpu"], 1),
        "per_cpu_s": round(items / run["tree_cpu"], 1) if run["tree_cpu"] else None,
        "two_core_estimate": round(items / busiest, 1) if busiest else None,
        "load_avg": round(os.getloadavg()[0], 2), "exit_status": run["status"],
        "db_mb": round(db.stat().st_size / 2**20), "quality": scores,
    }


def minhash_only_scores(size: int, workdir: Path, seed: int) -> dict:
    """Dedup quality when copies can only be recognised by their text (exact keys and MinHash)."""
    from janalyq import dedup
    from janalyq.pipeline import import_paths
    from janalyq.store import Store

    corpus = corpus_for(size, workdir, seed)
    db = workdir / f"bench-minhash-{size}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    original = dedup.canonical_source
    dedup.canonical_source = lambda url: None
    try:
        store = Store(db)
        with truth_set_aside(corpus):
            import_paths([str(corpus)], store, workers=1, embeddings=False)
        store.close()
    finally:
        dedup.canonical_source = original
    return pair_scores(corpus / TRUTH_NAME, item_mapping(db))


def print_table(results: list[dict]) -> None:
    bases = {}
    for r in results:
        bases.setdefault(r["model"], r["articles_per_s"])
    print(f"{'model':>5} {'articles':>10} {'seconds':>8} {'art/s':>8} {'vs base':>8} {'art/CPU-s':>9} {'2-core est':>10}"
          f" {'load':>5} {'peak MB':>8} {'db MB':>7}"
          f" {'near P':>7} {'near R':>7} {'exact P':>8} {'exact R':>8} {'all P':>6} {'all R':>6}")
    for r in results:
        q = r["quality"]
        base = bases[r["model"]]
        print(f"{r['model']:>5} {r['items']:>10,} {r['seconds']:>8} {r['articles_per_s']:>8} {r['articles_per_s'] / base:>8.2f}"
              f" {r['per_cpu_s']:>9} {r['two_core_estimate']:>10} {r['load_avg']:>5}"
              f" {r['peak_rss_mb']:>8} {r['db_mb']:>7} {q['near']['precision']:>7.4f} {q['near']['recall']:>7.4f}"
              f" {q['exact']['precision']:>8.4f} {q['exact']['recall']:>8.4f}"
              f" {q['overall']['precision']:>6.4f} {q['overall']['recall']:>6.4f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--model", choices=("both", "on", "off"), default="both",
                        help="Import with the cross-language model on (the default of `janalyq import`:"
                             " embeddings, topics from them and stories), off (JANALYQ_EMBEDDINGS=0),"
                             " or both, one row each (default).")
    parser.add_argument("--minhash-check", type=int, default=0, metavar="N",
                        help="Also score dedup on N articles with source-URL keys disabled, so that near"
                             " copies must be found by MinHash/LSH and text alone.")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    results = []
    models = {"both": (True, False), "on": (True,), "off": (False,)}[args.model]
    for size in args.sizes:
        for embeddings in models:
            results.append(bench_size(size, args.workdir, args.seed, embeddings))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    print_table(results)
    if args.minhash_check:
        scores = minhash_only_scores(args.minhash_check, args.workdir, args.seed)
        print(f"\nwithout source-URL keys, {args.minhash_check:,} articles: " + ", ".join(
            f"{kind} P {scores[kind]['precision']:.4f} R {scores[kind]['recall']:.4f}" for kind in ("near", "exact", "overall")))
    (args.workdir / "bench_import.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
