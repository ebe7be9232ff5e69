"""Portal routes: each one builds its page dict (pages.py) and renders it as HTML, JSON or a feed.

Every HTML page has a JSON twin at the same path plus ".json" (`/kk/` -> `/kk/index.json`,
`/kk/section/news` -> `/kk/section/news.json`), and every listing has feed.rss and feed.atom.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import RedirectResponse
from pydantic import BeforeValidator

from janalyq.search.engine import Filters
from janalyq.web import feed_http, pages
from janalyq.web.deps import get_db
from janalyq.web.i18n import DEFAULT_LANG, UI_LANGS
from janalyq.web.render import render_html, render_json

router = APIRouter(include_in_schema=False)


def _empty_is_none(value):
    return None if value == "" else value


ContentLang = Annotated[Optional[Literal["kk", "ru", "en", "all"]], BeforeValidator(_empty_is_none), Query(alias="lang")]
PageNumber = Annotated[int, Query(ge=1, le=pages.MAX_PAGE)]
FEED_KINDS = ("rss", "atom")


def _ctx(ui: str, db, feed: bool = False) -> pages.PageContext:
    if ui not in UI_LANGS:
        raise HTTPException(404)
    return pages.PageContext(db=db, ui=ui, feed=feed)


def _split(name: str) -> tuple[str, str]:
    """("news", "json") for "news.json", ("news", "html") otherwise."""
    return (name[:-5], "json") if name.endswith(".json") else (name, "html")


def _respond(page: dict | None, template: str, fmt: str):
    if page is None:
        raise HTTPException(404)
    return render_json(page) if fmt == "json" else render_html(template, page)


def _feed(request: Request, page: dict | None, kind: str, db=None):
    if page is None or kind not in FEED_KINDS:
        raise HTTPException(404)
    return feed_http.respond(request, db, page, kind)


def preferred_ui(accept_language: str) -> str:
    """The interface language a reader prefers, by the q-values of Accept-Language (RFC 9110):
    the highest q wins, the earlier of equal ones; q=0 means "not this one"; `kz` is Kazakh."""
    best, best_q = DEFAULT_LANG, 0.0
    for position, part in enumerate(accept_language.lower().split(",")[:32]):
        tag, _, params = part.strip().partition(";")
        code = tag.strip().split("-")[0]
        code = "kk" if code == "kz" else code
        q = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        if code in UI_LANGS and q > best_q:
            best, best_q = code, q
    return best


@router.get("/")
def root(request: Request):
    return RedirectResponse(f"/{preferred_ui(request.headers.get('accept-language', ''))}/", status_code=307)


@router.get("/{ui}")
def edition_without_slash(ui: str):
    if ui not in UI_LANGS:
        raise HTTPException(404)
    return RedirectResponse(f"/{ui}/", status_code=308)


@router.get("/{ui}/")
def home(ui: str, lang: ContentLang = None, db=Depends(get_db)):
    return _respond(pages.home_page(_ctx(ui, db), lang), "home.html", "html")


@router.get("/{ui}/index.json")
def home_json(ui: str, lang: ContentLang = None, db=Depends(get_db)):
    return _respond(pages.home_page(_ctx(ui, db), lang), "home.html", "json")


@router.get("/{ui}/feed.{kind}")
def home_feed(request: Request, ui: str, kind: str, lang: ContentLang = None, db=Depends(get_db)):
    if kind not in FEED_KINDS:
        raise HTTPException(404)
    return _feed(request, pages.home_page(_ctx(ui, db, feed=True), lang), kind, db)


def _listing_or_feed(request: Request, ui: str, db, name: str, build, lang, page: int):
    """A section or outlet page, its JSON twin or its feed.  The name is a path: a section
    or outlet named "a/b" is linked as a%2Fb, which the server decodes to a/b before routing.
    `build(ctx, slug, lang, page)` builds the page."""
    for kind in FEED_KINDS:
        if name.endswith(f"/feed.{kind}"):
            return _feed(request, build(_ctx(ui, db, feed=True), name[:-len(f"/feed.{kind}")], lang, 1), kind, db)
    slug, fmt = _split(name)
    return _respond(build(_ctx(ui, db), slug, lang, page), "listing.html", fmt)


@router.get("/{ui}/section/{name:path}")
def section(request: Request, ui: str, name: str, lang: ContentLang = None, page: PageNumber = 1,
            db=Depends(get_db)):
    return _listing_or_feed(request, ui, db, name, pages.section_page, lang, page)


@router.get("/{ui}/outlet/{name:path}")
def outlet(request: Request, ui: str, name: str, lang: ContentLang = None, page: PageNumber = 1,
           db=Depends(get_db)):
    return _listing_or_feed(request, ui, db, name, pages.outlet_page, lang, page)


@router.get("/{ui}/outlets")
@router.get("/{ui}/outlets.json")
def outlets(request: Request, ui: str, lang: ContentLang = None, db=Depends(get_db)):
    fmt = "json" if request.url.path.endswith(".json") else "html"
    return _respond(pages.outlets_page(_ctx(ui, db), lang), "outlets.html", fmt)


@router.get("/{ui}/archive")
@router.get("/{ui}/archive.json")
def archive(request: Request, ui: str, lang: ContentLang = None, db=Depends(get_db)):
    fmt = "json" if request.url.path.endswith(".json") else "html"
    return _respond(pages.archive_page(_ctx(ui, db), lang), "archive.html", fmt)


@router.get("/{ui}/archive/{name}")
def archive_period(ui: str, name: str, lang: ContentLang = None, page: PageNumber = 1, db=Depends(get_db)):
    period, fmt = _split(name)
    return _respond(pages.period_page(_ctx(ui, db), period, lang, page), "listing.html", fmt)


@router.get("/{ui}/article/{name}")
def article(ui: str, name: str, script: Optional[Literal["cyrillic", "latin"]] = None, db=Depends(get_db)):
    article_id, fmt = _split(name)
    return _respond(pages.article_page(_ctx(ui, db), article_id, script), "article.html", fmt)


def _search_page(ui: str, db, q, lang, section, outlet, since, until, page, topic=None, region=None,
                 feed: bool = False) -> dict:
    filters = Filters(lang=None if lang == "all" else lang, section=section or None, outlet=outlet or None,
                      topic=topic or None, region=region or None, since=since, until=until)
    return pages.search_page(_ctx(ui, db, feed), q, filters, page)


SearchText = Annotated[Optional[str], Query()]
FilterText = Annotated[Optional[str], Query(max_length=200)]
# A search form left at "any" sends its empty fields (since=&until=): empty means no filter.
DateParam = Annotated[Optional[dt.date], BeforeValidator(_empty_is_none), Query()]


@router.get("/{ui}/search")
@router.get("/{ui}/search.json")
def search(request: Request, ui: str, q: SearchText = None, lang: ContentLang = None, section: FilterText = None,
           outlet: FilterText = None, since: DateParam = None, until: DateParam = None, page: PageNumber = 1,
           topic: FilterText = None, region: FilterText = None, db=Depends(get_db)):
    fmt = "json" if request.url.path.endswith(".json") else "html"
    return _respond(_search_page(ui, db, q, lang, section, outlet, since, until, page, topic, region),
                    "search.html", fmt)


@router.get("/{ui}/search/feed.{kind}")
def search_feed(request: Request, ui: str, kind: str, q: SearchText = None, lang: ContentLang = None,
                section: FilterText = None, outlet: FilterText = None, since: DateParam = None,
                until: DateParam = None, topic: FilterText = None, region: FilterText = None, db=Depends(get_db)):
    if kind not in FEED_KINDS:
        raise HTTPException(404)
    return _feed(request, _search_page(ui, db, q, lang, section, outlet, since, until, 1, topic, region, True),
                 kind, db)
