"""Issue 13, minor points: guard addresses that slipped through (6to4 forms of private and
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
