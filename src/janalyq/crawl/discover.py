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
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from lxml import etree
from selectolax.lexbor import LexborHTMLParser

from janalyq.crawl.config import SourceSpec
from janalyq.crawl.urls import canonical_url, looks_like_article_link
from janalyq.read.feed import parse_feed

ROLE_ARTICLE, ROLE_FEED, ROLE_SITEMAP, ROLE_LISTING = "article", "feed", "sitemap", "listing"
NAV_ROLES = (ROLE_FEED, ROLE_SITEMAP, ROLE_LISTING)
MAX_SITEMAP_BYTES = 50 * 2**20  # the sitemap protocol's own limit, uncompressed
GOVKZ_NEWS = "/memleket/entities/{entity}/press/news"
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


def seeds(spec: SourceSpec) -> list[Link]:
    if spec.kind in ("rss", "atom"):
        return [Link(spec.url, ROLE_FEED)]
    if spec.kind == "sitemap":
        return [Link(spec.url, ROLE_SITEMAP)]
    if spec.kind == "listing":
        return [Link(spec.url, ROLE_LISTING)]
    news = spec.url + GOVKZ_NEWS.format(entity=spec.entity)
    return [Link(f"{news}?lang={lang}", ROLE_LISTING, 0, {"lang": lang}) for lang in spec.languages]


def article_pattern(spec: SourceSpec) -> re.Pattern | None:
    if spec.link_pattern:
        return re.compile(spec.link_pattern)
    if spec.kind == "govkz":
        return re.compile(re.escape(GOVKZ_NEWS.format(entity=spec.entity)) + r"/details/\d+")
    return None


def _keep(url: str | None, pattern: re.Pattern | None) -> bool:
    return bool(url) and looks_like_article_link(url) and (pattern is None or bool(pattern.search(url)))


def discover(role: str, spec: SourceSpec, url: str, body: bytes, text: str | None, depth: int,
             hints: dict, charset: str | None = None) -> Discovery:
    if role == ROLE_FEED:
        return _from_feed(spec, url, body, charset)
    if role == ROLE_SITEMAP:
        return _from_sitemap(spec, url, body, depth)
    return _from_listing(spec, url, text or "", depth, hints)


def _from_feed(spec: SourceSpec, url: str, body: bytes, charset: str | None) -> Discovery:
    feed = parse_feed(body, url, charset)
    found = Discovery(problem=feed.problem)
    pattern = article_pattern(spec)
    for entry in feed.entries[: spec.max_items]:
        link = canonical_url(entry.link, url)
        if not _keep(link, pattern):
            continue
        item_hints = {"title": entry.title, "date": entry.date_text, "lang": entry.lang}
        item_hints = {k: v for k, v in item_hints.items() if v}
        if spec.feed_full_text and entry.paragraphs:
            found.whole_articles.append((link, item_hints, entry.paragraphs))
        else:
            found.links.append(Link(link, ROLE_ARTICLE, 0, item_hints))
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
    return found


def _sitemap_lang(code: str | None) -> str | None:
    code = (code or "").lower()[:2]
    return "kk" if code == "kz" else code if code in ("kk", "ru", "en") else None


def _with_lang(url: str, lang: str | None) -> str:
    """gov.kz serves every language at one path: the lang parameter must stay on the link."""
    if not lang:
        return url
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if "lang" in query:
        return url
    query["lang"] = lang
    return urlunsplit(parts._replace(query=urlencode(sorted(query.items()))))


def _hrefs(page: LexborHTMLParser, selector: str) -> list[str]:
    try:
        nodes = page.css(selector)
    except Exception:
        return []
    return [n.attributes.get("href") or "" for n in nodes if n.attributes.get("href")]


def _from_listing(spec: SourceSpec, url: str, text: str, depth: int, hints: dict) -> Discovery:
    page = LexborHTMLParser(text)
    pattern = article_pattern(spec)
    lang = hints.get("lang")
    raw = _hrefs(page, spec.link_selector) if spec.link_selector else _hrefs(page, "a[href]")
    found, seen = Discovery(), set()
    for href in raw:
        link = canonical_url(href, url)
        if spec.kind == "govkz" and link:
            link = canonical_url(_with_lang(link, lang))
        if link in seen or not _keep(link, pattern if not spec.link_selector else None):
            continue
        seen.add(link)
        found.links.append(Link(link, ROLE_ARTICLE, 0, {"lang": lang} if lang else {}))
    if depth < spec.max_depth:
        found.links += _next_pages(page, spec, url, depth, hints)
        if spec.follow_pattern:
            follow = re.compile(spec.follow_pattern)
            for href in _hrefs(page, "a[href]"):
                link = canonical_url(href, url)
                if link and link not in seen and link != url and follow.search(link):
                    seen.add(link)
                    found.links.append(Link(link, ROLE_LISTING, depth + 1, dict(hints)))
    return found


def _next_pages(page: LexborHTMLParser, spec: SourceSpec, url: str, depth: int, hints: dict) -> list[Link]:
    selectors = [spec.next_selector] if spec.next_selector else ["a[rel~=next]", "link[rel~=next]"]
    for selector in selectors:
        for href in _hrefs(page, selector):
            link = canonical_url(href, url)
            if link and link != url:
                if spec.kind == "govkz":
                    link = canonical_url(_with_lang(link, hints.get("lang")))
                return [Link(link, ROLE_LISTING, depth + 1, dict(hints))]
    return []
