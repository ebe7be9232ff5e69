"""htmldate's dateparser fallback reads a page's loose dates in the page's own language."""

from __future__ import annotations

import threading

import htmldate.extractors
import pytest

from janalyq.read.html import extract_page
from janalyq.read.html_dateparser import page_language


def _page(lang: str, dated: str) -> str:
    # No metadata, no date box by the headline: only htmldate's search of the text finds the
    # day, and its own patterns do not read a weekday and month written out in Spanish.
    return (f'<html lang="{lang}"><head><meta charset="utf-8"><title>Nuevo puente en Aktau</title></head>'
            '<body><main><h1>Nuevo puente en Aktau</h1>'
            "<p>El puente peatonal sobre la avenida de la costa abre al público esta semana, después de "
            "catorce meses de obras, según la oficina del alcalde de la ciudad.</p>"
            f"<p><span>{dated}</span></p>"
            "<p>La estructura tiene ciento veinte metros y dos ascensores para personas con movilidad "
            "reducida, y se ilumina por la noche con luces de bajo consumo.</p></main></body></html>")


def test_a_spanish_date_in_the_text_is_read_with_the_pages_language():
    article, _ = extract_page(_page("es", "Jueves 28 de Abril de 2022 5:03 PM"), "https://aktau.example.es/puente")
    assert article.date_text == "2022-04-28"


def test_the_parser_follows_the_page_and_is_htmldates_own_outside():
    assert htmldate.extractors.get_external_parser().languages is None  # htmldate's, all languages
    with page_language("es"):  # the page's language first, then a dozen common ones
        spanish = htmldate.extractors.get_external_parser().languages
        with page_language(None):  # a page that does not say
            common = htmldate.extractors.get_external_parser().languages
        assert htmldate.extractors.get_external_parser().languages == spanish
    with page_language("xx"):  # unknown to dateparser, which would refuse every text
        assert htmldate.extractors.get_external_parser().languages == common
    assert htmldate.extractors.get_external_parser().languages is None
    assert spanish[0] == "es" and spanish.count("es") == 1 and set(spanish) == set(common)
    assert {"en", "ru", "kk", "de", "fr"} <= set(common) and len(common) < 20


def test_a_threads_page_language_is_its_own():
    seen: dict[str, list | None] = {}
    ready, done = threading.Event(), threading.Event()

    def other_page():
        with page_language("de"):
            ready.set()
            done.wait(5)
            seen["thread"] = htmldate.extractors.get_external_parser().languages

    thread = threading.Thread(target=other_page)
    thread.start()
    ready.wait(5)
    with page_language("pl"):
        seen["main"] = htmldate.extractors.get_external_parser().languages
    done.set()
    thread.join(5)
    assert seen["thread"][0] == "de" and seen["main"][0] == "pl"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_date_the_language_cannot_read_is_not_made_up(lang):
    article, _ = extract_page(_page(lang, "Publicado en la semana del puerto"), "https://aktau.example.es/puente")
    assert article.date_text is None


def test_htmldates_own_dateparser_step_goes_through_the_page_parser():
    # htmldate 1.11 looks its parser up by name at each call; if it stopped doing so, pages would
    # silently be read by its all-language parser again.  A Greek date tells which one ran: the
    # page's set reads it only when the page is Greek.
    greek = "28 Απριλίου 2022"
    assert htmldate.extractors._external_date(greek).date().isoformat() == "2022-04-28"
    with page_language("es"):
        assert htmldate.extractors._external_date(greek) is None
    with page_language("el"):
        assert htmldate.extractors._external_date(greek).date().isoformat() == "2022-04-28"
