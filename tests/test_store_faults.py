"""Issue 13, points 9 to 11, through the command line: two importers on one store, a store
kept busy past the wait, a read-only store, a full disk."""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from janalyq.store import Store
from tests.robust_text import article_text

FAST = {"JANALYQ_EMBEDDINGS": "0"}


def cli(*args, env=None, timeout=300):
    return subprocess.run([sys.executable, "-m", "janalyq", *args], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **FAST, **(env or {})})


def start_cli(*args, env=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "janalyq", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **FAST, **(env or {})})


def write_records(folder: Path, prefix: str, files: int, per_file: int, seed: int) -> set[str]:
    """JSON Lines files of distinct articles; returns their URLs."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    urls = set()
    for f in range(files):
        lines = []
        for n in range(per_file):
            lang = rng.choice(["kk", "ru", "en"])
            title, body = article_text(rng, lang)
            url = f"https://{prefix}.example.kz/news/{f}-{n}"
            urls.add(url)
            lines.append(json.dumps({"url": url, "title": title, "body": body, "published": "2026-03-05",
                                     "lang": lang}, ensure_ascii=False))
        (folder / f"{prefix}_{f:03d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return urls


def sighting_counts(db: Path) -> dict[str, int]:
    store = Store(db)
    rows = store.rows("SELECT url, count(*) FROM sightings GROUP BY url")
    articles = store.scalar("SELECT count(*) FROM articles")
    store.close()
    counts = {row[0]: row[1] for row in rows}
    assert articles == len(counts)
    return counts


def test_two_importers_on_one_store_both_finish_with_every_article_once(tmp_path):
    own_a = write_records(tmp_path / "a", "alpha", 300, 15, 1)
    own_b = write_records(tmp_path / "b", "beta", 60, 15, 2)
    shared = write_records(tmp_path / "shared", "gamma", 10, 12, 3)  # imported by both
    db = tmp_path / "news.db"
    Store(db).close()
    # Small batches: many transactions, so the two writers meet often.
    first = start_cli("import", str(tmp_path / "shared"), str(tmp_path / "a"), "--db", str(db), "-q",
                      "--batch-size", "20")
    # The second starts once the first is storing, batch after batch (4,500 articles: seconds
    # of work left).  Every write of the second must then take its turn: one written bare had
    # waited in SQLite's busy handler until the first had finished.
    def first_is_storing() -> bool:
        with closing(sqlite3.connect(db)) as reader:
            return reader.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None

    deadline = time.monotonic() + 120
    while not first_is_storing() and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    second = start_cli("import", str(tmp_path / "shared"), str(tmp_path / "b"), "--db", str(db), "-q",
                       "--batch-size", "20")
    results = [p.communicate(timeout=600) for p in (first, second)]
    for process, (_, err) in zip((first, second), results):
        assert process.returncode == 0, err
        assert "Traceback" not in err and "locked" not in err
    counts = sighting_counts(db)
    assert set(counts) == own_a | own_b | shared
    assert set(counts.values()) == {1}
    store = Store(db)
    runs = store.rows("SELECT started_at, finished_at, status FROM runs ORDER BY id")
    order = [row[0].split("//")[1].split(".")[0] for row in store.rows("SELECT url FROM articles ORDER BY rid")]
    store.close()
    assert [r["status"] for r in runs] == ["done", "done"]
    # They took turns: the second's articles were stored while the first still had many to
    # store (one writer that waited for the other's whole run leaves fewer than 20 after).
    alpha_after_first_beta = order[order.index("beta"):].count("alpha")
    print("alpha articles stored after the first beta one:", alpha_after_first_beta)
    assert alpha_after_first_beta >= 500, alpha_after_first_beta


def test_a_writer_kept_waiting_too_long_gives_up_with_one_line(tmp_path):
    write_records(tmp_path / "in", "delta", 1, 3, 4)
    db = tmp_path / "news.db"
    Store(db).close()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program keeps the store's write lock
    try:
        result = cli("import", str(tmp_path / "in"), "--db", str(db), "-q", env={"JANALYQ_BUSY_TIMEOUT": "2"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr
    (line,) = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert f"{db}: another writer kept the store longer than the wait allowed" in line
    assert "JANALYQ_BUSY_TIMEOUT" in line


@contextmanager
def read_only(*paths: Path):
    """Make files and folders read-only the way the user meets it.  Tests may run as root, whom
    permission bits do not stop, so as root the immutable attribute is used (it stops root as a
    read-only mount would); otherwise the permission bits."""
    root = os.geteuid() == 0
    if root and shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a file read-only")
    done = []
    try:
        for path in paths:
            if root:
                if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
                    pytest.skip("this file system does not support the immutable attribute")
            else:
                path.chmod(0o555 if path.is_dir() else 0o444)
            done.append(path)
        yield
    finally:
        for path in reversed(done):
            if root:
                subprocess.run(["chattr", "-i", str(path)], check=True)
            else:
                path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.fixture
def filled_store(tmp_path) -> Path:
    write_records(tmp_path / "in", "eps", 2, 5, 5)
    folder = tmp_path / "store"
    folder.mkdir()
    db = folder / "news.db"
    assert cli("import", str(tmp_path / "in"), "--db", str(db), "-q").returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == ["news.db"]  # closed cleanly: no WAL files
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, deadline: float) -> dict:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.loads(response.read())
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_read_only_store_serves_exports_and_reports(tmp_path, filled_store):
    db = filled_store
    with read_only(db, db.parent):  # a read-only disk: neither the file nor its folder
        stats = cli("stats", "--db", str(db))
        assert stats.returncode == 0, stats.stderr
        assert "10 articles" in stats.stdout
        export = cli("export", "--db", str(db))
        assert export.returncode == 0, export.stderr
        assert len(export.stdout.splitlines()) == 10
        port = _free_port()
        server = start_cli("serve", "--db", str(db), "--port", str(port))
        try:
            page = _get(f"http://127.0.0.1:{port}/api/v1/articles?limit=100", time.monotonic() + 60)
            assert len(page["items"]) == 10
        finally:
            server.terminate()
            server.communicate(timeout=30)
        imported = cli("import", str(tmp_path / "in"), "--db", str(db), "-q")
        assert imported.returncode == 3, imported.stderr
        assert "Traceback" not in imported.stderr
        (line,) = [x for x in imported.stderr.splitlines() if x.startswith("error:")]
        assert str(db) in line and "not writable" in line


def test_import_into_a_read_only_file_says_so(tmp_path, filled_store):
    db = filled_store
    with read_only(db):  # the file only: its folder stays writable
        imported = cli("import", str(tmp_path / "in"), "--db", str(db), "-q")
    assert imported.returncode == 3, imported.stderr
    assert "Traceback" not in imported.stderr
    (line,) = [x for x in imported.stderr.splitlines() if x.startswith("error:")]
    assert f"{db}: the store is read-only" in line and "make it writable" in line


def _can_mount_tmpfs() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt || exit 1"],
                           capture_output=True)
    return probe.returncode == 0


FULL_DISK_SCRIPT = """
set -u
mount -t tmpfs -o size=$SIZE tmpfs "$DIR" || exit 90
"$PY" -m janalyq import "$IN" --db "$DIR/news.db" -q --batch-size 25 2>"$OUT/import.err"
echo $? > "$OUT/import.rc"
"$PY" -m janalyq stats --db "$DIR/news.db" > "$OUT/stats.out" 2>&1
echo $? > "$OUT/stats.rc"
"$PY" -c "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]);
print(db.execute('PRAGMA integrity_check').fetchone()[0]);
print(db.execute('SELECT count(*) FROM articles').fetchone()[0]);
print(db.execute('SELECT count(*) FROM sightings').fetchone()[0])" "$DIR/news.db" > "$OUT/check.out" 2>&1
"""


@pytest.mark.skipif(not _can_mount_tmpfs(), reason="no user namespace to mount a small tmpfs in")
def test_full_disk_gives_one_line_and_a_consistent_store(tmp_path):
    """A real full disk: a 1.5 MB tmpfs in a user and mount namespace of its own (no root needed,
    nothing mounted outside the test's process tree), filled by an import far larger."""
    write_records(tmp_path / "in", "zeta", 20, 40, 6)
    disk = tmp_path / "disk"
    disk.mkdir()
    env = {**os.environ, **FAST, "SIZE": "1500k", "DIR": str(disk), "IN": str(tmp_path / "in"),
           "OUT": str(tmp_path), "PY": sys.executable}
    run = subprocess.run(["unshare", "-rm", "sh", "-c", FULL_DISK_SCRIPT], env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    err = (tmp_path / "import.err").read_text()
    assert (tmp_path / "import.rc").read_text().strip() == "4", err
    assert "Traceback" not in err
    (line,) = [x for x in err.splitlines() if x.startswith("error:")]
    assert f"{disk}/news.db: the disk is full" in line and "free some space" in line
    assert (tmp_path / "stats.rc").read_text().strip() == "0", (tmp_path / "stats.out").read_text()
    integrity, articles, sightings = (tmp_path / "check.out").read_text().split()
    assert integrity == "ok"
    assert 0 < int(articles) <= int(sightings) < 800  # the batches committed before the disk filled
