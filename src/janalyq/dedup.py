"""The dedup stage: exact copies, near copies and copies of the same source release collapse.

Three kinds of evidence, checked in order of cost:

1. exact key: a 64-bit hash of the normalised text (case, punctuation and quotes removed, so a
   copy whose quotation marks were stripped is still exact);
2. source key: the same article-specific source URL in the same language;
3. near copy: MinHash over word 3-gram shingles, banded for LSH; a band hit is only a
   candidate, confirmed by the true Jaccard similarity of the two shingle sets.

All keys live in the store (see store.py), so copies are caught across files and across
separate import runs, not only within one page.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import add
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

import rensa

from janalyq.article import Article, StageCounts

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
MINHASH_SEED = 20260221
SHINGLE_WORDS = 3  # shingle_set builds word triples directly
MIN_SHINGLES_FOR_NEAR = 12  # below this, MinHash estimates are noise; exact keys still apply
NEAR_JACCARD = 0.7
BODY_ONLY_WORDS = 30  # bodies this long are identified by their text alone, whatever the title
_MASK63 = (1 << 63) - 1
_NON_WORD = re.compile(r"[^\w\s]+")
# Quote marks and apostrophes vanish rather than become spaces: a copy that lost them
# ("citys", "the Miranda Rule") must normalise to the same words as the original.
_QUOTES = re.compile("[\"'`\u00ab\u00bb\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2039\u203a]")


def normalised_words(text: str) -> list[str]:
    """The words of `normalise_text`, for callers that would split it again."""
    text = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    return _NON_WORD.sub(" ", _QUOTES.sub("", text)).split()


def normalise_text(text: str) -> str:
    """Lowercase, ё as е, punctuation and symbols removed, whitespace collapsed."""
    return " ".join(normalised_words(text))


def key64(text: str) -> int:
    """A stable signed 64-bit key (SQLite INTEGER PRIMARY KEY range)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big") & _MASK63


def canonical_source(url: str | None) -> str | None:
    """The source URL as an identity, or None when it does not name one article.

    Host case, "www.", fragments and tracking parameters do not make a different release; a
    link to a home or section page (no id or slug in its last path segment) identifies nothing.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    segments = [s for s in parts.path.split("/") if s]
    if not host or not segments:
        return None
    last = segments[-1]
    if not (re.search(r"\d", last) or len(last) > 20):
        return None
    query = "&".join(q for q in parts.query.split("&") if q and not q.lower().startswith("utm_"))
    return urlunsplit(("", host, "/" + "/".join(segments), query, ""))


def shingle_list(words: list[str]) -> list[str]:
    """Word triples in text order, repeats included (MinHash does not care about repeats)."""
    if len(words) < SHINGLE_WORDS:
        return [" ".join(words)] if words else []
    # map() over str.__add__ builds the triples about a fifth faster than an f-string per triple.
    spaced = [word + " " for word in words]
    return list(map(add, map(add, spaced, spaced[1:]), words[2:]))


def shingle_set(norm_body: str) -> set[str]:
    return set(shingle_list(norm_body.split()))


_MIX = 0x100000001B3


def band_keys(shingles: Iterable[str]) -> list[int]:
    minhash = rensa.RMinHash(num_perm=NUM_PERM, seed=MINHASH_SEED)
    minhash.update(list(shingles))
    digest = minhash.digest()
    # Per band, a multiply-xor mix of its rows (stable across Python versions, unlike hash() of
    # a tuple).  Plain ints, not numpy: for 64 values numpy's call overhead cost twice the work.
    # Masking the product to 63 bits keeps exactly the low bits that wrapping uint64 would.
    keys = []
    for band in range(BANDS):
        key = band + 1
        for value in digest[band * ROWS:(band + 1) * ROWS]:
            key = ((key * _MIX) ^ value) & _MASK63
        keys.append(key)
    return keys


def _distinct_at_least(items: list[str], count: int) -> bool:
    """`len(set(items)) >= count`, stopping as soon as it is known (a body's first shingles
    usually differ: the set of all of them is seldom needed)."""
    seen: set[str] = set()
    for item in items:
        seen.add(item)
        if len(seen) >= count:
            return True
    return False


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class Signature:
    """Everything dedup needs to know about one article's text, computed once."""

    exact_key: int
    source_key: int | None
    bands: list[int] = field(default_factory=list, repr=False)
    identity: str = ""  # the basis of the article id


def signature(article: Article) -> Signature:
    body_words = normalised_words(article.body_text)
    norm_body = " ".join(body_words)
    norm_title = normalise_text(article.title)
    source = canonical_source(article.source_url)
    if len(body_words) >= BODY_ONLY_WORDS:
        exact_basis = "body|" + norm_body
    else:
        exact_basis = f"short|{norm_title}|{norm_body}|{source or ''}"
    shingles = shingle_list(body_words)
    enough = len(shingles) >= MIN_SHINGLES_FOR_NEAR and _distinct_at_least(shingles, MIN_SHINGLES_FOR_NEAR)
    bands = band_keys(shingles) if enough else []
    source_key = key64(f"src|{article.lang}|{source}") if source else None
    if source:
        identity = f"src|{article.lang}|{source}"
    elif norm_title and not article.title_derived:
        identity = f"title|{article.lang}|{norm_title}|{article.published}"
    else:
        identity = exact_basis
    return Signature(key64(exact_basis), source_key, bands, identity)


def completeness(article: Article) -> tuple:
    """Higher is more complete; the copy with the highest value is the one kept."""
    return (
        not article.is_empty,
        article.published is not None,
        not article.title_derived,
        article.source_url is not None,
        len(article.body_text),
    )


class DedupIndex(Protocol):
    """What dedup asks of the store."""

    def find_key(self, key: int) -> int | None: ...

    def find_bands(self, keys: list[int]) -> list[int]: ...

    def body_of(self, rid: int) -> tuple[str, str | None]: ...


@dataclass
class Match:
    rid: int
    reason: str  # exact | source | near


def find_duplicate(article: Article, sig: Signature, index: DedupIndex) -> Match | None:
    rid = index.find_key(sig.exact_key)
    if rid is not None:
        return Match(rid, "exact")
    if sig.source_key is not None:
        rid = index.find_key(sig.source_key)
        if rid is not None:
            return Match(rid, "source")
    if not sig.bands:
        return None
    candidates = index.find_bands(sig.bands)
    # Shingles are rebuilt only here: band hits are rare, and not carrying the set around keeps
    # the signature small enough to pass cheaply between processes.
    shingles = shingle_set(normalise_text(article.body_text)) if candidates else set()
    for rid in candidates:
        body, lang = index.body_of(rid)
        if lang == article.lang and jaccard(shingles, shingle_set(normalise_text(body))) >= NEAR_JACCARD:
            return Match(rid, "near")
    return None


def dedup_stage(article: Article, sig: Signature, index: DedupIndex, counts: StageCounts) -> Match | None:
    """Find the stored article this one copies, if any; the store stage then merges or inserts.

    The signature is computed beforehand (`signature`), in a worker process when there are many
    files; only the lookups against the store happen here.
    """
    counts.seen += 1
    match = find_duplicate(article, sig, index)
    if match is None:
        counts.kept += 1
    else:
        counts.drop(f"duplicate_{match.reason}")
    return match
