"""Fixtures of the crawler tests: the fixture web and the fault server, on 127.0.0.1."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fixture_web import make_site  # noqa: E402


@pytest.fixture
def site():
    with make_site() as server:
        yield server
