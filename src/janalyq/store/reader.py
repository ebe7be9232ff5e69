"""A read-only view of a store for the worker processes of an import.

A worker embeds the articles of its file before the storing process decides which of them are
new.  An article whose copy is already committed (a re-import, a copy of an article stored
earlier in the run) will be merged into that copy, and its embedding would be thrown away: the
worker asks this view first and leaves such articles to the storing process, which embeds them
itself should one turn out to be new after all.  The view sees committed batches only; any
failure to read answers "not known", which costs an embedding and nothing else.
"""

from __future__ import annotations

import sqlite3
from urllib.parse import quote

from janalyq.article import Article
from janalyq.dedup import Signature, find_duplicate
from janalyq.store import keys as key_tables
from janalyq.store.dialect import is_postgres_url


class StoreReader(key_tables.DedupLookups):
    def __init__(self, path: str):
        if is_postgres_url(path):
            from janalyq.store.pg_connection import PgConnection
            self.db = PgConnection(path)
        else:
            self.db = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, check_same_thread=False)
        self.two_level_keys = key_tables.has_recent_tables(self.db)

    def knows(self, article: Article, sig: Signature) -> bool:
        """Whether the storing process will find this article already stored (seen at this URL,
        or an exact, same-release or near copy of a stored article)."""
        try:
            if self.db.execute("SELECT 1 FROM sightings WHERE url = ? AND content_hash = ?",
                               (article.url, article.content_hash)).fetchone():
                return True
            return find_duplicate(article, sig, self) is not None
        except Exception:  # noqa: BLE001 (sqlite3's or psycopg's: either way, "not known")
            return False


_READERS: dict[str, StoreReader | None] = {}


def reader_for(path: str) -> StoreReader | None:
    """One view per store and process; None when the store cannot be opened read-only."""
    if path not in _READERS:
        try:
            _READERS[path] = StoreReader(path)
        except Exception:  # noqa: BLE001 (sqlite3's or psycopg's: no view, every article embedded)
            _READERS[path] = None
    return _READERS[path]
