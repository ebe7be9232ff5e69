"""The reader's one parse of a page: trafilatura's settings, element classes chosen in C, and the
same text trafilatura gives from the page itself."""

from __future__ import annotations

import lxml.html
import pytest
import trafilatura

from trafilatura.utils import repair_faulty_html

from janalyq.read.html_parse import TooDeep, _needs_repair, parse_page

FORM_PAGE = """<!doctype html><html lang="kk"><head><meta charset="utf-8"><title>Жол жөндеуі</title></head>
<body><nav><a href="/">Басты бет</a></nav>
<form action="/search"><label for="q">Іздеу</label><input id="q" name="q"><select name="s"><option>Бәрі</option></select>
<textarea name="t"></textarea></form>
<article><h1>Жол жөндеуі аяқталды</h1>
<p>Қарағанды мен Теміртау арасындағы жолдың жөндеуі күзде аяқталып, қозғалыс толық ашылды.</p>
<p>Жөндеу кезінде жол екі жолақтан төрт жолаққа кеңейтіліп, жаңа жарықтандыру бағандары орнатылды.</p>
<p>Жол қызметі қыста қар тазалауға он екі арнайы көлік бөлетінін хабарлады.</p>
<!-- a comment the parser drops --></article></body></html>"""


def test_every_element_is_a_plain_html_element():
    tree = parse_page(FORM_PAGE)
    kinds = {type(element) for element in tree.iter() if isinstance(element.tag, str)}
    assert kinds == {lxml.html.HtmlElement}  # lxml.html would give FormElement, InputElement...
    assert tree.find(".//form").text_content().startswith("Іздеу")
    assert not any(isinstance(node, lxml.html.HtmlComment) for node in tree.iter())


def test_the_text_is_the_one_trafilatura_gives_from_the_page():
    ours = trafilatura.bare_extraction(parse_page(FORM_PAGE), include_comments=False, include_tables=True)
    theirs = trafilatura.bare_extraction(FORM_PAGE, include_comments=False, include_tables=True)
    assert ours.text == theirs.text
    assert "төрт жолаққа" in ours.text


def test_a_page_with_an_xml_prolog_and_a_self_closed_html_tag_is_read():
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"/>\n' \
           + FORM_PAGE.split("<html lang=\"kk\">", 1)[1]
    tree = parse_page(page)
    assert tree is not None and "Қарағанды" in tree.text_content()


@pytest.mark.parametrize("page", ["", "   ", "just some words, no markup at all"])
def test_no_document_gives_none(page):
    assert parse_page(page) is None


def test_deep_nesting_is_read_past_libxml2s_default_and_refused_past_its_huge_limit():
    deep = "<html><body>" + "<div>" * 300 + "<p>Терең жерде жатқан мәтін.</p>" + "</div>" * 300 + "</body></html>"
    assert "Терең жерде" in parse_page(deep).text_content()
    too_deep = "<html><body>" + "<div>" * 3000 + "<p>x</p>" + "</div>" * 3000 + "</body></html>"
    with pytest.raises(TooDeep):
        parse_page(too_deep)


@pytest.mark.parametrize("page, needs", [
    (FORM_PAGE, False),
    (FORM_PAGE.replace("Жол жөндеуі</title>", "Жол\x07 жөндеуі</title>"), True),  # a control character
    (FORM_PAGE.replace("аяқталды</h1>", "аяқталды\uffff</h1>"), True),  # a noncharacter
    ('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" />\n<html><body><p>Мәтін</p></body></html>', True),
    ("<!doctype html><html><body><p>Бір жолдағы бет</p></body></html>", True),  # one line: gains a newline
    ('<html xmlns="http://www.w3.org/1999/xhtml"/>\n<body><p>Мәтін</p></body>', True),
    ("<html>\n<body><p>Tab\tand\r\nline ends are fine</p></body></html>", False),
])
def test_trafilaturas_repair_runs_exactly_when_it_would_change_the_page(page, needs):
    beginning = page[:50].lower()
    assert _needs_repair(page, beginning) is needs
    assert (repair_faulty_html(page, beginning) != page) is needs


def test_a_page_with_control_characters_reads_as_trafilatura_reads_it():
    page = FORM_PAGE.replace("күзде аяқталып", "күзде\x0b аяқталып\x1f")
    ours = trafilatura.bare_extraction(parse_page(page), include_comments=False, include_tables=True)
    assert ours.text == trafilatura.bare_extraction(page, include_comments=False, include_tables=True).text
    assert "күзде аяқталып" in ours.text
