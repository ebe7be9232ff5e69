"""Storage of articles.  SQLite is the embedded default."""

from janalyq.store.sqlite import Store, StoreError, row_to_article

__all__ = ["Store", "StoreError", "row_to_article"]
