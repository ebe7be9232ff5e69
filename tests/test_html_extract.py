"""The HTML reader on pages we wrote: tables, declared Latin code pages, XML prologs, the date
forms of html_dates, UTC times dated by the publisher's day, and no date where the page has none."""

from __future__ import annotations

import datetime as dt

import pytest
from htmldate import find_date

from janalyq.crawl.extract import article_from_page
from janalyq.read.encoding import decode_bytes
from janalyq.read.html import extract_page, parse_page
from janalyq.read.html_dates import parse_page_date, written_on_page
from tests.test_readers import import_one

TODAY = dt.date(2026, 12, 1)

RESULTS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Regional chess cup: final standings</title></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Regional chess cup: final standings</h1>
<p>The regional chess cup in Kostanay ended on Sunday after nine rounds played over five days.
Forty-two players from six districts took part, twelve of them under sixteen years old.</p>
<table><tr><th>Place</th><th>Player</th><th>Points</th></tr>
<tr><td>1</td><td>Aidana Serikbayeva</td><td>7.5</td></tr>
<tr><td>2</td><td>Timur Ospanov</td><td>7</td></tr>
<tr><td>3</td><td>Dina Zhaksylykova</td><td>6.5</td></tr></table>
<p>The three winners qualify for the national championship, which opens in Astana in March.
The organisers thanked the district schools that lent boards and clocks for the tournament.</p>
</article><footer>Contacts</footer></body></html>"""


def test_a_table_in_the_article_is_kept():
    article, _ = extract_page(RESULTS_PAGE, "https://sport.example.kz/chess-cup")
    body = article.body_text
    assert "Aidana Serikbayeva" in body and "Dina Zhaksylykova" in body and "6.5" in body
    assert "nine rounds" in body and "national championship" in body


GERMAN = ("<html lang=\"de\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={cs}\">"
          "<title>Neue Brücke für Fußgänger eröffnet</title></head><body><article>"
          "<h1>Neue Brücke für Fußgänger eröffnet</h1>"
          "<p>Die neue Brücke über den Fluss ist seit Montag für Fußgänger und Radfahrer geöffnet. "
          "Sie verkürzt den Schulweg für viele Kinder um fast zwei Kilometer.</p>"
          "<p>Die Bauarbeiten dauerten vierzehn Monate, die Kosten lagen unter der Schätzung. "
          "Im Frühjahr werden am Ufer noch Bäume gepflanzt und Bänke aufgestellt.</p>"
          "</article></body></html>")


@pytest.mark.parametrize("charset", ["windows-1252", "iso-8859-1", "ISO-8859-15"])
def test_declared_latin_code_page_is_read_as_latin(charset):
    data = GERMAN.format(cs=charset).encode("cp1252")
    decoded = decode_bytes(data)
    assert "Brücke für Fußgänger" in decoded.text
    assert "ь" not in decoded.text and not decoded.warnings


def test_undeclared_latin_bytes_are_not_taken_for_cyrillic():
    data = GERMAN.replace("; charset={cs}", "").encode("cp1252")
    assert "Schätzung" in decode_bytes(data).text


def test_cyrillic_bytes_under_a_wrong_latin_declaration_are_still_cyrillic():
    page = ("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Министерство образования "
            "сообщило о ремонте двадцати школ в области этим летом.</p></body></html>")
    assert "Министерство образования" in decode_bytes(page.encode("cp1251")).text


def test_windows_1252_page_imports_with_its_letters(tmp_path):
    report, (record,) = import_one(tmp_path, "brucke.html", GERMAN.format(cs="windows-1252").encode("cp1252"))
    assert not report.rejects
    assert record["title"] == "Neue Brücke für Fußgänger eröffnet"
    assert "Frühjahr werden am Ufer" in record["body"]


XML_PAGE = """<?xml version="1.0" encoding="{cs}"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>Library opens on Saturdays</title></head>
<body><div class="content"><h1>Library opens on Saturdays</h1>
<p>From next month the city library in Taraz will open on Saturdays from ten to four o'clock.
Readers asked for weekend hours in a survey last autumn, and the staff agreed to new shifts.</p>
<p>The reading room for children will also stay open, with a story hour at eleven for the youngest.</p>
</div></body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "iso-8859-1"])
def test_page_with_an_xml_prolog_is_read(tmp_path, charset):
    report, (record,) = import_one(tmp_path, "library.xhtml", XML_PAGE.format(cs=charset).encode())
    assert not report.rejects
    assert record["title"] == "Library opens on Saturdays"
    assert "story hour at eleven" in record["body"]


@pytest.mark.parametrize("text, lang, expected", [
    ("Tue Jan 28 15:28:56 CET 2020", None, "2020-01-28T15:28:56+01:00"),
    ("Tue, 28 Jan 2020 15:28:56 +0100", None, "2020-01-28T15:28:56+01:00"),
    ("2020-01-28T15:28:56Z", None, "2020-01-28T15:28:56+00:00"),
    ("20200128", None, "2020-01-28"),
    ("Veröffentlicht am 28. Januar 2020", "de", "2020-01-28"),
    ("28. Jan. 2020, 15:28 Uhr", "de", "2020-01-28T15:28:00"),
    ("28/01/2020", None, "2020-01-28"),
    ("01/28/2020", None, "2020-01-28"),
    ("02/03/2020", "en", "2020-02-03"),
    ("02/03/2020", "de", "2020-03-02"),
    ("28-01-2020", None, "2020-01-28"),
    ("3 de marzo de 2021", "es", "2021-03-03"),
    ("le 1er mars 2022", "fr", "2022-03-01"),
    ("5 stycznia 2022", "pl", "2022-01-05"),
    ("January 28, 2020 | 9:25pm", "en", "2020-01-28T21:25:00"),
    ("2026 жылғы 18 наурыз", "kk", "2026-03-18"),
    ("20 февраля 2026, 10:15", "ru", "2026-02-20T10:15:00"),
])
def test_page_date_forms(text, lang, expected):
    assert parse_page_date(text, lang, TODAY).iso(None) == expected


@pytest.mark.parametrize("text", ["28/01/20", "Jan 28", "2020", "13/13/2020", "Tue Jan 28 15:28:56 CET 2031",
                                  "updated 5 minutes ago"])
def test_no_date_is_made_up_from_parts(text):
    assert parse_page_date(text, "en", TODAY) is None


KZ_PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>В Кызылорде открыли новую поликлинику</title>
<link rel="canonical" href="https://www.gov.kz/memleket/entities/kyzylorda/press/news/details/5512?lang=ru">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-03-14T20:30:00Z"}</script>
</head><body><article><h1>В Кызылорде открыли новую поликлинику</h1>
<p>В Кызылорде открылась поликлиника на 300 посещений в смену. В здании работают кабинеты
функциональной диагностики и дневной стационар.</p>
<p>Поликлиника будет обслуживать жителей трёх микрорайонов, где прежде не было своей больницы.</p>
</article></body></html>"""


def test_utc_time_of_a_kz_page_is_dated_by_the_almaty_day(tmp_path):
    article, facts = extract_page(KZ_PAGE, "file:///page.html")
    # 20:30 UTC is 01:30 the next morning in Almaty (UTC+5 since March 2024).
    assert article.date_text == "2026-03-15T01:30:00+05:00" and facts.date_source == "structured"
    _, (record,) = import_one(tmp_path, "kz.html", KZ_PAGE.encode())
    assert record["published"] == "2026-03-15"


def test_a_page_that_gives_another_offset_keeps_it():
    page = KZ_PAGE.replace("2026-03-14T20:30:00Z", "2026-03-14T23:30:00+03:00")
    article, _ = extract_page(page, "file:///page.html")
    assert article.date_text == "2026-03-14T23:30:00+03:00"


def test_utc_time_beside_a_shown_local_time_gives_the_publishers_offset():
    page = KZ_PAGE.replace("https://www.gov.kz/memleket/entities/kyzylorda/press/news/details/5512?lang=ru",
                           "https://news.example.com/clinic").replace(
        "<article>", '<article><div class="post-date">March 14, 2026 | 3:30pm</div>')
    article, _ = extract_page(page, "file:///page.html")
    assert article.date_text == "2026-03-14T15:30:00-05:00"


UNDATED = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>About the museum</title>
<link rel="canonical" href="https://museum.example.org/2024/05/about"></head><body>
<article><h1>About the museum</h1><p>The regional museum keeps more than twelve thousand objects,
from bronze age tools to the letters of local teachers, and opens every day except Monday.</p>
<p>Guided tours in Kazakh, Russian and English can be booked at the entrance desk.</p></article>
<footer>© 2024 Regional museum</footer></body></html>"""


def test_a_page_without_a_date_gets_none(tmp_path):
    article, facts = extract_page(UNDATED, "file:///about.html")
    assert article.date_text is None and facts.date_source == ""
    _, (record,) = import_one(tmp_path, "about.html", UNDATED.encode())
    assert record["published"] is None and "date_unknown" in record["flags"]


def test_crawler_prefers_the_pages_metadata_to_the_feed_date():
    article = article_from_page("https://www.gov.kz/memleket/entities/kyzylorda/press/news/details/5512",
                                KZ_PAGE, {"date": "13.03.2026", "lang": "ru"})
    assert article.date_text == "2026-03-15T01:30:00+05:00"
    undated = article_from_page("https://museum.example.org/about", UNDATED, {"date": "13.03.2026"})
    assert undated.date_text == "13.03.2026"


def test_a_day_htmldate_guesses_from_loose_text_is_refused():
    # "4. 2. 2022" with spaces is no form we read; htmldate's search makes a day of it (here the
    # 1 January of the year; on other pages dateparser reads it month first, 2 April).  The page
    # writes no such day, so there is no date rather than a wrong one.
    page = ('<html lang="de"><head><meta charset="utf-8"><title>Vereinsabend</title></head><body>'
            '<article><h1>Vereinsabend im Februar</h1><div class="meta">Von Redaktion 4. 2. 2022</div>'
            "<p>Der Verein lädt alle Mitglieder zum Abend im Gemeindehaus ein. Es gibt Suppe, Brot und "
            "einen kurzen Bericht über das vergangene Jahr.</p></article></body></html>")
    guessed = find_date(parse_page(page), original_date=True, extensive_search=True)
    assert guessed is not None and guessed.startswith("2022-")
    article, _ = extract_page(page, "file:///verein.html")
    assert article.date_text is None


@pytest.mark.parametrize("html, day, written", [
    ("<span>31.10.23</span>", dt.date(2023, 10, 31), True),
    ('<meta name="generator" content="Joomla! Version 3.9.15" />', dt.date(2015, 9, 3), False),
    ('<img src="/uploads/photo-01.09.10.png">', dt.date(2010, 9, 1), False),
    ("<p>Posted on 3 March 2021</p>", dt.date(2021, 3, 3), True),
    ("<p>© 2021 Example</p>", dt.date(2021, 1, 1), False),
    ('<a href="/2021/03/">March 2021</a>', dt.date(2021, 3, 1), False),
    ("<p>2026 жылғы 18 наурыз</p>", dt.date(2026, 3, 18), True),
])
def test_written_on_page(html, day, written):
    assert written_on_page(day, html) is written


@pytest.mark.parametrize("depth", [300, 1500])
def test_deeply_nested_page_keeps_its_body(depth):
    from pathlib import Path

    from janalyq.read.files import TextInput
    from janalyq.read.html import read_html

    text = "Министрлік өңірлерге арналған жаңа бағдарлама туралы хабарлады. " * 6
    html = (f'<html lang="kk"><head><title>Жаңа бағдарлама</title></head><body>{"<div>" * depth}'
            f"<h1>Жаңа бағдарлама</h1><p>{text}</p>{'</div>' * depth}</body></html>")
    [article] = read_html(TextInput(path=Path("deep.html"), uri="file:///deep.html", text=html, encoding="utf-8"))
    assert article.body and "бағдарлама туралы хабарлады" in article.body[0]


def test_page_nested_past_the_parser_limit_is_a_reject_through_the_cli(tmp_path):
    from typer.testing import CliRunner

    from janalyq.cli import app

    page = tmp_path / "abyss.html"
    page.write_text('<html lang="en"><head><title>Deep</title></head><body>' + "<div>" * 3000
                    + "<p>" + "Text that would be lost. " * 10 + "</p>" + "</div>" * 3000 + "</body></html>",
                    encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(page), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert "abyss.html" in result.output and "nested too deep" in result.output


def test_a_date_printed_by_the_headline_is_read_without_htmldates_search(monkeypatch):
    # No date in the metadata; the page prints its day in a date box under the headline, and an
    # older day in the text.  Our reading of the box is the page's date, and htmldate's search of
    # the whole text is not run for it.
    import janalyq.read.html_dates as html_dates

    searched: list[str] = []
    monkeypatch.setattr(html_dates, "_htmldate_day", lambda tree, url, today: searched.append(url))
    page = ('<html lang="en"><head><meta charset="utf-8"><title>River ferry returns</title></head><body>'
            '<article><h1>River ferry returns</h1><div class="post-date">Published 14 April 2025, 09:30</div>'
            "<p>The ferry across the Ural at Oral, out of service since 2 March 2024, carries passengers "
            "again from Monday, the city transport office said.</p></article></body></html>")
    article, facts = extract_page(page, "https://oral.example.com/ferry")
    assert article.date_text == "2025-04-14T09:30:00"
    assert facts.date_source == "header" and searched == []
    # Without the box, the search runs (and its day is taken only when the page writes it).
    bare = page.replace('<div class="post-date">Published 14 April 2025, 09:30</div>', "")
    extract_page(bare, "https://oral.example.com/ferry")
    assert searched == ["https://oral.example.com/ferry"]
