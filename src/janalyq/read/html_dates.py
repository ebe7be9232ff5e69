"""The publication date of an HTML page, with its time and offset when the page gives them.

Evidence: structured metadata (JSON-LD, meta tags, `<time datetime>`, `<abbr
class="published">`), a date printed in the page's header area, and htmldate's ranking and
search (meta tags, the URL, further markup and the text); `page_date` says in which order.
Every date comes from something written on the page: a day htmldate's search proposes is taken
only when the page writes that day out (its guesses of a first of the month from "© 2019" or
"2019/05/", and dateparser's readings of loose text, are refused), and our own forms never read
a two-digit year, so that a year is never guessed.

The result is ISO 8601 text for `Article.date_text`: "2020-01-28T15:28:56+01:00" (time and
offset), "2020-01-28T15:28:56" (a local time, zone not given) or "2020-01-28".  A time in UTC
is moved to the publisher's zone first (Asia/Almaty for .kz hosts), so that the date part is
the publisher's day; a page that gives another offset keeps it.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from htmldate import find_date
from lxml import etree

from janalyq.dates import MIN_YEAR, parse_date
from janalyq.read.html_months import DAY_MONTH_YEAR, MONTH_DAY_YEAR, month_number

_META_NAMES = (
    "article:published_time", "og:published_time", "og:article:published_time", "datepublished",
    "date", "pubdate", "publish-date", "publishdate", "publish_date", "published_time",
    "published-date", "article.published", "article_date_original", "original-publish-date",
    "dc.date", "dc.date.issued", "dc.date.created", "dcterms.created", "dcterms.issued",
    "dcterms.date", "sailthru.date", "parsely-pub-date", "citation_publication_date",
    "citation_date", "cxenseparse:recs:publishtime", "release_date", "datecreated",
)
# htmldate's extensive search ends in dateparser over the free text: slow, and where it alone
# finds a date that date is seldom the publication's.
EXTENSIVE_SEARCH = True
_META_RANK = {name: i for i, name in enumerate(_META_NAMES)}
_JSONLD_KEYS = ("datePublished", "dateCreated")

# Zones of publishers by the country of their host; a UTC time is read in this zone.
_HOST_ZONES = {
    "kz": "Asia/Almaty", "ru": "Europe/Moscow", "de": "Europe/Berlin", "at": "Europe/Vienna",
    "ch": "Europe/Zurich", "fr": "Europe/Paris", "it": "Europe/Rome", "es": "Europe/Madrid",
    "pl": "Europe/Warsaw", "nl": "Europe/Amsterdam", "be": "Europe/Brussels", "uk": "Europe/London",
    "cz": "Europe/Prague", "hu": "Europe/Budapest", "pt": "Europe/Lisbon", "br": "America/Sao_Paulo",
}
_ZONE_NAMES = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "MEZ": 1,
    "CEST": 2, "MESZ": 2, "EET": 2, "EEST": 3, "MSK": 3, "ALMT": 6, "EST": -5, "EDT": -4,
    "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}
_ISO = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?"
    r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?", re.I)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z|[+-]\d{4})?$")
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
_EN_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?"
_ZONE = r"(?:\s*([A-Z]{1,5}|[+-]\d{2}:?\d{2})(?![A-Za-z]))?"
# Tue Jan 28 15:28:56 CET 2020 (C's ctime and Java's Date.toString)
_CTIME = re.compile(rf"{_WEEKDAY}{_EN_MON}\s+(\d{{1,2}})\s+{_TIME}{_ZONE}\s+(\d{{4}})", re.I)
# Tue, 28 Jan 2020 15:28:56 +0100 (RFC 822 / 2822)
_RFC822 = re.compile(rf"(?:{_WEEKDAY})?(\d{{1,2}})\s+{_EN_MON}\s+(\d{{4}})\s+{_TIME}{_ZONE}", re.I)
# 28.01.2020, 28/01/2020, 28-01-2020 (and 01/28/2020 when the day cannot be a month)
_NUMERIC = re.compile(r"(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\2(\d{4})(?![\d./-])")
_CLOCK = re.compile(rf"(?<![\d:]){_TIME}(?![\d:])(?:\s*([ap])\.?m\b\.?)?", re.I)


@dataclass(frozen=True)
class PageDate:
    day: dt.date
    time: dt.time | None = None
    offset: dt.timedelta | None = None  # None: a local time whose zone the page does not give

    def iso(self, zone: ZoneInfo | None) -> str:
        if self.time is None:
            return self.day.isoformat()
        moment = dt.datetime.combine(self.day, self.time)
        if self.offset is None:
            return moment.isoformat(timespec="seconds")
        aware = moment.replace(tzinfo=dt.timezone(self.offset))
        if self.offset == dt.timedelta(0) and zone is not None:
            aware = aware.astimezone(zone)
        return aware.isoformat(timespec="seconds")


def _offset(raw: str | None) -> dt.timedelta | None:
    if not raw:
        return None
    raw = raw.strip()
    if raw.upper() in _ZONE_NAMES:
        return dt.timedelta(hours=_ZONE_NAMES[raw.upper()])
    match = re.fullmatch(r"([+-])(\d{2}):?(\d{2})?", raw)
    if not match:
        return None
    minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
    if minutes > 14 * 60:
        return None
    return dt.timedelta(minutes=-minutes if match.group(1) == "-" else minutes)


def _made(year: str | int, month: int | str | None, day: str | int, today: dt.date) -> dt.date | None:
    try:
        made = dt.date(int(year), int(month or 0), int(day))
    except (TypeError, ValueError):
        return None
    # A publication date lies between the first web news and tomorrow (zones run ahead of UTC).
    return made if MIN_YEAR <= made.year and made <= today + dt.timedelta(days=1) else None


def _clock(hour: str | None, minute: str | None, second: str | None) -> dt.time | None:
    if hour is None:
        return None
    try:
        return dt.time(int(hour), int(minute or 0), int(second or 0))
    except ValueError:
        return None


def _timed(day: dt.date | None, clock: tuple, zone_text: str | None) -> PageDate | None:
    if day is None:
        return None
    time = _clock(*clock)
    # A word after the time that names no zone we know ("Uhr", "IST") leaves a local time.
    return PageDate(day, time, _offset(zone_text) if time is not None else None)


def _machine_date(text: str, today: dt.date) -> PageDate | None:
    """ISO 8601, compact ISO, ctime and RFC 822 forms: what markup and feeds write."""
    match = _ISO.search(text)
    if match:
        y, m, d, hh, mm, ss, zone = match.groups()
        return _timed(_made(y, m, d, today), (hh, mm, ss), zone)
    match = _COMPACT.match(text.strip())
    if match:
        y, m, d, hh, mm, ss, zone = match.groups()
        return _timed(_made(y, m, d, today), (hh, mm, ss), zone)
    match = _CTIME.search(text)
    if match:
        mon, d, hh, mm, ss, zone, y = match.groups()
        return _timed(_made(y, month_number(mon), d, today), (hh, mm, ss), zone)
    match = _RFC822.search(text)
    if match:
        d, mon, y, hh, mm, ss, zone = match.groups()
        return _timed(_made(y, month_number(mon), d, today), (hh, mm, ss), zone)
    return None


def _numeric_date(text: str, lang: str | None, today: dt.date) -> dt.date | None:
    for first, sep, second, year in _NUMERIC.findall(text):
        a, b = int(first), int(second)
        if sep == "/" and b > 12 >= a:
            day, month = b, a  # 01/28/2020: only the American order is possible
        elif sep == "/" and lang == "en" and a <= 12 and b <= 12:
            day, month = b, a  # an English page writing 01/02/2020 means 2 January
        else:
            day, month = a, b
        made = _made(year, month, day, today)
        if made is not None:
            return made
    return None


def _worded_date(text: str, today: dt.date) -> dt.date | None:
    """28. Januar 2020, 3 de marzo de 2021, 5 stycznia 2022, January 28, 2020."""
    for match in DAY_MONTH_YEAR.finditer(text):
        made = _made(match["y"], month_number(match["m"]), match["d"], today)
        if made is not None:
            return made
    for match in MONTH_DAY_YEAR.finditer(text):
        made = _made(match["y"], month_number(match["m"]), match["d"], today)
        if made is not None:
            return made
    return None


def parse_page_date(text: str | None, lang: str | None = None, today: dt.date | None = None) -> PageDate | None:
    """A date written in one piece of a page, in any form pages use; None when there is none."""
    if not text or not text.strip():
        return None
    text = " ".join(text.split())[:400]
    today = today or dt.date.today()
    found = _machine_date(text, today)
    if found is not None:
        return found
    day = _numeric_date(text, lang, today) or _worded_date(text, today)
    if day is None:
        day = parse_date(text, lang)  # Kazakh and Russian forms, and the Latin Kazakh ones
        if day is None or not _made(day.year, day.month, day.day, today):
            return None
    return PageDate(day, _clock_in(text), None)


def _clock_in(text: str) -> dt.time | None:
    match = _CLOCK.search(text)
    if match is None:
        return None
    hour, minute, second, half = match.groups()
    hour = int(hour)
    if half and hour <= 12:
        hour = hour % 12 + (12 if half.lower() == "p" else 0)
    return _clock(str(hour), minute, second)


def _jsonld_dates(tree) -> list[str]:
    found = []
    for node in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(node)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                found += [item[k] for k in _JSONLD_KEYS if isinstance(item.get(k), str)]
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return found


def structured_date_texts(tree) -> list[str]:
    """Date strings from metadata, best evidence first."""
    texts = _jsonld_dates(tree)
    metas = []
    for meta in tree.xpath("//meta[@content]"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in _META_RANK:
            metas.append((_META_RANK[name], meta.get("content")))
    texts += [content for _, content in sorted(metas, key=lambda pair: pair[0])]
    times = tree.xpath("//time[@datetime]")
    published = [t for t in times if t.get("itemprop") == "datePublished" or t.get("pubdate") is not None
                 or "publish" in (t.get("class") or "")]
    texts += [t.get("datetime") for t in published + times]
    texts += tree.xpath('//abbr[contains(@class,"published")]/@title')
    return [t.strip() for t in texts if t and t.strip()]


# Compiled once, and walking the class attributes rather than every element (a third faster,
# the same elements in the same order).
_DATE_BOXES = etree.XPath("//@class[contains(.,'date') or contains(.,'time') or contains(.,'meta')]/..")


def header_text(tree) -> str:
    """Text near the headline, where pages print their date."""
    nodes = _DATE_BOXES(tree)
    return " | ".join(n.text_content().strip() for n in nodes[:6])[:600]


def publisher_zone(url: str | None) -> ZoneInfo | None:
    host = (urlsplit(url).hostname or "") if url and "://" in url else ""
    name = _HOST_ZONES.get(host.rsplit(".", 1)[-1]) if "." in host else None
    return ZoneInfo(name) if name else None


def written_on_page(day: dt.date, html: str) -> bool:
    """Whether `day` is written out on the page in a form that names it without doubt: each
    place its year is written is looked at with the few words around it.  htmldate's search
    also reads "2019/05" as 1 May and hands loose text to dateparser, which reads the German
    "4. 2. 2022" as 2 April; such days are not the page's."""
    y, m, d = day.year, day.month, day.day
    # 31.10.23 only as text of its own (not "Version 3.9.15", not "photo-01.09.10.png")
    # (the pattern tried at every position of the page is slow; its "m.yy" part, looked for as
    # plain text first, is absent from most pages)
    if f"{m}.{y % 100:02}" in html and re.search(rf"[\s>]0?{d}\.0?{m}\.{y % 100:02}(?=[\s<,])", html):
        return True
    numeric = re.compile(
        rf"(?<!\d){y}[-/.]0?{m}[-/.]0?{d}(?!\d)|(?<!\d){y}{m:02}{d:02}(?!\d)"
        rf"|(?<![\d.])0?{d}\.0?{m}\.{y}(?![\d.])"
        rf"|(?<![\d/])0?{d}/0?{m}/{y}(?!\d)|(?<![\d/])0?{m}/0?{d}/{y}(?!\d)|(?<!\d)0?{d}-0?{m}-{y}(?!\d)")
    for year in re.finditer(str(y), html):
        window = html[max(0, year.start() - 40):year.end() + 30]
        if str(d) not in window.replace(str(y), ""):
            continue  # every form below writes the day in digits: most windows stop here
        if numeric.search(window):
            return True
        for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
            if any(match["y"] == str(y) and int(match["d"]) == d and month_number(match["m"]) == m
                   for match in pattern.finditer(window)):
                return True
        if parse_date(" ".join(window.split())) == day:
            return True
    return False


def _htmldate_day(tree, url: str | None, today: dt.date) -> dt.date | None:
    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=EXTENSIVE_SEARCH,
                          max_date=today.isoformat(), outputformat="%Y-%m-%d")
    except Exception:  # htmldate's own bug on one odd page costs only its date
        return None
    return dt.date.fromisoformat(found) if found else None


def _as_utc(found: PageDate) -> dt.datetime:
    return dt.datetime.combine(found.day, found.time or dt.time()).replace(tzinfo=dt.timezone.utc)


def _whole_offset(local: dt.datetime, utc: dt.datetime) -> dt.timedelta | None:
    """local - utc when it is a real zone offset: whole quarter hours, at most 14 hours."""
    delta = local.replace(tzinfo=dt.timezone.utc) - utc
    whole = abs(delta) <= dt.timedelta(hours=14) and not delta % dt.timedelta(minutes=15)
    return delta if whole else None


def _in_zone(utc: dt.datetime, zone: ZoneInfo | None) -> PageDate | None:
    if zone is None:
        return None
    local = utc.astimezone(zone)
    return PageDate(local.date(), local.time().replace(tzinfo=None), local.utcoffset())


def _publisher_view(found: PageDate, others: list[PageDate], shown_on_page: Callable[[], PageDate | None],
                    zone: ZoneInfo | None) -> PageDate:
    """A UTC time read as the publisher wrote it: the same moment in the page's own local form
    (a second timestamp without zone, or the clock shown beside the date), else in the host's
    zone."""
    if found.time is None or found.offset != dt.timedelta(0):
        return found
    utc = _as_utc(found)
    for other in others:
        if other.time is not None and other.offset is None:
            offset = _whole_offset(dt.datetime.combine(other.day, other.time), utc)
            if offset:
                return PageDate(other.day, other.time, offset)
    # A shown day alone proves nothing: many sites print today's date in their header.
    shown = shown_on_page()
    if shown is not None and shown.time is not None and abs((shown.day - found.day).days) <= 1:
        shown_at = dt.datetime.combine(shown.day, shown.time.replace(second=found.time.second))
        offset = _whole_offset(shown_at, utc)
        if offset is not None:
            local = utc + offset
            return PageDate(local.date(), local.time(), offset)
    return _in_zone(utc, zone) or found


def page_date(tree, html: str, url: str | None, lang: str | None,
              today: dt.date | None = None) -> tuple[str | None, str]:
    """(ISO date text or None, where it came from: "structured", "header", "search" or "")."""
    today = today or dt.date.today()
    zone = publisher_zone(url)
    structured = [d for d in (parse_page_date(t, lang, today) for t in structured_date_texts(tree)) if d]

    @functools.cache
    def shown() -> PageDate | None:  # the header's text is read only when it is needed
        return parse_page_date(header_text(tree), lang, today)

    # Pages in the hub's languages print dates htmldate cannot read (Kazakh and Russian month
    # names): our own reading comes first.  Elsewhere htmldate's ranking of the same evidence
    # (which meta tag, JSON-LD or URL to believe) is the better one, and ours adds the time.
    if lang in ("kk", "ru") or str(zone) == "Asia/Almaty":
        if structured:
            return _publisher_view(structured[0], structured[1:], shown, zone).iso(zone), "structured"
        if shown() is not None:
            return shown().iso(zone), "header"
    if not structured and shown() is not None:
        # No date in the metadata, but one printed in a date or time box by the headline: the
        # page's own statement.  htmldate's search of the whole text (its slowest part) would
        # look there too, among loose dates in the text; measured on trafilatura's set, one
        # date more is right this way and a quarter of htmldate's calls are saved.
        return shown().iso(zone), "header"
    # When the metadata agrees on one day there is nothing for htmldate to rank.
    agreed = structured and len({d.day for d in structured}) == 1
    day = structured[0].day if agreed else _htmldate_day(tree, url, today)
    if day is not None:
        same = [d for d in structured if d.day == day]
        if same:
            return _publisher_view(same[0], structured, shown, zone).iso(zone), "structured"
        if written_on_page(day, html):
            return day.isoformat(), "search"
    if structured:
        return _publisher_view(structured[0], structured[1:], shown, zone).iso(zone), "structured"
    return (shown().iso(zone), "header") if shown() is not None else (None, "")
