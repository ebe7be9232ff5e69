"""Pages without a date stamp: a plain article saved as text, or a listing without dates.

Agencies' article pages are often saved as text with nothing but the headline and the
paragraphs (a dateline such as "ASTANA. KAZINFORM –" may open the first one).  Such a page is
one article: its headline is the first line of three words or more that stands before the first
paragraph of running text and is no page furniture (site name, menu, credit, date); without
one, the article starts at its first paragraph and the clean stage derives the title.

A page that alternates a headline and one short paragraph at least three times is a listing of
teasers without dates, not one article: each headline opens its own item.

A file of delimited rows (a spreadsheet export, a tab-separated list of ids) with no running
text beside them is no article: its first row would have become a headline and the rest a body.
"""

from __future__ import annotations

from janalyq.debris import debris_reason
from janalyq.read.dumplines import is_furniture, is_headline, is_prose, is_sentence

_MIN_TITLE_WORDS = 3
_MIN_LISTING_ITEMS = 3
_MAX_TEASER_CHARS = 500
_MIN_SHORT_TEXT_WORDS = 6
_MIN_TABLE_ROWS = 3
_TABLE_SHARE = 0.8  # of the non-empty lines, delimited rows


def _kind(line: str) -> str:
    """F furniture, P prose, H headline, D page debris, O other short text."""
    if is_furniture(line):
        return "F"
    if is_prose(line):
        return "P"
    if is_headline(line):
        return "H"
    return "D" if debris_reason(line) is not None else "O"


def _listing_headline(line: str) -> bool:
    # Questions and lines before a colon are an interview's or an article's own, as are quotes.
    text = line.strip()
    return not text.endswith(("?", ":", "…")) and not text.startswith(("–", "—", "-", "«", '"'))


def _undated_listing(kinds: list[tuple[int, str]], lines: list[str]) -> list[int]:
    """The headline indexes of a page that is headline, teaser, headline, teaser, ..."""
    # A teaser may be one short sentence, which alone could pass for a headline.
    text = [(i, "P" if k == "H" and is_sentence(lines[i]) else k) for i, k in kinds if k not in ("F", "D")]
    # The first headline with its teaser: a site or section name may stand before it.
    first = next((n for n, (_, k) in enumerate(text[:-1]) if k == "H" and text[n + 1][1] == "P"), None)
    if first is None:
        return []
    seq = text[first:]
    if len(seq) < 2 * _MIN_LISTING_ITEMS or len(seq) % 2:
        return []
    heads = seq[0::2]
    teasers = seq[1::2]
    if not all(k == "H" and _listing_headline(lines[i]) for i, k in heads):
        return []
    if not all(k == "P" and len(lines[i]) <= _MAX_TEASER_CHARS for i, k in teasers):
        return []
    return [i for i, _ in heads]


def _delimited_row(line: str) -> bool:
    """Three fields or more between tabs, or between commas or semicolons in a line without
    spaces ("000123_kk.txt,4,4,copy"): a row of data, not words."""
    text = line.strip()
    if text.count("\t") >= 2:
        return True
    return " " not in text and (text.count(",") >= 2 or text.count(";") >= 2)


def is_table(lines: list[str]) -> bool:
    """Mostly delimited rows, and no running text outside them."""
    rows = [line for line in lines if line.strip()]
    other = [line for line in rows if not _delimited_row(line)]
    if len(rows) - len(other) < max(_MIN_TABLE_ROWS, _TABLE_SHARE * len(rows)):
        return False
    return not any(is_prose(line) for line in other)


def plain_starts(lines: list[str]) -> list[int]:
    """Where the items of a page without stamps start: one index for a plain article, one per
    headline for an undated listing, none for a page without any text or a table of data."""
    if is_table(lines):
        return []
    kinds = [(i, _kind(line)) for i, line in enumerate(lines) if line.strip()]
    listing = _undated_listing(kinds, lines)
    if listing:
        return listing
    first_prose = next((n for n, (_, k) in enumerate(kinds) if k == "P"), None)
    head = kinds if first_prose is None else kinds[:first_prose]
    for i, kind in head:
        if kind == "H" and len(lines[i].split()) >= _MIN_TITLE_WORDS:
            return [i]
    if first_prose is not None:
        return [kinds[first_prose][0]]
    # No running text and no headline of three words: short lines that say something together
    # (a page of menu words alone is no article).
    short = [i for i, kind in kinds if kind in ("H", "O")]
    if sum(len(lines[i].split()) for i in short) >= _MIN_SHORT_TEXT_WORDS:
        return short[:1]
    return []


def empty_page_reason(lines: list[str]) -> str:
    shown = sum(1 for line in lines if line.strip())
    if is_table(lines):
        return (f"no article found: {shown} line(s) of delimited data (tab-, comma- or semicolon-"
                "separated rows, as a spreadsheet export) and no running text")
    return (f"no article found: {shown} line(s) of page furniture only (site and section names, "
            "menus, dates, credits, buttons), no headline and no text")
