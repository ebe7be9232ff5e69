"""Stories hold on real news: the lexicon, judging a story whole, and a real headline stream."""

from __future__ import annotations

import random

import numpy as np
import pytest

from janalyq.entities import Entities
from janalyq.lexicon import read_lexicon, words
from janalyq.story import LINK_SCORE, StoryItem, choose_story

LEXICON = read_lexicon("documents\tkk\t100\ndocuments\ten\t100\n"
                       "pair\tkk\ten\tастық\tgrain\t0.8\npair\tkk\ten\tэкспо\texpor\t0.7\n"
                       "idf\tkk\tқазақ\t0.1\nidf\ten\tkazak\t0.1\n")


def test_translated_words_and_names_across_scripts_make_the_overlap():
    kk = words("Қазақстан астық экспортын Тоқаев талқылады", "kk")
    same = words("Tokayev discusses grain exports of Kazakhstan", "en")
    other = words("Tennis championship opens in the capital", "en")
    assert LEXICON.overlap(kk, same) > 0.5 > LEXICON.overlap(kk, other) == 0.0
    assert words("Tokayev", "en").names & words("Тоқаев", "kk").names  # one name in two scripts


def _item(rid, lang, vector, story, day=100):
    item = StoryItem(rid=rid, article_id=f"a{rid}", lang=lang, outlet=None, day=day, release=None,
                     entities=Entities(), vector=vector, story_id=story)
    item.background = (0.0, 0.1)
    return item


def _unit(v, lang=None):
    return v / np.linalg.norm(v)


def test_a_story_is_judged_whole_not_through_one_member():
    """An article that matches one member of a story but not the other member, in its own
    language, does not join: stories cannot chain unrelated events."""
    rng = np.random.default_rng(3)
    event, stranger = rng.standard_normal(32), rng.standard_normal(32)
    probe = _item(1, "en", event, None)
    match = _item(2, "kk", event + 0.01 * rng.standard_normal(32), "s")
    unrelated = _item(3, "en", stranger, "s")
    assert choose_story(probe, [match], _unit).story_id == "s"
    joined = choose_story(probe, [match, unrelated], _unit)
    assert joined.displaced == [(unrelated, match)]  # the first-come English version fits worse: it leaves
    far = _item(4, "ru", event, "t", day=100 + 5)  # the story is bounded in time
    assert not choose_story(probe, [far], _unit).joined


def test_a_full_story_takes_no_more():
    rng = np.random.default_rng(4)
    event = rng.standard_normal(32)
    members = [_item(10 + n, ("kk", "ru")[n % 2], event + 0.01 * rng.standard_normal(32), "s") for n in range(8)]
    assert choose_story(_item(1, "en", event, None), members, _unit).story_id == "a1"
    assert choose_story(_item(1, "en", event, None), members[:3], _unit).score >= LINK_SCORE


def test_real_headline_stream_links_pairs_without_chaining(tmp_path):
    """60 real kk/en headline pairs over 10 days (../shared/real, read at run time), with the
    shipped lexicon: the pairs are found and no story chains unrelated news."""
    from bench.bench_real import import_stories, stream_jsonl
    from bench.bench_story import pairwise
    from bench.real import HEADLINE_PAIRS, available, load

    if not available():
        pytest.skip("../shared/real is absent")
    sample = random.Random(5).sample(load(HEADLINE_PAIRS), 60)
    gold = stream_jsonl(sample, 10, seed=5, out=tmp_path / "stream.jsonl")
    predicted = import_stories(tmp_path / "stream.jsonl", tmp_path / "stream.db")
    precision, recall, _, _ = pairwise(gold, {u: s for u, s in predicted.items() if u in gold})
    sizes = [list(predicted.values()).count(s) for s in set(predicted.values())]
    assert precision >= 0.9 and recall >= 0.8 and max(sizes) <= 4, (precision, recall, max(sizes))


def test_a_displaced_founder_keeps_its_story_id_and_its_partner_moves(store):
    """A story's id is its first member's: when that member is displaced, the partner that stays
    must not stay in the founder's story."""
    from janalyq.story_index import StoryIndex

    index = StoryIndex(store, "test-model")
    for rid in (1, 2, 3):
        store.db.execute("INSERT INTO articles (rid, id, url, title, body, collected_at, updated_at, content_hash,"
                         " story_id) VALUES (?, ?, ?, 't', 'b', '2026-03-01', '2026-03-01', 'h', ?)",
                         (rid, f"a{rid}", f"u{rid}", "a1" if rid < 3 else "a3"))
    founder, partner, other = (_item(rid, "kk", None, "a1" if rid < 3 else "a3") for rid in (1, 2, 3))
    assert index.detach(founder, partner, "a1") == "a2"
    assert index.detach(other, partner, "a9") == "a9"  # not the founder: it alone leaves
    stories = dict(store.db.execute("SELECT id, story_id FROM articles").fetchall())
    assert stories == {"a1": "a1", "a2": "a2", "a3": "a3"}
