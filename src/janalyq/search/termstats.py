"""How common a search term is: document frequencies for BM25, at a bounded cost per term.

FTS5's own `bm25()` counts, for every query term, all the documents that contain it before it
scores a single row: on a million articles a common word ("жыл", "new") costs a walk over a
doclist of hundreds of thousands of entries, on every query.  Relevance only needs the rarity of
a term roughly, so here it is estimated from the newest matches instead: the newest
`SAMPLE` documents that contain the term are read (newest first is the FTS rowid order, see
index.py); if there are fewer, the count is exact, otherwise the term's share of the documents
published since the oldest of them, times the size of the store, estimates its frequency.
For news this also follows what is common now, not three years ago.

Estimates are cached per database file for `TTL_SECONDS`: a term's frequency moves slowly, and a
stale estimate only shifts scores a little, never what matches.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import sqlite3
import threading
import time

from janalyq.search.index import EPOCH, day_of

SAMPLE = 500
TTL_SECONDS = 600.0
MAX_CACHED_TERMS = 100_000
_lock = threading.Lock()
_caches: dict[str, "_Cache"] = {}


class _Cache:
    def __init__(self) -> None:
        self.created = time.monotonic()
        self.days: list[str] | None = None  # publication days, ascending
        self.newer: list[int] = []  # newer[i]: documents published on days[i] or later
        self.total = 0
        self.docs: dict[tuple[str, ...], float] = {}
        self.average_length: float | None = None


def _database_file(db: sqlite3.Connection) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return row[2] if row else ""


def _cache(db: sqlite3.Connection) -> _Cache:
    path = _database_file(db)
    with _lock:
        cache = _caches.get(path)
        if cache is None or not path or time.monotonic() - cache.created > TTL_SECONDS:
            cache = _caches[path] = _Cache()  # an in-memory database ("") is never reused
        return cache


def _load_days(db: sqlite3.Connection, cache: _Cache) -> None:
    rows = db.execute("SELECT value, sum(n) FROM facet_counts WHERE facet = 'day' GROUP BY value"
                      " ORDER BY value").fetchall()
    dated = [(day, n) for day, n in rows if day]
    cache.total = sum(n for _, n in rows)
    cache.days = [day for day, _ in dated]
    running, newer = 0, []
    for _, n in reversed(dated):
        running += n
        newer.append(running)
    cache.newer = newer[::-1]


def _published_since(cache: _Cache, day: str) -> int:
    assert cache.days is not None
    at = bisect.bisect_left(cache.days, day)
    return cache.newer[at] if at < len(cache.newer) else 0


def total_docs(db: sqlite3.Connection) -> int:
    cache = _cache(db)
    if cache.days is None:
        _load_days(db, cache)
    return cache.total


def _quoted(terms: tuple[str, ...]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in terms) + '"'


def doc_frequency(db: sqlite3.Connection, phrase: tuple[str, ...]) -> float:
    """Documents containing the phrase (a sequence of index terms): exact when rare, else estimated."""
    cache = _cache(db)
    known = cache.docs.get(phrase)
    if known is not None:
        return known
    if cache.days is None:
        _load_days(db, cache)
    found, oldest = db.execute(
        "SELECT count(*), min(rowid) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
        " ORDER BY rowid DESC LIMIT ?)", ("{title body} : " + _quoted(phrase), SAMPLE)).fetchone()
    estimate = float(found)
    if found >= SAMPLE:
        since = (EPOCH + dt.timedelta(days=day_of(oldest))).isoformat()
        published = max(_published_since(cache, since), found)
        estimate = found * cache.total / published
    if len(cache.docs) >= MAX_CACHED_TERMS:
        cache.docs.clear()
    cache.docs[phrase] = estimate
    return estimate


def average_length(db: sqlite3.Connection) -> float:
    """Mean document length in index terms (all columns, as FTS5 counts it), from the newest
    `SAMPLE` documents."""
    cache = _cache(db)
    if cache.average_length is None:
        row = db.execute(
            "SELECT avg(length(c0) - length(replace(c0, ' ', '')) + (c0 != '')"
            " + length(c1) - length(replace(c1, ' ', '')) + (c1 != '') + 3)"
            " FROM (SELECT c0, c1 FROM search_fts_content ORDER BY id DESC LIMIT ?)", (SAMPLE,)).fetchone()
        cache.average_length = float(row[0] or 1.0)
    return cache.average_length


def idf(db: sqlite3.Connection, phrase: tuple[str, ...]) -> float:
    """BM25 inverse document frequency, floored as FTS5 floors it (a term in most documents
    still counts a little)."""
    total = total_docs(db)
    docs = doc_frequency(db, phrase)
    return max(1e-6, math.log((total - docs + 0.5) / (docs + 0.5)))
