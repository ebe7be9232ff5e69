"""BM25 relevance of search candidates, computed here instead of by FTS5's `bm25()`.

FTS5's `bm25()` pays for the rarity of every query term with a walk over the term's whole doclist
on each query (see termstats.py), which on a million articles is most of a search's time.  Here
the same formula is applied to the candidates the index returned (the newest matches, see
engine.py), in two steps:

1. every candidate gets a title score from its analysed title terms (short, cheap to read): BM25
   with the exact title term counts, the body assumed to hold each query word once and the length
   assumed average;
2. the best `EXACT` candidates of step 1 are scored exactly: term counts in title and body and
   the document's length, as FTS5 would count them.

Results are the exact-scored candidates, best first, then the others in step-1 order.  Step 1
decides which articles reach the first pages, and the title is where relevance shows most (a
title hit weighs `TITLE_WEIGHT` body hits).

Each quoted term sequence of the match expression is one BM25 phrase, as in FTS5: the variants of
a query word in each language (see analyzer.py) are separate phrases with their own rarity.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from janalyq.search import termstats

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 8.0
EXACT = 100
FACET_TOKENS = 3  # the facets column counts in a document's length, as in FTS5


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


def content(db: sqlite3.Connection, rowids: list[int], columns: str, condition: str = "",
            args: list | None = None) -> list[tuple]:
    """Analysed columns of some rows, read from the index's own copy of them (FTS5 keeps the
    indexed text in `<table>_content`, columns c0, c1, ... in declaration order).  The rowids go
    in as one JSON array: a thousand bound parameters cost more than the lookups themselves."""
    return db.execute(f"SELECT id, {columns} FROM search_fts_content WHERE id IN (SELECT value FROM json_each(?))"
                      f"{condition}", [json.dumps(rowids), *(args or [])]).fetchall()


class Scorer:
    def __init__(self, db: sqlite3.Connection, groups: list[Group]):
        self.db = db
        self.groups = groups
        self.idf = {v: termstats.idf(db, v) for g in groups for v in g.variants}
        self.needles = {v: _needle(v) for v in self.idf}

    def _group_score(self, group: Group, padded_title: str | None) -> float:
        """A word's step-1 score; padded_title None: the word is known to be in the title once."""
        if padded_title is None:
            return min(self.idf[v] for v in group.variants) * _saturate(TITLE_WEIGHT + 1, 1.0)
        in_title = [(v, padded_title.count(self.needles[v])) for v in group.variants]
        if any(hits for _, hits in in_title):
            return sum(self.idf[v] * _saturate(TITLE_WEIGHT * hits + 1, 1.0) for v, hits in in_title if hits)
        # Only in the body: count the commoner variant (the likelier one, and the lower score).
        return min(self.idf[v] for v in group.variants) * _saturate(1, 1.0)

    def title_scores(self, rowids: list[int], title_matches: list[int] = ()) -> dict[int, float]:
        """Step 1 for `rowids`, and for `title_matches`, whose titles are known to hold every word.
        Most candidates have no query word in the title: SQLite finds the others (a substring test
        on the title terms), and only those are counted here."""
        body_only = sum(self._group_score(g, "") for g in self.groups)
        scores = dict.fromkeys(rowids, body_only)
        scores.update(dict.fromkeys(title_matches, sum(self._group_score(g, None) for g in self.groups)))
        if not self.groups or not rowids:
            return scores
        first_terms = list(dict.fromkeys(phrase[0] for phrase in self.needles))
        test = " OR ".join(["instr(c0, ?)"] * len(first_terms))
        for rowid, title in content(self.db, rowids, "c0", f" AND ({test})", first_terms):
            padded = _padded(title)
            scores[rowid] = sum(self._group_score(g, padded) for g in self.groups)
        return scores

    def exact_scores(self, rowids: list[int]) -> dict[int, float]:
        """Step 2: BM25 as FTS5 computes it, from the analysed title and body of each row."""
        if not self.groups:
            return dict.fromkeys(rowids, 0.0)
        average = termstats.average_length(self.db)
        scores = {}
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
