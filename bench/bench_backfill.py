"""Backfill on Dask against a plain import of the same WARC set, on this machine.

The WARC set is made of our own synthetic articles (bench/generate.py, planted exact and near
copies): each article of the generated listing pages becomes an HTML page of its own, with its
date in a meta tag and its gov.kz release as the canonical link, and the pages are packed into
`--files` WARC.gz files.  Each run is a child process of the real CLI on a fresh store:
`janalyq import` (default workers, and `--workers N`) and `janalyq backfill --workers N` (a
LocalCluster of N processes); the wall time includes the cluster's start.  The stores are then
compared (ids, titles, dates, bodies, languages, outlets, stories, copies merged).

    python -m bench.bench_backfill --articles 4000 --files 16 --workers 2 --model off
    python -m bench.bench_backfill --articles 4000 --files 1 --workers 2 --part-mb 1   # one WARC, in parts
"""

from __future__ import annotations

import argparse
import html
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from bench.generate import TRUTH_NAME, generate_corpus
from janalyq.export import export_records
from janalyq.read import read_path
from janalyq.store import Store

DEFAULT_WORKDIR = Path(__file__).resolve().parent / "out"
COMPARED = ("id", "lang", "title", "published", "body", "source_url", "outlet", "duplicates", "story_id", "topic")


def page_of(article, lang: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in article.body)
    title = html.escape(article.title or "")
    day = re.search(r"(\d{2})\.(\d{2})\.(\d{4})", article.date_text or "")
    date = f"{day[3]}-{day[2]}-{day[1]}" if day else ""
    canonical = f'<link rel="canonical" href="{html.escape(article.source_url)}">' if article.source_url else ""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<title>{title}</title><meta property="article:published_time" content="{date}">{canonical}</head>'
            f"<body><h1>{title}</h1><article>{paragraphs}</article></body></html>")


def build_warc_set(articles: int, files: int, folder: Path, seed: int = 5) -> list[Path]:
    """`files` WARC.gz files holding the generated articles as pages (cached in `folder`)."""
    done = folder / "complete"
    if done.exists():
        return sorted(folder.glob("*.warc.gz"))
    pages_dir = folder.parent / f"{folder.name}.pages"
    generate_corpus(articles, pages_dir, seed=seed)
    (pages_dir / TRUTH_NAME).unlink()
    pages = []
    for path in sorted(pages_dir.iterdir()):
        for number, item in enumerate(read_path(path)):
            if hasattr(item, "body"):
                lang = path.stem.split("_")[1]  # the generator names its pages 000001_kk_society.txt
                pages.append((f"https://news.example.kz/{path.stem}/{number}", page_of(item, lang)))
    folder.mkdir(parents=True, exist_ok=True)
    per_file = -(-len(pages) // files)
    for index in range(files):
        _write_warc(folder / f"archive-{index:04d}.warc.gz", pages[index * per_file:(index + 1) * per_file])
    done.write_text(f"{len(pages)} pages\n")
    return sorted(folder.glob("*.warc.gz"))


def _write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, text in pages:
            body = text.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          length=len(body), http_headers=headers))


def timed_run(args: list[str], db: Path, model: str) -> float:
    env = {**os.environ, "JANALYQ_EMBEDDINGS": "1" if model == "on" else "0"}
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "janalyq", *args, "--db", str(db), "--quiet"], env=env, check=False,
                   stderr=subprocess.DEVNULL)
    return time.monotonic() - started


def stored(db: Path) -> tuple[int, list[tuple]]:
    store = Store(db)
    rows = [tuple(r[f] for f in COMPARED) for r in export_records(store)]
    store.close()
    return len(rows), rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.bench_backfill", description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=4000)
    ap.add_argument("--files", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--model", choices=("on", "off"), default="off")
    ap.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    ap.add_argument("--part-mb", type=float, default=None, help="backfill --part-mb (WARC files read in parts)")
    args = ap.parse_args(argv)
    folder = args.workdir / f"warc-{args.articles}-{args.files}"
    warcs = build_warc_set(args.articles, args.files, folder)
    runs = {
        "import (default workers)": ["import", str(folder)],
        f"import --workers {args.workers}": ["import", str(folder), "--workers", str(args.workers)],
        f"backfill --workers {args.workers}" + (f" --part-mb {args.part_mb:g}" if args.part_mb is not None else ""):
            ["backfill", str(folder), "--workers", str(args.workers)]
            + (["--part-mb", str(args.part_mb)] if args.part_mb is not None else []),
    }
    results = {}
    for name, command in runs.items():
        db = args.workdir / f"bench-backfill-{len(results)}.db"
        for stale in db.parent.glob(db.name + "*"):
            stale.unlink()
        seconds = timed_run(command, db, args.model)
        results[name] = (seconds, *stored(db))
    reference = next(iter(results.values()))[2]
    print(f"{len(warcs)} WARC.gz files, {sum(p.stat().st_size for p in warcs) / 2**20:.1f} MB, model {args.model}")
    print("| run | seconds | articles stored | art/s (pages read) | equal to the plain import |")
    print("|---|---|---|---|---|")
    for name, (seconds, count, rows) in results.items():
        print(f"| {name} | {seconds:.1f} | {count} | {args.articles / seconds:.0f} | {rows == reference} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
