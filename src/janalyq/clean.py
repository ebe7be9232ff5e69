"""The clean stage: repair the text defects that aggregator pages print into articles.

Each repair is counted by reason.  Order matters: the source trailer is cut before glued
sentences are split (a URL must not be split), and the title is derived last, from the lead
that is left once everything else is clean.
"""

from __future__ import annotations

import html
import re
import unicodedata

from janalyq.article import (
    FLAG_EMPTY_BODY,
    FLAG_HTML_REMOVED,
    FLAG_TITLE_DERIVED,
    FLAG_TITLE_REPEAT_REMOVED,
    FLAG_TITLE_WEAK,
    Article,
    StageCounts,
)
from janalyq.debris import debris_reason
from janalyq.fields import scrub_fields
from janalyq.outlet import find_outlet
from janalyq.titles import derive_title_ex

_HTML_TAGS = (
    "a|abbr|article|b|blockquote|br|center|div|em|figcaption|figure|font|h[1-6]|hr|i|iframe|img"
    "|li|o:p|ol|p|section|small|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul"
)
# "< div class=...>" with the space the aggregator inserts after "<"; only real tag names with
# attribute-shaped contents, so that "a < b and c > d" in a sentence survives.
HTML_TAG = re.compile(
    rf"<\s*/?\s*(?:{_HTML_TAGS})\b(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))*\s*/?\s*>",
    re.I,
)
SCRIPT_BLOCK = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.I | re.S)
BLOCK_TAG = re.compile(r"<\s*/?\s*(?:br|p|div|li|h[1-6]|tr|blockquote|section|article)\b", re.I)
ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)
SOURCE_TRAILER = re.compile(
    r"(?P<none>\bNone)?\s*(?:Source|Sources|Ақпарат көзі|Дереккөз|Источник)\s*:\s*(?P<url>https?://\S+?)[\s.;,]*$",
    re.I,
)
_LOWER = "a-zа-яёәғқңөұүһі"
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
# "Professions.In order" and "(TSA.)In": two lowercase letters, a stop, then a capitalised word.
# Capitals before the stop ("U.S.") and digits ("87.15") never match; lowercase after the stop
# ("gov.kz") neither.
GLUED_SENTENCE = re.compile(rf"[.!?]\)?(?=[{_UPPER}][{_LOWER}])")
_LOWER_CHARS = re.compile(rf"[{_LOWER}]{{2}}")
URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SPACE_CHARS = " \t\u00a0\u2000-\u200a\u202f\u205f\u3000"
# Runs of spaces other than one plain space: the only ones that `normalise_space` changes.
# Leaving single spaces unmatched halves its cost, as most text has nothing else.
_ODD_SPACES = re.compile(rf" [{_SPACE_CHARS}]+|[{_SPACE_CHARS[1:]}][{_SPACE_CHARS}]*")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_EMPTY_MARKERS = {"none", "null", "-", "—", "nan", "undefined"}


def normalise_space(text: str) -> str:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if text.isprintable() and "  " not in text:
        # Invisible characters and spaces other than " " are all unprintable: with none of them
        # and no double space, neither pattern below would change anything.
        return text.strip()
    text = _INVISIBLE.sub("", text)
    return _ODD_SPACES.sub(" ", text).strip()


def strip_html(paragraphs: list[str], counts: StageCounts) -> tuple[list[str], bool]:
    out, changed = [], False
    for para in paragraphs:
        text2 = para
        if "<" in para:  # the tag regexes are the costly part of cleaning; most text has no "<"
            text2 = SCRIPT_BLOCK.sub(" ", text2)
            text2 = BLOCK_TAG.sub(lambda m: "\n" + m.group(0), text2)
            text2 = HTML_TAG.sub(" ", text2)
        if "&" in text2 and ENTITY.search(text2):
            text2 = html.unescape(text2)
        if text2 != para:
            changed = True
        out.extend(text2.split("\n"))
    if changed:
        counts.repair("html_removed")
    return out, changed


def cut_source_trailer(article: Article, counts: StageCounts) -> None:
    """Move "Source : URL" from the end of the body to source_url; "None" before it means empty."""
    if not article.body:
        return
    last = article.body[-1]
    # The trailer sits at the very end: searching only the tail keeps this linear and cheap.
    start = trailer_search_start(last, max(0, len(last) - 600))
    match = SOURCE_TRAILER.search(last, start) if start is not None else None
    if not match:
        return
    if not article.source_url:
        article.source_url = match.group("url")
    counts.repair("source_trailer_moved")
    rest = last[: match.start()].rstrip()
    if match.group("none"):
        counts.repair("none_before_source")
    if rest:
        article.body[-1] = rest
    else:
        article.body.pop()


# Every character that a trailer's part before its URL can hold ("None", the label, the colon,
# spaces), in either case as the pattern's IGNORECASE matches them.
_BEFORE_URL = re.compile("[\\s:" + re.escape("NoneSourcesАқпарат көзіДереккөзИсточник") + "]", re.I)


def trailer_search_start(text: str, tail_start: int) -> int | None:
    """Where `SOURCE_TRAILER` can first match in `text` from `tail_start` (None: nowhere).

    The trailer's URL has no space and only [\\s.;,] after it: it lies in the text's last word.
    What comes before it in a match is made of `_BEFORE_URL` characters only, so no match
    begins before the run of them that ends at that word.  Searching from there finds the same
    match as from `tail_start`, without trying the pattern at every position of the tail.
    """
    core = text.rstrip()
    while core and (core[-1] in ".;," or core[-1].isspace()):
        core = core[:-1].rstrip()
    words = core.rsplit(None, 1)
    if not words:
        return None
    position = len(core) - len(words[-1])
    while position > tail_start and _BEFORE_URL.match(text, position - 1):
        position -= 1
    return max(position, tail_start)


def drop_repeated_title(article: Article, counts: StageCounts) -> None:
    """A body that starts with the title glued to the next sentence (no space) loses the title.

    A lead that repeats the headline and goes on after a space is an ordinary lead sentence and
    is kept.
    """
    title = article.title.strip()
    if not article.body or len(title) < 12:
        return
    first = article.body[0]
    if first == title:
        article.body.pop(0)
    elif first.startswith(title) and not first[len(title)].isspace():
        article.body[0] = first[len(title):].lstrip()
    else:
        return
    article.flags.add(FLAG_TITLE_REPEAT_REMOVED)
    counts.repair("title_repeat_removed")


def _add_space(match: re.Match) -> str:
    # The pattern only finds a stop before a capitalised word (cheap to scan for); what stands
    # before the stop decides: two lowercase letters, or a closing bracket after the stop.
    stop = match.group(0)
    text, start = match.string, match.start()
    if stop.endswith(")") or _LOWER_CHARS.fullmatch(text, max(0, start - 2), start):
        return stop + " "
    return stop


def split_glued_sentences(text: str) -> tuple[str, int]:
    """Insert the lost space after a full stop, outside URLs."""
    if not GLUED_SENTENCE.search(text):
        # A glued stop inside a piece between URLs is one in the whole text too; most
        # paragraphs have none, and one search is cheaper than finding their URLs.
        return text, 0
    return split_glued_sentences_everywhere(text)


def split_glued_sentences_everywhere(text: str) -> tuple[str, int]:
    """`split_glued_sentences` without its shortcut: every piece between URLs is searched."""
    pieces, last, total = [], 0, 0
    for url in URL.finditer(text):
        fixed, n = GLUED_SENTENCE.subn(_add_space, text[last:url.start()])
        pieces += [fixed, url.group(0)]
        total += n
        last = url.end()
    fixed, n = GLUED_SENTENCE.subn(_add_space, text[last:])
    pieces.append(fixed)
    return "".join(pieces), total + n


def _clean_title(article: Article, counts: StageCounts) -> None:
    title = normalise_space(HTML_TAG.sub(" ", article.title))
    if ENTITY.search(title):
        title = html.unescape(title)
    if title.lower() in _EMPTY_MARKERS:
        title = ""
        counts.repair("placeholder_title")
    elif title and debris_reason(title, strict=True) in ("credit", "date", "site"):
        # A page whose headline slot holds its date, a photo credit or the site's name has no
        # headline: the title is derived from the lead like any missing one.
        title = ""
        counts.repair("debris_title_replaced")
    article.title = title


def _clean_body(article: Article, counts: StageCounts) -> None:
    paragraphs, had_html = strip_html(article.body, counts)
    if had_html:
        article.flags.add(FLAG_HTML_REMOVED)
    article.body = [p for p in (normalise_space(p) for p in paragraphs) if p]
    cut_source_trailer(article, counts)
    drop_repeated_title(article, counts)
    glued_total = 0
    for i, para in enumerate(article.body):
        article.body[i], n = split_glued_sentences(para)
        glued_total += n
    if glued_total:
        counts.repair("glued_sentences_split", glued_total)
    article.body = [p for p in article.body if p.lower() not in _EMPTY_MARKERS]


def clean_stage(article: Article, counts: StageCounts) -> Article | None:
    counts.seen += 1
    scrub_fields(article, counts)
    _clean_title(article, counts)
    _clean_body(article, counts)
    if not article.title and article.is_empty:
        # Neither headline nor text: nothing a reader could be shown, whatever the source says.
        counts.drop("no_title_no_body")
        return None
    if article.source_url:
        article.source_url = article.source_url.strip().rstrip(".,;")
    if article.is_empty:
        article.body = []
        article.flags.add(FLAG_EMPTY_BODY)
        counts.repair("empty_body_kept")
    if not article.title and article.body:
        derived = derive_title_ex(article.body)
        if not derived.title:
            # Without a headline, a body of nothing but page debris (a credit, a date, a site
            # name) has nothing a reader could be shown.
            counts.drop("no_title_only_page_debris")
            return None
        article.title = derived.title
        article.title_derived = True
        article.flags.add(FLAG_TITLE_DERIVED)
        counts.repair("title_derived")
        if derived.weak:
            article.flags.add(FLAG_TITLE_WEAK)
        for reason in derived.reasons:
            counts.repair(reason)
    if not article.outlet:
        article.outlet = find_outlet(article.source_url, article.url, article.body)
    counts.kept += 1
    return article
