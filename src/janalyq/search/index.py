"""How the search index lives in SQLite, next to the articles it indexes.

`search_fts` (store migration "search index") is an FTS5 table of analysed terms, one row per
article, kept in sync by triggers on `articles`, so an article and its terms are committed in
the same transaction whatever code writes the article.  The triggers call the SQL function
`janalyq_search_terms(text, lang)`, which is this package's analyzer; every connection of
`janalyq.store.Store` registers it before migrating (see `register_sql_functions`).

The FTS rowid is not the article's rid but a recency key: the day of publication (or of
collection, for an undated article) in the high 32 bits and the rid in the low 32.  FTS5 walks
its rows in rowid order and takes rowid ranges for free, so "newest matches first" and date
ranges cost nothing extra, and the rid is recovered with a mask.

A third column, `facets`, holds one token per filter value ("l" + hex(lang), "s" + hex(section),
"o" + hex(outlet), "t" + hex(topic), "r" + hex(region)), so language, section, outlet, topic and
region filters are FTS terms too and a filtered search never leaves the index.  Topic and region
are set by the enrich stage after the insert; the update trigger re-indexes the row then.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from janalyq.search.analyzer import index_terms

# Bumped whenever the analyzer gives a word another term: a store indexed by an older version is
# re-analysed when opened (`refresh`).  2: informal and slug Latin folding (q k, y i, w u, zh gh kh).
ANALYZER_VERSION = 2

RID_BITS = 32
FACET_TOKENS = 5  # tokens of every facets value (lang, section, outlet, topic, region); FTS5's bm25 counts them
RID_MASK = (1 << RID_BITS) - 1
EPOCH = dt.date(1970, 1, 1)

# The source link without its language parameter: gov.kz publishes one release in kk, ru and en
# under one path with ?lang=kk|ru|en.  The same expression is indexed by the migration; keep the
# two identical (a test checks) or SQLite will not use the index.
SOURCE_KEY_SQL = (
    "replace(replace(replace(replace(replace(replace(source_url, '?lang=kk', ''), '?lang=ru', ''),"
    " '?lang=en', ''), '&lang=kk', ''), '&lang=ru', ''), '&lang=en', '')"
)


# Terms analysed ahead of the insert (by the worker processes of a parallel import), keyed by
# (text, lang): the trigger's function takes them from here instead of analysing again.  They are
# kept until the batch commits, because the topic/region update of the same batch re-indexes the
# row once more (the importer clears them at each commit).
PRECOMPUTED_TERMS: dict[tuple[str, str | None], str] = {}


def _search_terms(text: str | None, lang: str | None) -> str:
    found = PRECOMPUTED_TERMS.get((text, lang))
    return found if found is not None else index_terms(text, lang)


def register_sql_functions(db: sqlite3.Connection) -> None:
    """Make the analyzer callable from SQL (triggers of the search index need it)."""
    db.create_function("janalyq_search_terms", 2, _search_terms, deterministic=True)


def day_number(day: dt.date) -> int:
    return max(0, (day - EPOCH).days)


def rowid_floor(day: dt.date) -> int:
    """Smallest FTS rowid of an article of that day."""
    return day_number(day) << RID_BITS


def rowid_ceiling(day: dt.date) -> int:
    """Largest FTS rowid of an article of that day."""
    return ((day_number(day) + 1) << RID_BITS) - 1


def recency_key(published: str | None, collected_at: str | None, rid: int) -> int:
    """The FTS rowid of an article, as the index triggers compute it."""
    try:
        day = dt.date.fromisoformat(published or (collected_at or "")[:10])
    except ValueError:
        day = EPOCH  # the triggers' julianday() is NULL for text that is not a date: day 0
    return (day_number(day) << RID_BITS) | rid


def rid_of(rowid: int) -> int:
    return rowid & RID_MASK


def day_of(rowid: int) -> int:
    return rowid >> RID_BITS


def facet_token(kind: str, value: str | None) -> str:
    """The facets-column token of a filter value, as the migration's triggers write it."""
    return kind + (value or "").encode("utf-8").hex().lower()


_INDEX_ROWS = (
    "SELECT (max(0, coalesce(CAST(julianday(coalesce(published, substr(collected_at, 1, 10)))"
    " - 2440587.5 AS INTEGER), 0)) << 32) | rid AS search_rowid,"
    " janalyq_search_terms(title, lang), janalyq_search_terms(body, lang),"
    " 'l' || hex(coalesce(lang, '')) || ' s' || hex(coalesce(site_section, ''))"
    " || ' o' || hex(coalesce(outlet, '')) || ' t' || hex(coalesce(topic, ''))"
    " || ' r' || hex(coalesce(region, '')) FROM articles"
)


def index_queued(db: sqlite3.Connection) -> int:
    """Index the articles the triggers queued (store migration 7), in rowid order; returns how many.

    Ascending rowids let FTS5 keep one pending list for the whole batch instead of flushing a
    segment at every step back in time.  Call it inside the writing transaction.
    """
    queued = db.execute("SELECT count(*) FROM search_queue").fetchone()[0]
    if not queued:
        return 0
    db.execute("INSERT INTO search_fts(rowid, title, body, facets) " + _INDEX_ROWS
               + " WHERE rid IN (SELECT rid FROM search_queue) ORDER BY search_rowid")
    db.execute("DELETE FROM search_queue")
    return queued


def index_plain_queued(db: sqlite3.Connection) -> None:
    """Index the articles queued for articles_fts (store migration 16) in one statement, in rid
    order, and end the transaction's queueing; call it inside the writing transaction."""
    db.execute("INSERT INTO articles_fts(rowid, title, body) SELECT rid, title, body FROM articles"
               " WHERE rid IN (SELECT rid FROM articles_fts_queue) ORDER BY rid")
    db.execute("DELETE FROM articles_fts_queue")
    db.execute("DELETE FROM articles_fts_queueing")


def plain_queue_left(db: sqlite3.Connection) -> bool:
    """Whether a writer committed a mark or queue of articles_fts without `Store.commit`."""
    return db.execute("SELECT 1 FROM articles_fts_queueing UNION ALL SELECT 1 FROM articles_fts_queue"
                      " LIMIT 1").fetchone() is not None


def rebuild(db: sqlite3.Connection) -> int:
    """Re-analyse every article (after an analyzer change); returns the number indexed."""
    db.execute("DELETE FROM search_fts")
    db.execute("DELETE FROM search_queue")
    db.execute("INSERT INTO search_fts(rowid, title, body, facets) " + _INDEX_ROWS + " ORDER BY search_rowid")
    return db.execute("SELECT count(*) FROM search_fts").fetchone()[0]


def stale(db: sqlite3.Connection) -> bool:
    """Whether search_fts was written by another analyzer version than this one's."""
    found = db.execute("SELECT version FROM search_analyzer").fetchone()
    return found is None or found[0] != ANALYZER_VERSION


def refresh(db: sqlite3.Connection) -> int:
    """Re-analyse every article and record this analyzer's version; call it inside a writing
    transaction.  Returns the number indexed."""
    indexed = rebuild(db)
    db.execute("DELETE FROM search_analyzer")
    db.execute("INSERT INTO search_analyzer (version) VALUES (?)", (ANALYZER_VERSION,))
    return indexed

