"""Pure ASGI middleware of the portal: the Host a request names, HEAD requests, and errors that
must not cost the client its connection.

- `CanonicalHost`: feed links and redirects are absolute URLs built from the Host header; a
  request naming a host the portal does not serve gets the server's own address instead, so a
  forged Host never reaches a link.  Hosts served: the loopback names, the address the server
  is bound to, and those in JANALYQ_ALLOWED_HOSTS (comma-separated, for a public name).
- `HeadAsGet`: HEAD is answered as GET without the body (FastAPI's GET routes refuse HEAD).
- `CatchErrors`: an unexpected error becomes the 500 page here, inside the application.  Left
  to Starlette's outermost handler, the error is re-raised after the response, and the server
  then closes the keep-alive connection.
"""

from __future__ import annotations

import contextvars
import logging
import os

log = logging.getLogger("janalyq.web")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
# The site's own address for this request ("http://127.0.0.1:8000"), after the Host check: what
# absolute links of a page (canonical, Open Graph, hreflang, sitemap) start with.
BASE_URL: contextvars.ContextVar[str] = contextvars.ContextVar("janalyq_base_url", default="http://127.0.0.1:8000")


def allowed_hosts() -> set[str]:
    extra = os.environ.get("JANALYQ_ALLOWED_HOSTS", "")
    return {*LOOPBACK_HOSTS, *(h.strip().lower() for h in extra.split(",") if h.strip())}


def _host_name(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("["):
        return value.split("]")[0] + "]"
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class CanonicalHost:
    def __init__(self, app, hosts: set[str] | None = None) -> None:
        self.app = app
        self.hosts = hosts if hosts is not None else allowed_hosts()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            headers = list(scope.get("headers") or [])
            host = next((v.decode("latin-1") for k, v in headers if k == b"host"), "")
            server = scope.get("server") or ("127.0.0.1", 80)
            if _host_name(host) not in self.hosts | {str(server[0]).lower()}:
                own = f"{server[0]}:{server[1]}" if server[1] not in (80, None) else str(server[0])
                headers = [(k, v) for k, v in headers if k != b"host"] + [(b"host", own.encode("latin-1"))]
                scope = {**scope, "headers": headers}
                host = own
            BASE_URL.set(f"{scope.get('scheme', 'http')}://{host.strip()}")
        return await self.app(scope, receive, send)


class HeadAsGet:
    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def send_without_body(message):
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        return await self.app({**scope, "method": "GET"}, receive, send_without_body)


class CatchErrors:
    def __init__(self, app, error_response) -> None:
        self.app = app
        self.error_response = error_response  # error_response(scope) -> a Starlette Response

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("error building %s", scope.get("path"))
            if started:  # half a response went out: only closing the connection can end it
                raise
            await self.error_response(scope)(scope, receive, send)
