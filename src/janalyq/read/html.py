"""Reader for HTML article pages: trafilatura finds the main text, our rules find the date.

trafilatura's own date guess is not used: on Kazakh pages it silently returns 1 January of the
year.  The date comes from structured metadata first (JSON-LD, meta tags, <time>), then from a
date written in the page's header area, parsed with the page language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import lxml.html
import trafilatura

from janalyq.article import Article, Reject
from janalyq.read.files import TextInput

_DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "date", "pubdate",
    "publish-date", "publishdate", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
)
_LANG = re.compile(r"^(kk|kz|ru|en)\b", re.I)


def looks_like_html(doc: TextInput) -> bool:
    if doc.name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = doc.text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<body" in doc.text[:65536].lower())


def _jsonld_dates(tree) -> list[str]:
    found = []
    for node in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(node)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                for key in ("datePublished", "dateCreated"):
                    if isinstance(item.get(key), str):
                        found.append(item[key])
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return found


def structured_date_texts(tree) -> list[str]:
    """Date strings from metadata, best evidence first."""
    texts = _jsonld_dates(tree)
    for meta in tree.xpath("//meta[@content]"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in _DATE_META:
            texts.append(meta.get("content"))
    texts += [t.get("datetime") for t in tree.xpath("//time[@datetime]")]
    texts += [t.text_content() for t in tree.xpath("//time")]
    return [t.strip() for t in texts if t and t.strip()]


def _meta(tree, *names: str) -> str | None:
    for name in names:
        for attr in ("property", "name"):
            found = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
            if found and found[0].strip():
                return found[0].strip()
    return None


def _page_lang(tree) -> str | None:
    raw = tree.get("lang") or _meta(tree, "og:locale", "language") or ""
    match = _LANG.match(raw.strip())
    if not match:
        return None
    code = match.group(1).lower()
    return "kk" if code == "kz" else code


def _header_text(tree) -> str:
    """Text near the headline, where pages print their date."""
    nodes = tree.xpath("//*[contains(@class,'date') or contains(@class,'time') or contains(@class,'meta')]")
    return " | ".join(n.text_content().strip() for n in nodes[:6])[:600]


def read_html(doc: TextInput) -> Iterator[Article | Reject]:
    try:
        tree = lxml.html.fromstring(doc.text)
    except (ValueError, lxml.etree.ParserError) as exc:
        yield Reject(doc.uri, f"unparseable HTML: {exc}")
        return
    canonical = tree.xpath('//link[@rel="canonical"]/@href') or [_meta(tree, "og:url")]
    page_url = canonical[0] if canonical and canonical[0] else None
    extracted = trafilatura.bare_extraction(doc.text, url=page_url, with_metadata=True,
                                            include_comments=False, include_tables=False)
    text = extracted.text if extracted is not None else ""
    title = (_meta(tree, "og:title") or (extracted.title if extracted else None)
             or "".join(tree.xpath("//title/text()")) or "")
    dates = structured_date_texts(tree)
    header = _header_text(tree)
    yield Article(
        url=doc.uri,
        title=title.strip(),
        body=[line for line in (text or "").split("\n") if line.strip()],
        source_url=page_url,
        lang=_page_lang(tree),
        date_text=dates[0] if dates else (header or None),
        site_section=None,
    )
