"""Development sets, our own writing: loaders shared by the benches and the tests.

- `events.txt`: events reported in Kazakh, Russian and English (title and lead each), with a
  topic label; every version of one event is one story.
- `seed_topics.tsv`: topic labels for the sample pages in ../shared/seeds, by reference.
- `titles.py`: builds the cross-lingual title set (1,000 candidates per language).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SEEDS = REPO.parent / "shared" / "seeds"


def load_events(path: Path = HERE / "events.txt") -> list[dict]:
    """One dict per language version: id, event, topic, lang, published, outlet, title, lead."""
    records, header = [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("= "):
            event, topic, day, outlet = line[2:].split()
            header = {"event": event, "topic": topic, "published": day,
                      "outlet": None if outlet == "-" else outlet}
            continue
        tag, rest = line.split(" ", 1)
        lang, _, other_outlet = tag.partition("@")  # "ru@Kazinform": a second outlet's version
        title, lead = (part.strip() for part in rest.split("||"))
        if header is None or lang not in ("kk", "ru", "en"):
            raise ValueError(f"{path}:{number}: version line outside an event block")
        record = dict(header, id=f"{header['event']}-{lang}", lang=lang, title=title, lead=lead)
        if other_outlet:
            record.update(id=f"{record['id']}-{other_outlet.lower()}", outlet=other_outlet)
        records.append(record)
    return records


def event_url(record: dict) -> str:
    """A stable, made-up address per version (each outlet's own page, so never a shared release)."""
    outlet = record["outlet"] or "agency"
    return f"https://news.example.kz/{outlet}/{record['lang']}/{record['id']}"


def write_events_jsonl(out: Path, records: list[dict] | None = None) -> Path:
    """The events as an importable JSON Lines file ({url, title, body, published, lang, ...})."""
    records = records if records is not None else load_events()
    with out.open("w", encoding="utf-8") as handle:
        for r in records:
            line = {"url": event_url(r), "title": r["title"], "body": r["lead"], "published": r["published"],
                    "lang": r["lang"], "outlet": r["outlet"], "source_url": event_url(r)}
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return out


def load_seed_topics(path: Path = HERE / "seed_topics.tsv") -> dict[tuple[str, int], str]:
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return {(r[0], int(r[1])): r[2] for r in rows[1:]}
