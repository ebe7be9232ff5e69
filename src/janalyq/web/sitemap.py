"""`robots.txt` and the sitemaps, for search engines.

`/sitemap.xml` is a sitemap index: one sitemap of the portal's fixed pages (the three editions,
topics, outlets) and one per block of `BLOCK` article rids, so each stays far below the 50,000
URLs a sitemap may hold on a store of millions.  Each article is listed once, in the edition of
its own language, with its translations (the other versions of its story) as hreflang links.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import PlainTextResponse, Response

from janalyq.topic import OTHER, taxonomy
from janalyq.web import urls
from janalyq.web.deps import get_db
from janalyq.web.i18n import UI_LANGS

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
BLOCK = 20000
XML = "application/xml; charset=utf-8"

router = APIRouter(include_in_schema=False)


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/robots.txt")
def robots(request: Request):
    # Search result pages are endless combinations of filters: not for crawlers.
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: /{ui}/search" for ui in UI_LANGS),
             f"Sitemap: {_base(request)}/sitemap.xml", ""]
    return PlainTextResponse("\n".join(lines))


def _xml(root: ET.Element) -> Response:
    return Response(b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8"), media_type=XML)


@router.get("/sitemap.xml")
def sitemap_index(request: Request, db=Depends(get_db)):
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    top = db.execute("SELECT coalesce(max(rid), 0) FROM articles").fetchone()[0]
    names = ["pages"] + [f"articles-{block}" for block in range(top // BLOCK + 1)]
    for name in names:
        entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = f"{_base(request)}/sitemaps/{name}.xml"
    return _xml(root)


def _urlset() -> ET.Element:
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    return ET.Element(f"{{{SITEMAP_NS}}}urlset")


def _url(root: ET.Element, loc: str, lastmod: str | None = None, alternates: dict[str, str] | None = None) -> None:
    entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
    ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = loc
    if lastmod:
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
    for lang, href in (alternates or {}).items():
        ET.SubElement(entry, f"{{{XHTML_NS}}}link", {"rel": "alternate", "hreflang": lang, "href": href})


@router.get("/sitemaps/pages.xml")
def sitemap_pages(request: Request, db=Depends(get_db)):
    base, root = _base(request), _urlset()
    # In the order SQLite's DISTINCT gave them (its key is facet, lang, value), now said, so that
    # PostgreSQL gives the same.
    outlets = [row[0] for row in db.execute(
        "SELECT value FROM facet_counts WHERE facet = 'outlet' AND value != '' GROUP BY value"
        " ORDER BY min(lang), value")]
    for ui in UI_LANGS:
        _url(root, base + urls.home(ui), alternates={u: base + urls.home(u) for u in UI_LANGS})
        for topic in taxonomy():
            if topic.id != OTHER:
                _url(root, base + urls.topic(ui, topic.id))
        for outlet in outlets:
            _url(root, base + urls.outlet(ui, outlet))
    return _xml(root)


@router.get("/sitemaps/articles-{block}.xml")
def sitemap_articles(request: Request, block: int, db=Depends(get_db)):
    if block < 0 or block > (1 << 40):
        raise HTTPException(404)
    base, root = _base(request), _urlset()
    rows = db.execute("SELECT id, lang, story_id, updated_at FROM articles WHERE rid >= ? AND rid < ? ORDER BY rid",
                      (block * BLOCK, (block + 1) * BLOCK)).fetchall()
    stories = {}
    story_ids = list({r["story_id"] for r in rows if r["story_id"]})
    for start in range(0, len(story_ids), 500):
        chunk = story_ids[start:start + 500]
        for member in db.execute(f"SELECT id, lang, story_id FROM articles WHERE story_id IN ({','.join('?' * len(chunk))})",
                                 chunk):
            if member["lang"] in UI_LANGS:
                stories.setdefault(member["story_id"], {}).setdefault(member["lang"], member["id"])
    for row in rows:
        ui = row["lang"] if row["lang"] in UI_LANGS else "kk"
        versions = stories.get(row["story_id"], {}) if row["story_id"] else {}
        alternates = {lang: base + urls.article(lang, article_id) for lang, article_id in versions.items()}
        _url(root, base + urls.article(ui, row["id"]), (row["updated_at"] or "")[:10] or None,
             alternates if len(alternates) > 1 else None)
    return _xml(root)
