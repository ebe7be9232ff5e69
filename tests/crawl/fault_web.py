"""The fault server: every way a web server misbehaves that the crawler must survive."""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter

from webserver import FixtureServer, Reply

RU_TEXT = ("Акимат города сообщил о завершении ремонта школы. Работы шли всё лето, "
           "в здании заменили окна, крышу и систему отопления.")


TEXTS = {
    "Ремонт школы завершён": "Акимат города сообщил о завершении ремонта школы: в здании заменили окна и крышу.",
    "Открыт новый сквер": "В микрорайоне открыли сквер с фонтаном, скамейками и площадкой для детей.",
    "Неверная кодировка в заголовке": "Эта страница набрана в кодировке Windows-1251, а сервер назвал её UTF-8.",
    "Страница в KOI8-R": "Старые сайты до сих пор отдают страницы в KOI8-R, и их надо читать правильно.",
    "Обычная страница без ошибок": "Обычная новость: в районе прошёл субботник, жители убрали берег реки.",
}


def _article(title: str, text: str | None = None) -> str:
    text = text or TEXTS.get(title, RU_TEXT)
    return (f'<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1><p>{text}</p><p>{text[:60]}</p></article></body></html>")


FAULT_LINKS = ["/slow", "/hang", "/e500", "/e503-once", "/e429-once", "/e503-long", "/loop-a",
               "/huge", "/huge-stream", "/bad-gzip", "/wrong-charset", "/koi8", "/private/secret", "/ok"]


def make_fault_server(hang: threading.Event) -> FixtureServer:
    seen: Counter = Counter()

    def once_then_ok(status: int, retry_after: str, title: str):
        def route(query, headers):
            seen[title] += 1
            if seen[title] == 1:
                return Reply(status, b"busy", {"Retry-After": retry_after}, "text/plain")
            return Reply(200, _article(title).encode())
        return route

    def index(query, headers):
        links = "".join(f'<a href="{p}">{p}</a> ' for p in FAULT_LINKS)
        return Reply(200, f"<html><body>{links}</body></html>".encode())

    def slow(handler):  # headers at once, then a trickle that never finishes in time
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        try:
            for _ in range(40):
                handler.wfile.write(b"<p>slow</p>")
                handler.wfile.flush()
                time.sleep(0.25)
        except OSError:
            pass

    def hang_route(handler):
        hang.wait(30)

    def huge_stream(handler):  # 20 MB without Content-Length: the limit must bite while reading
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Connection", "close")
        handler.end_headers()
        try:
            chunk = b"<p>" + b"x" * 1_000_000 + b"</p>"
            for _ in range(20):
                handler.wfile.write(chunk)
        except OSError:
            pass
        handler.close_connection = True

    def bad_gzip(handler):
        whole = gzip.compress(_article("Сжатая страница").encode() * 20)
        body = whole[: len(whole) // 2]
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    routes = {
        "/robots.txt": lambda q, h: Reply(200, b"User-agent: *\nDisallow: /private/\n", {}, "text/plain"),
        "/index": index,
        "/e500": lambda q, h: Reply(500, b"internal error", {}, "text/plain"),
        "/e503-once": once_then_ok(503, "1", "Ремонт школы завершён"),
        "/e429-once": once_then_ok(429, "1", "Открыт новый сквер"),
        "/e503-long": lambda q, h: Reply(503, b"maintenance", {"Retry-After": "3600"}, "text/plain"),
        "/loop-a": lambda q, h: Reply(302, b"", {"Location": "/loop-b"}),
        "/loop-b": lambda q, h: Reply(302, b"", {"Location": "/loop-a"}),
        "/huge": lambda q, h: Reply(200, b"<p>" + b"y" * (20 * 2**20) + b"</p>"),
        "/wrong-charset": lambda q, h: Reply(200, _article("Неверная кодировка в заголовке").encode("cp1251"),
                                             {}, "text/html; charset=utf-8"),
        "/koi8": lambda q, h: Reply(200, _article("Страница в KOI8-R").encode("koi8-r"), {}, "text/html; charset=koi8-r"),
        "/private/secret": lambda q, h: Reply(200, _article("Закрытая страница").encode()),
        "/ok": lambda q, h: Reply(200, _article("Обычная страница без ошибок").encode()),
        "/feed.xml": lambda q, h: Reply(200, b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken'
                                             b"<item><title>Half an item</title><link>/ok", {}, "application/rss+xml"),
    }
    raw = {"/slow": slow, "/hang": hang_route, "/huge-stream": huge_stream, "/bad-gzip": bad_gzip}
    return FixtureServer(routes, raw)


def fault_sources(base: str, rate: float, budget_min: int = 20) -> str:
    """The fault site's sources.  The default budget leaves every fault its own retries whatever the
    machine's load (on a busy machine a timeout spends retries too); the budget is held tight in a
    test of its own, on a host that fails everything."""
    return f"""
[crawl]
allow_loopback = true
rate_per_host = {rate}
concurrency_per_host = 3
timeout = 2
connect_timeout = 2
max_retries = 2
backoff_base = 0.1
max_retry_after = 5
retry_budget_min = {budget_min}
retry_budget_ratio = 0.2

[[source]]
name = "faults"
kind = "listing"
url = "{base}/index"
lang = "ru"
link_pattern = "^{base}/"
max_depth = 0

[[source]]
name = "broken-feed"
kind = "rss"
url = "{base}/feed.xml"
lang = "ru"
"""
