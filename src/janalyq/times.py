"""The time of day a date text gives, its zone, and the relative dates of listing cards.

The date stage reads the day with `janalyq.dates`; this module adds what turns the day into a
moment: "17:36", "00:30:00 +0500", "2026-03-16T23:30:00Z", "| GMT +5", and card dates that name
no day at all ("Сегодня, 14:30", "Кеше", "2 сағат бұрын").

Kazakhstan's official sources publish on Astana time, so a time with no zone is read in
`PUBLISHER_ZONE`, and a time stamped in UTC (Z, GMT, +00:00: feeds and CMSs often stamp UTC) is
moved to it before its day is taken: a release of 00:30 in Astana is stamped 19:30 UTC the day
before.  A page of a publisher outside Kazakhstan keeps the zone it states, or none.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

PUBLISHER_ZONE = ZoneInfo("Asia/Almaty")
# How far from the date's own text a time may stand and still be its time ("17:36, 30 Qańtar
# 2026", "08.02.2026, 17:25"): farther away, a time is another event's.
_NEAR = 24

_TIME = re.compile(
    r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d)(?:[.,]\d+)?)?(?![\d:])"
    # The zone written right after the time: Z, +05:00 (attached), +0500 (RFC 822, after a
    # space), GMT+5, UTC, an abbreviation.  A bare "-12:00" after a time without seconds is the
    # end of a range ("10:00-12:00"), not a zone: `clock_times` drops it.
    r"(?P<zone>Z(?![A-Za-z])|[+-]\d{2}:?\d{2}(?!\d)|\s[+-]\d{4}(?!\d)"
    r"|\s?(?:GMT|UTC)(?:\s?[+-−]\s?\d{1,2}(?::?\d{2})?(?!\d))?"
    r"|\s(?:CEST|CET|EEST|EET|MSK|BST|EDT|EST|CDT|CST|PDT|PST|ALMT|QYZT)(?![A-Za-z]))?"
)
# A zone stated apart from the time, as Kazinform prints it: "17:36, 30 Qańtar 2026 | GMT +5".
_LOOSE_ZONE = re.compile(r"(?<![A-Za-z])(?:GMT|UTC)\s?(?P<sign>[+-−])\s?(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?(?!\d)")
_ABBREVIATIONS = {
    "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "BST": 1, "EST": -5, "EDT": -4,
    "CST": -6, "CDT": -5, "PST": -8, "PDT": -7, "ALMT": 6, "QYZT": 6,
}

_TODAY = ("сегодня", "бүгін", "bügin", "bugin", "búgin", "today")
_YESTERDAY = ("вчера", "кеше", "keşe", "keshe", "kese", "yesterday")
_RELATIVE_DAY = re.compile(
    rf"(?<![^\W\d_])(?P<word>{'|'.join(_TODAY + _YESTERDAY)})(?![^\W\d_])", re.IGNORECASE)
_AGO = re.compile(
    r"(?<!\d)(?P<n>\d{1,3})\s*(?P<unit>минут\w*|мин\.?|час\w*|сағат\w*|sağat\w*|saǵat\w*|minut\w*|"
    r"min(?:ute)?s?|hours?|hrs?)\s*(?P<tail>назад|бұрын|būryn|buryn|buryn|ago)(?![^\W\d_])",
    re.IGNORECASE)


@dataclass(frozen=True)
class ClockTime:
    """A time of day as the text gives it, with the zone offset it states (None: none stated)."""

    time: dt.time
    offset: dt.timedelta | None
    start: int
    end: int


def _offset(zone: str) -> dt.timedelta | None:
    zone = zone.strip().replace("−", "-")
    if not zone:
        return None
    if zone in ("Z", "GMT", "UTC"):
        return dt.timedelta(0)
    if zone in _ABBREVIATIONS:
        return dt.timedelta(hours=_ABBREVIATIONS[zone])
    match = re.fullmatch(r"(?:GMT|UTC)?\s?([+-])\s?(\d{1,2})(?::?(\d{2}))?", zone)
    if match is None:
        return None
    sign = -1 if match.group(1) == "-" else 1
    hours, minutes = int(match.group(2)), int(match.group(3) or 0)
    if hours > 14 or minutes >= 60:
        return None
    return sign * dt.timedelta(hours=hours, minutes=minutes)


def _loose_offset(text: str) -> dt.timedelta | None:
    match = _LOOSE_ZONE.search(text)
    if match is None:
        return None
    return _offset(f"{match.group('sign')}{match.group('h')}:{match.group('m') or '00'}")


def clock_times(text: str) -> list[ClockTime]:
    """Every time of day written in `text`, in order."""
    found = []
    for match in _TIME.finditer(text):
        zone = match.group("zone") or ""
        if zone.startswith("-") and match.group("s") is None:
            zone = ""
        moment = dt.time(int(match.group("h")), int(match.group("mi")), int(match.group("s") or 0))
        found.append(ClockTime(moment, _offset(zone), match.start(), match.end()))
    return found


def time_near(text: str, spans: list[tuple[int, int]]) -> ClockTime | None:
    """The time written next to one of `spans` (where the date stands), with its zone.

    The time of "2026-03-16T23:30:00Z" lies inside the date's span; "17:36, 30 Qańtar 2026" and
    "08.02.2026, 17:25" put it beside.  A zone printed apart ("| GMT +5") applies to a time
    that states none.
    """
    for clock in clock_times(text):
        if any(clock.start - _NEAR <= end and clock.end + _NEAR >= start for start, end in spans):
            if clock.offset is None:
                loose = _loose_offset(text)
                if loose is not None:
                    return ClockTime(clock.time, loose, clock.start, clock.end)
            return clock
    return None


def relative_moment(text: str, now: dt.datetime) -> tuple[dt.date, ClockTime | None] | None:
    """The day (and time) of a card date relative to `now`: "Сегодня, 14:30", "Кеше 09:12",
    "Yesterday", "2 сағат бұрын", "15 минут назад".  `now` is aware; days are Astana's."""
    local = now.astimezone(PUBLISHER_ZONE)
    ago = _AGO.search(text)
    if ago is not None:
        count, unit = int(ago.group("n")), ago.group("unit").lower()
        delta = dt.timedelta(minutes=count) if unit.startswith(("мин", "min")) else dt.timedelta(hours=count)
        then = (local - delta).replace(second=0, microsecond=0)
        return then.date(), ClockTime(then.time(), then.utcoffset(), ago.start(), ago.end())
    match = _RELATIVE_DAY.search(text)
    if match is None:
        return None
    back = 0 if match.group("word").lower() in _TODAY else 1
    return local.date() - dt.timedelta(days=back), time_near(text, [match.span()])


def in_kazakhstan(*urls: str | None) -> bool:
    """Whether an article's zone is Astana's: a .kz site, or an input with no web host (the
    files this hub imports are its own sources').  A page of another country's site is not."""
    for url in urls:
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.hostname:
            return parts.hostname.endswith(".kz") or parts.hostname == "kz"
    return True


def moment_of(day: dt.date, clock: ClockTime | None, kazakh: bool) -> tuple[dt.date, dt.datetime | None]:
    """The publication day and moment for a day and the time written beside it.

    A UTC stamp of a Kazakh source moves to Astana time (its day may change); a stated offset is
    kept; a time with none is Astana's for a Kazakh source and stays zone-less for another.
    """
    if clock is None:
        return day, None
    naive = dt.datetime.combine(day, clock.time)
    if clock.offset is None:
        return day, (naive.replace(tzinfo=PUBLISHER_ZONE) if kazakh else naive)
    moment = naive.replace(tzinfo=dt.timezone(clock.offset))
    if kazakh and clock.offset == dt.timedelta(0):
        moment = moment.astimezone(PUBLISHER_ZONE)
        return moment.date(), moment
    return day, moment


def local_day(moment: dt.datetime) -> dt.date:
    """The Astana day of an aware moment (a naive one is taken as already local)."""
    return moment.astimezone(PUBLISHER_ZONE).date() if moment.tzinfo else moment.date()
