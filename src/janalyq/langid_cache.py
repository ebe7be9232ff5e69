"""py3langid's model, unpacked once into the cache folder and memory-mapped after.

The model ships as a 68 MB NumPy archive packed with LZMA.  Unpacking it took about half a
second of CPU in every process that identifies languages (the import's worker server before any
worker could start, a one-file import): 0.35 s of LZMA, the rest reading the arrays out of the
archive (with its checksums).  Unpacked once into `~/.cache/janalyq/models/py3langid-<version>-<size>/`, one
`.npy` file per array, the arrays are mapped from the page cache in a few milliseconds, and
processes that load them share those pages.

The folder is filled under a temporary name and renamed into place, so a process never reads a
half-written model; two processes that build it at once both succeed and one copy is kept.  Any
failure (a read-only home, a damaged file) leaves the caller to unpack in memory as before.
"""

from __future__ import annotations

import io
import lzma
import os
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path

import numpy as np

from janalyq.cache_folder import cache_root

ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def packed_model() -> Path:
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / MODEL_FILE


def unpacked_in_memory() -> dict[str, np.ndarray]:
    """Every array of the shipped model, unpacked here (no file written)."""
    with lzma.open(packed_model()) as packed:
        unpacked = packed.read()
    with np.load(io.BytesIO(unpacked), allow_pickle=False) as data:
        return {name: data[name] for name in ARRAYS}


def model_folder(root: Path | None = None) -> Path:
    """Where the unpacked arrays of this py3langid's model live: named by its version and the
    packed file's size, so another release of the model is unpacked anew."""
    size = packed_model().stat().st_size
    return (root or cache_root() / "models") / f"py3langid-{version('py3langid')}-{size}"


def cached_arrays(root: Path | None = None) -> dict[str, np.ndarray]:
    """The model's arrays mapped read-only from the cache folder, unpacked there first if needed."""
    folder = model_folder(root)
    if not folder.is_dir():
        _unpack_into(folder)
    try:
        return _mapped(folder)
    except (OSError, ValueError):  # a damaged or incomplete copy: unpacked again, once
        shutil.rmtree(folder, ignore_errors=True)
        _unpack_into(folder)
        return _mapped(folder)


def _mapped(folder: Path) -> dict[str, np.ndarray]:
    return {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in ARRAYS}


def _unpack_into(folder: Path) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(dir=folder.parent, prefix=folder.name + ".", suffix=".part"))
    try:
        for name, array in unpacked_in_memory().items():
            np.save(building / f"{name}.npy", array, allow_pickle=False)
        try:
            os.rename(building, folder)
        except OSError:  # another process renamed its copy first: that one is kept
            if not folder.is_dir():
                raise
    finally:
        shutil.rmtree(building, ignore_errors=True)
