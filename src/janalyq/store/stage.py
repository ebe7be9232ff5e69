"""The store stage: insert a new article, or merge a copy into the article it duplicates.

The kept text is the most complete copy, whatever the order the copies arrive in: a better
copy replaces the stored text (the id stays), a worse one only fills fields the stored one
lacks.  Ties go to the copy with the smaller input URL, so that importing files one at a time,
in any order, ends with the same articles as importing them all at once.
"""

from __future__ import annotations

import hashlib
import re

from janalyq.article import Article, StageCounts
from janalyq.dedup import Match, Signature, completeness
from janalyq.search.index import PRECOMPUTED_TERMS
from janalyq.store.sqlite import Store

_FRAGMENT = re.compile(r"^(?P<base>.*?)(?:#(?P<n>\d+))?$")


def url_order(url: str) -> tuple[str, int]:
    match = _FRAGMENT.match(url)
    return match.group("base"), int(match.group("n") or 0)


def is_better(candidate: Article, current: Article) -> bool:
    mine, theirs = completeness(candidate), completeness(current)
    if mine != theirs:
        return mine > theirs
    return url_order(candidate.url) < url_order(current.url)


def new_id(sig: Signature, store: Store) -> str:
    article_id = hashlib.blake2b(sig.identity.encode(), digest_size=8).hexdigest()
    if store.id_exists(article_id):
        # Same title and date (or same source) but a different text: a different article.
        article_id = hashlib.blake2b(f"{sig.identity}|{sig.exact_key}".encode(), digest_size=8).hexdigest()
    return article_id


def _fill_missing(target: Article, donor: Article) -> bool:
    changed = False
    for name in ("published", "source_url", "outlet", "site_section"):
        if getattr(target, name) is None and getattr(donor, name) is not None:
            setattr(target, name, getattr(donor, name))
            changed = True
    # The time only with its own day: a copy dated otherwise is not this article's moment.
    if (target.published_at is None and donor.published_at is not None
            and target.published == donor.published):
        target.published_at = donor.published_at
        changed = True
    return changed


def store_stage(article: Article, sig: Signature, match: Match | None, store: Store,
                counts: StageCounts, enrichment: dict | None = None) -> int:
    """Store a new article (with `enrichment` columns, if known) or merge a copy; returns its rid."""
    counts.seen += 1
    if match is None:
        article.id = new_id(sig, store)
        if article.search_terms is not None:
            PRECOMPUTED_TERMS[(article.title, article.lang)] = article.search_terms[0]
            PRECOMPUTED_TERMS[(article.body_text, article.lang)] = article.search_terms[1]
        rid = store.insert_article(article, enrichment)
        counts.kept += 1
    else:
        rid = match.rid
        current = store.load_article(rid)
        if is_better(article, current):
            article.id = current.id
            _fill_missing(article, current)
            store.replace_content(rid, article)
            counts.repair("replaced_by_more_complete_copy")
        elif _fill_missing(current, article):
            store.replace_content(rid, current)
            counts.repair("filled_from_copy")
        counts.repair(f"merged_{match.reason}_copy")
    keys = [sig.exact_key] + ([sig.source_key] if sig.source_key is not None else [])
    store.add_keys(rid, keys, sig.bands)
    store.add_sighting(rid, article, first=match is None)
    return rid
