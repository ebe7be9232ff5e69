"""How common a search term is: document frequencies for BM25, at a bounded cost per term.

FTS5's own `bm25()` counts, for every query term, all the documents that contain it before it
scores a single row: on a million articles a common word ("жыл", "new") costs a walk over a
doclist of hundreds of thousands of entries, on every query.  Relevance only needs the rarity of
a term roughly, so here it is estimated from the newest matches instead: the newest `SAMPLE`
documents that contain the term are read (newest first is the FTS rowid order, see index.py);
if there are fewer, the count is exact, otherwise the term's share of the documents published
since the oldest of them, times the size of the store, estimates its frequency.  For news this
also follows what is common now, not three years ago.

The same figures come from SQLite's FTS5 table and PostgreSQL's search_docs (backend.py).
Estimates are cached per database (file or address), and dropped after `TTL_SECONDS` or as soon as the store
has grown by more than `GROWTH` (a store that starts empty and fills up must not keep the rarities
of its first articles).  A stale estimate only shifts scores a little, never what matches.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import sqlite3
import threading
import time

from janalyq.search.backend import index_of
from janalyq.search.expression import Columns, Phrase
from janalyq.search.index import EPOCH, FACET_TOKENS, day_of

SAMPLE = 500
TTL_SECONDS = 600.0
GROWTH = 0.01
MAX_CACHED_TERMS = 100_000
_lock = threading.Lock()
_cached: dict[str, "TermStats"] = {}


class TermStats:
    """Rarity figures of one store, filled lazily; get one with `term_stats(db)`."""

    def __init__(self, top_rid: int) -> None:
        self.created = time.monotonic()
        self.top_rid = top_rid  # the store's size when these figures were taken
        self._days: list[str] | None = None  # publication days, ascending
        self._newer: list[int] = []  # _newer[i]: documents published on _days[i] or later
        self._total = 0
        self._docs: dict[tuple[str, ...], float] = {}
        self._average_length: float | None = None

    def is_current(self, top_rid: int) -> bool:
        grown = top_rid - self.top_rid
        return time.monotonic() - self.created <= TTL_SECONDS and 0 <= grown <= GROWTH * self.top_rid

    def _load_days(self, db: sqlite3.Connection) -> None:
        rows = db.execute("SELECT value, sum(n) FROM facet_counts WHERE facet = 'day' GROUP BY value"
                          " ORDER BY value").fetchall()
        dated = [(day, n) for day, n in rows if day]
        running, newer = 0, []
        for _, n in reversed(dated):
            running += n
            newer.append(running)
        self._total = sum(n for _, n in rows)
        self._newer = newer[::-1]
        self._days = [day for day, _ in dated]

    def total(self, db: sqlite3.Connection) -> int:
        if self._days is None:
            self._load_days(db)
        return self._total

    def share_between(self, db: sqlite3.Connection, first_day: int, last_day: int) -> float:
        """Share of the store's documents published from `first_day` to `last_day` (day numbers)."""
        total = self.total(db)
        if not total:
            return 0.0
        first = (EPOCH + dt.timedelta(days=first_day)).isoformat()
        after = (EPOCH + dt.timedelta(days=last_day + 1)).isoformat()
        return (self._published_since(first) - self._published_since(after)) / total

    def _published_since(self, day: str) -> int:
        at = bisect.bisect_left(self._days or [], day)
        return self._newer[at] if at < len(self._newer) else 0

    def doc_frequency(self, db: sqlite3.Connection, phrase: tuple[str, ...]) -> float:
        """Documents containing the phrase (a sequence of index terms): exact when rare, else estimated."""
        known = self._docs.get(phrase)
        if known is not None:
            return known
        total = self.total(db)
        found, oldest = index_of(db).sample(Columns("{title body}", Phrase(phrase)), SAMPLE)
        estimate = float(found)
        if found >= SAMPLE:
            since = (EPOCH + dt.timedelta(days=day_of(oldest))).isoformat()
            estimate = found * total / max(self._published_since(since), found)
        if len(self._docs) >= MAX_CACHED_TERMS:
            self._docs.clear()
        self._docs[phrase] = estimate
        return estimate

    def idf(self, db: sqlite3.Connection, phrase: tuple[str, ...]) -> float:
        """BM25 inverse document frequency, floored as FTS5 floors it (a term in most documents
        still counts a little)."""
        total = self.total(db)
        docs = self.doc_frequency(db, phrase)
        return max(1e-6, math.log((total - docs + 0.5) / (docs + 0.5)))

    def average_length(self, db: sqlite3.Connection) -> float:
        """Mean document length in index terms (all columns, as FTS5 counts it), from the newest
        `SAMPLE` documents."""
        if self._average_length is None:
            self._average_length = float(index_of(db).length_sample(SAMPLE, FACET_TOKENS) or 1.0)
        return self._average_length


def term_stats(db: sqlite3.Connection) -> TermStats:
    """The store's rarity figures, cached for its database while they are current."""
    path = index_of(db).identity()
    top_rid = db.execute("SELECT coalesce(max(rid), 0) FROM articles").fetchone()[0]
    with _lock:
        stats = _cached.get(path)
        if stats is None or not stats.is_current(top_rid):
            stats = TermStats(top_rid)
            if path:  # an in-memory database ("") is never shared
                _cached[path] = stats
        return stats


def clear() -> None:
    """Forget every cached figure (benchmarks compare estimates with exact counts)."""
    with _lock:
        _cached.clear()
