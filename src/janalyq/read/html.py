"""Reader for HTML article pages: trafilatura finds the main text, our rules the title and date.

The page is parsed once (trafilatura's own parser settings, so the text is what trafilatura
alone would give) and that tree serves everything: trafilatura's text pass runs without its
metadata pass, whose date search we run ourselves in `html_dates` with our forms first.
trafilatura's own date guess is not used as such: on Kazakh pages it returns 1 January of the
year.  Tables are kept (as text rows): results and statistics pages are mostly tables.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import lxml.html
import trafilatura
from trafilatura.metadata import extract_title
from trafilatura.utils import HTML_PARSER as TRAFILATURA_PARSER

from janalyq.article import Article, Reject
from janalyq.read.files import TextInput
from janalyq.read.html_chunks import following_chunks
from janalyq.read.html_dates import page_date, structured_date_texts

__all__ = ["looks_like_html", "read_html", "extract_page", "structured_date_texts"]

_LANG = re.compile(r"^(kk|kz|qq|ru|en)\b", re.I)
# lxml refuses a str that still declares its encoding; the text is decoded already.
_XML_PROLOG = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def looks_like_html(doc: TextInput) -> bool:
    if doc.name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = _XML_PROLOG.sub("", doc.text[:2048]).lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<body" in doc.text[:65536].lower())


@dataclass
class PageFacts:
    """What the reader saw besides the article: where the date came from, which pass gave the text."""

    date_source: str = ""  # "structured", "header", "search" or "" (no date)
    text_pass: str = ""  # which trafilatura pass gave the text: "fast", "full" or "recall"


def meta_contents(tree) -> dict[str, str]:
    """The first non-empty content of each <meta property=...> or <meta name=...> (one pass)."""
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        content = (meta.get("content") or "").strip()
        for attr in ("property", "name"):
            key = meta.get(attr)
            if key and content and key not in found:
                found[key] = content
    return found


def _meta(metas: dict[str, str], *names: str) -> str | None:
    return next((metas[name] for name in names if name in metas), None)


def _page_lang(tree, metas: dict[str, str]) -> str | None:
    raw = tree.get("lang") or _meta(metas, "og:locale", "language") or ""
    match = _LANG.match(raw.strip())
    if not match:
        return None
    code = match.group(1).lower()
    return "kk" if code in ("kz", "qq") else code


def _jsonld_headline(tree) -> str | None:
    for node in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(node)
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("headline"), str) and item["headline"].strip():
                return item["headline"]
    return None


def _title(tree, metas: dict[str, str]) -> str:
    found = (_meta(metas, "og:title", "twitter:title") or _jsonld_headline(tree) or extract_title(tree)
             or "".join(tree.xpath("//title/text()")) or "")
    return " ".join(found.split())


# libxml2 stops building a tree 256 levels deep, silently: whatever a page nests deeper is lost
# (a body inside 300 wrappers came out empty).  The parser's error log says so; such a page is
# parsed again with the limit raised to libxml2's "huge" depth, and past that it is refused,
# never stored without its text.
_DEEP_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, remove_comments=True,
                                    remove_pis=True, huge_tree=True)


class TooDeep(ValueError):
    pass


def _hit_depth_limit(parser) -> bool:
    return any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


def parse_page(text: str):
    """The page's tree, or None when it holds no HTML document (TooDeep past libxml2's limit)."""
    text = _XML_PROLOG.sub("", text, count=1)
    tree = trafilatura.load_html(text)
    if tree is None or not _hit_depth_limit(TRAFILATURA_PARSER):
        return tree
    deep = lxml.html.fromstring(text, parser=_DEEP_PARSER)
    if _hit_depth_limit(_DEEP_PARSER):
        raise TooDeep("HTML nested too deep to read (over 2,048 levels): its text would be lost")
    return deep


# trafilatura's fast pass (its own rules, without the readability and jusText comparison) gives
# the text its full pass gives on most pages at about two thirds of the cost.  Where the fast
# text is short, the comparison may find more, so the full pass runs too and its text wins unless
# shorter; a text still very short gets trafilatura's recall mode as well (the longer wins).  Measured on the two
# public benchmarks (bench/README.md): must-contain as the full pass alone, 11% of pages read
# twice.
FULL_PASS_BELOW = 1000
RECALL_PASS_BELOW = 300


def _trafilatura_text(tree, url: str | None, **mode) -> str:
    extracted = trafilatura.bare_extraction(tree, url=url, include_comments=False, include_tables=True, **mode)
    return (extracted.text or "") if extracted is not None else ""


def main_text(tree, url: str | None) -> tuple[str, str]:
    """(the page's main text, the pass that gave it: "fast", "full" or "recall")."""
    text, used = _trafilatura_text(tree, url, fast=True), "fast"
    if len(text) < FULL_PASS_BELOW:
        # On a short page the fast pass can fall back to trafilatura's baseline, which runs the
        # paragraphs into one line: the full pass's text wins unless it is shorter.
        full = _trafilatura_text(tree, url)
        if len(full) >= len(text):
            text, used = full, "full"
    if len(text) < RECALL_PASS_BELOW:
        more = _trafilatura_text(tree, url, favor_recall=True)
        if len(more) > len(text):
            text, used = more, "recall"
    return text, used


def extract_page(text: str, uri: str) -> tuple[Article | Reject, PageFacts]:
    """The article on one HTML page (a Reject saying why there is none), and how it was found."""
    try:
        tree = parse_page(text)
    except TooDeep as exc:
        return Reject(uri, str(exc)), PageFacts()
    except (ValueError, TypeError) as exc:
        return Reject(uri, f"unparseable HTML: {exc}"), PageFacts()
    if tree is None:
        return Reject(uri, "unparseable HTML: no document tree"), PageFacts()
    metas = meta_contents(tree)
    canonical = tree.xpath('//link[@rel="canonical"]/@href') or [_meta(metas, "og:url")]
    page_url = canonical[0].strip() if canonical and canonical[0] else None
    lang = _page_lang(tree, metas)
    date_text, source = page_date(tree, text, page_url or uri, lang)
    body, text_pass = main_text(tree, page_url)
    lines = [line for line in (body or "").split("\n") if line.strip()]
    more = following_chunks(tree, lines)
    article = Article(
        url=uri,
        title=_title(tree, metas),
        body=lines + more,
        source_url=page_url,
        lang=lang,
        date_text=date_text,
        site_section=None,
    )
    repairs = {f"text_from_{text_pass}_pass": 1} if text_pass != "fast" else {}
    if more:  # counted as the read stage's repairs
        repairs["later_chunks_added"] = 1
    article.read_repairs = repairs or None
    return article, PageFacts(source, text_pass)


def read_html(doc: TextInput) -> Iterator[Article | Reject]:
    yield extract_page(doc.text, doc.uri)[0]
