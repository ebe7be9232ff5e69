"""`janalyq run`: crawls the sources on their schedule and serves the portal over the same store."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from fixture_web import ALL_PAGES, sources_toml

from janalyq.cli_store import store_exists
from janalyq.store import open_store

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_run_crawls_and_serves_the_portal(site, tmp_path, db_url):
    (tmp_path / "sources.toml").write_text(sources_toml(site.base), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "250"}
    proc = subprocess.Popen([sys.executable, "-m", "janalyq", "run", "--db", db_url, "--port", str(port)],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        stored, portal = 0, None
        while time.monotonic() < deadline and (stored < len(ALL_PAGES) or portal != 200):
            time.sleep(0.5)
            if store_exists(db_url):
                store = open_store(db_url)
                stored = store.scalar("SELECT count(*) FROM articles")
                store.close()
            try:
                portal = httpx.get(f"http://127.0.0.1:{port}/en/", timeout=5).status_code
            except httpx.HTTPError:
                portal = None
        assert stored == len(ALL_PAGES) and portal == 200
        # the sources are now scheduled an hour ahead: the server sees no second pass
        requests = len(site.log)
        time.sleep(2)
        assert len(site.log) == requests
    finally:
        proc.terminate()
        proc.wait(timeout=30)
