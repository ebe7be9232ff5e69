"""The crawler's small parts: config checks, URLs, SSRF ranges, Retry-After, backoff, decoding."""

from __future__ import annotations

import gzip
import re
import random
from pathlib import Path

import pytest

from janalyq.crawl.config import ConfigError, SourceSpec, load_config
from janalyq.crawl.fetch import BodyDecoder, CorruptBody, TooLarge, parse_retry_after
from janalyq.crawl.guard import refusal_reason
from janalyq.crawl.politeness import RetryBudget, backoff_delay
from janalyq.crawl.urls import canonical_url

REPO = Path(__file__).resolve().parents[2]


def test_the_example_sources_file_loads_with_real_govkz_entities():
    config = load_config(REPO / "sources.example.toml")
    entities = {s.entity for s in config.sources if s.kind == "govkz"}
    assert {"edu", "sci", "mfa", "enbek"} <= entities
    assert all(s.outlet == s.entity for s in config.sources if s.kind == "govkz")
    assert config.settings.agent().startswith("janalyq/") and "+https://" in config.settings.agent()


@pytest.mark.parametrize("data, message", [
    ({"name": "x", "kind": "ftp", "url": "https://a.kz"}, "kind 'ftp'"),
    ({"name": "x", "kind": "rss", "url": "a.kz/rss"}, "http(s) URL"),
    ({"name": "x", "kind": "govkz"}, "entity"),
    ({"name": "x", "kind": "listing", "url": "https://a.kz"}, "link_pattern, link_selector or card_selector"),
    ({"name": "x", "kind": "rss", "url": "https://a.kz", "lang": "de"}, "language 'de'"),
    ({"name": "x", "kind": "rss", "url": "https://a.kz", "colour": "red"}, "unknown key"),
    ({"name": "x", "kind": "rss", "url": "https://a.kz", "link_pattern": "("}, "regular expression"),
])
def test_bad_sources_are_refused_with_the_reason(data, message):
    with pytest.raises(ConfigError, match=re.escape(message)):
        SourceSpec.from_dict(data)


def test_canonical_urls():
    assert canonical_url("https://www.gov.kz/memleket/entities/edu/press/news/details/1?lang=kk&utm_source=x#top") \
        == "https://www.gov.kz/memleket/entities/edu/press/news/details/1?lang=kk"
    assert canonical_url("../b/./c.html?b=2&a=1", "HTTP://Example.KZ:80/x/y/") == "http://example.kz/x/b/c.html?a=1&b=2"
    assert canonical_url("mailto:press@gov.kz") is None and canonical_url("javascript:void(0)") is None


@pytest.mark.parametrize("address, loopback, private, refused", [
    ("127.0.0.1", False, False, "loopback"), ("127.0.0.1", True, False, None), ("::1", False, False, "loopback"),
    ("10.1.2.3", False, False, "private"), ("192.168.1.1", True, False, "private"), ("192.168.1.1", False, True, None),
    ("169.254.169.254", False, False, "link-local"), ("0.0.0.0", True, True, "not a unicast"),
    ("::ffff:10.0.0.1", False, False, "private"), ("95.56.230.1", False, False, None),
])
def test_ssrf_ranges(address, loopback, private, refused):
    reason = refusal_reason(address, loopback, private)
    assert (reason is None) if refused is None else (refused in reason)


def test_retry_after_backoff_and_budget():
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT", now=1792567670.0) == pytest.approx(10.0)
    assert parse_retry_after("soon") is None
    rng = random.Random(1)
    delays = [backoff_delay(n, 1.0, 60.0, None, rng) for n in range(10)]
    assert all(0 <= d <= min(60.0, 2 ** n) for n, d in enumerate(delays))
    assert backoff_delay(0, 1.0, 60.0, 30.0, rng) == 30.0
    budget = RetryBudget(0.2, 2)
    for _ in range(10):
        budget.first_attempt("h")
    assert [budget.try_spend("h") for _ in range(5)] == [True, True, True, True, False]


def test_body_decoder_limits_and_truncation():
    page = "Сәлем".encode() * 1000
    whole = gzip.compress(page)
    decoder = BodyDecoder("gzip", 10**6)
    decoder.feed(whole)
    assert decoder.finish() == page
    cut = BodyDecoder("gzip", 10**6)
    cut.feed(whole[: len(whole) // 2])
    with pytest.raises(CorruptBody, match="truncated"):
        cut.finish()
    bomb = BodyDecoder("gzip", 1000)
    with pytest.raises(TooLarge):
        bomb.feed(gzip.compress(b"0" * 10**6))


def test_a_govkz_source_may_crawl_the_latin_kazakh_edition():
    from janalyq.crawl.discover import seeds
    from janalyq.language import language_code

    spec = SourceSpec.from_dict({"name": "edu", "kind": "govkz", "entity": "edu", "languages": ["kk", "qq"]})
    assert [link.url.rsplit("/", 1)[1] for link in seeds(spec)] == ["kk", "qq"]
    assert seeds(spec)[1].url == "https://www.gov.kz/api/v1/public/rss/edu/news/qq"
    assert language_code("qq") == "kk"  # its articles are Kazakh
    with pytest.raises(ConfigError, match="not one of kk, ru, en, qq"):
        SourceSpec.from_dict({"name": "x", "kind": "govkz", "entity": "edu", "languages": ["de"]})
