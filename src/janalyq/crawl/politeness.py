"""Per-host politeness: a request rate, a concurrency limit, pauses, and a retry budget.

Requests to one host start at least `1 / rate` seconds apart (or the robots.txt Crawl-delay,
when that is longer), retries included, so the rate a host sees never exceeds the configured
one.  A 429 or 503 with Retry-After pauses the whole host, not just the URL that got it.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import defaultdict
from dataclasses import dataclass


class HostLimiter:
    def __init__(self, rate_per_host: float, concurrency_per_host: int) -> None:
        self.interval = 1.0 / rate_per_host if rate_per_host > 0 else 0.0
        self.concurrency = concurrency_per_host
        self._next_start: dict[str, float] = defaultdict(float)
        self._delay: dict[str, float] = {}
        self.in_flight: dict[str, int] = defaultdict(int)  # claimed, waiting or fetching

    def set_crawl_delay(self, host: str, seconds: float | None) -> None:
        if seconds:
            self._delay[host] = float(seconds)

    def host_interval(self, host: str) -> float:
        return max(self.interval, self._delay.get(host, 0.0))

    def pause(self, host: str, seconds: float) -> None:
        """No request to `host` starts within `seconds` from now (Retry-After)."""
        self._next_start[host] = max(self._next_start[host], time.monotonic() + seconds)

    def has_room(self, host: str) -> bool:
        return self.in_flight[host] < self.concurrency

    async def slot(self, host: str) -> None:
        """Return when a request to `host` may start now.

        The next start time is set from the moment a request really goes, not from when it was
        planned: if the event loop was busy (parsing a page) and several waiters wake late
        together, only the first goes and the others wait a full interval each.
        """
        while True:
            now = time.monotonic()
            start = self._next_start[host]
            if start <= now:
                self._next_start[host] = now + self.host_interval(host)
                return
            await asyncio.sleep(start - now)


@dataclass
class RetryBudget:
    """Retries to one host may be at most `ratio` of its first attempts, plus `minimum`.

    Without a budget a failing host turns every URL into max_retries + 1 requests; with it a
    host that fails everything costs little more than one request per URL.
    """

    ratio: float
    minimum: int

    def __post_init__(self) -> None:
        self.first: dict[str, int] = defaultdict(int)
        self.retries: dict[str, int] = defaultdict(int)

    def first_attempt(self, host: str) -> None:
        self.first[host] += 1

    def limit(self, host: str) -> int:
        return self.minimum + int(self.ratio * self.first[host])

    def try_spend(self, host: str) -> bool:
        if self.retries[host] >= self.limit(host):
            return False
        self.retries[host] += 1
        return True


def backoff_delay(attempt: int, base: float, cap: float, retry_after: float | None = None,
                  rng: random.Random | None = None) -> float:
    """Exponential backoff with full jitter; never shorter than the server's Retry-After."""
    ceiling = min(cap, base * 2 ** max(0, attempt))
    jittered = (rng or random).uniform(0, ceiling)
    return max(jittered, retry_after or 0.0)
