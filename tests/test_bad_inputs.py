"""Bad input: one clear line naming the file and the reason; the run goes on; nothing is lost."""

from __future__ import annotations

import gzip
import subprocess
import sys

import pytest

from janalyq.pipeline import import_paths
from janalyq.store import open_store

GOOD_PAGE = (
    "Жаңалықтар\nҚосымша\n"
    "Ауыл мектептеріне жаңа жабдық берілді 12.03.2026\n"
    "Білім министрлігінің мәліметінше, биыл 140 ауыл мектебі жаңа зертханалық жабдық алды. "
    "Жабдықтың жалпы құны 3,2 млрд теңге.Ақпарат көзі : https://www.gov.kz/memleket/entities/edu/press/news/details/501?lang=kk\n"
)


def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "janalyq", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.fixture
def bad_folder(tmp_path):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_PAGE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "oneline.txt").write_bytes(b"x" * (50 * 1024 * 1024))
    (folder / "truncated.txt.gz").write_bytes(gzip.compress(GOOD_PAGE.encode() * 50)[:-40])
    (folder / "broken-link.txt").symlink_to(folder / "does-not-exist.txt")
    # Valid UTF-8 with a cut multi-byte letter in the middle: repaired, not rejected.
    other = ("Жаңалықтар\nЖол жөндеу басталды 13.03.2026\nҚарағанды облысында биыл 420 шақырым жергілікті "
             "жол жөнделеді, жұмысқа 18 мердігер тартылды.Ақпарат көзі : "
             "https://www.gov.kz/memleket/entities/karaganda/press/news/details/502?lang=kk\n")
    raw = other.encode()
    cut = raw.index("шақырым".encode())
    (folder / "badbytes.txt").write_bytes(raw[:cut + 1] + raw[cut + 2:])
    return folder


EXPECTED_REASONS = {
    "empty.txt": "empty file",
    "binary.txt": "binary data",
    "oneline.txt": "single line of 52,428,800 characters",
    "truncated.txt.gz": "truncated .gz",
    "broken-link.txt": "cannot read",
}


def test_cli_names_each_bad_file_and_goes_on(db_url, bad_folder):
    db = db_url
    result = run_cli("import", str(bad_folder), "--db", str(db), "--quiet")
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("rejected")]
    assert len(lines) == len(EXPECTED_REASONS), result.stderr
    for name, reason in EXPECTED_REASONS.items():
        (line,) = [line for line in lines if name in line]
        assert reason in line, line
    assert "badbytes.txt" in result.stderr and "invalid UTF-8" in result.stderr
    store = open_store(db)
    assert store.scalar("SELECT count(*) FROM articles") == 2
    assert store.scalar("SELECT count(*) FROM rejects") == len(EXPECTED_REASONS)
    store.close()
    stats = run_cli("stats", "--db", str(db))
    assert stats.returncode == 0
    assert "truncated .gz" in stats.stdout


def test_rejects_do_not_lose_what_was_stored(bad_folder, seeds_dir, store):
    import_paths([str(seeds_dir)], store)
    report = import_paths([str(bad_folder)], store)
    assert len(report.rejects) == len(EXPECTED_REASONS)
    assert report.stored_new == 2
    assert store.scalar("SELECT count(*) FROM articles") == 53
    # Each reject is kept once per input and reason; importing the bad folder again counts it again.
    import_paths([str(bad_folder)], store)
    assert store.scalar("SELECT count(*) FROM rejects") == len(EXPECTED_REASONS)
    assert store.scalar("SELECT min(times) FROM rejects") == store.scalar("SELECT max(times) FROM rejects") == 2


def test_clean_run_exits_zero(db_url, seeds_dir):
    result = run_cli("import", str(seeds_dir), "--db", db_url, "--quiet")
    assert result.returncode == 0, result.stderr
    for stage in ("read", "clean", "date", "language", "dedup", "store"):
        assert stage in result.stderr
    assert "51 new, 10 copies merged" in " ".join(result.stderr.split())


def test_malformed_items_inside_a_good_file(tmp_path, store):
    page = ("Tourism\n"
            "- 14.02.2026\nNoneSource : https://www.gov.kz/memleket/entities/edu/press/news/details/9\n"
            "A real headline about school buses 31.02.2026\nThe akimat bought 40 school buses for rural districts.\n")
    (tmp_path / "p.txt").write_text(page, encoding="utf-8")
    report = import_paths([str(tmp_path / "p.txt")], store)
    assert report.stages["clean"].dropped["no_title_no_body"] == 1
    assert report.stages["date"].repaired["date_unknown"] == 1
    (row,) = store.rows("SELECT published, flags FROM articles")
    assert row["published"] is None and "date_unknown" in row["flags"]
