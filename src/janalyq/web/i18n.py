"""Interface strings in Kazakh, Russian and English, and dates written the way each language does.

Strings live in locales/{kk,ru,en}.json, one flat object per language with the same keys (a test
checks that every key exists in every language and that every key the templates use exists).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources

from janalyq.times import PUBLISHER_ZONE

UI_LANGS = ("kk", "ru", "en")
DEFAULT_LANG = "kk"

MONTHS = {
    "kk": ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
           "қазан", "қараша", "желтоқсан"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
}
MONTHS_STANDALONE = {
    "kk": MONTHS["kk"],
    "ru": ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь",
           "октябрь", "ноябрь", "декабрь"],
    "en": MONTHS["en"],
}
# Native names, shown the same in every interface so a reader finds their own language.
LANGUAGE_NATIVE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


@lru_cache(maxsize=None)
def strings(lang: str) -> dict[str, str]:
    text = resources.files("janalyq.web").joinpath("locales", f"{lang}.json").read_text(encoding="utf-8")
    return json.loads(text)


def translate(lang: str, key: str, **values) -> str:
    table = strings(lang if lang in UI_LANGS else DEFAULT_LANG)
    template = table.get(key)
    if template is None:  # a missing key is a bug the locale test catches; never a crash
        return key
    return template.format(**values) if values else template


def format_date(lang: str, value: str | dt.date | None) -> str:
    if not value:
        return translate(lang, "date_unknown")
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    month = MONTHS.get(lang, MONTHS["en"])[day.month - 1]
    if lang == "kk":
        return f"{day.year} жылғы {day.day} {month}"
    if lang == "ru":
        return f"{day.day} {month} {day.year} г."
    return f"{day.day} {month} {day.year}"


def local_moment(moment: str | None) -> dt.datetime | None:
    """A stored moment on the clock of Astana and Almaty (Asia/Almaty), where the readers and
    the publishers are; a moment stored without a zone stays as its page gave it."""
    if not moment:
        return None
    try:
        value = dt.datetime.fromisoformat(moment)
    except ValueError:
        return None
    return value.astimezone(PUBLISHER_ZONE) if value.tzinfo else value


def format_moment(lang: str, day: str | dt.date | None, moment: str | None) -> str:
    """The day, and the time of day where the source gave one ("30 қаңтар 2026, 17:36"), in
    Asia/Almaty."""
    local = local_moment(moment) if day else None
    if local is None:
        return format_date(lang, day)
    return format_date(lang, local.date()) + ", " + local.strftime("%H:%M")


# Russian plural forms: one (1, 21, 31...), few (2-4, 22-24...), many (5-20, 25-30...).
_RU_UNITS = {"minute": ("минуту", "минуты", "минут"), "hour": ("час", "часа", "часов")}
_KK_UNITS = {"minute": "минут", "hour": "сағат"}


def _ru_form(n: int, forms: tuple[str, str, str]) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


def format_ago(lang: str, n: int, unit: str) -> str:
    """"2 сағат бұрын", "2 часа назад", "2 hours ago"."""
    if lang == "kk":
        return f"{n} {_KK_UNITS[unit]} бұрын"
    if lang == "ru":
        return f"{n} {_ru_form(n, _RU_UNITS[unit])} назад"
    return f"{n} {unit}{'' if n == 1 else 's'} ago"


def format_when(lang: str, day: str | None, moment: str | None, now: dt.datetime | None = None) -> str:
    """What a card shows: "2 hours ago" within a day of the moment, "14:30" earlier today
    is not needed then; else the day and the time ("30 қаңтар 2026, 17:36") or the day alone."""
    local = local_moment(moment)
    if local is not None and local.tzinfo is not None:
        now = now or dt.datetime.now(dt.timezone.utc)
        seconds = (now - local).total_seconds()
        if 0 <= seconds < 60:
            return translate(lang, "just_now")
        if 60 <= seconds < 3600:
            return format_ago(lang, int(seconds // 60), "minute")
        if 3600 <= seconds < 86400:
            return format_ago(lang, int(seconds // 3600), "hour")
    return format_moment(lang, day, moment)


def format_month(lang: str, month: str) -> str:
    year, number = month.split("-")
    name = MONTHS_STANDALONE.get(lang, MONTHS["en"])[int(number) - 1]
    if lang == "kk":
        return f"{year} жыл, {name}"
    return f"{name.capitalize()} {year}"


def section_name(lang: str, slug: str | None) -> str:
    key = f"section_{slug or 'none'}"
    found = strings(lang).get(key)
    return found if found is not None else (slug or "").capitalize()


def outlet_name(lang: str, slug: str | None) -> str:
    """The outlet's name in `lang`; an outlet without one (a gov.kz entity slug such as
    "kostanai-kalasy-akimat", an agency host) is written as words ("Kostanai kalasy akimat")."""
    key = f"outlet_{slug or 'none'}"
    found = strings(lang).get(key)
    if found is not None:
        return found
    if not slug:
        return ""
    if "." in slug:  # an agency's host name: kept as the site calls itself
        return slug
    first, *rest = slug.replace("_", "-").split("-")
    # A short first word of a gov.kz slug is an abbreviation ("kgd-akmola": KGD Akmola).
    return " ".join([first.upper() if len(first) <= 3 else first.capitalize(), *rest])


def language_name(lang: str, code: str | None) -> str:
    return translate(lang, f"lang_{code}" if code in UI_LANGS else "lang_unknown")
