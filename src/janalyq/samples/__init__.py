"""The bundled demo news (invented, written for janalyq) in raw shapes: a small static site and
page-text dumps.  See build.py for the layout; `janalyq demo` imports it with the real pipeline.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path


def sample_root() -> Path:
    """The folder of the bundled samples (a real folder: the package is installed unzipped)."""
    return Path(str(resources.files("janalyq.samples")))


def site_root() -> Path:
    """The static site: serve this folder to crawl it (index.html at its top)."""
    return sample_root() / "site"


def import_paths() -> list[Path]:
    """What `janalyq demo` imports: the page dumps and the HTML article pages (not the listing
    pages, which hold only links)."""
    root = sample_root()
    return [root / "dumps", root / "site" / "articles"]


def manifest() -> list[dict]:
    """Every sample article: lang, key, date, outlet, title, source_url, site_path."""
    return json.loads((sample_root() / "manifest.json").read_text(encoding="utf-8"))
