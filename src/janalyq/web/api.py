"""JSON API, version 1: articles (filters, cursor pagination), one article, search, sections,
outlets, stats.  Responses are the same dicts the HTML pages are built from; `ui` picks the
language of names (sections, outlets) and of the portal links in them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import AfterValidator

from janalyq.language import language_code
from janalyq.search import browse
from janalyq.search.engine import Filters
from janalyq.web import pages
from janalyq.web.deps import get_db
from janalyq.web.i18n import outlet_name, section_name

router = APIRouter(prefix="/api/v1", tags=["v1"])
# qq is gov.kz's code for Kazakh in Latin letters: the same news language as kk here.
Lang = Annotated[Optional[Literal["kk", "ru", "en", "qq"]], AfterValidator(language_code),
                 Query(description="News language: kk (qq: the same), ru, en.")]
Ui = Annotated[Literal["kk", "ru", "en"], Query(description="Language of names and portal links.")]
Text = Annotated[Optional[str], Query(max_length=200)]
Day = Annotated[Optional[dt.date], Query(description="YYYY-MM-DD")]


def _ctx(db, ui: str) -> pages.PageContext:
    return pages.PageContext(db=db, ui=ui)


@router.get("/articles", summary="Articles, newest first, with filters and cursor pagination")
def articles(lang: Lang = None, section: Text = None, outlet: Text = None, since: Day = None, until: Day = None,
             cursor: Annotated[Optional[str], Query(max_length=200)] = None,
             limit: Annotated[int, Query(ge=1, le=100)] = 20, ui: Ui = "en",
             topic: Annotated[Optional[str], Query(max_length=40, description="Topic id (/api/v1/topics)")] = None,
             region: Annotated[Optional[str], Query(max_length=40, description="Region id (/api/v1/regions)")] = None,
             db=Depends(get_db)) -> dict:
    listing = browse.Listing(lang=lang, section=section, outlet=outlet, since=since, until=until,
                             topic=topic, region=region)
    try:
        items, next_cursor = browse.page_after(db, listing, cursor, limit)
    except ValueError:
        raise HTTPException(422, "cursor: not a cursor returned by this API") from None
    ctx = _ctx(db, ui)
    return {"items": [pages.decorate(ctx, a) for a in items], "next_cursor": next_cursor, "limit": limit}


@router.get("/articles/{article_id}", summary="One article with its sightings, versions and related articles")
def article(article_id: Annotated[str, Path(max_length=64)], ui: Ui = "en", db=Depends(get_db)) -> dict:
    page = pages.article_page(_ctx(db, ui), article_id)
    if page is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return page["article"]


@router.get("/search", summary="Full-text search in Kazakh (both scripts), Russian and English")
def search(q: Optional[str] = None, lang: Lang = None, section: Text = None, outlet: Text = None,
           since: Day = None, until: Day = None, page: Annotated[int, Query(ge=1, le=pages.MAX_PAGE)] = 1,
           ui: Ui = "en",
           topic: Annotated[Optional[str], Query(max_length=40, description="Topic id (/api/v1/topics)")] = None,
           region: Annotated[Optional[str], Query(max_length=40, description="Region id (/api/v1/regions)")] = None,
           db=Depends(get_db)) -> dict:
    filters = Filters(lang=lang, section=section or None, outlet=outlet or None, topic=topic or None,
                      region=region or None, since=since, until=until)
    return pages.search_page(_ctx(db, ui), q, filters, page)


def _facet(db, facet: str, lang: str | None, ui: str, name) -> list[dict]:
    return [{"slug": value, "name": name(ui, value), "count": n}
            for value, n in browse.facet_values(db, facet, lang) if value]


@router.get("/sections", summary="Sections with article counts")
def sections(lang: Lang = None, ui: Ui = "en", db=Depends(get_db)) -> dict:
    return {"sections": _facet(db, "section", lang, ui, section_name)}


@router.get("/outlets", summary="Outlets (gov.kz entities and agencies) with article counts")
def outlets(lang: Lang = None, ui: Ui = "en", db=Depends(get_db)) -> dict:
    return {"outlets": _facet(db, "outlet", lang, ui, outlet_name)}


@router.get("/stats", summary="Counts of the store")
def stats(db=Depends(get_db)) -> dict:
    return browse.stats(db)
