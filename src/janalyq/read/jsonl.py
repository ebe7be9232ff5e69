"""Reader for JSON Lines interchange files: one `{url, title, body, published, lang}` per line.

Optional keys: source_url, outlet, section.  Each line is checked against the one schema
(`janalyq.read.record.NewsRecord`); a bad line is rejected on its own, naming the file, the line
number and the field, and the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from janalyq.article import Article, Reject
from janalyq.read.files import TextInput
from janalyq.read.record import NewsRecord, RecordError



def looks_like_jsonl(doc: TextInput) -> bool:
    if doc.name.lower().endswith((".jsonl", ".ndjson")):
        return True
    return doc.text.lstrip()[:1] == "{"


def _paragraphs(body: tuple[str, ...]) -> list[str]:
    if len(body) != 1:
        return [p for p in body if p.strip()]
    text = body[0].replace("\r\n", "\n")
    parts = text.split("\n\n") if "\n\n" in text else text.split("\n")
    return [p for p in parts if p.strip()]


def _lang(value: str | None) -> str | None:
    code = (value or "").strip().lower()[:2]
    return "kk" if code == "kz" else code if code in ("kk", "ru", "en") else None


def record_to_article(record: NewsRecord, fallback_url: str, position: int) -> Article:
    return Article(
        url=record.url or fallback_url,
        title=record.title or "",
        body=_paragraphs(record.body),
        date_text=record.published or None,
        lang=_lang(record.lang),
        source_url=record.source_url or record.url or None,
        outlet=record.outlet or None,
        site_section=record.section or None,
        position=position,
    )


def _parse(line: str):
    try:
        return json.loads(line)
    except ValueError as exc:  # JSONDecodeError, and numbers too long to convert
        raise RecordError(f"invalid JSON: {getattr(exc, 'msg', exc)}") from None
    except RecursionError:
        raise RecordError("invalid JSON: nested too deeply") from None


def read_jsonl(doc: TextInput) -> Iterator[Article | Reject]:
    for number, line in enumerate(doc.text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = NewsRecord.from_json(_parse(line))
        except RecordError as exc:
            yield Reject(f"{doc.uri} line {number}", str(exc))
            continue
        yield record_to_article(record, f"{doc.uri}#{number}", number)
