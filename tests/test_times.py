"""Publication times: the time beside the date, its zone, Astana's day, card dates, future dates."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from janalyq.article import FLAG_DATE_FUTURE, FLAG_DATE_UNKNOWN, Article, StageCounts
from janalyq.cli import app
from janalyq.dates import date_stage

ASTANA = dt.timezone(dt.timedelta(hours=5))
COLLECTED = dt.datetime(2026, 3, 20, 9, 0, tzinfo=dt.timezone.utc)  # 14:00 in Astana


def _dated(date_text: str, url: str = "file:///in/a.txt#0", lang: str | None = None,
           collected: dt.datetime = COLLECTED) -> tuple[Article, StageCounts]:
    counts = StageCounts("date")
    article = date_stage(Article(url=url, date_text=date_text, lang=lang, collected_at=collected), counts)
    return article, counts


# (date text, url, expected day, expected moment as ISO 8601)
MOMENTS = [
    # Kazinform's Latin edition: time first, zone printed apart.
    ("17:36, 30 Qańtar 2026 | GMT +5", "file:///k.jsonl#1", "2026-01-30", "2026-01-30T17:36:00+05:00"),
    ("09:05, 02 Aqpan 2026", "file:///k.jsonl#2", "2026-02-02", "2026-02-02T09:05:00+05:00"),
    # kt.kz cards: date, time, view count.
    ("08.02.2026, 17:25 25706", "https://www.kt.kz/rus/x_1.html", "2026-02-08", "2026-02-08T17:25:00+05:00"),
    # Feeds: a stated offset is kept; a UTC stamp of a Kazakh source moves to Astana, and its day.
    ("Tue, 17 Mar 2026 00:30:00 +0500", "https://www.gov.kz/rss", "2026-03-17", "2026-03-17T00:30:00+05:00"),
    ("Mon, 16 Mar 2026 19:30:00 GMT", "https://www.gov.kz/rss", "2026-03-17", "2026-03-17T00:30:00+05:00"),
    ("2026-03-16T21:10:00Z", "https://primeminister.kz/ru/news/a-12345", "2026-03-17", "2026-03-17T02:10:00+05:00"),
    ("2026-03-16T23:30:00+03:00", "https://www.kt.kz/a", "2026-03-16", "2026-03-16T23:30:00+03:00"),
    # Before March 2024 Almaty kept UTC+6: the zone's own history decides the offset.
    ("12.01.2023 10:00", "https://www.akorda.kz/ru/x-1", "2023-01-12", "2023-01-12T10:00:00+06:00"),
    # A foreign site's UTC stamp keeps its own day; a time without zone stays without.
    ("2026-03-16T21:10:00Z", "https://news.example.com/a", "2026-03-16", "2026-03-16T21:10:00+00:00"),
    ("16 March 2026, 21:10", "https://news.example.com/a", "2026-03-16", "2026-03-16T21:10:00"),
    # A day alone has no moment; a time far from the date is another event's, a range no zone.
    ("17 наурыз 2026", "file:///a.txt#0", "2026-03-17", None),
    ("17.03.2026 жиын басталады, ал кездесу сағат 15:00-де өтеді деп жоспарланған",
     "file:///a.txt#0", "2026-03-17", None),
    ("17.03.2026 10:00-12:00", "file:///a.txt#0", "2026-03-17", "2026-03-17T10:00:00+05:00"),
]


@pytest.mark.parametrize(("text", "url", "day", "moment"), MOMENTS)
def test_time_beside_the_date(text, url, day, moment):
    article, counts = _dated(text, url)
    assert article.published == dt.date.fromisoformat(day)
    assert (article.published_at.isoformat() if article.published_at else None) == moment
    assert not counts.repaired


# Cards that name no day, read at COLLECTED (20 March 2026, 14:00 in Astana).
CARDS = [
    ("Сегодня, 11:30", "2026-03-20", "2026-03-20T11:30:00+05:00"),
    ("Бүгін 08:15", "2026-03-20", "2026-03-20T08:15:00+05:00"),
    ("Вчера, 18:40", "2026-03-19", "2026-03-19T18:40:00+05:00"),
    ("Кеше", "2026-03-19", None),
    ("Yesterday", "2026-03-19", None),
    ("Keshe 22:05", "2026-03-19", "2026-03-19T22:05:00+05:00"),
    ("2 сағат бұрын", "2026-03-20", "2026-03-20T12:00:00+05:00"),
    ("45 минут назад", "2026-03-20", "2026-03-20T13:15:00+05:00"),
    ("3 hours ago", "2026-03-20", "2026-03-20T11:00:00+05:00"),
]


@pytest.mark.parametrize(("text", "day", "moment"), CARDS)
def test_relative_card_dates(text, day, moment):
    article, counts = _dated(text)
    assert article.published == dt.date.fromisoformat(day)
    assert (article.published_at.isoformat() if article.published_at else None) == moment
    assert counts.repaired == {"date_parsed_relative": 1}


def test_relative_day_follows_astana_midnight():
    # 20:30 UTC on 19 March is already 20 March in Astana: "today" is the 20th.
    article, _ = _dated("Сегодня, 01:10", collected=dt.datetime(2026, 3, 19, 20, 30, tzinfo=dt.timezone.utc))
    assert article.published == dt.date(2026, 3, 20)


@pytest.mark.parametrize("text", ["1 January 2099", "2027-06-01T10:00:00+05:00", "22.03.2026"])
def test_date_after_the_collection_day_is_flagged_and_not_used(text):
    article, counts = _dated(text)
    assert article.published is None and article.published_at is None
    assert {FLAG_DATE_FUTURE, FLAG_DATE_UNKNOWN} <= article.flags
    assert counts.repaired == {"date_future": 1}


def test_next_day_is_within_the_time_zone_tolerance():
    article, counts = _dated("21.03.2026")
    assert article.published == dt.date(2026, 3, 21)
    assert not counts.repaired


def test_yearless_listing_date_is_never_ahead_of_the_collection():
    # "25 March" read on 20 March is last year's, not a date five days ahead.
    article, _ = _dated("25 наурыз, 10:00", lang="kk")
    assert article.published == dt.date(2025, 3, 25)


def test_import_export_and_feed_carry_the_time(tmp_path, db_url):
    records = [
        {"url": "https://www.gov.kz/a/1", "title": "Жиын өтті", "lang": "kk",
         "body": "Министрлікте кезекті жиын өтіп, өңірлердегі жұмыс талқыланды.",
         "published": "Mon, 16 Mar 2026 19:30:00 GMT"},
        {"url": "https://www.gov.kz/a/2", "title": "Семинар прошёл в Астане", "lang": "ru",
         "body": "В министерстве прошёл семинар для специалистов областных управлений.",
         "published": "2026-03-18"},
        {"url": "https://www.gov.kz/a/3", "title": "Forum scheduled", "lang": "en",
         "body": "The ministry says a forum of regional offices will meet in the capital.",
         "published": "2099-05-01"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    db, out = db_url, tmp_path / "out.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(source), "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["export", "--db", str(db), "--output", str(out)]).exit_code == 0
    exported = {r["url"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    first, second, third = (exported[r["url"]] for r in records)
    assert (first["published"], first["published_at"]) == ("2026-03-17", "2026-03-17T00:30:00+05:00")
    assert (second["published"], second["published_at"]) == ("2026-03-18", None)
    assert third["published"] is None and "date_future" in third["flags"]

    from fastapi.testclient import TestClient

    from janalyq.web.app import create_app

    client = TestClient(create_app(str(db)))
    assert "<pubDate>Tue, 17 Mar 2026 00:30:00 +0500</pubDate>" in client.get("/kk/feed.rss").text
    assert "<updated>2026-03-18T00:00:00+05:00</updated>" in client.get("/ru/feed.atom").text
    assert "00:30" in client.get("/kk/").text
    # The undated (future) article does not head the listing.
    items = client.get("/api/v1/articles").json()["items"]
    assert items[0]["published_at"] is None and items[1]["published_at"] == "2026-03-17T00:30:00+05:00"
    assert items[0]["published"] == "2026-03-18" and items[-1]["published"] is None


def test_qq_is_accepted_as_kazakh_by_the_api_and_the_export(tmp_path, db_url):
    from fastapi.testclient import TestClient

    from janalyq.web.app import create_app

    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"url": "https://www.gov.kz/a/1?lang=qq", "title": "Jıyn ótti", "lang": "qq",
                                  "body": "Mınıstrlikte kezekti jıyn ótip, óńirlerdegi jumys talqylandy.",
                                  "published": "2026-03-17"}, ensure_ascii=False), encoding="utf-8")
    db, out = db_url, tmp_path / "out.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(source), "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["export", "--db", str(db), "--lang", "qq", "--output", str(out)]).exit_code == 0
    assert [json.loads(line)["lang"] for line in out.read_text(encoding="utf-8").splitlines()] == ["kk"]
    refused = runner.invoke(app, ["export", "--db", str(db), "--lang", "de"])
    assert refused.exit_code == 2 and "--lang" in refused.output
    client = TestClient(create_app(str(db)))
    assert len(client.get("/api/v1/articles?lang=qq").json()["items"]) == 1
    assert client.get("/api/v1/articles?lang=de").status_code == 422


def test_card_dates_of_a_page_dump_are_dated_from_the_collection_day(tmp_path):
    from pathlib import Path

    from janalyq.times import PUBLISHER_ZONE

    page = Path(__file__).parent / "data" / "dumpweb" / "heldout" / "h08_relative_stamps_ru.txt"
    db, out = tmp_path / "s.db", tmp_path / "out.jsonl"
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(page), "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["export", "--db", str(db), "--output", str(out)]).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    today = dt.datetime.now(PUBLISHER_ZONE).date()
    days = {r["published"] for r in records}
    # Today's and yesterday's cards (a run just after midnight may see the day turn: allow it).
    assert days <= {(today - dt.timedelta(days=n)).isoformat() for n in range(3)} and len(days) == 2
    assert all(r["published_at"] and r["published_at"].endswith("+05:00") for r in records)
