"""Search that understands Kazakh (both scripts, inflected forms), Russian and English.

`analyzer` turns text into terms (the same for indexing and for queries), `index` keeps them in
an FTS5 table next to the articles, `query` turns user text into a safe MATCH expression,
`engine.search` ranks matches by relevance and recency (BM25 from `score`, with term rarities
from `termstats`), `snippet` highlights them, and `browse` lists articles the way the portal
shows them.
"""

from janalyq.search.analyzer import index_terms, normalize, query_variants, term
from janalyq.search.engine import Filters, Hit, SearchResult, search

__all__ = ["Filters", "Hit", "SearchResult", "index_terms", "normalize", "query_variants", "search", "term"]
