"""What search asks of the index, on SQLite's FTS5 table or on PostgreSQL's `search_docs`.

engine.py, score.py, termstats.py and browse.py rank, score and pick related articles the same
way on both engines; the few questions they put to the index go through one of these two
classes (`index_of(db)` picks by the connection):

- `keys`: recency keys (index.py) of the rows matching a condition in a key range, newest or
  oldest first, at most `limit`;
- `content`: the analysed title (c0) and body (c1) of some keys, optionally only the rows whose
  title holds one of some terms as text;
- `sample`: how many of the newest `limit` matches there are and the oldest key among them (the
  doc-frequency sample of termstats.py);
- `length_sample`: total length in terms and number of the newest `limit` documents;
- `identity`: what the rarity cache (termstats.py) is keyed by.

The SQLite class sends exactly the SQL search always sent (FTS5 MATCH, rowid ranges,
search_fts_content); the PostgreSQL one the same questions over the tsvector's GIN index and the
`key` primary key, with `tsquery` built from the same condition (expression.py).
"""

from __future__ import annotations

import json
import sqlite3

from janalyq.search.expression import Node
from janalyq.store.dialect import is_postgres

# Terms in a space-separated column, as score.py counts them for BM25 (PostgreSQL's form of the
# SQLite expression in Fts5Index.length_sample).
_PG_LENGTH = "length({c}) - length(replace({c}, ' ', '')) + CASE WHEN {c} = '' THEN 0 ELSE 1 END"


class Fts5Index:
    """SQLite: the FTS5 table `search_fts` (rowid = recency key) and its content table."""

    errors: tuple[type[Exception], ...] = (sqlite3.OperationalError,)

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def keys(self, match: Node | None, low: int, high: int, limit: int | None, newest_first: bool = True) -> list[int]:
        order = "DESC" if newest_first else "ASC"
        if match is None:
            sql, args = f"SELECT rowid FROM search_fts WHERE rowid BETWEEN ? AND ? ORDER BY rowid {order}", [low, high]
        else:
            sql = "SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ?"
            args = [match.fts5(), low, high]
            if limit is not None:
                sql += f" ORDER BY rowid {order}"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [row[0] for row in self.db.execute(sql, args)]

    def content(self, keys: list[int], columns: str, title_has: list[str] | None = None) -> list[tuple]:
        """Read from the index's own copy of the analysed text (FTS5 keeps it in
        `search_fts_content`, columns c0, c1, ... in declaration order).  The keys go in as one
        JSON array: a thousand bound parameters cost more than the lookups themselves."""
        condition = " AND (" + " OR ".join(["instr(c0, ?)"] * len(title_has)) + ")" if title_has else ""
        return self.db.execute(f"SELECT id, {columns} FROM search_fts_content WHERE id IN"
                               f" (SELECT value FROM json_each(?)){condition}",
                               [json.dumps(keys), *(title_has or [])]).fetchall()

    def sample(self, match: Node, limit: int) -> tuple[int, int | None]:
        found, oldest = self.db.execute(
            "SELECT count(*), min(rowid) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ?"
            " ORDER BY rowid DESC LIMIT ?)", (match.fts5(), limit)).fetchone()
        return found, oldest

    def length_sample(self, limit: int, facet_tokens: int) -> float | None:
        """Mean document length of the newest `limit` documents (None when there are none)."""
        row = self.db.execute(
            "SELECT avg(length(c0) - length(replace(c0, ' ', '')) + (c0 != '')"
            " + length(c1) - length(replace(c1, ' ', '')) + (c1 != '') + ?)"
            " FROM (SELECT c0, c1 FROM search_fts_content ORDER BY id DESC LIMIT ?)", (facet_tokens, limit)).fetchone()
        return row[0]

    def identity(self) -> str:
        """The database file ("" for an in-memory database, which is never shared)."""
        return self.db.execute("PRAGMA database_list").fetchone()[2]


# Matches read through the word index before walking the key index instead (PgIndex._ends): 20
# per result wanted, so that the walk, when it comes, reads at most about 1/20 of the rows; and
# a small ask (the 50 related articles on each side of an article) never reads thousands.
WORD_INDEX_PER_RESULT = 20
WORD_INDEX_CAP = 20_000


class PgIndex:
    """PostgreSQL: `search_docs` (key = recency key, c0, c1, terms under a GIN index)."""

    def __init__(self, db) -> None:
        import psycopg  # only a PostgreSQL store loads it

        self.db = db
        self.errors = (psycopg.errors.SyntaxError, psycopg.errors.ProgramLimitExceeded)

    def keys(self, match: Node | None, low: int, high: int, limit: int | None, newest_first: bool = True) -> list[int]:
        where, args = "key BETWEEN ? AND ?", [low, high]
        if match is not None:
            where += " AND terms @@ CAST(? AS tsquery)"
            args.append(match.tsquery())
        if limit is None:
            return [row[0] for row in self.db.execute(f"SELECT key FROM search_docs WHERE {where}", args)]
        if match is None:
            return self._walk(where, args, limit, newest_first)
        return self._ends(where, args, limit, newest_first)

    def _walk(self, where: str, args: list, limit: int, newest_first: bool) -> list[int]:
        order = "DESC" if newest_first else "ASC"
        return [row[0] for row in self.db.execute(
            f"SELECT key FROM search_docs WHERE {where} ORDER BY key {order} LIMIT ?", [*args, limit])]

    def _ends(self, where: str, args: list, limit: int, newest_first: bool) -> list[int]:
        """The newest (or oldest) `limit` matches, by whichever way is cheaper for this query.

        PostgreSQL's planner guesses how many rows a text query matches from each word's
        frequency and takes words and filters as independent: an English word with the Kazakh
        filter looks common, so it walks the key index newest first checking every row, and
        where nothing matches it reads the whole table (1.6 to 2.4 s at 45k articles).  So the
        word index is asked first, alone (only a bitmap scan allowed), for at most
        `WORD_INDEX_CAP` matches: fewer means these are all of them, and the ends are sorted
        here; as many means the query is common, its newest matches are dense, and the key walk
        finds them after a bounded number of rows (about limit x rows / cap).  The cap grows with
        `limit`: the related articles of an article page ask for 50 in a window of days, where
        reading 20,000 matches first made the page take a second at 1M articles."""
        cap = min(WORD_INDEX_CAP, WORD_INDEX_PER_RESULT * limit)
        found = self._word_index_only(f"SELECT key FROM search_docs WHERE {where} LIMIT ?", [*args, cap])
        if len(found) < cap:
            return sorted(found, reverse=newest_first)[:limit]
        return self._walk(where, args, limit, newest_first)

    def _word_index_only(self, sql: str, args: list) -> list[int]:
        self.db.execute("SET enable_seqscan = off")
        self.db.execute("SET enable_indexscan = off")
        try:
            return [row[0] for row in self.db.execute(sql, args)]
        finally:
            self.db.execute("RESET enable_seqscan")
            self.db.execute("RESET enable_indexscan")

    def content(self, keys: list[int], columns: str, title_has: list[str] | None = None) -> list[tuple]:
        condition = " AND (" + " OR ".join(["strpos(c0, ?) > 0"] * len(title_has)) + ")" if title_has else ""
        return self.db.execute(f"SELECT key, {columns} FROM search_docs WHERE key = ANY(?){condition}",
                               [list(keys), *(title_has or [])]).fetchall()

    def sample(self, match: Node, limit: int) -> tuple[int, int | None]:
        newest = self._ends("terms @@ CAST(? AS tsquery)", [match.tsquery()], limit, True)
        return len(newest), (min(newest) if newest else None)

    def length_sample(self, limit: int, facet_tokens: int) -> float | None:
        # Summed as integers and divided here: the same float as SQLite's avg() of the same rows.
        total, n = self.db.execute(
            f"SELECT sum({_PG_LENGTH.format(c='c0')} + {_PG_LENGTH.format(c='c1')} + ?), count(*)"
            " FROM (SELECT c0, c1 FROM search_docs ORDER BY key DESC LIMIT ?) AS newest",
            (facet_tokens, limit)).fetchone()
        return total / n if n else None

    def identity(self) -> str:
        return self.db.url


def index_of(db) -> Fts5Index | PgIndex:
    """The search index of a connection's store."""
    return PgIndex(db) if is_postgres(db) else Fts5Index(db)
