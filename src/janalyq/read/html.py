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

import trafilatura
from trafilatura.metadata import extract_title

from janalyq.article import Article, Reject
from janalyq.read.files import TextInput
from janalyq.read.html_chunks import following_chunks
from janalyq.read.html_dateparser import page_language
from janalyq.read.html_dates import page_date, structured_date_texts
from janalyq.read.html_parse import XML_PROLOG, TooDeep, parse_page
from janalyq.read.html_teasers import drop_teaser_blocks, prune_teaser_sections

__all__ = ["looks_like_html", "read_html", "extract_page", "parse_page", "structured_date_texts", "TooDeep"]

_PRIMARY_SUBTAG = re.compile(r"^([a-z]{2,3})\b", re.I)


def looks_like_html(doc: TextInput) -> bool:
    if doc.name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = XML_PROLOG.sub("", doc.text[:2048]).lstrip().lower()
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


def _declared_lang(tree, metas: dict[str, str]) -> str | None:
    """The language the page declares, as its primary subtag ("de" for "de-AT"), any language."""
    raw = tree.get("lang") or _meta(metas, "og:locale", "language") or ""
    match = _PRIMARY_SUBTAG.match(raw.strip())
    if not match:
        return None
    code = match.group(1).lower()
    return "kk" if code in ("kz", "qq") else code


def _page_lang(declared: str | None) -> str | None:
    """The article's language when the page declares one of the hub's (the language stage
    decides the others)."""
    return declared if declared in ("kk", "ru", "en") else None


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


# A fast text made mostly of short lines (a few words each) is a menu or a link list that the
# fast rules took for the article; the full pass, which checks its choice against readability
# and jusText, finds the text on such pages.  Its text wins when it is less of a list.
SHORT_LINE_CHARS = 30
SHORT_LINE_WORDS = 3
LIST_SHARE = 0.6


def short_line_share(text: str) -> float:
    """The share of the text's characters in short lines (under 30 characters, 3 words at most)."""
    total = short = 0
    for line in text.split("\n"):
        line = line.strip()
        total += len(line)
        if len(line) < SHORT_LINE_CHARS and len(line.split()) <= SHORT_LINE_WORDS:
            short += len(line)
    return short / total if total else 0.0


def main_text(tree, url: str | None) -> tuple[str, str]:
    """(the page's main text, the pass that gave it: "fast", "full" or "recall")."""
    text, used = _trafilatura_text(tree, url, fast=True), "fast"
    if len(text) < FULL_PASS_BELOW:
        # On a short page the fast pass can fall back to trafilatura's baseline, which runs the
        # paragraphs into one line: the full pass's text wins unless it is shorter.
        full = _trafilatura_text(tree, url)
        if len(full) >= len(text):
            text, used = full, "full"
    elif (listed := short_line_share(text)) >= LIST_SHARE:
        full = _trafilatura_text(tree, url)
        if full.strip() and short_line_share(full) < listed:
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
    declared = _declared_lang(tree, metas)
    lang = _page_lang(declared)
    with page_language(declared):  # htmldate's dateparser, if it runs, reads the page's language
        date_text, source = page_date(tree, text, page_url or uri, lang)
    sections = prune_teaser_sections(tree)  # for the text passes only: the dates read the whole page
    body, text_pass = main_text(tree, page_url)
    lines = [line for line in (body or "").split("\n") if line.strip()]
    more = following_chunks(tree, lines)
    body_lines, teasers = drop_teaser_blocks(lines + more)
    article = Article(
        url=uri,
        title=_title(tree, metas),
        body=body_lines,
        source_url=page_url,
        lang=lang,
        date_text=date_text,
        site_section=None,
    )
    repairs = {f"text_from_{text_pass}_pass": 1} if text_pass != "fast" else {}
    if more:  # counted as the read stage's repairs
        repairs["later_chunks_added"] = 1
    if teasers or sections:
        repairs["teaser_blocks_dropped"] = teasers + sections
    article.read_repairs = repairs or None
    return article, PageFacts(source, text_pass)


def read_html(doc: TextInput) -> Iterator[Article | Reject]:
    yield extract_page(doc.text, doc.uri)[0]
