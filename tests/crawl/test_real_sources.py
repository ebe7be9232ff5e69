"""Issue 14: the real sources of official news, on a fixture web shaped like them.

The sources are those of sources.example.toml, pointed at servers on 127.0.0.1 (real_shapes_web):
gov.kz through its RSS feeds, with release pages that are JavaScript shells read in Debian's
Chromium; akorda.kz, primeminister.kz, four Kazinform editions, kt.kz and baq.kz through their
listings.  Each crawl must give exact articles: title, date and time, language, outlet, body and
source link.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from real_shapes_web import ALL, GOVKZ, HOSTS, SHORT, real_shapes_web, rebased_sources

from janalyq.crawl.archive import iter_archived
from janalyq.crawl.engine import Crawler
from janalyq.export import export_records
from janalyq.store import Store

CHROMIUM = "/usr/bin/chromium"
SERVED = ["gov-mfa", "gov-kostanai-akimat", "akorda-kk", "akorda-ru", "akorda-en", "primeminister-ru",
          "kazinform-ru", "kazinform-kk", "kazinform-qq", "kazinform-en", "kt-ru", "baq-kk", "baq-ru"]


def _same_moment(stored: str, moment: dt.datetime) -> bool:
    """The time the page gave.  A time printed without a zone is read in Astana's zone only for
    a Kazakh (.kz) address: on 127.0.0.1 it stays the wall-clock time the page printed."""
    when = dt.datetime.fromisoformat(stored)
    return when == moment if when.tzinfo else when == moment.replace(tzinfo=None)


@pytest.fixture(scope="module")
def servers():
    assert Path(CHROMIUM).exists(), "Debian's chromium is required (tests/setup-system.sh installs it)"
    with real_shapes_web() as web:
        yield web


@pytest.fixture(scope="module")
def crawled(servers, tmp_path_factory):
    folder = tmp_path_factory.mktemp("real")
    settings, specs = rebased_sources(servers, SERVED)
    store = Store(folder / "news.db")
    crawler = Crawler(store, settings)
    crawler.add_sources(specs)
    report = crawler.run_pass()
    return store, crawler, report, folder


def test_every_source_of_the_example_file_gives_exact_articles(servers, crawled):
    store, crawler, report, _ = crawled
    records = {r["source_url"]: r for r in export_records(store)}
    assert len(records) == len(ALL)
    for release in ALL:
        record = records[servers[release.site].base + release.path]
        assert record["title"] == release.title, release.path
        assert record["published"] == release.when[:10], release.path
        assert _same_moment(record["published_at"], release.moment), (release.path, record["published_at"])
        assert record["lang"] == release.lang, release.path
        assert record["outlet"] == release.outlet, release.path
        assert record["body"].split("\n\n") == release.body, release.path
    assert report.errors == 0
    assert {row["name"] for row in crawler.state.health() if row["last_error"]} == set()


def test_govkz_feed_items_with_the_whole_text_need_no_page_and_shells_are_rendered(servers, crawled):
    store, _, _, folder = crawled
    asked = [r.path for r in servers["govkz"].log]
    whole = next(iter(SHORT))
    assert whole not in asked  # its description was the release
    short = [r.path for r in GOVKZ if r.path not in SHORT]
    assert all(asked.count(path) == 1 for path in short)
    # every script and data request of the browser went through the crawler's fetcher
    data = [r for r in servers["govkz"].log if r.path.startswith("/static/")]
    assert len([r for r in data if r.path.endswith(".json")]) == len(short)
    assert len([r for r in data if r.path.endswith("app.js")]) == 1  # one fetch of the script per pass
    assert {r.headers.get("user-agent") for r in servers["govkz"].log} == {"janalyq/0.1.0 (+https://github.com/janalyq/janalyq)"}
    # the archive holds the rendered document, not the shell
    archived = {r.url: r for path in (folder / "news.db.warc").glob("*.warc.gz")
                for r in iter_archived(path) if not isinstance(r, str)}
    for release in GOVKZ:
        if release.path in SHORT:
            continue
        record = archived[servers["govkz"].base + release.path]
        assert record.header("X-Janalyq-Rendered") == "chromium"
        assert release.body[0] in record.body.decode("utf-8")


def test_a_release_takes_the_language_of_its_own_link():
    from janalyq.crawl.config import SourceSpec
    from janalyq.crawl.discover import ROLE_LISTING, discover

    spec = SourceSpec.from_dict({"name": "mfa", "kind": "govkz", "entity": "mfa", "url": "https://www.gov.kz"})
    page = ('<html><body><a href="/memleket/entities/mfa/press/news/details/1?lang=en">A</a>'
            '<a href="/memleket/entities/mfa/press/news/details/2">B</a>'
            '<a href="/memleket/entities/mfa/press/news/details/3?lang=qq">C</a></body></html>')
    url = "https://www.gov.kz/memleket/entities/mfa/press/news?lang=kk"
    found = discover(ROLE_LISTING, spec, url, page.encode(), page, 0, {"lang": "kk"})
    got = {link.url.rsplit("/", 1)[1]: link.hints["lang"] for link in found.links}
    assert got == {"1?lang=en": "en", "2?lang=kk": "kk", "3?lang=qq": "qq"}
