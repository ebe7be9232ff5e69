"""Pages only a browser can read: headless Chromium, with the crawler's own network under it.

`render = true` sources (www.gov.kz is a JavaScript application) are read through Debian's
Chromium driven by Playwright, never a browser Playwright downloads.  The browser never touches
the network itself: every request it makes is intercepted and either refused or fetched by the
crawler's fetcher and handed back.  So a rendered page obeys exactly what a plain fetch obeys:
robots.txt for every URL, the per-host rate (each script and data request takes a slot), the SSRF
guard on the address really dialled, the time and size limits, and the User-Agent with the
contact.  One page renders at a time per host.  Images, fonts, media, style sheets, frames and
anything but GET are refused: text needs none of them.  A backstop proxy on a closed local port
catches anything that would slip past the interception.

The result is a `FetchResponse` whose body is the rendered document (the DOM after the scripts
ran), archived to WARC as such, so the archive and a resumed crawl read what the browser saw.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable

from janalyq.crawl.config import CrawlSettings
from janalyq.crawl.fetch import FetchError, FetchResponse
from janalyq.crawl.urls import host_key

BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-default-apps", "--disable-extensions", "--mute-audio",
                 "--dns-prefetch-disable", "--disable-domain-reliability"]
BACKSTOP_PROXY = "http://127.0.0.1:9"  # the discard port: nothing listens, nothing leaves
RENDERED_ROLES = ("article", "listing")  # feeds, sitemaps and robots.txt are read as they are
FETCHED_TYPES = ("script", "xhr", "fetch")  # what a page needs to write its text
SETTLE_MS = 500  # after load, wait until the network has been quiet this long (networkidle)
RENDERED_HEADER = "X-Janalyq-Rendered"
REFUSED_HEADER = "X-Janalyq-Render-Refused"
_DROPPED = {"content-encoding", "content-length", "transfer-encoding"}
_SCRIPT_CACHE_BYTES = 32 * 2**20

Get = Callable[[str, dict], Awaitable["FetchResponse | FetchError"]]
Allowed = Callable[[str], Awaitable["str | None"]]


class Renderer:
    """One browser per crawl pass, started at the first page that needs it."""

    def __init__(self, settings: CrawlSettings, get: Get, refusal: Allowed) -> None:
        self.settings = settings
        self._get = get  # the crawler's polite, guarded GET (paced per host)
        self._refusal = refusal  # robots.txt: why a URL may not be fetched, or None
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._playwright = None
        self._browser = None
        self._broken: str | None = None  # the browser could not start: every render says why
        self._scripts: dict[str, FetchResponse] = {}  # script URL -> response, for one pass
        self._script_bytes = 0
        self.pages = 0
        self.requests = 0  # sub-requests fetched for the browser
        self.refused: list[tuple[str, str]] = []  # (url, reason) of every request refused

    async def get(self, url: str, headers: dict | None = None) -> FetchResponse | FetchError:
        """The page at `url` as the browser leaves it; errors and non-200 answers as fetched."""
        async with self._locks[host_key(url)]:
            main = await self._get(url, dict(headers or {}))
            if isinstance(main, FetchError) or main.status != 200 or not _is_html(main):
                return main
            started = time.monotonic()
            try:
                async with asyncio.timeout(self.settings.timeout):
                    html, refused = await self._render(main)
            except TimeoutError:
                return FetchError(url, "timeout", f"the browser did not finish the page within "
                                                  f"{self.settings.timeout:g} s", True, time.monotonic() - started)
            except _BrowserUnavailable as exc:
                return FetchError(url, "render", str(exc), False)
            except Exception as exc:  # Playwright's errors: a crashed page or browser
                return FetchError(url, "render", f"the browser failed on the page: {_first_line(exc)}", True,
                                  time.monotonic() - started)
        body = html.encode("utf-8")
        if len(body) > self.settings.max_bytes:
            return FetchError(url, "too_large", f"rendered page over the {self.settings.max_bytes:,} bytes limit",
                              False, time.monotonic() - started)
        self.pages += 1
        kept = [(k, v) for k, v in main.headers if k.lower() not in _DROPPED and k.lower() != "content-type"]
        kept += [("Content-Type", "text/html; charset=utf-8"), (RENDERED_HEADER, "chromium")]
        if refused:
            kept.append((REFUSED_HEADER, str(len(refused))))
        return FetchResponse(url=url, final_url=main.final_url, status=200, reason=main.reason,
                             http_version=main.http_version, headers=kept, body=body,
                             elapsed=main.elapsed + time.monotonic() - started, redirects=main.redirects)

    async def aclose(self) -> None:
        try:
            if self._browser is not None:
                await self._browser.close()
            if self._playwright is not None:
                await self._playwright.stop()
        finally:
            self._browser = self._playwright = None

    async def _launch(self):
        if self._broken:
            raise _BrowserUnavailable(self._broken)
        if self._browser is None:
            try:
                from playwright.async_api import async_playwright

                self._playwright = await async_playwright().start()
                self._browser = await self._playwright.chromium.launch(
                    executable_path=self.settings.browser, args=BROWSER_FLAGS,
                    proxy={"server": BACKSTOP_PROXY})
            except Exception as exc:
                self._broken = f"cannot start the browser {self.settings.browser}: {_first_line(exc)}"
                await self.aclose()
                raise _BrowserUnavailable(self._broken) from None
        return self._browser

    async def _render(self, main: FetchResponse) -> tuple[str, list[tuple[str, str]]]:
        browser = await self._launch()
        context = await browser.new_context(service_workers="block", user_agent=self.settings.agent(),
                                            accept_downloads=False)
        refused: list[tuple[str, str]] = []
        served = {"document": False}

        async def handle(route) -> None:
            try:
                await serve(route)
            except Exception:  # the page closed under a request (time limit): nothing to answer
                pass

        async def serve(route) -> None:
            request = route.request
            if request.is_navigation_request() and not served["document"] and request.url == main.final_url:
                served["document"] = True
                await route.fulfill(status=200, headers=_fulfil_headers(main), body=main.body)
                return
            reason = await self._why_not(request)
            response = None
            if reason is None:
                response = await self._sub_request(request.url, request.resource_type)
                if isinstance(response, FetchError):
                    reason = response.reason
            if reason is not None:
                refused.append((request.url, reason))
                await route.abort("blockedbyclient")
            else:
                await route.fulfill(status=response.status, headers=_fulfil_headers(response), body=response.body)

        try:
            await context.route_web_socket(re.compile(".*"), lambda ws: ws.close())
            await context.route("**/*", handle)
            page = await context.new_page()
            await page.goto(main.final_url, wait_until="load")
            try:  # scripts that fetch their text after load: wait until the network is quiet
                await page.wait_for_load_state("networkidle")
            except Exception:
                pass  # the overall time limit decides; what is there is taken
            html = await page.content()
        finally:
            await context.close()
        self.refused += refused
        return html, refused

    async def _why_not(self, request) -> str | None:
        if request.is_navigation_request():
            return "the browser may not leave the page (frames and script navigations are not followed)"
        if request.method != "GET":
            return f"{request.method} requests are not sent"
        if request.resource_type not in FETCHED_TYPES:
            return f"{request.resource_type} not needed for the text"
        if not re.match(r"^https?://", request.url):
            return "not an http(s) URL"
        return await self._refusal(request.url)

    async def _sub_request(self, url: str, resource_type: str) -> FetchResponse | FetchError:
        cached = self._scripts.get(url)
        if cached is not None:
            return cached
        self.requests += 1
        response = await self._get(url, {})
        if (resource_type == "script" and isinstance(response, FetchResponse) and response.status == 200
                and self._script_bytes + len(response.body) <= _SCRIPT_CACHE_BYTES):
            self._scripts[url] = response  # one fetch of each script per pass, not one per page
            self._script_bytes += len(response.body)
        return response


class _BrowserUnavailable(Exception):
    pass


def _is_html(response: FetchResponse) -> bool:
    kind = (response.header("content-type") or "text/html").lower()
    return "html" in kind


def _fulfil_headers(response: FetchResponse) -> dict[str, str]:
    return {k: v for k, v in response.headers if k.lower() not in _DROPPED}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".strip()


def robots_refusal(robots, agent: str, obey: bool) -> Allowed:
    """A `refusal(url)` for the renderer from the pass's robots.txt cache."""
    async def refusal(url: str) -> str | None:
        if not obey:
            return None
        rules, _ = await robots.rules_for(url)
        return None if rules.allows(url, agent) else (rules.blocked_reason or "disallowed by robots.txt")
    return refusal
