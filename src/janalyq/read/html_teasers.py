"""Teaser blocks in an article's text: a heading such as "Читайте также", "Read also" or "Tags"
on a line of its own, and the headlines or tags listed under it; in the page's tree, such a
heading and the cards of other articles that follow it.

News pages put such blocks at the end of an article and, on Kazakh and Russian sites often, between
its paragraphs; trafilatura keeps them when they sit inside the article's box.  The heading and the
lines under it that are not prose (other articles' headlines, tags) are dropped; the first line
that reads as prose is the article again.
"""

from __future__ import annotations

import re

# Whole lines only, compared case-folded without trailing punctuation.
TEASER_HEADINGS = frozenset("""
читайте также|читайте тоже|по теме|материалы по теме|еще по теме|ещё по теме|похожие новости|другие новости
|похожие материалы|теги|метки
|тағы оқыңыз|тақырыпқа қатысты|ұқсас жаңалықтар|басқа жаңалықтар|тегтер
|read also|also read|read more|see also|related|related articles|related stories|related posts
|related news|related content|more stories|more news|you may also like|you might also like|don't miss
|don’t miss|tags|most read|most popular
|lesen sie auch|mehr zum thema|weitere artikel|ähnliche artikel|verwandte artikel|auch interessant
|das könnte sie auch interessieren|das könnte dich auch interessieren|schlagwörter|themen|meistgelesen
|à lire aussi|lire aussi|sur le même sujet|articles similaires
|te puede interesar|noticias relacionadas|lee también|leia também|veja também|notícias relacionadas
|você pode gostar|você também pode gostar|talvez você goste|posts relacionados|artigos relacionados
""".replace("\n", "").split("|"))
_TRAILING = re.compile(r"[\s:.…!|>»\-–—]+$")
PROSE_CHARS = 150  # a line this long is text, whatever its end
PROSE_WORDS = 8
_SENTENCE_END = (".", "!", "?", "\"", "”", "»", "…")


def is_teaser_heading(line: str) -> bool:
    return _TRAILING.sub("", line.strip()).casefold() in TEASER_HEADINGS


def _is_prose(line: str) -> bool:
    line = line.strip()
    return len(line) > PROSE_CHARS or (len(line.split()) >= PROSE_WORDS and line.endswith(_SENTENCE_END))


def drop_teaser_blocks(lines: list[str]) -> tuple[list[str], int]:
    """(the lines without teaser blocks, how many blocks were dropped)."""
    kept: list[str] = []
    blocks = 0
    in_block = False
    for line in lines:
        if in_block and (not line.strip() or not _is_prose(line)):
            continue
        in_block = False
        if is_teaser_heading(line):
            in_block = True
            blocks += 1
            continue
        kept.append(line)
    return kept, blocks


# A teaser heading in the page's tree: a heading element whose whole text is one.  Headings only:
# looking at every element's text, or every class that says "related", cost 0.6-0.8 ms a page,
# a tenth of the parse; the headings are found in one walk of the tree in C (0.1 ms).
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_HEADING_CHARS = 60
# The siblings after it that are cards or lists of other articles: elements made for that, and
# boxes whose text is mostly links.  Anything else (a paragraph, a box of prose) ends the block.
_CARD_TAGS = frozenset(("article", "section", "aside", "nav", "ul", "ol", "figure"))
_LINKED_SHARE = 0.5


def _is_card(element) -> bool:
    if not isinstance(element.tag, str):
        return False
    if element.tag in _CARD_TAGS:
        return True
    if element.tag not in ("div", "a"):
        return False
    text = len(element.text_content().strip())
    linked = sum(len(a.text_content().strip()) for a in element.iter("a"))
    return text > 0 and linked >= _LINKED_SHARE * text


def prune_teaser_sections(tree) -> int:
    """Remove from the page's tree each teaser heading and the cards of other articles that
    follow it in its parent, up to the first other element (where the article, if it goes on,
    resumes).  Returns how many headings were removed.

    trafilatura drops such a heading when its class says "related", but keeps the cards after it
    when they sit in the article's box: excerpts of other posts, each in an `<article>`, then read
    as more of the article.  Called before the text passes, on the page's own tree."""
    gone: set = set()
    headings = 0
    for element in list(tree.iter(*_HEADINGS)):
        if element.getparent() is None or any(a in gone for a in element.iterancestors()):
            continue
        text = element.text_content()
        if len(text) > _HEADING_CHARS or not is_teaser_heading(text):
            continue
        headings += 1
        sibling = element.getnext()
        gone.add(element)
        element.drop_tree()
        while sibling is not None and _is_card(sibling):
            following = sibling.getnext()
            gone.add(sibling)
            sibling.drop_tree()
            sibling = following
    return headings
