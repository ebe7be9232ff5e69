"""Setting a crawl up from a sources file and the store, and running sources on their schedules."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from janalyq.crawl.config import CrawlSettings, load_config
from janalyq.crawl.engine import Crawler, PassReport
from janalyq.store.sqlite import Store

DEFAULT_SOURCES_FILE = Path("sources.toml")


def crawler_for(store: Store, config: Path | None, overrides: dict | None = None,
                on_fault=None) -> Crawler:
    """A crawler with the settings of `config` (when given, or ./sources.toml when present),
    whose sources are copied into the store; then the store's sources are what is crawled."""
    path = config if config is not None else (DEFAULT_SOURCES_FILE if DEFAULT_SOURCES_FILE.exists() else None)
    settings, sources = CrawlSettings(), []
    if path is not None:
        loaded = load_config(path)
        settings, sources = loaded.settings, loaded.sources
    for key, value in (overrides or {}).items():
        if value is not None:
            setattr(settings, key, value)
    settings.check()
    crawler = Crawler(store, settings, on_fault=on_fault)
    if sources:
        crawler.add_sources(sources)
    return crawler


def run_on_schedule(crawler: Crawler, stop: threading.Event,
                    on_pass: Callable[[PassReport], None] | None = None, max_sleep: float = 60.0) -> None:
    """Crawl each source when it is due (its own interval) until `stop` is set."""
    while not stop.is_set():
        due = crawler.state.due_sources(time.time(), crawler.settings.interval)
        if due:
            report = crawler.run_pass(due)
            if on_pass:
                on_pass(report)
            continue
        next_due = crawler.state.next_source_due()
        wait = max_sleep if next_due is None else min(max(next_due - time.time(), 0.5), max_sleep)
        stop.wait(wait)
