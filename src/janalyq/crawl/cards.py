"""Listing pages made of cards: one block per article with its link, title and date.

News sites print on the listing what the article page may hide or print differently: akorda.kz
a date in each card's `h5`, kt.kz "07.01.2026, 16:34" beside a view count.  With
`card_selector`, each card gives its article link (the first `link_selector` match inside the
card, or its first link) and the card's title and date travel with the link as hints: the page's
own title and date still come first, the card's fill what the page leaves out.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from janalyq.crawl.config import SourceSpec


def _css(node, selector: str) -> list[LexborNode]:
    try:
        return node.css(selector)
    except Exception:  # a bad selector in one source's settings must not stop the crawl
        return []


def _text(node: LexborNode, selector: str | None) -> str | None:
    if not selector:
        return None
    found = _css(node, selector)
    text = " ".join(found[0].text(separator=" ").split()) if found else ""
    return text or None


def card_links(page: LexborHTMLParser, spec: SourceSpec) -> list[tuple[str, dict]]:
    """(href, hints) for each card on a listing page, in page order."""
    links = []
    for card in _css(page, spec.card_selector or ""):
        anchors = [a for a in _css(card, spec.link_selector or "a[href]") if a.attributes.get("href")]
        if not anchors and card.tag == "a" and card.attributes.get("href"):
            anchors = [card]  # the whole card is the link
        if not anchors:
            continue
        title = _text(card, spec.card_title_selector) or " ".join(anchors[0].text(separator=" ").split())
        hints = {"title": title, "date": _text(card, spec.card_date_selector)}
        links.append((anchors[0].attributes["href"], {k: v for k, v in hints.items() if v}))
    return links
