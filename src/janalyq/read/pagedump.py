"""Reader for page-text dumps of news listing and article pages (the layout of ../shared/seeds).

A dump is the visible text of a page, one block per line.  Items come in three shapes:

* a title line that ends in ``DD.MM.YYYY``, then the body;
* a title line, then a date line (the date may carry a time and a view count glued to the body:
  ``23.02.2026 13:15:06 616Vice Minister...``), then the body;
* a single article that starts with `` date YYYY-MM-DD`` and has no title.

Between items stand section headers ("News More", "Жаңалықтар" + "Қосымша"), site-name lines and
blank lines.  The reader only splits the page into raw items; cleaning the text is the next stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from janalyq.article import Article
from janalyq.read.files import TextInput
from janalyq.read.sections import is_more_line, section_label

_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
TITLE_WITH_DATE = re.compile(rf"^(?P<title>.*\S)\s+(?P<date>{_DATE})(?:\s+{_TIME})?\s*$")
DATE_LINE = re.compile(
    rf"^\s*(?:(?P<time0>{_TIME})\s+)?(?P<date>{_DATE})[,|\s]*(?:(?P<time>{_TIME})\s*)?(?P<rest>.*)$"
)
LEAD_DATE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s*(?P<rest>.*)$", re.I)
# A view counter glued to the body after the time: "616Vice Minister".
VIEWS_GLUED = re.compile(r"^(?P<views>\d{1,9})(?=[^\d\s.,:%])")
MAX_TITLE_CHARS = 300
_SHORT_NAV_WORDS = 5


@dataclass
class _Item:
    title: str | None
    date_text: str | None
    section: str | None
    body: list[str] = field(default_factory=list)


def _date_line(line: str) -> re.Match | None:
    match = DATE_LINE.match(line)
    if not match:
        return None
    rest = match.group("rest")
    # A bare date line, or one whose remainder is glued text after a time: anything else is a
    # sentence that merely begins with a date.
    if rest and not (match.group("time") or match.group("time0")):
        return None
    return match


def _split_views(rest: str) -> str:
    glued = VIEWS_GLUED.match(rest)
    return rest[glued.end():] if glued else rest


def _is_nav(line: str) -> bool:
    """Short lines without sentence punctuation: site names, menus."""
    if len(line) > 40:
        return False
    words = line.split()
    return 0 < len(words) <= _SHORT_NAV_WORDS and not line.endswith((".", "!", "?", ":", ";"))


class _Parser:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.items: list[_Item] = []
        self.section: str | None = None
        self.current: _Item | None = None

    def next_content(self, i: int) -> str | None:
        # By index: a slice of the rest of the page, on every line, made big pages quadratic
        # (a 3.9 MB file of a hundred thousand lines took 16 s, 39 MB would have taken half an hour).
        lines = self.lines
        for j in range(i + 1, len(lines)):
            if lines[j].strip():
                return lines[j]
        return None

    def starts_item(self, i: int) -> bool:
        line = self.lines[i]
        if LEAD_DATE.match(line):
            return True
        if len(line) <= MAX_TITLE_CHARS and TITLE_WITH_DATE.match(line):
            return True
        nxt = self.next_content(i)
        return len(line) <= MAX_TITLE_CHARS and nxt is not None and _date_line(nxt) is not None

    def header(self, i: int) -> bool:
        """Section headers, "More" links and site-name lines between items."""
        line = self.lines[i].strip()
        label = section_label(line)
        if label:
            self.section = label
            return True
        if is_more_line(line):
            return True
        nxt = self.next_content(i)
        if _is_nav(line) and (self.current is None or (nxt is not None and is_more_line(nxt.strip()))):
            # An unknown short line before the first item is the site name; one followed by
            # a "More" link is a section we have no name for.
            if nxt is not None and is_more_line(nxt.strip()):
                self.section = line.lower()
            return True
        return False

    def open_item(self, i: int) -> int:
        line = self.lines[i]
        lead = LEAD_DATE.match(line)
        if lead:
            self.current = _Item(None, lead.group("date"), self.section)
            if lead.group("rest"):
                self.current.body.append(lead.group("rest"))
            return i + 1
        titled = TITLE_WITH_DATE.match(line) if len(line) <= MAX_TITLE_CHARS else None
        if titled:
            self.current = _Item(titled.group("title"), titled.group("date"), self.section)
            return i + 1
        # Title line followed by a date line.
        j = i + 1
        while not self.lines[j].strip():
            j += 1
        match = _date_line(self.lines[j])
        self.current = _Item(line.strip(), match.group("date"), self.section)
        rest = _split_views(match.group("rest")) if match.group("time") else match.group("rest")
        if rest.strip():
            self.current.body.append(rest)
        return j + 1

    def parse(self) -> list[_Item]:
        i = 0
        while i < len(self.lines):
            line = self.lines[i]
            if not line.strip():
                i += 1
                continue
            if self.starts_item(i):
                i = self.open_item(i)
                self.items.append(self.current)
                continue
            if self.header(i):
                i += 1
                continue
            if self.current is not None:
                self.current.body.append(line)
            i += 1
        return self.items


def parse_page(text: str) -> list[_Item]:
    return _Parser(text.splitlines()).parse()


def read_pagedump(doc: TextInput) -> Iterator[Article]:
    for index, item in enumerate(parse_page(doc.text)):
        yield Article(
            url=f"{doc.uri}#{index}",
            title=(item.title or "").strip(),
            body=[p for p in item.body if p.strip()],
            date_text=item.date_text,
            site_section=item.section,
            position=index,
        )
