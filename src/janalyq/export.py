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
    "topic", "topic_confidence", "story_id", "region", "published_at",
]


def export_records(store: Store, *, lang=None, since: dt.date | None = None, until: dt.date | None = None,
                   outlet=None, section=None, topic=None, region=None) -> Iterator[dict]:
    for row in store.iter_articles(lang=lang, since=since, until=until, outlet=outlet, section=section):
        if (topic and row["topic"] != topic) or (region and row["region"] != region):
            continue
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
            "seen_in": [s["url"] for s in store.sightings_of(row["rid"])],
            "collected_at": row["collected_at"],
            "content_hash": row["content_hash"],
            "topic": row["topic"],  # janalyq's topic (janalyq.topic), not the site's section
            "topic_confidence": row["topic_confidence"],
            "story_id": row["story_id"],  # shared by the versions of one event, across languages
            "region": row["region"],  # region id from janalyq.gazetteer, where evident
            # ISO 8601 with its offset where the source gave a time; `published` is the day.
            "published_at": row["published_at"],
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
        flat = dict(record, flags=";".join(record["flags"]), seen_in=" ".join(record["seen_in"]))
        writer.writerow(flat)
        count += 1
    return count
