"""One HTTP GET with every limit applied: time, size, redirects, addresses.

The fetcher never raises for what the web does: a response (of any status) or a `FetchError`
with a kind and a plain-words reason comes back.  Deciding what to retry is the engine's job;
the fetcher only says whether a failure is the transient kind.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email.utils
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpcore
import httpx

from janalyq.crawl.config import CrawlSettings
from janalyq.crawl.guard import REFUSED_PREFIX, GuardedBackend

REDIRECTS = (301, 302, 303, 307, 308)
RETRYABLE_STATUS = (408, 425, 429, 500, 502, 503, 504)


@dataclass
class FetchResponse:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    body: bytes  # decoded from any Content-Encoding
    elapsed: float
    redirects: list[str] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)

    @property
    def charset(self) -> str | None:
        return charset_of(self.header("content-type"))

    @property
    def retry_after(self) -> float | None:
        return parse_retry_after(self.header("retry-after"))


@dataclass
class FetchError:
    url: str
    kind: str  # timeout, network, too_large, redirect_loop, too_many_redirects, ssrf, corrupt_body
    reason: str
    retryable: bool
    elapsed: float = 0.0
    status: int | None = None


class TooLarge(Exception):
    pass


class CorruptBody(Exception):
    pass


class BodyDecoder:
    """Content-Encoding decoding with a size limit and an end check.

    httpx's own gzip decoder accepts a stream cut in the middle without complaint, which would
    store half a page as if it were whole; here a gzip stream must reach its end marker.  Output
    is produced in 1 MB steps so a compression bomb is stopped at the limit, not in memory.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self.encoding, self.limit = encoding, limit
        self.size = 0
        self.parts: list[bytes] = []
        if encoding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.inflater = zlib.decompressobj(zlib.MAX_WBITS)
        elif encoding in ("identity", ""):
            self.inflater = None
        else:
            raise CorruptBody(f"unsupported Content-Encoding {encoding!r}")

    def _keep(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.size > self.limit:
            raise TooLarge()
        self.parts.append(piece)

    def feed(self, data: bytes) -> None:
        if self.inflater is None:
            self._keep(data)
            return
        try:
            while data:
                self._keep(self.inflater.decompress(data, 2**20))
                data = self.inflater.unconsumed_tail
        except zlib.error as exc:
            raise CorruptBody(f"corrupt {self.encoding} body: {exc}") from None

    def finish(self) -> bytes:
        if self.inflater is not None:
            if not self.inflater.eof:
                raise CorruptBody(f"{self.encoding} body is truncated: the stream ends before its end marker")
            self._keep(self.inflater.flush())
        return b"".join(self.parts)


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, lower-cased, or None."""
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 2**20 else f"{n:,} bytes"


class Fetcher:
    def __init__(self, settings: CrawlSettings) -> None:
        self.settings = settings
        transport = httpx.AsyncHTTPTransport(trust_env=False, retries=0)
        # httpx has no public hook for the network backend; the guard has to sit where the
        # socket is dialled (see guard.py), so the pool is replaced by an equivalent one.
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(), max_connections=settings.concurrency + 4,  # one per request in flight: none waits
            max_keepalive_connections=settings.concurrency * 2, keepalive_expiry=30.0,
            network_backend=GuardedBackend(settings.allow_loopback, settings.allow_private),
        )
        self.client = httpx.AsyncClient(
            transport=transport, follow_redirects=False, trust_env=False,
            timeout=httpx.Timeout(settings.timeout, connect=settings.connect_timeout),
            headers={"User-Agent": settings.agent(), "Accept-Encoding": "gzip, deflate",
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
        )

    async def aclose(self) -> None:
        await self.client.aclose()

    async def get(self, url: str, headers: dict[str, str] | None = None,
                  pace: Callable[[str], Awaitable[None]] | None = None) -> FetchResponse | FetchError:
        """GET with redirects; `pace(url)` is awaited before every request, redirects included,
        so that the per-host rate limit also covers redirect hops.  The time limit starts once
        the first request may go."""
        if pace is not None:
            await pace(url)
        started = time.monotonic()
        try:
            async with asyncio.timeout(self.settings.timeout):
                return await self._follow(url, headers or {}, started, pace)
        except TimeoutError:
            return FetchError(url, "timeout", f"no complete response within {self.settings.timeout:g} s",
                              True, time.monotonic() - started)

    async def _follow(self, url: str, headers: dict[str, str], started: float, pace) -> FetchResponse | FetchError:
        chain: list[str] = []
        current = url
        while True:
            result = await self._one(url, current, headers, started)
            if isinstance(result, FetchError) or result.status not in REDIRECTS:
                if isinstance(result, FetchResponse):
                    result.redirects = chain
                return result
            location = result.header("location")
            if not location:
                return result
            chain.append(current)
            target = urljoin(current, location.strip())
            if target in chain:
                return FetchError(url, "redirect_loop", f"redirect loop: {' -> '.join([*chain, target])}",
                                  False, time.monotonic() - started, result.status)
            if len(chain) > self.settings.max_redirects:
                return FetchError(url, "too_many_redirects",
                                  f"more than {self.settings.max_redirects} redirects", False,
                                  time.monotonic() - started, result.status)
            current = target
            if pace is not None:
                await pace(current)

    async def _one(self, url: str, current: str, headers: dict[str, str], started: float):
        def error(kind: str, reason: str, retryable: bool) -> FetchError:
            return FetchError(url, kind, reason, retryable, time.monotonic() - started)

        limit = self.settings.max_bytes
        try:
            async with self.client.stream("GET", current, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                encoding = response.headers.get("content-encoding", "identity").strip().lower()
                if not encoding or encoding == "identity":
                    if declared.isdigit() and int(declared) > limit:
                        return error("too_large", f"response of {_mb(int(declared))} is over the {_mb(limit)} limit", False)
                try:
                    decoder = BodyDecoder(encoding, limit)
                    async for raw in response.aiter_raw():
                        decoder.feed(raw)
                    body = decoder.finish()
                except TooLarge:
                    return error("too_large", f"response body over the {_mb(limit)} limit", False)
                except CorruptBody as exc:
                    return error("corrupt_body", str(exc), True)
                return FetchResponse(
                    url=url, final_url=current, status=response.status_code,
                    reason=response.reason_phrase, http_version=response.http_version,
                    headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw],
                    body=body, elapsed=time.monotonic() - started,
                )
        except httpx.DecodingError as exc:
            return error("corrupt_body", f"compressed body is corrupt or truncated ({exc})", True)
        except httpx.TimeoutException as exc:
            return error("timeout", f"{type(exc).__name__.replace('Timeout', ' timeout').lower()} after "
                                    f"{self.settings.timeout:g} s", True)
        except httpx.ConnectError as exc:
            if str(exc).startswith(REFUSED_PREFIX):
                return error("ssrf", str(exc), False)
            return error("network", f"cannot connect: {exc}", True)
        except httpx.RemoteProtocolError as exc:
            return error("network", f"connection broken: {exc}", True)
        except (httpx.TransportError, httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            return error("network", f"{type(exc).__name__}: {exc}", isinstance(exc, httpx.TransportError))
