"""The storing process's faster ways of linking stories give the numbers of the plain ones.

Story linking runs for every new article against dozens of candidates, so its hot paths have
shortcuts (a memo of words, entities compared as prepared sets, vectors centred a matrix at a
time, lexicon lookups hoisted).  Each must give exactly what the plain computation gives: a
story is a threshold decision, and a last-bit difference could move an article.
"""

from __future__ import annotations

import numpy as np

import janalyq.lexicon as lexicon_module
from janalyq.embed import centre
from janalyq.entities import Entities
from janalyq.lexicon import Lexicon, NAME_MATCH, Words, words
from janalyq.story import StoryItem, choose_story, evidence

TITLES = [
    ("Тоқаев Астанада цифрлық кодекске қол қойды", "kk"),
    ("Tokayev signs the Digital Code in Astana", "en"),
    ("Токаев подписал Цифровой кодекс в Астане", "ru"),
    ("Qasym-Jomart Toqaev Astanada sifrlyq kodekske qol qoidy", "kk"),  # Kazakh in Latin letters
    ("The Ministry of Energy and the akimat of Pavlodar region", "en"),
]


def test_words_are_the_same_with_the_memo_warm_cold_or_overflowing(monkeypatch):
    cold = []
    for text, lang in TITLES:
        lexicon_module._WORD_PARTS.clear()
        cold.append(words(text, lang))
    warm = [words(text, lang) for text, lang in TITLES]
    monkeypatch.setattr(lexicon_module, "WORD_PARTS_CAP", 3)  # the memo starts over inside a title
    tiny = [words(text, lang) for text, lang in TITLES]
    for first, second, third in zip(cold, warm, tiny):
        assert first == second == third
        assert first.skeletons == second.skeletons == third.skeletons
    assert "tkv" in cold[0].names & cold[1].names & cold[3].names  # one name in three spellings
    assert "the" not in {stem for stem in cold[1].stems}  # an English stop word does not count


def _plain_coverage(lex: Lexicon, of: Words, by: Words) -> float | None:
    """`Lexicon.coverage` as first written: one lookup call per pair of stems."""
    table = lex.pairs.get((of.lang, by.lang))
    if table is None or not of.stems:
        return None
    total = found = 0.0
    for stem in of.stems:
        weight = lex.weight(of.lang, stem)
        total += weight
        translations = table.get(stem)
        best = max((translations.get(other, 0.0) for other in by.stems), default=0.0) if translations else 0.0
        if best < NAME_MATCH and of.skeletons.get(stem) in by.names:
            best = NAME_MATCH
        found += weight * best
    return found / total if total else None


def test_coverage_matches_the_plain_computation():
    lex = Lexicon()
    for kk, en, strength in (("цифрл", "digit", 0.7), ("кодек", "code", 0.9), ("кодек", "codex", 0.3),
                             ("астан", "astan", 0.95), ("қойды", "signs", 0.0)):
        lex.pairs.setdefault(("kk", "en"), {}).setdefault(kk, {})[en] = strength
        lex.pairs.setdefault(("en", "kk"), {}).setdefault(en, {})[kk] = strength
    lex.idf = {"kk": {"цифрл": 5.5, "кодек": 4.25, "астан": 1.5}, "en": {"digit": 5.0, "code": 3.75}}
    lex.default_idf = {"kk": 9.0, "en": 8.5}
    kk = words(TITLES[0][0], "kk")
    en = words(TITLES[1][0], "en")
    empty = Words("en", frozenset(), frozenset())
    only_unknown = words("Tokayev visits Pavlodar", "en")  # no stem the table knows
    for of, by in ((kk, en), (en, kk), (kk, empty), (empty, kk), (kk, only_unknown), (only_unknown, kk)):
        assert lex.coverage(of, by) == _plain_coverage(lex, of, by)
    assert lex.coverage(kk, en) > lex.coverage(kk, only_unknown) > 0.0  # the name Tokayev still counts
    assert lex.coverage(kk, Words("ru", kk.stems, kk.names)) is None  # no kk-ru table


def test_vectors_centred_a_matrix_at_a_time_are_the_ones_centred_one_by_one():
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((23, 384)).astype(np.float16).astype(np.float32)  # as stored
    mean = (0.1 * rng.standard_normal(384)).astype(np.float32)
    together = centre(vectors, mean)
    one_by_one = np.stack([centre(v, mean)[0] for v in vectors])
    assert np.array_equal(together, one_by_one)


def _item(rid: int, lang: str, vector, numbers=(), places=(), story=None) -> StoryItem:
    found = Entities(numbers=set(numbers))
    found.places.update({p: 1 for p in places})
    return StoryItem(rid=rid, article_id=f"a{rid}", lang=lang, outlet=None, day=100, release=None,
                     entities=found, vector=vector, story_id=story or f"s{rid}",
                     words=words(f"headline {rid} about a meeting", lang))


def test_choose_story_decides_alike_with_vectors_centred_together_or_alone():
    rng = np.random.default_rng(3)
    base = rng.standard_normal(32).astype(np.float32)
    means = {lang: (0.2 * rng.standard_normal(32)).astype(np.float32) for lang in ("kk", "ru", "en")}

    def centre_one(vector, lang):
        return centre(vector, means[lang])[0]

    def centre_rows(matrix, lang):
        return centre(matrix, means[lang])

    item = _item(1, "kk", base, numbers={"87.15%"}, places={"taraz"})
    item.background = (0.0, 0.08)
    candidates = [_item(rid, lang, base + scale * rng.standard_normal(32).astype(np.float32),
                        numbers={"87.15%"} if rid % 2 else {"12"}, story="s2" if rid in (2, 3) else None)
                  for rid, lang, scale in ((2, "en", 0.05), (3, "ru", 0.1), (4, "en", 0.8), (5, "ru", 1.5),
                                           (6, "kk", 0.3), (7, "en", 2.0))]
    alone = choose_story(item, candidates, centre_one)
    together = choose_story(item, candidates, centre_one, centre_rows=centre_rows)
    assert (alone.story_id, alone.joined, alone.reason, alone.score, alone.merged) == \
        (together.story_id, together.joined, together.reason, together.score, together.merged)
    assert together.joined and together.story_id == "s2"
    for other in candidates:  # and every pair's evidence is the same number for number
        assert evidence(item, other, centre_one(item.vector, "kk"), centre_one(other.vector, other.lang)) == \
            evidence(item, other, centre_one(item.vector, "kk"), centre_rows(other.vector[None, :], other.lang)[0])


def test_an_items_prepared_facts_follow_its_entities():
    item = _item(1, "en", None, numbers={"42.5%"}, places={"taraz"})
    assert item.facts.numbers == {"42.5%"} and item.facts.places == {"taraz"}
    item.entities = Entities(numbers={"2030"})
    assert item.facts.numbers == {"2030"} and not item.facts.places
