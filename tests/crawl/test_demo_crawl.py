"""Done-when 4: `janalyq demo` fills its database by crawling the bundled sample site on loopback."""

from __future__ import annotations

from janalyq import samples
from janalyq.store import open_store
from janalyq.web.demo import fill_demo_db


def test_demo_database_is_filled_by_crawling_the_sample_site(tmp_path, db_url):
    fill_demo_db(db_url, warc_dir=tmp_path / "demo.warc")
    store = open_store(db_url)
    expected = {m["site_path"] for m in samples.manifest()}
    crawled = {row[0].split("/", 3)[3] for row in store.rows(
        "SELECT url FROM frontier WHERE role = 'article' AND outcome = 'new'")}
    assert crawled == expected  # every sample article came in through the crawler, once
    assert all(row[0].startswith("http://127.0.0.1:") for row in store.rows("SELECT url FROM fetch_log"))
    assert store.scalar("SELECT count(*) FROM articles") == len(expected)
    assert list((tmp_path / "demo.warc").glob("*.warc.gz"))
    langs = {row[0] for row in store.rows("SELECT DISTINCT lang FROM articles")}
    assert langs == {"kk", "ru", "en"}
