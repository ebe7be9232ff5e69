"""The HTML reader's trafilatura passes: the fast pass alone on a page whose text it reads in
full, the full and recall passes only when the fast text is short, and the longest text kept."""

from __future__ import annotations

import pytest

import janalyq.read.html as html_reader
from janalyq.read.html import (
    FULL_PASS_BELOW, LIST_SHARE, RECALL_PASS_BELOW, extract_page, main_text, parse_page, short_line_share,
)

# Our own report, long enough (over FULL_PASS_BELOW characters) for the fast pass to be final.
WATER_PARAGRAPHS = [
    "Павлодар облысында биыл жаздан бері он екі ауылға жаңа су құбыры тартылды, енді үш мың "
    "отбасы таза ауыз сумен қамтылды.",
    "Құрылыс жұмыстары мамыр айында басталып, қазан айының соңында аяқталды, мердігер мерзімнен "
    "екі апта бұрын тапсырды.",
    "Аудан әкімдігінің мәліметінше, жобаға облыстық бюджеттен төрт миллиард теңге бөлінген, оның "
    "бір бөлігі сорғы станцияларына жұмсалды.",
    "Тұрғындар бұрын суды тасымалдап әкелетін көліктен сатып алатын, енді әр үйдің ауласына кран "
    "орнатылды.",
    "Келесі жылы тағы сегіз ауылда осындай жұмыс жүргізу жоспарланып отыр, жобалық құжаттар қазір "
    "сараптамадан өтуде.",
    "Облыс әкімі жаңа желіні іске қосу рәсіміне қатысып, құрылысшыларға алғыс айтты және сапаны "
    "қадағалауды тапсырды.",
    "Жергілікті мектептер мен ауруханалар да жаңа желіге қосылды, бұл қыс мезгілінде жылу беру "
    "жүйесінің жұмысын жеңілдетеді.",
    "Мамандар су сапасын ай сайын тексеріп отырады, алғашқы сынамалар барлық нормаға сай екенін "
    "көрсетті.",
    "Ауыл тұрғыны Гүлнар Сейітқызы бұрын күн сайын екі шелек суды көршісінің құдығынан тасығанын, "
    "енді бала-шағасына уақыты көбірек қалатынын айтты.",
    "Су құбыры өткен көшелерде асфальт қайта төселіп, жаяу жүргіншілер жолы жөнделді.",
]
LONG_PAGE = f"""<!doctype html><html lang="kk"><head><meta charset="utf-8">
<title>Ауылдарға таза су келді</title></head><body>
<nav><a href="/">Басты бет</a> <a href="/region">Өңір</a></nav>
<article><h1>Ауылдарға таза су келді</h1>{''.join(f'<p>{p}</p>' for p in WATER_PARAGRAPHS)}</article>
<footer>Байланыс</footer></body></html>"""

SHORT_PAGE = """<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>Каток открыт</title></head><body>
<nav><a href="/">Главная</a></nav>
<div class="news"><h1>Каток открыт</h1><p>В Костанае открылся городской каток.</p>
<div>Вход бесплатный до конца декабря.</div></div>
<footer>Контакты</footer></body></html>"""


@pytest.fixture
def passes_run(monkeypatch):
    """The modes of every trafilatura pass the reader runs (the real passes, only recorded)."""
    seen: list[str] = []
    real = html_reader._trafilatura_text

    def recording(tree, url, **mode):
        seen.append("fast" if mode.get("fast") else "recall" if mode.get("favor_recall") else "full")
        return real(tree, url, **mode)

    monkeypatch.setattr(html_reader, "_trafilatura_text", recording)
    return seen


def test_a_page_the_fast_pass_reads_in_full_is_read_once(passes_run):
    article, facts = extract_page(LONG_PAGE, "https://region.example.kz/water")
    assert passes_run == ["fast"] and facts.text_pass == "fast"
    assert article.read_repairs is None
    assert len(article.body_text) >= FULL_PASS_BELOW
    for paragraph in WATER_PARAGRAPHS:
        assert paragraph in article.body_text


def test_a_short_fast_text_gets_the_full_and_recall_passes(passes_run):
    article, facts = extract_page(SHORT_PAGE, "https://city.example.kz/rink")
    assert passes_run == ["fast", "full", "recall"]
    assert "городской каток" in article.body_text
    assert facts.text_pass in ("fast", "full", "recall")
    expected = None if facts.text_pass == "fast" else {f"text_from_{facts.text_pass}_pass": 1}
    assert article.read_repairs == expected


# A short release in an <article> (headline, then a box of paragraphs): trafilatura's fast pass
# runs it into one line here, its full pass keeps the paragraphs.
SHORT_RELEASE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Сев завершён</title></head>
<body><header><nav><a href="/">Главная</a> <a href="/news">Новости</a></nav></header><main><article>
<h1 class="title">Сев завершён</h1><div class="content"><p>В Северо-Казахстанской области завершили весенний сев.</p>
<p>Пшеницей засеяно почти три миллиона гектаров, остальное заняли масличные культуры.</p></div>
</article></main><footer><p>Все права защищены.</p></footer></body></html>"""


def test_a_short_release_keeps_its_paragraphs_as_lines():
    article, facts = extract_page(SHORT_RELEASE, "https://agro.example.kz/sev")
    assert facts.text_pass in ("full", "recall")
    assert article.body == ["Сев завершён", "В Северо-Казахстанской области завершили весенний сев.",
                            "Пшеницей засеяно почти три миллиона гектаров, остальное заняли масличные культуры."]


def test_the_longest_text_of_the_passes_run_is_kept():
    tree = parse_page(SHORT_PAGE)
    texts = {name: html_reader._trafilatura_text(tree, None, **mode)
             for name, mode in (("fast", {"fast": True}), ("full", {}), ("recall", {"favor_recall": True}))}
    assert len(texts["fast"]) < RECALL_PASS_BELOW  # so that every pass runs on this page
    text, used = main_text(tree, None)
    assert len(text) == max(map(len, texts.values()))
    assert text == texts[used] and used != "fast"  # the full pass wins a tie
    # the tree is not consumed by a pass: reading it again gives the same text
    assert main_text(tree, None) == (text, used)


# What trafilatura's fast pass returns when it takes a site's menu for the article, and what its
# full pass (checked against readability and jusText) finds on the same page.
MENU_TEXT = "\n".join(["Басты бет", "Жаңалықтар", "Өңірлер", "Саясат", "Экономика", "Спорт", "Мәдениет",
                       "Байланыс", "Мұрағат", "Іздеу"] * 12)
ARTICLE_TEXT = "\n".join(WATER_PARAGRAPHS[:3])
# A fixtures table: short lines too, and the full pass finds nothing better.
FIXTURES_TEXT = "\n".join(f"{n} тур\nАстана – Қайрат\n{n} наурыз" for n in range(1, 40))


def _passes_giving(monkeypatch, texts: dict[str, str]) -> list[str]:
    seen: list[str] = []

    def giving(tree, url, **mode):
        name = "fast" if mode.get("fast") else "recall" if mode.get("favor_recall") else "full"
        seen.append(name)
        return texts[name]

    monkeypatch.setattr(html_reader, "_trafilatura_text", giving)
    return seen


def test_short_line_share_tells_a_menu_from_an_article():
    assert short_line_share(MENU_TEXT) == 1.0
    assert short_line_share(ARTICLE_TEXT) == 0.0
    assert short_line_share("") == 0.0
    # A line of three short words counts, a line of four words or of 30 characters does not.
    assert short_line_share("Астана бүгін күн\nАстанада бүгін күн ашық") == pytest.approx(16 / 39)
    assert short_line_share("Қазақстан Республикасының Президенті") == 0.0


def test_a_long_fast_text_that_is_a_menu_gives_way_to_the_full_pass(monkeypatch):
    assert len(MENU_TEXT) >= FULL_PASS_BELOW and short_line_share(MENU_TEXT) >= LIST_SHARE
    seen = _passes_giving(monkeypatch, {"fast": MENU_TEXT, "full": ARTICLE_TEXT, "recall": ""})
    assert main_text(None, None) == (ARTICLE_TEXT, "full")
    assert seen == ["fast", "full"]


def test_a_list_the_full_pass_cannot_better_stays(monkeypatch):
    assert len(FIXTURES_TEXT) >= FULL_PASS_BELOW and short_line_share(FIXTURES_TEXT) >= LIST_SHARE
    seen = _passes_giving(monkeypatch, {"fast": FIXTURES_TEXT, "full": FIXTURES_TEXT[:400], "recall": ""})
    assert main_text(None, None) == (FIXTURES_TEXT, "fast")
    seen = _passes_giving(monkeypatch, {"fast": FIXTURES_TEXT, "full": "", "recall": ""})
    assert main_text(None, None) == (FIXTURES_TEXT, "fast")


def test_a_long_article_is_not_taken_for_a_list(passes_run):
    extract_page(LONG_PAGE, "https://region.example.kz/water")
    assert passes_run == ["fast"]
