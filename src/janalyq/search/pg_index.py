"""How the search index lives in PostgreSQL (the counterpart of index.py's FTS5 table).

`search_docs` holds, per article, what `search_fts` holds on SQLite: the recency key (`key`,
see index.py), the analysed title (`c0`) and body (`c1`) and the facet tokens.  `terms` is a
`tsvector` of those same terms with their positions (title first, then body, then facets, a
gap between them so that a phrase never spans two), weighted A for the title, B for the body
and C for facets, under a GIN index: PostgreSQL's own text search matches janalyq's terms as
they are, without a dictionary of its own (the query side builds `tsquery` from the same
terms, see pg_search.py).

PostgreSQL cannot call the Python analyzer from a trigger, so the triggers only queue the
changed articles (`search_queue`, as on SQLite since migration 7) and the store indexes the
queue at commit, in the same transaction (`index_queued`).
"""

from __future__ import annotations

from janalyq.search.index import ANALYZER_VERSION, PRECOMPUTED_TERMS, facet_token, recency_key
from janalyq.search.analyzer import index_terms

MAX_POSITION = 16383  # PostgreSQL keeps positions up to this; later ones are stored as this
MAX_POSITIONS_PER_TERM = 255
MAX_LEXEME_BYTES = 2046
_GAP = 2
_QUEUED_ROWS = ("SELECT rid, title, body, lang, site_section, outlet, topic, region, published, collected_at"
                " FROM articles WHERE rid IN (SELECT rid FROM search_queue) ORDER BY rid")
_INSERT = ("INSERT INTO search_docs(key, rid, c0, c1, facets, terms) VALUES (?, ?, ?, ?, ?, CAST(? AS tsvector))"
           " ON CONFLICT (rid) DO UPDATE SET key = excluded.key, c0 = excluded.c0, c1 = excluded.c1,"
           " facets = excluded.facets, terms = excluded.terms")


def _terms(text: str | None, lang: str | None) -> str:
    found = PRECOMPUTED_TERMS.get((text, lang))
    return found if found is not None else index_terms(text, lang)


def facets_of(lang, section, outlet, topic, region) -> str:
    return " ".join(facet_token(kind, value) for kind, value in
                    (("l", lang), ("s", section), ("o", outlet), ("t", topic), ("r", region)))


def _quoted(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_text(title_terms: str, body_terms: str, facets: str) -> str:
    """The tsvector literal of an article's terms: each term with its positions and weight."""
    positions: dict[str, list[str]] = {}
    position = 0
    for terms, weight in ((title_terms, "A"), (body_terms, "B"), (facets, "C")):
        for term in terms.split():
            position += 1
            if len(term.encode()) > MAX_LEXEME_BYTES:
                continue
            seen = positions.setdefault(term, [])
            if len(seen) < MAX_POSITIONS_PER_TERM:
                seen.append(f"{min(position, MAX_POSITION)}{weight}")
        position += _GAP
    return " ".join(f"{_quoted(term)}:{','.join(marks)}" for term, marks in positions.items())


def document(row) -> tuple:
    """The search_docs row of an articles row (rid, title, body, lang, section, outlet, topic,
    region, published, collected_at)."""
    rid, title, body, lang, section, outlet, topic, region, published, collected_at = row
    title_terms, body_terms = _terms(title, lang), _terms(body, lang)
    facets = facets_of(lang, section, outlet, topic, region)
    return (recency_key(published, collected_at, rid), rid, title_terms, body_terms, facets,
            tsvector_text(title_terms, body_terms, facets))


def index_queued(db) -> int:
    """Index the queued articles; call inside the writing transaction.  Returns how many."""
    rows = db.execute(_QUEUED_ROWS).fetchall()
    if rows:
        db.executemany(_INSERT, [document(row) for row in rows])
    db.execute("DELETE FROM search_queue")
    return len(rows)


def stale(db) -> bool:
    found = db.execute("SELECT version FROM search_analyzer").fetchone()
    return found is None or found[0] != ANALYZER_VERSION


def refresh(db) -> int:
    """Re-analyse every article and record this analyzer's version; call inside a writing
    transaction.  Returns the number indexed."""
    db.execute("DELETE FROM search_docs")
    db.execute("INSERT INTO search_queue(rid) SELECT rid FROM articles ON CONFLICT DO NOTHING")
    indexed = index_queued(db)
    db.execute("DELETE FROM search_analyzer")
    db.execute("INSERT INTO search_analyzer (version) VALUES (?)", (ANALYZER_VERSION,))
    return indexed
