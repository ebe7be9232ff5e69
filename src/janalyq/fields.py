"""Field hygiene, the first step of the clean stage: characters no reader should be shown, and
field values that cannot be what they claim to be.

- NUL and other control characters (tabs and line breaks aside) are removed: they break
  terminals, CSV readers and XML feeds, and no news text contains them.
- Bidirectional overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069) are removed:
  they make a title display in an order other than its text ("Trojan Source" spoofing).  The
  ordinary direction marks (U+200E, U+200F) stay.
- Lone surrogates, which JSON escapes can carry, become U+FFFD: SQLite and UTF-8 refuse them.
- A title is capped at `MAX_TITLE_CHARS`, cut at a word and flagged `title_truncated`.
- A source link must be http(s): any other scheme (`javascript:`, `data:`) is removed and the
  article flagged `source_url_removed`, so that exports never carry a live script link.
"""

from __future__ import annotations

import re

from janalyq.article import Article, StageCounts

FLAG_TITLE_TRUNCATED = "title_truncated"
FLAG_SOURCE_URL_REMOVED = "source_url_removed"
MAX_TITLE_CHARS = 300
MAX_NAME_CHARS = 200  # outlet and section names
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_BIDI_OVERRIDE = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_HTTP = re.compile(r"https?://[^\s/?#]+", re.I)


def scrub(text: str) -> tuple[str, list[str]]:
    """The text without control characters, bidi overrides and lone surrogates; with the
    reasons of what was removed."""
    reasons = []
    if text.isprintable():  # all three kinds are unprintable: most text has none, and this is one pass in C
        return text, reasons
    for pattern, reason, replacement in ((_CONTROL, "control_chars_removed", ""),
                                         (_BIDI_OVERRIDE, "bidi_override_removed", ""),
                                         (_SURROGATE, "lone_surrogate_replaced", "\ufffd")):
        text, n = pattern.subn(replacement, text)
        if n:
            reasons.append(reason)
    return text, reasons


def cap_title(title: str, limit: int = MAX_TITLE_CHARS) -> str:
    if len(title) <= limit:
        return title
    cut = title[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def _scrub_field(article: Article, name: str, counts: StageCounts) -> None:
    value = getattr(article, name)
    if not value:
        return
    text, reasons = scrub(value)
    for reason in reasons:
        counts.repair(reason)
    setattr(article, name, text)


def scrub_fields(article: Article, counts: StageCounts) -> None:
    """Remove unprintable and spoofing characters from every text field, cap the title, keep
    only http(s) source links; every change is counted by reason."""
    for name in ("url", "title", "source_url", "outlet", "site_section", "date_text"):
        _scrub_field(article, name, counts)
    cleaned = []
    for paragraph in article.body:
        text, reasons = scrub(paragraph)
        for reason in reasons:
            counts.repair(reason)
        cleaned.append(text)
    article.body = cleaned
    if len(article.title) > MAX_TITLE_CHARS:
        article.title = cap_title(article.title)
        article.flags.add(FLAG_TITLE_TRUNCATED)
        counts.repair(FLAG_TITLE_TRUNCATED)
    for name in ("outlet", "site_section"):
        value = getattr(article, name)
        if value and len(value) > MAX_NAME_CHARS:
            setattr(article, name, cap_title(value, MAX_NAME_CHARS))
            counts.repair(f"{name}_truncated")
    if article.source_url and not _HTTP.match(article.source_url.strip()):
        article.source_url = None
        article.flags.add(FLAG_SOURCE_URL_REMOVED)
        counts.repair(FLAG_SOURCE_URL_REMOVED)
