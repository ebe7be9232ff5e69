"""Topics: what an article is really about, in a fixed taxonomy with kk/ru/en names.

The sites' own section labels are often wrong (school news filed under "Tourism"), so they are
kept as `site_section` and never used here.  Three signals vote:

- the outlet: a gov.kz entity mostly publishes on one topic (`edu` -> education);
- keywords in Kazakh, Russian, English and Latin Kazakh (`data/topics.json`);
- the nearest labelled examples (`data/topic_examples.tsv`) in the multilingual embedding
  space, compared after removing the examples' mean direction.

The confidence is the winning share of the combined vote; below `MIN_CONFIDENCE` the article
is filed under `other` rather than under a guess.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from janalyq.embed import Embedder, centre

OTHER = "other"
MIN_CONFIDENCE = 0.34
# Weights of the three votes, and how many nearest examples per topic count.
W_EXAMPLES, W_KEYWORDS, W_OUTLET = 0.30, 0.50, 0.30
KNN = 3
KNN_TEMPERATURE = 0.06  # centred cosines of a topic's best examples differ by a few hundredths
TITLE_WEIGHT = 2  # a keyword in the title counts twice
LEAD_CHARS = 600


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


def load_examples() -> list[tuple[str, str, str]]:
    """(topic, lang, text) of every labelled example."""
    text = resources.files("janalyq").joinpath("data/topic_examples.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [(r[0], r[1], r[2]) for r in rows[1:]]


@dataclass
class TopicResult:
    topic: str
    confidence: float
    scores: dict  # topic -> combined vote


class TopicModel:
    """The classifier: labelled examples embedded once per process, plus keywords and outlets."""

    def __init__(self, embedder: Embedder | None, examples: list[tuple[str, str, str]] | None = None):
        self.embedder = embedder
        self.examples = examples if examples is not None else load_examples()
        self.topics = topic_ids()
        self.mean: np.ndarray | None = None
        self._matrix: np.ndarray | None = None
        self._labels = np.array([self.topics.index(t) for t, _, _ in self.examples])
        if embedder is not None:
            vectors = self._example_vectors(embedder)
            self.mean = vectors.mean(axis=0)
            # Each language leaves its own offset in the embedding space; removing it brings
            # the versions of one text in three languages closer than texts of one language.
            langs = np.array([lang for _, lang, _ in self.examples])
            self.lang_means = {lang: vectors[langs == lang].mean(axis=0) for lang in set(langs)}
            self._matrix = np.vstack([self.centre(v, lang) for v, lang in zip(vectors, langs)])

    def _example_vectors(self, embedder: Embedder) -> np.ndarray:
        """The examples' embeddings: from the shipped cache when it matches, else computed."""
        cache = resources.files("janalyq").joinpath("data/topic_examples.npz")
        try:
            with cache.open("rb") as handle:
                stored = np.load(handle)
                if str(stored["fingerprint"]) == self.fingerprint:
                    return stored["vectors"].astype(np.float32)
        except (FileNotFoundError, KeyError, ValueError, OSError):
            pass
        return embedder.embed([text for _, _, text in self.examples])

    def write_cache(self, path) -> None:
        """Store the examples' embeddings next to the examples (run after editing them)."""
        vectors = self.embedder.embed([text for _, _, text in self.examples])
        np.savez_compressed(path, vectors=vectors.astype(np.float16), fingerprint=np.array(self.fingerprint))

    def background(self, centred: np.ndarray) -> np.ndarray:
        """Similarities to the labelled examples: what "unrelated" looks like for this text."""
        return self._matrix @ centred

    def centre(self, vector: np.ndarray, lang: str | None) -> np.ndarray:
        """The embedding without its language's offset (the overall mean when unknown)."""
        return centre(vector, self.lang_means.get(lang, self.mean))[0]

    @property
    def fingerprint(self) -> str:
        basis = "|".join(f"{t}:{x}" for t, _, x in self.examples)
        name = self.embedder.name if self.embedder else "none"
        return hashlib.sha1(f"{name}|{basis}".encode()).hexdigest()[:12]

    def example_votes(self, centred: np.ndarray) -> np.ndarray:
        """Softmax over topics of the mean similarity of each topic's nearest examples."""
        sims = self._matrix @ centred
        per_topic = np.full(len(self.topics), -1.0)
        for index in range(len(self.topics)):
            mine = np.sort(sims[self._labels == index])[-KNN:]
            per_topic[index] = mine.mean()
        weights = np.exp((per_topic - per_topic.max()) / KNN_TEMPERATURE)
        return weights / weights.sum()

    def classify(self, title: str, lead: str, outlet: str | None = None,
                 vector: np.ndarray | None = None, lang: str | None = None) -> TopicResult:
        combined = np.zeros(len(self.topics))
        total_weight = 0.0
        if vector is not None and self._matrix is not None:
            combined += W_EXAMPLES * self.example_votes(self.centre(vector, lang))
            total_weight += W_EXAMPLES
        keywords = keyword_votes(title, lead)
        total_weight += W_KEYWORDS
        if keywords:
            hits = sum(keywords.values())
            for topic_id, count in keywords.items():
                combined[self.topics.index(topic_id)] += W_KEYWORDS * count / hits
        prior = outlet_topic(outlet)
        if prior in self.topics:
            combined[self.topics.index(prior)] += W_OUTLET
            total_weight += W_OUTLET
        combined /= total_weight or 1.0
        best = int(combined.argmax())
        confidence = float(combined[best])
        scores = {t: round(float(s), 4) for t, s in zip(self.topics, combined) if s > 0.01}
        if confidence < MIN_CONFIDENCE:
            return TopicResult(OTHER, round(confidence, 3), scores)
        return TopicResult(self.topics[best], round(confidence, 3), scores)
