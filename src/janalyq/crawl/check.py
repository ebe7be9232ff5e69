"""`janalyq sources check`: one source verified in a minute, without touching the store.

It fetches the source's first feed or listing page and one article from it, the way the crawler
would (robots.txt, the per-host rate, the SSRF guard, the limits, the browser for `render`
sources), reads the article through the same stages as a crawl (extract, clean, date, language)
and reports what came out: the links found, the article's title, date and time, language,
outlet, body length and first lines, and every problem in plain words.  Nothing is stored and
nothing is archived.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from janalyq.article import Article, Reject, StageCounts
from janalyq.crawl.config import CrawlSettings, SourceSpec
from janalyq.crawl.discover import ROLE_ARTICLE, ROLE_FEED, ROLE_LISTING, Link, discover, seeds
from janalyq.crawl.extract import article_from_hints, article_from_page
from janalyq.crawl.fetch import FetchError, FetchResponse, Fetcher
from janalyq.crawl.politeness import HostLimiter
from janalyq.crawl.process import full_hints
from janalyq.crawl.render import RENDERED_HEADER, RENDERED_ROLES, Renderer, robots_refusal
from janalyq.crawl.robots import RobotsCache
from janalyq.crawl.shell import NEEDS_BROWSER, shell_reason
from janalyq.crawl.urls import host_key
from janalyq.read.encoding import NotText, decode_bytes


@dataclass
class PageSeen:
    url: str
    role: str
    outcome: str  # "HTTP 200, 1,234 bytes (rendered)" or the error
    ok: bool = False


@dataclass
class CheckReport:
    spec: SourceSpec
    pages: list[PageSeen] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)  # article links on the feed or listing
    article: Article | None = None
    problems: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # requests the browser was refused

    @property
    def ok(self) -> bool:
        return self.article is not None and not self.article.is_empty


def ad_hoc_spec(url: str, kind: str | None = None, **settings) -> SourceSpec:
    """A source for a bare URL: a feed when it looks like one, else a listing of any article link."""
    if kind is None:
        kind = "rss" if any(k in url.lower() for k in ("rss", "feed", "atom", ".xml")) else "listing"
    data = {"name": "check", "kind": kind, "url": url, **{k: v for k, v in settings.items() if v is not None}}
    if kind == "listing" and not (data.get("link_pattern") or data.get("link_selector") or data.get("card_selector")):
        data["link_pattern"] = r"^https?://"  # every article-like link (courlan drops menus' logins, images, ...)
    return SourceSpec.from_dict(data)


def check_source(spec: SourceSpec, settings: CrawlSettings) -> CheckReport:
    return asyncio.run(_Checker(spec, settings).run())


class _Checker:
    def __init__(self, spec: SourceSpec, settings: CrawlSettings) -> None:
        self.spec, self.settings = spec, settings
        self.report = CheckReport(spec)
        self.limiter = HostLimiter(settings.rate_per_host, settings.concurrency_per_host)
        self.fetcher = Fetcher(settings)
        self.robots = RobotsCache(settings.agent(), self.get)
        self.renderer = Renderer(settings, self.get, robots_refusal(self.robots, settings.agent(), settings.obey_robots))

    async def get(self, url: str, headers: dict | None = None):
        async def pace(hop: str) -> None:
            await self.limiter.slot(host_key(hop))
        return await self.fetcher.get(url, headers, pace=pace)

    async def run(self) -> CheckReport:
        try:
            await self._run()
        finally:
            self.report.refused = list(self.renderer.refused)
            await self.renderer.aclose()
            await self.fetcher.aclose()
        return self.report

    async def _run(self) -> None:
        report, spec = self.report, self.spec
        for seed in seeds(spec)[:1]:
            text, body, charset = await self._page(seed.url, seed.role)
            if text is None:
                return
            found = discover(seed.role, spec, seed.url, body, text, 0, seed.hints, charset)
            report.links = [link for link in found.links if link.role == ROLE_ARTICLE]
            if found.problem:
                report.problems.append(f"{seed.url}: {found.problem}")
            elif found.empty:
                shell = shell_reason(text) if seed.role == ROLE_LISTING else None
                report.problems.append(f"{seed.url}: {f'{NEEDS_BROWSER} ({shell})' if shell else found.empty}")
            if found.whole_articles:
                url, hints, paragraphs = found.whole_articles[0]
                report.pages.append(PageSeen(url, ROLE_ARTICLE, "the feed item carries the whole text", True))
                self._finish(article_from_hints(url, full_hints(spec, hints), paragraphs))
                return
        if report.links:
            await self._article(report.links[0])

    async def _page(self, url: str, role: str) -> tuple[str | None, bytes, str | None]:
        seen = PageSeen(url, role, "")
        self.report.pages.append(seen)
        if self.settings.obey_robots:
            rules, _ = await self.robots.rules_for(url)
            if not rules.allows(url, self.settings.agent()):
                seen.outcome = rules.blocked_reason or "disallowed by robots.txt"
                self.report.problems.append(f"{url}: {seen.outcome}")
                return None, b"", None
        rendered = self.spec.render and role in RENDERED_ROLES
        response = await (self.renderer.get(url) if rendered else self.get(url))
        if isinstance(response, FetchError):
            seen.outcome = f"{response.kind}: {response.reason}"
        elif response.status != 200:
            seen.outcome = f"HTTP {response.status} {response.reason}".strip()
        else:
            return self._decoded(seen, response)
        self.report.problems.append(f"{url}: {seen.outcome}")
        return None, b"", None

    def _decoded(self, seen: PageSeen, response: FetchResponse) -> tuple[str | None, bytes, str | None]:
        how = " (rendered by the browser)" if response.header(RENDERED_HEADER) else ""
        seen.outcome = f"HTTP 200, {len(response.body):,} bytes{how}"
        try:
            text = decode_bytes(response.body, response.charset).text
        except NotText as exc:
            self.report.problems.append(f"{seen.url}: {exc}")
            return None, b"", None
        seen.ok = True
        return text, response.body, response.charset

    async def _article(self, link: Link) -> None:
        text, _, _ = await self._page(link.url, ROLE_ARTICLE)
        hints = full_hints(self.spec, link.hints)
        summary = hints.get("summary") or []
        if text is not None:
            shell = shell_reason(text)
            if shell:
                self.report.problems.append(f"{link.url}: {NEEDS_BROWSER} ({shell})")
            else:
                article = article_from_page(link.url, text, hints)
                if isinstance(article, Reject):
                    self.report.problems.append(f"{link.url}: no article: {article.reason}")
                else:
                    self._finish(article)
                    return
        if summary:
            self.report.problems.append(f"{link.url}: only the feed's description was kept")
            self._finish(article_from_hints(link.url, hints, summary))

    def _finish(self, article: Article) -> None:
        from janalyq.pipeline import TEXT_STAGES

        counts = {name: StageCounts(name) for name, _ in TEXT_STAGES}
        for name, stage in TEXT_STAGES:
            done = stage(article, counts[name])
            if done is None:
                dropped = [reason for c in counts.values() for reason in c.dropped]
                self.report.problems.append(f"{article.url}: dropped by the {name} stage ({', '.join(dropped)})")
                return
            article = done
        self.report.article = article
