"""Summary figures of a store: articles by language, outlet, month, section; rejects by reason."""

from __future__ import annotations

from janalyq.store.dialect import json_items
from janalyq.store.sqlite import Store


def _group(store: Store, column: str, limit: int = 30) -> list[tuple[str, int]]:
    rows = store.rows(
        f"SELECT coalesce({column}, '(none)') AS k, count(*) AS n FROM articles GROUP BY k ORDER BY n DESC, k LIMIT ?",
        (limit,),
    )
    return [(r["k"], r["n"]) for r in rows]


def store_stats(store: Store) -> dict:
    return {
        "articles": store.scalar("SELECT count(*) FROM articles"),
        "copies_merged": store.scalar("SELECT coalesce(sum(duplicates), 0) FROM articles"),
        "by_lang": _group(store, "lang"),
        "by_outlet": _group(store, "outlet"),
        "by_month": _group(store, "substr(published, 1, 7)", limit=24),
        "by_section": _group(store, "site_section"),
        "flags": [(r["value"], r["n"]) for r in store.rows(
            f"SELECT j.value, count(*) AS n FROM articles, {json_items(store.db, 'articles.flags')} AS j"
            " GROUP BY j.value ORDER BY n DESC, j.value")],
        "rejects_by_reason": [(r["reason"], r["n"]) for r in store.rows(
            "SELECT reason, count(*) AS n FROM rejects GROUP BY reason ORDER BY n DESC, reason LIMIT 30")],
        "runs": store.scalar("SELECT count(*) FROM runs"),
    }
