"""Full-text search: analysed query -> index -> relevance with recency -> highlighted hits.

The index is SQLite's FTS5 table or PostgreSQL's tsvector under a GIN index (backend.py); the
candidates, their scores and so the results are the same on both.

Ranking.  Each candidate's BM25 relevance (score.py: title words weigh `TITLE_WEIGHT` times body
words) is divided by (1 + age / `RECENCY_DAYS`), age counted in days from the newest match, so
that of two equally relevant articles the newer comes first and an article three months older
needs twice the relevance.

Bounded work.  Matches are read newest first (the FTS rowid is a recency key, see index.py) and
at most `CANDIDATES` of them are ranked, plus as many of the newest title matches older than
those, from the last `TITLE_PASS_DAYS` before the newest match (further back the age penalty
divides a score by 4 or more, about twice what a title hit adds over a body hit, so such matches
rank below the newest ones; and walking the index back for them was the slowest part of a
search).  A query that matches a large part of a million-article store costs the same as one
that matches a thousand, and the result says that the count is a lower bound ("1000+").
Filters (language, section, outlet, topic, region) are index terms and date ranges are key ranges, so
they narrow the candidates inside the index instead of being applied after it.  The index only lists
keys; relevance is computed outside it (FTS5 would otherwise count every document of every query term
first, score.py), from the analysed text both indexes keep.
"""

from __future__ import annotations

import datetime as dt
import heapq
import sqlite3
from dataclasses import dataclass, field

from janalyq.search import query as q
from janalyq.search.backend import index_of
from janalyq.search.expression import Node
from janalyq.search.index import RID_BITS, day_of, facet_token, rid_of, rowid_ceiling, rowid_floor
from janalyq.search.score import EXACT, TITLE_WEIGHT, Group, Scorer
from janalyq.search.snippet import Segments, highlight, snippet

CANDIDATES = 1000
RECENCY_DAYS = 90.0
TITLE_PASS_DAYS = 3 * int(RECENCY_DAYS)
SUMMARY_COLUMNS = ("rid, id, lang, title, published, published_at, outlet, site_section, source_url, duplicates,"
                   " story_id, topic, region,"
                   " substr(body, 1, 600) AS lead")


@dataclass(frozen=True)
class Filters:
    lang: str | None = None
    section: str | None = None
    outlet: str | None = None
    topic: str | None = None
    region: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None

    def facet_tokens(self) -> list[str]:
        tokens = []
        for kind, value in (("l", self.lang), ("s", self.section), ("o", self.outlet), ("t", self.topic),
                            ("r", self.region)):
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


def _candidates(db: sqlite3.Connection, match: Node | None, bounds: tuple[int, int]) -> list[int]:
    """Keys of the newest matches, newest first (the index walks its rows in this order); with
    no condition (only a date range), the newest articles of the range."""
    return index_of(db).keys(match, bounds[0], bounds[1], CANDIDATES)


def _recency(rowids: list[int], scores: dict[int, float], newest: int) -> list[tuple[int, float]]:
    return [(rowid, scores[rowid] / (1.0 + (newest - day_of(rowid)) / RECENCY_DAYS)) for rowid in rowids]


def _best_first(scored: list[tuple[int, float]]) -> list[tuple[int, float]]:
    return sorted(scored, key=lambda item: (-item[1], -item[0]))


def rank(db: sqlite3.Connection, newest_matches: list[int], title_matches: list[int],
         groups: list[Group]) -> list[tuple[int, float]]:
    """(rowid, final score), best first: BM25 relevance divided by an age penalty.  The `EXACT`
    best by title score are ranked by their exact score; the rest follow (see score.py)."""
    rowids = newest_matches + title_matches
    if not rowids:
        return []
    newest = max(day_of(rowid) for rowid in rowids)
    scorer = Scorer(db, groups)
    first_pass = [(rowid, 0.0) for rowid in rowids]  # few enough: every candidate is scored exactly
    if len(rowids) > EXACT:
        first = dict.fromkeys(newest_matches, scorer.body_only)
        first.update(dict.fromkeys(title_matches, scorer.all_in_title))
        first.update(scorer.title_hits(_worth_reading(newest_matches, first, scorer.ceiling, newest)))
        first_pass = _best_first(_recency(rowids, first, newest))
    top = [rowid for rowid, _ in first_pass[:EXACT]]
    return _best_first(_recency(top, scorer.exact_scores(top), newest)) + first_pass[EXACT:]


def _worth_reading(newest_matches: list[int], known: dict[int, float], ceiling: float, newest: int) -> list[int]:
    """The newest matches whose title could lift them into the best `EXACT`.  Scores known
    without reading titles are lower bounds, so the `EXACT`-th best of them is a floor of the
    `EXACT`-th best score; a match that would stay under it with the best title possible, being
    older, is left out.  Candidates of a rare word spread over years, and these reads were then
    the slowest part of a search."""
    floor = heapq.nlargest(EXACT, _recency(list(known), known, newest), key=lambda item: item[1])[-1][1]
    if floor <= 0:
        return newest_matches
    reach = RECENCY_DAYS * (ceiling / floor - 1.0)
    return [rowid for rowid in newest_matches if newest - day_of(rowid) <= reach]


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
    text_part = q.text_expression(parsed, lang=filters.lang)  # readings the language cannot hold left out
    facets = q.facet_expression(filters.facet_tokens())
    if text_part is None and not (facets or filters.since or filters.until):
        return result
    match = q.combine(text_part, facets)
    bounds = filters.rowid_range()
    try:
        found = _candidates(db, match, bounds)
        older_titles = []
        if len(found) >= CANDIDATES and text_part is not None:
            # Title matches among the newest matches are candidates already: look further back.
            titles = q.combine(q.text_expression(parsed, columns="title", lang=filters.lang), facets)
            oldest_day = day_of(found[0]) - TITLE_PASS_DAYS
            older_titles = _candidates(db, titles, (max(bounds[0], oldest_day << RID_BITS), found[-1] - 1))
        ranked = rank(db, found, older_titles, q.groups(parsed, filters.lang) if text_part else [])
    except index_of(db).errors:
        # The expression is built from quoted terms only; this is a guard, not a code path.
        return result
    result.searched = True
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


__all__ = ["Filters", "Hit", "SearchResult", "search", "rank", "RID_BITS", "TITLE_WEIGHT"]
