"""Full-text search: analysed query -> FTS5 -> relevance with recency -> highlighted hits.

Ranking.  FTS5's BM25 scores each match, with title words weighted `TITLE_WEIGHT` times body
words; the score is then divided by (1 + age / `RECENCY_DAYS`), age counted in days from the
newest match, so that of two equally relevant articles the newer comes first and an article
three months older needs twice the relevance.

Bounded work.  Matches are read newest first (the FTS rowid is a recency key, see index.py) and
at most `CANDIDATES` of them are ranked, plus as many of the newest title matches: a query that
matches a large part of a million-article store costs the same as one that matches a thousand,
and the result says that the count is a lower bound ("1000+").  Filters (language, section,
outlet) are FTS terms and date ranges are rowid ranges, so they narrow the candidates inside the
index instead of being applied after it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from janalyq.search import query as q
from janalyq.search.index import RID_BITS, day_of, facet_token, rid_of, rowid_ceiling, rowid_floor
from janalyq.search.snippet import Segments, highlight, snippet

CANDIDATES = 1000
TITLE_WEIGHT = 8.0
RECENCY_DAYS = 90.0
SUMMARY_COLUMNS = ("rid, id, lang, title, published, outlet, site_section, source_url, duplicates,"
                   " substr(body, 1, 600) AS lead")


@dataclass(frozen=True)
class Filters:
    lang: str | None = None
    section: str | None = None
    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def facet_tokens(self) -> list[str]:
        tokens = []
        for kind, value in (("l", self.lang), ("s", self.section), ("o", self.outlet)):
            if value is not None:
                tokens.append(facet_token(kind, value))
        return tokens

    def rowid_range(self) -> tuple[int, int]:
        low = rowid_floor(self.since) if self.since else 0
        high = rowid_ceiling(self.until) if self.until else (1 << 62)
        return low, high


@dataclass
class Hit:
    article: dict
    score: float
    title: Segments
    snippet: Segments


@dataclass
class SearchResult:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    total_is_lower_bound: bool = False
    page: int = 1
    per_page: int = 20
    searched: bool = False  # False when the query had nothing to search for

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _candidates(db: sqlite3.Connection, match: str, bounds: tuple[int, int]) -> list[tuple[int, float]]:
    sql = ("SELECT rowid, bm25(search_fts, ?, 1.0, 0.0) FROM search_fts WHERE search_fts MATCH ?"
           " AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?")
    return db.execute(sql, (TITLE_WEIGHT, match, bounds[0], bounds[1], CANDIDATES)).fetchall()


def rank(candidates: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """(rowid, final score), best first: BM25 relevance divided by an age penalty."""
    if not candidates:
        return []
    newest = max(day_of(rowid) for rowid, _ in candidates)
    scored = []
    for rowid, bm25 in candidates:
        age = newest - day_of(rowid)
        scored.append((rowid, -bm25 / (1.0 + age / RECENCY_DAYS)))
    scored.sort(key=lambda item: (-item[1], -item[0]))
    return scored


def fetch_summaries(db: sqlite3.Connection, rids: list[int]) -> dict[int, dict]:
    if not rids:
        return {}
    marks = ",".join("?" * len(rids))
    rows = db.execute(f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE rid IN ({marks})", rids).fetchall()
    return {row["rid"]: dict(row) for row in rows}


def search(db: sqlite3.Connection, text: str | None, filters: Filters = Filters(), page: int = 1,
           per_page: int = 20) -> SearchResult:
    """One page of results for a user's query; never raises on odd input."""
    parsed = q.parse(text)
    result = SearchResult(query=q.clean_text(text), page=page, per_page=per_page)
    text_part = q.text_expression(parsed)
    facets = q.facet_expression(filters.facet_tokens())
    if text_part is None and not (facets or filters.since or filters.until):
        return result
    match = q.combine(text_part, facets)
    bounds = filters.rowid_range()
    try:
        if match is None:
            found = _newest_by_date(db, bounds)
        else:
            found = _candidates(db, match, bounds)
            if len(found) >= CANDIDATES and text_part is not None:
                titles = q.combine(q.text_expression(parsed, columns="title"), facets)
                known = {rowid for rowid, _ in found}
                found += [c for c in _candidates(db, titles, bounds) if c[0] not in known]
    except sqlite3.OperationalError:
        # The expression is built from quoted terms only; this is a guard, not a code path.
        return result
    result.searched = True
    ranked = rank(found)
    result.total = len(ranked)
    result.total_is_lower_bound = len(found) >= CANDIDATES
    start = (page - 1) * per_page
    page_rows = ranked[start:start + per_page]
    summaries = fetch_summaries(db, [rid_of(rowid) for rowid, _ in page_rows])
    hit_terms = parsed.all_terms()
    for rowid, score in page_rows:
        article = summaries.get(rid_of(rowid))
        if article is None:
            continue
        lead = article.pop("lead") or ""
        result.hits.append(Hit(article, round(score, 4), highlight(article["title"], hit_terms, article["lang"]),
                               snippet(lead if not hit_terms else _body(db, article["rid"]), hit_terms,
                                       article["lang"])))
    return result


def _body(db: sqlite3.Connection, rid: int) -> str:
    row = db.execute("SELECT body FROM articles WHERE rid = ?", (rid,)).fetchone()
    return row[0] if row else ""


def _newest_by_date(db: sqlite3.Connection, bounds: tuple[int, int]) -> list[tuple[int, float]]:
    """Only a date range, no words or facets: the newest articles of the range."""
    rows = db.execute("SELECT rowid FROM search_fts WHERE rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?",
                      (bounds[0], bounds[1], CANDIDATES)).fetchall()
    return [(row[0], 0.0) for row in rows]


__all__ = ["Filters", "Hit", "SearchResult", "search", "rank", "RID_BITS"]
