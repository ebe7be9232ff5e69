"""Renderers: a page dict becomes HTML (Jinja2, autoescaped), JSON or a feed.

Scraped text is untrusted.  Templates never mark article text safe: titles, bodies, snippets and
names are escaped by Jinja's autoescape, and links taken from articles are kept only when their
scheme is http or https (`safe_url`), so a `javascript:` source link is shown as text.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from janalyq.web import feeds, i18n, urls

_env = Environment(
    loader=PackageLoader("janalyq.web", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def safe_url(url: str | None) -> str | None:
    """The URL if a browser may follow it from our page (http/https, no credentials), else None."""
    if not url or any(ch in url for ch in "\x00\r\n\t"):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or "@" in parts.netloc:
        return None
    return url.strip()


def seen_label(url: str) -> str:
    """Where a copy was seen, readable: a web address as is, a local file by its name and item."""
    if url.startswith("file://"):
        path, _, item = url[len("file://"):].partition("#")
        name = path.rsplit("/", 1)[-1]
        return f"{name} #{item}" if item else name
    return url


_env.globals.update(
    UI_LANGS=i18n.UI_LANGS,
    LANGUAGE_NATIVE_NAMES=i18n.LANGUAGE_NATIVE_NAMES,
    safe_url=safe_url,
    seen_label=seen_label,
    urls=urls,
)


def render_html(template: str, page: dict, status_code: int = 200) -> HTMLResponse:
    ui = page["ui"]
    context = {
        **page,
        "data": page,
        "t": lambda key, **values: i18n.translate(ui, key, **values),
        "date": lambda value: i18n.format_date(ui, value),
        "when": lambda a: i18n.format_moment(ui, a.get("published"), a.get("published_at")),
        "month_name": lambda value: i18n.format_month(ui, value),
        "lang_name": lambda code: i18n.language_name(ui, code),
    }
    html = _env.get_template(template).render(context)
    return HTMLResponse(html, status_code=status_code)


class UTF8JSONResponse(JSONResponse):
    media_type = "application/json"

    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def render_json(page: dict, status_code: int = 200) -> UTF8JSONResponse:
    return UTF8JSONResponse(page, status_code=status_code)


def render_feed(page: dict, kind: str, base_url: str, feed_url: str) -> Response:
    if kind == "atom":
        return Response(feeds.atom(page, base_url, feed_url), media_type="application/atom+xml; charset=utf-8")
    return Response(feeds.rss(page, base_url, feed_url), media_type="application/rss+xml; charset=utf-8")


def template_source(name: str) -> str:
    """A template's text (tests read it to check every interface string it uses exists)."""
    return _env.loader.get_source(_env, name)[0]


def template_names() -> list[str]:
    return _env.list_templates(extensions=["html"])
