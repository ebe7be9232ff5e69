"""Issue 13, minor points of the crawler: guard addresses that slipped through (6to4 forms of private and
metadata addresses, fec0::/10, 192.0.0.8), and `crawl --once` exiting 0 when every source was
refused.  Through the command line; the guard refuses before any connection is made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ADDRESSES = {
    "sixtofour-metadata": ("[2002:a9fe:a9fe::]", "169.254.169.254 is a link-local address"),
    "sixtofour-private": ("[2002:c0a8:101::]", "192.168.1.1 is a private address"),
    "sixtofour-loopback": ("[2002:7f00:1::]", "127.0.0.1 is a loopback address"),
    "site-local": ("[fec0::1]", "fec0::1 is a site-local address"),
    "dummy": ("192.0.0.8", "192.0.0.8 is not a unicast host address"),
}


def test_every_source_refused_exits_non_zero_naming_each_address(tmp_path):
    toml = ['[crawl]\ncontact = "https://janalyq.example/contact"\ntimeout = 5\nmax_retries = 0\n']
    for name, (host, _) in ADDRESSES.items():
        toml.append(f'[[source]]\nname = "{name}"\nkind = "rss"\nurl = "http://{host}/feed.xml"\nlang = "kk"\n')
    (tmp_path / "sources.toml").write_text("\n".join(toml), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "250"}
    result = subprocess.run([sys.executable, "-m", "janalyq", "crawl", "--once", "--db", "news.db"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name, (_, reason) in ADDRESSES.items():
        assert any(line.startswith(f"{name}:") and "refused by the SSRF guard" in line and reason in line
                   for line in result.stderr.splitlines()), (name, result.stderr)
    assert "error: no source answered in this pass" in result.stderr


FEED = """<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Новости области</title><link>{base}/</link><description>Лента</description>
<item><title>В Талдыкоргане открыли новый каток</title><link>{base}/news/1</link>
<pubDate>Wed, 04 Mar 2026 09:00:00 +0500</pubDate>
<description>Каток на 300 мест открыли в парке у набережной. Вход для школьников бесплатный.</description></item>
</channel></rss>"""


def test_a_feed_served_without_a_charset_is_read(tmp_path, db_url):
    from webserver import FixtureServer, Reply

    holder = {}
    routes = {
        "/feed.xml": lambda q, h: Reply(200, FEED.format(base=holder["base"]).encode("cp1251"),
                                        content_type="application/rss+xml"),  # no charset parameter
        "/news/1": lambda q, h: Reply(200, "<html><body><h1>В Талдыкоргане открыли новый каток</h1><p>Каток на 300"
                                      " мест открыли в парке у набережной. Вход для школьников бесплатный.</p>"
                                      "</body></html>".encode("cp1251"), content_type="text/html"),
    }
    with FixtureServer(routes) as site:
        holder["base"] = site.base
        (tmp_path / "sources.toml").write_text(
            f'[crawl]\ncontact = "https://janalyq.example/contact"\nallow_loopback = true\nrate_per_host = 50\n\n'
            f'[[source]]\nname = "region-feed"\nkind = "rss"\nurl = "{site.base}/feed.xml"\nlang = "ru"\n',
            encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "250"}
        result = subprocess.run([sys.executable, "-m", "janalyq", "crawl", "--once", "--db", db_url],
                                cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "malformed" not in result.stderr, result.stderr
    from tests.stores import connect
    db = connect(db_url)
    assert db.execute("SELECT count(*) FROM fetch_log WHERE outcome = 'malformed'").fetchone()[0] == 0
    titles = [row[0] for row in db.execute("SELECT title FROM articles")]
    db.close()
    assert titles == ["В Талдыкоргане открыли новый каток"]
