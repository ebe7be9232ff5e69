"""BM25 relevance of search candidates, computed here instead of by FTS5's `bm25()`.

The same code scores on SQLite and on PostgreSQL: it reads the analysed title and body each
index keeps (backend.py), so a document scores the same on both.

FTS5's `bm25()` pays for the rarity of every query term with a walk over the term's whole doclist
on each query (see termstats.py), which on a million articles is most of a search's time.  Here
the same formula is applied to the candidates the index returned (the newest matches, see
engine.py), in two steps:

1. every candidate gets a title score from its analysed title terms (short, cheap to read): BM25
   with the exact title term counts, the body assumed to hold each query word once and the length
   assumed average (titles that cannot lift a candidate into the best `EXACT`, being too old for
   it whatever they hold, are not read: see engine.rank);
2. the best `EXACT` candidates of step 1 are scored exactly: term counts in title and body and
   the document's length, as FTS5 would count them.

Results are the exact-scored candidates, best first, then the others in step-1 order.  Step 1
decides which articles reach the first pages, and the title is where relevance shows most (a
title hit weighs `TITLE_WEIGHT` body hits).

Each quoted term sequence of the match expression is one BM25 phrase, as in FTS5: the variants of
a query word in each language (see analyzer.py) are separate phrases with their own rarity.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from janalyq.search import termstats
from janalyq.search.backend import index_of
from janalyq.search.expression import AnyOf, Columns, Phrase
from janalyq.search.index import FACET_TOKENS, day_of

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 8.0
EXACT = 100
FTS_ENTRIES_PER_ROW = 30


@dataclass(frozen=True)
class Group:
    """One query word or quoted phrase: the term sequences it may be indexed as (one per language)."""
    variants: tuple[tuple[str, ...], ...]


def _padded(terms: str) -> str:
    """Terms separated by two spaces, so that " t " counts adjacent repeats too."""
    return "  " + terms.replace(" ", "  ") + "  " if terms else ""


def _needle(phrase: tuple[str, ...]) -> str:
    return " " + "  ".join(phrase) + " "


def _saturate(weighted_hits: float, length_ratio: float) -> float:
    return weighted_hits * (K1 + 1) / (weighted_hits + K1 * (1 - B + B * length_ratio))


def content(db: sqlite3.Connection, rowids: list[int], columns: str, title_has: list[str] | None = None) -> list[tuple]:
    """(key, analysed columns...) of some rows of the index ("c0" the title, "c1" the body);
    with `title_has`, only the rows whose analysed title holds one of those texts."""
    return index_of(db).content(rowids, columns, title_has)


class Scorer:
    def __init__(self, db: sqlite3.Connection, groups: list[Group]):
        self.db = db
        self.groups = groups
        self.stats = termstats.term_stats(db)
        self.idf = {v: self.stats.idf(db, v) for g in groups for v in g.variants}
        self.needles = {v: _needle(v) for v in self.idf}
        # The readings of each word that some document holds (most words exist in one language
        # only); all of them when none seems to (rarities may lag behind the newest articles).
        self.present = [tuple(v for v in g.variants if self.stats.doc_frequency(db, v)) or g.variants
                        for g in groups]
        # Step-1 scores known without reading a title: no query word in it, every word in it once;
        # and no document can score more than `ceiling` (saturation tends to K1 + 1).
        self.body_only = sum(min(self.idf[v] for v in present) for present in self.present) * _saturate(1, 1.0)
        self.all_in_title = sum(min(self.idf[v] for v in present) for present in self.present) * \
            _saturate(TITLE_WEIGHT + 1, 1.0)
        self.ceiling = sum(max(self.idf[v] for v in present) for present in self.present) * (K1 + 1)

    def _title_score(self, padded_title: str) -> float:
        """Step-1 score: exact title counts, each word once in the body where not in the title."""
        total = 0.0
        for group, present in zip(self.groups, self.present):
            in_title = [(v, padded_title.count(self.needles[v])) for v in group.variants]
            if any(hits for _, hits in in_title):
                total += sum(self.idf[v] * _saturate(TITLE_WEIGHT * hits + 1, 1.0) for v, hits in in_title if hits)
            else:  # only in the body: count the commoner reading (the likelier one, and the lower score)
                total += min(self.idf[v] for v in present) * _saturate(1, 1.0)
        return total

    def title_hits(self, rowids: list[int]) -> dict[int, float]:
        """Step-1 scores of the candidates (newest first) with a query word in the title; the
        others score `body_only`.  Only those are read and counted (see `_with_title_hits`)."""
        if not self.groups or not rowids:
            return {}
        return {rowid: self._title_score(_padded(title)) for rowid, title in self._with_title_hits(rowids)}

    def _with_title_hits(self, rowids: list[int]) -> list[tuple[int, str]]:
        """(rowid, analysed title) of the candidates with a query term in the title, found the
        cheaper of two ways: the index's title matches over the candidates' time span, when the
        query's terms are rare enough there that their doclists are short (FTS_ENTRIES_PER_ROW
        entries walked cost about one row read: candidates of a rare word are scattered over
        years, one page read each); otherwise a substring test on every candidate's title."""
        low, high = rowids[-1], rowids[0]  # newest first
        phrases = [v for present in self.present for v in present]
        share = self.stats.share_between(self.db, day_of(low), day_of(high))
        entries = share * sum(self.stats.doc_frequency(self.db, v) for v in phrases)
        if entries <= FTS_ENTRIES_PER_ROW * len(rowids):
            in_title = Columns("title", AnyOf(tuple(Phrase(v) for v in phrases)))
            candidates = set(rowids)
            hits = [key for key in index_of(self.db).keys(in_title, low, high, None) if key in candidates]
            return content(self.db, hits, "c0")
        first_terms = list(dict.fromkeys(phrase[0] for phrase in phrases))
        return content(self.db, rowids, "c0", first_terms)

    def exact_scores(self, rowids: list[int]) -> dict[int, float]:
        """Step 2: BM25 as FTS5 computes it, from the analysed title and body of each row."""
        if not self.groups:
            return dict.fromkeys(rowids, 0.0)
        average = self.stats.average_length(self.db)
        scores = dict.fromkeys(rowids, 0.0)  # a row removed since the index listed it scores nothing
        for rowid, title, body in content(self.db, rowids, "c0, c1"):
            length = _length(title) + _length(body) + FACET_TOKENS
            padded_title, padded_body = _padded(title or ""), _padded(body or "")
            total = 0.0
            for phrase, needle in self.needles.items():
                hits = TITLE_WEIGHT * padded_title.count(needle) + padded_body.count(needle)
                if hits:
                    total += self.idf[phrase] * _saturate(hits, length / average)
            scores[rowid] = total
        return scores


def _length(terms: str | None) -> int:
    return terms.count(" ") + 1 if terms else 0
