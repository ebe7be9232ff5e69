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


def test_an_inline_read_also_block_and_the_tags_are_dropped_from_a_page():
    article, _ = extract_page(KK_PAGE, "https://shymkent.example.kz/schools")
    body = article.body_text
    for paragraph in KK_PARAGRAPHS:
        assert paragraph in body
    assert "Тағы оқыңыз" not in body and "жаңа саябақ" not in body
    assert "Тегтер" not in body and not {"мектеп", "Шымкент"} & set(article.body)
    assert article.read_repairs["teaser_blocks_dropped"] == 2


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
