"""`janalyq import crawl.warc.gz` re-runs the pipeline on archived responses; feed files read too."""

from __future__ import annotations

from pathlib import Path

from fixture_web import ALL_PAGES, sources_toml

from janalyq.crawl.config import load_config
from janalyq.crawl.engine import Crawler
from janalyq.export import export_records
from janalyq.pipeline import import_paths
from janalyq.store import Store, open_store

FIELDS = ("title", "published", "lang", "outlet", "body", "source_url")


def crawl_into(site, folder: Path, db: str) -> Store:
    """The fixture web crawled into the store `db`, archived in `folder`/crawl.warc."""
    (folder / "s.toml").write_text(sources_toml(site.base), encoding="utf-8")
    config = load_config(folder / "s.toml")
    store = open_store(db)
    crawler = Crawler(store, config.settings, folder / "crawl.warc")
    crawler.add_sources(config.sources)
    crawler.run_pass()
    return store


def test_import_of_the_crawl_warc_gives_the_same_articles_without_fetching(site, tmp_path, db_url, new_db):
    crawled = crawl_into(site, tmp_path, db_url)
    before = len(site.log)
    warcs = sorted((tmp_path / "crawl.warc").glob("*.warc.gz"))
    fresh = open_store(new_db("fresh"))
    report = import_paths([str(p) for p in warcs], fresh)
    assert len(site.log) == before  # nothing fetched
    assert report.stored_new == len(ALL_PAGES) and not report.rejects
    as_crawled = sorted(tuple(r[f] for f in FIELDS) for r in export_records(crawled))
    as_imported = sorted(tuple(r[f] for f in FIELDS) for r in export_records(fresh))
    assert as_imported == as_crawled
    # into the crawl's own store: everything is already there
    again = import_paths([str(tmp_path / "crawl.warc")], crawled)
    assert again.stored_new == 0 and again.already_known == len(ALL_PAGES)
    crawled.close()
    fresh.close()


def test_a_truncated_warc_keeps_the_records_before_the_damage(site, tmp_path, db_url, new_db):
    crawl_into(site, tmp_path, db_url).close()
    warc = sorted((tmp_path / "crawl.warc").glob("*.warc.gz"))[0]
    data = warc.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.6)])
    store = open_store(new_db("cut"))
    report = import_paths([str(cut)], store)
    store.close()
    assert 0 < report.stored_new < len(ALL_PAGES)
    assert len(report.rejects) == 1 and "cut.warc.gz" in report.rejects[0].input
    assert "damaged" in report.rejects[0].reason


def test_feed_files_are_read_as_articles(tmp_path, store):
    feed = tmp_path / "agency.rss"
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Дала</title>'
        "<language>kk</language>"
        "<item><title>Көктемгі егіс басталды</title><link>https://agency.example/kk/1</link>"
        "<pubDate>Tue, 21 Apr 2026 09:30:00 +0500</pubDate>"
        "<description>&lt;p&gt;Ақмола облысында алғашқы егістік алқаптарына дән себілді.&lt;/p&gt;</description></item>"
        "</channel></rss>", encoding="utf-8")
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><title>x", encoding="utf-8")
    report = import_paths([str(feed), str(broken)], store)
    [record] = list(export_records(store))
    assert record["title"] == "Көктемгі егіс басталды" and record["published"] == "2026-04-21"
    assert record["lang"] == "kk" and record["body"].startswith("Ақмола облысында")
    assert [r.input for r in report.rejects] == [str(broken)] or len(report.rejects) == 1
