"""Renderers: a page dict becomes HTML (Jinja2, autoescaped), JSON or a feed.

Scraped text is untrusted.  Templates never mark article text safe: titles, bodies, snippets and
names are escaped by Jinja's autoescape, and links taken from articles are kept only when their
scheme is http or https (`safe_url`), so a `javascript:` source link is shown as text.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from janalyq.web import i18n, urls
from janalyq.web.middleware import BASE_URL

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


def seen_places(ui: str, seen_in: list[dict]) -> dict:
    """Where an article was seen, for readers: each web page as its site and section (a link),
    and the imported files only counted (their paths mean nothing outside the importing machine)."""
    pages, files = [], 0
    for sighting in seen_in:
        url = safe_url(sighting.get("url"))
        if url is None:
            files += 1
            continue
        host = urlsplit(url).netloc.removeprefix("www.")
        section = sighting.get("site_section")
        pages.append({"url": url, "site": host,
                      "section": i18n.section_name(ui, section) if section else None})
    return {"pages": pages, "files": files}


def nav_topics(ui: str) -> list[dict]:
    from janalyq.topic import OTHER, taxonomy

    return [{"id": t.id, "name": t.names.get(ui) or t.names["en"], "url": urls.topic(ui, t.id)}
            for t in taxonomy() if t.id != OTHER]


def absolute(path: str) -> str:
    return BASE_URL.get().rstrip("/") + path


_env.globals.update(
    UI_LANGS=i18n.UI_LANGS,
    LANGUAGE_NATIVE_NAMES=i18n.LANGUAGE_NATIVE_NAMES,
    safe_url=safe_url,
    seen_label=seen_label,
    absolute=absolute,
    urls=urls,
)


def render_template(template: str, **context) -> str:
    """A template that is not a portal page (the API documentation)."""
    return _env.get_template(template).render(context)


def render_html(template: str, page: dict, status_code: int = 200) -> HTMLResponse:
    ui = page["ui"]
    context = {
        **page,
        "data": page,
        "t": lambda key, **values: i18n.translate(ui, key, **values),
        "date": lambda value: i18n.format_date(ui, value),
        "when": lambda a: i18n.format_when(ui, a.get("published"), a.get("published_at")),
        "full_when": lambda a: i18n.format_moment(ui, a.get("published"), a.get("published_at")),
        "seen": lambda seen_in: seen_places(ui, seen_in),
        "nav_topics": nav_topics(ui),
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


def template_source(name: str) -> str:
    """A template's text (tests read it to check every interface string it uses exists)."""
    return _env.loader.get_source(_env, name)[0]


def template_names() -> list[str]:
    return _env.list_templates(extensions=["html"])
