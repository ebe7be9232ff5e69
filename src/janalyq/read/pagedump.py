"""Reader for page-text dumps of news listing and article pages (the layout of ../shared/seeds).

A dump is the visible text of a page, one block per line.  Items come in these shapes:

* a title line that ends in ``DD.MM.YYYY``, then the body;
* a title line, then a date stamp (the stamp may carry a time and a view count glued to the body:
  ``23.02.2026 13:15:06 616Vice Minister...``), then the body;
* a date stamp first, then the title (agency pages: ``08.02.2026, 17:25 25706`` = date, time,
  views; then the headline, a photo credit, the body);
* a single article that starts with `` date YYYY-MM-DD`` and has no title;
* a page with no date at all: one plain article (headline and paragraphs), or a listing of
  headlines each with one paragraph (`janalyq.read.plaintext`).

Whether a page puts its titles before or after the stamps is decided once per page, by which
side of its stamps holds headlines (`_titles_follow_stamps`).  Between items stand section
headers ("News More", "Жаңалықтар" + "Қосымша"), site-name lines, related-link blocks, sharing
buttons and tag lines.  The reader only splits the page into raw items; cleaning the text is the
next stage.  A page that yields no item is a reject with its reason, never silence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from janalyq.article import Article, Reject
from janalyq.debris import debris_reason
from janalyq.read.dumplines import (
    LEAD_DATE, MAX_TITLE_CHARS, TITLE_WITH_DATE, Stamp, is_furniture, is_headline, is_nav, is_prose,
    is_sentence, is_share_line, is_tags_line, is_time_line, is_views_line, next_content_table,
    related_marker, stamp_of, votes_headline,
)
from janalyq.read.files import TextInput
from janalyq.read.plaintext import empty_page_reason, plain_starts
from janalyq.read.sections import is_more_line, section_label

_DIGIT = re.compile(r"\d")
_MAX_RELATED_LINKS = 6
# Lines between a headline and its stamp, or a stamp and its headline, that belong to neither.
_BETWEEN = ("credit", "byline")


@dataclass
class _Item:
    title: str | None
    date_text: str | None
    section: str | None
    body: list[str] = field(default_factory=list)


class _Parser:
    def __init__(self, lines: list[str], starts: set[int] | None = None):
        self.lines = lines
        self.items: list[_Item] = []
        self.section: str | None = None
        self.current: _Item | None = None
        self.repairs: Counter = Counter()
        self._next = next_content_table(lines)
        self._stamps: dict[int, Stamp | None] = {}
        self.first_start: int | None = None  # the line where the first item starts
        self.text_before_first = False  # running text stood before it
        self.forced = starts  # a page without dates: the starts chosen by `plaintext`
        self.title_after = starts is None and self._titles_follow_stamps()
        # The last line of text: on a page with one stamp, a stamp after it is the page's footer
        # date, no item's start (on a listing, the last headline may have no body).
        self.last_text = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()
                               and self.stamp(i) is None and not is_furniture(lines[i])), -1)
        if starts is None and sum(1 for stamp in self._stamps.values() if stamp is not None) > 1:
            self.last_text = len(lines)

    # -- what lines are --------------------------------------------------------------------
    def next_content(self, i: int) -> int | None:
        return self._next[i]

    def stamp(self, i: int) -> Stamp | None:
        if i not in self._stamps:
            line = self.lines[i]
            self._stamps[i] = stamp_of(line) if len(line) <= 2 * MAX_TITLE_CHARS or line[:1].isdigit() else None
        return self._stamps[i]

    def _stamp_next(self, i: int) -> int | None:
        """The stamp after line i, straight after it or behind a credit or byline."""
        j = self.next_content(i)
        if (j is not None and len(self.lines[j]) <= 200 and self.stamp(j) is None
                and debris_reason(self.lines[j]) in _BETWEEN):
            j = self.next_content(j)
        return j if j is not None and self.stamp(j) is not None else None

    def _never_title(self, line: str) -> bool:
        return is_furniture(line) or is_time_line(line) or debris_reason(line, strict=True) in (*_BETWEEN, "date")

    def _titles_follow_stamps(self) -> bool:
        """Whether this page prints each stamp before its headline (agency pages) rather than
        after it (gov.kz listings): each stamp votes for the side that holds a headline."""
        before = after = 0
        for i, line in enumerate(self.lines):
            if len(line) > 90 and not line[:1].isdigit() or not line.strip():
                continue
            stamp = self.stamp(i)
            if stamp is None:
                continue
            if stamp.rest.strip():
                before += 1  # body glued after the stamp: the title came before it
                continue
            prev = self._previous_content(i)
            nxt = self._after_stamp_tail(i)
            prev_title = prev is not None and votes_headline(self.lines[prev])
            next_title = nxt is not None and votes_headline(self.lines[nxt])
            before += prev_title and not next_title
            after += next_title and not prev_title
        return after > before

    def _previous_content(self, i: int) -> int | None:
        """The line before a stamp, past a credit or byline between it and its headline."""
        for j in range(i - 1, max(-1, i - 50), -1):
            if self.lines[j].strip() and debris_reason(self.lines[j]) not in _BETWEEN:
                return j
        return None

    def titled(self, i: int):
        """A headline ending in its date ("Title 23.02.2026"); a stamp ("17:25, 08.02.2026") is not."""
        line = self.lines[i]
        if len(line) > MAX_TITLE_CHARS:
            return None
        match = TITLE_WITH_DATE.match(line)
        if match and self.stamp(i) is not None and _DIGIT.search(match.group("title")):
            return None  # a time before the date; a placeholder title ("- 14.02.2026") stays one
        return match

    def _after_stamp_tail(self, i: int) -> int | None:
        """The first line after a stamp that is not its time, view count or photo credit."""
        j = self.next_content(i)
        while j is not None and (is_views_line(self.lines[j]) or is_time_line(self.lines[j])
                                 or debris_reason(self.lines[j]) in _BETWEEN):
            j = self.next_content(j)
        return j

    # -- where items start -----------------------------------------------------------------
    def title_before_stamp(self, i: int) -> int | None:
        """For a headline whose stamp follows it, the index of that stamp."""
        line = self.lines[i]
        if len(line) > MAX_TITLE_CHARS or self.stamp(i) is not None:
            return None
        j = self._stamp_next(i)
        if j is None or j > self.last_text or self._never_title(line):
            return None
        if j != self.next_content(i) and not is_headline(line):
            return None
        return j

    def starts_item(self, i: int) -> bool:
        if self.forced is not None:
            return i in self.forced
        line = self.lines[i]
        if LEAD_DATE.match(line):
            return True
        if self.titled(i):
            return True
        if self.stamp(i) is not None:
            return True  # a stamp no headline claimed opens its own item
        return not self.title_after and self.title_before_stamp(i) is not None

    # -- what is not an article's text -----------------------------------------------------
    def header(self, i: int) -> bool:
        """Section headers, "More" links and site-name lines between items."""
        line = self.lines[i].strip()
        label = section_label(line)
        if label:
            self.section = label
            return True
        if is_more_line(line):
            return True
        j = self.next_content(i)
        nxt = self.lines[j].strip() if j is not None else None
        if is_nav(line) and (self.current is None or (nxt is not None and is_more_line(nxt))):
            # An unknown short line before the first item is the site name; one followed by
            # a "More" link is a section we have no name for.
            if nxt is not None and is_more_line(nxt):
                self.section = line.lower()
            return True
        return False

    def page_furniture(self, i: int) -> int | None:
        """Past sharing buttons, tag lines and related-link blocks: the next line to read."""
        line = self.lines[i]
        if len(line) > MAX_TITLE_CHARS:
            return None
        if is_share_line(line):
            self.repairs["share_buttons_removed"] += 1
            return i + 1
        if is_tags_line(line):
            self.repairs["tag_line_removed"] += 1
            return i + 1
        return self.skip_related(i)

    def footer_stamp(self, i: int) -> bool:
        """A stamp after the last line of text ("Опубликовано: 18.03.2026 12:40" at the foot of
        an article), or any stamp of a page without items: the date of the article above."""
        if (self.forced is None and i < self.last_text) or self.stamp(i) is None:
            return False
        if self.current is not None and not self.current.date_text:
            self.current.date_text = self.stamp(i).date_text
        return True

    def skip_related(self, i: int) -> int | None:
        """"Читайте также" / "Тағы оқыңыз" and the headlines of other articles it lists."""
        tail = related_marker(self.lines[i])
        if tail is None:
            return None
        self.repairs["related_links_removed"] += 1
        end = i + 1
        if tail:
            return end  # the link stands on the marker's own line
        k = self.next_content(i)
        shape = None
        for _ in range(_MAX_RELATED_LINKS):
            link = self._link_shape(k) if k is not None else None
            # The marker promises one link; the next ones are printed the way the first one is.
            if link is None or shape is not None and link != shape:
                break
            shape = link
            end = self._link_end(k)
            k = self.next_content(end - 1)
        return end

    def _link_shape(self, k: int) -> str | None:
        """How a related link is printed ("titled": headline and date on one line, "stamp":
        a stamp then a headline, "dated": a headline then its stamp, "plain"), or None for a
        line that is no link: running text, a section, the next article's start."""
        line = self.lines[k]
        if is_prose(line) or section_label(line) or is_more_line(line):
            return None
        titled = self.titled(k)
        if titled:
            return None if is_sentence(titled.group("title")) else "titled"
        if self.stamp(k) is not None:
            return "stamp"
        if not is_headline(line) or is_sentence(line):
            return None
        return "dated" if self._stamp_next(k) is not None else "plain"

    def _link_end(self, k: int) -> int:
        if self.stamp(k) is not None:
            j = self.next_content(k)
            return j + 1 if j is not None and is_headline(self.lines[j]) else k + 1
        j = self._stamp_next(k) if not self.title_after else None
        return j + 1 if j is not None else k + 1

    # -- opening an item -------------------------------------------------------------------
    def open_item(self, i: int) -> int:
        line = self.lines[i]
        lead = LEAD_DATE.match(line)
        if self.forced is not None:
            return self._open_plain(i)
        if lead:
            self.current = _Item(None, lead.group("date"), self.section)
            if lead.group("rest"):
                self.current.body.append(lead.group("rest"))
            return i + 1
        titled = self.titled(i)
        if titled:
            self.current = _Item(titled.group("title"), titled.group("date"), self.section)
            return i + 1
        if self.stamp(i) is not None:
            return self._open_at_stamp(i)
        j = self.title_before_stamp(i)
        self.current = _Item(line.strip(), None, self.section)
        between = [self.lines[k] for k in range(i + 1, j) if self.lines[k].strip()]
        return self._take_stamp(j, between)

    def _take_stamp(self, j: int, before_body: list[str]) -> int:
        """Read the stamp at j into the open item: its date, the time or view count on the lines
        after it, and body text glued to it.  Returns the next line to read."""
        stamp = self.stamp(j)
        item = self.current
        item.date_text = stamp.date_text
        item.body.extend(before_body)
        if stamp.rest.strip():
            item.body.append(stamp.rest)
            return j + 1
        k = self.next_content(j)
        while k is not None and (is_views_line(self.lines[k]) or is_time_line(self.lines[k])):
            if is_time_line(self.lines[k]) and ":" not in item.date_text:
                item.date_text += " " + self.lines[k].strip()
            j, k = k, self.next_content(k)
        return j + 1

    def _open_at_stamp(self, i: int) -> int:
        """A stamp that opens its item: the headline, if any, follows it."""
        self.current = _Item(None, None, self.section)
        j = self._take_stamp(i, [])
        if self.current.body:
            return j
        k = self.next_content(j - 1)
        credits = []
        while k is not None and debris_reason(self.lines[k]) in _BETWEEN and not is_headline(self.lines[k]):
            credits.append(self.lines[k])
            k = self.next_content(k)
        self.current.body.extend(credits)
        if k is not None and is_headline(self.lines[k]) and self._headline_here(k):
            self.current.title = self.lines[k].strip()
            return k + 1
        if not credits:
            return j
        return k if k is not None else len(self.lines)

    def _headline_here(self, k: int) -> bool:
        """On a page of titles-then-stamps, a headline followed by its own stamp is the next
        article's, not this stamp's."""
        return self.title_after or self.title_before_stamp(k) is None

    def _open_plain(self, i: int) -> int:
        line = self.lines[i]
        self.current = _Item(None, None, self.section)
        if is_headline(line):
            self.current.title = line.strip()
        else:
            self.current.body.append(line)
        return i + 1

    def parse(self) -> list[_Item]:
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if not line.strip():
                i += 1
                continue
            skipped = self.page_furniture(i)
            if skipped is not None:
                i = skipped
                continue
            if self.footer_stamp(i):
                i += 1
                continue
            if self.starts_item(i):
                if self.first_start is None:
                    self.first_start = i
                i = self.open_item(i)
                self.items.append(self.current)
                continue
            if self.header(i):
                i += 1
                continue
            if self.current is not None:
                self.current.body.append(line)
            else:
                self.repairs["lines_before_first_item_skipped"] += 1
                self.text_before_first = self.text_before_first or is_sentence(line)
            i += 1
        return self.items


def parse_page_ex(text: str) -> tuple[list[_Item], Counter]:
    """The items of a page and what the reader removed, by reason."""
    lines = text.splitlines()
    parser = _Parser(lines)
    items = parser.parse()
    if not items:
        starts = plain_starts(lines)
        if starts:
            parser = _Parser(lines, set(starts))
            items = parser.parse()
        return items, parser.repairs
    if parser.text_before_first:
        # An article above the first dated item (an article page with a list of the latest
        # news under it): read the lines before that item as a page of their own.
        head = lines[:parser.first_start]
        starts = plain_starts(head)
        if starts:
            head_parser = _Parser(head, set(starts))
            items = head_parser.parse() + items
            del parser.repairs["lines_before_first_item_skipped"]
            parser.repairs.update(head_parser.repairs)
    return items, parser.repairs


def parse_page(text: str) -> list[_Item]:
    return parse_page_ex(text)[0]


def read_pagedump(doc: TextInput) -> Iterator[Article | Reject]:
    items, repairs = parse_page_ex(doc.text)
    if not items:
        yield Reject(str(doc.path), empty_page_reason(doc.text.splitlines()))
        return
    for index, item in enumerate(items):
        article = Article(
            url=f"{doc.uri}#{index}",
            title=(item.title or "").strip(),
            body=[p for p in item.body if p.strip()],
            date_text=item.date_text,
            site_section=item.section,
            position=index,
        )
        if index == 0 and repairs:
            article.read_repairs = repairs
        yield article
