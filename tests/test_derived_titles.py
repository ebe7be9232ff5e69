"""A derived title is never page debris (issue 11, item 4).

The pages below were written for these tests (kk, ru, en, Kazakh in both Latin alphabets); the
real sample pages are read from ../shared/seeds and ../shared/real, never copied here.
"""

from __future__ import annotations

import re

import pytest

from janalyq.article import FLAG_TITLE_DERIVED, FLAG_TITLE_WEAK, Article, StageCounts
from janalyq.clean import clean_stage
from janalyq.debris import debris_reason, is_date_line, strip_dateline
from janalyq.titles import DERIVED_TITLE_CHARS, clean_lead, derive_title_ex

# -- whole lines: debris or text -------------------------------------------------------------
DEBRIS_LINES = [
    # photo and video credits
    ("Фото: Kazpravda.kz / Андрей Петров", "credit"),
    ("Фото – пресс-служба акимата Павлодарской области", "credit"),
    ("Фото из открытых источников", "credit"),
    ("Фото автора", "credit"),
    ("Сурет: Ақмола облысы әкімдігінің баспасөз қызметі", "credit"),
    ("Суреттер: ашық дереккөздерден", "credit"),
    ("Бейне: Ақорда", "credit"),
    ("Photo: primeminister.kz", "credit"),
    ("Photo by Daniyar Sultanov", "credit"),
    ("Photos and video: Ministry of Education press service", "credit"),
    ("Foto: Kazinform", "credit"),
    ("Sýret: Aqordanyń baspasóz qyzmeti", "credit"),
    ("Fotosýret: ashyq derekkózden", "credit"),
    ("Video: Úkimet", "credit"),
    ("© Kazinform", "credit"),
    ("(Фото: akorda.kz)", "credit"),
    ("Иллюстративное фото", "credit"),
    ("Illustrative photo", "credit"),
    ("Мұрағаттық сурет", "credit"),
    ("Kazpravda.kz / Андрей Петров", "credit"),
    ("Сурет ашық дереккөзден алынды", "credit"),
    ("Photo credit: Getty Images", "credit"),
    # bylines
    ("Автор: Айгерим Сейткали", "byline"),
    ("Тілші: Нұрлан Ахметов", "byline"),
    ("Author: Dana Omarova", "byline"),
    ("By Aigerim Seitkali", "byline"),
    ("Avtor: Dana Omarova", "byline"),
    ("Подготовила Мадина Ержанова".replace("Подготовила ", "Подготовила: "), "byline"),
    # only a date and/or a time, in the forms janalyq.dates reads (and Latin Kazakh)
    ("21 January 2026, 13:00", "date"),
    ("23.02.2026", "date"),
    ("23.02.2026 13:15:06", "date"),
    ("2026-02-20", "date"),
    ("2026-02-20T10:00:00+05:00", "date"),
    ("Tue, 20 Feb 2026 10:00:00 +0500", "date"),
    ("2026 жылғы 18 наурыз", "date"),
    ("18 наурызда", "date"),
    ("20 февраля 2026 г., 14:05", "date"),
    ("February 20, 2026", "date"),
    ("13:00", "date"),
    ("Опубликовано: 20.02.2026", "date"),
    ("Жарияланды: 2026 жылғы 5 наурыз, 10:30", "date"),
    ("17:36, 30 Qańtar 2026", "date"),
    ("09:15, 4 Naýryz 2026 | GMT +5", "date"),
    ("30 Qañtar 2026 jyly", "date"),
    ("Дүйсенбі, 2 наурыз 2026", "date"),
    ("Вчера в 18:00", "date"),
    ("13 марта 2026 г. | Просмотров: 1 234", "date"),
    ("Updated: March 5, 2026 at 10:30 AM", "date"),
    ("5 March 2026 · 3 min read", "date"),
    # a site, an outlet, a section, a button, a link
    ("Kazpravda.kz", "site"),
    ("www.gov.kz", "site"),
    ("Kazinform", "site"),
    ("ҚазАқпарат", "site"),
    ("Жаңалықтар", "site"),
    ("News", "site"),
    ("Читайте также: Акимат отремонтирует дворы", "site"),
    ("Тағы оқыңыз: Жаңа мектеп ашылды", "site"),
    ("Read also: New school opened", "site"),
    ("Поделиться", "site"),
    ("Главная / Новости / Общество", "site"),
    ("Просмотров: 616", "site"),
    ("1 203 views", "site"),
    ("Қаралым саны: 45", "site"),
    ("Qaralym: 45", "site"),
    ("Комментарии (0)", "site"),
    ("Источник: Минздрав РК", "site"),
    ("Source: primeminister.kz", "site"),
    ("Жаңалықтар / Қоғам", "site"),
    ("https://t.me/example_channel", "site"),
    ("#Астана #жаңалықтар", "site"),
    ("ASTANA. KAZINFORM –", "site"),
    # fragments
    ("KZ", "fragment"),
    ("RU KZ", "fragment"),
    ("* * *", "fragment"),
    ("—", "fragment"),
]
TEXT_LINES = [
    "Share of Kazakh products in retail chains grows",
    "ИНФОГРАФИКА: государственная программа развития агропромышленного комплекса на пять лет",
    "Комментарий министерства по итогам аудиторской проверки",
    "Видеоконференция министров прошла в Астане",
    "Фотовыставка молодых авторов открылась в Шымкенте",
    "22 апреля 2026 года Министр энергетики посетил Экибастуз.",
    "5 марта в Астане прошло заседание правительства.",
    "2026 жылғы 18 наурызда Астанада форум өтті.",
    "Астана – столица Казахстана, и здесь прошёл форум.",
    "By the end of the year 40 schools will be built.",
    "Kazinform agenttigi jańa jobany usyndy.",
    "Жаңа көпір",
    "Министр посмотрел видео",
    "Kazakhstan / Uzbekistan talks held in Tashkent",
    "Video of the meeting was published on the ministry's site with a full transcript of remarks",
]


@pytest.mark.parametrize("line, reason", DEBRIS_LINES)
def test_debris_lines(line, reason):
    assert debris_reason(line) == reason


@pytest.mark.parametrize("line", TEXT_LINES)
def test_text_lines_are_not_debris(line):
    assert debris_reason(line) is None


@pytest.mark.parametrize("line", [
    "23.02.2026", "2026-02-20", "2026-02-20T10:00:00+05:00", "Tue, 20 Feb 2026 10:00:00 +0500",
    "2026 жылғы 18 наурыз", "18 наурызда", "15-інде", "20 февраля 2026", "February 20, 2026",
    "21 January 2026, 13:00", "17:36, 30 Qańtar 2026", "12 Jeltoqsan 2025", "13:00",
])
def test_date_lines_in_every_form_read(line):
    assert is_date_line(line)


@pytest.mark.parametrize("line", ["2026 жылы 40 мектеп салынады", "Бюджет 2026: 15 трлн тенге", "Приём 13:00-18:00 по будням"])
def test_numbers_in_text_are_not_date_lines(line):
    assert not is_date_line(line)


# -- datelines in front of the first sentence ------------------------------------------------
DATELINES = [
    ("АСТАНА. KAZINFORM – Глава государства подписал указ.", "Глава государства подписал указ."),
    ("ASTANA. KAZINFORM – Prezıdent jańa zańǵa qol qoıdy.", "Prezıdent jańa zańǵa qol qoıdy."),
    ("ASTANA.KAZINFORM -Úkimet otyrysy ótti.", "Úkimet otyrysy ótti."),
    ("TAShKENT. KAZINFORM — Ózbekstanda jańa kópir ashyldy.", "Ózbekstanda jańa kópir ashyldy."),
    ("BІShKEK. KAZINFORM – Qyrǵyzstanda saılaý ótti.", "Qyrǵyzstanda saılaý ótti."),
    ("Астана, 5 марта. В столице прошло заседание правительства.", "В столице прошло заседание правительства."),
    ("АЛМАТЫ, 5 наурыз. ҚазАқпарат – Алматыда жаңа мектеп ашылды.", "Алматыда жаңа мектеп ашылды."),
    ("АСТАНА, 5 марта. /Kazinform/ - Министр провёл совещание.", "Министр провёл совещание."),
    ("ALMATY (Kazinform) — The akimat opened a new park.", "The akimat opened a new park."),
    ("NUR-SULTAN – The Senate passed the budget.", "The Senate passed the budget."),
    ("Astana, March 5 – The Government approved the plan.", "The Government approved the plan."),
    ("ASTANA, 5 March 2026. KAZINFORM – Parliament met.", "Parliament met."),
    ("21 January 2026, 13:00 The Ministry of Energy announced new tariffs.", "The Ministry of Energy announced new tariffs."),
    ("20.02.2026 | Министр провёл совещание.", "Министр провёл совещание."),
    ("НУР-СУЛТАН. 5 марта. КАЗИНФОРМ - Сенат одобрил закон.", "Сенат одобрил закон."),
    ("Алматы. 5 марта. KAZAKHSTAN TODAY - Аким встретился с жителями.", "Аким встретился с жителями."),
    ("Түркістан облысы. ҚазАқпарат – Облыста жаңа зауыт ашылды.", "Облыста жаңа зауыт ашылды."),
    ("Астана. 5 марта. Tengrinews.kz - Министр провёл совещание.", "Министр провёл совещание."),
    ("ASTANA (Reuters) - Kazakhstan raised its base rate.", "Kazakhstan raised its base rate."),
    ("00:26, 25 Qańtar 2026 | GMT +5 Brazılııa jańa rejım engizedi.", "Brazılııa jańa rejım engizedi."),
]
NOT_DATELINES = [
    "Астана – столица Казахстана, и здесь прошёл форум.",
    "Астана, Алматы и Шымкент получат новые автобусы.",
    "5 марта в Астане прошло заседание правительства.",
    "22 апреля 2026 года Министр энергетики посетил Экибастуз.",
    "2026 жылғы 18 наурызда Астанада форум өтті.",
    "Kazinform – the national news agency – turned 106.",
    "Mr. Smith – the ambassador – met the minister.",
    "Түркістан облысы – елдің ең жас облысы.",
    "Министр энергетики – о тарифах на 2026 год.",
    "ЭКСПО-2017 көрмесі ашылды.",
    "EXPO-2017 visitors exceeded four million.",
    "31 мамыр – Саяси қуғын-сүргін құрбандарын еске алу күні.",
]


@pytest.mark.parametrize("text, rest", DATELINES)
def test_datelines_are_cut(text, rest):
    assert strip_dateline(text)[0] == rest


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_sentences_that_only_look_like_datelines_are_kept(text):
    assert strip_dateline(text) == (text, None)


# -- derived titles ------------------------------------------------------------------------
# (body paragraphs, expected title, repair reasons that must be counted)
PAGES = [
    (["KZ", "21 January 2026, 13:00", "Фото: Kazpravda.kz / Андрей Петров",
      "В Павлодаре открыли новую школу на 1200 мест, передает BAQ.KZ. Строительство шло два года."],
     "В Павлодаре открыли новую школу на 1200 мест",
     {"title_skipped_fragment", "title_skipped_date", "title_skipped_credit",
      "title_attribution_cut"}),
    (["АСТАНА. KAZINFORM – Глава государства подписал указ о новом национальном парке. Текст указа опубликован."],
     "Глава государства подписал указ о новом национальном парке", {"title_dateline_cut"}),
    (["Сурет: Ақорда баспасөз қызметі",
      "Мемлекет басшысы Ақордада Премьер-министрді қабылдады, деп хабарлайды Kazinform тілшісі."],
     "Мемлекет басшысы Ақордада Премьер-министрді қабылдады",
     {"title_skipped_credit", "title_attribution_cut"}),
    (["Photo: primeminister.kz", "By Aigerim Seitkali",
      "The Prime Minister chaired a meeting on the heating season. Regions reported on their readiness."],
     "The Prime Minister chaired a meeting on the heating season",
     {"title_skipped_credit", "title_skipped_byline"}),
    (["17:36, 30 Qańtar 2026", "ASTANA. KAZINFORM – Qostanaıda jańa aýrýhana ashyldy, dep habarlaıdy Kazinform agenttigi."],
     "Qostanaıda jańa aýrýhana ashyldy",
     {"title_skipped_date", "title_dateline_cut", "title_attribution_cut"}),
    (["Foto: Kazinform", "ASTANA. KAZINFORM – Qostanaıda jańa aýrýhana ashyldy."],
     "Qostanaıda jańa aýrýhana ashyldy", {"title_skipped_credit", "title_dateline_cut"}),
    (["Sýret: ashyq derekkózden", "Astanada jańa mektep ashyldy. Oqýshylar qýanyshty."],
     "Astanada jańa mektep ashyldy", {"title_skipped_credit"}),
    (["Астана, 5 марта. В г. Астане прошло заседание правительства под председательством премьер-министра."],
     "В г. Астане прошло заседание правительства под председательством премьер-министра",
     {"title_dateline_cut"}),
    (["Опубликовано: 20.02.2026", "Поделиться",
      "В Караганде завершили ремонт 35 дворов. Работы вели с весны."],
     "В Караганде завершили ремонт 35 дворов", {"title_skipped_date", "title_skipped_site"}),
    (["Видео", "Жаңалықтар", "2026 жылғы 18 наурызда Астанада ғылым форумы өтті."],
     "2026 жылғы 18 наурызда Астанада ғылым форумы өтті", {"title_skipped_site"}),
    (["Mr. J. Smith, the ambassador of the U.K., met the minister in Astana. They discussed trade."],
     "Mr. J. Smith, the ambassador of the U.K., met the minister in Astana", set()),
]


@pytest.mark.parametrize("body, title, reasons", PAGES)
def test_derived_title_skips_debris(body, title, reasons):
    derived = derive_title_ex(body)
    assert derived.title == title
    assert reasons <= set(derived.reasons)
    assert not derived.weak


LONG_LEADS = [
    # a clause boundary between 40 and 110 characters is preferred to a word boundary
    "Министерство просвещения утвердило новые правила приёма в первые классы, которые начнут "
    "действовать с первого апреля во всех регионах страны без исключения.",
    "Білім және ғылым министрлігі мектепке дейінгі ұйымдарға қабылдаудың жаңа қағидаларын бекітті "
    "және олар сәуір айынан бастап барлық өңірлерде күшіне енеді.",
    "The Ministry of Digital Development launched twenty seven new public services on the eGov portal "
    "for citizens and businesses across all regions of the country.",
]


@pytest.mark.parametrize("lead", LONG_LEADS)
def test_long_lead_is_cut_at_a_boundary(lead):
    derived = derive_title_ex([lead])
    title = derived.title
    assert title.endswith("…") and len(title) <= DERIVED_TITLE_CHARS + 1
    stem = title[:-1]
    assert lead.startswith(stem)
    assert not lead[len(stem)].isalnum(), "cut mid-word"
    assert "title_shortened" in derived.reasons


def test_clause_boundary_preferred():
    title = derive_title_ex([LONG_LEADS[0]]).title
    assert title == "Министерство просвещения утвердило новые правила приёма в первые классы…"


def test_only_fragments_give_a_weak_title():
    derived = derive_title_ex(["Фото: Kazpravda.kz", "KZ", "Просмотров: 616", "Жаңа көпір"])
    assert derived.title == "Жаңа көпір" and derived.weak
    assert "title_weak" in derived.reasons


def test_only_debris_gives_no_title():
    assert derive_title_ex(["Фото: Kazpravda.kz", "KZ", "21 January 2026, 13:00", "Жаңалықтар"]).title == ""


# -- the clean stage: flags and counts -------------------------------------------------------
@pytest.mark.parametrize("title, replaced", [
    ("21 January 2026, 13:00", True),
    ("Фото: Kazpravda.kz / Андрей Петров", True),
    ("Сурет: Ақорда", True),
    ("Kazinform", True),
    ("Жаңалықтар", True),
    ("ИНФОГРАФИКА: ҚР АӨК дамыту мемлекеттік бағдарламасы (2 бөлім)", False),
    ("ВИДЕО: Президент открыл новый мост через Иртыш", False),
    ("Share of Kazakh products in retail chains grows", False),
    ("Жаңа көпір", False),
])
def test_headline_slot_holding_debris(title, replaced):
    counts = StageCounts("clean")
    article = clean_stage(Article(url="x", title=title, body=["Ертіс арқылы жаңа көпір ашылды. Ұзындығы 420 метр."]), counts)
    assert article.title_derived is replaced
    assert (article.title == "Ертіс арқылы жаңа көпір ашылды") is replaced
    assert counts.repaired["debris_title_replaced"] == int(replaced)


def test_clean_stage_counts_each_repair():
    counts = StageCounts("clean")
    articles = [
        Article(url="a", body=["Фото: Kazpravda.kz / Андрей Петров", "АСТАНА. KAZINFORM – Сенат принял закон о бюджете."]),
        Article(url="b", body=["21 January 2026, 13:00", "The Senate passed the budget law."]),
        Article(url="c", body=["KZ", "Жаңа көпір"]),
        Article(url="d", body=["Фото: Kazpravda.kz", "KZ"]),
        Article(url="e", title="21 January 2026, 13:00", body=["The Senate passed the budget law on Tuesday."]),
        Article(url="f", title="Сенат принял закон о бюджете", body=["Фото: Kazpravda.kz", "Текст."]),
    ]
    out = [clean_stage(a, counts) for a in articles]
    assert [a.title if a else None for a in out] == [
        "Сенат принял закон о бюджете", "The Senate passed the budget law", "Жаңа көпір", None,
        "The Senate passed the budget law on Tuesday", "Сенат принял закон о бюджете",
    ]
    assert counts.repaired["title_derived"] == 4
    assert counts.repaired["title_skipped_credit"] == 1  # a (d is dropped, not repaired)
    assert counts.repaired["title_skipped_fragment"] == 1  # c
    assert counts.repaired["title_dateline_cut"] == 1
    assert counts.repaired["title_skipped_date"] == 1
    assert counts.repaired["title_weak"] == 1
    assert counts.repaired["debris_title_replaced"] == 1
    assert counts.dropped["no_title_only_page_debris"] == 1
    assert counts.kept == 5
    a, b, c, _, e, f = out
    assert FLAG_TITLE_DERIVED in a.flags and FLAG_TITLE_WEAK not in a.flags
    assert FLAG_TITLE_WEAK in c.flags and c.title_derived
    assert e.title_derived and not f.title_derived
    # the body is left as the page gave it: only the title and the lead for the embedding skip debris
    assert a.body[0].startswith("Фото:")


def test_clean_lead_for_the_embedding():
    body = ["Фото: Kazpravda.kz / Андрей Петров", "ASTANA. KAZINFORM – Qostanaıda jańa aýrýhana ashyldy, "
            "dep habarlaıdy Kazinform agenttigi. Onda 300 tósek bar.", "Sýret: Úkimet", "Ekinshi abzats."]
    assert clean_lead(body) == ["Qostanaıda jańa aýrýhana ashyldy. Onda 300 tósek bar.", "Ekinshi abzats."]
    assert clean_lead(["Ordinary lead.", "Second."]) == ["Ordinary lead.", "Second."]
    assert clean_lead(["KZ", "Фото: Kazpravda.kz"]) == []
    # a derived title is not repeated: the lead goes on after it
    body = ["Сурет: Ақорда", "Астанада жаңа мектеп ашылды, деп хабарлайды Kazinform тілшісі. Онда 1200 оқушы оқиды."]
    title = derive_title_ex(body).title
    assert title == "Астанада жаңа мектеп ашылды"
    assert clean_lead(body, skip=title) == ["Онда 1200 оқушы оқиды."]
    assert clean_lead(["Министерство приняло решение."], skip="Министерство приняло решение") == []


# -- real pages ----------------------------------------------------------------------------
def _judged_debris(title: str) -> bool:
    rest, removed = strip_dateline(title)
    words = re.findall(r"[^\W\d_][\w'’-]*", title)
    return debris_reason(title) is not None or removed is not None or len(words) < 3


def test_seeds_derived_title_is_not_debris(seeds_export):
    derived = [r for r in seeds_export if r["title_derived"]]
    assert len(derived) == 1
    for record in derived:
        assert not _judged_debris(record["title"]), record["title"]
        assert "title_weak" not in record["flags"]


def test_seeds_without_their_headlines_give_no_debris_titles(seeds_dir, gold):
    """Every gold article of the sample pages, its headline removed: the derived title is a
    sentence of its body, never debris, and the gold phrase of the body is untouched."""
    from janalyq.read.files import read_text
    from janalyq.read.pagedump import parse_page

    by_file: dict[str, list] = {}
    for g in gold:
        if g["file"] not in by_file:
            by_file[g["file"]] = parse_page(read_text(seeds_dir / g["file"]).text)
    checked = 0
    for g in gold:
        if g["duplicate_of"] is not None or g["empty_body"]:
            continue
        item = by_file[g["file"]][g["index"]]
        counts = StageCounts("clean")
        article = clean_stage(Article(url="x", title="", body=[p for p in item.body if p.strip()]), counts)
        assert article is not None and article.title_derived
        assert not _judged_debris(article.title), (g["file"], g["index"], article.title)
        stem = article.title.rstrip("…")
        assert stem in " ".join(article.body), (g["file"], g["index"])
        checked += 1
    assert checked >= 40


def test_real_kazinform_pages_without_headlines():
    """The real Kazinform pages (../shared/real), headline line dropped: no debris title."""
    from bench.real import KAZINFORM_LATIN, REAL
    from bench.real_titles import headline_dropped, judge

    if not (REAL / KAZINFORM_LATIN).is_file():
        pytest.skip("../shared/real is not present")
    from bench.real import load

    records = load(KAZINFORM_LATIN)
    bad = []
    for i, record in enumerate(records):
        lines = headline_dropped(record)
        article = clean_stage(Article(url=f"r{i}", body=list(lines)), StageCounts("clean"))
        assert article is not None
        if judge(article.title, lines) or _judged_debris(article.title):
            bad.append(i)
    assert not bad, f"{len(bad)} of {len(records)} derived titles are debris: records {bad[:10]}"
