"""The rest of an article that the page splits into chunks between ads or embeds.

Some layouts write one article as several sibling boxes of the same kind (the same tag and the
same class), each holding a few paragraphs, with an advertisement or a signup box between them.
trafilatura takes the first box it trusts and stops there: the article is cut after its first
section.  Here the box holding the extracted paragraphs is found in the page, and the paragraphs
of the boxes of the same tag and class that follow it nearby (within a few levels of the same
ancestors) are appended, unless they are mostly link text or already in the body.
"""

from __future__ import annotations

from collections import Counter

# How far up the box's ancestors a later box of the same kind may hang and still be a part of
# the same article (Wired-style pages: each chunk in a grid cell, the cells side by side).
SAME_ARTICLE_LEVELS = 2
MIN_MATCHED = 2  # paragraphs of the body the box must hold before it is believed
MIN_MATCH_CHARS = 40  # a body line this long is specific enough to find its paragraph by
MIN_PARAGRAPH_CHARS = 20
MAX_LINK_SHARE = 0.3
# The rest of an article cut into chunks is text of a weight like its first part's; a few lines
# under a box of the same kind are an author's bio, a comment form, captions or a disclaimer.
MIN_ADDED_SHARE = 0.25  # of the body's characters


def _flat(text: str) -> str:
    return " ".join(text.split())


def _body_box(tree, have: set[str]):
    """The element whose <p> children hold most of the body's paragraphs, with a class."""
    parents: Counter = Counter()
    for paragraph in tree.iter("p"):
        text = _flat(paragraph.text_content())
        if len(text) >= MIN_MATCH_CHARS and text in have:
            parents[paragraph.getparent()] += 1
    if not parents:
        return None
    box, matched = parents.most_common(1)[0]
    return box if matched >= MIN_MATCHED and box is not None and box.get("class") else None


def _near(element, ancestors: list) -> bool:
    for _ in range(SAME_ARTICLE_LEVELS):
        element = element.getparent()
        if element is None:
            return False
        if any(element is ancestor for ancestor in ancestors):
            return True
    return False


def _ancestors(element) -> list:
    found = []
    for _ in range(SAME_ARTICLE_LEVELS):
        element = element.getparent()
        if element is None:
            break
        found.append(element)
    return found


def following_chunks(tree, body_lines: list[str]) -> list[str]:
    """Paragraphs of the article's later chunks that the body lacks (empty when none)."""
    have = {_flat(line) for line in body_lines if line.strip()}
    box = _body_box(tree, have)
    if box is None:
        return []
    kind, ancestors, after = box.get("class"), _ancestors(box), False
    added: list[str] = []
    for element in tree.iter(box.tag):
        if element is box:
            after = True
            continue
        if not after or element.get("class") != kind or not _near(element, ancestors):
            continue
        for paragraph in element.iter("p"):
            text = _flat(paragraph.text_content())
            if len(text) < MIN_PARAGRAPH_CHARS or text in have:
                continue
            links = sum(len(_flat(link.text_content())) for link in paragraph.iter("a"))
            if links > MAX_LINK_SHARE * len(text):
                continue
            added.append(text)
            have.add(text)
    return added if sum(map(len, added)) >= MIN_ADDED_SHARE * sum(map(len, body_lines)) else []
