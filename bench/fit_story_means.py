"""Learn the per-language means of story linking's space (`janalyq.story_space`) from real news.

    python -m bench.fit_story_means          # from ../shared/real, writes src/janalyq/data/story_means.npz

Kazakh and English: the headlines of the kk/en pairs; Russian: the Russian news of
`ru_labelled.jsonl`, each embedded as an import embeds it (`embed.embedding_text`: the title, then
the lead).  Only the three mean vectors are written, never a sentence of the material.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bench.real import HEADLINE_PAIRS, RU_LABELLED, fit_arguments, load
from janalyq.embed import default_embedder, embedding_text

OUT = Path(__file__).resolve().parent.parent / "src" / "janalyq" / "data" / "story_means.npz"
_CACHE: dict[tuple[str, str], np.ndarray] = {}


def pair_vectors(pairs: list[dict], lang: str) -> np.ndarray:
    """Raw embeddings of one side of the headline pairs, as the import embeds a headline with
    an empty body; kept per process, since every bench draw needs them."""
    key = (lang, str(len(pairs)) + (pairs[0]["pair"] if pairs else ""))
    if key not in _CACHE:
        _CACHE[key] = default_embedder().embed([embedding_text(p[lang], "") for p in pairs])
    return _CACHE[key]


def russian_vectors(folder: Path) -> np.ndarray:
    key = ("ru", str(folder))
    if key not in _CACHE:
        records = [r for r in load(RU_LABELLED, folder) if r.get("lang", "ru") == "ru"]
        _CACHE[key] = default_embedder().embed([embedding_text(r["title"], r.get("body") or "") for r in records])
    return _CACHE[key]


def learn_means(pairs: list[dict], folder: Path, without: set | None = None) -> dict[str, np.ndarray]:
    """kk and en means over the pairs (less those in `without`, by pair id), ru over ru_labelled."""
    keep = np.array([without is None or p["pair"] not in without for p in pairs])
    means = {lang: pair_vectors(pairs, lang)[keep].mean(axis=0) for lang in ("kk", "en")}
    means["ru"] = russian_vectors(folder).mean(axis=0)
    return {lang: vector.astype(np.float32) for lang, vector in means.items()}


def means_without(pairs: list[dict], sample: list[dict], folder: Path, shipped: bool = False) -> None:
    """Measure with means learned without the sampled pairs, as `lexicon_without` does for the
    lexicon: the shipped means have seen them (`shipped`: use those anyway)."""
    from janalyq.story_space import use_story_means

    use_story_means(None if shipped else learn_means(pairs, folder, {record["pair"] for record in sample}))


def main() -> None:
    args = fit_arguments(__doc__.splitlines()[0], OUT)
    pairs = load(HEADLINE_PAIRS, args.folder)
    means = learn_means(pairs, args.folder)
    langs = sorted(means)
    np.savez(args.out, space=np.array(default_embedder().name), langs=np.array(langs),
             means=np.vstack([means[lang] for lang in langs]))
    print(f"{len(pairs)} pairs and {len(russian_vectors(args.folder))} Russian items -> means of {', '.join(langs)}: {args.out}")


if __name__ == "__main__":
    main()
