"""Every fetched response goes to a WARC file (warcio), so the pipeline can be re-run later.

Each response record carries, besides the standard WARC fields, what the crawler knew about it:
`WARC-Janalyq-Role` (article, feed, sitemap, listing, robots), `WARC-Janalyq-Source` and
`WARC-Janalyq-Hints` (JSON: language, outlet, feed title and date, per-site selectors), so that
`janalyq import crawl.warc.gz` reads the archived pages exactly as the crawl did.  Bodies are
stored decoded; the original Content-Encoding is kept as X-Janalyq-Original-Content-Encoding.
The file is flushed after every record: a crawl killed after a write finds the response again
on restart instead of fetching it twice.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from janalyq import __version__

ROLE_HEADER = "WARC-Janalyq-Role"
SOURCE_HEADER = "WARC-Janalyq-Source"
HINTS_HEADER = "WARC-Janalyq-Hints"
_DROPPED = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass
class ArchivedResponse:
    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    role: str | None = None
    source: str | None = None
    hints: dict = field(default_factory=dict)
    warc_file: str = ""
    offset: int = 0

    def header(self, name: str) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k.lower() == name), None)


class WarcArchive:
    """Appends response records to rotating .warc.gz files in one folder."""

    def __init__(self, folder: str | Path, max_bytes: int) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes
        self._handle = None
        self._writer: WARCWriter | None = None
        self.current: Path | None = None
        self.files: list[Path] = []
        self._seq = 0

    def _open(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d%H%M%S")
        while True:
            self._seq += 1
            path = self.folder / f"janalyq-{stamp}-{os.getpid()}-{self._seq:05d}.warc.gz"
            if not path.exists():
                break
        self._handle = path.open("ab")
        self._writer = WARCWriter(self._handle, gzip=True)
        info = self._writer.create_warcinfo_record(path.name, {
            "software": f"janalyq/{__version__}", "format": "WARC File Format 1.1",
        })
        self._writer.write_record(info)
        self.current = path
        self.files.append(path)

    def write(self, url: str, status: int, reason: str, http_version: str,
              headers: list[tuple[str, str]], body: bytes, role: str, source: str,
              hints: dict) -> tuple[str, int]:
        """Append one response; returns (file name, offset of the record)."""
        if self._writer is None or self._handle.tell() > self.max_bytes:
            self.close()
            self._open()
        kept = [(k, v) for k, v in headers if k.lower() not in _DROPPED]
        kept += [(f"X-Janalyq-Original-{k}", v) for k, v in headers if k.lower() in _DROPPED]
        kept.append(("Content-Length", str(len(body))))
        protocol = "HTTP/2" if http_version.upper().startswith("HTTP/2") else "HTTP/1.1"
        http_headers = StatusAndHeaders(f"{status} {reason or 'Status'}", kept, protocol=protocol)
        record = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http_headers,
            warc_headers_dict={ROLE_HEADER: role, SOURCE_HEADER: source,
                               HINTS_HEADER: json.dumps(hints, ensure_ascii=True, sort_keys=True)},
        )
        offset = self._handle.tell()
        self._writer.write_record(record)
        self._handle.flush()
        return self.current.name, offset

    def sync(self) -> None:
        """Make written records durable (called at each store commit)."""
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())

    def close(self) -> None:
        if self._handle is not None:
            self.sync()
            self._handle.close()
            self._handle = None
            self._writer = None


def iter_archived(path: str | Path, start: int = 0, stop: int | None = None) -> Iterator[ArchivedResponse | str]:
    """Response records of a WARC file; a string is an error that ended the reading.

    With `start` and `stop`, only the records that begin in that byte range: a part of a file
    whose record offsets were listed by reading it whole (janalyq.backfill); `stop` None reads
    to the end.  Offsets are those of the file (warcio counts from where the handle stands)."""
    path = Path(path)
    whole = start == 0 and stop is None
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            records = ArchiveIterator(handle)
            for record in records:
                if not record.rec_type:  # warcio's sign of a cut gzip member: no WARC header
                    yield (f"WARC file damaged after the last good record (offset "
                           f"{records.get_record_offset()}): truncated or corrupt")
                    return
                # Every record is read, requests and metadata too: a cut can fall in any of them.
                body = record.content_stream().read()  # before any offset query, which skips it
                if getattr(record.raw_stream, "limit", 0) > 0:
                    # warcio ends quietly at a cut gzip member: a record shorter than its
                    # declared length is the sign of a damaged (truncated) file.
                    yield (f"WARC file damaged after the last good record: the record at offset "
                           f"{records.get_record_offset()} is cut short")
                    return
                offset = records.get_record_offset()
                if stop is not None and offset >= stop:
                    return
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                yield _archived(record, body, path.name, offset)
        if whole and path.name.endswith(".gz") and _gzip_cut(path):
            yield "WARC file damaged after the last good record: the compressed stream is cut short"
    except (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, TypeError) as exc:
        # warcio raises AttributeError/TypeError when a cut falls inside a record's header lines
        # (it reads a missing header as None); where the file was cut decides which error comes.
        yield f"WARC file damaged after the last good record: {type(exc).__name__}: {exc}"


def _gzip_cut(path: Path) -> bool:
    """True when the gzip stream ends without its end marker (warcio can stop there silently)."""
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except EOFError:
        return True
    except (OSError, zlib.error):
        return True
    return False


def _archived(record, body: bytes, file_name: str, offset: int) -> ArchivedResponse:
    headers = record.rec_headers
    try:
        hints = json.loads(headers.get_header(HINTS_HEADER) or "{}")
    except ValueError:
        hints = {}
    return ArchivedResponse(
        url=headers.get_header("WARC-Target-URI") or "",
        status=int(record.http_headers.get_statuscode() or 0),
        headers=list(record.http_headers.headers),
        body=body,
        role=headers.get_header(ROLE_HEADER),
        source=headers.get_header(SOURCE_HEADER),
        hints=hints if isinstance(hints, dict) else {},
        warc_file=file_name,
        offset=offset,
    )
