"""Response models of the JSON API, version 1: what the OpenAPI document promises.

Every list of articles has one shape, `ArticleList` (items, total, limit, page, pages,
next_cursor), and every item one model, `ArticleItem`, with its topic, story and region.
Facet lists (sections, outlets, topics, regions) are `FacetList`.  Errors are `ErrorBody`.
"""

from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, Field


class ArticleItem(BaseModel):
    id: str = Field(description="Stable article id")
    url: str = Field(description="The article's portal page (path), in the `ui` language")
    lang: Optional[str] = Field(None, description="News language: kk, ru or en")
    lang_name: str = ""
    title: str
    lead: str = Field("", description="The start of the text (280 characters at most)")
    published: Optional[str] = Field(None, description="Publication day, YYYY-MM-DD")
    published_at: Optional[str] = Field(None, description="Publication moment, ISO 8601 with offset, where known")
    outlet: Optional[str] = Field(None, description="Publisher id (gov.kz entity or agency)")
    outlet_name: str = ""
    site_section: Optional[str] = Field(None, description="The source site's own section")
    section_name: str = ""
    source_url: Optional[str] = Field(None, description="The original publication's address")
    duplicates: int = Field(0, description="Copies merged into this article")
    story_id: Optional[str] = Field(None, description="The event this article reports (/api/v1/stories/{id})")
    story_url: Optional[str] = None
    topic: Optional[str] = Field(None, description="Topic id (/api/v1/topics)")
    topic_name: Optional[str] = None
    region: Optional[str] = Field(None, description="Region id (/api/v1/regions)")
    region_name: Optional[str] = None


class SearchItem(ArticleItem):
    score: float
    title_marked: list[tuple[str, bool]] = Field(description="The title in pieces, true where a query word matched")
    snippet_marked: list[tuple[str, bool]]
    snippet: str


class ArticleList(BaseModel):
    items: list[ArticleItem]
    total: Optional[int] = Field(None, description="Articles in the whole list; null for cursor listings")
    limit: int = Field(description="Items per page")
    page: Optional[int] = Field(None, description="This page's number (page-numbered lists)")
    pages: Optional[int] = None
    next_cursor: Optional[str] = Field(None, description="Pass as `cursor` for the next page (cursor lists)")


class SearchFilters(BaseModel):
    lang: Optional[str] = None
    section: Optional[str] = None
    outlet: Optional[str] = None
    topic: Optional[str] = None
    region: Optional[str] = None
    since: Optional[str] = None
    until: Optional[str] = None


class SearchResult(ArticleList):
    items: list[SearchItem]
    query: Optional[str] = None
    searched: bool = Field(description="False when there was nothing to search for")
    total_is_lower_bound: bool = False
    filters: SearchFilters


class Sighting(BaseModel):
    url: str
    site_section: Optional[str] = None
    seen_at: str


class StoryRef(BaseModel):
    id: Optional[str] = None
    url: Optional[str] = None
    size: int
    also_in: list[ArticleItem]


class ScriptSwitch(BaseModel):
    shown: str
    native: str
    links: dict[str, str]


class ArticleDetail(ArticleItem):
    title_derived: bool = False
    collected_at: str
    updated_at: str
    flags: list[str]
    lang_confidence: Optional[float] = None
    topic_confidence: Optional[float] = None
    paragraphs: list[str]
    seen_in: list[Sighting]
    versions: list[ArticleItem] = Field(description="The same gov.kz release in other languages")
    related: list[ArticleItem]
    section_url: Optional[str] = None
    outlet_url: Optional[str] = None
    topic_url: Optional[str] = None
    region_url: Optional[str] = None
    story: Optional[StoryRef] = None
    script: Optional[ScriptSwitch] = None


class Facet(BaseModel):
    id: str
    name: str
    count: int


class FacetList(BaseModel):
    items: list[Facet]


class StoryInfo(BaseModel):
    id: str
    size: int
    languages: list[str]
    outlets: list[str]
    first: Optional[str] = None
    last: Optional[str] = None


class StoryResult(BaseModel):
    story: StoryInfo
    items: list[ArticleItem] = Field(description="Every version, oldest first")


class Stats(BaseModel):
    articles: int
    by_lang: dict[str, int]
    sections: int
    outlets: int
    first_published: Optional[str] = None
    last_published: Optional[str] = None


class ErrorDetail(BaseModel):
    status: int
    detail: str


class ErrorBody(BaseModel):
    error: ErrorDetail


ERRORS = {404: {"model": ErrorBody, "description": "No such thing"},
          422: {"model": ErrorBody, "description": "A parameter is not valid"}}
