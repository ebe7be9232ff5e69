"""Issue 13, point 12: the worker processes of a parallel import end with it, whatever ends it
(SIGKILL included, which leaves no chance for clean-up)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from janalyq.store import Store
from tests.robust_text import article_text


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _alive(pid: int) -> bool:
    """Running, that is: a zombie has ended and only waits to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            parent = _parent_of(int(entry.name))
            if parent is not None:
                children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_a_killed_import(tmp_path, how):
    rng = random.Random(12)
    folder = tmp_path / "in"
    folder.mkdir()
    for f in range(60):
        lines = []
        for n in range(25):
            title, body = article_text(rng, "kk", paragraphs=4)
            lines.append(json.dumps({"url": f"https://w.example.kz/{f}/{n}", "title": title, "body": body},
                                    ensure_ascii=False))
        (folder / f"part_{f:02d}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    importer = subprocess.Popen([sys.executable, "-m", "janalyq", "import", str(folder), "--db",
                                 str(tmp_path / "x.db"), "-q", "--workers", "2"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    left: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and importer.poll() is None:
            workers = descendants(importer.pid)
            if len(workers) >= 3:  # the fork server and two workers
                break
            time.sleep(0.1)
        assert len(workers) >= 3 and importer.poll() is None, "the import ended before it could be killed"
        time.sleep(1.0)  # let the workers get into their work
        os.kill(importer.pid, how)
        importer.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.2)
        left = [pid for pid in workers if _alive(pid)]
    finally:  # never leave processes behind, even when the test fails
        if importer.poll() is None:
            importer.kill()
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert not left, f"worker processes still running after the import was killed: {left}"
    # The killed run does not stay "running": the next run marks it killed.
    (tmp_path / "one.jsonl").write_text(json.dumps({"url": "https://w.example.kz/one", "title": "Бір жаңалық",
                                                    "body": "Ауылда жаңа су құбыры іске қосылды."},
                                                   ensure_ascii=False) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "janalyq", "import", str(tmp_path / "one.jsonl"), "--db",
                    str(tmp_path / "x.db"), "-q"], check=True, capture_output=True, timeout=300)
    store = Store(tmp_path / "x.db")
    statuses = [row[0] for row in store.rows("SELECT status FROM runs ORDER BY id")]
    store.close()
    assert statuses == ["killed", "done"]
