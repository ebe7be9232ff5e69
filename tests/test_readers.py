"""Readers on pages we wrote: every page-dump layout, legacy encodings, HTML pages, JSON Lines."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from janalyq.export import export_records
from janalyq.pipeline import import_paths
from janalyq.read.encoding import decode_bytes
from janalyq.read.pagedump import parse_page
from janalyq.store import Store

RU_PAGE = (
    "Новости\nПодробнее\n"
    "Акимат Павлодара отремонтирует 35 дворов 03.04.2026\n"
    "В этом году в Павлодаре благоустроят 35 дворов, сообщили в городском акимате. "
    "Работы начнутся в мае и завершатся до конца сентября.Источник : https://www.gov.kz/memleket/entities/pavlodar/press/news/details/4411?lang=ru\n"
    "Общество\nПодробнее\n"
    "Ёлки в школах: тёплые классы к зиме 04.04.2026\n"
    "Объём ремонта систем отопления в школах области вырос на 18%. Всё будет готово к отопительному сезону.\n"
)


def import_one(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    store = Store(tmp_path / "x.db")
    report = import_paths([str(path)], store)
    records = list(export_records(store))
    store.close()
    return report, records


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-8", "utf-8-sig"])
def test_russian_page_in_legacy_encodings(tmp_path, encoding):
    report, records = import_one(tmp_path, "page.txt", RU_PAGE.encode(encoding))
    assert not report.rejects
    titles = {r["title"] for r in records}
    assert titles == {"Акимат Павлодара отремонтирует 35 дворов", "Ёлки в школах: тёплые классы к зиме"}
    assert all(r["lang"] == "ru" for r in records)
    assert {r["site_section"] for r in records} == {"news", "society"}
    assert records[0]["source_url"].endswith("details/4411?lang=ru")
    assert records[0]["outlet"] == "pavlodar"


def test_kazakh_page_in_kz1048_and_gzip(tmp_path):
    page = ("Жаңалықтар\nҚосымша\nШымкентте жаңа саябақ ашылды 21.05.2026\n"
            "Шымкент қаласында ауданы 12 гектар болатын жаңа саябақ ашылды. Саябақта 4 мыңнан астам ағаш отырғызылды.\n")
    report, records = import_one(tmp_path, "page.txt.gz", gzip.compress(page.encode("kz1048")))
    assert not report.rejects
    (record,) = records
    assert record["title"] == "Шымкентте жаңа саябақ ашылды"
    assert record["lang"] == "kk" and record["published"] == "2026-05-21"


def test_wrong_declared_charset_is_not_trusted():
    html = '<html><head><meta charset="utf-8"></head><body>Министерство образования сообщило</body></html>'
    decoded = decode_bytes(html.encode("cp1251"))
    assert "Министерство образования" in decoded.text
    assert decoded.encoding == "cp1251"


def test_layout_with_time_and_views_glued_to_body():
    page = ("Вице-министр энергетики посетил Экибастуз\n"
            "23.02.2026 13:15:06 616Вице-министр энергетики провёл совещание на ГРЭС-1.\n"
            "Vice Minister met workers of the power plant\n"
            "24.02.2026 09:01:44 1203Vice Minister of Energy held a meeting with the staff.\n")
    items = parse_page(page)
    assert [i.title for i in items] == ["Вице-министр энергетики посетил Экибастуз",
                                        "Vice Minister met workers of the power plant"]
    # The date text keeps the time as written (the date stage can keep the hour), not the views.
    assert items[0].date_text == "23.02.2026 13:15:06"
    assert items[0].body == ["Вице-министр энергетики провёл совещание на ГРЭС-1."]
    assert items[1].body == ["Vice Minister of Energy held a meeting with the staff."]


def test_dash_title_is_derived_and_other_language_title_is_flagged(tmp_path):
    page = ("News More\n"
            "- 10.03.2026\n"
            "The Ministry of Digital Development launched 27 new public services on the eGov portal. "
            "Citizens can now register a vehicle online.\n"
            "Жаңа көпір пайдалануға берілді 11.03.2026\n"
            "The new bridge over the Ural river in Uralsk was opened to traffic on Tuesday, the city akimat said. "
            "It is 420 metres long.\n")
    _, records = import_one(tmp_path, "p.txt", page.encode())
    derived, mismatched = records
    assert derived["title_derived"] and derived["title"].startswith("The Ministry of Digital Development launched")
    assert mismatched["lang"] == "en"
    assert "title_lang_mismatch" in mismatched["flags"]


def test_glued_sentences_split_only_where_safe():
    from janalyq.clean import split_glued_sentences

    text = ("Year of Working Professions.In order to help, see gov.kz and the U.S. site; "
            "growth was 87.15 percent (TSA.)In the context of Әкімдік.Жаңа жоба https://www.Akorda.kz/News.Html")
    fixed, n = split_glued_sentences(text)
    assert "Professions. In order" in fixed
    assert "gov.kz" in fixed and "U.S. site" in fixed and "87.15" in fixed
    assert "(TSA.) In the context" in fixed
    assert "Әкімдік. Жаңа" in fixed
    assert "https://www.Akorda.kz/News.Html" in fixed
    assert n == 3


def test_html_remnants_entities_and_maths_text():
    from janalyq.article import Article, StageCounts
    from janalyq.clean import clean_stage

    article = Article(url="x", title="Budget &amp; plans", body=[
        '< div class="x1 x2"> The budget grew &quot;fast&quot;: if a < b and c > d it holds.< /div>',
        "<script>alert(1)</script>Second&nbsp;paragraph.",
    ])
    counts = StageCounts("clean")
    clean_stage(article, counts)
    assert article.title == "Budget & plans"
    assert article.body == ['The budget grew "fast": if a < b and c > d it holds.', "Second paragraph."]
    assert counts.repaired["html_removed"] == 1


KK_HTML = """<!doctype html><html lang="kk"><head><meta charset="utf-8">
<title>Ақтөбеде жылу маусымы аяқталды | Ақтөбе облысы әкімдігі</title>
<link rel="canonical" href="https://www.gov.kz/memleket/entities/aktobe/press/news/details/880123?lang=kk">
<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-04-15T11:20:00+05:00"}</script>
</head><body><nav><a href="/">Басты бет</a> <a href="/news">Жаңалықтар</a></nav>
<article><h1>Ақтөбеде жылу маусымы аяқталды</h1>
<div class="date">2026 жылғы 15 сәуір</div>
<p>Ақтөбе қаласында жылу беру маусымы 15 сәуірде ресми түрде аяқталды. Биылғы маусым 192 күнге созылды.</p>
<p>Қалалық әкімдіктің хабарлауынша, маусым барысында жылу желілерінде 14 апат тіркеліп, барлығы уақытында жойылды.</p>
<p>Жазғы кезеңде 38 шақырым жылу құбыры ауыстырылады.</p>
</article><footer>© Ақтөбе облысы әкімдігі</footer></body></html>"""


def test_html_article_page(tmp_path):
    _, records = import_one(tmp_path, "page.html", KK_HTML.encode())
    (record,) = records
    assert record["published"] == "2026-04-15"
    assert record["lang"] == "kk"
    assert record["outlet"] == "aktobe"
    assert record["source_url"].endswith("details/880123?lang=kk")
    assert "192 күнге созылды" in record["body"]
    assert "38 шақырым" in record["body"]
    assert "Басты бет" not in record["body"] and "©" not in record["body"]


def test_html_date_in_kazakh_words_when_no_metadata(tmp_path):
    page = KK_HTML.replace('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-04-15T11:20:00+05:00"}</script>', "")
    _, (record,) = import_one(tmp_path, "page.html", page.encode())
    assert record["published"] == "2026-04-15"


def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"url": "https://kt.kz/news/1", "title": "Цены на топливо", "body": "Первый абзац о ценах.\n\nВторой абзац.",
                    "published": "20 февраля 2026", "lang": "ru"}, ensure_ascii=False),
        "{not json",
        json.dumps({"url": "https://kt.kz/news/2", "title": "Fuel prices held", "body": "Prices were held for 3 months.",
                    "published": "February 20, 2026", "lang": "en"}),
        json.dumps([1, 2]),
    ]
    report, records = import_one(tmp_path, "feed.jsonl", ("\n".join(lines) + "\n").encode())
    assert [r.reason.split(":")[0] for r in report.rejects] == ["invalid JSON", "a JSON Lines record must be an object, got a list"]
    assert all("line " in r.input for r in report.rejects)
    by_lang = {r["lang"]: r for r in records}
    assert by_lang["ru"]["body"] == "Первый абзац о ценах.\n\nВторой абзац."
    assert by_lang["ru"]["published"] == by_lang["en"]["published"] == "2026-02-20"
    assert by_lang["ru"]["outlet"] == "kt.kz"


def test_export_csv_and_filters(tmp_path, seeds_dir):
    import csv
    import io

    from janalyq.export import write_csv

    store = Store(tmp_path / "x.db")
    import_paths([str(seeds_dir)], store)
    assert {r["lang"] for r in export_records(store, lang="kk")} == {"kk"}
    assert len(list(export_records(store, lang="kk"))) == 5
    recent = list(export_records(store, since=dt.date(2026, 1, 1)))
    assert recent and all(r["published"] >= "2026-01-01" for r in recent)
    old = list(export_records(store, until=dt.date(2024, 12, 31)))
    assert old and all(r["published"] <= "2024-12-31" for r in old)
    assert len(list(export_records(store, outlet="edu"))) == 40
    out = io.StringIO()
    assert write_csv(export_records(store), out) == 51
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 51 and {"id", "flags", "body", "duplicates"} <= set(rows[0])
    store.close()
