"""Finding input files and turning each into text, or into a clear reason why it cannot be read."""

from __future__ import annotations

import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from janalyq.read.encoding import NotText, decode_bytes

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_LINE_CHARS = 1_000_000  # real page dumps stay far below; a longer line is not a page
_SKIP_SUFFIXES = {".db", ".db-wal", ".db-shm", ".pyc"}


class InputError(Exception):
    """An input that cannot be read; the message is the reason, in plain words."""


@dataclass
class TextInput:
    path: Path
    uri: str  # file:// URI of the resolved path; item URLs are this plus "#index"
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The file name without a .gz suffix, which readers use to recognise the format."""
        return self.path.name[:-3] if self.path.name.endswith(".gz") else self.path.name


def iter_paths(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Files named, and files inside folders named (recursively, sorted, hidden ones skipped).

    A path that does not exist is still yielded, so that reading it produces a reject naming it.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix not in _SKIP_SUFFIXES:
                        yield Path(root) / name
        else:
            yield path


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"file is {size // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit")
        with path.open("rb") as handle:
            return handle.read()
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError("cannot read: no such file (or a broken link)") from None
    except IsADirectoryError:
        raise InputError("cannot read: is a directory") from None
    except PermissionError:
        raise InputError("cannot read: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None


def _gunzip(data: bytes) -> bytes:
    try:
        out = gzip.decompress(data)
    except EOFError:
        raise InputError("truncated .gz: the compressed stream ends before its end marker") from None
    except (OSError, zlib.error) as exc:
        raise InputError(f"corrupt .gz: {exc}") from None
    if len(out) > MAX_FILE_BYTES:
        raise InputError(f"decompressed size over the {MAX_FILE_BYTES // 2**20} MB limit")
    return out


def _longest_line(text: str) -> int:
    longest = start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            return max(longest, len(text) - start)
        longest = max(longest, end - start)
        start = end + 1


def read_text(path: Path, declared_charset: str | None = None) -> TextInput:
    """Read one file as text; raises InputError with the reason when that is impossible."""
    data = _read_bytes(path)
    if path.name.endswith(".gz"):
        data = _gunzip(data)
    if not data.strip():
        raise InputError("empty file" if not data else "file holds only whitespace")
    try:
        decoded = decode_bytes(data, declared_charset)
    except NotText as exc:
        raise InputError(str(exc)) from None
    longest = _longest_line(decoded.text)
    if longest > MAX_LINE_CHARS:
        raise InputError(
            f"a single line of {longest:,} characters (limit {MAX_LINE_CHARS:,}): not a news page"
        )
    uri = path.resolve().as_uri()
    return TextInput(path, uri, decoded.text, decoded.encoding, decoded.warnings)
