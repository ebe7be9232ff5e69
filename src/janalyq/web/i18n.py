"""Interface strings in Kazakh, Russian and English, and dates written the way each language does.

Strings live in locales/{kk,ru,en}.json, one flat object per language with the same keys (a test
checks that every key exists in every language and that every key the templates use exists).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from importlib import resources

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


def format_moment(lang: str, day: str | dt.date | None, moment: str | None) -> str:
    """The day, and the time of day where the source gave one ("30 қаңтар 2026, 17:36"), as
    the publisher's clock showed it."""
    text = format_date(lang, day)
    if day and moment:
        text += ", " + dt.datetime.fromisoformat(moment).strftime("%H:%M")
    return text


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
    key = f"outlet_{slug or 'none'}"
    found = strings(lang).get(key)
    return found if found is not None else (slug or "")


def language_name(lang: str, code: str | None) -> str:
    return translate(lang, f"lang_{code}" if code in UI_LANGS else "lang_unknown")
