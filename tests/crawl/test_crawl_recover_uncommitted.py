"""The crawler now commits before every wait for the network (issue 13, point 9), so a kill -9
rarely finds responses archived but not committed.  When it does (the process dies between
the WARC write and the store's commit), the next pass reads them back from the WARC file and
asks for none of them again.  Simulated here in one process: the store's commit fails once
several responses have been archived, the way a killed process never commits."""

from __future__ import annotations

import pytest
from fixture_web import ALL_PAGES, sources_toml

from janalyq.crawl import session as crawl_session
from janalyq.crawl.archive import iter_archived
from janalyq.crawl.config import load_config
from janalyq.crawl.engine import Crawler
from janalyq.store import open_store

ARTICLE_PATHS = {p.path.split("?")[0] for p in ALL_PAGES}


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it is committed."""


def test_responses_archived_but_not_committed_are_read_back_not_refetched(site, tmp_path, db_url, monkeypatch):
    (tmp_path / "s.toml").write_text(sources_toml(site.base), encoding="utf-8")
    config = load_config(tmp_path / "s.toml")
    warc = tmp_path / "x.warc"
    store = open_store(db_url)
    crawler = Crawler(store, config.settings, warc)
    crawler.add_sources(config.sources)
    real_commit = crawl_session.PipelineSession.commit

    def commit_until_killed(self):
        fetched = [r for r in site.log if r.path.split("?")[0] in ARTICLE_PATHS]
        if len(fetched) >= 5:
            raise Killed()
        real_commit(self)

    monkeypatch.setattr(crawl_session.PipelineSession, "commit", commit_until_killed)
    with pytest.raises(Killed):
        crawler.run_pass()
    monkeypatch.setattr(crawl_session.PipelineSession, "commit", real_commit)
    store.close()
    first_run = len(site.log)
    received = {r.url.replace(site.base, "").split("?")[0]
                for path in warc.glob("*.warc.gz")
                for r in iter_archived(path) if not isinstance(r, str)} & ARTICLE_PATHS
    assert received

    store = open_store(db_url)
    again = Crawler(store, config.settings, warc).run_pass()
    second = [r.path.split("?")[0] for r in site.log[first_run:] if r.path.split("?")[0] in ARTICLE_PATHS]
    assert again.resumed and again.recovered >= 1
    assert not set(second) & received, "a response archived before the kill was fetched again"
    assert store.scalar("SELECT count(*) FROM articles") == len(ALL_PAGES)
    store.close()
