"""Topics on real Russian news (../shared/real/ru_labelled.jsonl), scored the way the held-out half is.

Two tasks (../shared/real/README.md):

- ministry: ministry news (`ministry_5way`, `mintrade_vs_other`) with title and body, imported
  with made-up URLs (no outlet to lean on).  Gold topics as the project's outlet table maps
  those ministries: agriculture, energy, trade and integration -> economy; interior -> law;
  ecology -> tourism_environment.  Records labelled `another` / `another ministry` have no single
  topic: they are not scored (what they got is printed).  Macro-F1 over the gold topics; a
  prediction of anything else, `other` included, is a miss.
- headlines: tengrinews headlines alone (no body), only the sections with one clear topic: sport;
  science -> science_tech; crime -> law; world_news, usa, europe, asia, sng, near_east -> world;
  music, cinema, books, picture_art -> culture.  Accuracy.

Figures: the real pipeline path (the records written as JSON Lines, imported by
`janalyq.pipeline.import_paths` into a temporary store, `topic` read from the articles table)
with the embedding model on and with JANALYQ_EMBEDDINGS=0; and a 5-fold cross-validated figure
of the fitted model (`--cv`: refit without each fold's records, by record; see `bench.fit_topics`).

    python -m bench.real_topics                 # pipeline path, model on and off
    python -m bench.real_topics --cv            # ... and the cross-validated figures
    python -m bench.real_topics --pairs         # ... and kk/en agreement on real headline pairs
    JANALYQ_REAL=/path/to/other/half python -m bench.real_topics
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from bench.bench_topic import macro_f1
from bench.real import REAL, RU_LABELLED, load

MINISTRY_TOPICS = {
    "Министерство сельского хозяйства": "economy",
    "Министерство энергетики": "economy",
    "Министерство торговли и интеграции": "economy",
    "Министерство внутренних дел": "law",
    "Министерство экологии и природных ресурсов": "tourism_environment",
}
SECTION_TOPICS = {
    "sport": "sport", "science": "science_tech", "crime": "law",
    **{s: "world" for s in ("world_news", "usa", "europe", "asia", "sng", "near_east")},
    **{s: "culture" for s in ("music", "cinema", "books", "picture_art")},
}
TASKS = ("ministry", "headlines")


def task_of(record: dict) -> str:
    return "headlines" if record["task"] == "tengrinews_section" else "ministry"


def gold_topic(record: dict) -> str | None:
    """The topic a record is scored on; None when it has no single topic (not scored)."""
    if task_of(record) == "headlines":
        return SECTION_TOPICS.get(record["label"])
    return MINISTRY_TOPICS.get(record["label"])


def record_url(position: int) -> str:
    return f"https://news.example.kz/real-topics/{position}"


def write_jsonl(records: list[dict], path: Path) -> None:
    """The records as the judge imports them: {url, title, body, published, lang}, made-up URLs."""
    with path.open("w", encoding="utf-8") as handle:
        for position, record in enumerate(records):
            line = {"url": record_url(position), "title": record["title"], "body": record.get("body") or "",
                    "published": "2024-03-01", "lang": record.get("lang") or "ru"}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def pipeline_topics(records: list[dict], workdir: Path, embeddings: bool) -> list[str | None]:
    """Each record's topic as the pipeline stores it (a merged duplicate: its article's topic)."""
    from janalyq.pipeline import import_paths
    from janalyq.store import Store

    tag = "on" if embeddings else "off"
    jsonl = workdir / f"topics-{tag}.jsonl"
    write_jsonl(records, jsonl)
    store = Store(workdir / f"topics-{tag}.db")
    saved = os.environ.get("JANALYQ_EMBEDDINGS")
    os.environ["JANALYQ_EMBEDDINGS"] = "1" if embeddings else "0"  # worker processes read it too
    try:
        report = import_paths([str(jsonl)], store, embeddings=embeddings)
    finally:
        if saved is None:
            os.environ.pop("JANALYQ_EMBEDDINGS", None)
        else:
            os.environ["JANALYQ_EMBEDDINGS"] = saved
    if report.rejects:
        print(f"  {len(report.rejects)} rejects, first: {report.rejects[0]}")
    topics = {row["url"]: row["topic"] for row in store.rows(
        "SELECT s.url AS url, a.topic AS topic FROM sightings s JOIN articles a ON a.rid = s.article_rid")}
    store.close()
    return [topics.get(record_url(i)) for i in range(len(records))]


def score(records: list[dict], predicted: list[str | None]) -> dict[str, dict]:
    """Per task: accuracy, macro-F1, per-topic F1, how many went to `other`, what the unscored got."""
    out = {}
    for task in TASKS:
        rows = [(gold_topic(r), p or "missing") for r, p in zip(records, predicted) if task_of(r) == task]
        scored = [(g, p) for g, p in rows if g is not None]
        if not scored:
            continue
        gold, pred = [g for g, _ in scored], [p for _, p in scored]
        f1, per_topic = macro_f1(gold, pred)
        out[task] = {"n": len(scored), "accuracy": float(np.mean([g == p for g, p in scored])), "macro_f1": f1,
                     "per_topic": per_topic, "other": pred.count("other"),
                     "unscored": dict(Counter(p for g, p in rows if g is None).most_common())}
    return out


def print_figures(name: str, figures: dict[str, dict]) -> None:
    for task, f in figures.items():
        per = "  ".join(f"{t} {v:.2f}" for t, v in f["per_topic"].items())
        print(f"  {name:24} {task:9} n={f['n']:<4} accuracy {f['accuracy']:.3f}  macro-F1 {f['macro_f1']:.3f}"
              f"  -> other {f['other']}")
        print(f"  {'':24} {'':9} per topic: {per}")
        if f["unscored"]:
            print(f"  {'':24} {'':9} unscored records got: {f['unscored']}")


def topic_figures(folder: Path = REAL, embeddings: tuple[bool, ...] = (True, False), cv: bool = False,
                  workdir: Path | None = None) -> dict[str, dict]:
    """Print and return the figures: {"pipeline model on": {task: {...}}, "pipeline model off": ...,
    and with `cv` "5-fold CV by record model on", ... "5-fold CV near copies model off"}.  Each task's
    figures: n, accuracy, macro_f1, per_topic, other (how many sent to `other`), unscored."""
    records = load(RU_LABELLED, folder)
    results = {}
    with tempfile.TemporaryDirectory(prefix="janalyq-real-topics-") as tmp:
        work = workdir or Path(tmp)
        for use in embeddings:
            started = time.monotonic()
            name = f"pipeline model {'on' if use else 'off'}"
            results[name] = score(records, pipeline_topics(records, work, use))
            print_figures(f"{name} ({time.monotonic() - started:.0f}s)", results[name])
    if cv:
        from bench.fit_topics import cross_validate, prepared

        items = prepared(folder)
        for by_copies in (False, True):
            for use in embeddings:
                name = f"5-fold CV {'near copies' if by_copies else 'by record'} model {'on' if use else 'off'}"
                results[name] = cross_validate(folder, embeddings=use, items=items, by_copies=by_copies, quiet=True)
                print_figures(name, results[name])
    return results


def pair_agreement(folder: Path = REAL, size: int = 1000, seed: int = 5) -> dict[str, float]:
    """No labels needed: the Kazakh and the English headline of one government news item should
    get one topic.  Share of `size` random pairs (kk_en_titles.jsonl) whose two headlines get the
    same topic, and the same topic other than `other`, model on and off."""
    import random

    from bench.real import HEADLINE_PAIRS
    from janalyq.embed import default_embedder, embedding_text
    from janalyq.topic import TopicModel

    pairs = random.Random(seed).sample(load(HEADLINE_PAIRS, folder), size)
    embedder = default_embedder()
    vectors = {lang: embedder.embed([embedding_text(p[lang], "") for p in pairs]) for lang in ("kk", "en")}
    out = {}
    for use in (True, False):
        model = TopicModel(embedder if use else None)
        got = {lang: [model.classify(p[lang], "", None, vectors[lang][n] if use else None, lang).topic
                      for n, p in enumerate(pairs)] for lang in ("kk", "en")}
        same = [a == b for a, b in zip(got["kk"], got["en"])]
        named = [a == b != "other" for a, b in zip(got["kk"], got["en"])]
        tag = "on" if use else "off"
        out[f"same topic, model {tag}"] = float(np.mean(same))
        out[f"same topic not other, model {tag}"] = float(np.mean(named))
        print(f"  kk/en headline pairs ({size}), model {tag}: same topic {np.mean(same):.3f}, same and not"
              f" `other` {np.mean(named):.3f}; `other`: kk {got['kk'].count('other')}, en {got['en'].count('other')}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="topics on the real labelled Russian news")
    parser.add_argument("--folder", type=Path, default=REAL)
    parser.add_argument("--cv", action="store_true", help="also the 5-fold cross-validated figure")
    parser.add_argument("--off-only", action="store_true", help="only JANALYQ_EMBEDDINGS=0")
    parser.add_argument("--on-only", action="store_true", help="only the model on")
    parser.add_argument("--pairs", action="store_true",
                        help="also kk/en agreement on 1,000 real headline pairs (no labels; ~30 s)")
    args = parser.parse_args()
    use = (False,) if args.off_only else (True,) if args.on_only else (True, False)
    print(f"topics on real news: {args.folder / RU_LABELLED}")
    topic_figures(args.folder, use, args.cv)
    if args.pairs:
        pair_agreement(args.folder)


if __name__ == "__main__":
    main()
