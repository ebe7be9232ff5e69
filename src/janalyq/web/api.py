"""JSON API, version 1: articles (filters, cursor pagination), one article, search, sections,
outlets, stats.  Responses are built from the same dicts as the HTML pages and declared by the
models of api_models.py (the OpenAPI document's schemas); `ui` picks the language of names
(sections, outlets) and of the portal links in them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import AfterValidator

from janalyq.language import language_code
from janalyq.search import browse
from janalyq.search.engine import Filters
from janalyq.web import pages
from janalyq.web.api_models import ERRORS, ArticleDetail, ArticleList, FacetList, SearchResult, Stats
from janalyq.web.deps import get_db
from janalyq.web.i18n import outlet_name, section_name
from janalyq.web.render import render_template

router = APIRouter(prefix="/api/v1", tags=["v1"], responses=ERRORS)
docs_router = APIRouter(include_in_schema=False)
# qq is gov.kz's code for Kazakh in Latin letters: the same news language as kk here.
Lang = Annotated[Optional[Literal["kk", "ru", "en", "qq"]], AfterValidator(language_code),
                 Query(description="News language: kk (qq: the same), ru, en.")]
Ui = Annotated[Literal["kk", "ru", "en"], Query(description="Language of names and portal links.")]
Text = Annotated[Optional[str], Query(max_length=200)]
Day = Annotated[Optional[dt.date], Query(description="YYYY-MM-DD")]


def _ctx(db, ui: str) -> pages.PageContext:
    return pages.PageContext(db=db, ui=ui)


@router.get("/articles", summary="Articles, newest first, with filters and cursor pagination",
            response_model=ArticleList)
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
    return {"items": [pages.decorate(ctx, a) for a in items], "next_cursor": next_cursor, "limit": limit,
            "total": None}


@router.get("/articles/{article_id}", summary="One article with its sightings, versions and related articles",
            response_model=ArticleDetail)
def article(article_id: Annotated[str, Path(max_length=64)], ui: Ui = "en", db=Depends(get_db)) -> dict:
    page = pages.article_page(_ctx(db, ui), article_id)
    if page is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return page["article"]


@router.get("/search", summary="Full-text search in Kazakh (both scripts), Russian and English",
            response_model=SearchResult)
def search(q: Optional[str] = None, lang: Lang = None, section: Text = None, outlet: Text = None,
           since: Day = None, until: Day = None, page: Annotated[int, Query(ge=1, le=pages.MAX_PAGE)] = 1,
           ui: Ui = "en",
           topic: Annotated[Optional[str], Query(max_length=40, description="Topic id (/api/v1/topics)")] = None,
           region: Annotated[Optional[str], Query(max_length=40, description="Region id (/api/v1/regions)")] = None,
           db=Depends(get_db)) -> dict:
    filters = Filters(lang=lang, section=section or None, outlet=outlet or None, topic=topic or None,
                      region=region or None, since=since, until=until)
    found = pages.search_page(_ctx(db, ui), q, filters, page)
    return {**as_list(found["articles"], found["pagination"]), "query": found["query"], "searched": found["searched"],
            "total_is_lower_bound": found["total_is_lower_bound"], "filters": found["filters"]}


def as_list(items: list[dict], pagination: dict) -> dict:
    """A page-numbered list of articles in the API's one list shape (ArticleList)."""
    return {"items": items, "total": pagination["total"], "limit": pagination["per_page"],
            "page": pagination["page"], "pages": pagination["pages"], "next_cursor": None}


def _facet(db, facet: str, lang: str | None, ui: str, name) -> dict:
    return {"items": [{"id": value, "name": name(ui, value), "count": n}
                      for value, n in browse.facet_values(db, facet, lang) if value]}


@router.get("/sections", summary="Sections of the source sites with article counts", response_model=FacetList)
def sections(lang: Lang = None, ui: Ui = "en", db=Depends(get_db)) -> dict:
    return _facet(db, "section", lang, ui, section_name)


@router.get("/outlets", summary="Outlets (gov.kz entities and agencies) with article counts", response_model=FacetList)
def outlets(lang: Lang = None, ui: Ui = "en", db=Depends(get_db)) -> dict:
    return _facet(db, "outlet", lang, ui, outlet_name)


@router.get("/stats", summary="Counts of the store", response_model=Stats)
def stats(db=Depends(get_db)) -> dict:
    return browse.stats(db)


def _type_of(schema: dict) -> str:
    """A JSON schema as a short type text: "string", "integer or null", "list of ArticleItem"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_type_of(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return "list of " + _type_of(schema.get("items") or {"type": "value"})
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    return str(schema.get("type", "value"))


def _model_of(response: dict) -> str:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return _type_of(schema) if schema else response.get("description", "")


@docs_router.get("/api/v1/docs")
def docs(request: Request):
    """The API's documentation, built from its OpenAPI document: server-side HTML with no
    script and nothing fetched from elsewhere (the portal's content security policy allows
    neither)."""
    spec = request.app.openapi()
    routes = [(path, list(ops.items())) for path, ops in spec["paths"].items()]
    html = render_template("api_docs.html", spec=spec, routes=routes, openapi_url=request.app.openapi_url,
                           type_of=_type_of, model_of=_model_of)
    return HTMLResponse(html)
