"""A small HTTP server on 127.0.0.1 for the crawler tests: routes are plain functions.

Every request is logged (time, path, headers) so tests can check what the crawler sent: the
conditional headers, the request rate per host, and how often each URL was asked for.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"


@dataclass
class Logged:
    at: float
    path: str  # with the query
    headers: dict


class FixtureServer:
    def __init__(self, routes: dict, raw_routes: dict | None = None) -> None:
        self.routes = routes  # path -> function(query: dict, headers: dict) -> Reply
        self.raw_routes = raw_routes or {}  # path -> function(handler): writes the bytes itself
        self.log: list[Logged] = []
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep pytest output clean
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with server.lock:
                    server.log.append(Logged(time.monotonic(), self.path, headers))
                if parts.path in server.raw_routes:
                    server.raw_routes[parts.path](self)
                    return
                route = server.routes.get(parts.path)
                reply = route(dict(parse_qsl(parts.query)), headers) if route else Reply(404, b"not found")
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FixtureServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def requests_for(self, path_prefix: str) -> list[Logged]:
        with self.lock:
            return [r for r in self.log if r.path.startswith(path_prefix)]


def conditional(etag: str, body: bytes, content_type: str, headers: dict,
                last_modified: str = "Tue, 17 Mar 2026 06:00:00 GMT") -> Reply:
    """A page that honours If-None-Match and If-Modified-Since, as well-run sites do."""
    if headers.get("if-none-match") == etag or headers.get("if-modified-since") == last_modified:
        return Reply(304, b"", {"ETag": etag, "Last-Modified": last_modified}, content_type)
    return Reply(200, body, {"ETag": etag, "Last-Modified": last_modified}, content_type)
