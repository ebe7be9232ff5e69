"""How an `Article` maps to a row of `articles` and back (the store's column conventions:
ISO 8601 text for days and moments, JSON for flags, paragraphs joined by blank lines)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from janalyq.article import Article

__all__ = ["article_values", "iso_text", "row_to_article"]


def iso_text(value: dt.date | None) -> str | None:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat() if value else None


def article_values(article: Article) -> tuple:
    collected = article.collected_at or dt.datetime.now(dt.timezone.utc)
    return (
        article.id, article.url, article.source_url, article.outlet, article.lang, article.title,
        int(article.title_derived), iso_text(article.published), article.body_text, article.site_section,
        collected.isoformat(timespec="seconds"),
    )


def moment_of_text(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None


def row_to_article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], url=row["url"], source_url=row["source_url"], outlet=row["outlet"],
        lang=row["lang"], title=row["title"], title_derived=bool(row["title_derived"]),
        published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
        published_at=moment_of_text(row["published_at"]) if "published_at" in row.keys() else None,
        body=[p for p in row["body"].split("\n\n") if p], site_section=row["site_section"],
        collected_at=dt.datetime.fromisoformat(row["collected_at"]),
        content_hash=row["content_hash"], flags=set(json.loads(row["flags"])),
        lang_confidence=row["lang_confidence"], duplicates=row["duplicates"],
    )
