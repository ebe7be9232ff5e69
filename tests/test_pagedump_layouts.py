"""Page dumps in agency and gov.kz layouts, plain articles saved as text, and inputs that yield
nothing: every input ends as articles or as a reject naming it (issue 12 part 2, issue 13.3)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.bench_dumps import SEEDS, SEEDS_GOLD, WEB, score_pages
from janalyq.dates import parse_date
from janalyq.export import export_records
from janalyq.pipeline import import_paths
from janalyq.read.pagedump import parse_page, parse_page_ex
from janalyq.store import Store, open_store

KT_PAGE = """\
08.02.2026, 17:25 25706
В Таразе открыли центр для пожилых людей
Фото: пресс-служба акимата
Центр дневного пребывания на 60 человек открылся в микрорайоне Каратау.
Посетители смогут заниматься гимнастикой, рисованием и изучать компьютер.
08.02.2026, 17:02 3318
Аэропорт Шымкента принял миллионного пассажира
Фото: аэропорт Шымкент
Миллионный пассажир прилетел рейсом из Астаны и получил в подарок два билета.
"""


def _titles(page: str) -> list[str | None]:
    return [item.title for item in parse_page(page)]


def test_stamp_first_agency_page_splits_and_titles_are_headlines():
    items = parse_page(KT_PAGE)
    assert [i.title for i in items] == ["В Таразе открыли центр для пожилых людей",
                                        "Аэропорт Шымкента принял миллионного пассажира"]
    assert [i.date_text for i in items] == ["08.02.2026, 17:25", "08.02.2026, 17:02"]
    assert items[0].body[1].startswith("Центр дневного пребывания")
    assert not any("25706" in line or "3318" in line for item in items for line in item.body)
    assert items[1].body[-1].startswith("Миллионный пассажир")


@pytest.mark.parametrize("stamp, day", [
    ("08.02.2026 | 17:25 | 👁 1520", "2026-02-08"),
    ("17:25, 08.02.2026", "2026-02-08"),
    ("8 февраля 2026, 17:25", "2026-02-08"),
    ("2026 жылғы 8 ақпан, 17:25", "2026-02-08"),
    ("February 8, 2026", "2026-02-08"),
    ("8 Aqpan 2026, 17:25", "2026-02-08"),
])
def test_stamp_forms_before_the_headline(stamp, day):
    page = (f"{stamp}\nПетропавлда жаңа жүзу бассейні ашылды\nСурет: облыс әкімдігі\n"
            "Бассейнде балалар мен ересектерге арналған тегін секциялар жұмыс істейді.\n"
            f"{stamp}\nКөкшетауда жастар орталығы ашылды\n"
            "Орталықта кітапхана, спорт залы және коворкинг бар.\n")
    items = parse_page(page)
    assert [i.title for i in items] == ["Петропавлда жаңа жүзу бассейні ашылды", "Көкшетауда жастар орталығы ашылды"]
    assert all(str(parse_date(i.date_text)) == day for i in items)


def test_date_after_headline_with_views_and_credit_between():
    page = ("Жезказган получит новую котельную\nФото: акимат\n11.03.2026\n1 203\n"
            "Строительство котельной начнётся летом и завершится к отопительному сезону.\n"
            "В Балхаше отремонтируют набережную\n11.03.2026 09:15\n👁 88\n"
            "Ремонт набережной обойдётся в 900 миллионов тенге.\n")
    items = parse_page(page)
    assert [i.title for i in items] == ["Жезказган получит новую котельную", "В Балхаше отремонтируют набережную"]
    assert items[0].body == ["Фото: акимат", "Строительство котельной начнётся летом и завершится к отопительному сезону."]
    assert items[1].body == ["Ремонт набережной обойдётся в 900 миллионов тенге."]
    assert items[1].date_text == "11.03.2026 09:15"


PLAIN = {
    "kk": ("Семейде жаңа театр ғимараты салынады",
           "Семей қаласында 800 орындық драма театрының жаңа ғимаратының құрылысы басталды. "
           "Жоба 2027 жылы аяқталады.\nҒимаратта екі сахна мен балалар студиясы болады."),
    "kk-latn": ("Semeıde jańa teatr ǵımaraty salynady",
                "Semeı qalasynda 800 oryndyq drama teatrynyń jańa ǵımaratynyń qurylysy bastaldy. "
                "Joba 2027 jyly aıaqtalady.\nǴımaratta eki sahna men balalar stýdıasy bolady."),
    "ru": ("В Семее построят новое здание театра",
           "АСТАНА. КАЗИНФОРМ – В Семее началось строительство нового здания драматического театра "
           "на 800 мест. Работы завершатся в 2027 году.\nВ здании будут две сцены и детская студия."),
    "en": ("Semey to get a new drama theatre building",
           "ASTANA. KAZINFORM – Construction of a new 800-seat drama theatre has begun in Semey. "
           "The works will be completed in 2027.\nThe building will have two stages and a children's studio."),
}


@pytest.mark.parametrize("lang", sorted(PLAIN))
@pytest.mark.parametrize("date_line", [None, "12.03.2026, 10:15", "Жарияланды: 12 наурыз 2026"])
def test_plain_article_is_one_article(lang, date_line):
    headline, body = PLAIN[lang]
    lines = [headline] + ([date_line] if date_line else []) + ["", *body.split("\n")]
    (item,) = parse_page("\n".join(lines) + "\n")
    assert item.title == headline
    assert item.date_text == date_line
    assert item.body == body.split("\n")


def test_plain_article_with_page_furniture_related_block_share_and_tags():
    page = ("Главная / Новости / Общество\nВ Кызылорде 300 семей получили ключи от квартир\n"
            "Фото: акимат области\n"
            "В Кызылорде вручили ключи от 300 квартир многодетным семьям. Дома построены по программе «Нурлы жер».\n"
            "Читайте также:\nВ Аральском районе построили школу 01.03.2026\nВ Шиели отремонтировали водопровод 28.02.2026\n"
            "В этом году в области планируют сдать ещё 500 квартир, сообщили в акимате.\n"
            "Поделиться:\nFacebook | Telegram | WhatsApp\nТеги: жильё, Кызылорда\n#жильё #Кызылорда\n")
    items, repairs = parse_page_ex(page)
    (item,) = items
    assert item.title == "В Кызылорде 300 семей получили ключи от квартир"
    assert item.body[-1] == "В этом году в области планируют сдать ещё 500 квартир, сообщили в акимате."
    assert not any("Аральском" in p or "Telegram" in p or "Теги" in p or "#" in p for p in item.body)
    assert repairs == {"related_links_removed": 1, "share_buttons_removed": 2, "tag_line_removed": 2}


def test_related_block_in_kazakh_with_undated_links_at_the_end():
    page = ("Арқалықта жаңа саябақ ашылды\n12.03.2026\n"
            "Арқалық қаласында 5 гектарлық жаңа саябақ ашылды. Онда 2 мың ағаш отырғызылды.\n"
            "Тағы оқыңыз:\nРудныйда балабақша ашылды\nЛисаковскіде жол жөнделді\n")
    (item,) = parse_page(page)
    assert item.body == ["Арқалық қаласында 5 гектарлық жаңа саябақ ашылды. Онда 2 мың ағаш отырғызылды."]


def test_headline_is_never_a_date_views_or_credit():
    page = ("Сурет: ашық дереккөз\n12.03.2026, 08:00 4410\n"
            "Балқашта жылу беру маусымы ұзартылды\nҚалада ауа райы суық болғандықтан жылу 20 сәуірге дейін беріледі.\n")
    (item,) = parse_page(page)
    assert item.title == "Балқашта жылу беру маусымы ұзартылды"


def test_date_at_the_foot_of_an_article():
    page = ("В Семее отреставрируют старый театр\nРеставрация начнётся в апреле и займёт год.\n"
            "Труппа на время работ переедет в Дом культуры.\nОпубликовано: 18.03.2026 12:40\n")
    (item,) = parse_page(page)
    assert item.title == "В Семее отреставрируют старый театр"
    assert item.date_text == "Опубликовано: 18.03.2026 12:40"
    assert len(item.body) == 2


def test_undated_listing_is_split_and_interview_is_not():
    listing = ("Новости региона\n" + "".join(
        f"В городе {n} открыли новую библиотеку для детей\nВ библиотеке {n} тысяч книг и читальный зал для подростков.\n"
        for n in (3, 4, 5)))
    assert len(parse_page(listing)) == 3
    interview = ("«Школы получат интернет до конца года»\nВице-министр рассказал о планах.\n"
                 + "– Сколько школ подключено?\n– Около пяти тысяч школ уже подключены к сети.\n" * 3)
    (item,) = parse_page(interview)
    assert item.title == "«Школы получат интернет до конца года»"


def test_article_above_a_dated_listing_is_kept():
    page = ("Қарағандыда жаңа аурухана ашылды\n"
            "Қарағанды қаласында 300 төсек-орындық көпсалалы аурухана ашылды. Ауруханада 900 маман жұмыс істейді.\n"
            "Соңғы жаңалықтар\nТеміртауда жаңа саябақ ашылды 07.03.2026\n"
            "Теміртау қаласында жаңа саябақ ашылды. Саябақта балалар алаңы бар.\n")
    assert _titles(page) == ["Қарағандыда жаңа аурухана ашылды", "Теміртауда жаңа саябақ ашылды"]


def test_fixture_web_and_seeds_split_right():
    for half in ("dev", "heldout"):
        score = score_pages(WEB / half, WEB / half / "gold.jsonl")
        assert score.f1 == 1.0 and score.dated_right == score.dated_gold, (half, score.misses)
    if SEEDS_GOLD.is_file():
        score = score_pages(SEEDS, SEEDS_GOLD)
        assert (score.matched, score.found, score.gold) == (61, 61, 61), score.misses


# -- through the pipeline and the CLI ---------------------------------------------------------

def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "janalyq", *args], capture_output=True, text=True, timeout=300)


def plain_article_folder(tmp_path: Path, lang: str, others: dict[str, tuple[str, str]]) -> tuple[Path, str]:
    """A folder holding `a_plain.txt`, the plain article of `PLAIN[lang]`, and the `others`
    (name -> (text, encoding)); returns the folder and the article's headline."""
    folder = tmp_path / "in"
    folder.mkdir()
    headline, body = PLAIN[lang]
    (folder / "a_plain.txt").write_text(f"{headline}\n\n{body}\n", encoding="utf-8")
    for name, (text, encoding) in others.items():
        (folder / name).write_text(text, encoding=encoding)
    return folder, headline


def test_cli_plain_article_stamp_first_page_and_furniture_only_page(tmp_path, db_url):
    folder, headline = plain_article_folder(tmp_path, "kk", {
        "b_kt.txt": (KT_PAGE, "cp1251"),
        "c_menu.txt": ("Главная\nНовости\nКонтакты\nПоделиться\nTelegram\n", "utf-8")})
    db = db_url
    result = run_cli("import", str(folder), "--db", str(db), "--quiet")
    assert result.returncode == 1, result.stderr
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected")]
    assert len(rejected) == 1 and "c_menu.txt" in rejected[0] and "no article found" in rejected[0]
    assert "3 articles read: 3 new" in result.stdout + result.stderr
    store = open_store(db)
    records = list(export_records(store))
    store.close()
    assert sorted(r["title"] for r in records) == sorted([
        headline, "В Таразе открыли центр для пожилых людей", "Аэропорт Шымкента принял миллионного пассажира"])
    assert {r["lang"] for r in records} == {"kk", "ru"}
    assert sum(1 for r in records if r["published"] == "2026-02-08") == 2


def test_cli_plain_article_alone_exits_zero(tmp_path):
    headline, body = PLAIN["en"]
    path = tmp_path / "article.txt"
    path.write_text(f"{headline}\n{body}\n", encoding="utf-8")
    result = run_cli("import", str(path), "--db", str(tmp_path / "x.db"), "--quiet")
    assert result.returncode == 0, result.stderr
    assert "1 articles read: 1 new" in result.stdout + result.stderr


def test_input_whose_every_article_is_dropped_is_a_reject(tmp_path, store):
    # A titleless item of nothing but page debris: the clean stage drops it; the file is named.
    path = tmp_path / "debris.txt"
    path.write_text(" date 2026-02-20 Фото: пресс-служба акимата\n", encoding="utf-8")
    report = import_paths([str(path)], store)
    (reject,) = report.rejects
    assert store.scalar("SELECT count(*) FROM rejects WHERE input = ?", (str(path),)) == 1
    assert reject.input == str(path)
    assert "no article kept" in reject.reason and "no_title_only_page_debris" in reject.reason


def test_read_repairs_are_counted_by_the_read_stage(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("Арқалықта саябақ ашылды\n12.03.2026\nАрқалықта жаңа саябақ ашылды. Онда 2 мың ағаш бар.\n"
                    "Бөлісу\nTelegram\n", encoding="utf-8")
    store = Store(tmp_path / "x.db")
    report = import_paths([str(path)], store)
    store.close()
    assert report.stages["read"].repaired["share_buttons_removed"] == 2
    assert not report.rejects and report.stored_new == 1
