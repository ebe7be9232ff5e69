"""The random-key tables, `lsh_bands`, `story_keys` and `dedup_keys`, kept in two levels.

Each new article adds about 16 LSH band keys, 18 story keys and 2 dedup keys.  Their values
are hashes, so every key lands on a different page of a large B-tree: in a store of a million
articles a batch of 2,000 articles dirtied some 27 pages per article in these tables alone,
each written to the WAL at commit and again by the checkpoint.

So new keys go first into small tables of the same shape (`*_recent`, migrations 9 and 10),
whose pages stay in the cache, and move to the large tables in key order.  Both levels are in
the same database and are written in the same transaction as the articles the keys belong to,
so a killed run loses nothing, and every lookup reads both levels.

The move is rolling (migration 11): the key space is cut into `MERGE_SLICES` ranges, and
whenever the recent tables hold `MERGE_ROWS` rows, the range whose turn it is moves, which
writes about one page in `MERGE_SLICES` of the large tables.  Moving everything at once did the
same work as one stall of several seconds every ~55,000 articles at a million, which any commit
could draw, a crawler's one-article commit included; now no commit carries more than a range.

An LSH band key or a dedup key belongs to the first article that had it: a key in the recent
table that the large table also holds is ignored by lookups and dropped by the merge, as
`INSERT OR IGNORE` into a single table did.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache

from janalyq.store.dialect import table_names

MERGE_ROWS = 1_000_000  # recent rows (~25 MB of pages) above which the next key range moves
MERGE_SLICES = 16  # key ranges: one move writes ~1/16 of the large tables' pages
_KEY_SPACE = 1 << 63  # keys are 63-bit hashes (dedup.key64, dedup.band_keys)
_MIN_KEY, _MAX_KEY = -(1 << 63), (1 << 63) - 1  # SQLite's INTEGER range

BANDS = "lsh_bands"
RECENT_BANDS = "lsh_bands_recent"
STORY_KEYS = "story_keys"
RECENT_STORY_KEYS = "story_keys_recent"
DEDUP_KEYS = "dedup_keys"
RECENT_DEDUP_KEYS = "dedup_keys_recent"
_LEVELS = ((RECENT_BANDS, BANDS, "key, article_rid"), (RECENT_STORY_KEYS, STORY_KEYS, "key, day, rid"),
           (RECENT_DEDUP_KEYS, DEDUP_KEYS, "key, article_rid"))


def has_recent_tables(db: sqlite3.Connection) -> bool:
    """False only for a store migrated by an older list (tests of the migrations themselves)."""
    names = table_names(db)
    return all(recent in names for recent, _, _ in _LEVELS)


def has_merge_state(db: sqlite3.Connection) -> bool:
    """False only for a store migrated by an older list: its recent tables move all at once."""
    return "key_merge_state" in table_names(db)


def recent_rows(db: sqlite3.Connection) -> int:
    return sum(db.execute(f"SELECT count(*) FROM {recent}").fetchone()[0] for recent, _, _ in _LEVELS)


@lru_cache(maxsize=None)  # three tables, two shapes: built once, used for every article
def insert_sql(large: str, two_levels: bool) -> str:
    """The statement that adds rows to the key table `large`: to its recent level when there are
    two levels.  Parameters: the table's columns, in order."""
    for recent, table, columns in _LEVELS:
        if table == large:
            marks = ", ".join("?" * len(columns.split(",")))
            return f"INSERT OR IGNORE INTO {recent if two_levels else large}({columns}) VALUES ({marks})"
    raise ValueError(f"{large} is not a key table")


def key_lookup_sql(two_levels: bool) -> str:
    """The article of one dedup key (given twice with two levels), the large table's first."""
    if not two_levels:
        return f"SELECT article_rid FROM {DEDUP_KEYS} WHERE key = ?"
    return (f"SELECT article_rid FROM (SELECT article_rid, 0 AS level FROM {DEDUP_KEYS} WHERE key = ?"
            f" UNION ALL SELECT article_rid, 1 FROM {RECENT_DEDUP_KEYS} WHERE key = ?) AS levels ORDER BY level LIMIT 1")


def band_lookup_sql(n_keys: int, two_levels: bool) -> str:
    """(article rid, band keys shared), most shared first, for `n_keys` keys given twice when
    there are two levels.  A recent key counts only when the large table lacks it."""
    marks = ",".join("?" * n_keys)
    rows = f"SELECT article_rid FROM {BANDS} WHERE key IN ({marks})"
    if two_levels:
        rows += (f" UNION ALL SELECT r.article_rid FROM {RECENT_BANDS} r WHERE r.key IN ({marks})"
                 f" AND NOT EXISTS (SELECT 1 FROM {BANDS} m WHERE m.key = r.key)")
    return (f"SELECT article_rid, count(*) AS hits FROM ({rows}) AS shared"
            " GROUP BY article_rid ORDER BY hits DESC, article_rid LIMIT 20")  # ties: the same 20 on both engines


def story_rows_sql(order: str, two_levels: bool) -> str:
    """The rows of one story key in a day range, nearest first: (rid, key), at most `?` of them.
    Parameters: key, low day, high day, own rid (once per level), then the limit."""
    one = "SELECT rid, key, day FROM {table} WHERE key = ? AND day BETWEEN ? AND ? AND rid != ?"
    arms = [one.format(table=STORY_KEYS)]
    if two_levels:
        arms.append(one.format(table=RECENT_STORY_KEYS))
    # rid after day: the order of the (key, day, rid) primary key, so ties fall as they did
    # when there was one table.
    return (f"SELECT rid, key FROM ({' UNION ALL '.join(arms)} ORDER BY day {order}, rid {order} LIMIT ?) AS nearest")


def merge_recent(db: sqlite3.Connection) -> int:
    """Move all the recent keys into the large tables, in key order; returns the rows moved.

    Runs inside the caller's transaction."""
    return sum(merge_slice(db, index) for index in range(MERGE_SLICES))


def slice_bounds(index: int) -> tuple[int, int]:
    """The lowest and highest key of range `index`.  The first and last ranges reach SQLite's
    integer limits, so that together the ranges hold every key, even one outside 63 bits."""
    low = _MIN_KEY if index == 0 else index * _KEY_SPACE // MERGE_SLICES
    high = _MAX_KEY if index == MERGE_SLICES - 1 else (index + 1) * _KEY_SPACE // MERGE_SLICES - 1
    return low, high


def merge_slice(db: sqlite3.Connection, index: int) -> int:
    """Move the recent keys of range `index` into the large tables; returns the rows moved from
    the recent tables (some may be dropped, see the module's note on first articles)."""
    bounds = slice_bounds(index)
    moved = 0
    for recent, large, columns in _LEVELS:
        # A recent table read in primary-key order gives its large table's order.
        db.execute(f"INSERT OR IGNORE INTO {large} ({columns}) SELECT {columns} FROM {recent}"
                   f" WHERE key BETWEEN ? AND ? ORDER BY {columns}", bounds)
        moved += db.execute(f"DELETE FROM {recent} WHERE key BETWEEN ? AND ?", bounds).rowcount
    return moved


def merge_in_turn(db: sqlite3.Connection, recent: int) -> int:
    """Move key ranges in turn, each once at most, until fewer than `MERGE_ROWS` of the `recent`
    rows are left; returns the rows moved.  Runs inside the caller's transaction."""
    if not has_merge_state(db):
        return merge_recent(db)
    index = db.execute("SELECT next_slice FROM key_merge_state").fetchone()[0] % MERGE_SLICES
    moved = 0
    for _ in range(MERGE_SLICES):
        moved += merge_slice(db, index)
        index = (index + 1) % MERGE_SLICES
        if recent - moved < MERGE_ROWS:
            break
    db.execute("UPDATE key_merge_state SET next_slice = ?", (index,))
    return moved


class DedupLookups:
    """What dedup reads of a store: key and LSH band lookups (in one or two key levels) and a
    stored body, over the connection `db` of the class that mixes this in (the store, and the
    workers' read-only view of it)."""

    db: sqlite3.Connection
    two_level_keys: bool

    def find_key(self, key: int) -> int | None:
        args = (key, key) if self.two_level_keys else (key,)
        row = self.db.execute(key_lookup_sql(self.two_level_keys), args).fetchone()
        return row[0] if row else None

    def find_bands(self, keys: list[int]) -> list[int]:
        sql = band_lookup_sql(len(keys), self.two_level_keys)
        return [r[0] for r in self.db.execute(sql, [*keys, *keys] if self.two_level_keys else keys).fetchall()]

    def body_of(self, rid: int) -> tuple[str, str | None]:
        row = self.db.execute("SELECT body, lang FROM articles WHERE rid = ?", (rid,)).fetchone()
        return (row[0], row[1]) if row else ("", None)
