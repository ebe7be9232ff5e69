"""The taxonomy and the text features of the topic stage (`janalyq.topic`).

Topics have names in kk, ru and en (`data/topics.json`), which also lists each topic's keywords
in Kazakh, Russian, English and Latin Kazakh and the topics of outlets.  `keyword_features` turns
a title and lead into the columns the fitted model reads: keyword hits in the title and in the
lead, each topic's share of the hits, the outlet's topic, and two that only `world` gets.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

OTHER = "other"
TITLE_WEIGHT = 2  # a keyword in the title counts twice
LEAD_CHARS = 600
# Columns of `keyword_features`: title hits, lead hits, share of hits, outlet, nearest labelled
# examples; then two that only the `world` row gets: a Kazakhstani ministry or agency other than
# foreign affairs is named (its news with a foreign partner is still its own field's), and
# Kazakhstan is named.
SHARED_COLUMNS = 7


@lru_cache(maxsize=4)
def _topic_index(topics: tuple[str, ...]) -> dict[str, int]:
    return {t: n for n, t in enumerate(topics)}


@dataclass(frozen=True)
class Topic:
    id: str
    names: dict  # kk, ru, en


@lru_cache(maxsize=1)
def _taxonomy() -> dict:
    text = resources.files("janalyq").joinpath("data/topics.json").read_text(encoding="utf-8")
    return json.loads(text)


def taxonomy() -> list[Topic]:
    """Every topic, `other` last, with its names in kk, ru and en."""
    return [Topic(t["id"], {k: t[k] for k in ("kk", "ru", "en")}) for t in _taxonomy()["topics"]]


def topic_ids() -> list[str]:
    return [t.id for t in taxonomy() if t.id != OTHER]


def topic_name(topic_id: str | None, lang: str = "en") -> str | None:
    for topic in taxonomy():
        if topic.id == topic_id:
            return topic.names.get(lang, topic.names["en"])
    return None


def _keyword_pattern(keywords: list[str]) -> re.Pattern | None:
    parts = []
    for raw in keywords:
        word = raw.strip().lower()
        if not word:
            continue
        if word.endswith("$"):  # this form only ("un$" is not "under", "үкім$" not "үкімет")
            parts.append(re.escape(word[:-1]) + r"(?!\w)")
            continue
        exact = raw != raw.strip() or len(word) <= 3
        # Short or space-padded keywords are whole words (with a short ending); others prefixes.
        parts.append(re.escape(word) + (r"\w{0,3}(?!\w)" if exact else ""))
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")") if parts else None


@lru_cache(maxsize=1)
def _keyword_patterns() -> dict[str, re.Pattern]:
    patterns = {}
    for topic in _taxonomy()["topics"]:
        pattern = _keyword_pattern(topic["keywords"])
        if pattern is not None:
            patterns[topic["id"]] = pattern
    return patterns


_WORD_START = re.compile(r"(?<!\w)\w+")


@lru_cache(maxsize=1)
def _topics_by_keyword_start() -> dict[str, frozenset[str]]:
    """First three letters of every keyword (fewer if its first word is shorter) -> its topics."""
    starts: dict[str, set[str]] = {}
    patterns = _keyword_patterns()
    for topic in _taxonomy()["topics"]:
        for raw in topic["keywords"] if topic["id"] in patterns else ():
            word = raw.strip().lower()
            if word and not word[0].isalnum():
                raise ValueError(f"topic keyword {raw!r} of {topic['id']} must start with a letter or digit")
            if word:  # the letters before any space: a match starts with them whole or in part
                starts.setdefault(_WORD_START.match(word).group()[:3], set()).add(topic["id"])
    return {start: frozenset(ids) for start, ids in starts.items()}


_TOPICS_FOR_WORD: dict[str, tuple[str, ...]] = {}  # a word's first three letters -> topics to try


def _topics_for(token: str) -> tuple[str, ...]:
    head = token[:3]
    topics = _TOPICS_FOR_WORD.get(head)
    if topics is None:
        starts = _topics_by_keyword_start()
        found = set().union(*(starts.get(head[:n], ()) for n in (1, 2, 3)))
        topics = _TOPICS_FOR_WORD[head] = tuple(sorted(found))
    return topics


def _keyword_hits(text: str, weight: float, votes: dict[str, float]) -> None:
    """Add `weight` per keyword match of each topic, as `pattern.findall(text)` would count them.

    Every keyword starts with a letter after a non-letter, so matches can only begin at word
    starts: each topic's pattern is tried there, and only where one of its keywords could
    begin, instead of scanning the whole text once per topic (twice as fast, same counts).
    """
    patterns = _keyword_patterns()
    ends: dict[str, int] = {}  # findall's matches do not overlap: where each topic may go on
    remembered = _TOPICS_FOR_WORD
    for word in _WORD_START.finditer(text):
        text_of_word = word.group()
        topics = remembered.get(text_of_word[:3])  # inline `_topics_for`: it runs on every word
        if topics is None:
            topics = _topics_for(text_of_word)
        for topic_id in topics:
            start = word.start()
            if start < ends.get(topic_id, 0):
                continue
            hit = patterns[topic_id].match(text, start)
            if hit:
                ends[topic_id] = hit.end()
                votes[topic_id] = votes.get(topic_id, 0.0) + weight


def keyword_votes(title: str, lead: str) -> dict[str, float]:
    """Keyword hits per topic, title hits counted twice."""
    votes: dict[str, float] = {}
    _keyword_hits(title.lower(), float(TITLE_WEIGHT), votes)
    _keyword_hits(lead[:LEAD_CHARS].lower(), 1.0, votes)
    return {topic_id: votes[topic_id] for topic_id in _keyword_patterns() if topic_id in votes}


def outlet_topic(outlet: str | None) -> str | None:
    """The topic an outlet mostly publishes on: exact slug first, then its first part."""
    if not outlet:
        return None
    table = _taxonomy()["outlet_topics"]
    slug = outlet.lower()
    return table.get(slug) or table.get(slug.split("-")[0])


_MINISTRY_PARTS = ("министр", "минэнерго", "минсельхоз", "минторговли", "минэкологии", "минфин", "минздрав",
                   "ведомств", "ministr", "minist", "акимат", "әкімдік", "akimat")
_FOREIGN_PARTS = ("иностранных дел", "сыртқы істер", "foreign affairs", "foreign minist")
_KAZAKHSTAN_PARTS = ("казахстан", "қазақстан", "kazakhstan", "qazaqstan")


def _has_word(text: str, word: str) -> bool:
    """`word` as a whole word in `text` (a substring search first: most texts have none)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        start = text.find(word, start + 1)
    return False


def _world_context(text: str) -> tuple[bool, bool]:
    """(a Kazakhstani ministry or agency other than foreign affairs is named, Kazakhstan is named)."""
    ministry = any(part in text for part in _MINISTRY_PARTS) or _has_word(text, "мвд")
    foreign = ministry and (any(part in text for part in _FOREIGN_PARTS) or _has_word(text, "мид")
                            or _has_word(text, "сім"))
    kazakhstan = any(part in text for part in _KAZAKHSTAN_PARTS) or _has_word(text, "рк") or _has_word(text, "қр")
    return ministry and not foreign, kazakhstan


def keyword_features(title: str, lead: str, outlet: str | None, topics: list[str]) -> np.ndarray:
    """Per topic (rows): keyword hits in the title and in the lead (log-scaled), the topic's share
    of all hits (title hits counted twice), whether the outlet mostly publishes on it, a column
    left for the nearest labelled examples (`TopicModel.shared_features`), and for the `world`
    row whether a Kazakhstani ministry other than foreign affairs is named and whether Kazakhstan
    is.  The fitted model weighs these columns alike for every topic (a keyword hit means the same
    for sport as for law), so topics with few labelled texts still get their keywords' worth."""
    out = np.zeros((len(topics), SHARED_COLUMNS), dtype=np.float32)
    index = _topic_index(tuple(topics))
    title_low = title.lower()
    lead_low = lead[:LEAD_CHARS].lower() if lead else ""
    title_votes: dict[str, float] = {}
    _keyword_hits(title_low, 1.0, title_votes)
    lead_votes: dict[str, float] = {}
    if lead_low:
        _keyword_hits(lead_low, 1.0, lead_votes)
    total = TITLE_WEIGHT * sum(title_votes.values()) + sum(lead_votes.values())
    for topic_id, count in title_votes.items():
        row = index[topic_id]
        out[row, 0] = math.log1p(count)
        out[row, 2] = TITLE_WEIGHT * count / total
    for topic_id, count in lead_votes.items():
        row = index[topic_id]
        out[row, 1] = math.log1p(count)
        out[row, 2] += count / total
    prior = outlet_topic(outlet)
    if prior in index:
        out[index[prior], 3] = 1.0
    world = index.get("world")
    if world is not None:
        ministry, kazakhstan = _world_context(f"{title_low} {lead_low}")
        out[world, 5] = ministry
        out[world, 6] = kazakhstan
    return out
