"""Teaser blocks in an article's text: a heading such as "Читайте также", "Read also" or "Tags"
on a line of its own, and the headlines or tags listed under it.

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
