"""Story cards: one card per event, for the home and topic pages.

Every article belongs to a story (`story_id`; an article alone is a story of one).  A listing's
articles are grouped by story in the order they come (newest first); each card is headed by the
story's version in the reader's language, else by the version the listing found, and names every
outlet and language that reported the event, linking to the story page.
"""

from __future__ import annotations

from janalyq.search import browse
from janalyq.search.engine import SUMMARY_COLUMNS
from janalyq.web import urls
from janalyq.web.i18n import UI_LANGS, language_name, outlet_name

STORY_SCAN = 80  # newest articles read to find the newest stories of a page
MAX_CARD_MEMBERS = 8  # a story holds at most 8 versions (janalyq.story)


def _members(db, story_ids: list[str]) -> dict[str, list[dict]]:
    if not story_ids:
        return {}
    marks = ",".join("?" * len(story_ids))
    found: dict[str, list[dict]] = {}
    for row in db.execute(f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE story_id IN ({marks})"
                          " ORDER BY published DESC, rid DESC", story_ids):
        found.setdefault(row["story_id"], []).append(browse.summary(row))
    return found


def _head(ui: str, members: list[dict], listed: dict) -> dict:
    """The version a reader of `ui` reads first: their language's newest, else the listed one."""
    return next((m for m in members if m.get("lang") == ui), listed)


def card(ui: str, story_id: str, members: list[dict], listed: dict) -> dict:
    head = _head(ui, members, listed)
    languages = [code for code in UI_LANGS if any(m.get("lang") == code for m in members)]
    outlets = list(dict.fromkeys(m["outlet"] for m in members if m.get("outlet")))
    newest = max(members, key=lambda m: (m.get("published_at") or m.get("published") or ""))
    return {
        "story_id": story_id,
        "url": urls.story(ui, story_id) if len(members) > 1 else urls.article(ui, head["id"]),
        "story_url": urls.story(ui, story_id),
        "article_id": head["id"], "article_url": urls.article(ui, head["id"]),
        "title": head["title"], "lang": head.get("lang"), "lead": head.get("lead") or "",
        "published": newest.get("published"), "published_at": newest.get("published_at"),
        "size": len(members),
        "languages": [{"code": code, "name": language_name(ui, code)} for code in languages],
        "outlets": [{"slug": slug, "name": outlet_name(ui, slug), "url": urls.outlet(ui, slug)} for slug in outlets],
        "topic": head.get("topic"), "region": head.get("region"),
    }


def story_cards(ctx, articles: list[dict], limit: int) -> list[dict]:
    """Cards of the stories of `articles` (newest first), at most `limit`."""
    order: dict[str, dict] = {}
    for article in articles:
        key = article.get("story_id") or article["id"]
        order.setdefault(key, article)
        if len(order) >= limit:
            break
    members = _members(ctx.db, list(order))
    return [card(ctx.ui, key, members.get(key) or [listed], listed) for key, listed in order.items()]


def latest_cards(ctx, listing: browse.Listing, limit: int) -> list[dict]:
    """The newest `limit` stories of a listing."""
    rows = ctx.db.execute(*_latest_sql(listing, max(STORY_SCAN, limit * 3))).fetchall()
    return story_cards(ctx, [browse.summary(r) for r in rows], limit)


def _latest_sql(listing: browse.Listing, limit: int) -> tuple[str, list]:
    clauses, args = listing.where()
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return (f"SELECT {SUMMARY_COLUMNS} FROM articles{where}"
            " ORDER BY published DESC, rid DESC LIMIT ?", [*args, limit])
