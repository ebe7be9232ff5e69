"""Relevance computed outside FTS5 (score.py) and term rarity estimates (termstats.py), checked
against FTS5's own bm25() and exact counts on synthetic stores.  FTS5's bm25() is the reference
on SQLite; everything else runs on both backends (the scores of the two are compared in
test_search_backends.py)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from janalyq.search import engine, search, termstats
from janalyq.search import query as q
from janalyq.search.engine import CANDIDATES
from janalyq.search.score import EXACT, Scorer
from janalyq.search.snippet import plain
from janalyq.store import Store, open_store

VOCABULARY = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda", "sigma",
              "omega", "harbor", "meadow", "lantern", "copper", "violet", "summit", "orchard", "glacier", "ember"]
START = dt.date(2026, 1, 1)


def _insert(store: Store, rows: list[tuple[str, str, dt.date]], lang: str = "en") -> None:
    """Articles straight into the table: the triggers index them as an import would."""
    first = (store.scalar("SELECT max(rid) FROM articles") or 0) + 1
    values = [(rid, f"{rid:016x}", f"synthetic://{rid}", lang, title, day.isoformat(), body, "2026-04-01T00:00:00",
               "2026-04-01T00:00:00", f"{rid:040x}") for rid, (title, body, day) in enumerate(rows, start=first)]
    store.begin()
    store.db.executemany("INSERT INTO articles(rid, id, url, lang, title, published, body, collected_at, updated_at,"
                         " content_hash) VALUES (?,?,?,?,?,?,?,?,?,?)", values)
    store.commit()


def _random_store(path, articles: int) -> Store:
    rng = random.Random(11)
    store = open_store(path)

    def text(n: int) -> str:
        return " ".join(rng.choices(VOCABULARY, weights=range(len(VOCABULARY), 0, -1), k=n))

    _insert(store, [(text(rng.randint(2, 8)), text(rng.randint(5, 120)), START + dt.timedelta(days=rng.randrange(60)))
                    for _ in range(articles)])
    return store


@pytest.fixture()
def random_store(tmp_path):
    store = _random_store(tmp_path / "random.db", 400)
    yield store
    store.close()


@pytest.mark.parametrize("query", ["alpha", "sigma omega", "harbor lantern ember", '"alpha beta"', "glacier -alpha"])
def test_exact_scores_equal_fts5_bm25(random_store, query):
    """Fewer documents than the rarity sample: counts are exact, so the scores are FTS5's to the digit."""
    parsed = q.parse(query)
    rows = random_store.db.execute(
        "SELECT rowid, bm25(search_fts, 8.0, 1.0, 0.0) FROM search_fts WHERE search_fts MATCH ?",
        (q.text_expression(parsed).fts5(),)).fetchall()
    assert rows
    ours = Scorer(random_store.db, q.groups(parsed)).exact_scores([r[0] for r in rows])
    for rowid, fts5 in rows:
        assert ours[rowid] == pytest.approx(-fts5, rel=1e-9, abs=1e-9)


def test_ranking_keeps_fts5_order_when_every_candidate_is_scored_exactly(tmp_path):
    small = _random_store(tmp_path / "small.db", EXACT)
    for query in ("alpha", "ember glacier", "copper violet", '"alpha beta"'):
        result = search(small.db, query, per_page=EXACT)
        assert 0 < result.total <= EXACT
        ranked = [h.article["rid"] for h in result.hits]
        rows = small.db.execute(
            "SELECT rowid, bm25(search_fts, 8.0, 1.0, 0.0) FROM search_fts WHERE search_fts MATCH ?",
            (q.text_expression(q.parse(query)).fts5(),)).fetchall()
        newest = max(r[0] >> 32 for r in rows)
        reference = sorted(rows, key=lambda r: (-(-r[1] / (1 + (newest - (r[0] >> 32)) / 90.0)), -r[0]))
        assert ranked == [r[0] & 0xFFFFFFFF for r in reference]
    small.close()


def test_rarity_is_exact_for_rare_terms_and_estimated_for_common_ones(db_url, monkeypatch):
    monkeypatch.setattr(termstats, "SAMPLE", 40)
    store = open_store(db_url)
    rows = []
    for i in range(1200):  # "common" in every third article, spread evenly over 120 days
        words = ["common"] if i % 3 == 0 else ["filler"]
        words += ["rare"] if i % 200 == 0 else []
        rows.append((" ".join(words), "body text", START + dt.timedelta(days=i % 120)))
    _insert(store, rows)
    stats = termstats.term_stats(store.db)
    assert stats.doc_frequency(store.db, ("rare",)) == 6
    assert stats.doc_frequency(store.db, ("common",)) == pytest.approx(400, rel=0.15)
    assert stats.doc_frequency(store.db, ("absent",)) == 0
    assert stats.idf(store.db, ("rare",)) > stats.idf(store.db, ("common",)) > 0
    assert termstats.term_stats(store.db) is stats  # cached for the file
    store.close()


def test_rarity_figures_are_dropped_when_the_store_grows(db_url):
    store = open_store(db_url)
    _insert(store, [("first article", "about copper", START)])
    before = termstats.term_stats(store.db)
    assert before.doc_frequency(store.db, ("copper",)) == 1 and before.total(store.db) == 1
    _insert(store, [(f"article {i}", "copper and more", START) for i in range(50)])
    after = termstats.term_stats(store.db)
    assert after is not before
    assert after.doc_frequency(store.db, ("copper",)) == 51 and after.total(store.db) == 51
    store.close()


def test_title_matches_beyond_the_newest_candidates_still_rank_first(db_url):
    """More body matches than CANDIDATES, all newer: the older title matches are found by the
    title pass and put first by the title score of step 1."""
    store = open_store(db_url)
    newer = [("daily report", f"the harbor was busy on day {i}", START + dt.timedelta(days=10 + i % 20))
             for i in range(CANDIDATES + 200)]
    older = [(f"Harbor opens pier {i}", "a short note", START + dt.timedelta(days=5)) for i in range(3)]
    _insert(store, older + newer)
    result = search(store.db, "harbor")
    assert result.total_is_lower_bound and result.total >= CANDIDATES + 3
    assert sorted(h.article["title"] for h in result.hits[:3]) == [f"Harbor opens pier {i}" for i in range(3)]
    assert all(h.article["title"] == "daily report" for h in result.hits[3:])
    store.close()


def test_more_candidates_than_exact_scoring_puts_title_matches_first(db_url):
    store = open_store(db_url)
    body_hits = [("weekly digest", "meadow " * (1 + i % 4) + "and more words", START + dt.timedelta(days=30))
                 for i in range(EXACT * 2)]
    title_hits = [(f"Meadow festival {i}", "music all day", START + dt.timedelta(days=20)) for i in range(4)]
    _insert(store, body_hits + title_hits)
    result = search(store.db, "meadow", per_page=10)
    assert [h.article["title"] for h in result.hits[:4]] == [f"Meadow festival {i}" for i in (3, 2, 1, 0)]
    # Among body matches, more mentions rank higher (exact step: term counts).
    bodies = [plain(h.snippet).count("meadow") for h in result.hits[4:]]
    assert bodies == sorted(bodies, reverse=True)
    store.close()


def test_kazakh_filter_leaves_out_russian_stems():
    parsed = q.parse('Конституция Qazaqstan "жаңа Конституция"')
    everywhere = '("konstitutsiia" OR "конституц") AND ("kazakstan" OR "qazaqstan") AND ("jana konstitutsiia" OR "жаң конституц")'
    assert str(q.text_expression(parsed)) == "{title body} : (" + everywhere + ")"
    assert str(q.text_expression(parsed, lang="ru")) == "{title body} : (" + everywhere + ")"
    assert str(q.text_expression(parsed, lang="kk")) == \
        '{title body} : (("konstitutsiia") AND ("kazakstan" OR "qazaqstan") AND ("jana konstitutsiia"))'


def test_titles_left_unread_could_not_have_reached_the_first_pages(db_url, monkeypatch):
    """Matches spread over years with titles of every age: leaving out the titles too old to
    matter gives the same best EXACT as reading them all."""
    rng = random.Random(5)
    store = open_store(db_url)
    rows = []
    for i in range(900):
        title = " ".join(rng.choices(VOCABULARY, k=5) + (["lantern"] if i % 7 == 0 else []))
        rows.append((title, "lantern " * rng.randint(1, 3) + " ".join(rng.choices(VOCABULARY, k=40)),
                     START - dt.timedelta(days=rng.randrange(1000))))
    _insert(store, rows)
    pruned = search(store.db, "lantern", per_page=EXACT)
    read = []
    monkeypatch.setattr(engine, "_worth_reading", lambda matches, *_: read.extend(matches) or matches)
    everything = search(store.db, "lantern", per_page=EXACT)
    assert len(read) == 900
    assert [h.article["rid"] for h in pruned.hits] == [h.article["rid"] for h in everything.hits]
    store.close()
