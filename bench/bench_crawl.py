"""Crawler benchmark: pages/s and CPU per page against a local server, and memory over a
100k-URL frontier.

    .venv/bin/python -m bench.bench_crawl                 # 1,000 pages, 100,000-URL frontier
    .venv/bin/python -m bench.bench_crawl --pages 3000 --frontier 100000 --sample 20000

The server runs in its own process (its CPU is not counted).  Politeness is off (no rate
limit, no robots.txt), everything else is the real crawl: fetch with limits, WARC writing,
reading the page (trafilatura), the pipeline stages and the store.  The frontier part queues
`--frontier` article URLs, then crawls the first `--sample` of them against a server that
answers 404 at once, sampling the crawler's RSS as it goes: flat means the frontier is not
held in memory.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

WORDS = ("әкімдік жол мектеп ауыл жөндеу құрылыс тұрғындар бюджет жоба аудан облыс жыл"
         " министрлік бағдарлама емхана саябақ су жылу көше жастар").split()


def page(n: int) -> bytes:
    words = [WORDS[(n * 7 + i * 13 + i * i) % len(WORDS)] for i in range(120)]
    text = " ".join(words)
    paras = "".join(f"<p>{n} {text[i * 200:(i + 1) * 200]} {n * 31 + i}.</p>" for i in range(4))
    return (f'<!DOCTYPE html><html lang="kk"><head><meta charset="utf-8"><title>Жаңалық {n}</title>'
            f'<meta property="article:published_time" content="2026-03-{1 + n % 28:02d}"></head><body>'
            f"<nav><a href='/'>Басты бет</a></nav><article><h1>Жаңалық нөмірі {n}</h1>{paras}</article>"
            f"<footer>2026</footer></body></html>").encode()


def serve(port_out, mode: str) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            if mode == "404" or not self.path.startswith("/a/"):
                body, status = b"", 404
            else:
                body, status = page(int(self.path.split("/")[2])), 200
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    port_out.put(httpd.server_address[1])
    httpd.serve_forever()


def start_server(mode: str):
    queue = multiprocessing.Queue()
    proc = multiprocessing.Process(target=serve, args=(queue, mode), daemon=True)
    proc.start()
    return proc, queue.get(timeout=30)


def crawler_for(folder: Path):
    from janalyq.crawl.config import CrawlSettings, SourceSpec
    from janalyq.crawl.engine import Crawler
    from janalyq.store import Store

    settings = CrawlSettings(rate_per_host=0, concurrency=16, concurrency_per_host=16, allow_loopback=True,
                             obey_robots=False, max_retries=0, commit_every=200)
    store = Store(folder / "bench.db")
    crawler = Crawler(store, settings)
    spec = SourceSpec(name="bench", kind="listing", url="http://127.0.0.1/", link_pattern="/a/")
    spec.check()
    crawler.add_sources([spec])
    return crawler, store


def queue_urls(crawler, store, port: int, count: int) -> None:
    from janalyq.crawl.discover import Link

    pass_id = crawler.state.start_pass(["bench"])
    store.begin()
    for start in range(0, count, 10_000):
        links = [Link(f"http://127.0.0.1:{port}/a/{n}", "article") for n in range(start, min(count, start + 10_000))]
        crawler.state.enqueue(links, "bench", pass_id)
    store.commit()


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def throughput(pages: int) -> None:
    proc, port = start_server("pages")
    with tempfile.TemporaryDirectory() as tmp:
        crawler, store = crawler_for(Path(tmp))
        queue_urls(crawler, store, port, pages)
        cpu0, wall0 = resource.getrusage(resource.RUSAGE_SELF), time.monotonic()
        report = crawler.run_pass([])
        wall = time.monotonic() - wall0
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        stored = store.scalar("SELECT count(*) FROM articles")
    proc.terminate()
    print(f"throughput: {pages} pages fetched, read and stored ({stored} articles) in {wall:.1f} s: "
          f"{pages / wall:.0f} pages/s, CPU {1000 * cpu / pages:.1f} ms/page "
          f"(fetch + WARC + extraction + pipeline + store, politeness off, 16 in flight); "
          f"{sum(report.requests.values())} requests, {report.errors} errors")


def frontier_memory(total: int, sample: int) -> None:
    proc, port = start_server("404")
    with tempfile.TemporaryDirectory() as tmp:
        crawler, store = crawler_for(Path(tmp))
        base = rss_mb()
        t0 = time.monotonic()
        queue_urls(crawler, store, port, total)
        print(f"frontier: {total:,} URLs queued in {time.monotonic() - t0:.1f} s; "
              f"RSS {base:.0f} MB before, {rss_mb():.0f} MB after")
        crawler.settings.pass_deadline = 3600
        samples: list[tuple[int, float]] = []
        stop = threading.Event()

        def watch() -> None:
            while not stop.is_set():
                report = getattr(crawler, "current_report", None)
                done = sum(report.requests.values()) if report else 0
                samples.append((done, rss_mb()))
                if done >= sample:
                    crawler.stopping.set()
                    return
                time.sleep(0.5)

        watcher = threading.Thread(target=watch, daemon=True)
        t0 = time.monotonic()
        watcher.start()
        crawler.run_pass([])  # ends early, resumable, once the watcher sets crawler.stopping
        stop.set()
        wall = time.monotonic() - t0
    proc.terminate()
    marks = [s for s in samples if s[0] > 0]
    if marks:
        points = marks[:: max(1, len(marks) // 8)] + [marks[-1]]
        print("frontier: RSS while crawling (URLs done: MB): " + ", ".join(f"{d:,}: {m:.0f}" for d, m in points))
        low, high = min(m for _, m in marks), max(m for _, m in marks)
        print(f"frontier: {marks[-1][0]:,} of {total:,} URLs crawled in {wall:.0f} s; RSS range {low:.0f}-{high:.0f} MB "
              f"({high - low:.0f} MB spread)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--frontier", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=10_000)
    args = parser.parse_args()
    throughput(args.pages)
    frontier_memory(args.frontier, args.sample)


if __name__ == "__main__":
    main()
