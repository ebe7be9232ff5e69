"""Date forms of kk/ru/en news pages, the refusals, and the pipeline stage."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from janalyq.article import FLAG_DATE_UNKNOWN, Article, StageCounts
from janalyq.dates import date_stage, find_date, parse_date

D = dt.date
MID_MARCH = D(2026, 3, 17)

# (text, lang, reference, expected)
CASES = [
    # numeric and machine forms
    ("23.02.2026", None, None, D(2026, 2, 23)),
    ("23.02.2026 13:15:06", None, None, D(2026, 2, 23)),
    ("  5.3.2026  ", None, None, D(2026, 3, 5)),
    ("2026-02-20", None, None, D(2026, 2, 20)),
    ("2026-02-20T10:15:00+05:00", None, None, D(2026, 2, 20)),
    ("2026-02-20T23:59:59Z", None, None, D(2026, 2, 20)),
    ("Fri, 20 Feb 2026 10:15:00 +0500", None, None, D(2026, 2, 20)),
    ("Mon, 05 Jan 2026 08:00:00 GMT", None, None, D(2026, 1, 5)),
    ("Жаңарту: 17.03.2026", "kk", None, D(2026, 3, 17)),
    ("08/02/2026", None, None, D(2026, 2, 8)),
    ("08/02/2026, 17:25", "ru", None, D(2026, 2, 8)),
    ("02/28/2026", "en", None, D(2026, 2, 28)),
    # Kazakh
    ("2026 жылғы 18 наурыз", "kk", None, D(2026, 3, 18)),
    ("2026 ж. 18 наурыз", "kk", None, D(2026, 3, 18)),
    ("2026 жылы 2 қазанда", "kk", None, D(2026, 10, 2)),
    ("2025 жылғы «30» желтоқсандағы", "kk", None, D(2025, 12, 30)),
    ("18 наурыз 2026", "kk", None, D(2026, 3, 18)),
    ("1 қыркүйек 2025 ж.", "kk", None, D(2025, 9, 1)),
    ("ӘКІМДІК, 2026 ЖЫЛҒЫ 12 ҚАҢТАР", "kk", None, D(2026, 1, 12)),
    ("өткізеді2026 жылғы 18 наурыз сағ.11:30", "kk", None, D(2026, 3, 18)),
    ("2026 жылғы наурыздың 15-і", "kk", None, D(2026, 3, 15)),
    ("18 наурызда", "kk", MID_MARCH, D(2026, 3, 18)),
    ("5 шілдеде", "kk", MID_MARCH, D(2025, 7, 5)),
    ("7 мамырда", "kk", MID_MARCH, D(2026, 5, 7)),
    ("20 ақпанның", "kk", MID_MARCH, D(2026, 2, 20)),
    ("10 сәуірде", "kk", MID_MARCH, D(2026, 4, 10)),
    ("10 сәуiрде", "kk", MID_MARCH, D(2026, 4, 10)),  # Latin i typed for і
    ("наурыздың 15-інде", "kk", MID_MARCH, D(2026, 3, 15)),
    ("қыркүйектің 1-і", "kk", MID_MARCH, D(2025, 9, 1)),
    ("15-інде", "kk", MID_MARCH, D(2026, 3, 15)),
    ("20-сында", None, MID_MARCH, D(2026, 3, 20)),
    ("28 желтоқсанда", "kk", D(2026, 1, 3), D(2025, 12, 28)),
    ("3 қаңтарда", "kk", D(2025, 12, 20), D(2026, 1, 3)),
    # Russian
    ("20 февраля 2026", "ru", None, D(2026, 2, 20)),
    ("20 февраля 2026 г.", "ru", None, D(2026, 2, 20)),
    ("20 февраля 2026 года", "ru", None, D(2026, 2, 20)),
    ("20.02.2026 г.", "ru", None, D(2026, 2, 20)),
    ("«1» сентября 2025 г.", "ru", None, D(2025, 9, 1)),
    ("31 ДЕКАБРЯ 2025", "ru", None, D(2025, 12, 31)),
    ("Астана, 3 мая 2026", "ru", None, D(2026, 5, 3)),
    ("20 февраля", "ru", MID_MARCH, D(2026, 2, 20)),
    ("30 декабря", "ru", D(2026, 1, 10), D(2025, 12, 30)),
    ("15 окт. 2025", "ru", None, D(2025, 10, 15)),
    # English
    ("February 20, 2026", "en", None, D(2026, 2, 20)),
    ("20 February 2026", "en", None, D(2026, 2, 20)),
    ("Feb 20, 2026", "en", None, D(2026, 2, 20)),
    ("20 Feb 2026", "en", None, D(2026, 2, 20)),
    ("Sept. 3, 2025", "en", None, D(2025, 9, 3)),
    ("the 4th of July 2025", "en", None, D(2025, 7, 4)),
    ("Published: March 1st, 2026", "en", None, D(2026, 3, 1)),
    ("20 February", "en", MID_MARCH, D(2026, 2, 20)),
    # refusals: nothing guessed, nothing impossible
    ("31.02.2026", None, None, None),
    ("30.02.2026", None, None, None),
    ("12.13.2026", None, None, None),
    ("2026-13-01", None, None, None),
    ("01.01.1989", None, None, None),
    ("01.01.2101", None, None, None),
    ("hello", None, None, None),
    ("", None, None, None),
    ("2026", None, None, None),
    ("2026 жыл", "kk", None, None),
    ("наурыз 2026", "kk", None, None),
    ("February 2026", "en", None, None),
    ("18 наурызда", "kk", None, None),
    ("20 февраля", "ru", None, None),
    ("15-інде", "kk", None, None),
    ("15-інде", "en", MID_MARCH, None),
    ("31 ақпанда", "kk", MID_MARCH, None),
    ("шілдеде 5 мектеп ашылды", "kk", MID_MARCH, None),
    ("Наурыз Қостанайда жүректерді біріктірді", "kk", MID_MARCH, None),
    ("87,15% қолдады", "kk", MID_MARCH, None),
]


@pytest.mark.parametrize(("text", "lang", "reference", "expected"), CASES)
def test_parse_date(text, lang, reference, expected):
    assert parse_date(text, lang, reference) == expected


def test_never_defaults_a_missing_day_or_month():
    for text in ("наурыз 2026", "March 2026", "2026 жыл", "февраль 2026", "2026"):
        for reference in (None, MID_MARCH):
            assert parse_date(text, reference=reference) is None


def test_datetime_reference_is_accepted():
    assert parse_date("18 наурызда", "kk", dt.datetime(2026, 3, 17, 9, 30)) == D(2026, 3, 18)


def test_find_date_in_opening_lines():
    text = (
        "Жаңалықтар\nҚосымша\nҚР Қаржы вице-министрі кездесу өткізеді\n17.03.2026\n"
        "Кездесу 2026 жылғы 18 наурыз сағ.11:30 өтеді."
    )
    assert find_date(text) == D(2026, 3, 17)


def test_find_date_prefers_a_full_date_to_an_earlier_partial_one():
    text = "15 наурызда өткен референдум туралы. Жарияланды: 17.03.2026"
    assert find_date(text, "kk", MID_MARCH) == D(2026, 3, 17)


def test_find_date_falls_back_to_partial_date_with_reference():
    text = "Орталық комиссия 15 наурызда өткен референдум қорытындысын жариялады."
    assert find_date(text, "kk", MID_MARCH) == D(2026, 3, 15)
    assert find_date(text, "kk") is None


def test_find_date_skips_impossible_dates():
    assert find_date("Ref 31.02.2026, published 20 February 2026") == D(2026, 2, 20)


def test_find_date_none_without_dates():
    assert find_date("No date here, only 2,500 students and 50 clubs.") is None
    assert find_date("") is None


def test_numeric_form_is_fast():
    runs = 20_000
    start = time.perf_counter()
    for _ in range(runs):
        parse_date("23.02.2026")
    rate = runs / (time.perf_counter() - start)
    assert rate > 50_000, f"{rate:.0f} parses/s"


def _article(**kwargs) -> Article:
    return Article(url="file:///x#0", **kwargs)


def test_stage_parses_date_text():
    counts = StageCounts("date")
    article = date_stage(_article(date_text="23.02.2026", lang="en"), counts)
    assert article.published == D(2026, 2, 23)
    assert FLAG_DATE_UNKNOWN not in article.flags
    assert (counts.seen, counts.kept, dict(counts.repaired)) == (1, 1, {})


def test_stage_keeps_existing_date():
    counts = StageCounts("date")
    article = date_stage(_article(published=D(2025, 1, 1), date_text="23.02.2026"), counts)
    assert article.published == D(2025, 1, 1)
    assert (counts.seen, counts.kept, dict(counts.repaired)) == (1, 1, {})


def test_stage_uses_collection_time_as_reference():
    counts = StageCounts("date")
    collected = dt.datetime(2026, 1, 3, 12, 0)
    article = _article(date_text="28 желтоқсанда", lang="kk", collected_at=collected)
    date_stage(article, counts)
    assert article.published == D(2025, 12, 28)
    assert counts.repaired == {"date_parsed_relative": 1}
    assert counts.kept == 1


@pytest.mark.parametrize("date_text", [None, "", "31.02.2026", "18 наурызда", "тамыз"])
def test_stage_flags_unknown_date(date_text):
    counts = StageCounts("date")
    article = date_stage(_article(date_text=date_text, lang="kk"), counts)
    assert article.published is None
    assert FLAG_DATE_UNKNOWN in article.flags
    assert counts.repaired == {"date_unknown": 1}
    assert (counts.seen, counts.kept, sum(counts.dropped.values())) == (1, 1, 0)
