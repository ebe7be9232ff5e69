"""Issue 14: pages only a browser can read, and source health that tells the truth.

A page rendered in Chromium obeys what a plain fetch obeys (robots.txt, the per-host rate, the
SSRF guard, the User-Agent), because every request the browser makes goes through the crawler's
fetcher or is refused.  A JavaScript shell without `render = true`, a feed with no items, a
listing with no links and a pass whose every article was rejected are problems of their source,
shown with their reason by `janalyq sources`, never "success, 0 new".
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from real_shapes_web import GOVKZ, GOVKZ_APP, SHORT, real_shapes_web, rebased_sources, sources_file
from webserver import FixtureServer, Reply

from janalyq.crawl.archive import iter_archived
from janalyq.crawl.config import CrawlSettings, SourceSpec
from janalyq.crawl.engine import Crawler
from janalyq.export import export_records
from janalyq.store import Store, open_store

REPO = Path(__file__).resolve().parents[2]
AGENT = "janalyq/0.1.0 (+https://github.com/janalyq/janalyq)"


def janalyq(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "300"}
    return subprocess.run([sys.executable, "-m", "janalyq", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


# A listing and articles written by their script; the script also tries what the browser must not
# do: a private address, a path robots.txt forbids, an image, a POST.
GREEDY_SCRIPT = """
fetch('http://10.255.255.1/track.json').catch(function () {});
fetch('/admin/secret.json').catch(function () {});
fetch('/api/vote', {method: 'POST', body: 'x'}).catch(function () {});
var img = new Image(); img.src = '/img/photo.png';
fetch('/data' + location.pathname + '.json').then(function (r) { return r.json(); }).then(function (d) {
  var app = document.getElementById('app');
  if (d.links) {
    app.innerHTML = d.links.map(function (l) { return '<div class="item"><a href="' + l + '">' + l + '</a></div>'; }).join('');
    return;
  }
  app.innerHTML = '<article><h1></h1><p class="date"></p><div class="text"></div></article>';
  app.querySelector('h1').textContent = d.title;
  app.querySelector('.date').textContent = d.date;
  d.body.forEach(function (t) { var p = document.createElement('p'); p.textContent = t; app.querySelector('.text').appendChild(p); });
});
"""
SHELL = ('<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Portal</title></head><body>'
         '<noscript>Включите JavaScript</noscript><div id="app"></div><script src="/app.js"></script></body></html>')
NEWS = {
    "/news/1": {"title": "Ночной автобус до аэропорта пустят с августа", "date": "16 июля 2026, 08:15",
                "body": ["Городской транспортный оператор запустит ночной автобус от вокзала до аэропорта с первого августа.",
                         "Автобус будет ходить раз в сорок минут с полуночи до шести утра, проезд по обычному тарифу.",
                         "Оператор обещает через месяц решить, нужны ли ещё ночные маршруты по просьбам пассажиров."]},
    "/news/2": {"title": "В библиотеке открылся зал настольных игр", "date": "15 июля 2026, 12:40",
                "body": ["Центральная городская библиотека открыла зал, где можно бесплатно играть в настольные игры.",
                         "Игры подарили жители и местные издатели; по субботам волонтёры объясняют правила новичкам.",
                         "Зал работает с полудня до восьми вечера, записываться заранее не нужно."]},
}


def greedy_site(delay: float = 0.0, news: dict = NEWS) -> FixtureServer:
    import json
    import time

    routes = {"/robots.txt": lambda q, h: Reply(200, b"User-agent: *\nDisallow: /admin/\n", {}, "text/plain"),
              "/app.js": lambda q, h: Reply(200, GREEDY_SCRIPT.encode(), {}, "application/javascript"),
              "/news": lambda q, h: Reply(200, SHELL.encode())}
    routes["/data/news.json"] = lambda q, h: Reply(200, json.dumps({"links": list(news)}).encode(), {}, "application/json")
    for path, data in news.items():
        routes[path] = lambda q, h: Reply(200, SHELL.encode())

        def data_route(q, h, d=data):
            if delay:
                time.sleep(delay)
            return Reply(200, json.dumps(d, ensure_ascii=False).encode(), {}, "application/json; charset=utf-8")
        routes[f"/data{path}.json"] = data_route
    return FixtureServer(routes)


def greedy_source(base: str, render: bool = True) -> SourceSpec:
    return SourceSpec.from_dict({"name": "portal", "kind": "listing", "url": f"{base}/news", "lang": "ru",
                                 "outlet": "portal", "link_pattern": r"/news/\d+$", "render": render})


def test_rendering_obeys_robots_the_rate_and_the_ssrf_guard(tmp_path):
    with greedy_site() as site:
        settings = CrawlSettings(allow_loopback=True, rate_per_host=5, timeout=20)
        store = Store(tmp_path / "x.db")
        crawler = Crawler(store, settings)
        spec = greedy_source(site.base)
        crawler.add_sources([spec])
        report = crawler.run_pass()
        log = list(site.log)
    assert report.new_articles == 2 and report.errors == 0
    records = {r["url"].replace(site.base, ""): r for r in export_records(store)}
    for path, data in NEWS.items():
        assert records[path]["title"] == data["title"]
        assert records[path]["body"].split("\n\n") == data["body"]
        assert records[path]["published_at"].startswith("2026-07-" + data["date"][:2] + "T" + data["date"][-5:])
    paths = [r.path for r in log]
    assert not [p for p in paths if p.startswith(("/admin/", "/img/", "/api/"))]  # robots, image, POST: never sent
    assert {r.headers.get("user-agent") for r in log} == {AGENT}
    assert paths.count("/app.js") == 1
    gaps = [b.at - a.at for a, b in zip(log, log[1:])]
    # 5 requests a second (0.2 s apart), the browser's requests included.  The gaps are taken at
    # the server, on arrival: on a loaded machine one request may reach it late and the next on
    # time, so an arrival gap may fall short of the spacing the fetcher kept (0.170 and 0.130 s
    # seen under load); no two requests closer than half the spacing, and the rate over the
    # whole crawl, are what the limiter must keep.
    assert min(gaps) > 0.1
    assert len(log) / (log[-1].at - log[0].at + 0.2) <= 5.5  # and the rate over the whole crawl
    refused = [int(r.header("X-Janalyq-Render-Refused") or 0) for path in (tmp_path / "x.db.warc").glob("*.warc.gz")
               for r in iter_archived(path) if not isinstance(r, str) and r.role != "robots"]
    assert refused == [4, 4, 4]  # listing and two articles: SSRF, robots, POST and image each time


def test_sources_check_prints_what_a_source_gives_and_what_the_browser_was_refused(tmp_path):
    with greedy_site() as site:
        spec = greedy_source(site.base)
        (tmp_path / "sources.toml").write_text(sources_file(CrawlSettings(allow_loopback=True), [spec]),
                                               encoding="utf-8")
        done = janalyq("sources", "check", "portal", "--db", "c.db", cwd=tmp_path)
        plain = janalyq("sources", "check", "portal", "--no-render", "--db", "c.db", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "article links found: 2" in out
    assert "title: Ночной автобус до аэропорта пустят с августа" in out
    assert "date and time: 2026-07-16T08:15:00" in out
    assert "language: ru" in out and "outlet: portal" in out
    assert "| Городской транспортный оператор запустит ночной автобус" in out
    assert "(rendered by the browser)" in out
    # the private address is refused when its robots.txt is asked for: the guard refuses the dial
    assert "browser refused: http://10.255.255.1/track.json: robots.txt could not be fetched (refused by the SSRF guard" in out
    assert "10.255.255.1 is a private address" in out
    assert "/admin/secret.json: disallowed by robots.txt" in out
    assert "POST requests are not sent" in out and "image not needed for the text" in out
    assert not (tmp_path / "c.db.warc").exists()  # a check stores nothing
    # without the browser the same listing is a shell, and the check says what to do
    assert plain.returncode == 1
    assert "the page needs a browser: set render = true" in plain.stdout
    assert "no article came out" in plain.stdout


def test_sources_check_of_a_govkz_feed_and_of_a_bare_url(tmp_path):
    with real_shapes_web() as servers:
        settings, specs = rebased_sources(servers, ["gov-mfa", "kt-ru"])
        (tmp_path / "sources.toml").write_text(sources_file(settings, specs), encoding="utf-8")
        feed = janalyq("sources", "check", "gov-mfa", "--db", "c.db", cwd=tmp_path)
        bare = janalyq("sources", "check", servers["kt"].base + "/rus/all", "--allow-loopback",
                       "--db", "c.db", cwd=tmp_path)
    assert feed.returncode == 0, feed.stdout + feed.stderr
    assert "guessed, not checked live: only the ru feed was seen working" in feed.stdout
    assert "/api/v1/public/rss/mfa/news/kk: HTTP 200" in feed.stdout
    kk = next(r for r in GOVKZ if r.lang == "kk" and "/mfa/" in r.path)
    assert f"title: {kk.title}" in feed.stdout and "date and time: 2026-07-12T10:05:00+05:00" in feed.stdout
    assert "language: kk" in feed.stdout and "outlet: mfa" in feed.stdout
    assert bare.returncode == 0, bare.stdout + bare.stderr
    assert "title: Тарифы на воду в Караганде не изменятся до конца года" in bare.stdout
    assert "date and time: 2026-07-07T16:34:00" in bare.stdout


def test_without_render_a_shell_is_a_source_error_and_the_feed_text_is_kept(tmp_path, db_url):
    with real_shapes_web() as servers:
        settings, specs = rebased_sources(servers, ["gov-mfa"])
        specs[0].render = False
        listing = greedy_source(servers["govkz"].base, render=False)
        listing.url = servers["govkz"].base + "/memleket/entities/mfa/press/news?lang=ru"  # a shell too
        listing.name = "gov-mfa-listing"
        (tmp_path / "sources.toml").write_text(sources_file(settings, [specs[0], listing]), encoding="utf-8")
        servers["govkz"].routes["/memleket/entities/mfa/press/news"] = lambda q, h: Reply(200, SHELL.encode())
        done = janalyq("crawl", "--once", "--db", db_url, cwd=tmp_path)
        health = janalyq("sources", "--db", db_url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "the page needs a browser: set render = true" in done.stderr
    store = open_store(db_url)
    records = {r["source_url"].split("/details/")[1]: r for r in export_records(store)}
    mfa = [r for r in GOVKZ if "/mfa/" in r.path]
    assert len(records) == len(mfa)  # nothing lost: short items keep the feed's description
    for release in mfa:
        record = records[release.path.split("/details/")[1]]
        assert record["title"] == release.title
        if release.path in SHORT:
            assert record["body"].split("\n\n") == release.body
        else:
            assert record["body"] == release.body[0][:110] + "…"
    rows = {line.split("│")[1].strip(): line for line in health.stdout.splitlines() if line.count("│") > 5}
    assert "problems (3)" in rows["gov-mfa"] and "needs a browser" in rows["gov-mfa"]
    assert "failing" in rows["gov-mfa-listing"] and "needs a browser" in rows["gov-mfa-listing"]


def test_an_empty_feed_a_listing_without_links_and_all_rejected_are_problems(tmp_path, db_url):
    empty_feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><link>http://x/</link>'
                  '<description>x</description></channel></rss>')
    routes = {
        "/robots.txt": lambda q, h: Reply(200, b"", {}, "text/plain"),
        "/rss": lambda q, h: Reply(200, empty_feed.encode(), {}, "application/rss+xml"),
        "/list": lambda q, h: Reply(200, "<html><body><p>Жаңалықтар жоқ</p><a href='/about'>About</a></body></html>".encode()),
        "/bad-list": lambda q, h: Reply(200, b"<html><body><a href='/n/1'>1</a><a href='/n/2'>2</a></body></html>"),
        "/n/1": lambda q, h: Reply(200, b"\x00\x01\x02binary\x00" * 50, {}, "text/html"),
        "/n/2": lambda q, h: Reply(200, b"\x00\x01\x02binary\x00" * 50, {}, "text/html"),
    }
    with FixtureServer(routes) as site:
        specs = [SourceSpec.from_dict(d) for d in (
            {"name": "empty-feed", "kind": "rss", "url": site.base + "/rss"},
            {"name": "no-links", "kind": "listing", "url": site.base + "/list", "link_pattern": r"/n/\d+$"},
            {"name": "all-rejected", "kind": "listing", "url": site.base + "/bad-list", "link_pattern": r"/n/\d+$"},
        )]
        (tmp_path / "sources.toml").write_text(sources_file(CrawlSettings(allow_loopback=True), specs), encoding="utf-8")
        janalyq("crawl", "--once", "--db", db_url, cwd=tmp_path)
        health = janalyq("sources", "--db", db_url, cwd=tmp_path)
    rows = {line.split("│")[1].strip(): line for line in health.stdout.splitlines() if line.count("│") > 5}
    assert "failing" in rows["empty-feed"] and "the feed has no items" in rows["empty-feed"]
    assert "failing" in rows["no-links"] and "no article links on the listing page" in rows["no-links"]
    assert "failing" in rows["all-rejected"] and "every article page of this pass was rejected (2)" in rows["all-rejected"]
    assert all("│ never " in row for row in rows.values())  # no last success for any of them
