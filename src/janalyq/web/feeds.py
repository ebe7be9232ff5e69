"""RSS 2.0 and Atom 1.0 from a page dict's `articles`.

Built with ElementTree, so every text is XML-escaped by construction; dates are RFC 822 in RSS
and RFC 3339 in Atom.  An article's moment is its publication time where the source gave one,
else the start of its publication day in Astana; an undated article uses its collection time.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from email.utils import format_datetime

from janalyq.times import PUBLISHER_ZONE
from janalyq.web.i18n import language_name, translate

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
# The date of a feed with no item in a store that has never finished a run (never 1970).
EMPTY_STORE_MOMENT = dt.datetime(2026, 1, 1, tzinfo=PUBLISHER_ZONE)
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
GENERATOR = "janalyq"


def moment_of(article: dict) -> dt.datetime:
    if article.get("published_at"):
        moment = dt.datetime.fromisoformat(article["published_at"])
        # A foreign page's time without a zone: UTC is the honest guess of a reader's clock.
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
    if article.get("published"):
        # A day without a time: the start of that day where the sources publish.
        day = dt.date.fromisoformat(article["published"])
        return dt.datetime(day.year, day.month, day.day, tzinfo=PUBLISHER_ZONE)
    if article.get("collected_at"):
        moment = dt.datetime.fromisoformat(article["collected_at"])
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
    return EMPTY_STORE_MOMENT


def _updated(page: dict) -> dt.datetime:
    """The feed's date: its newest change (feed_http), else its newest item."""
    return page.get("updated") or max((moment_of(a) for a in page["articles"]), default=EMPTY_STORE_MOMENT)


def _title(page: dict) -> str:
    """The feed's title names its news language, so the kk, ru, en and all-languages feeds of
    one page are told apart in a reader's list."""
    lang = page.get("content_lang")
    which = language_name(page["ui"], lang) if lang else translate(page["ui"], "feed_all_languages")
    return f"janalyq: {page['title']} ({which})"


def full_html(article: dict) -> str:
    """The article's text as HTML paragraphs; every paragraph is escaped text, so the feed carries
    no markup of the source (sanitised by construction)."""
    paragraphs = article.get("paragraphs") or [article.get("lead") or ""]
    return "".join(f"<p>{html.escape(xml_safe(p), quote=False)}</p>" for p in paragraphs if p)


def xml_safe(text: str) -> str:
    """Drop the characters XML 1.0 forbids (scraped text can hold stray control bytes)."""
    return _XML_INVALID.sub("", text)


def _text(parent: ET.Element, tag: str, text: str | None, **attrs) -> ET.Element:
    node = ET.SubElement(parent, tag, {k: xml_safe(v) for k, v in attrs.items()})
    if text is not None:
        node.text = xml_safe(text)
    return node


def _html_text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    """Plain text in an RSS element that readers treat as HTML (title, description, category):
    escaped as HTML first, so that after the XML unescaping a reader does, "<img onerror=...>"
    in an article is still text, never a live tag (feedparser without its sanitizer yields the
    escaped text, type text/html).  Atom says type="text" instead and needs none of this."""
    return _text(parent, tag, html.escape(xml_safe(text), quote=False))


def rss(page: dict, base_url: str, feed_url: str) -> bytes:
    ET.register_namespace("atom", ATOM_NS)
    ET.register_namespace("content", CONTENT_NS)
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    _html_text(channel, "title", _title(page))
    _text(channel, "link", base_url + page["links"]["self"])
    _html_text(channel, "description", page["title"])
    _text(channel, "language", page.get("content_lang") or page["ui"])
    _text(channel, "lastBuildDate", format_datetime(_updated(page)))
    _text(channel, "generator", GENERATOR)
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": feed_url, "rel": "self", "type": "application/rss+xml"})
    for article in page["articles"]:
        item = ET.SubElement(channel, "item")
        _html_text(item, "title", article["title"])
        _text(item, "link", base_url + article["url"])
        _text(item, "guid", f"urn:janalyq:article:{article['id']}", isPermaLink="false")
        _text(item, "pubDate", format_datetime(moment_of(article)))
        _html_text(item, "description", article.get("snippet") or article.get("lead") or "")
        _text(item, f"{{{CONTENT_NS}}}encoded", full_html(article))
        if article.get("section_name"):
            _html_text(item, "category", article["section_name"])
        source = article.get("source_url") or ""
        if source.startswith(("http://", "https://")):
            _html_text(item, "source", article.get("outlet_name") or source).set("url", xml_safe(source))
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)


def atom(page: dict, base_url: str, feed_url: str) -> bytes:
    ET.register_namespace("", ATOM_NS)
    a = f"{{{ATOM_NS}}}"
    root = ET.Element(f"{a}feed", {"{http://www.w3.org/XML/1998/namespace}lang": page.get("content_lang") or page["ui"]})
    _text(root, f"{a}id", feed_url)
    _text(root, f"{a}title", _title(page))
    _text(root, f"{a}updated", _updated(page).isoformat())
    author = ET.SubElement(root, f"{a}author")
    _text(author, f"{a}name", GENERATOR)
    _text(root, f"{a}generator", GENERATOR)
    ET.SubElement(root, f"{a}link", {"rel": "self", "href": feed_url, "type": "application/atom+xml"})
    ET.SubElement(root, f"{a}link", {"rel": "alternate", "href": base_url + page["links"]["self"], "type": "text/html"})
    for article in page["articles"]:
        entry = ET.SubElement(root, f"{a}entry")
        _text(entry, f"{a}id", f"urn:janalyq:article:{article['id']}")
        _text(entry, f"{a}title", article["title"])
        _text(entry, f"{a}updated", moment_of(article).isoformat())
        _text(entry, f"{a}published", moment_of(article).isoformat())
        ET.SubElement(entry, f"{a}link", {"rel": "alternate", "href": base_url + article["url"], "type": "text/html"})
        source = article.get("source_url") or ""
        if source.startswith(("http://", "https://")):
            ET.SubElement(entry, f"{a}link", {"rel": "via", "href": source})
        _text(entry, f"{a}summary", article.get("snippet") or article.get("lead") or "", type="text")
        _text(entry, f"{a}content", full_html(article), type="html")
        if article.get("section_name"):
            ET.SubElement(entry, f"{a}category", {"term": article.get("site_section") or "", "label": article["section_name"]})
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)
