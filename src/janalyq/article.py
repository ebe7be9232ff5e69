"""The one record that crosses every pipeline stage, and the counters every stage fills.

A reader turns raw input into `Article` objects with whatever it could see (title line, date
text, body text, section); each later stage fills or repairs fields and records what it did in
`StageCounts`, so that the CLI can show kept / repaired / dropped per stage and per reason.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

# Flags are plain strings so that the export stays a list of strings; these are the ones the
# core pipeline sets.  Later stages may add their own.
FLAG_EMPTY_BODY = "empty_body"
FLAG_TITLE_DERIVED = "title_derived"
FLAG_DATE_UNKNOWN = "date_unknown"
# The page's date is after the day it was collected (beyond a day for time zones): not used.
FLAG_DATE_FUTURE = "date_future"
FLAG_TITLE_LANG_MISMATCH = "title_lang_mismatch"
FLAG_LANG_UNCERTAIN = "lang_uncertain"
FLAG_HTML_REMOVED = "html_removed"
FLAG_TITLE_REPEAT_REMOVED = "title_repeat_removed"
# A derived title taken from a fragment of fewer than three words: the lead had no sentence.
FLAG_TITLE_WEAK = "title_weak"


@dataclass
class Article:
    """A news article, from the moment a reader finds it to the moment it is stored.

    `date_text` keeps the date as the input wrote it, so that the date stage can parse it with
    the language known, and so that a rejected date can be reported verbatim.
    """

    url: str  # where it was read: http(s) URL, or file URI with #item-index
    title: str = ""
    body: list[str] = field(default_factory=list)  # paragraphs
    source_url: str | None = None  # the original publisher link ("Source : ...")
    outlet: str | None = None  # gov.kz entity slug (edu, mfa-geneva) or agency (BAQ.KZ)
    lang: str | None = None  # kk, ru, en
    title_derived: bool = False
    published: dt.date | None = None  # the publisher's day
    # The moment, where the source gives a time: aware (its offset) for Kazakh sources and
    # stated zones, naive when a foreign page gives a time and no zone.
    published_at: dt.datetime | None = None
    date_text: str | None = None
    site_section: str | None = None  # section label the page filed it under, normalised
    collected_at: dt.datetime | None = None
    flags: set[str] = field(default_factory=set)
    lang_confidence: float | None = None
    # Set by the dedup and store stages.
    id: str | None = None
    content_hash: str | None = None
    duplicates: int = 0  # copies merged into this one
    # Where this article sits in its input (file, index): used to pick a deterministic winner
    # among identical copies whatever the import order.
    position: int = 0
    # Computed ahead, in the worker processes of a parallel import, so that the single storing
    # process does only what needs the store (None: the enrich stage computes them itself).
    entities: object | None = field(default=None, repr=False, compare=False)
    vector: object | None = field(default=None, repr=False, compare=False)
    topic_result: object | None = field(default=None, repr=False, compare=False)
    region: str | None = field(default=None, repr=False, compare=False)  # with topic_result
    search_terms: tuple[str, str] | None = field(default=None, repr=False, compare=False)
    # What the reader removed from the page around this article (related links, sharing
    # buttons), by reason: counted as repairs of the read stage, then dropped.
    read_repairs: dict[str, int] | None = field(default=None, repr=False, compare=False)

    @property
    def body_text(self) -> str:
        return "\n\n".join(self.body)

    @property
    def is_empty(self) -> bool:
        return not any(p.strip() for p in self.body)


@dataclass
class StageCounts:
    """What one stage did: articles kept, repairs by reason, drops by reason."""

    name: str
    seen: int = 0
    kept: int = 0
    repaired: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)

    def repair(self, reason: str, n: int = 1) -> None:
        self.repaired[reason] += n

    def drop(self, reason: str, n: int = 1) -> None:
        self.dropped[reason] += n

    def merge(self, other: StageCounts) -> None:
        self.seen += other.seen
        self.kept += other.kept
        self.repaired.update(other.repaired)
        self.dropped.update(other.dropped)

    def as_dict(self) -> dict:
        return {
            "stage": self.name,
            "seen": self.seen,
            "kept": self.kept,
            "repaired": dict(self.repaired),
            "dropped": dict(self.dropped),
        }


@dataclass
class Reject:
    """An input (file, feed, item) that could not be read, with the reason in plain words."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"
