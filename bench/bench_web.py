"""Portal and search latency on a large synthetic store, and throughput under a loopback load test.

    python -m bench.bench_web --articles 1000000            # build (cached) + measure
    python -m bench.bench_web --articles 1000000 --wrk 10   # plus wrk for 10 s per page kind
    python -m bench.bench_web --existing --db /tmp/janalyq-bench-web-1000000.db --pages search,article
    python -m bench.bench_web --existing --agreement        # bounded ranking vs exact BM25

The store is built by a fast synthetic path, not by the import pipeline: articles are inserted
straight into `articles` in large transactions, so every trigger runs as in a real import (the
analysed-terms search index, the plain FTS index, the facet counts).  Titles and bodies are drawn
word by word, with Zipf-like frequencies, from the vocabulary of the bundled sample news in kk
(Cyrillic and Latin script), ru and en; dates spread over three years; 8 sections, 20 outlets.

Latencies are server-side: time from request to full response through the ASGI app in process
(routing, page dict, HTML or JSON rendering), measured per request; p50 and p95 are printed.

`--agreement` measures what bounding the search work costs in ranking: the engine scores the
best `score.EXACT` candidates exactly and estimates term rarity from the newest matches; the same
queries are ranked again with every candidate scored exactly and rarities counted in full, and
the overlap of the two first pages is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from janalyq import samples
from janalyq.store import Store
from janalyq.translit import to_latin

SECTIONS = ["news", "society", "education", "economics", "health", "culture", "sport", "regions"]
OUTLETS = ["edu", "sci", "mod", "enbek", "mfa", "minfin", "moh", "mcs", "energo", "ecogeo", "moa",
           "transport", "tsm", "astana", "almaty", "shymkent", "karaganda", "kostanay", "almobl", "mfa-geneva"]
WORD = re.compile(r"[^\W\d_]{2,}")
DAYS = 3 * 365
END = dt.date(2026, 3, 31)


def vocabularies() -> dict[str, list[str]]:
    words: dict[str, list[str]] = {"kk": [], "ru": [], "en": []}
    for article in samples.manifest():
        page = (samples.site_root() / article["site_path"]).read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", " ", page.split("<article>", 1)[1].split("</article>", 1)[0])
        words[article["lang"]].extend(WORD.findall(text))
    return words


class Writer:
    def __init__(self, rng: random.Random, body_words: int):
        self.rng = rng
        self.body_words = body_words
        self.vocab = vocabularies()
        # Zipf-like weights: the k-th distinct word weighs 1/k, as in natural text.
        self.distinct = {lang: sorted(set(ws), key=ws.index) for lang, ws in self.vocab.items()}
        self.weights = {lang: [1 / (k + 1) for k in range(len(ws))] for lang, ws in self.distinct.items()}

    def words(self, lang: str, n: int) -> list[str]:
        return self.rng.choices(self.distinct[lang], self.weights[lang], k=n)

    def article(self, rid: int) -> tuple:
        lang = self.rng.choices(("kk", "ru", "en"), (0.4, 0.35, 0.25))[0]
        title = " ".join(self.words(lang, self.rng.randint(6, 11))).capitalize()
        sentences = []
        left = self.body_words + self.rng.randint(-self.body_words // 3, self.body_words // 3)
        while left > 0:
            n = min(left, self.rng.randint(8, 18))
            sentences.append(" ".join(self.words(lang, n)).capitalize() + ".")
            left -= n
        body = " ".join(sentences[: len(sentences) // 2]) + "\n\n" + " ".join(sentences[len(sentences) // 2:])
        if lang == "kk" and self.rng.random() < 0.1:  # some Kazakh in the Latin script
            title, body = to_latin(title), to_latin(body)
        day = END - dt.timedelta(days=self.rng.randrange(DAYS))
        outlet = self.rng.choice(OUTLETS)
        source = f"https://www.gov.kz/memleket/entities/{outlet}/press/news/details/{rid}?lang={lang}"
        return (f"{rid:016x}", f"synthetic://{rid}", source, outlet, lang, title, day.isoformat(), body,
                self.rng.choice(SECTIONS), "2026-04-01T00:00:00+00:00", "2026-04-01T00:00:00+00:00", f"{rid:040x}")


def build_store(path: Path, n: int, body_words: int, seed: int = 7) -> dict:
    meta = path.with_suffix(".json")
    wanted = {"articles": n, "body_words": body_words, "seed": seed, "version": 1}
    if path.exists() and meta.exists() and json.loads(meta.read_text()).get("spec") == wanted:
        return json.loads(meta.read_text())
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store = Store(path)
    store.db.execute("PRAGMA synchronous=OFF")
    writer = Writer(random.Random(seed), body_words)
    started = time.perf_counter()
    sql = ("INSERT INTO articles(rid, id, url, source_url, outlet, lang, title, published, body, site_section,"
           " collected_at, updated_at, content_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")
    batch = 20_000
    for first in range(1, n + 1, batch):
        rows = [(rid, *writer.article(rid)) for rid in range(first, min(n, first + batch - 1) + 1)]
        store.begin()
        store.db.executemany(sql, rows)
        store.commit()
        done = first + len(rows) - 1
        rate = done / (time.perf_counter() - started)
        print(f"  built {done:,} articles ({rate:,.0f}/s)", file=sys.stderr, flush=True)
    store.db.execute("PRAGMA optimize")
    seconds = time.perf_counter() - started
    store.close()
    info = {"spec": wanted, "build_seconds": round(seconds, 1), "articles_per_second": round(n / seconds),
            "db_bytes": path.stat().st_size}
    meta.write_text(json.dumps(info))
    return info


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def timed(client, urls: list[str]) -> list[float]:
    out = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        out.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url}: status {response.status_code}")
    return out


def query_set(rng: random.Random, writer_vocab: dict[str, list[str]], n: int) -> list[str]:
    """1-3 word queries of words drawn uniformly from the distinct vocabulary (rare and common)."""
    queries = []
    for _ in range(n):
        lang = rng.choice(("kk", "ru", "en"))
        words = sorted(set(writer_vocab[lang]))
        queries.append(" ".join(rng.sample(words, rng.randint(1, 3))))
    return queries


def measure(path: Path | str, n_requests: int, seed: int = 3, kinds: set[str] | None = None) -> dict:
    from fastapi.testclient import TestClient

    from janalyq.web import create_app

    from janalyq.store import open_store

    rng = random.Random(seed)
    client = TestClient(create_app(str(path)))  # a file, or a postgresql:// address (bench_pg)
    store = open_store(str(path), cache_mb=16, for_reading=True)
    top = store.scalar("SELECT max(rid) FROM articles")
    picked = random.Random(seed + 1).sample(range(1, top + 1), min(top, n_requests))  # the same pages every run
    ids = [row[0] for row in store.rows(f"SELECT id FROM articles WHERE rid IN ({','.join('?' * len(picked))})",
                                        tuple(picked))]
    store.close()
    vocab = vocabularies()
    from urllib.parse import quote
    pages = {
        "search 1-3 words": [f"/kk/search?q={quote(q)}" for q in query_set(rng, vocab, n_requests)],
        "search 1-3 words, filtered by language": [f"/ru/search?lang={rng.choice(['kk','ru','en'])}&q={quote(q)}"
                                                   for q in query_set(rng, vocab, n_requests)],
        "home": [f"/{rng.choice(['kk','ru','en'])}/" for _ in range(n_requests)],
        "section": [f"/{rng.choice(['kk','ru','en'])}/section/{rng.choice(SECTIONS)}?page={rng.randint(1, 20)}"
                    for _ in range(n_requests)],
        "article": [f"/en/article/{i}" for i in ids[:n_requests]],
        "search API (JSON)": [f"/api/v1/search?q={quote(q)}" for q in query_set(rng, vocab, n_requests)],
    }
    pages = {name: urls for name, urls in pages.items() if not kinds or name.split()[0].lower() in kinds}
    timed(client, [urls[0] for urls in pages.values()])  # warm the caches once
    results = {}
    for name, urls in pages.items():
        ms = timed(client, urls)
        results[name] = {"n": len(ms), "p50_ms": round(statistics.median(ms), 2), "p95_ms": round(percentile(ms, 0.95), 2),
                         "max_ms": round(max(ms), 2)}
    return results


def ranking_agreement(path: Path, n_queries: int, seed: int = 3) -> dict:
    """Overlap of the first page (20) and the first result between the engine's bounded ranking
    and an exact one over the same candidates (see the module docstring)."""
    from janalyq.search import engine, score, termstats

    store = Store(path, cache_mb=64)
    queries = query_set(random.Random(seed), vocabularies(), n_queries)

    def first_pages() -> dict[str, list[int]]:
        termstats.clear()
        return {q: [h.article["rid"] for h in engine.search(store.db, q).hits] for q in queries}

    bounded = first_pages()
    saved = score.EXACT, termstats.SAMPLE, engine.TITLE_PASS_DAYS
    score.EXACT, termstats.SAMPLE, engine.TITLE_PASS_DAYS = 10**9, 10**9, 10**9
    try:
        exact = first_pages()
    finally:
        score.EXACT, termstats.SAMPLE, engine.TITLE_PASS_DAYS = saved
        store.close()
    compared = [q for q in queries if exact[q]]
    overlap = [len(set(bounded[q]) & set(exact[q])) / len(exact[q]) for q in compared]
    return {"queries": len(compared), "first_page_overlap": round(statistics.mean(overlap), 4),
            "same_first_result": sum(bounded[q][:1] == exact[q][:1] for q in compared)}


def load_test(path: Path, seconds: int, port: int = 8765) -> dict:
    """wrk on loopback against a real uvicorn server, one page kind at a time, bounded in time."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"skipped": "wrk not installed (apt-get install wrk)"}
    db = sqlite3.connect(path)
    some_id = db.execute("SELECT id FROM articles WHERE rid = 12345").fetchone()[0]
    db.close()
    server = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "bench.bench_web:_app", "--host",
                               "127.0.0.1", "--port", str(port), "--log-level", "warning", "--no-access-log"],
                              env={**__import__("os").environ, "JANALYQ_BENCH_DB": str(path)})
    try:
        time.sleep(3)
        out = {}
        for name, url in (("home", "/kk/"), ("article", f"/kk/article/{some_id}"),
                          ("search", "/kk/search?q=Konstitutsiia")):
            run = subprocess.run([wrk, "-t2", "-c8", f"-d{seconds}s", "--latency", f"http://127.0.0.1:{port}{url}"],
                                 capture_output=True, text=True, timeout=seconds + 30)
            rps = re.search(r"Requests/sec:\s+([\d.]+)", run.stdout)
            p99 = re.search(r"99%\s+([\d.]+\w+)", run.stdout)
            out[name] = {"requests_per_s": float(rps.group(1)) if rps else None, "p99": p99.group(1) if p99 else None}
        return out
    finally:
        server.terminate()
        server.wait(timeout=10)


def _app():
    import os

    from janalyq.web import create_app

    return create_app(os.environ["JANALYQ_BENCH_DB"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--body-words", type=int, default=80)
    parser.add_argument("--db", type=Path, default=None, help="default /tmp/janalyq-bench-web-N.db")
    parser.add_argument("--requests", type=int, default=200, help="requests per page kind")
    parser.add_argument("--wrk", type=int, default=0, help="seconds of wrk per page kind (0: no load test)")
    parser.add_argument("--existing", action="store_true",
                        help="measure the store at --db (or the default path) as it is: never build or rebuild it")
    parser.add_argument("--pages", default="", help="comma-separated page kinds to time (search, home, section,"
                        " article); default all")
    parser.add_argument("--agreement", type=int, nargs="?", const=200, default=0,
                        help="compare the bounded ranking with exact scoring on this many queries (default 200)")
    args = parser.parse_args()
    path = args.db or Path(f"/tmp/janalyq-bench-web-{args.articles}.db")
    if args.existing:
        if not path.exists():
            raise SystemExit(f"{path}: no such store (drop --existing to build it)")
        articles = sqlite3.connect(path).execute("SELECT count(*) FROM articles").fetchone()[0]
        print(f"store: {path} as it is, {articles:,} articles, {path.stat().st_size / 2**30:.2f} GiB")
    else:
        info = build_store(path, args.articles, args.body_words)
        print(f"store: {args.articles:,} synthetic articles (~{args.body_words} body words), built at "
              f"{info['articles_per_second']:,} articles/s in {info['build_seconds']} s, {info['db_bytes'] / 2**30:.2f} GiB")
    kinds = {k.strip().lower() for k in args.pages.split(",") if k.strip()}
    for name, figures in measure(path, args.requests, kinds=kinds).items():
        print(f"{name:40s} n={figures['n']:4d}  p50 {figures['p50_ms']:7.2f} ms  p95 {figures['p95_ms']:7.2f} ms"
              f"  max {figures['max_ms']:7.2f} ms")
    if args.agreement:
        print(f"ranking agreement with exact scoring: {ranking_agreement(path, args.agreement)}")
    if args.wrk:
        for name, figures in load_test(path, args.wrk).items():
            print(f"wrk {name}: {figures}")


if __name__ == "__main__":
    main()
