"""Topic classification on our labelled development set: macro-F1, per-topic F1, confusions.

The set: the 330 hand-written kk/ru/en articles of bench/devsets/events.txt and the 51 sample
pages of ../shared/seeds, labelled by reference in bench/devsets/seed_topics.tsv.  None of them
is among the classifier's labelled examples (src/janalyq/data/topic_examples.tsv).  Each
signal is also scored alone, to show what it contributes.

    python -m bench.bench_topic
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import dataclass

import numpy as np

from bench.devsets import SEEDS, load_events, load_seed_topics
from janalyq.article import Article, StageCounts
from janalyq.clean import clean_stage
from janalyq.embed import default_embedder, embedding_text
from janalyq.read import read_path
from janalyq.topic import TopicModel


@dataclass
class Labelled:
    topic: str
    lang: str
    title: str
    lead: str
    outlet: str | None
    source: str  # events or seeds


def dev_set(include_seeds: bool = True) -> list[Labelled]:
    items = [Labelled(r["topic"], r["lang"], r["title"], r["lead"], r["outlet"], "events") for r in load_events()]
    if include_seeds and SEEDS.is_dir():
        gold = load_seed_topics()
        for path in sorted(SEEDS.iterdir()):
            for article in read_path(path):
                if not isinstance(article, Article):
                    continue
                key = (path.name, int(article.url.rsplit("#", 1)[1]))
                if key in gold:
                    article = clean_stage(article, StageCounts("clean"))
                    items.append(Labelled(gold[key], "", article.title, " ".join(article.body[:2]),
                                          article.outlet, "seeds"))
    return items


def macro_f1(gold: list[str], predicted: list[str]) -> tuple[float, dict[str, float]]:
    """Macro-F1 over the gold labels (a prediction of `other` counts as a miss)."""
    per_label = {}
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted))
        fp = sum(p == label != g for g, p in zip(gold, predicted))
        fn = sum(g == label != p for g, p in zip(gold, predicted))
        per_label[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    return (float(np.mean(list(per_label.values()))) if per_label else 0.0), per_label


def predict(items: list[Labelled], model: TopicModel, vectors) -> list[str]:
    langs = [i.lang or None for i in items]
    return [model.classify(i.title, i.lead, i.outlet, v, lang).topic
            for i, v, lang in zip(items, vectors, langs)]


def evaluate(items: list[Labelled] | None = None) -> tuple[float, dict, list[str], list[Labelled]]:
    items = items if items is not None else dev_set()
    embedder = default_embedder()
    model = TopicModel(embedder)
    vectors = embedder.embed([embedding_text(i.title, i.lead) for i in items])
    predicted = predict(items, model, vectors)
    score, per_label = macro_f1([i.topic for i in items], predicted)
    return score, per_label, predicted, items


def ablation(items: list[Labelled]) -> None:
    """Macro-F1 of parts of the fitted model (the other parts' weights set to zero; the best topic
    even below the `other` floor), of the model without embeddings (JANALYQ_EMBEDDINGS=0), and of
    the earlier hand-weighted vote."""
    from janalyq import topic as topic_module

    embedder = default_embedder()
    model = TopicModel(embedder)
    vectors = embedder.embed([embedding_text(i.title, i.lead) for i in items])
    gold = [i.topic for i in items]
    langs = [i.lang or None for i in items]
    if True not in model.weights:
        print("  (no fitted weights: src/janalyq/data/topic_weights.npz)")
        return
    saved = model.weights[True]
    a, W, b = saved
    keep = {"keywords only": (0, 1, 2), "outlet only": (3,), "nearest examples only": (4,)}
    floors = topic_module.MIN_PROBABILITY
    topic_module.MIN_PROBABILITY = {True: 0.0, False: 0.0}
    try:
        for name, columns in keep.items():
            kept = np.zeros_like(a)
            kept[list(columns)] = a[list(columns)]
            model.weights[True] = (kept, np.zeros_like(W), b)
            print(f"  {name:30} macro-F1 {macro_f1(gold, predict(items, model, vectors))[0]:.3f}")
        model.weights[True] = (np.zeros_like(a), W, b)
        print(f"  {'embedding weights only':30} macro-F1 {macro_f1(gold, predict(items, model, vectors))[0]:.3f}")
        model.weights[True] = saved
        topic_module.MIN_PROBABILITY = floors
        print(f"  {'all (model on)':30} macro-F1 {macro_f1(gold, predict(items, model, vectors))[0]:.3f}")
        print(f"  {'JANALYQ_EMBEDDINGS=0':30} macro-F1 {macro_f1(gold, predict(items, model, [None] * len(items)))[0]:.3f}")
        earlier = [model.vote(i.title, i.lead, i.outlet, v, lang).topic for i, v, lang in zip(items, vectors, langs)]
        print(f"  {'earlier hand-weighted vote':30} macro-F1 {macro_f1(gold, earlier)[0]:.3f}")
    finally:
        model.weights[True] = saved
        topic_module.MIN_PROBABILITY = floors


def main() -> None:
    parser = argparse.ArgumentParser(description="topic macro-F1 on the development set")
    parser.add_argument("--errors", action="store_true", help="list every misclassified article")
    args = parser.parse_args()
    started = time.monotonic()
    score, per_label, predicted, items = evaluate()
    by_source = Counter(i.source for i in items)
    print(f"topic development set: {len(items)} articles ({by_source['events']} hand-written kk/ru/en,"
          f" {by_source['seeds']} sample pages), {len(per_label)} topics")
    print(f"macro-F1 {score:.3f}   accuracy {np.mean([p == i.topic for p, i in zip(predicted, items)]):.3f}"
          f"   filed under 'other': {predicted.count('other')}   ({time.monotonic() - started:.0f}s)")
    for label, value in per_label.items():
        print(f"  {label:20} F1 {value:.3f}")
    print("parts of the fitted model (data/topic_weights.npz):")
    ablation(items)
    if args.errors:
        for p, i in zip(predicted, items):
            if p != i.topic:
                print(f"  {i.topic} -> {p}: {i.title[:90]}")


if __name__ == "__main__":
    main()
