"""One corpus imported into SQLite and into PostgreSQL answers every search, listing and related
query the same: the same article ids in the same order, with the same scores.

The corpus is the seeds (../shared/seeds) plus articles written for this test: Kazakh in both
scripts (and the 2017 apostrophe alphabet), Russian and English, over two years, in several
sections and outlets, with words such as "don't" that FTS5's tokenizer cuts in two.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from janalyq.pipeline import import_paths
from janalyq.search import Filters, search
from janalyq.search import browse
from janalyq.search import query as q
from janalyq.search.backend import index_of
from janalyq.search.expression import Columns, Phrase
from janalyq.store import open_store
from janalyq.store.dialect import is_postgres

RECORDS = [
    ("kk", "2026-03-10", "education", "astana-akimat", "Астанада үш жаңа мектеп ашылды",
     "Қала әкімдігінің хабарлауынша, үш мектеп бір мезгілде пайдалануға берілді. Мектептерде робототехника"
     " кабинеттері бар."),
    ("kk", "2026-03-08", "education", "edu-ministry", "Astanada jaña mektepter salynady",
     "Bılım ministrlıgı elordada taǵy bes mektep salynatynyn habarlady. Qurylys kelesı jyly aiaqtalady."),
    ("kk", "2025-11-20", "health", "health-ministry", "Shymkentte jan'a awrwxana ashyldy",
     "Qalada ko'p beyindi awrwxana jumysyn bastady. Awrwxanada eki jyz to'sek bar."),
    ("kk", "2025-06-02", "economy", "almaty-akimat", "Алматы облысында су құбыры салынды",
     "Жаңа су құбыры он екі ауылды ауыз сумен қамтамасыз етеді. Құрылыс екі жылға созылды."),
    ("kk", "2024-12-30", "society", "almaty-akimat", "Ауылдарда жаңа жол төселді",
     "Облыс әкімдігі жол құрылысы жоспарға сай аяқталғанын айтты. Жол ауылдарды аудан орталығымен байланыстырады."),
    ("ru", "2026-03-09", "education", "edu-ministry", "В Астане открыли три новые школы",
     "По данным акимата, школы приняли первых учеников. В новых школах работают кабинеты робототехники."),
    ("ru", "2026-01-15", "health", "health-ministry", "В Шымкенте открылась новая больница",
     "Многопрофильная больница рассчитана на двести коек. Врачи начали прием пациентов."),
    ("ru", "2025-06-03", "economy", "almaty-akimat", "Водопровод провели в двенадцать сел Алматинской области",
     "Новый водопровод обеспечит жителей питьевой водой. Строительство длилось два года."),
    ("ru", "2025-02-11", "society", "astana-akimat", "Министр образования посетил школы столицы",
     "Министр осмотрел новые школы и встретился с учителями. Обсудили подготовку к новому учебному году."),
    ("en", "2026-03-09", "education", "edu-ministry", "Three new schools open in Astana",
     "The city administration said the schools took their first pupils. Each school has a robotics room."),
    ("en", "2026-02-01", "health", "health-ministry", "A new hospital opens in Shymkent",
     "The hospital has two hundred beds. Doctors don't expect delays in treatment, the minister's office said."),
    ("en", "2025-06-04", "economy", "almaty-akimat", "Water pipeline reaches twelve villages",
     "The new pipeline brings drinking water to villages in Almaty region. Officials don't plan new tariffs."),
    ("en", "2024-10-05", "society", "astana-akimat", "Minister visits new schools in the capital",
     "The minister met teachers at new schools. O'Brien, a visiting expert, praised the robotics lessons."),
]

# One release in three languages (gov.kz publishes them under one path, ?lang=kk|ru|en): versions.
RELEASE = {0: "kk", 5: "ru", 9: "en"}
RELEASE_URL = "https://www.gov.kz/memleket/entities/astana/press/news/details/70011?lang="

QUERIES = [
    "мектеп", "мектептер", "Mektep", "mektepterde", "жаңа мектеп", '"жаңа мектеп"', "awrwxana", "ауруxана",
    "Qazaqstan", "Қазақстан", "Konstitutsiia", "конституция", "школы", "школа", "больница", "водопровод",
    "schools", "school", "hospital", "don't", '"don\'t expect"', "O'Brien", "minister's", "robotics",
    '"new schools"', '"schools new"', "new -hospital", "water village", "минист", "Астана", "Astana",
    "жол ауыл", "су", "президент", "Премьер-Министр", '"Премьер-Министр"', "2026", "жаңа", "new",
    # odd input: quotes, backslashes, colons, tsquery and FTS5 syntax, empty
    "", "   ", '"', "'", "\\", "\\'", "a:b", "new:A", "school:*", "x & !y", "<-> school", "NEAR(school new)",
    "title:school", "'; DROP TABLE search_docs; --", "🙂", "\x00",
]


def _filters(store) -> list[Filters]:
    topics = [r[0] for r in store.db.execute("SELECT DISTINCT topic FROM articles WHERE topic IS NOT NULL"
                                             " ORDER BY topic")][:3]
    regions = [r[0] for r in store.db.execute("SELECT DISTINCT region FROM articles WHERE region IS NOT NULL"
                                              " ORDER BY region")][:3]
    found = [Filters(), Filters(lang="kk"), Filters(lang="ru"), Filters(lang="en"),
             Filters(section="education"), Filters(outlet="almaty-akimat", lang="en"),
             Filters(since=dt.date(2026, 1, 1)), Filters(until=dt.date(2025, 6, 3)),
             Filters(since=dt.date(2025, 6, 1), until=dt.date(2025, 12, 31), lang="ru")]
    found += [Filters(topic=t) for t in topics] + [Filters(region=r, lang="kk") for r in regions]
    return found


@pytest.fixture(scope="module")
def stores(tmp_path_factory, seeds_dir, pg_cluster):
    """(SQLite store, PostgreSQL store), each filled by the same two imports."""
    folder = tmp_path_factory.mktemp("backends")
    mine = folder / "mine.jsonl"
    mine.write_text("\n".join(json.dumps(
        {"url": f"https://example.kz/{lang}/{section}/{i}", "lang": lang, "published": day, "section": section,
         "outlet": outlet, "title": title, "body": body,
         "source_url": RELEASE_URL + RELEASE[i] if i in RELEASE else None}, ensure_ascii=False)
        for i, (lang, day, section, outlet, title, body) in enumerate(RECORDS)) + "\n", encoding="utf-8")
    opened = []
    for url in (str(folder / "s.db"), pg_cluster.new_database()):
        store = open_store(url)
        for source in (str(seeds_dir), str(mine)):
            report = import_paths([source], store)
            assert not report.rejects, report.rejects
        opened.append(store)
    yield tuple(opened)
    for store in opened:
        store.close()


def _ranked(db, text, filters, per_page=200) -> list[tuple[str, float]]:
    return [(h.article["id"], h.score) for h in search(db, text, filters, per_page=per_page).hits]


def test_the_two_stores_hold_the_same_articles_under_the_same_keys(stores):
    lite, pg = stores
    assert is_postgres(pg.db) and not is_postgres(lite.db)
    sql = "SELECT rid, id, lang, published, topic, region FROM articles ORDER BY rid"
    assert [tuple(r) for r in lite.db.execute(sql)] == [tuple(r) for r in pg.db.execute(sql)]
    assert len(list(lite.db.execute(sql))) == 51 + len(RECORDS)
    keys = [r[0] for r in pg.db.execute("SELECT key FROM search_docs ORDER BY key")]
    assert keys == [r[0] for r in lite.db.execute("SELECT rowid FROM search_fts ORDER BY rowid")]


@pytest.mark.parametrize("text", QUERIES)
def test_every_query_and_filter_ranks_the_same_articles_in_the_same_order(stores, text):
    lite, pg = stores
    for filters in _filters(lite):
        assert _ranked(lite.db, text, filters) == _ranked(pg.db, text, filters), (text, filters)


def test_the_queries_find_something_in_every_language(stores):
    """The comparison above is not between two empty lists."""
    lite, _ = stores
    for text, lang in (("мектеп", "kk"), ("Mektep", "kk"), ("awrwxana", "kk"), ("школы", "ru"),
                       ('"new schools"', "en"), ("don't", "en"), ("O'Brien", "en")):
        assert _ranked(lite.db, text, Filters(lang=lang)), (text, lang)
    assert not _ranked(lite.db, '"schools new"', Filters())
    assert all(_ranked(lite.db, None, f) for f in _filters(lite) if f.topic), "a topic filter finds nothing"
    assert any(f.region for f in _filters(lite)) and any(_ranked(lite.db, None, f) for f in _filters(lite) if f.region)


def test_totals_pages_and_lower_bounds_agree(stores):
    lite, pg = stores
    for text in ("new", "жаңа", "school", ""):
        for page in (1, 2):
            a, b = (search(s.db, text, Filters(), page=page, per_page=5) for s in stores)
            assert (a.total, a.total_is_lower_bound, a.searched, a.pages) == \
                (b.total, b.total_is_lower_bound, b.searched, b.pages)
            assert [h.article for h in a.hits] == [h.article for h in b.hits]
            assert [(h.title, h.snippet) for h in a.hits] == [(h.title, h.snippet) for h in b.hits]


def test_related_articles_and_versions_are_the_same(stores):
    lite, pg = stores
    ids = [r[0] for r in lite.db.execute("SELECT id FROM articles ORDER BY rid")]
    with_related = with_versions = 0
    for article_id in ids:
        a, b = browse.article(lite.db, article_id), browse.article(pg.db, article_id)
        assert [r["id"] for r in a["related"]] == [r["id"] for r in b["related"]], article_id
        assert a["versions"] == b["versions"], article_id
        # Seen when each import ran: the times differ, the places do not.
        assert [(s["url"], s["site_section"]) for s in a["seen_in"]] == \
            [(s["url"], s["site_section"]) for s in b["seen_in"]], article_id
        with_related += bool(a["related"])
        with_versions += bool(a["versions"])
    assert with_related >= len(ids) // 3 and with_versions == len(RELEASE)


def test_listings_counts_and_cursors_are_the_same(stores):
    lite, pg = stores
    listings = [browse.Listing(), browse.Listing(lang="kk"), browse.Listing(section="education"),
                browse.Listing(outlet="almaty-akimat"), browse.Listing(month="2026-03"),
                browse.Listing(day=dt.date(2026, 3, 9)), browse.Listing(lang="ru", since=dt.date(2025, 6, 1))]
    for listing in listings:
        assert browse.latest(lite.db, listing, 7, 3) == browse.latest(pg.db, listing, 7, 3), listing
        assert browse.count(lite.db, listing) == browse.count(pg.db, listing), listing
        cursor_a = cursor_b = None
        for _ in range(4):
            page_a, cursor_a = browse.page_after(lite.db, listing, cursor_a, 5)
            page_b, cursor_b = browse.page_after(pg.db, listing, cursor_b, 5)
            assert page_a == page_b and cursor_a == cursor_b, listing
    for facet in browse.FACETS:
        for lang in (None, "kk", "en"):
            assert browse.facet_values(lite.db, facet, lang) == browse.facet_values(pg.db, facet, lang)
    assert browse.stats(lite.db) == browse.stats(pg.db)


def test_tsquery_is_built_from_quoted_lexemes_with_column_weights(stores):
    """The PostgreSQL condition of a parsed query, as the server reads it back."""
    _, pg = stores
    parsed = q.parse('Qazaqstan "жаңа мектеп" -hospital')
    condition = q.combine(q.text_expression(parsed, lang="kk"), q.facet_expression(["l6b6b"]))
    read_back = pg.db.execute("SELECT CAST(? AS tsquery)::text", (condition.tsquery(),)).fetchone()[0]
    assert read_back == ("( 'kazakstan':AB | 'qazaqstan':AB ) & 'jana':AB <-> 'mektep':AB"
                         " & !( 'hospit':AB | 'hospital':AB ) & 'l6b6b':C")
    title_only = q.text_expression(q.parse("don't"), columns="title")
    assert title_only.fts5() == 'title : (("don\'t" OR "dont"))'
    assert title_only.tsquery() == "((('don':A <-> 't':A) | 'dont':A))"


@pytest.mark.parametrize("terms", [("it's",), ("a\\b",), ("x'; DROP TABLE articles; --",), ("",), ("'",),
                                   ("\\",), ("c:*",), ("\ue000mark",)])
def test_odd_terms_make_a_valid_tsquery(stores, terms):
    """Terms come from the analyzer (letters and digits), but the rendering holds for any text."""
    _, pg = stores
    index = index_of(pg.db)
    assert isinstance(index.keys(Columns("{title body}", Phrase(terms)), 0, 1 << 62, 10), list)
    assert pg.scalar("SELECT count(*) FROM articles") == 51 + len(RECORDS)
