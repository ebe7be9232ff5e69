"""htmldate's last resort, dateparser, told which language the page is in.

htmldate hands a loose date text that its own patterns cannot read ("Jueves 28 de Abril de 2022")
to one dateparser parser for every language.  That parser finds the text's language by building
and trying the word lists of some two hundred locales: about 1.4 CPU-seconds the first time in
each process (each import worker pays it) and ~10 ms a text after.  Given the language the page
declares, then the hub's three and the web's most common (a dozen locales, not two hundred),
it read the same 9 dates from the 22 texts of the public benchmark pages that reach it, at a
fifth of the CPU.

`page_language(lang)` is a context: htmldate's calls inside it use the page's parser, calls
outside it htmldate's own.  The language is held in a context variable, so threads (the
crawler's) never see another page's.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator

import htmldate.extractors

# htmldate's own parser, for calls outside `page_language`.
_ALL_LANGUAGES = htmldate.extractors.get_external_parser
# The settings htmldate gives its parser (htmldate 1.11): the same readings, fewer locales.
_SETTINGS = {
    "NORMALIZE": True, "PARSERS": ["custom-formats", "absolute-time"], "PREFER_DATES_FROM": "past",
    "PREFER_LOCALE_DATE_ORDER": True, "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True,
}
# After the page's own language: the hub's three, then the web's most common.
_COMMON = ("en", "ru", "kk", "de", "fr", "es", "pt", "it", "pl", "nl", "tr", "uk")
# Outside `page_language` (another program's use of htmldate in the same process, such as
# trafilatura's in bench_extract) htmldate's own parser is used, as if nothing were changed.
_OUTSIDE = "outside"
_PAGE_LANGUAGE: contextvars.ContextVar[str | None] = contextvars.ContextVar("page_language", default=_OUTSIDE)


def parser_for(lang: str | None):
    """dateparser's parser for the page's language `lang` first, then the common ones of
    `_COMMON` (a page may declare the wrong language, or print dates in English)."""
    from dateparser.data.languages_info import language_order

    first = (lang,) if lang in language_order else ()  # dateparser would refuse an unknown code
    return _parser(first + tuple(c for c in _COMMON if c != lang))


@functools.lru_cache(maxsize=64)
def _parser(languages: tuple[str, ...]):
    from dateparser import DateDataParser

    return DateDataParser(languages=list(languages), settings=_SETTINGS)


def _current_page_parser():
    lang = _PAGE_LANGUAGE.get()
    return _ALL_LANGUAGES() if lang == _OUTSIDE else parser_for(lang)


# htmldate looks its parser up by this module-level name at each call (htmldate 1.11, pinned).
htmldate.extractors.get_external_parser = _current_page_parser


@contextlib.contextmanager
def page_language(lang: str | None) -> Iterator[None]:
    """Within this context htmldate's dateparser reads dates in `lang` (ISO 639-1) first, then in
    the common languages; None: the common languages alone."""
    token = _PAGE_LANGUAGE.set(lang)
    try:
        yield
    finally:
        _PAGE_LANGUAGE.reset(token)
