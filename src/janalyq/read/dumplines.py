"""What one line of a page dump is: a date stamp, a headline, prose, or page furniture.

The page-dump reader decides where articles start from these kinds.  A *stamp* is a line that
holds the page's date of an item and nothing of the article: "17.03.2026", "08.02.2026, 17:25
25706" (date, time, view count), "Опубликовано: 5 февраля 2026, 10:30", "Бүгін, 10:30"; a stamp
in the oldest layout may carry the start of the body glued after its time and view count
("23.02.2026 13:15:06 616Vice Minister ...").  Related-link blocks ("Читайте также", "Тағы
оқыңыз"), sharing buttons and tag lines belong to the page, not to any article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from janalyq.debris import debris_reason, is_date_line
from janalyq.read.sections import is_more_line, section_label

_DATE = r"\d{1,2}\.\d{1,2}\.\d{4}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
TITLE_WITH_DATE = re.compile(rf"^(?P<title>.*\S)\s+(?P<date>{_DATE}(?:\s+{_TIME})?)\s*$")
NUMERIC_STAMP = re.compile(
    rf"^\s*(?:(?P<time0>{_TIME})[,|\s]+)?(?P<date>{_DATE})[,|\s]*(?:(?P<time>{_TIME})\s*)?(?P<rest>.*)$"
)
LEAD_DATE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s*(?P<rest>.*)$", re.I)
# A view counter glued to the body after the time: "616Vice Minister".
VIEWS_GLUED = re.compile(r"^(?P<views>\d{1,9})(?=[^\d\s.,:%])")
_VIEW_WORDS = r"(?:просмотр\w*|views?|қаралым\w*|көрсетілім\w*|qaralym\w*)"
# What may follow a stamp's date and time: a view count, marked or bare ("25706", "👁 1 203",
# "| 616 просмотров").
VIEWS_ONLY = re.compile(
    rf"^[\s|·•,:👁️\U0001F441-]*(?:{_VIEW_WORDS}\W*)?\d[\d\s\u00a0]*(?:{_VIEW_WORDS})?\s*$", re.I
)
_TRAILING_VIEWS = re.compile(
    rf"(?:(?<=\d:\d\d)|(?<=\d:\d\d:\d\d))[\s|·•,]*(?:👁️?\s*|{_VIEW_WORDS}\W*)?\d[\d\s\u00a0]*"
    rf"(?:{_VIEW_WORDS})?\s*$"
    rf"|[\s|·•,]*(?:👁️?\s*|{_VIEW_WORDS}\W*)\d[\d\s\u00a0]*$|[\s|·•,]+\d[\d\s\u00a0]*{_VIEW_WORDS}\s*$",
    re.I,
)
_TIME_ONLY = re.compile(rf"^\s*{_TIME}\s*$")
MAX_TITLE_CHARS = 300
_SHORT_NAV_WORDS = 5

RELATED_MARKER = re.compile(
    r"^[\W_]{0,3}(?:читайте\s+(?:также|ещё|еще|по\s+теме)|читать\s+также|смотрите\s+также"
    r"|похожие\s+(?:новости|материалы)|другие\s+новости|по\s+теме|тағы\s+оқыңыз|сондай-ақ\s+оқыңыз"
    r"|оқи\s+отырыңыз|ұқсас\s+жаңалықтар|басқа\s+жаңалықтар|тақырып\s+бойынша|read\s+also"
    r"|also\s+read|see\s+also|related(?:\s+(?:news|stories|articles))?|more\s+on\s+this\s+topic"
    r"|taǵy\s+oqyńyz|tagy\s+oqynyz)(?![\w-])\s*(?P<tail>.*)$",
    re.I,
)
_SHARE_WORDS = {
    "поделиться", "бөлісу", "share", "facebook", "telegram", "whatsapp", "vk", "вконтакте",
    "twitter", "x", "instagram", "одноклассники", "ok", "linkedin", "youtube", "tiktok", "threads",
    "viber", "скопировать ссылку", "копировать ссылку", "copy link", "сілтемені көшіру",
    "сілтемені көшіріп алу", "печать", "print", "басып шығару", "email", "e-mail", "почта",
}
_SHARE_PHRASES = tuple(w for w in _SHARE_WORDS if " " in w)
_SHARE_SPLIT = re.compile(r"[\s|•·,/:]+")
TAGS_LINE = re.compile(r"^\W{0,2}(?:теги|тэги|тегтер|тег|tags?|хэштеги|хештегтер|тегі)\s*:|^(?:#[\w-]+[\s,]*)+$", re.I)
_SENTENCE_INSIDE = re.compile(r"[.!?…][\"»”)]?\s+[\"«“(]?[^\W\d_a-zа-яёәғқңөұүһі]")
_LINK = re.compile(r"https?://|\bSource\s*:|Ақпарат көзі\s*:|Источник\s*:", re.I)
_PROSE_END = re.compile(r"[.!?…][\"»”')]*$")


@dataclass(frozen=True)
class Stamp:
    date_text: str  # the date (and time) as written, without the view count
    rest: str  # body text glued after the time and view count ("" for a stamp line alone)


def _numeric_stamp(line: str) -> Stamp | None:
    match = NUMERIC_STAMP.match(line)
    if not match:
        return None
    rest = match.group("rest")
    timed = bool(match.group("time") or match.group("time0"))
    date_text = line[:match.start("rest")].strip(" ,|\t")
    if not rest.strip() or VIEWS_ONLY.match(rest):
        return Stamp(date_text, "")
    if not timed:
        return None  # a sentence that merely begins with a date
    glued = VIEWS_GLUED.match(rest)
    return Stamp(date_text, rest[glued.end():] if glued else rest)


def stamp_of(line: str) -> Stamp | None:
    """The line as a date stamp, or None when it is anything else."""
    stamp = _numeric_stamp(line)
    if stamp is not None:
        return stamp
    text = line.strip()
    if not text or len(text) > 90 or _TIME_ONLY.match(text) or not is_date_line(text):
        return None
    return Stamp(_TRAILING_VIEWS.sub("", text).strip(" ,|·•") or text, "")


def is_time_line(line: str) -> bool:
    return bool(_TIME_ONLY.match(line))


def is_views_line(line: str) -> bool:
    return len(line) <= 40 and bool(VIEWS_ONLY.match(line))


def is_share_line(line: str) -> bool:
    """Sharing buttons: "Поделиться", "Telegram", "Facebook | Telegram | WhatsApp"."""
    text = line.strip().lower()
    if not text or len(text) > 120:
        return False
    for phrase in _SHARE_PHRASES:
        text = text.replace(phrase, " share ")
    words = [w for w in _SHARE_SPLIT.split(text) if w]
    return bool(words) and all(w.strip(".") in _SHARE_WORDS for w in words)


def is_tags_line(line: str) -> bool:
    return len(line) <= 300 and bool(TAGS_LINE.match(line.strip()))


def related_marker(line: str) -> str | None:
    """For a related-links marker line, what follows the marker on the same line ("" for a bare
    marker); None for any other line."""
    text = line.strip()
    if len(text) > MAX_TITLE_CHARS:
        return None
    match = RELATED_MARKER.match(text)
    if not match:
        return None
    tail = match.group("tail").strip(" :–—-→»>")
    if tail and match.group("tail")[:1] not in ":–—-→»> ":
        return None
    if tail and is_prose(tail) and not tail.startswith(("«", '"', "“")):
        return None  # "Related measures were taken ...": a sentence, not a marker
    return tail


def is_prose(line: str) -> bool:
    """A paragraph of running text: long, or a sentence end after more than one sentence."""
    text = line.strip()
    if len(text) > MAX_TITLE_CHARS:
        return True
    if not _PROSE_END.search(text):
        return False
    return len(text) >= 120 or bool(_SENTENCE_INSIDE.search(text))


def is_sentence(line: str) -> bool:
    """Running text of one sentence or more: prose, or six words or more ending in a full stop
    (headlines seldom end in one; listed links never do)."""
    text = line.strip()
    return is_prose(text) or bool(_PROSE_END.search(text)) and len(text.split()) >= 6


def is_furniture(line: str) -> bool:
    """Lines of the page, never of an article's headline: sections, buttons, counters, tags."""
    text = line.strip()
    return bool(
        section_label(text) or is_more_line(text) or is_share_line(text) or is_tags_line(text)
        or is_views_line(text) or related_marker(text) is not None
    )


def is_headline(line: str) -> bool:
    """A line that can be an article's headline: short, not running text, not a date, a view
    count, a photo credit, a byline or the site's furniture."""
    text = line.strip()
    if len(text) < 3 or len(text) > MAX_TITLE_CHARS or is_prose(text) or _LINK.search(text):
        return False
    if is_furniture(text) or stamp_of(text) is not None or is_time_line(text):
        return False
    return debris_reason(text, strict=True) is None


def is_nav(line: str) -> bool:
    """Short lines without sentence punctuation: site names, menus."""
    if len(line) > 40:
        return False
    words = line.split()
    return 0 < len(words) <= _SHORT_NAV_WORDS and not line.endswith((".", "!", "?", ":", ";"))


def votes_headline(line: str) -> bool:
    # A sentence ending in a full stop reads as the body's first line, whatever its length.
    return is_headline(line) and not is_sentence(line)


def next_content_table(lines: list[str]) -> list[int | None]:
    """For each line, the index of the next non-blank line after it (one pass: big pages stay
    linear; a per-line scan made a 3.9 MB page of a hundred thousand lines take 16 s)."""
    table: list[int | None] = [None] * len(lines)
    following = None
    for i in range(len(lines) - 1, -1, -1):
        table[i] = following
        if lines[i].strip():
            following = i
    return table
