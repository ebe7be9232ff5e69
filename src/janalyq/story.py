"""Stories: the Kazakh, Russian and English reports of one event, across outlets, share a story.

Linking is incremental: a new article is compared with a few candidates and either joins the
story of the best one or starts its own.  Candidates never come from all pairs; they come from
blocking keys kept in the store (`story_keys`), each valid only inside a date window:

- the gov.kz release (entity and numeric id) or the source URL, whatever the language;
- approximate nearest neighbours: random-hyperplane hashes of the centred embedding, in bands;
- rare facts: informative numbers ("87.15%", "12482613") and people (surname skeletons).

A candidate is scored on the embedding similarity as a margin over the article's background
(its similarity to unrelated labelled texts: the model's cosines are compressed, so a raw cosine
means little), on the title words that translate or are shared (`janalyq.lexicon`), on shared
numbers, places and people, and on the distance in days.  Conflicting places or numbers count
against: two meetings about the Constitution in two cities on two days are two stories however
alike their words.  A story is judged whole (`choose_story`).  The store side is
`janalyq.story_index`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

import numpy as np

from janalyq.dedup import canonical_source, key64
from janalyq.entities import Entities
from janalyq.lexicon import Words
from janalyq.story_pairs import (LINK_SCORE, MIN_MARGIN, ORG_WEIGHT, SAME_WORDS_NEUTRAL,  # noqa: F401 (part of this module's API)
                                 SAME_WORDS_WEIGHT, TRANSLATION_NEUTRAL, TRANSLATION_WEIGHT, Facts, PairEvidence,
                                 best_score_from_keys, evidence, pair_score)

WINDOW_DAYS = 3
LSH_BANDS, LSH_BITS, LSH_SEED = 40, 5, 20260321
ROWS_PER_KEY = 40  # nearest rows in time read per blocking key, on each side of the day


MERGE_EXTRA = 1.0
_RELEASE = re.compile(r"gov\.kz/memleket/entities/(?P<entity>[\w.-]+)/press/\w+/details/(?P<id>\d+)", re.I)


@lru_cache(maxsize=1 << 14)
def publisher(outlet: str | None, source_url: str | None, url: str | None) -> str | None:
    """Who published an article: its outlet, else the host of its source link or of the page it
    was read from (files name no publisher)."""
    if outlet:
        return outlet.lower()
    for link in (source_url, url):
        if link and link.startswith(("http://", "https://")):
            host = (urlsplit(link).hostname or "").removeprefix("www.")
            if host:
                return host
    return None


@lru_cache(maxsize=1 << 14)
def release_key(source_url: str | None) -> str | None:
    """The same publication whatever language page links to it: gov.kz entity + id, or the URL."""
    if not source_url:
        return None
    match = _RELEASE.search(source_url)
    if match:
        return f"rel|{match.group('entity').lower()}|{match.group('id')}"
    canonical = canonical_source(source_url)
    if not canonical:
        return None
    return "src|" + re.sub(r"(?:[?&])lang=\w*", "", canonical)


class Hyperplanes:
    """Random-hyperplane LSH over centred embeddings: nearby vectors share some band keys."""

    def __init__(self, dim: int, bands: int = LSH_BANDS, bits: int = LSH_BITS, seed: int = LSH_SEED):
        rng = np.random.default_rng(seed)
        self.planes = rng.standard_normal((bands * bits, dim)).astype(np.float32)
        self.bands, self.bits = bands, bits
        self._weights = 1 << np.arange(bits)

    def keys(self, centred: np.ndarray) -> list[str]:
        signs = (self.planes @ centred > 0).reshape(self.bands, self.bits)
        codes = signs @ self._weights
        return [f"lsh|{band}|{int(code)}" for band, code in enumerate(codes)]


@dataclass
class StoryItem:
    """What linking knows about one article."""

    rid: int
    article_id: str
    lang: str | None
    outlet: str | None  # who published it: see `publisher`
    day: int  # date ordinal: published, else collected
    release: str | None
    entities: Entities
    vector: np.ndarray | None = None  # raw (not centred) embedding
    background: tuple[float, float] = (0.0, 1.0)  # mean and spread of unrelated similarities
    story_id: str | None = None
    keys: list[str] = field(default_factory=list)
    words: Words | None = None  # the title's stems and names (`janalyq.lexicon`)
    _hashed: tuple[list[str], list[int]] | None = field(default=None, repr=False)
    _facts: tuple[Entities, Facts] | None = field(default=None, repr=False, compare=False)

    @property
    def facts(self) -> Facts:
        """The entities as `evidence` compares them, worked out once per set of entities: the
        new article is compared with dozens of candidates."""
        if self._facts is None or self._facts[0] is not self.entities:
            self._facts = (self.entities, Facts.of(self.entities))
        return self._facts[1]

    @property
    def key_ids(self) -> list[int]:
        """The keys as stored (64-bit hashes), distinct and sorted; hashed once per set of keys."""
        if self._hashed is None or self._hashed[0] != self.keys:
            self._hashed = (list(self.keys), sorted({key64(k) for k in self.keys}))
        return self._hashed[1]


def blocking_keys(item: StoryItem, lsh_keys: list[str]) -> list[str]:
    keys = list(lsh_keys)
    if item.release:
        keys.append(item.release)
    keys += [f"num|{n}" for n in sorted(item.entities.numbers)]
    keys += [f"per|{p}" for p in sorted(item.entities.people)]
    return keys


MIN_KEYS_WITHOUT_VECTORS = next(n for n in range(1, 50) if best_score_from_keys(n) >= LINK_SCORE)


@dataclass
class LinkResult:
    story_id: str
    joined: bool
    reason: str  # new, release, similar
    score: float = 0.0
    merged: list[str] = field(default_factory=list)  # other stories this article showed to be the same
    # (member, partner): members that go back to stories of their own, leaving their partner
    displaced: list[tuple[StoryItem, StoryItem]] = field(default_factory=list)


CORE_MEMBERS = 8  # a story holds at most this many versions (3 languages, a few outlets)
CORE_SLACK = 3.0  # how far under LINK_SCORE the other members in other languages may be
CLEAR_LINK_SCORE, CLEAR_GAP = 2.0, 2.5  # see `_clear_enough`


def choose_story(item: StoryItem, candidates: list[StoryItem], centre_fn, more_members=None,
                 centre_rows=None) -> LinkResult:
    """The story the item joins, or a new one.

    `candidates` are the articles found by the blocking keys; `more_members(story_ids, rids)`
    gives the other members of those stories (all members must already be among the
    candidates when it is None).  A story is judged as a whole, never through one member: the
    item must reach `LINK_SCORE` with one member and come close to it with the others, every
    member must be within `WINDOW_DAYS` of the item, and a story of `CORE_MEMBERS` is full.  So
    an article that shares one official's name with one member of a story cannot pull in the
    rest, and stories cannot chain unrelated events or grow without bound.
    `centre_fn(vector, lang)` removes the language offset from an embedding; `centre_rows(matrix,
    lang)`, when given, does the same to a matrix of them at once (with the same numbers).
    """
    scorer = _PairScorer(item, centre_fn, centre_rows)
    scorer.prepare(candidates)
    if more_members is not None:
        # Only stories that one of their members already makes possible are read whole: in a
        # dense store most candidates are far from any link, and their stories cost nothing.
        hopeful = {c.story_id for c in candidates if c.story_id and scorer.score(c)[0] >= CLEAR_LINK_SCORE}
        members = more_members(hopeful, {c.rid for c in candidates})
        scorer.prepare(members)
        candidates = candidates + members
    groups: dict[str, list[StoryItem]] = {}
    for other in candidates:
        if other.story_id is not None:
            groups.setdefault(other.story_id, []).append(other)
    by_story, best_elsewhere, displaced = _judge_stories(item, scorer, groups)
    ranked = sorted(by_story.items(), key=lambda kv: (-kv[1][0], kv[0]))
    if not ranked or not _clear_enough(ranked[0], best_elsewhere):
        return LinkResult(item.article_id, False, "new")
    story_id, (score, found) = ranked[0]
    reason = "release" if found.same_release else "similar"
    return LinkResult(story_id, True, reason, round(score, 3), _mergeable(item, ranked, groups),
                      [displaced[story_id]] if story_id in displaced else [])


def _judge_stories(item: StoryItem, scorer: _PairScorer, groups: dict[str, list[StoryItem]]):
    """Per story the item could join: (best pair score, its evidence); the item's best pair
    score in every story; and the member each joinable story would give up to the item."""
    by_story: dict[str, tuple[float, PairEvidence]] = {}
    best_elsewhere: dict[str, float] = {}  # the item's best pair score in each story
    displaced: dict[str, tuple[StoryItem, StoryItem]] = {}
    for story_id, members in groups.items():
        scored = sorted(((*scorer.score(m), m) for m in members), key=lambda p: -p[0])
        best, found, closest = scored[0]
        best_elsewhere[story_id] = best
        if best < CLEAR_LINK_SCORE or len(members) >= CORE_MEMBERS \
                or any(abs(m.day - item.day) > WINDOW_DAYS for m in members):
            continue
        rival = _rival(item, closest, members) if len(members) == 2 else None
        if rival is not None and best > _pair(closest, scorer.centred(closest), rival, scorer.centred(rival))[0]:
            # The item's closest member was linked to an article in the item's own language
            # that fits it less well (it came first, before its own version): the item takes
            # its place, and the other goes back to a story of its own.
            by_story[story_id] = (best, found)
            displaced[story_id] = (rival, closest)
        elif all(score >= (LINK_SCORE if m.lang == item.lang else LINK_SCORE - CORE_SLACK)
                 for score, _, m in scored[1:]):
            by_story[story_id] = (best, found)
    return by_story, best_elsewhere, displaced


def _mergeable(item: StoryItem, ranked: list, groups: dict[str, list[StoryItem]]) -> list[str]:
    """Other stories the item joins with a clear margin, which merge into its story (`ranked[0]`).

    Only stories in other languages merge: two stories in one language are two events that one
    article resembles, and merging them is how unrelated stories used to snowball."""
    story_id = ranked[0][0]
    room = CORE_MEMBERS - 1 - len(groups[story_id])
    langs = {item.lang, *(m.lang for m in groups[story_id])}
    merged = []
    for other, (other_score, _) in ranked[1:]:
        other_langs = {m.lang for m in groups[other]}
        if other_score >= LINK_SCORE + MERGE_EXTRA and len(groups[other]) <= room and not other_langs & langs:
            merged.append(other)
            room -= len(groups[other])
            langs |= other_langs
    return merged


def _clear_enough(chosen: tuple[str, tuple[float, PairEvidence]], best_elsewhere: dict[str, float]) -> bool:
    """A link at `LINK_SCORE` or above; or, down to `CLEAR_LINK_SCORE`, a story that the item
    fits better than any other by `CLEAR_GAP` (in a dense stream the right version is usually
    the clear best long before it is a sure one: on real kk/en headlines this rule took the
    links from 0.75 to 0.87 of true pairs, for 1 more wrong link in 70 arrivals)."""
    story_id, (score, _) = chosen
    if score >= LINK_SCORE:
        return True
    runner_up = max((s for other, s in best_elsewhere.items() if other != story_id), default=float("-inf"))
    return score >= CLEAR_LINK_SCORE and score - runner_up >= CLEAR_GAP


def _rival(item: StoryItem, closest: StoryItem, members: list[StoryItem]) -> StoryItem | None:
    """In a story of two, the member other than `closest` when it has the item's language."""
    other = members[0] if members[1] is closest else members[1]
    return other if other.lang == item.lang and closest.lang != item.lang else None


def _centred(item: StoryItem, centre_fn):
    return centre_fn(item.vector, item.lang) if item.vector is not None else None


class _PairScorer:
    """The item's pair scores, each candidate's computed once (with its centred vector)."""

    def __init__(self, item: StoryItem, centre_fn, centre_rows=None):
        self.item, self.centre_fn, self.centre_rows = item, centre_fn, centre_rows
        self.own = _centred(item, centre_fn)
        self._centred: dict[int, object] = {}
        self._scores: dict[int, tuple[float, PairEvidence]] = {}

    def prepare(self, others: list[StoryItem]) -> None:
        """The centred vectors of `others`, one call per language instead of one per article."""
        if self.centre_rows is None:
            return
        by_lang: dict[str | None, list[StoryItem]] = {}
        for other in others:
            if other.vector is not None and other.rid not in self._centred:
                by_lang.setdefault(other.lang, []).append(other)
        for lang, group in by_lang.items():
            rows = self.centre_rows(np.stack([other.vector for other in group]), lang)
            for other, row in zip(group, rows):
                self._centred[other.rid] = row

    def centred(self, other: StoryItem):
        if other.rid not in self._centred:
            self._centred[other.rid] = _centred(other, self.centre_fn)
        return self._centred[other.rid]

    def score(self, other: StoryItem) -> tuple[float, PairEvidence]:
        if other.rid not in self._scores:
            self._scores[other.rid] = _pair(self.item, self.own, other, self.centred(other))
        return self._scores[other.rid]


def _pair(item: StoryItem, own, other: StoryItem, theirs) -> tuple[float, PairEvidence]:
    found = evidence(item, other, own, theirs)
    same_lang = item.lang == other.lang
    same_outlet = same_lang and item.outlet is not None and item.outlet == other.outlet
    return pair_score(found, same_lang, same_outlet, item.outlet != other.outlet), found
