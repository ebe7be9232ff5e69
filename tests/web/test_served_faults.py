"""Issue 13 through a real server (`janalyq serve`), as a client meets it: forged cursors, errors
on a keep-alive connection, HEAD, a forged Host, Accept-Language q-values, a section named with
a slash, and RSS text that a feed reader must not turn into live tags."""

from __future__ import annotations

import base64
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from urllib.parse import quote

import feedparser
import pytest

from tests.stores import BACKENDS, address_for, connect

# Tags the clean stage does not know as HTML (it removes <img>, <b>, <script>...) stay as text.
HOSTILE_TITLE = 'Жол <svg onload=alert(1)> жөндеу & "баға"'
RECORDS = [
    {"url": "https://example.kz/kk/1", "title": HOSTILE_TITLE, "lang": "kk", "published": "2026-03-04",
     "body": "Ауданда 12 шақырым жол жөнделді <details open ontoggle=alert(2)>бүгін. Жұмысқа 40 адам қатысты.",
     "section": "Экономика/Қаржы", "outlet": "akimat/zhetisu"},
    {"url": "https://example.kz/ru/2", "title": "Открыта новая библиотека в Талдыкоргане", "lang": "ru",
     "published": "2026-03-05", "body": "В новой библиотеке 30 тысяч книг и читальный зал на 80 мест.",
     "section": "Культура"},
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module", params=BACKENDS)
def served(request, tmp_path_factory):
    """`janalyq serve` in a process of its own, on an SQLite store, then on a PostgreSQL one."""
    folder = tmp_path_factory.mktemp("served")
    (folder / "in.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n",
                                     encoding="utf-8")
    db = address_for(request, request.param, folder)
    env = {**os.environ, "JANALYQ_EMBEDDINGS": "0"}
    run = subprocess.run([sys.executable, "-m", "janalyq", "import", str(folder / "in.jsonl"), "--db", str(db), "-q"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "janalyq", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
            time.sleep(0.2)
    yield {"port": port, "db": db}
    server.terminate()
    server.communicate(timeout=30)


def _cursor(value) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")


FORGED = [[None, 2**63], ["2026-03-01", 2**63], [None, -2**70], [None, True], ["2026-13-99x", 5],
          ["x" * 150, 1], [None, 1.5], [[], 3]]


def test_forged_cursors_are_422_on_one_kept_connection(served):
    connection = http.client.HTTPConnection("127.0.0.1", served["port"], timeout=10)
    sock = None
    for forged in FORGED:
        connection.request("GET", f"/api/v1/articles?cursor={_cursor(forged)}")
        response = connection.getresponse()
        body = json.loads(response.read())
        assert response.status == 422, (forged, body)
        assert "cursor" in body["error"]["detail"]
        sock = sock or connection.sock
        assert connection.sock is sock  # the same connection all along
    connection.close()


def test_an_internal_error_keeps_the_connection(served, tmp_path):
    db = connect(served["db"])
    db.execute("ALTER TABLE articles RENAME TO articles_away")  # every listing now fails inside
    try:
        connection = http.client.HTTPConnection("127.0.0.1", served["port"], timeout=10)
        statuses = []
        for _ in range(3):
            connection.request("GET", "/api/v1/articles")
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
            assert response.getheader("connection", "").lower() != "close"
        sock = connection.sock
        connection.request("GET", "/api/v1/openapi.json")
        ok = connection.getresponse()
        ok.read()
        assert connection.sock is sock and ok.status == 200
    finally:
        db.execute("ALTER TABLE articles_away RENAME TO articles")
        db.close()
    assert statuses == [500, 500, 500]
    # The failed queries left nothing behind (no transaction stuck aborted): listings work again.
    connection.request("GET", "/api/v1/articles")
    again = connection.getresponse()
    assert again.status == 200 and len(json.loads(again.read())["items"]) == len(RECORDS)
    connection.close()


def test_head_is_answered_like_get_without_a_body(served):
    connection = http.client.HTTPConnection("127.0.0.1", served["port"], timeout=10)
    for path in ("/kk/", "/api/v1/stats", "/kk/feed.rss"):
        connection.request("GET", path)
        got = connection.getresponse()
        body = got.read()
        connection.request("HEAD", path)
        head = connection.getresponse()
        assert head.status == 200 and head.read() == b""
        assert head.getheader("content-type") == got.getheader("content-type")
        assert int(head.getheader("content-length")) == len(body)


def test_a_forged_host_reaches_no_link(served):
    connection = http.client.HTTPConnection("127.0.0.1", served["port"], timeout=10)
    for path in ("/kk/feed.rss", "/kk/feed.atom", "/kk"):
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", "evil.example")
        connection.endheaders()
        response = connection.getresponse()
        text = response.read().decode()
        assert "evil.example" not in text and "evil.example" not in (response.getheader("location") or "")
    connection.request("GET", "/kk/feed.rss")  # the served host itself is kept
    assert f"http://127.0.0.1:{served['port']}/kk/" in connection.getresponse().read().decode()


@pytest.mark.parametrize("header, ui", [
    ("en;q=0.1, ru;q=0.9, kk;q=0.5", "ru"),
    ("ru;q=0, en", "en"),
    ("de, kk-KZ;q=0.8, ru;q=0.7", "kk"),
    ("kz", "kk"),
    ("fr;q=1, de", "kk"),  # nothing the portal speaks: its default
])
def test_accept_language_q_values_choose_the_edition(served, header, ui):
    connection = http.client.HTTPConnection("127.0.0.1", served["port"], timeout=10)
    connection.request("GET", "/", headers={"Accept-Language": header})
    response = connection.getresponse()
    response.read()
    assert response.status == 307 and response.getheader("location") == f"/{ui}/"


def test_a_section_and_an_outlet_named_with_a_slash_are_reachable(served):
    connection = http.client.HTTPConnection("127.0.0.1", served["port"], timeout=10)
    connection.request("GET", "/kk/index.json")
    home = json.loads(connection.getresponse().read())
    article = next(a for a in home["articles"] if a["lang"] == "kk")
    for kind, name in (("section", article["site_section"]), ("outlet", article["outlet"])):
        assert "/" in name
        for suffix in ("", ".json", "/feed.rss"):
            connection.request("GET", f"/kk/{kind}/{quote(name, safe='')}{suffix}")
            response = connection.getresponse()
            body = response.read().decode()
            assert response.status == 200, (kind, suffix)
            assert "Жол" in body


def test_rss_text_never_becomes_live_markup(served):
    connection = http.client.HTTPConnection("127.0.0.1", served["port"], timeout=10)
    connection.request("GET", "/kk/feed.rss")
    parsed = feedparser.parse(connection.getresponse().read(), sanitize_html=False)
    assert not parsed.bozo
    (entry,) = [e for e in parsed.entries if "Жол" in e.title]
    for field in ("title", "summary"):
        assert "<svg" not in entry[field] and "<details" not in entry[field], entry[field]
    # What a reader renders as HTML shows the words the article has, markup and all, as text.
    assert entry.title == 'Жол &lt;svg onload=alert(1)&gt; жөндеу &amp; "баға"'
    assert "&lt;details open ontoggle=alert(2)&gt;" in entry.summary
