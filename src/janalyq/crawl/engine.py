"""One crawl pass: seeds into the frontier, polite workers, responses through the pipeline.

The event loop runs the fetches; everything that writes (WARC, store) happens in the loop's
one thread between awaits, so SQLite has a single writer.  The frontier is read in small
windows per host, never loaded whole: memory stays flat however long the frontier grows.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from janalyq.crawl.archive import WarcArchive, iter_archived
from janalyq.crawl.config import CrawlSettings, SourceSpec
from janalyq.crawl.discover import ROLE_ARTICLE, seeds
from janalyq.crawl.fetch import RETRYABLE_STATUS, FetchError, FetchResponse, Fetcher
from janalyq.crawl.politeness import HostLimiter, RetryBudget, backoff_delay
from janalyq.crawl.process import ResponseProcessor, SourceTally
from janalyq.crawl.render import RENDERED_ROLES, Renderer, robots_refusal
from janalyq.crawl.robots import RobotsCache
from janalyq.crawl.state import FAILED, LEASE_SECONDS, CrawlState, FrontierItem
from janalyq.crawl.urls import host_key
from janalyq.crawl.session import PipelineSession
from janalyq.pipeline import ImportReport
from janalyq.store.dialect import is_postgres_url
from janalyq.store.sqlite import Store


@dataclass
class PassReport:
    pass_id: int = 0
    resumed: bool = False
    recovered: int = 0  # responses read back from the WARC file after a restart
    requests: Counter = field(default_factory=Counter)  # per host, retries and robots.txt included
    retries: int = 0
    deferred: int = 0
    sources: dict[str, SourceTally] = field(default_factory=dict)
    pipeline: ImportReport | None = None
    left_queued: int = 0
    seconds: float = 0.0

    @property
    def new_articles(self) -> int:
        return sum(t.new for t in self.sources.values())

    @property
    def errors(self) -> int:
        return sum(t.errors for t in self.sources.values())


@dataclass
class _Disallowed:
    reason: str


def default_warc_dir(store: Store) -> Path:
    """Beside the database file; for a PostgreSQL store, `<database name>.warc` in the working
    folder (set `warc_dir` in [crawl] to share one archive between machines)."""
    if is_postgres_url(store.path):
        return Path(f"{urlsplit(store.path).path.strip('/') or 'janalyq'}.warc")
    return Path(store.path + ".warc") if store.path not in (":memory:", "") else Path("janalyq.warc")


class Crawler:
    def __init__(self, store: Store, settings: CrawlSettings, warc_dir: str | Path | None = None,
                 on_fault=None) -> None:
        self.store = store
        self.settings = settings
        self.state = CrawlState(store)
        self.warc_dir = Path(warc_dir or settings.warc_dir or default_warc_dir(store))
        self.on_fault = on_fault  # on_fault(source, url, reason): the CLI prints faults as they come
        # Set from any thread to end the pass early: requests in flight finish and are stored,
        # the pass stays open, and the next run resumes it.
        self.stopping = threading.Event()
        self.article_url = None  # optional: the URL an article is stored under, from the fetched one

    def add_sources(self, specs: list[SourceSpec]) -> None:
        self.store.begin()
        for spec in specs:
            self.state.save_source(spec)
        self.store.commit()

    def open_pass(self) -> int:
        """Open a pass over the enabled sources (or find the unfinished one), committed: crawl
        workers started after this join it, and the last to end closes it (PostgreSQL)."""
        self.store.begin()
        try:
            pass_id, _ = self._open_pass([s for s in self.state.sources() if s.enabled])
        except BaseException:
            self.store.rollback()
            raise
        self.store.commit()
        return pass_id

    def run_pass(self, sources: list[SourceSpec] | None = None) -> PassReport:
        return asyncio.run(self.run_pass_async(sources))

    async def run_pass_async(self, sources: list[SourceSpec] | None = None) -> PassReport:
        started = time.monotonic()
        specs = {s.name: s for s in self.state.sources(enabled_only=False)}
        chosen = sources if sources is not None else [s for s in specs.values() if s.enabled]
        session = PipelineSession(self.store, ["crawl: " + ", ".join(s.name for s in chosen)])
        report = PassReport()
        self.current_report = report  # live counts, for progress displays and benchmarks
        archive = WarcArchive(self.warc_dir, self.settings.warc_max_bytes)
        try:
            report.pass_id, report.resumed = self._open_pass(chosen)
            processor = ResponseProcessor(self.state, session, archive, specs, report.pass_id, self.on_fault)
            processor.article_url = self.article_url
            if report.resumed:
                report.recovered = self._recover(processor)
            session.commit()
            run = _PassRun(self, processor, session, archive, report)
            await run.loop()
            session.open()
            self.state.release_claims()
            # With several workers on one frontier (PostgreSQL), the last one to end closes the pass.
            finished = not self.stopping.is_set() and not self.state.others_fetching(time.time())
            self._close_pass(chosen, processor, report, finished=finished)
            archive.sync()
            report.pipeline = session.close()
        except BaseException:
            session.fail()
            raise
        finally:
            archive.close()
        report.sources = processor.tallies
        report.seconds = time.monotonic() - started
        return report

    def _open_pass(self, chosen: list[SourceSpec]) -> tuple[int, bool]:
        pass_id = self.state.unfinished_pass()
        if pass_id is not None:  # a crawl was killed: finish its pass, do not start over
            return pass_id, True
        pass_id = self.state.start_pass([s.name for s in chosen])
        for spec in chosen:
            self.state.enqueue(seeds(spec), spec.name, pass_id)
        return pass_id, False

    def _recover(self, processor: ResponseProcessor) -> int:
        """Responses archived by the killed run but not yet committed: read them, do not refetch."""
        recovered = 0
        started = self.store.scalar("SELECT started_at FROM crawl_passes WHERE id = ?", (processor.pass_id,))
        since = dt.datetime.fromisoformat(started).timestamp() - 60 if started else 0.0
        for path in sorted(self.warc_dir.glob("*.warc.gz")):
            if path.stat().st_mtime < since:  # written before this pass began: nothing of it is pending
                continue
            for record in iter_archived(path):
                if isinstance(record, str) or record.status != 200 or record.role == "robots":
                    continue
                item = self.state.item(record.url)
                if item is None or not self.state.is_queued(record.url):
                    continue
                processor.ok(item, record, recovered=True)
                recovered += 1
        return recovered

    def _close_pass(self, chosen: list[SourceSpec], processor: ResponseProcessor, report: PassReport,
                    finished: bool = True) -> None:
        for spec in chosen:
            processor.judge(spec.name)
            tally = processor.tally(spec.name)
            self.state.source_pass_result(spec.name, tally.new, tally.errors, tally.fetched + tally.not_modified)
            self.state.schedule_next(spec, self.settings.interval)
        report.left_queued = self.state.queued_count()
        counts = {"recovered": report.recovered, "retries": report.retries, "deferred": report.deferred,
                  "left_queued": report.left_queued, "requests": dict(report.requests)}
        # URLs deferred by a long Retry-After stay queued with their time: a later pass takes them.
        if finished:
            self.state.finish_pass(report.pass_id, counts)


class _PassRun:
    """The fetch loop of one pass."""

    def __init__(self, crawler: Crawler, processor: ResponseProcessor, session: PipelineSession,
                 archive: WarcArchive, report: PassReport) -> None:
        self.crawler, self.settings, self.state = crawler, crawler.settings, crawler.state
        self.processor, self.session, self.archive, self.report = processor, session, archive, report
        self.limiter = HostLimiter(self.settings.rate_per_host, self.settings.concurrency_per_host)
        self.budget = RetryBudget(self.settings.retry_budget_ratio, self.settings.retry_budget_min)
        self.fetcher = Fetcher(self.settings)
        self.robots = RobotsCache(self.settings.agent(), self.polite_get)
        self.renderer = Renderer(self.settings, self.polite_get,  # render = true sources
                                 robots_refusal(self.robots, self.settings.agent(), self.settings.obey_robots))
        self.inflight: dict[asyncio.Task, FrontierItem] = {}
        self.since_commit = 0
        self._hosts: list[str] = []
        self._hosts_at = 0.0
        self._renewed_at = time.time()

    async def pace(self, url: str) -> None:
        """Wait for the host's next slot; every request, redirect hops included, takes one."""
        host = host_key(url)
        await self.limiter.slot(host)
        self.report.requests[host] += 1

    async def polite_get(self, url: str, headers: dict | None = None):
        return await self.fetcher.get(url, headers, pace=self.pace)

    async def loop(self) -> None:
        self.event_loop = asyncio.get_running_loop()
        deadline = time.monotonic() + self.settings.pass_deadline
        try:
            while True:
                self._renew_leases()
                if not self.crawler.stopping.is_set():
                    self._claim()
                elif not self.inflight:
                    break
                if not self.inflight:
                    self._hosts_at = 0.0  # nothing in flight: look at the whole queue again
                    ready_at = self.state.next_ready_time()
                    if ready_at is None and self.state.others_fetching(time.time()):
                        ready_at = time.time() + 0.5  # another worker's pages may bring links: wait for them
                    if ready_at is None or time.monotonic() + (ready_at - time.time()) > deadline:
                        break
                    self._commit()
                    await asyncio.sleep(min(max(ready_at - time.time(), 0.01), 1.0))
                    continue
                self._commit()  # never wait for the network holding the store's write lock
                # Not longer than a lease renewal's interval (janalyq.crawl.state.LEASE_SECONDS).
                done, _ = await asyncio.wait(self.inflight, timeout=LEASE_SECONDS / 4,
                                             return_when=asyncio.FIRST_COMPLETED)
                if not done:
                    continue
                finished = []
                for task in done:
                    item = self.inflight.pop(task)
                    self.limiter.in_flight[item.host] -= 1
                    finished.append((item, *task.result()))
                # Reading pages costs CPU (parsing, language detection): it runs in a thread, so
                # that the event loop keeps every other request on its planned start time.
                await asyncio.to_thread(self._handle_all, finished)
        finally:
            for task in self.inflight:
                task.cancel()
            await self.renderer.aclose()
            await self.fetcher.aclose()
        self._commit()

    def _renew_leases(self) -> None:
        """The URLs in flight stay this worker's while it lives (PostgreSQL's shared frontier)."""
        now = time.time()
        if self.inflight and now - self._renewed_at > LEASE_SECONDS / 4:
            self.state.renew_leases(now)
            self._renewed_at = now

    def _handle_all(self, finished: list) -> None:
        self.session.open()
        for item, result, robots_response in finished:
            if robots_response is not None:
                self.processor.archive_response(item, robots_response, role="robots")
            self._handle(item, result)
        if self.since_commit >= self.settings.commit_every or self.crawler.store.others_waiting():
            self._commit()

    def _commit(self) -> None:
        if not self.crawler.store.db.in_transaction:
            return
        self.archive.sync()
        self.session.commit()
        self.since_commit = 0

    def _claim(self) -> None:
        room = self.settings.concurrency - len(self.inflight)
        if room <= 0:
            return
        now = time.time()
        busy = {item.url for item in self.inflight.values()}
        # The list of hosts with ready URLs is a scan of the queue: refreshed once a second, not
        # after every response, so that a 100k-URL frontier costs the same per page as a small one.
        if now - self._hosts_at > 1.0:
            self._hosts, self._hosts_at = self.state.ready_hosts(now), now
        for host in self._hosts:
            host_room = min(room, self.settings.concurrency_per_host - self.limiter.in_flight[host])
            if host_room <= 0:
                continue
            for item in self.state.ready_items(host, now, host_room, busy):
                if item.attempts == 0:
                    self.budget.first_attempt(host)
                self.limiter.in_flight[host] += 1
                headers = self._conditional_headers(item)
                self.inflight[asyncio.create_task(self._fetch(item, headers))] = item
                room -= 1
            if room <= 0:
                return

    def _conditional_headers(self, item: FrontierItem) -> dict:
        headers = {}
        if item.role != ROLE_ARTICLE:
            etag, modified, _ = self.state.validators(item.url)
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        return headers

    async def _fetch(self, item: FrontierItem, headers: dict):
        """The response (or error) and, when this request fetched it, the robots.txt response.
        Touches neither the store nor the WARC file: those belong to the writer thread."""
        robots_response = None
        if self.settings.obey_robots:
            rules, fetched = await self.robots.rules_for(item.url)
            robots_response = fetched if isinstance(fetched, FetchResponse) else None
            if not rules.allows(item.url, self.settings.agent()):
                return _Disallowed(rules.blocked_reason or "disallowed by robots.txt"), robots_response
            self.limiter.set_crawl_delay(item.host, rules.crawl_delay(self.settings.agent()))
        spec = self.processor.specs.get(item.source)
        if spec is not None and spec.render and item.role in RENDERED_ROLES:
            return await self.renderer.get(item.url, headers), robots_response
        return await self.polite_get(item.url, headers), robots_response

    def _handle(self, item: FrontierItem, result) -> None:
        self.since_commit += 1
        proc = self.processor
        if isinstance(result, _Disallowed):
            proc.fail(item, "robots", result.reason)
        elif isinstance(result, FetchError):
            if result.retryable:
                self._retry_or_fail(item, result.kind, result.reason, None, result.elapsed)
            else:
                proc.fail(item, result.kind, result.reason, result.status, result.elapsed)
        else:
            proc.archive_response(item, result)
            self.state.source_fetch(item.source)
            if result.status == 304:
                proc.tally(item.source).not_modified += 1
                self.state.finish(item.url, "done", "not_modified")
                self.state.log(proc.pass_id, item, item.attempts + 1, 304, "not_modified", None, 0, result.elapsed)
            elif result.status in RETRYABLE_STATUS:
                self._retry_or_fail(item, f"http_{result.status}", f"HTTP {result.status} {result.reason}",
                                    result.retry_after, result.elapsed, result.status)
            elif result.status != 200:
                proc.fail(item, f"http_{result.status}", f"HTTP {result.status} {result.reason}".strip(),
                          result.status, result.elapsed)
            else:
                proc.ok(item, result)

    def _retry_or_fail(self, item: FrontierItem, kind: str, reason: str, retry_after: float | None,
                       seconds: float, status: int | None = None) -> None:
        attempt = item.attempts + 1
        tally = self.processor.tally(item.source)
        if retry_after:  # the limiter belongs to the event loop's thread
            self.event_loop.call_soon_threadsafe(self.limiter.pause, item.host,
                                           min(retry_after, self.settings.max_retry_after))
        if attempt > self.settings.max_retries:
            self.processor.fail(item, kind, f"{reason}; gave up after {attempt} attempts", status, seconds)
            return
        if retry_after and retry_after > self.settings.max_retry_after:
            self.state.retry_later(item.url, time.time() + retry_after, f"deferred: {reason}")
            self.processor.fault(item, kind, f"{reason}; Retry-After {retry_after:.0f} s: deferred to a later pass",
                                 error=False)
            self.state.log(self.processor.pass_id, item, attempt, status, "deferred", reason, None, seconds)
            tally.deferred += 1
            self.report.deferred += 1
            return
        if not self.budget.try_spend(item.host):
            self.processor.fail(item, kind, f"{reason}; retry budget of {item.host} spent", status, seconds)
            return
        delay = backoff_delay(attempt - 1, self.settings.backoff_base, self.settings.backoff_max, retry_after)
        self.state.retry_later(item.url, time.time() + delay, f"retry: {reason}")
        self.processor.fault(item, kind, f"{reason}; retry {attempt} in {delay:.1f} s", error=False)
        self.state.log(self.processor.pass_id, item, attempt, status, "retry", reason, None, seconds)
        tally.retries += 1
        self.report.retries += 1
