"""On the demo store: a language filter finds exactly the unfiltered matches in that language,
and related articles are same-language articles that share rare title words, near in time.
Every test runs on the demo store in SQLite and on its copy in PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from janalyq.search import Filters, search
from janalyq.search.analyzer import term, words
from janalyq.search.browse import RELATED_WINDOW_DAYS, article
from janalyq.store import open_store
from tests.stores import BACKENDS

QUERIES = ["Конституция", "Konstitutsiia", "референдум", "Qazaqstan", "Astana", "Алматы", "школах", "мектеп",
           "open lessons", '"ашық сабақтар"', "жаңа", "new", "water", "грант", "village -doctors"]


@pytest.fixture(scope="module", params=BACKENDS)
def store(request, demo_db):
    opened = open_store(demo_db if request.param == "sqlite" else request.getfixturevalue("demo_pg_url"))
    yield opened
    opened.close()


@pytest.mark.parametrize("query", QUERIES)
def test_language_filter_finds_the_same_articles(store, query):
    everywhere = search(store.db, query, per_page=1000).hits
    for lang in ("kk", "ru", "en"):
        filtered = {h.article["id"] for h in search(store.db, query, Filters(lang=lang), per_page=1000).hits}
        assert filtered == {h.article["id"] for h in everywhere if h.article["lang"] == lang}, lang


def test_related_articles_share_rare_title_words(store):
    ids = [row[0] for row in store.db.execute("SELECT id FROM articles WHERE lang IS NOT NULL")]
    with_related = 0
    for article_id in ids:
        found = article(store.db, article_id)
        day = dt.date.fromisoformat(found["published"])
        title_terms = {term(w, found["lang"]) for w in words(found["title"]) if len(w) > 3}
        for other in found["related"]:
            assert other["id"] != article_id and other["lang"] == found["lang"]
            assert abs((dt.date.fromisoformat(other["published"]) - day).days) <= RELATED_WINDOW_DAYS
            full = store.db.execute("SELECT title, body FROM articles WHERE id = ?", (other["id"],)).fetchone()
            other_terms = {term(w, found["lang"]) for w in words(full["title"] + " " + full["body"])}
            assert title_terms & other_terms, (found["title"], other["title"])
        with_related += bool(found["related"])
    assert with_related >= len(ids) // 3


def test_related_crosses_kazakh_scripts(store):
    latin = store.db.execute("SELECT id FROM articles WHERE title LIKE 'Kolledjderde Konstitutsiia%'").fetchone()[0]
    titles = [r["title"] for r in article(store.db, latin)["related"]]
    assert any("Конституция" in t for t in titles), titles
