"""Crawling a folder of HTML served on loopback: the bundled demo site, or a saved site.

The folder is served by a small HTTP server on 127.0.0.1 (an ephemeral port) for the time of
one pass, and crawled like any web site: robots.txt, listing pages, article pages, WARC, the
pipeline.  Only loopback is allowed through the SSRF guard, and only for this crawl.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from janalyq.crawl.config import CrawlSettings, SourceSpec
from janalyq.crawl.engine import Crawler, PassReport
from janalyq.store.sqlite import Store


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # the crawl's own report says what was fetched
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _file_uri(base: str, folder: Path, url: str) -> str:
    if not url.startswith(base + "/"):
        return url
    path = unquote(urlsplit(url).path).lstrip("/")
    return (folder / path).resolve().as_uri()


def crawl_folder(store: Store, folder: Path, *, name: str, link_pattern: str, follow_pattern: str,
                 start: str = "index.html", max_depth: int = 6, warc_dir: Path | None = None) -> PassReport:
    """One crawl pass over the site in `folder`, from `start`, into `store`."""
    settings = CrawlSettings(allow_loopback=True, rate_per_host=0, concurrency=8, concurrency_per_host=8)
    with serve_folder(folder) as base:
        spec = SourceSpec(name=name, kind="listing", url=f"{base}/{start}", link_pattern=link_pattern,
                          follow_pattern=follow_pattern, max_depth=max_depth)
        spec.check()
        crawler = Crawler(store, settings, warc_dir)
        # The server lives for one pass on a random port: articles are stored under the file
        # they were served from (as `janalyq import` of the folder would), not a dead address.
        crawler.article_url = functools.partial(_file_uri, base, folder)
        crawler.add_sources([spec])
        return crawler.run_pass([spec])
