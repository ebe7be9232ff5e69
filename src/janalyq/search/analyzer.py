"""The one analyzer used both to index articles and to read queries.

A word becomes a search term in four steps: Unicode NFC and case folding (ё is е, the dotted
capital İ is i); then, by language, Snowball stemming for Russian and English, or the Kazakh key
(both scripts folded to one Latin form, inflection suffixes stripped, see `kazakh.py`).

At index time the article's language picks the rule.  A query has no language, so each query word
is analysed in every language it could be (a Cyrillic word as Kazakh and Russian, a Latin word as
Kazakh and English) and the variants are OR-ed; Kazakh keys are Latin and Russian stems Cyrillic,
so the variants do not collide.  One term is produced per word, so positions, and with them
phrase queries, survive analysis.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import Stemmer

from janalyq.search.kazakh import kazakh_key, key_variants
from janalyq.translit import KAZAKH_CYRILLIC_ONLY, has_cyrillic

# A word may hold apostrophes between letters, and end in one after a Latin letter: the 2017
# Kazakh Latin alphabet writes letters with them ("Nay'ryz" is Наурыз, "qolday'" қолдау), and
# English possessives stay one word for its stemmer, which removes them.
WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*(?:(?<=[agnouyiscAGNOUYISC])['’ʼ](?![^\W_]))?")
LANGS = ("kk", "ru", "en")
_KAZAKH_LATIN_LETTERS = frozenset("äğıñöqşūü")
_local = threading.local()  # Snowball stemmers are not safe to share between threads

# Query words too common to narrow a search; dropped from AND-ed words, kept inside phrases.
STOPWORDS = frozenset(
    "және мен бен пен да де та те бұл осы ол сол үшін туралы бойынша арқылы ретінде еді "
    "и в во на с со по к у о об от до за из для что как это не а но же ли или его ее её их "
    "the a an of and or in on at to for by with from is are was were be as that this it its"
    .split()
)


def _stemmer(lang: str) -> Stemmer.Stemmer:
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {"ru": Stemmer.Stemmer("russian"), "en": Stemmer.Stemmer("english")}
    return stemmers[lang]


def normalize(text: str) -> str:
    """NFC, case folded, ё -> е; the dotted capital İ folds to i (not to i + combining dot)."""
    text = unicodedata.normalize("NFC", text).replace("İ", "i").casefold()
    return text.replace("\u0307", "").replace("ё", "е")


# Without an apostrophe a word is a plain run of letters and digits: the same words as `WORD`,
# found about a quarter faster (an import analyses every word of every article).
_PLAIN_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = ("'", "’", "ʼ")


def words(text: str) -> list[str]:
    text = normalize(text)
    if any(mark in text for mark in _APOSTROPHES):
        return WORD.findall(text)
    return _PLAIN_WORD.findall(text)


def word_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised word) for each word of the original text, for highlighting."""
    for match in WORD.finditer(text):
        yield match.start(), match.end(), normalize(match.group())


def _is_kazakh_cyrillic(word: str) -> bool:
    return any(ch in KAZAKH_CYRILLIC_ONLY for ch in word)


@lru_cache(maxsize=1 << 18)
def term(word: str, lang: str | None) -> str:
    """The index term of one normalised word in an article of language `lang`."""
    if word.isdigit():
        return word
    cyrillic = has_cyrillic(word)
    if lang == "kk" or (cyrillic and lang != "ru" and _is_kazakh_cyrillic(word)):
        return kazakh_key(word)
    if cyrillic:
        return _stemmer("ru").stemWord(word)
    return _stemmer("en").stemWord(word)


@lru_cache(maxsize=1 << 18)
def surface_term(word: str, lang: str | None) -> str:
    """The index term of a word as written in the text (not yet normalised); for highlighting,
    which looks up every word of a snippet, mostly the same few thousand."""
    return term(normalize(word), lang)


def term_spans(text: str, lang: str | None) -> Iterator[tuple[int, int, str]]:
    """(start, end, index term) for each word of the original text, for highlighting."""
    for match in WORD.finditer(text):
        yield match.start(), match.end(), surface_term(match.group(), lang)


# Index terms by language, word -> term: a plain dict read through map(dict.get) costs a fifth
# of an lru_cache call per word, and an import looks up every word of every article.
_INDEX_TERMS: dict[str | None, dict[str, str]] = {}
MAX_INDEX_TERMS = 1 << 16  # words remembered per language (~10 MB) before the table starts over


def index_terms(text: str | None, lang: str | None) -> str:
    """Space-separated terms of a text, one per word, ready for the FTS5 table."""
    if not text:
        return ""
    known = _INDEX_TERMS.get(lang)
    if known is None or len(known) > MAX_INDEX_TERMS:
        known = _INDEX_TERMS[lang] = {}
    found = words(text)
    terms = list(map(known.get, found))
    if None in terms:
        for position, value in enumerate(terms):
            if value is None:
                word = found[position]
                terms[position] = known[word] = term(word, lang)
    return " ".join(filter(None, terms))


@lru_cache(maxsize=1 << 14)
def query_variants(word: str) -> tuple[str, ...]:
    """Every term a normalised query word can have in an indexed article, most likely first."""
    if word.isdigit():
        return (word,)
    kazakh = list(key_variants(word))
    if has_cyrillic(word):
        candidates = [*kazakh, term(word, "ru")]
    elif any(ch in _KAZAKH_LATIN_LETTERS for ch in word):
        candidates = [*kazakh, term(word, "en")]
    else:
        candidates = [term(word, "en"), *kazakh]
    return tuple(dict.fromkeys(c for c in candidates if c))


def phrase_variants(phrase_words: list[str]) -> list[tuple[str, ...]]:
    """A phrase analysed once per language: each variant is a sequence of terms for FTS5."""
    variants = []
    for lang in LANGS:
        if lang == "ru" and not any(has_cyrillic(w) for w in phrase_words):
            continue
        if lang == "en" and all(has_cyrillic(w) for w in phrase_words):
            continue
        terms = tuple(term(w, lang) for w in phrase_words)
        if all(terms) and terms not in variants:
            variants.append(terms)
    return variants
