"""End to end in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

The portal runs in a real uvicorn server on loopback.  The source links of the sample news point
at gov.kz addresses; the browser never leaves the machine: every non-loopback request is answered
from the bundled sample site (the page the link stands for), so following the link is tested
offline.  Screenshots of the home, article and search pages go to tests/artifacts/.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

from janalyq import samples
from janalyq.web import create_app

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_db):
    port = _free_port()
    config = uvicorn.Config(create_app(demo_db), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is required (tests/setup-system.sh installs it)"
    ARTIFACTS.mkdir(exist_ok=True)
    by_source = {a["source_url"]: samples.site_root() / a["site_path"] for a in samples.manifest()}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="kk-KZ")

        def offline(route):
            # Anything not on loopback is served from the sample site, never fetched.
            target = by_source.get(route.request.url)
            if target is None:
                route.fulfill(status=404, body="offline test: no such sample page")
            else:
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=target.read_bytes())

        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), offline)
        yield context.new_page()
        browser.close()


def test_reader_journey(server, page):
    page.goto(server + "/")
    assert page.url.endswith("/kk/")
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator(".block h2").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "home-kk.png"), full_page=True)

    page.click("nav.langs a[hreflang=en]")
    assert page.url.endswith("/en/") and page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h2#latest-h").inner_text() == "Latest news"

    page.fill("#q-top", "Konstitutsiianyñ")
    page.click(".search-box button")
    assert "/en/search" in page.url
    results = page.locator("ol.results article.card")
    assert results.count() >= 2
    assert page.locator("ol.results mark").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "search-latin-kazakh.png"), full_page=True)

    cyrillic = page.locator("ol.results article.card[lang=kk] h3 a").filter(has_text=re.compile("Конституция"))
    title = cyrillic.first.inner_text()
    cyrillic.first.click()
    assert "/en/article/" in page.url
    assert page.locator("h1").inner_text() == title
    assert page.locator("article.full").get_attribute("lang") == "kk"
    # Each other language once, in the story block or the release block, never both.
    listed = page.locator("aside .also-in li, aside .versions li")
    assert sorted(listed.nth(i).get_attribute("lang") for i in range(listed.count())) == ["en", "ru"]
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)

    source = page.locator("a.source")
    href = source.get_attribute("href")
    assert href.startswith("https://www.gov.kz/memleket/entities/")
    source.click()
    page.wait_for_load_state()
    assert page.url == href
    assert page.locator("article h1").inner_text() == title  # the original release page
