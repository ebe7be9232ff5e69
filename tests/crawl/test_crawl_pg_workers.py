"""Issue 16, part 2: two crawl workers over one frontier in PostgreSQL fetch every page once.

`janalyq crawl --once --workers 2` opens the pass and starts two crawl processes; each claims
the URLs it fetches (FOR UPDATE SKIP LOCKED, janalyq.crawl.state), so the fixture web's server
is asked for every page once, and every article is stored once."""

from __future__ import annotations

import collections
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from fixture_web import ALL_PAGES, make_site, sources_toml

from janalyq.crawl.state import CrawlState
from janalyq.store import open_store

REPO = Path(__file__).resolve().parents[2]
ARTICLE_PATHS = {p.path.split("?")[0] for p in ALL_PAGES}


def test_two_crawl_workers_fetch_every_page_once(pg_url, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "250", "JANALYQ_EMBEDDINGS": "0"}
    with make_site(delay=0.3) as site:  # slow article pages: both workers are fetching at once
        (tmp_path / "sources.toml").write_text(sources_toml(site.base), encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "janalyq", "crawl", "--once", "--workers", "2", "--db", pg_url],
                             cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240)
        asked = collections.Counter(entry.path for entry in site.log)
    assert run.returncode == 0, run.stderr
    pages = {path: n for path, n in asked.items() if path != "/robots.txt"}
    assert pages and all(n == 1 for n in pages.values()), {p: n for p, n in pages.items() if n > 1}
    assert {p.split("?")[0] for p in pages} >= ARTICLE_PATHS  # every article page, once
    assert asked["/robots.txt"] <= 2  # one per worker: each keeps its own robots.txt cache
    assert run.stderr.count("Crawl pass 1") == 2  # both workers worked on the one pass

    with psycopg.connect(pg_url, autocommit=True) as conn:
        fetchers = conn.execute("SELECT owner, count(*) FROM frontier GROUP BY owner").fetchall()
        articles = conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
        states = dict(conn.execute("SELECT state, count(*) FROM frontier GROUP BY state").fetchall())
        passes = conn.execute("SELECT status FROM crawl_passes").fetchall()
    assert len([owner for owner, _ in fetchers if owner]) == 2, fetchers  # the work was shared
    assert articles == (len(ARTICLE_PATHS), len(ARTICLE_PATHS))
    assert states == {"done": sum(states.values())}
    assert passes == [("done",)]


def _one_url_claimed(pg_url: str, url: str):
    """Two workers' stores and crawl states over one frontier URL, which the first has claimed:
    the second is refused it while the claim holds."""
    first_store, other_store = open_store(pg_url), open_store(pg_url)
    first_store.db.execute("INSERT INTO frontier(url, source, role, host, discovered_at) VALUES"
                           " (?, 's', 'article', 'a.example.kz', '')", (url,))
    first, other = CrawlState(first_store), CrawlState(other_store)
    now = time.time()
    assert [i.url for i in first.ready_items("a.example.kz", now, 5, set())] == [url]
    assert other.ready_items("a.example.kz", now, 5, set()) == []  # claimed, leased
    return first_store, other_store, first, other, now


def test_an_expired_lease_makes_a_claimed_url_due_again(pg_url):
    """A worker that hangs keeps its URLs `fetching` while its session lives: once their lease
    runs out, another worker takes them; until then nobody does."""
    hung_store, other_store, hung, other, now = _one_url_claimed(pg_url, "https://a.example.kz/1")
    assert other.ready_hosts(now) == []
    assert other.others_fetching(now)
    later = now + 301  # past LEASE_SECONDS, with no renewal
    assert other.ready_hosts(later) == ["a.example.kz"]
    assert [i.url for i in other.ready_items("a.example.kz", later, 5, set())] == ["https://a.example.kz/1"]
    assert other_store.scalar("SELECT owner FROM frontier") == other.owner
    hung_store.close()
    other_store.close()


def test_a_killed_workers_claims_are_due_at_once(pg_url):
    """A worker whose session is gone (killed, its machine lost) holds nothing: its URLs are
    taken again without waiting for the lease."""
    killed_store, other_store, killed, other, now = _one_url_claimed(pg_url, "https://a.example.kz/2")
    killed_store.close()  # what SIGKILL does to its session
    deadline = time.time() + 10  # the server notices a closed session within moments
    while other.others_fetching(now) and time.time() < deadline:
        time.sleep(0.05)
    assert not other.others_fetching(now)
    assert [i.url for i in other.ready_items("a.example.kz", now, 5, set())] == ["https://a.example.kz/2"]
    other_store.close()
