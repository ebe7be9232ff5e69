"""Where each kind of source keeps its article links: feeds, sitemaps, listings, gov.kz.

`seeds(spec)` gives the pages a pass starts from; `discover(...)` reads one fetched navigation
page and returns the links it leads to (articles, further listing pages, child sitemaps), plus
whole articles for feeds that carry their full text.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass, field
from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from janalyq.crawl.cards import card_links
from janalyq.crawl.config import SourceSpec
from janalyq.crawl.govkz_feed import feed_urls, is_whole, release_pattern, url_lang, with_lang
from janalyq.crawl.urls import canonical_url, looks_like_article_link
from janalyq.read.feed import parse_feed

ROLE_ARTICLE, ROLE_FEED, ROLE_SITEMAP, ROLE_LISTING = "article", "feed", "sitemap", "listing"
NAV_ROLES = (ROLE_FEED, ROLE_SITEMAP, ROLE_LISTING)
MAX_SITEMAP_BYTES = 50 * 2**20  # the sitemap protocol's own limit, uncompressed
SUMMARY_MAX_CHARS = 3000  # a feed item's text kept with its link, as the page's fallback
_XML_PARSER = dict(resolve_entities=False, no_network=True, huge_tree=False, recover=True)


@dataclass
class Link:
    url: str
    role: str
    depth: int = 0
    hints: dict = field(default_factory=dict)


@dataclass
class Discovery:
    links: list[Link] = field(default_factory=list)
    whole_articles: list[tuple[str, dict, list[str]]] = field(default_factory=list)  # url, hints, text
    problem: str | None = None  # a malformed page: recorded against the source
    empty: str | None = None  # a page that led nowhere (no items, no links): why, in plain words


def seeds(spec: SourceSpec) -> list[Link]:
    if spec.kind in ("rss", "atom"):
        return [Link(spec.url, ROLE_FEED)]
    if spec.kind == "sitemap":
        return [Link(spec.url, ROLE_SITEMAP)]
    if spec.kind == "listing":
        return [Link(spec.url, ROLE_LISTING)]
    return [Link(url, ROLE_FEED, 0, {"lang": lang}) for url, lang in feed_urls(spec)]


def article_pattern(spec: SourceSpec, role: str = ROLE_LISTING) -> re.Pattern | None:
    if spec.link_pattern:
        return re.compile(spec.link_pattern)
    if spec.kind == "govkz" and role != ROLE_FEED:  # the entity's own feed: every item is a release
        return release_pattern(spec)
    return None


def _keep(url: str | None, pattern: re.Pattern | None) -> bool:
    return bool(url) and looks_like_article_link(url) and (pattern is None or bool(pattern.search(url)))


def discover(role: str, spec: SourceSpec, url: str, body: bytes, text: str | None, depth: int,
             hints: dict, charset: str | None = None) -> Discovery:
    if role == ROLE_FEED:
        return _from_feed(spec, url, body, charset, hints)
    if role == ROLE_SITEMAP:
        return _from_sitemap(spec, url, body, depth)
    return _from_listing(spec, url, text or "", depth, hints)


def _from_feed(spec: SourceSpec, url: str, body: bytes, charset: str | None, hints: dict) -> Discovery:
    feed = parse_feed(body, url, charset)
    found = Discovery(problem=feed.problem)
    pattern = article_pattern(spec, ROLE_FEED)
    entries = feed.entries[: spec.max_items]
    for entry in entries:
        link = canonical_url(entry.link, url)
        if not _keep(link, pattern):
            continue
        lang = url_lang(link) or entry.lang or hints.get("lang")
        if spec.kind == "govkz":
            link = canonical_url(with_lang(link, lang))
        item_hints = {"title": entry.title, "date": entry.date_text, "lang": lang}
        item_hints = {k: v for k, v in item_hints.items() if v}
        whole = spec.feed_full_text or (spec.kind == "govkz" and is_whole(entry.paragraphs))
        if whole and entry.paragraphs:
            found.whole_articles.append((link, item_hints, entry.paragraphs))
            continue
        if entry.paragraphs and sum(map(len, entry.paragraphs)) <= SUMMARY_MAX_CHARS:
            item_hints["summary"] = entry.paragraphs  # the text to keep if the page gives none
        found.links.append(Link(link, ROLE_ARTICLE, 0, item_hints))
    if not found.problem and not (found.links or found.whole_articles):
        found.empty = (f"the feed has no items" if not entries else
                       f"none of the feed's {len(entries)} items links to an article"
                       + (f" matching link_pattern {spec.link_pattern!r}" if spec.link_pattern else ""))
    return found


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(node, name: str) -> str | None:
    for child in node.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def _sitemap_root(body: bytes):
    if body[:2] == b"\x1f\x8b":  # a .xml.gz sitemap served as a file, not Content-Encoding
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(body)) as handle:
                body = handle.read(MAX_SITEMAP_BYTES + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise ValueError(f"corrupt gzipped sitemap: {exc}") from None
    if len(body) > MAX_SITEMAP_BYTES:
        raise ValueError("sitemap over the 50 MB limit of the sitemap protocol")
    root = etree.fromstring(body, etree.XMLParser(**_XML_PARSER)) if body.strip() else None
    if root is None:
        raise ValueError("empty or unreadable sitemap XML")
    return root


def _from_sitemap(spec: SourceSpec, url: str, body: bytes, depth: int) -> Discovery:
    try:
        root = _sitemap_root(body)
    except (ValueError, etree.XMLSyntaxError) as exc:
        return Discovery(problem=f"malformed sitemap: {exc}")
    kind = _local(root.tag)
    found = Discovery()
    if kind == "sitemapindex":
        if depth >= spec.max_depth:
            return found
        for node in root:
            child = canonical_url(_child_text(node, "loc") or "", url)
            if child:
                found.links.append(Link(child, ROLE_SITEMAP, depth + 1))
        return found
    if kind != "urlset":
        return Discovery(problem=f"not a sitemap: root element <{kind}>")
    pattern = article_pattern(spec)
    entries = []
    for node in root:
        link = canonical_url(_child_text(node, "loc") or "", url)
        if not _keep(link, pattern):
            continue
        date = _child_text(node, "publication_date") or _child_text(node, "lastmod")
        item_hints = {"title": _child_text(node, "title"), "date": date,
                      "lang": _sitemap_lang(_child_text(node, "language"))}
        entries.append((date or "", link, {k: v for k, v in item_hints.items() if v}))
    entries.sort(key=lambda e: e[0], reverse=True)  # newest first when a sitemap is too long
    found.links = [Link(link, ROLE_ARTICLE, 0, h) for _, link, h in entries[: spec.max_items]]
    if not found.links:
        found.empty = "the sitemap lists no article URLs" + (
            f" matching link_pattern {spec.link_pattern!r}" if spec.link_pattern else "")
    return found


def _sitemap_lang(code: str | None) -> str | None:
    code = (code or "").lower()[:2]
    return "kk" if code == "kz" else code if code in ("kk", "ru", "en") else None


def _hrefs(page: LexborHTMLParser, selector: str) -> list[str]:
    try:
        nodes = page.css(selector)
    except Exception:
        return []
    return [n.attributes.get("href") or "" for n in nodes if n.attributes.get("href")]


def _from_listing(spec: SourceSpec, url: str, text: str, depth: int, hints: dict) -> Discovery:
    page = LexborHTMLParser(text)
    pattern = article_pattern(spec)
    if spec.card_selector:
        raw = card_links(page, spec)
    else:
        raw = [(href, {}) for href in _hrefs(page, spec.link_selector or "a[href]")]
    found, seen = Discovery(), set()
    for href, card_hints in raw:
        link = canonical_url(href, url)
        # A release names its own language (gov.kz's lang=) before the listing it was found on.
        lang = url_lang(link) or hints.get("lang")
        if spec.kind == "govkz" and link:
            link = canonical_url(with_lang(link, lang))
        # Links picked by a selector are articles whatever their shape, unless a pattern was given too.
        selected = spec.link_selector or spec.card_selector
        if link in seen or not _keep(link, pattern if spec.link_pattern or not selected else None):
            continue
        seen.add(link)
        link_hints = {**card_hints, "lang": lang} if lang else dict(card_hints)
        found.links.append(Link(link, ROLE_ARTICLE, 0, link_hints))
    if depth < spec.max_depth:
        found.links += _next_pages(page, spec, url, depth, hints)
        if spec.follow_pattern:
            follow = re.compile(spec.follow_pattern)
            for href in _hrefs(page, "a[href]"):
                link = canonical_url(href, url)
                if link and link not in seen and link != url and follow.search(link):
                    seen.add(link)
                    found.links.append(Link(link, ROLE_LISTING, depth + 1, dict(hints)))
    if not found.links:  # a page with further listing pages (sections, editions) led somewhere
        how = (f"card_selector {spec.card_selector!r}" if spec.card_selector else
               f"link_selector {spec.link_selector!r}" if spec.link_selector else
               f"link_pattern {pattern.pattern!r}" if pattern else "any link")
        found.empty = f"no article links on the listing page ({how} matched nothing)"
    return found


def _next_pages(page: LexborHTMLParser, spec: SourceSpec, url: str, depth: int, hints: dict) -> list[Link]:
    selectors = [spec.next_selector] if spec.next_selector else ["a[rel~=next]", "link[rel~=next]"]
    for selector in selectors:
        for href in _hrefs(page, selector):
            link = canonical_url(href, url)
            if link and link != url:
                if spec.kind == "govkz":
                    link = canonical_url(with_lang(link, hints.get("lang")))
                return [Link(link, ROLE_LISTING, depth + 1, dict(hints))]
    return []
