"""The data of every portal page, built once as a plain dict.

A route calls one builder here and hands the dict to a renderer: HTML (a Jinja2 template), JSON
(the dict itself) or a feed (its `articles`).  Builders only read the store through
`janalyq.search` and add what a reader needs to navigate: portal URLs and names in the interface
language.  A builder returns None when the thing asked for does not exist (the route answers 404).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from urllib.parse import urlencode

from janalyq.gazetteer import region_name, regions
from janalyq.search import browse
from janalyq.search.engine import Filters, search
from janalyq.search.snippet import plain
from janalyq.topic import taxonomy, topic_name
from janalyq.web import cards, urls
from janalyq.web.i18n import UI_LANGS, language_name, outlet_name, section_name, translate

PER_PAGE = 20
FEED_ITEMS = 50  # items of every feed (a feed is built by the page's own builder)
HOME_STORIES = 20
HOME_BLOCK = 5
HOME_SECTIONS = 8
MAX_PAGE = 1000


@dataclass(frozen=True)
class PageContext:
    db: sqlite3.Connection
    ui: str  # interface language, from the URL
    feed: bool = False  # building a feed: FEED_ITEMS articles, nothing else

    @property
    def per_page(self) -> int:
        return FEED_ITEMS if self.feed else PER_PAGE


def content_lang(ui: str, requested: str | None) -> str | None:
    """The news language of a listing: the edition's by default, None for "all"."""
    if requested == "all":
        return None
    return requested or ui


def decorate(ctx: PageContext, article: dict) -> dict:
    """Add portal links and localised names to an article dict (a copy; rid stays internal)."""
    out = {k: v for k, v in article.items() if k != "rid"}
    out["url"] = urls.article(ctx.ui, article["id"])
    out["outlet_name"] = outlet_name(ctx.ui, article.get("outlet"))
    out["section_name"] = section_name(ctx.ui, article.get("site_section"))
    out["lang_name"] = language_name(ctx.ui, article.get("lang"))
    out["story_url"] = urls.story(ctx.ui, article["story_id"]) if article.get("story_id") else None
    out["topic_name"] = topic_name(article.get("topic"), ctx.ui) if article.get("topic") else None
    out["region_name"] = region_name(article.get("region"), ctx.ui) if article.get("region") else None
    return out


def _pagination(ctx: PageContext, base: str, page: int, total: int, params: dict) -> dict:
    pages = max(1, -(-total // PER_PAGE))

    def at(number: int) -> str:
        query = {**params, "page": number if number > 1 else None}
        query = {k: v for k, v in query.items() if v is not None}
        return base + (("?" + urlencode(query)) if query else "")

    return {"page": page, "pages": pages, "total": total, "per_page": PER_PAGE,
            "prev_url": at(page - 1) if page > 1 else None,
            "next_url": at(page + 1) if page < pages else None}


def _frame(ctx: PageContext, kind: str, title: str, path: str, lang: str | None = None) -> dict:
    """What every page dict carries: its kind, title, languages and its own links."""
    links = {"self": path, "json": urls.as_json(path),
             "alternates": {ui: urls.switch_language(path, ui) for ui in UI_LANGS}}
    return {"page": kind, "ui": ctx.ui, "title": title, "content_lang": lang, "links": links}


def _listing_page(ctx: PageContext, kind: str, title: str, base: str, listing: browse.Listing,
                  page: int, requested_lang: str | None, feeds: bool = True) -> dict:
    total = browse.count(ctx.db, listing)
    params = {"lang": requested_lang} if requested_lang else {}
    path = base + (f"?lang={requested_lang}" if requested_lang else "")
    data = _frame(ctx, kind, title, path, listing.lang)
    articles = browse.latest(ctx.db, listing, ctx.per_page, (page - 1) * ctx.per_page) if page <= MAX_PAGE else []
    data["articles"] = [decorate(ctx, a) for a in articles]
    data["pagination"] = _pagination(ctx, base, page, total, params)
    if feeds:
        data["links"]["rss"] = urls.feed(path, "rss")
        data["links"]["atom"] = urls.feed(path, "atom")
    return data


def home_page(ctx: PageContext, requested_lang: str | None) -> dict:
    lang = content_lang(ctx.ui, requested_lang)
    path = urls.home(ctx.ui, lang=requested_lang)
    data = _frame(ctx, "home", translate(ctx.ui, "latest_news"), path, lang)
    data["links"]["json"] = urls.as_json(path)
    data["links"]["rss"] = urls.feed(f"/{ctx.ui}", "rss") + (f"?lang={requested_lang}" if requested_lang else "")
    data["links"]["atom"] = urls.feed(f"/{ctx.ui}", "atom") + (f"?lang={requested_lang}" if requested_lang else "")
    latest = browse.latest(ctx.db, browse.Listing(lang=lang), FEED_ITEMS if ctx.feed else HOME_BLOCK * 2)
    data["articles"] = [decorate(ctx, a) for a in latest]
    if ctx.feed:
        return data
    # Events first: stories in every language unless a news language is asked for.
    story_lang = None if requested_lang in (None, "all") else requested_lang
    data["stories"] = cards.latest_cards(ctx, browse.Listing(lang=story_lang), HOME_STORIES)
    blocks = []
    for slug, n in browse.facet_values(ctx.db, "section", lang)[:HOME_SECTIONS]:
        if not slug:
            continue
        listing = browse.Listing(lang=lang, section=slug)
        blocks.append({"slug": slug, "name": section_name(ctx.ui, slug), "count": n,
                       "url": urls.section(ctx.ui, slug, lang=requested_lang),
                       "articles": [decorate(ctx, a) for a in browse.latest(ctx.db, listing, HOME_BLOCK)]})
    data["sections"] = blocks
    data["stats"] = browse.stats(ctx.db)
    return data


def section_page(ctx: PageContext, slug: str, requested_lang: str | None, page: int) -> dict | None:
    if slug not in {v for v, _ in browse.facet_values(ctx.db, "section")}:
        return None
    name = section_name(ctx.ui, slug)
    lang = content_lang(ctx.ui, requested_lang)
    data = _listing_page(ctx, "section", translate(ctx.ui, "section_title", name=name),
                         urls.section(ctx.ui, slug), browse.Listing(lang=lang, section=slug), page, requested_lang)
    data["section"] = {"slug": slug, "name": name}
    return data


def outlet_page(ctx: PageContext, slug: str, requested_lang: str | None, page: int) -> dict | None:
    if slug not in {v for v, _ in browse.facet_values(ctx.db, "outlet")}:
        return None
    name = outlet_name(ctx.ui, slug)
    lang = content_lang(ctx.ui, requested_lang)
    data = _listing_page(ctx, "outlet", translate(ctx.ui, "outlet_title", name=name),
                         urls.outlet(ctx.ui, slug), browse.Listing(lang=lang, outlet=slug), page, requested_lang)
    data["outlet"] = {"slug": slug, "name": name}
    return data


def outlets_page(ctx: PageContext, requested_lang: str | None) -> dict:
    lang = content_lang(ctx.ui, requested_lang)
    data = _frame(ctx, "outlets", translate(ctx.ui, "outlets_title"),
                  urls.outlets(ctx.ui) + (f"?lang={requested_lang}" if requested_lang else ""), lang)
    data["outlets"] = [{"slug": slug, "name": outlet_name(ctx.ui, slug), "count": n,
                        "url": urls.outlet(ctx.ui, slug, lang=requested_lang)}
                       for slug, n in browse.facet_values(ctx.db, "outlet", lang) if slug]
    return data


def archive_page(ctx: PageContext, requested_lang: str | None) -> dict:
    lang = content_lang(ctx.ui, requested_lang)
    data = _frame(ctx, "archive", translate(ctx.ui, "archive_title"),
                  urls.archive(ctx.ui, lang=requested_lang), lang)
    months: dict[str, dict] = {}
    for day, n in sorted(browse.facet_values(ctx.db, "day", lang), reverse=True):
        if not day:
            continue
        month = months.setdefault(day[:7], {"month": day[:7], "count": 0, "days": [],
                                            "url": urls.archive(ctx.ui, day[:7], lang=requested_lang)})
        month["count"] += n
        month["days"].append({"day": day, "count": n, "url": urls.archive(ctx.ui, day, lang=requested_lang)})
    data["months"] = list(months.values())
    return data


def period_page(ctx: PageContext, period: str, requested_lang: str | None, page: int) -> dict | None:
    """One day (YYYY-MM-DD) or one month (YYYY-MM) of the archive; None for any other text."""
    from janalyq.web.i18n import format_date, format_month

    lang = content_lang(ctx.ui, requested_lang)
    try:
        if len(period) == 7:
            dt.date.fromisoformat(period + "-01")
            listing = browse.Listing(lang=lang, month=period)
            title = translate(ctx.ui, "archive_month_title", month=format_month(ctx.ui, period))
        else:
            listing = browse.Listing(lang=lang, day=dt.date.fromisoformat(period))
            title = translate(ctx.ui, "archive_day_title", date=format_date(ctx.ui, period))
    except ValueError:
        return None
    data = _listing_page(ctx, "archive_period", title, urls.archive(ctx.ui, period), listing, page,
                         requested_lang, feeds=False)
    data["period"] = period
    return data


def article_page(ctx: PageContext, article_id: str, script: str | None = None) -> dict | None:
    found = browse.article(ctx.db, article_id)
    if found is None:
        return None
    article = decorate(ctx, found)
    article["versions"] = [decorate(ctx, v) for v in found["versions"]]
    article["related"] = [decorate(ctx, r) for r in found["related"]]
    article["section_url"] = urls.section(ctx.ui, found["site_section"]) if found.get("site_section") else None
    article["outlet_url"] = urls.outlet(ctx.ui, found["outlet"]) if found.get("outlet") else None
    data = _frame(ctx, "article", found["title"], urls.article(ctx.ui, article_id), found.get("lang"))
    data["article"] = article
    from janalyq.web.stories import add_to_article  # story, topic, region, Kazakh script switch

    add_to_article(ctx, data, found, script)
    return data


def search_page(ctx: PageContext, query: str | None, filters: Filters, page: int) -> dict:
    result = search(ctx.db, query, filters, page=min(page, MAX_PAGE), per_page=ctx.per_page)
    params = {"q": result.query or None, "lang": filters.lang, "section": filters.section,
              "outlet": filters.outlet, "topic": filters.topic, "region": filters.region,
              "since": filters.since, "until": filters.until}
    params = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in params.items() if v}
    path = urls.search(ctx.ui, **params)
    title = (translate(ctx.ui, "search_results_for", query=result.query) if result.query
             else translate(ctx.ui, "search_title"))
    data = _frame(ctx, "search", title, path, filters.lang)
    data["links"]["rss"] = urls.feed(path, "rss")
    data["links"]["atom"] = urls.feed(path, "atom")
    data["query"] = result.query
    data["filters"] = {"lang": filters.lang, "section": filters.section, "outlet": filters.outlet,
                       "topic": filters.topic, "region": filters.region,
                       "since": filters.since.isoformat() if filters.since else None,
                       "until": filters.until.isoformat() if filters.until else None}
    data["searched"] = result.searched
    data["total"] = result.total
    data["total_is_lower_bound"] = result.total_is_lower_bound
    data["articles"] = []
    for hit in result.hits:
        article = decorate(ctx, hit.article)
        article.update(score=hit.score, title_marked=hit.title, snippet_marked=hit.snippet,
                       snippet=plain(hit.snippet))
        data["articles"].append(article)
    base = urls.search(ctx.ui)
    data["pagination"] = _pagination(ctx, base, page, result.total,
                                     {k: v for k, v in params.items()})
    data["choices"] = {
        "sections": [{"slug": s, "name": section_name(ctx.ui, s)} for s, _ in browse.facet_values(ctx.db, "section") if s],
        "outlets": [{"slug": o, "name": outlet_name(ctx.ui, o)} for o, _ in browse.facet_values(ctx.db, "outlet") if o],
        **topic_region_choices(ctx.ui),
    }
    return data


def topic_region_choices(ui: str) -> dict:
    """Every topic (taxonomy order, "other" last) and region (by name), named in `ui`.  Taken
    from the taxonomy and the gazetteer rather than counted in the store: a count would scan
    the articles on every search."""
    region_names = sorted(((region_name(r, ui), r) for r in regions()), key=lambda item: item[0].casefold())
    return {"topics": [{"slug": t.id, "name": t.names.get(ui) or t.names["en"]} for t in taxonomy()],
            "regions": [{"slug": r, "name": name} for name, r in region_names]}
