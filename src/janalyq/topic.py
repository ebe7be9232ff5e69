"""Topics: what an article is really about, in a fixed taxonomy with kk/ru/en names.

The sites' own section labels are often wrong (school news filed under "Tourism"), so they are
kept as `site_section` and never used here.  The signals:

- the outlet: a gov.kz entity mostly publishes on one topic (`edu` -> education);
- keywords in Kazakh, Russian, English and Latin Kazakh (`data/topics.json`), in the title and
  in the lead;
- the nearest labelled examples (`data/topic_examples.tsv`, and our further headlines of
  `data/topic_training.tsv`) in the multilingual embedding space, compared after removing each
  language's mean direction;
- the centred embedding itself;
- for `world` only: whether a Kazakhstani ministry other than foreign affairs is named, and
  whether Kazakhstan is (a ministry's news with a foreign partner stays in its own field).

A softmax fitted on labelled text (`data/topic_weights.npz`, written by
`python -m bench.fit_topics --write` from our own writing and the development half of the real
labelled news, of which only the weights are kept) combines them; the keyword, outlet and
example columns weigh alike for every topic, so a topic's keywords count even where its
labelled text is thin, and a headline alone is filed by them.  Without embeddings
(`JANALYQ_EMBEDDINGS=0`) a second set of weights uses keywords and outlets only.  Below
`MIN_PROBABILITY` (`MIN_PROBABILITY_EMBEDDING_ALONE` when no keyword and no outlet supports the
topic) the article is filed under `other` rather than under a guess.  Without the weights file
the earlier hand-weighted vote (`TopicModel.vote`) is used.  The taxonomy, the keywords and the
text features are in `janalyq.topic_features`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources

import numpy as np

from janalyq.embed import Embedder, centre
from janalyq.topic_features import (OTHER, keyword_features, keyword_votes, outlet_topic, taxonomy,  # noqa: F401
                                    topic_ids, topic_name)

MIN_CONFIDENCE = 0.34
# Weights of the three votes, and how many nearest examples per topic count.
W_EXAMPLES, W_KEYWORDS, W_OUTLET = 0.30, 0.50, 0.30
KNN = 3
KNN_TEMPERATURE = 0.06  # centred cosines of a topic's best examples differ by a few hundredths
# The fitted model (`data/topic_weights.npz`, written by `python -m bench.fit_topics --write`):
# a softmax over the centred embedding (scaled) and the keyword and outlet features, one set of
# weights with the embedding and one without.  Below MIN_PROBABILITY the topic is `other`.
EMB_SCALE = 4.0
MIN_PROBABILITY = {True: 0.30, False: 0.30}
# With no keyword hit and no outlet, the embedding alone must be surer: on the dev half of the
# real material the few headlines without any keyword that it got right had 0.77 and 0.90, while
# page debris ("Фото", "KZ", a date) gets 0.3-0.55.
MIN_PROBABILITY_EMBEDDING_ALONE = 0.60
FIT_REAL_WEIGHT = 2.0  # the real material's weight in the fit, beside our own writing
FIT_L2 = 0.02
OUTLET_LOGIT = 4.0  # the outlet's topic: fixed, as no training text has an outlet


def _labelled_rows(name: str) -> list[tuple[str, str, str]]:
    text = resources.files("janalyq").joinpath(f"data/{name}").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [(r[0], r[1], r[2]) for r in rows[1:]]


def load_examples() -> list[tuple[str, str, str]]:
    """(topic, lang, text) of every labelled example (the embedding's reference points)."""
    return _labelled_rows("topic_examples.tsv")


def load_training() -> list[tuple[str, str, str]]:
    """(topic, lang, text) of our own further labelled headlines, used only to fit the weights."""
    return _labelled_rows("topic_training.tsv")


# Matched on the lowercased title and lead: plain substrings where they are safe, one regex
# for the short words that need word edges.
def fit_softmax(shared: np.ndarray, X: np.ndarray | None, y: np.ndarray, weights: np.ndarray, l2: float,
                fixed: dict[int, float] | None = None, steps: int = 500, rate: float = 0.05):
    """Multinomial logistic regression, weighted, full-batch Adam: logits = shared @ a + X @ W.T + b,
    `shared` (n, topics, f) weighed by `a` alike for every topic, `X` (n, d) by a row of W per
    topic.  L2 on W and b; `fixed` columns of `a` are held at the given values (a column the
    training text never fills, such as the outlet).  Used by `bench.fit_topics`."""
    n, classes, f = shared.shape
    d = 0 if X is None else X.shape[1]
    a, W, b = np.zeros(f), np.zeros((classes, d)), np.zeros(classes)
    for column, value in (fixed or {}).items():
        a[column] = value
    onehot = np.eye(classes)[y]
    w = weights / weights.sum()
    params = [a, W, b]
    m = [np.zeros_like(x) for x in params]
    v = [np.zeros_like(x) for x in params]
    for step in range(1, steps + 1):
        logits = shared @ a + b
        if d:
            logits = logits + X @ W.T
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        error = (p - onehot) * w[:, None]
        grads = [np.einsum("nk,nkf->f", error, shared), (error.T @ X + l2 * W) if d else W, error.sum(axis=0) + l2 * b]
        for column in fixed or {}:
            grads[0][column] = 0.0
        for k, (param, grad) in enumerate(zip(params, grads)):
            m[k] = 0.9 * m[k] + 0.1 * grad
            v[k] = 0.999 * v[k] + 0.001 * grad * grad
            param -= rate * (m[k] / (1 - 0.9 ** step)) / (np.sqrt(v[k] / (1 - 0.999 ** step)) + 1e-8)
    return a, W, b


def _fingerprint(embedder: Embedder | None, rows: list[tuple[str, str, str]]) -> str:
    basis = "|".join(f"{t}:{x}" for t, _, x in rows)
    name = embedder.name if embedder else "none"
    return hashlib.sha1(f"{name}|{basis}".encode()).hexdigest()[:12]


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
            # The nearest-example vote also sees our further labelled headlines (not the story
            # stage's background, which stays the examples alone).
            training = load_training()
            extra = self._training_vectors(embedder, training)
            self._knn = np.vstack([self._matrix] + [self.centre(v, lang)[None, :] for v, (_, lang, _)
                                                    in zip(extra, training)])
            self._knn_labels = np.concatenate([self._labels, [self.topics.index(t) for t, _, _ in training]])
            self.knn_rows = {text: n for n, (_, _, text) in enumerate(self.examples + training)}
            # Each topic's rows, padded with a row past the end (-1 similarity), for one gather.
            rows = [np.flatnonzero(self._knn_labels == index) for index in range(len(self.topics))]
            width = max(len(r) for r in rows)
            self._knn_gather = np.full((len(self.topics), width), len(self._knn), dtype=np.intp)
            for index, found in enumerate(rows):
                self._knn_gather[index, :len(found)] = found
        self.weights: dict[bool, tuple[np.ndarray, np.ndarray]] = {}
        self._load_weights()

    def _load_weights(self) -> None:
        try:
            with resources.files("janalyq").joinpath("data/topic_weights.npz").open("rb") as handle:
                stored = np.load(handle)
                if [str(t) for t in stored["topics"]] != self.topics:
                    return
                for use, tag in ((True, "on"), (False, "off")):
                    self.set_weights(use, stored[f"a_{tag}"], stored[f"W_{tag}"], stored[f"b_{tag}"])
        except (FileNotFoundError, KeyError, ValueError, OSError):
            self.weights = {}

    def set_weights(self, embeddings: bool, a: np.ndarray, W: np.ndarray, b: np.ndarray) -> None:
        self.weights[embeddings] = (np.asarray(a, dtype=np.float32), np.asarray(W, dtype=np.float32),
                                    np.asarray(b, dtype=np.float32))

    def embedding_features(self, vector: np.ndarray, lang: str | None) -> np.ndarray:
        return EMB_SCALE * self.centre(vector, lang).astype(np.float32)

    def shared_features(self, title: str, lead: str, outlet: str | None, vector: np.ndarray | None,
                        lang: str | None, exclude: int | None = None) -> np.ndarray:
        """`keyword_features`, and with a vector the vote of the nearest labelled examples
        (`exclude`: an example's own row, left out when the examples themselves are fitted)."""
        shared = keyword_features(title, lead, outlet, self.topics)
        if vector is not None and self._matrix is not None:
            shared[:, 4] = self.nearest_votes(self.centre(vector, lang), exclude)
        return shared

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

    def _training_vectors(self, embedder: Embedder, training: list[tuple[str, str, str]]) -> np.ndarray:
        """The further headlines' embeddings: from `data/topic_training.npz` when it matches."""
        fingerprint = _fingerprint(embedder, training)
        try:
            with resources.files("janalyq").joinpath("data/topic_training.npz").open("rb") as handle:
                stored = np.load(handle)
                if str(stored["fingerprint"]) == fingerprint:
                    return stored["vectors"].astype(np.float32)
        except (FileNotFoundError, KeyError, ValueError, OSError):
            pass
        return embedder.embed([text for _, _, text in training])

    def write_training_cache(self, path) -> None:
        training = load_training()
        vectors = self.embedder.embed([text for _, _, text in training])
        np.savez_compressed(path, vectors=vectors.astype(np.float16),
                            fingerprint=np.array(_fingerprint(self.embedder, training)))

    def background(self, centred: np.ndarray) -> np.ndarray:
        """Similarities to the labelled examples: what "unrelated" looks like for this text."""
        return self._matrix @ centred

    def centre(self, vector: np.ndarray, lang: str | None) -> np.ndarray:
        """The embedding without its language's offset (the overall mean when unknown)."""
        return centre(vector, self.lang_means.get(lang, self.mean))[0]

    def centre_rows(self, vectors: np.ndarray, lang: str | None) -> np.ndarray:
        """`centre` of each row of a matrix of embeddings of one language, in one call."""
        return centre(vectors, self.lang_means.get(lang, self.mean))

    @property
    def fingerprint(self) -> str:
        return _fingerprint(self.embedder, self.examples)

    def example_votes(self, centred: np.ndarray, exclude: int | None = None) -> np.ndarray:
        """Softmax over topics of the mean similarity of each topic's nearest examples."""
        sims = self._matrix @ centred
        if exclude is not None:
            sims[exclude] = -1.0
        per_topic = np.full(len(self.topics), -1.0)
        for index in range(len(self.topics)):
            mine = np.sort(sims[self._labels == index])[-KNN:]
            per_topic[index] = mine.mean()
        weights = np.exp((per_topic - per_topic.max()) / KNN_TEMPERATURE)
        return weights / weights.sum()

    def nearest_votes(self, centred: np.ndarray, exclude: int | None = None) -> np.ndarray:
        """As `example_votes`, over the examples and our further labelled headlines."""
        sims = np.append(self._knn @ centred, -1.0)
        if exclude is not None:
            sims[exclude] = -1.0
        per_topic = np.partition(sims[self._knn_gather], -KNN, axis=1)[:, -KNN:].mean(axis=1)
        weights = np.exp((per_topic - per_topic.max()) / KNN_TEMPERATURE)
        return weights / weights.sum()

    def classify(self, title: str, lead: str, outlet: str | None = None,
                 vector: np.ndarray | None = None, lang: str | None = None) -> TopicResult:
        embeddings = vector is not None and self._matrix is not None
        if embeddings in self.weights:
            a, W, b = self.weights[embeddings]
            shared = self.shared_features(title, lead, outlet, vector if embeddings else None, lang)
            logits = shared @ a + b
            floor = MIN_PROBABILITY[embeddings]
            if embeddings and not shared[:, :4].any():
                floor = MIN_PROBABILITY_EMBEDDING_ALONE
            if embeddings:
                logits += W @ self.embedding_features(vector, lang)
            p = np.exp(logits - logits.max())
            p /= p.sum()
            best = int(p.argmax())
            confidence = float(p[best])
            scores = {t: round(float(s), 4) for t, s in zip(self.topics, p) if s > 0.01}
            topic = self.topics[best] if confidence >= floor else OTHER
            return TopicResult(topic, round(confidence, 3), scores)
        return self.vote(title, lead, outlet, vector, lang)

    def vote(self, title: str, lead: str, outlet: str | None = None,
             vector: np.ndarray | None = None, lang: str | None = None) -> TopicResult:
        """The earlier hand-weighted vote (no fitted weights): outlet, keywords, nearest examples."""
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
