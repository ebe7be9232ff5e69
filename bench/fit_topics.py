"""Fit the topic model's weights (src/janalyq/data/topic_weights.npz) and cross-validate them.

Training text: our own labelled writing (src/janalyq/data/topic_examples.tsv and
topic_training.tsv, kk/ru/en, every topic) and the development half of the real labelled news
(../shared/real/ru_labelled.jsonl: ministry news with a single topic, tengrinews headlines with
one clear section).  Only numbers derived from the real text are shipped (weights), never text.
The hand-written development set of `bench.bench_topic` is never trained on: it stays a
held-out check of our own kk/ru/en writing.

Real records are read exactly as the pipeline reads them (JSON Lines -> reader -> clean stage),
so the title, the lead and the embedded text are the ones `classify` sees.

    python -m bench.fit_topics --write     # fit on everything, write the weights (and the
                                           # embeddings of topic_training.tsv, topic_training.npz)
    python -m bench.fit_topics --cv        # 5-fold cross-validation on the real material, by
                                           # record and by groups of near copies
"""

from __future__ import annotations

import argparse
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bench.real import REAL, RU_LABELLED, load
from bench.real_topics import gold_topic, print_figures, score, task_of, write_jsonl
from janalyq import topic as topic_module
from janalyq.article import Article, StageCounts
from janalyq.clean import clean_stage
from janalyq.embed import default_embedder, embedding_text
from janalyq.read import read_path
from janalyq.topic import TopicModel, load_examples, load_training, topic_ids

CACHE = Path(os.environ.get("JANALYQ_TOPIC_CACHE", "/tmp/janalyq-topic-cache"))
NEAR_COPY = 0.95  # cosine of raw e5 vectors above which two records are taken as copies of one story
WEIGHTS = Path(topic_module.__file__).resolve().parent / "data" / "topic_weights.npz"


@dataclass
class Item:
    topic: str | None  # None: not scored (no single topic)
    lang: str | None
    title: str
    lead: str
    outlet: str | None
    source: str  # own, real-ministry, real-headlines, dev
    embed_text: str
    record: dict | None = None
    vector: np.ndarray | None = field(default=None, repr=False)


def own_items() -> list[Item]:
    rows = load_examples() + load_training()
    return [Item(t, lang, text, "", None, "own", embedding_text(text, "")) for t, lang, text in rows]


def real_items(folder: Path = REAL) -> list[Item]:
    """Every record of the labelled Russian news, as the pipeline reads it."""
    records = load(RU_LABELLED, folder)
    items = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "real.jsonl"
        write_jsonl(records, path)
        articles = [a for a in read_path(path) if isinstance(a, Article)]
    assert len(articles) == len(records)
    for record, article in zip(records, articles):
        article = clean_stage(article, StageCounts("clean"))
        items.append(Item(gold_topic(record), article.lang, article.title, " ".join(article.body[:2]),
                          article.outlet, "real-" + task_of(record), embedding_text(article.title, article.body),
                          record))
    return items


def dev_items() -> list[Item]:
    from bench.bench_topic import dev_set

    return [Item(i.topic, i.lang or None, i.title, i.lead, i.outlet, "dev-" + i.source, embedding_text(i.title, i.lead))
            for i in dev_set()]


def embed_all(items: list[Item]) -> None:
    """Vectors of the items' embedded texts, cached in /tmp by text."""
    embedder = default_embedder()
    CACHE.mkdir(parents=True, exist_ok=True)
    keys = [hashlib.sha1(f"{embedder.name}|{i.embed_text}".encode()).hexdigest() for i in items]
    missing = [k for k in dict.fromkeys(keys) if not (CACHE / f"{k}.npy").exists()]
    if missing:
        texts = {k: i.embed_text for k, i in zip(keys, items)}
        vectors = embedder.embed([texts[k] for k in missing])
        for k, v in zip(missing, vectors):
            np.save(CACHE / f"{k}.npy", v.astype(np.float32))
    for key, item in zip(keys, items):
        item.vector = np.load(CACHE / f"{key}.npy")


def design(items: list[Item], model: TopicModel, embeddings: bool) -> tuple[np.ndarray, np.ndarray | None]:
    rows = getattr(model, "knn_rows", {})  # an example's own row is left out of its vote
    shared = np.stack([model.shared_features(i.title, i.lead, i.outlet, i.vector if embeddings else None, i.lang,
                                             rows.get(i.title) if i.source == "own" else None)
                       for i in items])
    if not embeddings:
        return shared, None
    return shared, np.vstack([model.embedding_features(i.vector, i.lang) for i in items])


def sample_weights(items: list[Item], real_weight: float) -> np.ndarray:
    """Every topic weighs the same in the fit (the real material covers only a few topics and must
    not make them likelier in general); within a topic, the real items weigh `real_weight` times
    our own writing, as a whole."""
    weights = np.ones(len(items))
    groups: dict[str, dict[bool, list[int]]] = {}
    for n, item in enumerate(items):
        groups.setdefault(item.topic, {}).setdefault(item.source.startswith("real"), []).append(n)
    for topic, sources in groups.items():
        total = sum(real_weight if real else 1.0 for real in sources)
        for real, rows in sources.items():
            weights[rows] = (real_weight if real else 1.0) / total / len(rows)
    return weights * len(items) / weights.sum()


def fit(items: list[Item], model: TopicModel, embeddings: bool, real_weight: float, l2: float) -> dict:
    train = [i for i in items if i.topic]
    shared, X = design(train, model, embeddings)
    y = np.array([model.topics.index(i.topic) for i in train])
    a, W, b = topic_module.fit_softmax(shared, X, y, sample_weights(train, real_weight), l2,
                                       fixed={3: topic_module.OUTLET_LOGIT})
    return {"a": a, "W": W, "b": b}


def predict(items: list[Item], model: TopicModel, embeddings: bool, params: dict | None = None) -> list[str]:
    if params is not None:
        model.set_weights(embeddings, params["a"], params["W"], params["b"])
    return [model.classify(i.title, i.lead, i.outlet, i.vector if embeddings else None, i.lang).topic for i in items]


def near_copies(real: list[Item], threshold: float = NEAR_COPY) -> np.ndarray:
    """A group number per record: records whose embeddings are nearly the same (the material holds
    reworded copies of one story) share one, through chains of such pairs."""
    vectors = np.vstack([r.vector for r in real])
    parent = list(range(len(real)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in np.argwhere(np.triu(vectors @ vectors.T, 1) > threshold):
        parent[root(a)] = root(b)
    return np.array([root(n) for n in range(len(real))])


def cross_validate(folder: Path = REAL, folds: int = 5, embeddings: bool = True, real_weight: float | None = None,
                   l2: float | None = None, quiet: bool = False, items=None, by_copies: bool = False) -> dict:
    """Refit without each fold of the real records, predict the fold.  Folds by record (seeded),
    or with `by_copies` by groups of near copies (a copy never helps to classify its twin)."""
    real_weight = topic_module.FIT_REAL_WEIGHT if real_weight is None else real_weight
    l2 = topic_module.FIT_L2 if l2 is None else l2
    own, real = items if items is not None else prepared(folder)
    model = TopicModel(default_embedder() if embeddings else None)
    if by_copies:
        groups = near_copies(real)
        order = {g: n for n, g in enumerate(np.random.default_rng(11).permutation(np.unique(groups)))}
        fold_of = np.array([order[g] % folds for g in groups])
    else:
        fold_of = np.random.default_rng(11).permutation(len(real)) % folds
    predicted: list[str | None] = [None] * len(real)
    for k in range(folds):
        train = own + [r for r, f in zip(real, fold_of) if f != k]
        params = fit(train, model, embeddings, real_weight, l2)
        held = [n for n, f in enumerate(fold_of) if f == k]
        for n, p in zip(held, predict([real[n] for n in held], model, embeddings, params)):
            predicted[n] = p
    figures = score([r.record for r in real], predicted)
    if not quiet:
        print_figures(f"{folds}-fold CV {'near copies' if by_copies else 'by record'} model {'on' if embeddings else 'off'}",
                      figures)
    return figures


def prepared(folder: Path = REAL, with_dev: bool = False):
    own, real = own_items(), real_items(folder)
    parts = [own, real] + ([dev_items()] if with_dev else [])
    embed_all([i for part in parts for i in part])
    return tuple(parts)


def write_weights(folder: Path = REAL, path: Path = WEIGHTS) -> None:
    TopicModel(default_embedder()).write_training_cache(path.parent / "topic_training.npz")
    own, real = prepared(folder)
    arrays = {}
    for embeddings in (True, False):
        model = TopicModel(default_embedder() if embeddings else None)
        params = fit(own + real, model, embeddings, topic_module.FIT_REAL_WEIGHT, topic_module.FIT_L2)
        tag = "on" if embeddings else "off"
        for name in ("a", "W", "b"):
            arrays[f"{name}_{tag}"] = params[name].astype(np.float32)
    np.savez_compressed(path, topics=np.array(topic_ids()), **arrays)
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description="fit the topic weights; cross-validate them")
    parser.add_argument("--folder", type=Path, default=REAL)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--cv", action="store_true")
    args = parser.parse_args()
    if args.write:
        write_weights(args.folder)
    if args.cv:
        items = prepared(args.folder)
        for by_copies in (False, True):
            for embeddings in (True, False):
                cross_validate(args.folder, embeddings=embeddings, items=items, by_copies=by_copies)


if __name__ == "__main__":
    main()
