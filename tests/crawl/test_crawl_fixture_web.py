"""Done-when 1: the fixture web comes in whole and right; a second pass fetches nothing new."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fixture_web import ALL_PAGES, sources_toml

from janalyq.crawl.config import load_config
from janalyq.crawl.engine import Crawler
from janalyq.export import export_records
from janalyq.store import open_store
from tests.stores import warc_folder

REPO = Path(__file__).resolve().parents[2]


def janalyq(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "250"}
    return subprocess.run([sys.executable, "-m", "janalyq", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_crawl_once_brings_every_article_with_title_date_lang_outlet_and_link(site, tmp_path, db_url):
    (tmp_path / "sources.toml").write_text(sources_toml(site.base), encoding="utf-8")
    done = janalyq("crawl", "--once", "--db", db_url, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    store = open_store(db_url)
    records = {r["source_url"]: r for r in export_records(store)}
    assert len(records) == len(ALL_PAGES)
    for page in ALL_PAGES:
        record = records[site.base + page.path]
        assert record["title"] == page.title
        assert record["published"] == page.date, page.path
        assert record["lang"] == page.lang, page.path
        assert record["outlet"] == page.outlet, page.path
        assert record["body"].split("\n\n") == page.body, page.path
    # the gov.kz entity slug became the outlet of every release, in all three languages
    assert {r["lang"] for r in records.values() if r["outlet"] == "edu"} == {"kk", "ru", "en"}
    store.close()
    # WARC files were written beside the database (for PostgreSQL, named after it, in the working folder)
    assert list(warc_folder(db_url, tmp_path).glob("*.warc.gz"))
    health = janalyq("sources", "--db", db_url, cwd=tmp_path)
    assert "steppe-wire-ru" in health.stdout and "never" not in health.stdout


def test_second_pass_fetches_nothing_new_and_sends_conditional_requests(site, tmp_path, store):
    (tmp_path / "s.toml").write_text(sources_toml(site.base), encoding="utf-8")
    config = load_config(tmp_path / "s.toml")
    crawler = Crawler(store, config.settings, tmp_path / "warc")
    crawler.add_sources(config.sources)
    first = crawler.run_pass()
    assert first.new_articles == len(ALL_PAGES) and first.errors == 0
    before = len(site.log)
    second = crawler.run_pass()
    later = site.log[before:]
    assert second.new_articles == 0 and second.errors == 0
    article_paths = {p.path.split("?")[0] for p in ALL_PAGES}
    assert not [r for r in later if r.path.split("?")[0] in article_paths], "an article was fetched twice"
    seeds = [r for r in later if r.path != "/robots.txt"]
    assert len(seeds) == 6  # 3 gov.kz feeds, the agency feed, the akimat listing, the sitemap index
    assert all(r.headers.get("if-none-match") for r in seeds)
    assert all(t.fetched == 0 and t.not_modified >= 1 for t in second.sources.values())
    assert store.scalar("SELECT count(*) FROM articles") == len(ALL_PAGES)


def test_robots_disallow_and_user_agent_with_contact(site, tmp_path, store):
    (tmp_path / "s.toml").write_text(sources_toml(site.base), encoding="utf-8")
    config = load_config(tmp_path / "s.toml")
    crawler = Crawler(store, config.settings, tmp_path / "warc")
    crawler.add_sources(config.sources[:1])
    crawler.run_pass()
    agents = {r.headers.get("user-agent") for r in site.log}
    assert agents == {"janalyq/0.1.0 (+https://janalyq.example/contact)"}
    assert site.log[0].path == "/robots.txt"


def test_ssrf_guard_refuses_loopback_unless_allowed(site, tmp_path, store):
    (tmp_path / "s.toml").write_text(sources_toml(site.base).replace("allow_loopback = true", ""), encoding="utf-8")
    config = load_config(tmp_path / "s.toml")
    crawler = Crawler(store, config.settings, tmp_path / "warc")
    crawler.add_sources(config.sources)
    report = crawler.run_pass()
    assert report.new_articles == 0 and not site.log
    errors = [r["last_error"] for r in crawler.state.health()]
    assert all("SSRF guard" in e and "loopback" in e for e in errors)
