"""Reader for JSON Lines interchange files: one `{url, title, body, published, lang}` per line.

Optional keys: source_url, outlet, section.  A bad line is rejected on its own, naming the file
and line number; the other lines are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from janalyq.article import Article, Reject
from janalyq.read.files import TextInput



def looks_like_jsonl(doc: TextInput) -> bool:
    if doc.name.lower().endswith((".jsonl", ".ndjson")):
        return True
    return doc.text.lstrip()[:1] == "{"


def _paragraphs(body) -> list[str]:
    if isinstance(body, list):
        return [str(p) for p in body if str(p).strip()]
    text = str(body or "").replace("\r\n", "\n")
    parts = text.split("\n\n") if "\n\n" in text else text.split("\n")
    return [p for p in parts if p.strip()]


def _lang(value) -> str | None:
    code = str(value or "").strip().lower()[:2]
    return "kk" if code == "kz" else code if code in ("kk", "ru", "en") else None


def record_to_article(record: dict, fallback_url: str, position: int) -> Article:
    return Article(
        url=str(record.get("url") or fallback_url),
        title=str(record.get("title") or ""),
        body=_paragraphs(record.get("body")),
        date_text=str(record["published"]) if record.get("published") else None,
        lang=_lang(record.get("lang")),
        source_url=record.get("source_url") or record.get("url") or None,
        outlet=record.get("outlet") or None,
        site_section=record.get("section") or None,
        position=position,
    )


def read_jsonl(doc: TextInput) -> Iterator[Article | Reject]:
    for number, line in enumerate(doc.text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{doc.uri} line {number}"
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Reject(where, f"invalid JSON: {exc.msg}")
            continue
        if not isinstance(record, dict):
            yield Reject(where, "a JSON Lines record must be an object")
            continue
        if not (record.get("title") or record.get("body")):
            yield Reject(where, "record has neither title nor body")
            continue
        yield record_to_article(record, f"{doc.uri}#{number}", number)
