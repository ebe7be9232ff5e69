"""Story linking and cross-lingual retrieval on our development sets, and import speed with them.

Prints:
1. cross-lingual title retrieval, kk->en, ru->en, kk->ru: is the right version first among
   1,000 candidates (bench/devsets/titles.py)?  By embedding alone, and by the linker's score
   (embedding margin, numbers, places, people) over the embedding's 20 nearest;
2. story linking, pairwise precision and recall, after importing through the real pipeline:
   (a) the hand-written trilingual events (bench/devsets/events.txt), (b) 300 templated events
   in three languages within ten days, where many share a frame but not a city or a number;
3. import speed with embeddings, topics and stories on, against the same import with the model
   off (JANALYQ_EMBEDDINGS=0), and the peak memory of the importing processes (the import and
   its workers) at each size; the corpus comes in files of 20 articles, as crawls and dumps do.

    python -m bench.bench_story                      # everything (a few minutes on 2 cores)
    python -m bench.bench_story --only retrieval     # or: linking, speed
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from bench.devsets import event_url, load_events, write_events_jsonl
from bench.devsets.titles import templated_events, title_set, write_jsonl
from janalyq.embed import default_embedder
from janalyq.entities import extract
from janalyq.lexicon import words
from janalyq.story import StoryItem, evidence, pair_score
from janalyq.story_space import StorySpace
from janalyq.topic import TopicModel

SHORTLIST = 20


# -- 1. retrieval ------------------------------------------------------------------------------
def retrieval(events: list[dict], pairs=(("kk", "en"), ("ru", "en"), ("kk", "ru"))) -> None:
    embedder = default_embedder()
    model = StorySpace(TopicModel(embedder))
    started = time.monotonic()
    vectors = {lang: np.vstack([model.centre(v, lang) for v in embedder.embed([e[lang] for e in events])])
               for lang in ("kk", "ru", "en")}
    print(f"embedded {3 * len(events)} titles in {time.monotonic() - started:.0f}s")
    items = {lang: [_title_item(i, e[lang], lang, vectors[lang][i], model) for i, e in enumerate(events)]
             for lang in ("kk", "ru", "en")}
    print(f"{'pair':8} {'candidates':>10} {'embedding top-1':>16} {'in top-20':>10} {'linker top-1':>13}")
    for source, target in pairs:
        sims = vectors[source] @ vectors[target].T
        truth = np.arange(len(events))
        top1 = float((sims.argmax(axis=1) == truth).mean())
        shortlist = np.argsort(-sims, axis=1)[:, :SHORTLIST]
        in_list = float(np.mean([truth[i] in shortlist[i] for i in truth]))
        hits = 0
        for i in truth:
            scored = [(pair_score(evidence(items[source][i], items[target][j], vectors[source][i], vectors[target][j]),
                                  source == target), j)
                      for j in shortlist[i]]
            hits += max(scored)[1] == i
        print(f"{source}->{target:5} {len(events):>10} {top1:>16.3f} {in_list:>10.3f} {hits / len(events):>13.3f}")


def _title_item(index: int, title: str, lang: str, centred: np.ndarray, model: StorySpace) -> StoryItem:
    sims = model.background(centred)
    return StoryItem(rid=index, article_id=str(index), lang=lang, outlet=None, day=0, release=None,
                     entities=extract(title, "", lang), background=(float(sims.mean()), float(sims.std())),
                     words=words(title, lang))


# -- 2. linking -------------------------------------------------------------------------------
def pairwise(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of predicted clusters against gold clusters."""
    def pairs(labels: dict[str, str]) -> set:
        groups = defaultdict(list)
        for key, label in labels.items():
            groups[label].append(key)
        return {tuple(sorted(p)) for members in groups.values() for p in itertools.combinations(members, 2)}

    gold_pairs, predicted_pairs = pairs(gold), pairs(predicted)
    good = len(gold_pairs & predicted_pairs)
    precision = good / len(predicted_pairs) if predicted_pairs else 1.0
    recall = good / len(gold_pairs) if gold_pairs else 1.0
    return precision, recall, len(predicted_pairs), len(gold_pairs)


def import_and_read_stories(jsonl: Path, workdir: Path) -> dict[str, str]:
    from janalyq.pipeline import import_paths
    from janalyq.store import Store

    store = Store(workdir / f"{jsonl.stem}.db")
    report = import_paths([str(jsonl)], store)
    assert not report.rejects, report.rejects[:3]
    stories = {row["url"]: row["story_id"] for row in store.rows("SELECT url, story_id FROM articles")}
    store.close()
    return stories


def linking(workdir: Path, shuffle_seed: int = 7) -> None:
    records = load_events()
    random.Random(shuffle_seed).shuffle(records)  # arrival order is not chronological in life either
    hand = write_events_jsonl(workdir / "events.jsonl", records)
    gold = {event_url(r): r["event"] for r in records}
    _report_linking("hand-written events (kk/ru/en)", gold, import_and_read_stories(hand, workdir))

    events = templated_events(300, seed=11)
    templated = workdir / "templated.jsonl"
    write_jsonl(events, templated)
    gold = {f"https://news.example.kz/titles/{lang}/{e['event']}": e["event"] for e in events for lang in ("kk", "ru", "en")}
    _report_linking("templated events, shared frames", gold, import_and_read_stories(templated, workdir))


def _report_linking(name: str, gold: dict, predicted: dict) -> None:
    predicted = {url: story for url, story in predicted.items() if url in gold}
    precision, recall, n_pred, n_gold = pairwise(gold, predicted)
    stories = len(set(predicted.values()))
    print(f"{name}: {len(predicted)} articles, {len(set(gold.values()))} events, {stories} stories;"
          f" pairwise precision {precision:.3f} ({n_pred} pairs), recall {recall:.3f} ({n_gold} pairs)")


# -- 3. speed and memory ------------------------------------------------------------------------
def speed_corpus(size: int, out: Path, seed: int = 5, per_file: int = 20) -> Path:
    """`size` distinct articles in files of `per_file` (a folder, as crawls and dumps come): a
    templated title and a body of six lead sentences (ours)."""
    rng = random.Random(seed)
    leads = defaultdict(list)
    for record in load_events():
        leads[record["lang"]].append(record["lead"])
    events = templated_events(min(size // 3 + 1, 1300), seed=seed)
    out.mkdir(parents=True, exist_ok=True)
    for start in range(0, size, per_file):
        with (out / f"part-{start // per_file:05d}.jsonl").open("w", encoding="utf-8") as handle:
            for number in range(start, min(start + per_file, size)):
                event, lang = events[number // 3 % len(events)], ("kk", "ru", "en")[number % 3]
                body = "\n\n".join(rng.sample(leads[lang], 6))
                line = {"url": f"https://news.example.kz/speed/{number}", "title": event[lang], "body": body,
                        "lang": lang, "published": event["published"]}
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return out


def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants (the import and its workers), in kB."""
    parents, rss = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        parents[int(entry.name)] = int(fields.get("PPid", "0").strip())
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    return sum(rss.get(pid, 0) for pid in tree)


def child_import(corpus: Path, db: Path, embeddings: bool) -> dict:
    """Import in a child process; wall-clock seconds, and the peak memory of its process tree."""
    env = dict(os.environ, JANALYQ_EMBEDDINGS="1" if embeddings else "0")
    code = ("import json, sys\nfrom janalyq.pipeline import import_paths\nfrom janalyq.store import Store\n"
            "r = import_paths([sys.argv[1]], Store(sys.argv[2]))\n"
            "print(json.dumps({'seconds': r.seconds, 'stored': r.stored_new}))")
    child = subprocess.Popen([sys.executable, "-c", code, str(corpus), str(db)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peak = 0
    while child.poll() is None:
        peak = max(peak, _tree_rss_kb(child.pid))
        time.sleep(0.25)
    out = child.stdout.read()
    if child.returncode != 0:
        raise RuntimeError(f"import of {corpus} failed with status {child.returncode}")
    return dict(json.loads(out.strip().splitlines()[-1]), rss_mb=peak / 1024)


def speed(workdir: Path, sizes: list[int]) -> None:
    print(f"load average before: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    print(f"{'articles':>8} {'embeddings':>10} {'articles/s':>11} {'peak MB, all processes':>23}")
    for size in sizes:
        corpus = speed_corpus(size, workdir / f"speed-{size}")
        rates = {}
        for embeddings in (True, False):
            db = workdir / f"speed-{size}-{embeddings}.db"
            result = child_import(corpus, db, embeddings)
            rates[embeddings] = result["stored"] / result["seconds"]
            print(f"{size:>8} {'on' if embeddings else 'off':>10} {rates[embeddings]:>11.1f} {result['rss_mb']:>23.0f}")
        print(f"{'':>8} with/without embeddings: {rates[True] / rates[False]:.3f}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description="story linking, retrieval and speed figures")
    parser.add_argument("--only", choices=["retrieval", "linking", "speed"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1200])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if args.only in (None, "retrieval"):
            print("== cross-lingual title retrieval (bench/devsets/titles.py)")
            retrieval(title_set(1000))
        if args.only in (None, "linking"):
            print("== story linking, imported through the pipeline")
            linking(workdir)
        if args.only in (None, "speed"):
            print("== import speed with topics and stories")
            speed(workdir, args.sizes)


if __name__ == "__main__":
    main()
