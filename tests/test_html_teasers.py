"""Teaser blocks ("Тағы оқыңыз", "Читайте также", "Tags") inside an article's text are dropped,
the article's own paragraphs around them kept."""

from __future__ import annotations

from janalyq.read.html import extract_page
from janalyq.read.html_teasers import drop_teaser_blocks, is_teaser_heading

KK_PARAGRAPHS = [
    "Шымкентте биыл үш жаңа мектеп салынып, оларда екі мыңнан астам оқушы білім алатын болды, деп "
    "хабарлады қалалық білім басқармасы.",
    "Мектептердің әрқайсысында спорт залы, кітапхана және робототехника кабинеті бар, ал ас үйлер "
    "жаңа құралдармен жабдықталған.",
    "Басқарма басшысының айтуынша, келесі жылы қаланың оңтүстігінде тағы екі мектептің құрылысы "
    "басталады, жобалары дайын.",
]
KK_PAGE = f"""<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>Шымкентте үш мектеп ашылды</title>
</head><body><nav><a href="/">Басты бет</a></nav><article><h1>Шымкентте үш мектеп ашылды</h1>
<p>{KK_PARAGRAPHS[0]}</p>
<p>{KK_PARAGRAPHS[1]}</p>
<p><strong>Тағы оқыңыз:</strong></p>
<p><a href="/news/1">Түркістанда жаңа саябақ ашылды</a></p>
<p>{KK_PARAGRAPHS[2]}</p>
<p>Тегтер:</p><p><a href="/tag/school">мектеп</a></p><p><a href="/tag/shymkent">Шымкент</a></p>
</article><footer>Байланыс</footer></body></html>"""


def _article_keeping(page: str, url: str, paragraphs: list[str], blocks: int):
    """The page's article, checked to keep every paragraph and to count `blocks` teaser blocks."""
    article, _ = extract_page(page, url)
    for paragraph in paragraphs:
        assert paragraph in article.body_text
    assert article.read_repairs["teaser_blocks_dropped"] == blocks
    return article


def test_an_inline_read_also_block_and_the_tags_are_dropped_from_a_page():
    article = _article_keeping(KK_PAGE, "https://shymkent.example.kz/schools", KK_PARAGRAPHS, blocks=2)
    body = article.body_text
    assert "Тағы оқыңыз" not in body and "жаңа саябақ" not in body
    assert "Тегтер" not in body and not {"мектеп", "Шымкент"} & set(article.body)


def test_headings_are_whole_lines_in_any_case_with_or_without_a_colon():
    for heading in ("Читайте также:", "ЧИТАЙТЕ ТАКЖЕ", "Read also", "You may also like...", "Теги:", "Lesen Sie auch:"):
        assert is_teaser_heading(heading), heading
    for line in ("Читайте также наш обзор рынка жилья за октябрь.", "Related to this, the ministry said", ""):
        assert not is_teaser_heading(line), line


def test_the_article_resumes_at_the_first_line_of_prose():
    lines = [
        "The council met on Tuesday to approve next year's budget for the city's schools and clinics.",
        "Read also:",
        "Bus fares rise in Atyrau from January",
        "New bridge opens in Oral",
        "Council members said the vote was the closest in a decade, with two members absent.",
        "Related",
        "Who will run the new depot?",
    ]
    kept, blocks = drop_teaser_blocks(lines)
    assert kept == [lines[0], lines[4]] and blocks == 2


def test_a_body_without_teasers_is_unchanged():
    lines = ["Related to the schools, the city also opened two clinics."] + KK_PARAGRAPHS
    assert drop_teaser_blocks(lines) == (lines, 0)


RU_PARAGRAPHS = [
    "В Павлодаре после ремонта открылась областная библиотека: в читальных залах заменили мебель и "
    "освещение, а фонд пополнили двумя тысячами новых книг.",
    "Директор библиотеки рассказала, что с января читатели смогут заказывать книги через сайт и "
    "забирать их в любом из шести городских филиалов.",
]
RU_CARDS = [
    "В Экибастузе завершили строительство нового бассейна для школьников, в нём будут заниматься "
    "секции плавания и водного поло…",
    "Жители Аксу выбрали проект благоустройства центральной площади, работы начнутся весной и "
    "продлятся до конца лета…",
]
RU_PAGE = f"""<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Библиотека открылась</title>
</head><body><main><article class="post"><h1>В Павлодаре открылась библиотека после ремонта</h1>
<p>{RU_PARAGRAPHS[0]}</p><p>{RU_PARAGRAPHS[1]}</p></article>
<article class="post"><h3 class="relatedpoststitle">Похожие новости</h3>
<article class="post"><h2><a href="/news/pool">Бассейн в Экибастузе</a></h2><p>{RU_CARDS[0]}</p></article>
<article class="post"><h2><a href="/news/square">Площадь в Аксу</a></h2><p>{RU_CARDS[1]}</p></article>
</article></main><footer>Контакты редакции</footer></body></html>"""


def test_cards_of_other_articles_after_a_related_heading_are_not_the_article():
    article = _article_keeping(RU_PAGE, "https://pavlodar.example.kz/library", RU_PARAGRAPHS, blocks=1)
    assert "Экибастуз" not in article.body_text and "Аксу" not in article.body_text


def test_a_teaser_heading_in_the_tree_stops_at_the_article_resuming():
    from janalyq.read.html_parse import parse_page
    from janalyq.read.html_teasers import prune_teaser_sections

    tree = parse_page(f"""<html><body><div class="text"><p>{RU_PARAGRAPHS[0]}</p><h3>Читайте также</h3>
    <ul><li><a href="/a">Бассейн в Экибастузе</a></li></ul><div><a href="/b">Площадь в Аксу</a></div>
    <p>{RU_PARAGRAPHS[1]}</p><h3>Итоги года</h3><ul><li>Открыто шесть филиалов</li></ul></div></body></html>""")
    assert prune_teaser_sections(tree) == 1
    text = tree.text_content()
    assert RU_PARAGRAPHS[0] in text and RU_PARAGRAPHS[1] in text and "Открыто шесть филиалов" in text
    assert "Экибастуз" not in text and "Аксу" not in text and "Читайте также" not in text
