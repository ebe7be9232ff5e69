"""The storing process's story-linking cost per article, probed in a finished store.

An import's one storing process links every new article to a story: blocking-key candidates
(`StoryIndex.candidates`), their rows (`StoryIndex.load`), the members of likely stories and
`choose_story`.  This probe replays that work, read-only, for a sample of the articles already
in a store (each as if it arrived now, its own rows left out by their rid), in one process, and
prints the CPU milliseconds per article of each step.  With `--digest FILE` it writes each
probed article's decision (story, joined, score, merged, displaced), so that two versions of
the code can be compared on the same store: the same digest means the same stories.

    python -m bench.bench_import --sizes 100000 --model on     # leaves bench/out/bench-100000-model.db
    python -m bench.bench_storing bench/out/bench-100000-model.db --articles 2000 --digest /tmp/a.json
    python -m bench.bench_storing ... --profile                  # cProfile of the probe, top 25

The store is opened read-only; nothing is written to it.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time

from janalyq.enrich import shared_topic_model
from janalyq.embed import default_embedder
from janalyq.story import Hyperplanes, blocking_keys, choose_story
from janalyq.story_index import StoryIndex


def sample_rids(db, articles: int) -> list[int]:
    """`articles` rids evenly spread over the store's articles with a vector, in rid order."""
    rids = [rid for (rid,) in db.execute("SELECT rid FROM article_vectors ORDER BY rid")]
    step = max(1, len(rids) // max(articles, 1))
    return rids[::step][:articles]


class Probe:
    """The storing process's linking steps for stored articles, timed per step."""

    def __init__(self, store):
        embedder = default_embedder()
        self.model = shared_topic_model(embedder)
        self.planes = Hyperplanes(embedder.dim)
        self.index = StoryIndex(store, embedder.name)
        # Older versions of `choose_story` (to compare with) centre one vector at a time.
        self.extra = {"centre_rows": self.model.centre_rows} if hasattr(self.model, "centre_rows") else {}
        self.seconds = {"item": 0.0, "candidates": 0.0, "load": 0.0, "choose": 0.0}

    def item(self, rid: int):
        """The article as `Enricher._story` builds it on arrival (no story yet)."""
        item = self.index.load([rid])[0]
        item.story_id = None
        centred = self.model.centre(item.vector, item.lang)
        sims = self.model.background(centred)
        item.background = (float(sims.mean()), float(sims.std()))
        item.keys = blocking_keys(item, self.planes.keys(centred))
        return item

    def link(self, rid: int) -> dict:
        clock = time.process_time
        started = clock()
        item = self.item(rid)
        found = clock()
        rids = self.index.candidates(item)
        chosen = clock()
        candidates = self.index.load(rids)
        loaded = clock()
        # The article itself is stored: its own story must not offer it as a member.
        result = choose_story(item, candidates, self.model.centre,
                              lambda stories, known: self.index.members(stories, known | {rid}), **self.extra)
        done = clock()
        for step, seconds in zip(self.seconds, (found - started, chosen - found, loaded - chosen, done - loaded)):
            self.seconds[step] += seconds
        return {"rid": rid, "story": result.story_id, "joined": result.joined, "reason": result.reason,
                "score": result.score, "merged": result.merged, "candidates": rids,
                "displaced": [[rival.rid, partner.rid] for rival, partner in result.displaced]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--digest", help="write each probed article's decision to this JSON file")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of the probe")
    args = parser.parse_args(argv)
    from janalyq.store import open_store

    store = open_store(args.db, read_only=True)
    probe = Probe(store)
    rids = sample_rids(store.db, args.articles)
    probe.link(rids[0])  # statements prepared, lexicon and gazetteer loaded: not counted
    probe.seconds = dict.fromkeys(probe.seconds, 0.0)
    profiler = cProfile.Profile() if args.profile else None
    if profiler:
        profiler.enable()
    decisions = [probe.link(rid) for rid in rids]
    if profiler:
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    per_article = {step: round(1000 * s / len(rids), 3) for step, s in probe.seconds.items()}
    print(json.dumps({"db": args.db, "articles": len(rids), "cpu_ms_per_article": per_article,
                      "total_ms": round(sum(per_article.values()), 3), "profiled": bool(profiler),
                      "joined": sum(d["joined"] for d in decisions), "load_avg": round(os.getloadavg()[0], 2)}))
    if args.digest:
        with open(args.digest, "w", encoding="utf-8") as handle:
            json.dump(decisions, handle)
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
