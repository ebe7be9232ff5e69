"""HTML import speed: the public benchmark pages through `janalyq import`, model on and off.

Reads the pages of ScrapingHub's article-extraction benchmark (`scrapinghub/html/*.html.gz`) and
of trafilatura's evaluation set (`trafilatura/eval/*.html`) from the folder given (fetched once,
outside every repository, as for `bench.bench_extract`; nothing is fetched at run time), links
them into one folder and imports it into a fresh SQLite store in a child process, once with the
cross-language model on (the default of `janalyq import`) and once with `JANALYQ_EMBEDDINGS=0`.
Prints pages per second on the wall clock, per CPU-second of the whole process tree, and the
estimate for two idle cores (the storing process is serial, the rest shares both cores), with
how many pages became articles.

    python -m bench.bench_html_import --data /work/benchdata [--rounds 2] [--model on|off]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from bench.bench_import import run_import


def link_pages(data: Path, folder: Path) -> int:
    """Both sets' pages linked into `folder` under their own names; returns how many."""
    pages = sorted((data / "scrapinghub" / "html").glob("*.html.gz")) + sorted((data / "trafilatura" / "eval").glob("*.html"))
    if not pages:
        raise SystemExit(f"no benchmark pages under {data} (scrapinghub/html, trafilatura/eval)")
    for page in pages:
        (folder / page.name).symlink_to(page.resolve())
    return len(pages)


def stored_articles(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    finally:
        con.close()


def measure(folder: Path, pages: int, db: Path, embeddings: bool) -> dict:
    run = run_import(folder, db, embeddings)
    busiest = max(run["main_cpu"], run["tree_cpu"] / 2)
    return {"model": "on" if embeddings else "off", "pages": pages, "articles": stored_articles(db),
            "seconds": round(run["seconds"], 1), "pages_per_s": round(pages / run["seconds"], 1),
            "per_cpu_s": round(pages / run["tree_cpu"], 1) if run["tree_cpu"] else None,
            "two_core_estimate": round(pages / busiest, 1) if busiest else None,
            "load_avg": round(os.getloadavg()[0], 2), "exit_status": run["status"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with scrapinghub/ and trafilatura/")
    parser.add_argument("--rounds", type=int, default=1, help="alternate model on and off this many times")
    parser.add_argument("--model", choices=("on", "off", "both"), default="both", help="one row per round, or both")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        pages = link_pages(args.data, folder)
        for _ in range(args.rounds):
            for embeddings in {"on": (True,), "off": (False,), "both": (True, False)}[args.model]:
                rows.append(measure(folder, pages, Path(tmp) / "html.db", embeddings))
                print(rows[-1], file=sys.stderr, flush=True)
    print(f"{'model':>5} {'pages':>6} {'articles':>8} {'seconds':>8} {'pages/s':>8} {'pages/CPU-s':>11}"
          f" {'2-core est':>10} {'load':>5} {'exit':>4}")
    for r in rows:
        print(f"{r['model']:>5} {r['pages']:>6} {r['articles']:>8} {r['seconds']:>8} {r['pages_per_s']:>8}"
              f" {r['per_cpu_s']:>11} {r['two_core_estimate']:>10} {r['load_avg']:>5} {r['exit_status']:>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
