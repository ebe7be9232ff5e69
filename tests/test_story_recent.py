"""The storing process keeps the articles linking read last (`story_index._RecentArticles`):
what it hands to linking must be what the store holds now, on both backends."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np

from janalyq.entities import Entities
from janalyq.story import StoryItem
from janalyq.story_index import StoryIndex, _Known, _RecentArticles

DAY = dt.date(2026, 3, 1).toordinal()
KEY = "num|87.15%"


def add_article(store, index: StoryIndex, rid: int, title: str, lang: str = "en", vector=None,
                story: str | None = None, keys: tuple[str, ...] = (KEY,)) -> StoryItem:
    store.db.execute("INSERT INTO articles (rid, id, url, lang, title, body, collected_at, updated_at, content_hash)"
                     " VALUES (?, ?, ?, ?, ?, 'b', '2026-03-01', '2026-03-01T10:00:00+00:00', ?)",
                     (rid, f"a{rid}", f"https://example.kz/{rid}", lang, title, f"h{rid}"))
    item = StoryItem(rid=rid, article_id=f"a{rid}", lang=lang, outlet=None, day=DAY, release=None,
                     entities=Entities(numbers={"87.15%"}), vector=vector, story_id=story or f"a{rid}")
    item.keys = list(keys)
    index.save(item)
    return item


def summary(items: list[StoryItem]) -> list[tuple]:
    return [(i.rid, i.article_id, i.lang, i.story_id, i.day, sorted(i.entities.numbers),
             None if i.vector is None else i.vector.tobytes(), i.words.stems if i.words else None) for i in items]


def test_story_ids_are_read_again_after_they_move(store):
    index = StoryIndex(store, "test-model")
    for rid in (1, 2, 3):
        add_article(store, index, rid, f"Budget hearing number {rid}")
    assert [i.story_id for i in index.load([1, 2, 3])] == ["a1", "a2", "a3"]
    index.merge("a1", ["a2"])
    store.db.execute("UPDATE articles SET story_id = 'a9' WHERE rid = 3")  # as another writer would
    assert [i.story_id for i in index.load([1, 2, 3])] == ["a1", "a1", "a9"]
    assert {rid: entry.story_id for rid, entry in index.known([1, 2, 3]).items()} == {1: "a1", 2: "a1", 3: "a9"}


def test_a_text_replaced_within_the_same_second_is_read_again(store):
    index = StoryIndex(store, "test-model")
    add_article(store, index, 1, "Farmers sow wheat in Kostanay")
    (before,) = index.load([1])
    # A more complete copy replaced the text; updated_at, to the second, is unchanged.
    store.db.execute("UPDATE articles SET title = 'Astana opens a new school', content_hash = 'h1b' WHERE rid = 1")
    (after,) = index.load([1])
    assert after.words.stems != before.words.stems
    assert summary([after]) == summary(StoryIndex(store, "test-model").load([1]))


def test_a_deleted_article_is_no_longer_handed_out(store):
    index = StoryIndex(store, "test-model")
    add_article(store, index, 1, "Budget hearing")
    add_article(store, index, 2, "Budget hearing again")
    assert [i.rid for i in index.load([1, 2])] == [1, 2]
    store.db.execute("DELETE FROM articles WHERE rid = 2")
    assert [i.rid for i in index.load([1, 2])] == [1]
    assert list(index.known([1, 2])) == [1]


def test_the_recent_articles_are_bounded_and_the_least_recently_used_go_first():
    recent = _RecentArticles(size=3)
    for rid in (1, 2, 3):
        recent.put(rid, _Known(("en", rid), "en"))
    assert recent.get(1, ("en", 1)) is not None  # 1 is now the most recently used
    recent.put(4, _Known(("en", 4), "en"))
    assert list(recent.entries) == [3, 1, 4]
    assert recent.get(2, ("en", 2)) is None
    assert recent.get(3, ("en", "changed")) is None  # another stamp: read again


def test_a_warm_index_hands_out_what_a_cold_one_reads(store):
    """Linking as an import runs it: articles saved one after another, each probe's candidates
    loaded through the same index; a new index (nothing remembered) must see the same."""
    rng = random.Random(7)
    index = StoryIndex(store, "test-model")
    index.recent = _RecentArticles(size=8)  # small, so that entries are dropped and read again
    titles = ["Budget hearing in Astana", "Wheat harvest in Kostanay", "New school opens in Shymkent",
              "Akim meets farmers", "Flood warning for Atyrau"]
    for rid in range(1, 41):
        vector = np.asarray([rng.random() for _ in range(8)], dtype=np.float32)
        lang = rng.choice(["kk", "ru", "en"])
        add_article(store, index, rid, rng.choice(titles), lang=lang, vector=vector / np.linalg.norm(vector))
        if rid % 7 == 0:
            index.merge(f"a{rid}", [f"a{rid - 1}", f"a{rid - 3}"])
        if rid % 5 == 0:
            store.db.execute("UPDATE articles SET title = ?, content_hash = ? WHERE rid = ?",
                             (rng.choice(titles), f"h{rid}b", rid - 2))
        probe = StoryItem(rid=1000 + rid, article_id="probe", lang=lang, outlet=None, day=DAY, release=None,
                          entities=Entities(numbers={"87.15%"}), vector=np.ones(8, dtype=np.float32) / np.sqrt(8))
        probe.keys = [KEY]
        chosen = index.candidates(probe)
        assert chosen
        assert chosen == StoryIndex(store, "test-model").candidates(probe)
        assert summary(index.load(chosen)) == summary(StoryIndex(store, "test-model").load(chosen))
