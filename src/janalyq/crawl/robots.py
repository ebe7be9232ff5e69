"""robots.txt per host (protego), fetched once per pass through the same polite fetcher.

Following RFC 9309: a robots.txt that does not exist (4xx) allows everything; one that cannot
be fetched (5xx, network failure) means the whole host is off limits for this pass.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from protego import Protego

from janalyq.crawl.fetch import FetchError, FetchResponse
from janalyq.crawl.urls import host_key, robots_url
from janalyq.read.encoding import NotText, decode_bytes

ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309 asks crawlers to read at least 500 KiB


@dataclass
class RobotsRules:
    parser: Protego | None  # None: no rules, everything allowed
    blocked_reason: str | None = None  # set when the whole host is off limits

    def allows(self, url: str, agent: str) -> bool:
        if self.blocked_reason:
            return False
        return self.parser is None or self.parser.can_fetch(url, agent)

    def crawl_delay(self, agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(agent)
        return float(delay) if delay is not None else None


def rules_from_response(result: FetchResponse | FetchError) -> RobotsRules:
    if isinstance(result, FetchError):
        return RobotsRules(None, f"robots.txt could not be fetched ({result.reason})")
    if 400 <= result.status < 500:
        return RobotsRules(None)
    if result.status >= 500 or result.status != 200:
        return RobotsRules(None, f"robots.txt answered HTTP {result.status}")
    try:
        text = decode_bytes(result.body[:ROBOTS_MAX_BYTES], result.charset).text
    except NotText:
        return RobotsRules(None)
    return RobotsRules(Protego.parse(text))


class RobotsCache:
    """Rules per host for one pass; `fetch(url)` is the crawler's polite GET."""

    def __init__(self, agent: str, fetch: Callable[[str], Awaitable[FetchResponse | FetchError]]):
        self.agent = agent
        self._fetch = fetch
        self._rules: dict[str, RobotsRules] = {}
        self._pending: dict[str, asyncio.Event] = {}

    async def rules_for(self, url: str) -> tuple[RobotsRules, FetchResponse | FetchError | None]:
        """The host's rules, and the robots.txt response when this call fetched it."""
        host = host_key(url)
        if host in self._pending:  # another request of this host is fetching it: wait for it
            await self._pending[host].wait()
        if host in self._rules:
            return self._rules[host], None
        self._pending[host] = asyncio.Event()
        result = None
        try:
            result = await self._fetch(robots_url(url))
            self._rules[host] = rules_from_response(result)
        finally:
            self._rules.setdefault(host, RobotsRules(None, "robots.txt fetch was interrupted"))
            self._pending.pop(host).set()
        return self._rules[host], result

    def known(self, url: str) -> RobotsRules | None:
        return self._rules.get(host_key(url))
