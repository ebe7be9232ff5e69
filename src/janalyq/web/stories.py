"""Portal parts of topics, stories, regions and the Kazakh script switch.

- story page `/{ui}/story/{id}`: every version of one event, language and outlet, on a timeline;
- topic and region listings `/{ui}/topic/{id}`, `/{ui}/region/{id}` (and their `.json` twins);
- on the article page: "also in Қазақша / Русский / English" (the story's other languages), the
  topic and region, and on Kazakh articles a Cyrillic / Latin switch (`?script=latin`);
- API: `/api/v1/stories/{id}`, `/api/v1/topics`, `/api/v1/regions`, and the articles of one
  topic or region, `/api/v1/topics/{id}/articles`, `/api/v1/regions/{id}/articles`.

Page data is built once as a dict, as in pages.py, and rendered as HTML or JSON.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from janalyq.gazetteer import region_name, regions
from janalyq.search.browse import summary
from janalyq.search.engine import SUMMARY_COLUMNS
from janalyq.topic import OTHER, topic_ids, topic_name
from janalyq.translit import has_cyrillic, to_cyrillic, to_latin
from janalyq.web import cards, feed_http, pages, urls
from janalyq.web.api import as_list
from janalyq.web.api_models import ERRORS, ArticleList, FacetList, StoryResult
from janalyq.web.deps import get_db
from janalyq.web.i18n import UI_LANGS
from janalyq.web.render import render_html, render_json

LABELS = {
    "also_in": {"kk": "Басқа тілдерде", "ru": "Также на других языках", "en": "Also in"},
    "story": {"kk": "Оқиға", "ru": "Сюжет", "en": "Story"},
    "story_timeline": {"kk": "Оқиғаның барлық нұсқасы", "ru": "Все версии сюжета", "en": "Every version of this story"},
    "versions": {"kk": "{n} нұсқа", "ru": "Версий: {n}", "en": "{n} versions"},
    "topic": {"kk": "Тақырып", "ru": "Тема", "en": "Topic"},
    "region": {"kk": "Өңір", "ru": "Регион", "en": "Region"},
    "topics": {"kk": "Тақырыптар", "ru": "Темы", "en": "Topics"},
    "regions": {"kk": "Өңірлер", "ru": "Регионы", "en": "Regions"},
    "script": {"kk": "Жазу", "ru": "Письмо", "en": "Script"},
    "cyrillic": {"kk": "Кирилл", "ru": "Кириллица", "en": "Cyrillic"},
    "latin": {"kk": "Latyn", "ru": "Латиница", "en": "Latin"},
}
SCRIPTS = ("cyrillic", "latin")
Ui = Annotated[Literal["kk", "ru", "en"], Query(description="Language of names and portal links.")]
Lang = Annotated[Optional[Literal["kk", "ru", "en", "all"]], Query(alias="lang")]
PageNumber = Annotated[int, Query(ge=1, le=pages.MAX_PAGE)]

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api/v1", tags=["v1"], responses=ERRORS)


def labels(ui: str) -> dict:
    return {key: names[ui] for key, names in LABELS.items()}


def _story_rows(db, story_id: str) -> list[dict]:
    rows = db.execute(f"SELECT {SUMMARY_COLUMNS}, collected_at FROM articles WHERE story_id = ?"
                      " ORDER BY published IS NULL, published, collected_at, lang, rid", (story_id,)).fetchall()
    return [summary(r) for r in rows]


def story_url(ui: str, story_id: str) -> str:
    return f"/{ui}/story/{story_id}"


# -- the article page -------------------------------------------------------------------------
def add_to_article(ctx: pages.PageContext, data: dict, found: dict, script: str | None) -> None:
    """Story versions, topic, region and the script switch, added to the article page dict."""
    article = data["article"]
    article["topic"], article["region"] = found.get("topic"), found.get("region")
    article["topic_name"] = topic_name(found.get("topic"), ctx.ui)
    article["topic_url"] = f"/{ctx.ui}/topic/{found['topic']}" if found.get("topic") else None
    article["region_name"] = region_name(found.get("region"), ctx.ui)
    article["region_url"] = f"/{ctx.ui}/region/{found['region']}" if found.get("region") else None
    data["story_labels"] = labels(ctx.ui)
    story_id = found.get("story_id")
    members = [m for m in _story_rows(ctx.db, story_id) if m["id"] != found["id"]] if story_id else []
    by_lang: dict[str, dict] = {}
    for member in members:
        if member.get("lang") and member["lang"] != found.get("lang"):
            by_lang.setdefault(member["lang"], pages.decorate(ctx, member))
    article["story"] = {"id": story_id, "url": story_url(ctx.ui, story_id) if story_id else None,
                        "size": len(members) + 1,
                        "also_in": [by_lang[lang] for lang in UI_LANGS if lang in by_lang]}
    _switch_to_translations(ctx, data, found, by_lang)
    if found.get("lang") == "kk":
        _switch_script(data, article, script)


def _switch_to_translations(ctx: pages.PageContext, data: dict, found: dict, by_lang: dict[str, dict]) -> None:
    """The interface language switch opens the article's version in that language (its story's,
    else the same gov.kz release's) in that interface; where there is none, the switch changes
    the menus only and the page says the article exists only in its own language."""
    versions = {v["lang"]: v["id"] for v in found.get("versions") or [] if v.get("lang")}
    versions.update({lang: member["id"] for lang, member in by_lang.items()})
    translations = {}
    for ui in UI_LANGS:
        if ui != found.get("lang") and ui in versions:
            translations[ui] = urls.article(ui, versions[ui])
            data["links"]["alternates"][ui] = translations[ui]
    data["translations"] = translations
    lang = found.get("lang")
    data["only_in_language"] = bool(lang in UI_LANGS and lang != ctx.ui and ctx.ui not in versions)


def _switch_script(data: dict, article: dict, script: str | None) -> None:
    """Show a Kazakh article in the script asked for; it is stored in the script it was written in."""
    native = "cyrillic" if has_cyrillic(article["title"] + " ".join(article.get("paragraphs", [])[:1])) else "latin"
    shown = script if script in SCRIPTS else native
    base = data["links"]["self"]
    article["script"] = {"shown": shown, "native": native,
                         "links": {s: base + ("" if s == native else f"?script={s}") for s in SCRIPTS}}
    if shown != native:
        convert = to_latin if shown == "latin" else to_cyrillic
        article["title"] = convert(article["title"])
        article["paragraphs"] = [convert(p) for p in article.get("paragraphs", [])]
        data["title"] = article["title"]


# -- story, topic and region pages ------------------------------------------------------------
def story_page(ctx: pages.PageContext, story_id: str) -> dict | None:
    members = _story_rows(ctx.db, story_id)
    if not members:
        return None
    lead = next((m for m in members if m.get("lang") == ctx.ui), members[0])
    data = pages._frame(ctx, "story", lead["title"], story_url(ctx.ui, story_id), None)
    data["story_labels"] = labels(ctx.ui)
    data["story"] = {"id": story_id, "size": len(members),
                     "languages": sorted({m["lang"] for m in members if m.get("lang")}),
                     "outlets": sorted({m["outlet"] for m in members if m.get("outlet")}),
                     "first": members[0].get("published"), "last": members[-1].get("published")}
    data["articles"] = [pages.decorate(ctx, m) for m in members]  # the timeline, oldest first
    data["links"]["rss"] = urls.feed(data["links"]["self"], "rss")
    data["links"]["atom"] = urls.feed(data["links"]["self"], "atom")
    return data


def _listing(ctx: pages.PageContext, kind: str, column: str, value: str, title: str, path: str,
             requested_lang: str | None, page: int) -> dict:
    lang = pages.content_lang(ctx.ui, requested_lang)
    where, args = f"{column} = ?", [value]
    if lang:
        where, args = where + " AND lang = ?", args + [lang]
    total = ctx.db.execute(f"SELECT count(*) FROM articles WHERE {where}", args).fetchone()[0]
    rows = ctx.db.execute(f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE {where}"
                          " ORDER BY published DESC, rid DESC LIMIT ? OFFSET ?",
                          (*args, ctx.per_page, (page - 1) * ctx.per_page)).fetchall()
    data = pages._frame(ctx, kind, title, path + (f"?lang={requested_lang}" if requested_lang else ""), lang)
    data["articles"] = [pages.decorate(ctx, summary(r)) for r in rows]
    data["pagination"] = pages._pagination(ctx, path, page, total, {"lang": requested_lang} if requested_lang else {})
    data["story_labels"] = labels(ctx.ui)
    data["links"]["rss"] = urls.feed(data["links"]["self"], "rss")
    data["links"]["atom"] = urls.feed(data["links"]["self"], "atom")
    if not ctx.feed:  # events first: the page's articles as story cards
        data["stories"] = cards.story_cards(ctx, [summary(r) for r in rows], pages.PER_PAGE)
    return data


def topic_page(ctx: pages.PageContext, topic: str, requested_lang: str | None, page: int) -> dict | None:
    if topic not in (*topic_ids(), OTHER):
        return None
    title = f"{LABELS['topic'][ctx.ui]}: {topic_name(topic, ctx.ui)}"
    data = _listing(ctx, "topic", "topic", topic, title, f"/{ctx.ui}/topic/{topic}", requested_lang, page)
    data["topic"] = {"id": topic, "name": topic_name(topic, ctx.ui)}
    return data


def region_page(ctx: pages.PageContext, region: str, requested_lang: str | None, page: int) -> dict | None:
    if region not in regions():
        return None
    title = f"{LABELS['region'][ctx.ui]}: {region_name(region, ctx.ui)}"
    data = _listing(ctx, "region", "region", region, title, f"/{ctx.ui}/region/{region}", requested_lang, page)
    data["region"] = {"id": region, "name": region_name(region, ctx.ui)}
    return data


def facet_counts(db, column: str, lang: str | None = None) -> list[tuple[str, int]]:
    where, args = f"{column} IS NOT NULL", []
    if lang:
        where, args = where + " AND lang = ?", [lang]
    return [(r[0], r[1]) for r in db.execute(
        f"SELECT {column}, count(*) AS n FROM articles WHERE {where} GROUP BY {column} ORDER BY n DESC, {column}", args)]


# -- routes -----------------------------------------------------------------------------------
def _ctx(ui: str, db, feed: bool = False) -> pages.PageContext:
    if ui not in UI_LANGS:
        raise HTTPException(404)
    return pages.PageContext(db=db, ui=ui, feed=feed)


def _respond(page: dict | None, template: str, name: str):
    if page is None:
        raise HTTPException(404)
    return render_json(page) if name.endswith(".json") else render_html(template, page)


def _strip(name: str) -> str:
    return name[:-5] if name.endswith(".json") else name


@router.get("/{ui}/story/{name}/feed.{kind}")
def story_feed(request: Request, ui: str, name: str, kind: str, db=Depends(get_db)):
    return _feed(request, db, kind, story_page(_ctx(ui, db, feed=True), name))


@router.get("/{ui}/topic/{name}/feed.{kind}")
def topic_feed(request: Request, ui: str, name: str, kind: str, lang: Lang = None, db=Depends(get_db)):
    return _feed(request, db, kind, topic_page(_ctx(ui, db, feed=True), name, lang, 1))


@router.get("/{ui}/region/{name}/feed.{kind}")
def region_feed(request: Request, ui: str, name: str, kind: str, lang: Lang = None, db=Depends(get_db)):
    return _feed(request, db, kind, region_page(_ctx(ui, db, feed=True), name, lang, 1))


def _feed(request: Request, db, kind: str, page: dict | None):
    if page is None or kind not in ("rss", "atom"):
        raise HTTPException(404)
    return feed_http.respond(request, db, page, kind)


@router.get("/{ui}/story/{name}")
def story(ui: str, name: str, db=Depends(get_db)):
    return _respond(story_page(_ctx(ui, db), _strip(name)), "story.html", name)


@router.get("/{ui}/topic/{name}")
def topic(ui: str, name: str, lang: Lang = None, page: PageNumber = 1, db=Depends(get_db)):
    return _respond(topic_page(_ctx(ui, db), _strip(name), lang, page), "listing.html", name)


@router.get("/{ui}/region/{name}")
def region(ui: str, name: str, lang: Lang = None, page: PageNumber = 1, db=Depends(get_db)):
    return _respond(region_page(_ctx(ui, db), _strip(name), lang, page), "listing.html", name)


@api_router.get("/stories/{story_id}", summary="One story: every version of an event, oldest first",
                response_model=StoryResult)
def api_story(story_id: str, ui: Ui = "en", db=Depends(get_db)) -> dict:
    page = story_page(pages.PageContext(db=db, ui=ui), story_id)
    if page is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return {"story": page["story"], "items": page["articles"]}


@api_router.get("/topics", summary="Topics (janalyq's taxonomy) with article counts", response_model=FacetList)
def api_topics(lang: Annotated[Optional[Literal["kk", "ru", "en"]], Query()] = None, ui: Ui = "en",
               db=Depends(get_db)) -> dict:
    return {"items": [{"id": t, "name": topic_name(t, ui), "count": n} for t, n in facet_counts(db, "topic", lang)]}


@api_router.get("/regions", summary="Regions of Kazakhstan with article counts", response_model=FacetList)
def api_regions(lang: Annotated[Optional[Literal["kk", "ru", "en"]], Query()] = None, ui: Ui = "en",
                db=Depends(get_db)) -> dict:
    return {"items": [{"id": r, "name": region_name(r, ui), "count": n} for r, n in facet_counts(db, "region", lang)]}


@api_router.get("/topics/{topic_id}/articles", summary="Articles of one topic, newest first",
                response_model=ArticleList)
def api_topic_articles(topic_id: str, lang: Annotated[Optional[Literal["kk", "ru", "en"]], Query()] = None,
                       page: PageNumber = 1, ui: Ui = "en", db=Depends(get_db)) -> dict:
    found = topic_page(pages.PageContext(db=db, ui=ui), topic_id, lang or "all", page)
    if found is None:
        raise HTTPException(404, f"no topic {topic_id!r}")
    return as_list(found["articles"], found["pagination"])


@api_router.get("/regions/{region_id}/articles", summary="Articles about one region, newest first",
                response_model=ArticleList)
def api_region_articles(region_id: str, lang: Annotated[Optional[Literal["kk", "ru", "en"]], Query()] = None,
                        page: PageNumber = 1, ui: Ui = "en", db=Depends(get_db)) -> dict:
    found = region_page(pages.PageContext(db=db, ui=ui), region_id, lang or "all", page)
    if found is None:
        raise HTTPException(404, f"no region {region_id!r}")
    return as_list(found["articles"], found["pagination"])
