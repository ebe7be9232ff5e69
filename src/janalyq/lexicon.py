"""Word evidence that survives translation: a Kazakh-English lexicon and names across scripts.

The embedding model ranks the right English headline first for about three Kazakh headlines in
four; most misses are in its top 20 but lose to a headline on a neighbouring subject.  What
tells them apart is which words translate: "газ" and "gas", "ауыл шаруашылығы" and
"agricultural", the names.  The lexicon (`data/lexicon_kk_en.tsv`) holds, for word stems (the
first `STEM` letters, which is crude but holds up for Kazakh suffixes and English endings
alike), how strongly a Kazakh stem goes with an English one (Dice coefficient over parallel
headlines of government news), and how informative each stem is (its inverse document
frequency), so that "Қазақстан" and "Kazakhstan" count for little and a ministry or a city for
much.  It is learned by `bench/learn_lexicon.py` from headline pairs; no sentence is kept.

Names are compared across scripts by their consonant skeleton (`entities.name_skeleton`):
"Тоқаев", "Tokayev" and "Toqaev" are one name, in any pair of languages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from janalyq.entities import name_skeleton
from janalyq.translit import has_cyrillic, to_cyrillic

STEM = 5
MIN_LETTERS = 3
NAME_MATCH = 0.8  # a name in both texts counts almost as much as a sure translation
_LETTERS = re.compile(r"[^\W\d_]+")
STOP_EN = frozenset("the of and in on to for with an at by from is was are be as its this that it into"
                    " has have will new".split())


@dataclass(frozen=True)
class Words:
    """The comparable words of one text: stems, and skeletons of capitalised words."""

    lang: str | None
    stems: frozenset[str]
    names: frozenset[str]
    skeletons: dict[str, str] = field(default_factory=dict, compare=False)  # stem of a name -> skeleton


def words(text: str, lang: str | None) -> Words:
    if lang == "kk" and text and not has_cyrillic(text):
        text = to_cyrillic(text)  # Kazakh in Latin letters: one set of stems for both scripts
    stems, names, skeletons = set(), set(), {}
    for word in _LETTERS.findall(text):
        parts = _WORD_PARTS.get((word, lang), _UNSEEN)
        if parts is _UNSEEN:
            parts = _word_parts(word, lang)
        if parts is None:
            continue
        stem, skeleton = parts
        stems.add(stem)
        if skeleton is not None:
            names.add(skeleton)
            skeletons[stem] = skeleton
    return Words(lang, frozenset(stems), frozenset(names), skeletons)


# What one word of a text gives `words`: (stem, name skeleton or None), or None for a word too
# short or too common to count.  The storing process reads back the titles of every story
# candidate (dozens per new article, most of them seen before), and headlines draw on a
# bounded vocabulary: the word is worked out once, the title's set of words each time.
_WORD_PARTS: dict[tuple[str, str | None], tuple[str, str | None] | None] = {}
WORD_PARTS_CAP = 1 << 18  # distinct (word, language) pairs kept; past it the memo starts over
_UNSEEN = object()


def _word_parts(word: str, lang: str | None) -> tuple[str, str | None] | None:
    low = word.lower()
    parts = None
    if len(low) >= MIN_LETTERS and not (lang == "en" and low in STOP_EN):
        skeleton = name_skeleton(low) if word[0].isupper() and len(low) >= 4 else ""
        parts = (low[:STEM], skeleton if len(skeleton) >= 3 else None)
    if len(_WORD_PARTS) >= WORD_PARTS_CAP:
        _WORD_PARTS.clear()
    _WORD_PARTS[(word, lang)] = parts
    return parts


@dataclass
class Lexicon:
    """Translation strength between stems of two languages, and each stem's weight."""

    pairs: dict[tuple[str, str], dict[str, dict[str, float]]] = field(default_factory=dict)
    idf: dict[str, dict[str, float]] = field(default_factory=dict)  # lang -> stem -> weight
    default_idf: dict[str, float] = field(default_factory=dict)
    documents: int = 0  # headline pairs it was learned from

    def weight(self, lang: str | None, stem: str) -> float:
        return self.idf.get(lang, {}).get(stem, self.default_idf.get(lang, 6.0))

    def coverage(self, of: Words, by: Words) -> float | None:
        """Share of `of`'s stems, by weight, that `by` translates or names; None when the
        lexicon knows nothing of this language pair (then only names could count)."""
        table = self.pairs.get((of.lang, by.lang))
        if table is None or not of.stems:
            return None
        total = found = 0.0
        weights, unknown = self.idf.get(of.lang, {}), self.default_idf.get(of.lang, 6.0)  # as `weight`
        theirs = by.stems
        for stem in of.stems:
            weight = weights.get(stem, unknown)
            total += weight
            translations = table.get(stem)
            best = 0.0
            if translations:
                # max(translations.get(other, 0.0) for other in theirs), without a call per stem
                known = [translations[other] for other in theirs if other in translations]
                best = max(known) if known else 0.0
                if len(known) < len(theirs):
                    best = max(best, 0.0)
            if best < NAME_MATCH and of.skeletons.get(stem) in by.names:
                best = NAME_MATCH
            found += weight * best
        return found / total if total else None

    def overlap(self, a: Words, b: Words) -> float | None:
        """How much of two texts in two languages translates into the other, 0 to 1, or None."""
        if a.lang == b.lang:
            return None
        both = [c for c in (self.coverage(a, b), self.coverage(b, a)) if c is not None]
        return sum(both) / len(both) if both else None


def read_lexicon(text: str) -> Lexicon:
    """The TSV written by `bench/learn_lexicon.py`: `pair kk en dice` and `idf lang stem weight`."""
    lexicon = Lexicon()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, *rest = line.split("\t")
        if kind == "pair":
            source, target, left, right, strength = rest
            value = float(strength)
            lexicon.pairs.setdefault((source, target), {}).setdefault(left, {})[right] = value
            lexicon.pairs.setdefault((target, source), {}).setdefault(right, {})[left] = value
        elif kind == "idf":
            lang, stem, weight = rest
            lexicon.idf.setdefault(lang, {})[stem] = float(weight)
        elif kind == "documents":
            lang, count = rest
            lexicon.documents = int(count)
            lexicon.default_idf[lang] = math.log(int(count))  # a stem never seen: as rare as can be
    return lexicon


@lru_cache(maxsize=1)
def shipped_lexicon() -> Lexicon:
    try:
        text = resources.files("janalyq").joinpath("data/lexicon_kk_en.tsv").read_text(encoding="utf-8")
    except FileNotFoundError:
        return Lexicon()
    return read_lexicon(text)


_ACTIVE: list[Lexicon] = []


def active_lexicon() -> Lexicon:
    """The lexicon in use: the shipped one, unless a bench put another in its place."""
    return _ACTIVE[-1] if _ACTIVE else shipped_lexicon()


def use_lexicon(lexicon: Lexicon | None) -> None:
    """Use `lexicon` instead of the shipped one (None: back to the shipped one).  For benches
    that measure on pairs the shipped lexicon was learned from, with one learned without them."""
    _ACTIVE.clear()
    if lexicon is not None:
        _ACTIVE.append(lexicon)
