"""The one schema of an interchange record (a JSON Lines line), as a typed model.

`NewsRecord.from_json(value)` returns the record or raises `RecordError` whose message names the
field and says what was wrong ("outlet must be text, got a number (99)").  Nothing is coerced
silently: a title of ["a", "b"] is an error, not the text "['a', 'b']".  `null` is the same as a
missing field.  Keys outside the schema are ignored (other crawlers add their own).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_FIELD_CHARS = 100_000  # a title, URL or name longer than this is not one
MAX_BODY_CHARS = 2_000_000
TEXT_FIELDS = ("url", "title", "published", "lang", "source_url", "outlet", "section")


class RecordError(ValueError):
    """A record that does not fit the schema; the message says which field and why."""


def kind_of(value: Any) -> str:
    """How a JSON value is named in messages: 'a number (99)', 'a list', 'an object'."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        shown = repr(value)
        return f"a number ({shown if len(shown) <= 24 else shown[:21] + '...'})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, str):
        return "text"
    return type(value).__name__


def _text(record: dict, name: str, limit: int = MAX_FIELD_CHARS) -> str | None:
    value = record.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise RecordError(f"{name} must be text, got {kind_of(value)}")
    if len(value) > limit:
        raise RecordError(f"{name} is {len(value):,} characters long (limit {limit:,})")
    return value


def _body(record: dict) -> list[str]:
    value = record.get("body")
    if value is None:
        return []
    if isinstance(value, str):
        paragraphs = [value]
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise RecordError(f"body[{index}] must be text, got {kind_of(item)}")
        paragraphs = value
    else:
        raise RecordError(f"body must be text or a list of paragraphs, got {kind_of(value)}")
    if sum(len(p) for p in paragraphs) > MAX_BODY_CHARS:
        raise RecordError(f"body is over {MAX_BODY_CHARS:,} characters")
    return paragraphs


@dataclass(frozen=True)
class NewsRecord:
    """One article as other crawlers hand it over: `{url, title, body, published, lang}` and
    the optional source_url, outlet and section."""

    url: str | None
    title: str | None
    body: tuple[str, ...]
    published: str | None
    lang: str | None
    source_url: str | None
    outlet: str | None
    section: str | None

    @classmethod
    def from_json(cls, value: Any) -> NewsRecord:
        if not isinstance(value, dict):
            raise RecordError(f"a JSON Lines record must be an object, got {kind_of(value)}")
        texts = {name: _text(value, name) for name in TEXT_FIELDS}
        body = tuple(_body(value))
        if not ((texts["title"] or "").strip() or any(p.strip() for p in body)):
            raise RecordError("record has neither title nor body")
        return cls(body=body, **texts)
