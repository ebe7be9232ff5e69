"""Crawl settings and source definitions, declared once as data.

A `sources.toml` file has one `[crawl]` table of settings and one `[[source]]` table per source.
The same sources live in the store (table `crawl_sources`), so that `janalyq sources add` and a
file edit lead to the same crawl.  Every setting has a default, a unit and a check here; an
unknown key or a bad value is an error naming the key, never silently ignored.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from janalyq import __version__ as _VERSION

KINDS = ("rss", "atom", "sitemap", "listing", "govkz")
FEED_KINDS = ("rss", "atom")
LANGS = ("kk", "ru", "en")
# A source may also name qq: Kazakh in the Latin script, as gov.kz calls its Latin edition
# (`?lang=qq`); its articles are kk (`language.language_code`), read in any Latin alphabet.
SOURCE_LANGS = (*LANGS, "qq")
DEFAULT_CONTACT = "https://github.com/janalyq/janalyq"


class ConfigError(ValueError):
    """A sources file or a source definition that cannot be used; the message says why."""


@dataclass
class CrawlSettings:
    """Politeness, limits and retries for the whole crawl (one `[crawl]` table)."""

    contact: str = DEFAULT_CONTACT  # shown in the User-Agent, so site operators can reach us
    user_agent: str = ""  # default: "janalyq/<version> (+<contact>)"
    rate_per_host: float = 1.0  # requests per second to one host; 0 = no limit
    concurrency_per_host: int = 2
    concurrency: int = 8  # requests in flight over all hosts
    timeout: float = 30.0  # seconds for one response, connection to last byte
    connect_timeout: float = 10.0
    max_bytes: int = 10 * 2**20  # largest response body kept (after decompression)
    max_redirects: int = 5
    max_retries: int = 3  # per URL and pass, after the first attempt
    retry_budget_ratio: float = 0.2  # retries to one host <= ratio x first attempts + minimum
    retry_budget_min: int = 10
    backoff_base: float = 1.0  # seconds; attempt n waits up to base * 2**n (full jitter)
    backoff_max: float = 60.0
    max_retry_after: float = 120.0  # a longer Retry-After defers the URL to the next pass
    pass_deadline: float = 900.0  # a pass stops waiting for deferred retries after this
    allow_loopback: bool = False  # SSRF guard: 127.0.0.0/8 and ::1
    allow_private: bool = False  # SSRF guard: private and link-local ranges
    obey_robots: bool = True
    warc_dir: str = ""  # default: "<database>.warc" beside the database
    warc_max_bytes: int = 256 * 2**20  # a new WARC file is started past this size
    interval: int = 3600  # default seconds between two passes over one source (janalyq run)
    commit_every: int = 25  # responses per transaction
    browser: str = "/usr/bin/chromium"  # render = true sources: Debian's Chromium, never a downloaded one

    def agent(self) -> str:
        return self.user_agent or f"janalyq/{_VERSION} (+{self.contact})"

    def check(self) -> None:
        positive = ("timeout", "connect_timeout", "max_bytes", "concurrency", "concurrency_per_host",
                    "commit_every", "warc_max_bytes", "interval")
        for name in positive:
            if getattr(self, name) <= 0:
                raise ConfigError(f"[crawl] {name} must be above 0, not {getattr(self, name)!r}")
        for name in ("rate_per_host", "max_redirects", "max_retries", "retry_budget_ratio",
                     "retry_budget_min", "backoff_base", "backoff_max", "max_retry_after", "pass_deadline"):
            if getattr(self, name) < 0:
                raise ConfigError(f"[crawl] {name} must not be negative, not {getattr(self, name)!r}")
        if not re.match(r"^https?://", self.contact):
            raise ConfigError(f"[crawl] contact must be an http(s) URL, not {self.contact!r}")


@dataclass
class SourceSpec:
    """One source: where to start, what kind of page that is, and how to read its articles."""

    name: str
    kind: str
    url: str = ""  # feed, sitemap or listing URL; for govkz the site root (default www.gov.kz)
    lang: str | None = None  # language of its articles when the page does not say
    outlet: str | None = None  # publisher shown on its articles (govkz: the entity slug)
    interval: int | None = None  # seconds between passes; default [crawl] interval
    enabled: bool = True
    # govkz
    entity: str | None = None
    languages: list[str] = field(default_factory=list)
    # listing (and filters for feeds and sitemaps)
    link_pattern: str | None = None  # regular expression an article URL must match
    link_selector: str | None = None  # CSS selector of article links on a listing page
    next_selector: str | None = None  # CSS selector of the "next page" link
    follow_pattern: str | None = None  # regular expression of further listing pages (sections, editions)
    max_depth: int = 3  # listing pages followed from the first one
    max_items: int = 500  # article links taken from one feed or sitemap
    # article pages: optional per-site selectors, tried before the generic extractor
    title_selector: str | None = None
    date_selector: str | None = None
    body_selector: str | None = None
    feed_full_text: bool = False  # feed items carry the whole text: no page fetch
    # listing: one card per article; the card's title and date are kept for its article page
    card_selector: str | None = None
    card_title_selector: str | None = None
    card_date_selector: str | None = None
    render: bool = False  # listing and article pages are read through headless Chromium
    guess: str | None = None  # what in this definition was not checked on the live site

    def check(self) -> None:
        where = f"source {self.name!r}"
        if not self.name or not re.match(r"^[\w.@+-]+$", self.name):
            raise ConfigError(f"source name {self.name!r}: use letters, digits and . _ - + @")
        if self.kind not in KINDS:
            raise ConfigError(f"{where}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.kind == "govkz":
            if not self.entity or not re.match(r"^[\w.-]+$", self.entity):
                raise ConfigError(f"{where}: a govkz source needs entity = \"<slug>\" (edu, mfa, ...)")
            self.url = (self.url or "https://www.gov.kz").rstrip("/")
            self.languages = self.languages or ([self.lang] if self.lang else list(LANGS))
            self.outlet = self.outlet or self.entity
        if not re.match(r"^https?://[^/\s]+", self.url or ""):
            raise ConfigError(f"{where}: url must be an http(s) URL, not {self.url!r}")
        for lang in [self.lang, *self.languages]:
            if lang is not None and lang not in SOURCE_LANGS:
                raise ConfigError(f"{where}: language {lang!r} is not one of {', '.join(SOURCE_LANGS)}")
        for key in ("link_pattern", "follow_pattern"):
            try:
                re.compile(getattr(self, key) or "")
            except re.error as exc:
                raise ConfigError(f"{where}: {key} is not a regular expression: {exc}") from None
        if self.kind == "listing" and not (self.link_pattern or self.link_selector or self.card_selector):
            raise ConfigError(f"{where}: a listing source needs link_pattern, link_selector or card_selector")
        if self.max_depth < 0 or self.max_items <= 0:
            raise ConfigError(f"{where}: max_depth must be >= 0 and max_items > 0")

    def settings_json(self) -> dict:
        """Everything but the columns the store keeps separately."""
        data = asdict(self)
        for column in ("name", "kind", "url", "lang", "interval", "enabled"):
            data.pop(column)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> SourceSpec:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ConfigError(f"source {data.get('name')!r}: unknown key(s) {', '.join(unknown)}")
        if "name" not in data or "kind" not in data:
            raise ConfigError(f"a source needs name and kind: {data!r}")
        spec = cls(**data)
        spec.check()
        return spec


@dataclass
class CrawlConfig:
    settings: CrawlSettings
    sources: list[SourceSpec]


def settings_from_dict(data: dict) -> CrawlSettings:
    known = {f.name for f in fields(CrawlSettings)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"[crawl]: unknown key(s) {', '.join(unknown)}")
    settings = CrawlSettings(**data)
    settings.check()
    return settings


def load_config(path: str | Path) -> CrawlConfig:
    """Read a sources.toml file; raises ConfigError naming the file and the problem."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    try:
        settings = settings_from_dict(data.get("crawl", {}))
        sources = [SourceSpec.from_dict(dict(s)) for s in data.get("source", [])]
    except (ConfigError, TypeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    names = [s.name for s in sources]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise ConfigError(f"{path}: source names used twice: {', '.join(duplicated)}")
    return CrawlConfig(settings, sources)
