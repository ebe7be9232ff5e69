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

ATOM_NS = "http://www.w3.org/2005/Atom"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
GENERATOR = "janalyq"


def _moment(article: dict) -> dt.datetime:
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
    return dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _newest(articles: list[dict]) -> dt.datetime:
    return max((_moment(a) for a in articles), default=dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))


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
    root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(root, "channel")
    _html_text(channel, "title", f"janalyq: {page['title']}")
    _text(channel, "link", base_url + page["links"]["self"])
    _html_text(channel, "description", page["title"])
    _text(channel, "language", page.get("content_lang") or page["ui"])
    _text(channel, "lastBuildDate", format_datetime(_newest(page["articles"])))
    _text(channel, "generator", GENERATOR)
    ET.SubElement(channel, f"{{{ATOM_NS}}}link", {"href": feed_url, "rel": "self", "type": "application/rss+xml"})
    for article in page["articles"]:
        item = ET.SubElement(channel, "item")
        _html_text(item, "title", article["title"])
        _text(item, "link", base_url + article["url"])
        _text(item, "guid", f"urn:janalyq:article:{article['id']}", isPermaLink="false")
        _text(item, "pubDate", format_datetime(_moment(article)))
        _html_text(item, "description", article.get("snippet") or article.get("lead") or "")
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
    _text(root, f"{a}title", f"janalyq: {page['title']}")
    _text(root, f"{a}updated", _newest(page["articles"]).isoformat())
    author = ET.SubElement(root, f"{a}author")
    _text(author, f"{a}name", GENERATOR)
    _text(root, f"{a}generator", GENERATOR)
    ET.SubElement(root, f"{a}link", {"rel": "self", "href": feed_url, "type": "application/atom+xml"})
    ET.SubElement(root, f"{a}link", {"rel": "alternate", "href": base_url + page["links"]["self"], "type": "text/html"})
    for article in page["articles"]:
        entry = ET.SubElement(root, f"{a}entry")
        _text(entry, f"{a}id", f"urn:janalyq:article:{article['id']}")
        _text(entry, f"{a}title", article["title"])
        _text(entry, f"{a}updated", _moment(article).isoformat())
        _text(entry, f"{a}published", _moment(article).isoformat())
        ET.SubElement(entry, f"{a}link", {"rel": "alternate", "href": base_url + article["url"], "type": "text/html"})
        source = article.get("source_url") or ""
        if source.startswith(("http://", "https://")):
            ET.SubElement(entry, f"{a}link", {"rel": "via", "href": source})
        _text(entry, f"{a}summary", article.get("snippet") or article.get("lead") or "", type="text")
        if article.get("section_name"):
            ET.SubElement(entry, f"{a}category", {"term": article.get("site_section") or "", "label": article["section_name"]})
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="utf-8", xml_declaration=False)
