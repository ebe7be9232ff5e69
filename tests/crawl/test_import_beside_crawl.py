"""Issue 13, point 9: an import during a crawl, on one store, finishes while the crawl goes on,
and both store every article once.  (Before, the crawler held one write transaction for 25
responses, and the import ended after 10 s with "database is locked".)"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

from fixture_web import ALL_PAGES, make_site, sources_toml

from janalyq.store import open_store

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from tests.robust_text import article_text  # noqa: E402

ARTICLE_PATHS = {p.path.split("?")[0] for p in ALL_PAGES}


def _records(path: Path, count: int) -> set[str]:
    rng = random.Random(9)
    lines, urls = [], set()
    for n in range(count):
        title, body = article_text(rng, "ru")
        url = f"https://import.example.kz/news/{n}"
        urls.add(url)
        lines.append(json.dumps({"url": url, "title": title, "body": body, "published": "2026-03-02"},
                                ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return urls


def test_import_beside_a_crawl_finishes_and_both_store_everything_once(tmp_path, db_url):
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "250", "JANALYQ_EMBEDDINGS": "0"}
    imported = _records(tmp_path / "records.jsonl", 60)
    with make_site(delay=0.8) as site:  # about 14 s of article pages, one at a time
        extra = "concurrency_per_host = 1\nrate_per_host = 0\n"
        toml = sources_toml(site.base).replace("concurrency_per_host = 4\n", "").replace("rate_per_host = 50\n", "")
        (tmp_path / "sources.toml").write_text(toml.replace("[crawl]\n", "[crawl]\n" + extra), encoding="utf-8")
        crawl = subprocess.Popen([sys.executable, "-m", "janalyq", "crawl", "--once", "--db", db_url],
                                 cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while (sum(r.path.split("?")[0] in ARTICLE_PATHS for r in site.log) < 2
               and time.monotonic() < deadline and crawl.poll() is None):
            time.sleep(0.05)
        assert crawl.poll() is None, "the crawl ended before the import began"
        result = subprocess.run([sys.executable, "-m", "janalyq", "import", "records.jsonl", "--db", db_url,
                                 "-q", "--batch-size", "10"], cwd=tmp_path, env=env, capture_output=True,
                                text=True, timeout=300)
        crawl_still_running = crawl.poll() is None
        _, crawl_err = crawl.communicate(timeout=300)
    assert result.returncode == 0, result.stderr
    assert crawl.returncode == 0, crawl_err
    assert crawl_still_running, "the import had to wait for the whole crawl"
    store = open_store(db_url)
    urls = [row[0] for row in store.rows("SELECT url FROM sightings")]
    crawled = {row[0].replace(site.base, "") for row in store.rows("SELECT source_url FROM articles")
               if row[0] and row[0].startswith(site.base)}
    store.close()
    assert len(urls) == len(set(urls))
    assert imported <= set(urls)
    assert crawled == {p.path for p in ALL_PAGES}
