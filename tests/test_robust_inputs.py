"""Issue 13, points 1, 2, 4 and 5: wrongly typed records, FIFOs, .gz bombs and minified feeds,
met through the command line as a user meets them."""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from janalyq.store import Store, open_store
from tests.robust_text import article_text

GOOD_PAGE = (
    "Жаңалықтар\n"
    "Ауыл мектебіне жаңа спорт залы салынды 12.03.2026\n"
    "Ақтөбе облысындағы Қарабұтақ ауылында 320 орындық спорт залы пайдалануға берілді. "
    "Құрылысқа 410 миллион теңге жұмсалды.Ақпарат көзі : https://www.gov.kz/memleket/entities/aktobe/press/news/details/7701?lang=kk\n"
)


def run_cli(*args, timeout=300, env=None):
    return subprocess.run([sys.executable, "-m", "janalyq", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})})


def rejected_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("rejected ")]


def good_record(rng: random.Random, n: int, lang: str = "ru") -> dict:
    title, body = article_text(rng, lang)
    return {"url": f"https://example.kz/news/{n}", "title": title, "body": "\n\n".join(body),
            "published": "2026-03-1" + str(n % 10), "lang": lang}


# The reproductions of the issue: one wrong type each, in one file with good records.
WRONG_TYPES = [
    ({"source_url": 5}, "source_url must be text, got a number (5)"),
    ({"source_url": ["https://a.kz/1"]}, "source_url must be text, got a list"),
    ({"url": 5}, "url must be text, got a number (5)"),
    ({"outlet": 99}, "outlet must be text, got a number (99)"),
    ({"outlet": {"a": 1}}, "outlet must be text, got an object"),
    ({"section": ["news"]}, "section must be text, got a list"),
    ({"title": ["a", "b"]}, "title must be text, got a list"),
    ({"body": {"text": "x"}}, "body must be text or a list of paragraphs, got an object"),
    ({"body": ["Абзац.", 7]}, "body[1] must be text, got a number (7)"),
    ({"published": 20260312}, "published must be text, got a number (20260312)"),
    ({"lang": True}, "lang must be text, got a boolean (true)"),
]


def test_wrongly_typed_records_are_named_and_cost_nothing_else(tmp_path, db_url):
    rng = random.Random(13)
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_page.txt").write_text(GOOD_PAGE, encoding="utf-8")
    lines, good_urls = [], []
    for n, (fields, _) in enumerate(WRONG_TYPES):
        record = good_record(rng, 100 + n)
        good = good_record(rng, n)
        good_urls.append(good["url"])
        lines += [json.dumps(good, ensure_ascii=False), json.dumps({**record, **fields}, ensure_ascii=False)]
    (folder / "b_records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = db_url
    result = run_cli("import", str(folder), "--db", str(db), "--quiet")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    rejected = rejected_lines(result.stderr)
    assert len(rejected) == len(WRONG_TYPES), result.stderr
    for number, (line, (_, reason)) in enumerate(zip(rejected, WRONG_TYPES), start=1):
        assert f"b_records.jsonl line {2 * number}: {reason}" in line, line
    store = open_store(db)
    urls = {row[0] for row in store.rows("SELECT url FROM articles")}
    assert set(good_urls) <= urls and len(urls) == len(good_urls) + 1  # and the page's article
    assert store.scalar("SELECT status FROM runs") == "done_with_rejects"
    store.close()


def test_fifo_in_the_input_folder_is_skipped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_page.txt").write_text(GOOD_PAGE, encoding="utf-8")
    os.mkfifo(folder / "b_pipe.txt")
    os.mkfifo(folder / "c_pipe.warc.gz")  # the web archive reader opens its files itself
    db = tmp_path / "x.db"
    result = run_cli("import", str(folder), "--db", str(db), "--quiet", timeout=120)
    assert result.returncode == 1, result.stderr
    rejected = rejected_lines(result.stderr)
    assert len(rejected) == 2
    assert all("not a regular file (a FIFO): skipped" in line for line in rejected), rejected
    store = Store(db)
    assert store.scalar("SELECT count(*) FROM articles") == 1
    store.close()


def _bomb(path: Path, megabytes: int) -> None:
    """A .gz of `megabytes` of zeros, written without ever holding them."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    with path.open("wb") as out:
        for _ in range(megabytes):
            out.write(packer.compress(chunk))
        out.write(packer.flush())


def test_gz_bomb_is_stopped_while_it_streams(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _bomb(folder / "bomb.txt.gz", 2048)  # 2 GB of zeros in about 2 MB
    (folder / "page.txt.gz").write_bytes(gzip.compress(GOOD_PAGE.encode()))
    db = tmp_path / "x.db"
    # A fresh parent process, so that its children's peak memory is the import's alone.
    measure = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]);"
               "print('peak_kb', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr);"
               "sys.exit(r.returncode)")
    result = subprocess.run([sys.executable, "-c", measure, sys.executable, "-m", "janalyq", "import",
                             str(folder), "--db", str(db), "--quiet"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr
    (line,) = rejected_lines(result.stderr)
    assert "bomb.txt.gz: decompressed size over the 200 MB limit" in line
    peak_mb = int(result.stderr.split("peak_kb")[1].split()[0]) / 1024
    # Unbounded, 2 GB would be held; streamed, at most the 200 MB limit on top of the program.
    print("peak MB", peak_mb)
    assert peak_mb < 600, peak_mb
    store = Store(db)
    assert store.scalar("SELECT count(*) FROM articles") == 1
    store.close()


def _one_line_feed(rng: random.Random, items: int) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Жаңалықтар</title>'
             "<link>https://example.kz/</link><description>Лента</description>"]
    for n in range(items):
        title, body = article_text(rng, "kk", paragraphs=130)
        text = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in body)
        parts.append(f"<item><title>{title}</title><link>https://example.kz/kk/news/{n}</link>"
                     f"<pubDate>Thu, 12 Mar 2026 10:{n % 60:02d}:00 +0500</pubDate><description>{text}</description></item>")
    return "".join(parts) + "</channel></rss>"


def test_minified_feed_on_one_line_is_read(tmp_path):
    feed = _one_line_feed(random.Random(5), 30)
    assert "\n" not in feed and len(feed) > 1_000_000
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "feed.xml").write_text(feed, encoding="utf-8")
    db = tmp_path / "x.db"
    result = run_cli("import", str(folder), "--db", str(db), "--quiet", env={"JANALYQ_EMBEDDINGS": "0"})
    assert result.returncode == 0, result.stderr
    store = Store(db)
    assert store.scalar("SELECT count(*) FROM articles") == 30
    store.close()


def test_a_plain_text_line_of_a_megabyte_is_still_not_a_page(tmp_path):
    (tmp_path / "line.txt").write_text("сөз " * 400_000, encoding="utf-8")
    result = run_cli("import", str(tmp_path / "line.txt"), "--db", str(tmp_path / "x.db"), "--quiet")
    assert result.returncode == 1
    (line,) = rejected_lines(result.stderr)
    assert "a single line of 1,600,000 characters (limit 1,000,000): not a news page" in line


def test_unprintable_and_spoofing_characters_long_titles_and_script_links(tmp_path, db_url):
    """Issue 13, minor points: NUL, control and bidi override characters were stored and shown
    raw, titles had no length cap, and javascript: source links were exported without a flag."""
    long_title = "Облыс әкімі " + " ".join(["аудандағы жаңа мектептердің құрылысын тексерді"] * 20)
    records = [
        {"url": "https://example.kz/a", "title": "Су\x00 құбыры\x07 \u202eіске\u202c қосылды",
         "body": "Ауылда\x1b[31m жаңа су құбыры іске қосылды.\u2066 Оған 50 үй қосылды.", "lang": "kk",
         "section": "Аймақ\x00тар", "source_url": "javascript:alert(document.cookie)"},
        {"url": "https://example.kz/b", "title": long_title, "lang": "kk",
         "body": "Әкім құрылыс жұмыстарының барысымен танысты.", "source_url": "https://www.gov.kz/x/1"},
    ]
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    db = db_url
    result = run_cli("import", str(path), "--db", str(db), "--quiet", env={"JANALYQ_EMBEDDINGS": "0"})
    assert result.returncode == 0, result.stderr
    for reason in ("control_chars_removed", "bidi_override_removed", "title_truncated", "source_url_removed"):
        assert reason in result.stderr  # counted in the clean stage's repairs
    export = run_cli("export", "--db", str(db))
    by_url = {r["url"]: r for r in map(json.loads, export.stdout.splitlines())}
    odd, long = by_url["https://example.kz/a"], by_url["https://example.kz/b"]
    assert odd["title"] == "Су құбыры іске қосылды"
    assert odd["body"] == "Ауылда[31m жаңа су құбыры іске қосылды. Оған 50 үй қосылды."
    assert odd["site_section"] == "Аймақтар"
    assert odd["source_url"] is None and "source_url_removed" in odd["flags"]
    assert len(long["title"]) <= 300 and long["title"].endswith("…") and "title_truncated" in long["flags"]
    assert long_title.startswith(long["title"][:-1])
