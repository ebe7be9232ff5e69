"""The read stage: files in, raw `Article` records (or rejects with reasons) out.

Readers are tried in order; each says whether a document is its format.  The page-dump reader
is the fallback for plain text.  Feeds and web archives plug in here as further readers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from janalyq.article import Article, Reject
from janalyq.read.files import (MAX_LINE_CHARS, MAX_MARKUP_LINE_CHARS, InputError, TextInput, check_regular,
                                iter_paths, line_too_long, read_text)
from janalyq.read.feed import looks_like_feed, read_feed
from janalyq.read.html import looks_like_html, read_html
from janalyq.read.jsonl import looks_like_jsonl, read_jsonl
from janalyq.read.pagedump import read_pagedump
from janalyq.read.warc import is_warc_path, read_warc, warc_parts


@dataclass(frozen=True)
class Reader:
    name: str
    accepts: Callable[[TextInput], bool]
    read: Callable[[TextInput], Iterator[Article | Reject]]


READERS: list[Reader] = [
    Reader("jsonl", looks_like_jsonl, read_jsonl),
    Reader("feed", looks_like_feed, read_feed),
    Reader("html", looks_like_html, read_html),
    Reader("pagedump", lambda doc: True, read_pagedump),
]


# Binary containers (web archives) are read from the path itself, before any text decoding.
PATH_READERS: list[tuple[Callable[[Path], bool], Callable[[Path], Iterator[Article | Reject | str]]]] = [
    (is_warc_path, read_warc),
]


def reader_for(doc: TextInput) -> Reader:
    return next(r for r in READERS if r.accepts(doc))


def read_path(path: Path) -> Iterator[Article | Reject | str]:
    """Articles and rejects of one file; plain strings are warnings (the file was still read)."""
    for accepts, read in PATH_READERS:
        if accepts(path):
            try:
                check_regular(path)
            except InputError as exc:
                yield Reject(str(path), str(exc))
                return
            try:
                yield from _nothing_is_a_reject(path, "web archive", read(path))
            except Exception as exc:  # as below: one odd archive must not stop the run
                yield Reject(str(path), f"reader failed: {type(exc).__name__}: {exc}")
            return
    try:
        doc = read_text(path, line_limit=MAX_MARKUP_LINE_CHARS)
    except InputError as exc:
        yield Reject(str(path), str(exc))
        return
    reader = reader_for(doc)
    # Markup (feeds, HTML, JSON Lines) may be minified onto one line; plain text may not.
    if reader.name == "pagedump" and doc.longest_line > MAX_LINE_CHARS:
        yield Reject(str(path), line_too_long(doc.longest_line, MAX_LINE_CHARS))
        return
    yield from (f"{path}: {w}" for w in doc.warnings)
    try:
        yield from _nothing_is_a_reject(path, reader.name, reader.read(doc))
    except Exception as exc:  # a reader bug on one odd file must not stop the run
        yield Reject(str(path), f"reader failed: {type(exc).__name__}: {exc}")


def _nothing_is_a_reject(path: Path, kind: str, items: Iterator[Article | Reject | str]
                         ) -> Iterator[Article | Reject | str]:
    """The reader's items; an input that gives neither an article nor a reject is one."""
    produced = False
    for item in items:
        produced = produced or not isinstance(item, str)
        yield item
    if not produced:
        yield nothing_read(path, kind)


def nothing_read(path: Path | str, kind: str) -> Reject:
    return Reject(str(path), f"no article found: the {kind} reader read nothing from it")


def read_warc_part(path: Path, start: int, stop: int | None) -> Iterator[Article | Reject | str]:
    """The items of the records of a WARC file that begin between `start` and `stop` (a part
    listed by `warc_parts`).  What concerns the whole file (a file that gave nothing is a
    reject) is left to whoever joins the parts (`pipeline.join_parts`)."""
    try:
        yield from read_warc(path, start, stop)
    except Exception as exc:  # as in read_path: one odd archive must not stop the run
        yield Reject(str(path), f"reader failed: {type(exc).__name__}: {exc}")


__all__ = ["READERS", "Reader", "iter_paths", "read_path", "read_warc_part", "reader_for", "TextInput", "warc_parts"]


def read_paths(paths: Iterable[str]) -> Iterator[Article | Reject | str]:
    for path in iter_paths(paths):
        yield from read_path(path)
