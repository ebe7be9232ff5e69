"""How the search index lives in PostgreSQL (the counterpart of index.py's FTS5 table).

`search_docs` holds, per article, what `search_fts` holds on SQLite: the recency key (`key`,
see index.py), the analysed title (`c0`) and body (`c1`) and the facet tokens.  `terms` is a
`tsvector` of those same terms with their positions (title first, then body, then facets, a
gap between them so that a phrase never spans two), weighted A for the title, B for the body
and C for facets, under a GIN index: PostgreSQL's own text search matches janalyq's terms as
they are, without a dictionary of its own (the query side builds `tsquery` from the same
terms, see expression.py).  A term is cut into lexemes where FTS5's unicode61 tokenizer cuts it
(`lexemes`: "don't" is two words to FTS5), so that the two indexes match the same phrases.

PostgreSQL cannot call the Python analyzer from a trigger, so the triggers only queue the
changed articles (`search_queue`, as on SQLite since migration 7) and the store indexes the
queue at commit, in the same transaction (`index_queued`).
"""

from __future__ import annotations

import re

from janalyq.search.analyzer import index_terms
from janalyq.search.index import ANALYZER_VERSION, PRECOMPUTED_TERMS, facet_token, recency_key

MAX_POSITION = 16383  # PostgreSQL keeps positions up to this; later ones are stored as this
MAX_POSITIONS_PER_TERM = 255
MAX_LEXEME_BYTES = 2046
MAX_TSVECTOR_BYTES = 1_000_000  # PostgreSQL refuses a tsvector of 1 MB or more: lexemes past it are left out
# What FTS5's unicode61 tokenizer keeps in a token: letters, numbers, private-use characters.
_TOKEN = re.compile(r"(?:[^\W_]|[\ue000-\uf8ff])+")
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


def lexemes(term: str) -> list[str]:
    """The words FTS5 sees in one analysed term (almost always the term itself)."""
    if term.isalnum():
        return [term]
    return _TOKEN.findall(term)


def tsvector_text(title_terms: str, body_terms: str, facets: str) -> str:
    """The tsvector literal of an article's terms: each lexeme with its positions and weight."""
    positions: dict[str, list[str]] = {}
    position = 0
    for terms, weight in ((title_terms, "A"), (body_terms, "B"), (facets, "C")):
        for term in terms.split():
            for lexeme in lexemes(term):
                position += 1
                if len(lexeme.encode()) > MAX_LEXEME_BYTES:
                    continue
                seen = positions.setdefault(lexeme, [])
                if len(seen) < MAX_POSITIONS_PER_TERM:
                    seen.append(f"{min(position, MAX_POSITION)}{weight}")
        position += _GAP
    return _within_limit(positions)


def _within_limit(positions: dict[str, list[str]]) -> str:
    """The literal, without the body lexemes that would take it past PostgreSQL's size limit (an
    article of a hundred thousand distinct words): title and facet lexemes are kept first."""
    def cost(lexeme: str, marks: list[str]) -> int:
        return len(lexeme.encode()) + 2 * len(marks) + 8  # more than PostgreSQL stores

    if sum(cost(lexeme, marks) for lexeme, marks in positions.items()) < MAX_TSVECTOR_BYTES:
        return " ".join(f"{_quoted(lexeme)}:{','.join(marks)}" for lexeme, marks in positions.items())
    first = sorted(positions.items(), key=lambda item: not any(m[-1] in "AC" for m in item[1]))
    kept, budget = [], MAX_TSVECTOR_BYTES
    for lexeme, marks in first:
        budget -= cost(lexeme, marks)
        if budget <= 0:
            break
        kept.append(f"{_quoted(lexeme)}:{','.join(marks)}")
    return " ".join(kept)


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
