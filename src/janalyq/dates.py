"""Publication dates as Kazakh, Russian and English news pages write them.

The parser is a handful of regular expressions over month tables rather than a general date
library: the pages use a small, known set of forms, and a general library fills in missing parts
(day 1, January, the current year) where this hub must say "unknown" instead.

A date is *absolute* when the text gives day, month and year.  It is *relative* when the year, or
the month and year, must come from a reference date (usually when the article was collected);
relative dates are only ever produced when a reference is given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from janalyq.alphabets import from_cyrillic
from janalyq.article import FLAG_DATE_FUTURE, FLAG_DATE_UNKNOWN, Article, StageCounts
from janalyq.times import in_kazakhstan, local_day, moment_of, relative_moment, time_near
from janalyq.translit import to_latin

MIN_YEAR = 1990
MAX_YEAR = 2100
# A date without a year is taken as the latest one at most this far after the reference: pages
# announce events some weeks ahead, but "28 December" read on 3 January is last year's.
FUTURE_SLACK = dt.timedelta(days=62)
# A publication date is never ahead of its reading, but for the time zones: "28 December" on a
# listing read on 27 December is this year's, "3 January" read on 20 December is last year's.
PUBLICATION_SLACK = dt.timedelta(days=1)

_KK_MONTHS = (
    "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым",
    "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан",
)
_RU_MONTHS = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
_RU_SHORT = {
    "янв": 1, "фев": 2, "февр": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7,
    "авг": 8, "сен": 9, "сент": 9, "окт": 10, "ноя": 11, "нояб": 11, "дек": 12,
}
_EN_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)


_PLAIN_LATIN = str.maketrans({"ä": "a", "ğ": "g", "ñ": "n", "ö": "o", "ş": "sh", "ū": "u", "ü": "u", "ı": "i"})


def _latin_kazakh_months() -> list[tuple[str, ...]]:
    """The Kazakh month names in every Latin spelling in use: the 2021 alphabet ("qañtar"), the
    2018 one of Kazinform ("qańtar"), the 2017 one ("qan'tar") and typed without the special
    letters ("qantar")."""
    official = tuple(to_latin(name) for name in _KK_MONTHS)
    return [official, tuple(name.translate(_PLAIN_LATIN) for name in official),
            tuple(from_cyrillic(name, "2018") for name in _KK_MONTHS),
            tuple(from_cyrillic(name, "2017") for name in _KK_MONTHS)]


def _month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for names in (_KK_MONTHS, _RU_MONTHS, _EN_MONTHS, *_latin_kazakh_months()):
        table.update({name: i for i, name in enumerate(names, start=1)})
    table.update(_RU_SHORT)
    table.update({name[:3]: i for i, name in enumerate(_EN_MONTHS, start=1)})
    table["sept"] = 9
    return table


_MONTHS = _month_table()


def _month_alternation(names: object) -> str:
    # Longest first, so that "марта" is not cut to "мар"; the Kazakh dotted і is also accepted
    # as a Latin i because older pages typed Kazakh with Latin look-alikes.
    ordered = sorted(names, key=len, reverse=True)  # type: ignore[call-overload]
    return "|".join(re.escape(name).replace("і", "[іi]").replace("'", "['’ʼ]") for name in ordered)


_LETTER = r"[^\W\d_]"
_END = rf"(?!{_LETTER})"
_MONTH = rf"(?<!{_LETTER})(?P<m>{_month_alternation(_MONTHS)})"
_EN_MONTH = rf"(?<!{_LETTER})(?P<m>{_month_alternation(n for n in _MONTHS if n.isascii())})"
_KK_MONTH = rf"(?<!{_LETTER})(?P<m>{_month_alternation(_KK_MONTHS)})"
# Case endings a Kazakh month name takes in a date: locative (наурызда), genitive (наурыздың),
# and a few others that still name the same day.
_KK_CASE = (
    r"(?:н[ыі]ң|д[ыі]ң|т[ыі]ң|дағы|д[еe]г[іi]|тағы|т[еe]г[іi]|да|де|та|те"
    r"|ға|ге|қа|ке|нан|нен|дан|ден|тан|тен)"
)
_KK_LOCATIVE_DAY = r"(?:[іi]нде|ында|с[іi]нде|сында|нде|нда)"
_KK_ORDINAL = rf"(?:-(?:{_KK_LOCATIVE_DAY}|[іi]нш[іi]|ыншы|нш[іi]|ншы|ш[іi]|шы|с[іi]|сы|[іi]|ы))"
_EN_ORDINAL = r"(?:st|nd|rd|th)"
_DAY = r"(?<!\d)(?P<d>\d{1,2})(?!\d)"
_YEAR = r"(?<!\d)(?P<y>\d{4})(?!\d)"
_YEAR_WORD = r"(?:\s*(?:г\.|года|году|ж\.|жылы|жылғы))"
_KK_YEAR_MARK = r"(?:жылғы|жылы|жыл|ж\.?|jyl(?:ǵ|ğ|g['’]?)y|jylgy|jyly|jyl|j\.)"  # and in Latin letters
_OPEN_Q = r"[«\"“]?"
_CLOSE_Q = r"[»\"”]?"

_FLAGS = re.IGNORECASE
_NUMERIC_ONLY = re.compile(
    r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г\.)?(?:[\sT,]+\d{1,2}:\d{2}(?::\d{2})?)?\s*"
)
# Each pattern names its parts d (day), m (month: digits or a name) and y (year); a missing
# part is left to the reference date.
_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, _FLAGS)
    for p in (
        r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?!\d)",
        # 08/02/2026: day first, as Kazakh and Russian pages write it (02/28/2026 reads as
        # month first, since no month is 28)
        r"(?<![\d/])(?P<d>\d{1,2})(?P<slash>/)(?P<m>\d{1,2})/(?P<y>\d{4})(?!\d)",
        r"(?<![\d.])(?P<y>\d{4})(?P<sep>[-./])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)",
        # 2026 жылғы 18 наурыз / 2026 ж. «18» наурызда
        rf"{_YEAR}\s*{_KK_YEAR_MARK}\s*{_OPEN_Q}{_DAY}{_KK_ORDINAL}?{_CLOSE_Q}\s*{_MONTH}{_KK_CASE}?{_END}",
        # 2026 жылғы наурыздың 15-і
        rf"{_YEAR}\s*{_KK_YEAR_MARK}\s*{_MONTH}{_KK_CASE}?{_END}\s*{_DAY}{_KK_ORDINAL}?{_END}",
        # 18 наурыз 2026, 20 февраля 2026 г., 20th of February 2026, 18 наурызда, 20 февраля
        rf"{_OPEN_Q}{_DAY}(?:{_EN_ORDINAL}|{_KK_ORDINAL})?{_CLOSE_Q}\s*(?:of\s+)?{_MONTH}"
        rf"(?:{_KK_CASE}{_END}|{_END}\.?(?:\s*,?\s*{_YEAR}{_YEAR_WORD}?)?)",
        # February 20, 2026 / Feb. 20
        rf"{_EN_MONTH}{_END}\.?\s*{_DAY}{_EN_ORDINAL}?{_END}(?:\s*,?\s*{_YEAR})?",
        # наурыздың 15-інде: the ordinal ending is required, "шілдеде 5 мектеп" is no date
        rf"{_KK_MONTH}{_KK_CASE}?{_END}\s*{_DAY}{_KK_ORDINAL}{_END}",
    )
)
# 15-інде: a Kazakh day with nothing else, month and year from the reference.
_KK_BARE_DAY = re.compile(rf"{_DAY}-{_KK_LOCATIVE_DAY}{_END}", _FLAGS)


def _make(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    name = text.lower().replace("’", "'").replace("ʼ", "'")
    return _MONTHS.get(name) or _MONTHS.get(name.replace("i", "і"))


def _assemble(
    day: int, month: int | None, year: int | None, reference: dt.date | None,
    ahead: dt.timedelta = FUTURE_SLACK,
) -> tuple[dt.date, bool] | None:
    """The date, and whether the reference had to supply part of it."""
    if month is not None and year is not None:
        made = _make(year, month, day)
        return (made, False) if made else None
    if reference is None:
        return None
    if month is None:
        made = _make(reference.year, reference.month, day)
        return (made, True) if made else None
    # The latest reading not too far ahead: "3 қаңтарда" seen on 20 December is next year's.
    latest = reference + ahead
    for candidate_year in (reference.year + 1, reference.year, reference.year - 1):
        made = _make(candidate_year, month, day)
        if made is not None and made <= latest:
            return made, True
    return None


def _from_match(
    match: re.Match[str], reference: dt.date | None, ahead: dt.timedelta = FUTURE_SLACK
) -> tuple[dt.date, bool] | None:
    parts = match.groupdict()
    month = _month_number(parts["m"]) if parts.get("m") else None
    if parts.get("m") and month is None:
        return None
    year = int(parts["y"]) if parts.get("y") else None
    day = int(parts["d"])
    if parts.get("slash") and month is not None and month > 12 and day <= 12:
        day, month = month, day  # a month-first numeric date: no month is above 12
    return _assemble(day, month, year, reference, ahead)


def _candidates(text: str, lang: str | None) -> Iterator[re.Match[str]]:
    for pattern in _PATTERNS:
        yield from pattern.finditer(text)
    if lang in (None, "kk"):
        yield from _KK_BARE_DAY.finditer(text)


def date_spans(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Where `text` writes something shaped like a date in any form this module reads.

    Shapes only: the parts are not checked (no reference date is needed), so that the clean
    stage can tell a line that is nothing but a date ("21 January 2026, 13:00") from text.
    """
    return [match.span() for match in _candidates(text, lang)]


def _scan(
    text: str, lang: str | None, reference: dt.date | None, ahead: dt.timedelta = FUTURE_SLACK
) -> tuple[dt.date, bool] | None:
    """Earliest absolute date in `text`, else earliest relative one.

    An absolute date wins over an earlier relative one because in the opening lines of an
    article a bare "15 March" is usually an event mentioned in the text, while the page's own
    date is written in full.
    """
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    best_abs: tuple[int, dt.date] | None = None
    best_rel: tuple[int, dt.date] | None = None
    for match in _candidates(text, lang):
        start = match.start()
        if best_abs is not None and start >= best_abs[0]:
            continue
        found = _from_match(match, reference, ahead)
        if found is None:
            continue
        date, relative = found
        if not relative:
            best_abs = (start, date)
        elif best_rel is None or start < best_rel[0]:
            best_rel = (start, date)
    if best_abs is not None:
        return best_abs[1], False
    return (best_rel[1], True) if best_rel is not None else None


def parse_date_ex(
    text: str | None, lang: str | None = None, reference: dt.date | None = None,
    ahead: dt.timedelta = FUTURE_SLACK,
) -> tuple[dt.date, bool] | None:
    """Like `parse_date`, also telling whether the reference supplied the year or month.

    `ahead`: how far after the reference a date without a year may fall.
    """
    if not text:
        return None
    numeric = _NUMERIC_ONLY.fullmatch(text)
    if numeric is not None:
        day, month, year = numeric.groups()
        made = _make(int(year), int(month), int(day))
        return (made, False) if made else None
    return _scan(text, lang, reference, ahead)


def parse_date(
    text: str, lang: str | None = None, reference: dt.date | None = None
) -> dt.date | None:
    """The date written in `text` (a date, or a short phrase holding one), or None.

    Missing parts are never guessed: a day without month, or a month without day, is None.
    A year (or month and year) that the text leaves out is taken from `reference`; without a
    reference such text is None.  `lang` is a hint: the bare Kazakh day form ("15-інде") is
    only read when `lang` is "kk" or unknown.
    """
    found = parse_date_ex(text, lang, reference)
    return found[0] if found else None


def find_date(
    text: str, lang: str | None = None, reference: dt.date | None = None
) -> dt.date | None:
    """The first date in a longer text, such as the opening lines of an article.

    A date written in full is preferred over an earlier one that needs `reference`.
    """
    if not text:
        return None
    found = _scan(text, lang, reference)
    return found[0] if found else None


def date_stage(article: Article, counts: StageCounts) -> Article:
    """Fill `article.published` (the day) and, where the text gives a time, `published_at`.

    The article is always kept.  A date after the collection day (one day of tolerance for time
    zones) is not believed: it would pin the listings and feeds; the article keeps no date and
    is flagged.
    """
    counts.seen += 1
    counts.kept += 1
    collected = article.collected_at
    if article.published is None:
        _read_publication_date(article, counts)
    latest = (local_day(collected) if collected else dt.date.today()) + dt.timedelta(days=1)
    if article.published is not None and article.published > latest:
        article.published = article.published_at = None
        article.flags.update((FLAG_DATE_FUTURE, FLAG_DATE_UNKNOWN))
        counts.repair("date_future")
    return article


def _read_publication_date(article: Article, counts: StageCounts) -> None:
    text, collected = article.date_text, article.collected_at
    reference = local_day(collected) if collected else None
    found = parse_date_ex(text, article.lang, reference, ahead=PUBLICATION_SLACK)
    if found is None and text and collected is not None:
        card = relative_moment(text, collected if collected.tzinfo else collected.replace(tzinfo=dt.timezone.utc))
        if card is not None:
            day, clock = card
            article.published, article.published_at = moment_of(day, clock, kazakh=True)
            counts.repair("date_parsed_relative")
            return
    if found is None:
        article.flags.add(FLAG_DATE_UNKNOWN)
        counts.repair("date_unknown")
        return
    day, relative = found
    clock = time_near(text, date_spans(text, article.lang)) if text else None
    kazakh = in_kazakhstan(article.url, article.source_url)
    article.published, article.published_at = moment_of(day, clock, kazakh)
    if relative:
        counts.repair("date_parsed_relative")
