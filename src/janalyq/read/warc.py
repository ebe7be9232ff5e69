"""Reader for WARC files (.warc, .warc.gz): the crawler's archives, or any other crawler's.

WARC is binary, so this reader takes the path, not decoded text (see PATH_READERS in
janalyq.read).  Article responses are read exactly as the crawl read them, with the hints
the crawler stored in each record (language, outlet, feed title and date, selectors); other
crawlers' records without hints are read as plain HTML pages.  Navigation pages (feeds,
listings, sitemaps, robots.txt) and non-200 responses are skipped: they hold no article.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from janalyq.article import Article, Reject
from janalyq.crawl.archive import iter_archived
from janalyq.crawl.fetch import charset_of
from janalyq.read.encoding import NotText, decode_bytes

NAVIGATION_ROLES = {"robots", "feed", "sitemap", "listing"}


def is_warc_path(path: Path) -> bool:
    return path.name.lower().endswith((".warc", ".warc.gz"))


def read_warc(path: Path, start: int = 0, stop: int | None = None) -> Iterator[Article | Reject | str]:
    """The articles of a WARC file, or of the records that begin between `start` and `stop`."""
    # Imported here: janalyq.crawl.extract imports the read package, which imports this module.
    from janalyq.crawl.extract import article_from_page

    if not path.is_file():
        yield Reject(str(path), "cannot read: no such file (or a broken link)")
        return
    for record in iter_archived(path, start, stop):
        if isinstance(record, str):
            yield Reject(str(path), record)
            return
        where = f"{path}@{record.offset}"
        content_type = (record.header("content-type") or "").lower()
        if record.status != 200 or record.role in NAVIGATION_ROLES:
            continue
        if record.role is None and "html" not in content_type:
            continue
        try:
            decoded = decode_bytes(record.body, charset_of(content_type))
        except NotText as exc:
            yield Reject(where, str(exc))
            continue
        yield from (f"{where}: {w}" for w in decoded.warnings)
        yield article_from_page(record.url, decoded.text, record.hints)


def warc_parts(path: Path, part_bytes: int) -> list[tuple[int, int | None]] | None:
    """Byte ranges of about `part_bytes` each, cut where a response record begins, that hold
    every record of the file between them: parts to read apart (`read_warc(path, start, stop)`).
    None when the file is damaged (read whole, it is a reject at the damage, and every part
    after it would be lost as well) or holds one part only."""
    cuts = [0]
    for record in iter_archived(path):
        if isinstance(record, str):
            return None
        if record.offset - cuts[-1] >= part_bytes:
            cuts.append(record.offset)
    if len(cuts) < 2:
        return None
    return list(zip(cuts, [*cuts[1:], None]))
