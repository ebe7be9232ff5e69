"""Paths of the portal's pages, built in one place so templates, JSON and feeds agree."""

from __future__ import annotations

from urllib.parse import quote, urlencode


def _query(params: dict) -> str:
    clean = {k: v for k, v in params.items() if v not in (None, "", False)}
    return ("?" + urlencode(clean)) if clean else ""


def home(ui: str, **params) -> str:
    return f"/{ui}/" + _query(params)


def section(ui: str, slug: str, **params) -> str:
    return f"/{ui}/section/{quote(slug, safe='')}" + _query(params)


def outlet(ui: str, slug: str, **params) -> str:
    return f"/{ui}/outlet/{quote(slug, safe='')}" + _query(params)


def outlets(ui: str) -> str:
    return f"/{ui}/outlets"


def article(ui: str, article_id: str) -> str:
    return f"/{ui}/article/{quote(article_id, safe='')}"


def archive(ui: str, period: str | None = None, **params) -> str:
    return (f"/{ui}/archive/{period}" if period else f"/{ui}/archive") + _query(params)


def search(ui: str, **params) -> str:
    return f"/{ui}/search" + _query(params)


def as_json(path: str) -> str:
    """The JSON twin of a page path: /kk/ -> /kk/index.json, /kk/search?q=x -> /kk/search.json?q=x."""
    base, sep, query = path.partition("?")
    base = base + "index.json" if base.endswith("/") else base + ".json"
    return base + sep + query


def feed(path: str, kind: str) -> str:
    """The feed of a listing page: /kk/section/news -> /kk/section/news/feed.rss."""
    base, sep, query = path.partition("?")
    return base.rstrip("/") + f"/feed.{kind}" + sep + query


def switch_language(path_with_query: str, ui: str) -> str:
    """The same page in another interface language."""
    parts = path_with_query.split("/", 2)
    rest = parts[2] if len(parts) > 2 else ""
    return f"/{ui}/{rest}"


def story(ui: str, story_id: str) -> str:
    return f"/{ui}/story/{quote(story_id, safe='')}"


def topic(ui: str, topic_id: str, **params) -> str:
    return f"/{ui}/topic/{quote(topic_id, safe='')}" + _query(params)


def region(ui: str, region_id: str, **params) -> str:
    return f"/{ui}/region/{quote(region_id, safe='')}" + _query(params)
