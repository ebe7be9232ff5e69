"""Reader for RSS and Atom feeds (feedparser), for feed files and for crawled feeds.

A feed is parsed from bytes, never from a string, because feedparser treats a string that looks
like a URL or a path as something to open.  Dates are kept as the feed wrote them
("Tue, 17 Mar 2026 00:30:00 +0500"): feedparser's parsed dates are in UTC, which moves a
release published after midnight in Astana to the previous day.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import feedparser
import lxml.html

from janalyq.article import Article, Reject
from janalyq.read.files import TextInput

_XML_ENCODING = re.compile(r"""(<\?xml[^>]*?encoding\s*=\s*)["'][^"']*["']""", re.I)
_FEED_ROOT = re.compile(r"<(?:rss|rdf:RDF|feed)\b", re.I)
_BLOCKS = ".//p|.//li|.//h2|.//h3|.//blockquote"


@dataclass
class FeedEntry:
    link: str
    title: str = ""
    date_text: str | None = None
    lang: str | None = None
    paragraphs: list[str] = field(default_factory=list)  # the longest text the entry carries
    position: int = 0


@dataclass
class ParsedFeed:
    entries: list[FeedEntry]
    problem: str | None = None  # set for a malformed feed (entries may still have been read)
    lang: str | None = None


def feed_lang(code: str | None) -> str | None:
    code = (code or "").strip().lower()[:2]
    return {"kz": "kk"}.get(code, code) if code in ("kk", "kz", "ru", "en") else None


def html_paragraphs(fragment: str) -> list[str]:
    if not fragment or not fragment.strip():
        return []
    if "<" not in fragment:
        return [p.strip() for p in fragment.split("\n") if p.strip()]
    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return [fragment.strip()]
    blocks = [" ".join(node.text_content().split()) for node in tree.xpath(_BLOCKS)]
    blocks = [b for b in blocks if b]
    return blocks or [" ".join(tree.text_content().split())]


def parse_feed(data: bytes, url: str, charset: str | None = None) -> ParsedFeed:
    # Without a content type feedparser flags every feed "bozo" (NonXMLContentType), which would
    # report a good feed served without a charset as malformed: the XML declaration decides then.
    headers = {"content-location": url, "content-type": "application/xml"}
    if charset:
        headers["content-type"] = f"application/xml; charset={charset}"
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers, sanitize_html=False)
    lang = feed_lang(parsed.feed.get("language"))
    entries = []
    for position, entry in enumerate(parsed.entries):
        link = entry.get("link") or entry.get("id") or ""
        contents = [c.get("value", "") for c in entry.get("content", [])]
        text = max([entry.get("summary", ""), *contents], key=len)
        entries.append(FeedEntry(
            link=link.strip(), title=" ".join((entry.get("title") or "").split()),
            date_text=entry.get("published") or entry.get("updated") or entry.get("dc_date"),
            lang=feed_lang(entry.get("language")) or lang,
            paragraphs=html_paragraphs(text), position=position,
        ))
    problem = None
    if parsed.get("bozo"):
        exc = parsed.get("bozo_exception")
        problem = f"malformed feed: {type(exc).__name__}: {exc}" if exc else "malformed feed"
        if not parsed.version and not entries:
            problem += " (nothing readable)"
    elif not parsed.version:
        problem = "not an RSS or Atom feed"
    return ParsedFeed(entries, problem, lang)


def entry_article(entry: FeedEntry, feed_url: str) -> Article:
    return Article(url=entry.link or f"{feed_url}#{entry.position}", title=entry.title,
                   body=list(entry.paragraphs), date_text=entry.date_text, lang=entry.lang,
                   source_url=entry.link or None, position=entry.position)


def looks_like_feed(doc: TextInput) -> bool:
    head = doc.text[:1024].lstrip()
    if doc.name.lower().endswith((".rss", ".atom")):
        return True
    return head.startswith("<?xml") and bool(_FEED_ROOT.search(doc.text[:4096])) or \
        head.startswith(("<rss", "<feed"))


def read_feed(doc: TextInput) -> Iterator[Article | Reject]:
    # The text is already decoded: tell feedparser so, whatever the XML declaration said.
    data = _XML_ENCODING.sub(r'\1"utf-8"', doc.text, count=1).encode("utf-8")
    feed = parse_feed(data, doc.uri, "utf-8")
    if feed.problem and not feed.entries:
        yield Reject(doc.uri, feed.problem)
        return
    for entry in feed.entries:
        if not (entry.title or entry.paragraphs):
            yield Reject(f"{doc.uri}#{entry.position}", "feed item has neither title nor text")
            continue
        yield entry_article(entry, doc.uri)
