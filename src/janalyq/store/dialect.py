"""Where PostgreSQL's SQL differs from SQLite's: the one place that knows.

janalyq's queries are written once, in the SQL the two engines share, with SQLite's `?` marks.
On PostgreSQL every statement goes through `postgres_sql` first (store/pg_connection.py calls
it, and caches the result):

- `?` marks outside quoted text become psycopg's `%s`, and a literal `%` is doubled; numbered
  marks (`?1`) become one `%s` per use, with the order of the arguments to pass; named marks
  (`:name`, with a dict of arguments) become `%(name)s`;
- `INSERT OR IGNORE` becomes `INSERT ... ON CONFLICT DO NOTHING`, and `INSERT OR REPLACE` an
  upsert on the table's key (`KEYS`);
- `BEGIN IMMEDIATE` / `BEGIN DEFERRED` become `BEGIN`;
- SQLite's null-safe `a IS NOT b` (b not NULL, TRUE or FALSE) becomes `a IS DISTINCT FROM b`;
- an INSERT into a table whose key the database assigns returns it, so the cursor's
  `lastrowid` is what SQLite's would be;
- ORDER BY a nullable column gets SQLite's NULL placement (NULLs are the smallest value: first
  ascending, last descending), so listings come in the same order on both engines.  The
  PostgreSQL indexes on those columns are declared `NULLS FIRST` to serve these orders.

Text compares byte-wise on both: the PostgreSQL schema gives every text column the "C" collation
(store/migrations_pg.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Keys of the tables that `INSERT OR REPLACE` writes: the conflict target of the upsert.
KEYS = {
    "article_vectors": ("rid",),
    "http_validators": ("url",),
    "deferred_indexes": ("name",),
}
# Tables whose integer key the database assigns: an INSERT returns it (the cursor's lastrowid).
ASSIGNED_KEYS = {"articles": "rid", "runs": "id", "crawl_passes": "id", "fetch_log": "id"}
# Columns that may be NULL and that listings sort on (see the module's docstring).
NULLABLE_ORDER_COLUMNS = {"published", "published_at", "lang", "outlet", "site_section", "topic",
                          "region", "story_id", "last_success_at", "last_attempt_at"}

_INSERT_OR = re.compile(r"^\s*INSERT\s+OR\s+(IGNORE|REPLACE)\s+INTO\s+(\w+)\s*(\(([^)]*)\))?", re.I)
_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.I)
_BEGIN = re.compile(r"^\s*BEGIN\s+(IMMEDIATE|DEFERRED|EXCLUSIVE)\b", re.I)
_IS_NOT_VALUE = re.compile(r"\bIS\s+NOT\s+(?!NULL\b|TRUE\b|FALSE\b|UNKNOWN\b|DISTINCT\b)", re.I)


@lru_cache(maxsize=4096)
def postgres_sql(sql: str, returning: bool = True) -> tuple[str, tuple[int, ...] | None, bool]:
    """(PostgreSQL text, argument order or None when the arguments go in as given, whether the
    statement returns the key it assigned).  `returning=False` for executemany."""
    sql = _BEGIN.sub("BEGIN", sql)
    sql = _IS_NOT_VALUE.sub("IS DISTINCT FROM ", sql)
    text, order = _marks(sql)
    text = _order_nulls(text)
    upserted = _insert_or(text)
    if upserted != text or not returning:
        return upserted, order, False
    with_key = _returning(text)
    return with_key, order, with_key != text


def _marks(sql: str) -> tuple[str, tuple[int, ...] | None]:
    out: list[str] = []
    order: list[int] = []
    numbered = False
    i, n, quote = 0, len(sql), ""
    while i < n:
        ch = sql[i]
        if quote:
            out.append("%%" if ch == "%" else ch)  # psycopg reads %-marks inside literals too
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "%":
            out.append("%%")
        elif ch == ":" and _named_mark(sql, i):  # sqlite3's `:name`, for a dict of arguments
            j = i + 1
            while j < n and (sql[j].isalnum() or sql[j] == "_"):
                j += 1
            out.append(f"%({sql[i + 1:j]})s")
            i = j
            continue
        elif ch == "?":
            j = i + 1
            while j < n and sql[j].isdigit():
                j += 1
            if j > i + 1:
                numbered = True
                order.append(int(sql[i + 1:j]) - 1)
            else:
                order.append(len(order) if not numbered else _next_plain(order))
            out.append("%s")
            i = j
            continue
        else:
            out.append(ch)
        i += 1
    return "".join(out), tuple(order) if numbered else None


def _named_mark(sql: str, i: int) -> bool:
    """A `:name` mark, not a `::type` cast."""
    after = sql[i + 1] if i + 1 < len(sql) else ""
    return (after.isalpha() or after == "_") and (i == 0 or sql[i - 1] != ":")


def _next_plain(order: list[int]) -> int:
    """SQLite gives a plain `?` after numbered ones the number after the largest so far."""
    return max(order) + 1 if order else 0


def _insert_or(sql: str) -> str:
    found = _INSERT_OR.match(sql)
    if found is None:
        return sql
    verb, table = found.group(1).upper(), found.group(2)
    head = f"INSERT INTO {table}" + (f" ({found.group(4)})" if found.group(3) else "")
    rest = sql[found.end():].rstrip().rstrip(";")
    if verb == "IGNORE":
        return f"{head}{rest} ON CONFLICT DO NOTHING"
    keys = KEYS[table]
    columns = [c.strip() for c in (found.group(4) or "").split(",") if c.strip()]
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in keys)
    action = f"DO UPDATE SET {updates}" if updates else "DO NOTHING"
    return f"{head}{rest} ON CONFLICT ({', '.join(keys)}) {action}"


def _returning(sql: str) -> str:
    found = _INSERT.match(sql)
    if found is None or "RETURNING" in sql.upper() or "ON CONFLICT" in sql.upper():
        return sql
    key = ASSIGNED_KEYS.get(found.group(1).lower())
    return f"{sql.rstrip().rstrip(';')} RETURNING {key}" if key else sql


_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.I)
_CLAUSE_END = re.compile(r"\b(LIMIT|OFFSET|UNION|FOR)\b", re.I)


def _order_nulls(sql: str) -> str:
    """SQLite's NULL placement on ORDER BY terms that name a nullable column."""
    if not _ORDER_BY.search(sql):
        return sql
    out, pos = [], 0
    for found in _ORDER_BY.finditer(sql):
        if found.start() < pos:
            continue
        end = _clause_end(sql, found.end())
        out.append(sql[pos:found.end()])
        out.append(",".join(_term_nulls(term) for term in _split_terms(sql[found.end():end])))
        pos = end
    out.append(sql[pos:])
    return "".join(out)


def _clause_end(sql: str, start: int) -> int:
    depth = 0
    for i in range(start, len(sql)):
        ch = sql[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i
            depth -= 1
        elif depth == 0 and _CLAUSE_END.match(sql, i) and (i == 0 or not sql[i - 1].isalnum()):
            return i
    return len(sql)


def _split_terms(clause: str) -> list[str]:
    terms, depth, current = [], 0, []
    for ch in clause:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            terms.append("".join(current))
            current = []
        else:
            current.append(ch)
    terms.append("".join(current))
    return terms


def _term_nulls(term: str) -> str:
    words = term.split()
    bare_column = 1 <= len(words) <= 2 and (len(words) == 1 or words[1].upper() in ("ASC", "DESC"))
    if not bare_column or words[0].lower() not in NULLABLE_ORDER_COLUMNS:
        return term
    trailing = term[len(term.rstrip()):]
    descending = len(words) > 1 and words[-1].upper() == "DESC"
    return term.rstrip() + (" NULLS LAST" if descending else " NULLS FIRST") + trailing


def is_postgres_url(db: str | None) -> bool:
    return bool(db) and str(db).startswith(("postgresql://", "postgres://"))


def is_postgres(db) -> bool:
    """Whether a connection is a PostgreSQL one (store/pg_connection.py)."""
    return getattr(db, "is_postgres", False)


def table_names(db) -> set[str]:
    """The tables of the store (SQLite's sqlite_master, PostgreSQL's catalog)."""
    if is_postgres(db):
        return {row[0] for row in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
    return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def json_items(db, column: str) -> str:
    """A table expression of the items of a JSON array column, each as `value`."""
    if is_postgres(db):
        return f"json_array_elements_text({column}::json)"
    return f"json_each({column})"


def table_columns(db, table: str) -> list[str]:
    """The columns of a table, in their order (`janalyq store copy` matches them by name)."""
    if is_postgres(db):
        return [row[0] for row in db.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = CAST(? AS regclass) AND attnum > 0"
            " AND NOT attisdropped ORDER BY attnum", (table,))]
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def primary_key(db, table: str) -> list[str]:
    """The columns of a table's primary key, in key order ([] when it has none)."""
    if is_postgres(db):
        return [row[0] for row in db.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid"
            " AND a.attnum = ANY(i.indkey) WHERE i.indrelid = CAST(? AS regclass) AND i.indisprimary"
            " ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)", (table,))]
    rows = [row for row in db.execute(f"PRAGMA table_info({table})") if row[5]]
    return [row[1] for row in sorted(rows, key=lambda row: row[5])]
