"""Finding input files and turning each into text, or into a clear reason why it cannot be read."""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from janalyq.read.encoding import NotText, decode_bytes

MAX_FILE_BYTES = 200 * 1024 * 1024
_SPLIT_LINES_UP_TO = 8_000_000
MAX_LINE_CHARS = 1_000_000  # real page dumps stay far below; a longer line is not a page
# Feeds, HTML and JSON Lines are often minified: a 450-item full-text feed is one line of 3.3
# million characters.  Their lines are bounded by this instead (the file limit bounds the rest).
MAX_MARKUP_LINE_CHARS = 64_000_000
_GUNZIP_CHUNK = 1 << 20
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
    longest_line: int = 0  # characters: the plain-text reader has a tighter limit than markup

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


def _open_regular(path: Path) -> int:
    """A descriptor of `path` if it is a regular file.  Opened without blocking and checked on
    the open descriptor: a FIFO would otherwise wait forever for a writer, and a check before
    opening could be raced."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a directory"
                if stat.S_ISDIR(mode) else "not a file")
        raise InputError(f"not a regular file ({kind}): skipped")
    return fd


def check_regular(path: Path) -> None:
    """Raise InputError unless `path` is a readable regular file (for readers that open it
    themselves, such as the web archive reader)."""
    with _reading(path):
        os.close(_open_regular(path))


class _reading:
    """Turns the OS errors of opening and reading a file into InputError with plain words."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> bool:
        if exc is None or isinstance(exc, InputError):
            return False
        if isinstance(exc, FileNotFoundError):
            raise InputError("cannot read: no such file (or a broken link)") from None
        if isinstance(exc, IsADirectoryError):
            raise InputError("cannot read: is a directory") from None
        if isinstance(exc, PermissionError):
            raise InputError("cannot read: permission denied") from None
        if isinstance(exc, OSError):
            raise InputError(f"cannot read: {exc.strerror or exc}") from None
        return False


def _read_bytes(path: Path) -> bytes:
    with _reading(path):
        fd = _open_regular(path)
        with os.fdopen(fd, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise InputError(f"file is {size // 2**20} MB, over the {MAX_FILE_BYTES // 2**20} MB limit")
            if path.name.endswith(".gz"):
                return _gunzip(handle)
            return handle.read(MAX_FILE_BYTES + 1)


def _gunzip(handle) -> bytes:
    """Decompress as it streams, chunk by chunk, and stop as soon as the output passes the
    limit: a small .gz bomb never expands in memory beyond the limit."""
    parts, total = [], 0
    try:
        with gzip.GzipFile(fileobj=handle, mode="rb") as stream:
            while chunk := stream.read(_GUNZIP_CHUNK):
                total += len(chunk)
                if total > MAX_FILE_BYTES:
                    raise InputError(f"decompressed size over the {MAX_FILE_BYTES // 2**20} MB limit"
                                     " (stopped while decompressing)")
                parts.append(chunk)
    except EOFError:
        raise InputError("truncated .gz: the compressed stream ends before its end marker") from None
    except (gzip.BadGzipFile, zlib.error) as exc:
        raise InputError(f"corrupt .gz: {exc}") from None
    return b"".join(parts)


def _longest_line(text: str) -> int:
    # split() and len() run in C, several times faster than a find() loop on a page of short
    # lines; the list of lines costs about the text's size again, so large files keep the loop.
    if len(text) <= _SPLIT_LINES_UP_TO:
        return max(map(len, text.split("\n")))
    longest = start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            return max(longest, len(text) - start)
        longest = max(longest, end - start)
        start = end + 1


def read_text(path: Path, declared_charset: str | None = None, line_limit: int = MAX_LINE_CHARS) -> TextInput:
    """Read one file as text; raises InputError with the reason when that is impossible."""
    data = _read_bytes(path)
    if not data.strip():
        raise InputError("empty file" if not data else "file holds only whitespace")
    try:
        decoded = decode_bytes(data, declared_charset)
    except NotText as exc:
        raise InputError(str(exc)) from None
    longest = _longest_line(decoded.text)
    if longest > line_limit:
        raise InputError(line_too_long(longest, line_limit))
    uri = path.resolve().as_uri()
    return TextInput(path, uri, decoded.text, decoded.encoding, decoded.warnings, longest)


def line_too_long(longest: int, limit: int) -> str:
    return f"a single line of {longest:,} characters (limit {limit:,}): not a news page"
