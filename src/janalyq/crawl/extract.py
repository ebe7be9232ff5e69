"""A fetched article page, plus what the crawl knew about it, becomes an `Article`.

The generic HTML reader (trafilatura for the text, metadata for the date) does the work; a
source's own selectors, when it has them, come first; what the feed or sitemap said (title,
date, language) fills what the page leaves out.  `hints` is a plain dict so that it can travel
in the WARC record and give the same article when the archive is imported again.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from janalyq.article import Article, Reject
from janalyq.dates import parse_date
from janalyq.read.html import extract_page

HINT_KEYS = ("lang", "outlet", "title", "date", "section", "title_selector", "date_selector",
             "body_selector")


def _select_text(page: LexborHTMLParser, selector: str | None) -> str | None:
    if not selector:
        return None
    try:
        node = page.css_first(selector)
    except Exception:  # a bad selector in one source's settings must not stop the crawl
        return None
    text = " ".join(node.text(separator=" ").split()) if node is not None else ""
    return text or None


def _select_paragraphs(page: LexborHTMLParser, selector: str | None) -> list[str]:
    if not selector:
        return []
    try:
        node = page.css_first(selector)
    except Exception:
        return []
    if node is None:
        return []
    blocks = node.css("p, li, h2, h3, blockquote") or [node]
    return [t for t in (" ".join(b.text(separator=" ").split()) for b in blocks) if t]


def article_from_page(url: str, text: str, hints: dict) -> Article | Reject:
    """The article on an HTML page at `url`; a Reject says why there is none."""
    article, facts = extract_page(text, url)
    if isinstance(article, Reject):
        return article
    page = LexborHTMLParser(text)
    article.title = _select_text(page, hints.get("title_selector")) or article.title or hints.get("title") or ""
    body = _select_paragraphs(page, hints.get("body_selector"))
    if body:
        article.body = body
    # The page's metadata is the best evidence; the feed's date comes before a date the reader
    # only found in the page's header text or by searching it.
    structured = article.date_text if facts.date_source == "structured" else None
    article.date_text = (_select_text(page, hints.get("date_selector")) or structured
                         or hints.get("date") or article.date_text)
    article.lang = hints.get("lang") or article.lang
    article.outlet = hints.get("outlet") or article.outlet
    section = page.css_first('meta[property="article:section"]')
    article.site_section = (hints.get("section") or article.site_section
                            or (section.attributes.get("content") if section is not None else None))
    # The page's canonical link names the original publication when the page is a copy (an
    # aggregator's page of a gov.kz release); otherwise the page itself is the source.
    article.source_url = article.source_url or url
    article.url = url
    _drop_date_lines(article)
    return article


def _drop_date_lines(article: Article) -> None:
    """The headline and the date printed above the text ("17.03.2026") are picked up as the
    first paragraphs by the text extractor; they are metadata, not text."""
    title = " ".join(article.title.split())
    while article.body:
        first = article.body[0].strip()
        if first == title or (len(first) <= 40 and parse_date(first, article.lang)):
            article.body.pop(0)
        else:
            break


def article_from_hints(url: str, hints: dict, paragraphs: list[str]) -> Article:
    """An article that a feed carried whole (feed_full_text sources): no page to read."""
    return Article(url=url, title=hints.get("title") or "", body=list(paragraphs),
                   date_text=hints.get("date"), lang=hints.get("lang"), outlet=hints.get("outlet"),
                   source_url=url, site_section=hints.get("section"))
