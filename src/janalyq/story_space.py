"""The space in which story linking compares embeddings: each language's offset removed.

Every language leaves its own offset in multilingual-e5's space, and removing it is what makes
a Kazakh and an English version of one release closer than two releases in one language.  The
topic model takes those offsets from its labelled examples, our own writing.  Real official
headlines sit elsewhere in the space (formulaic, full of ministries and titles), and centred by
the examples' means their versions in two languages were found first among 1,000 candidates
0.72-0.84 of the time by the embedding alone; centred by the means of real official news, 0.88-0.91
(bench/bench_real.py, retrieval, with means learned without the sampled pairs).

So story linking centres by per-language means learned from real news (`data/story_means.npz`,
written by bench/fit_story_means.py: only the mean vectors ship, no text), falling back to the
topic model's means for a language the file lacks or another embedding space.  The topic model
keeps its own centring: its weights were fitted in it.
"""

from __future__ import annotations

from importlib import resources

import numpy as np

from janalyq.embed import centre

MEANS_FILE = "data/story_means.npz"
_OVERRIDE: list[dict[str, np.ndarray]] = []


def shipped_means(space: str) -> dict[str, np.ndarray]:
    """The shipped per-language means for this embedding space, or none for another space."""
    try:
        with resources.files("janalyq").joinpath(MEANS_FILE).open("rb") as handle:
            stored = np.load(handle)
            if str(stored["space"]) != space:
                return {}
            return {str(lang): stored["means"][row].astype(np.float32) for row, lang in enumerate(stored["langs"])}
    except (FileNotFoundError, KeyError, ValueError, OSError):
        return {}


def use_story_means(means: dict[str, np.ndarray] | None) -> None:
    """Use these means instead of the shipped ones (None: back to the shipped ones).  For benches
    that measure on the real pairs the shipped means were learned from, with means learned
    without them."""
    _OVERRIDE.clear()
    if means is not None:
        _OVERRIDE.append(means)


class StorySpace:
    """`centre` and `background` for story linking, over a topic model's embedder and examples."""

    def __init__(self, model):
        self.model = model
        self.means = dict(model.lang_means) if model.embedder is not None else {}
        if model.embedder is not None:
            self.means.update(_OVERRIDE[-1] if _OVERRIDE else shipped_means(model.embedder.name))

    def centre(self, vector: np.ndarray, lang: str | None) -> np.ndarray:
        """The embedding without its language's offset (the topic model's overall mean when the
        language is unknown)."""
        return centre(vector, self.means.get(lang, self.model.mean))[0]

    def centre_rows(self, vectors: np.ndarray, lang: str | None) -> np.ndarray:
        """`centre` of each row of a matrix of embeddings of one language, in one call."""
        return centre(vectors, self.means.get(lang, self.model.mean))

    def background(self, centred: np.ndarray) -> np.ndarray:
        """Similarities to the labelled examples in the topic model's own centring: what
        "unrelated" looks like for this text.  It stays there on purpose: `story.pair_score`'s
        weights and thresholds are in spreads of this background, and the better centring moves
        the pair's similarity, not the scale it is read in (centred by the real means too, the
        background widened and the year-long stream lost a point of recall)."""
        return self.model.background(centred)
