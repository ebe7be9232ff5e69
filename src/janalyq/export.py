"""Export of stored articles: JSON Lines (the interchange contract) and CSV.

The JSON Lines record is a contract other tools rely on: keys are only ever added, never renamed
or removed.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import TextIO

from janalyq.store.sqlite import Store

EXPORT_FIELDS = [
    "id", "lang", "title", "title_derived", "published", "body", "source_url", "outlet",
    "site_section", "url", "duplicates", "flags", "seen_in", "collected_at", "content_hash",
    "topic", "topic_confidence", "story_id", "region", "published_at", "original_url", "seen_on_web",
]


def _web(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def export_records(store: Store, *, lang=None, since: dt.date | None = None, until: dt.date | None = None,
                   outlet=None, section=None, topic=None, region=None) -> Iterator[dict]:
    for row in store.iter_articles(lang=lang, since=since, until=until, outlet=outlet, section=section):
        if (topic and row["topic"] != topic) or (region and row["region"] != region):
            continue
        seen_in = [s["url"] for s in store.sightings_of(row["rid"])]
        yield {
            "id": row["id"],
            "lang": row["lang"],
            "title": row["title"],
            "title_derived": bool(row["title_derived"]),
            "published": row["published"],
            "body": row["body"],
            "source_url": row["source_url"],
            "outlet": row["outlet"],
            "site_section": row["site_section"],
            "url": row["url"],
            "duplicates": row["duplicates"],
            "flags": json.loads(row["flags"]),
            "seen_in": seen_in,  # where janalyq read it: web pages, or file:// of the importing machine
            "collected_at": row["collected_at"],
            "content_hash": row["content_hash"],
            "topic": row["topic"],  # janalyq's topic (janalyq.topic), not the site's section
            "topic_confidence": row["topic_confidence"],
            "story_id": row["story_id"],  # shared by the versions of one event, across languages
            "region": row["region"],  # region id from janalyq.gazetteer, where evident
            # ISO 8601 with its offset where the source gave a time; `published` is the day.
            "published_at": row["published_at"],
            # What a reader can open: the original publication (its source link, else the web page
            # it was read from); null when it was known only from a local file.
            "original_url": _web(row["source_url"]) or _web(row["url"]),
            "seen_on_web": [url for url in seen_in if _web(url)],  # seen_in without local files
        }


def write_jsonl(records: Iterator[dict], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterator[dict], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        flat = dict(record, flags=";".join(record["flags"]), seen_in=" ".join(record["seen_in"]),
                    seen_on_web=" ".join(record["seen_on_web"]))
        writer.writerow(flat)
        count += 1
    return count
