"""Issue 13: thousands of JSON Lines records with random types and values, in one run with good
records.  Every good record lands (once), every bad one is rejected with its line named.

The test's own idea of a good record (`expected_good`) is written independently of the schema
in janalyq.read.record: the two must agree on every generated line.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter

from janalyq.store import open_store
from tests.robust_text import article_text

FIELDS = ("url", "title", "body", "published", "lang", "source_url", "outlet", "section")
SEED = int(os.environ.get("JANALYQ_FUZZ_SEED", "2026"))
RECORDS = 3000


def random_value(rng: random.Random, depth: int = 0):
    """Any JSON value but text and null."""
    kinds = ["int", "float", "bool", "big"] + (["list", "object"] if depth < 3 else [])
    kind = rng.choice(kinds)
    if kind == "int":
        return rng.randint(-10**6, 10**6)
    if kind == "float":
        return rng.choice([rng.uniform(-1e9, 1e9), float("nan"), float("inf"), -0.0, 1e308])
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "big":
        return 10 ** rng.randint(19, 300)  # past 64 bits, which SQLite cannot bind
    if kind == "list":
        return [rng.choice([random_value(rng, depth + 1), "текст"]) for _ in range(rng.randint(0, 4))]
    return {rng.choice(["a", "url", "кілт"]): random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


TRICKY_TEXT = ["тақырып\x00ішінде", "\u202eтекст кері\u202c", "half \ud800 surrogate", "x" * 1000,
               "javascript:alert(1)", "  ", "<img src=x onerror=alert(1)>", "2099-01-01", "xx", "a/b/c"]


def good_record(rng: random.Random, n: int) -> dict:
    lang = rng.choice(["kk", "ru", "en"])
    title, body = article_text(rng, lang)
    record = {"url": f"https://fuzz.example.kz/{lang}/news/{n}", "title": title, "published": "2026-02-03",
              "lang": lang}
    record["body"] = body if rng.random() < 0.3 else "\n\n".join(body)
    return record


def mutate_valid(rng: random.Random, record: dict) -> str:
    """Values of the right type that are odd: the record must still land."""
    kind = rng.choice(["null", "extra", "tricky", "none"])
    if kind == "null":
        record[rng.choice(["published", "lang", "source_url", "outlet", "section"])] = None
    elif kind == "extra":
        record[rng.choice(["tags", "id", "Title"])] = random_value(rng)
    elif kind == "tricky":
        record[rng.choice(["title", "source_url", "outlet", "section", "published", "lang"])] = rng.choice(TRICKY_TEXT)
        if not record["title"].strip():
            record["title"] = "Жаңа жол салынды"  # keep a title: the body alone is random words
    return f"valid_{kind}"


def mutate_bad(rng: random.Random, record: dict, n: int) -> tuple[str, str]:
    """A line that must be rejected, with the class it belongs to."""
    kind = rng.choice(["type", "type", "type", "body_item", "truncated", "nested", "top_level", "empty", "too_long"])
    if kind == "type":
        record[rng.choice(FIELDS)] = random_value(rng)
    elif kind == "body_item":
        record["body"] = ["Бірінші абзац.", random_value(rng)]
    elif kind == "empty":
        record["title"] = rng.choice(["", "   ", None])
        record["body"] = rng.choice(["", [], ["  "], None])
    elif kind == "too_long":
        record[rng.choice(["url", "title", "outlet"])] = "ж" * 100_001
    line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
    if kind == "truncated":
        line = line[:rng.randint(1, len(line) - 1)]
    elif kind == "nested":
        line = "[" * 200_000 + "]" * 200_000
    elif kind == "top_level":
        line = json.dumps(rng.choice([[record], "текст", 42, None, True]))
    return f"bad_{kind}", line


def generate(rng: random.Random) -> tuple[list[str], dict[int, str], Counter]:
    """Lines, the expected URL of each good line (by line number), and the count of each class."""
    lines, good, classes = [], {}, Counter()
    for n in range(1, RECORDS + 1):
        record = good_record(rng, n)
        if rng.random() < 0.45:
            classes[mutate_valid(rng, record)] += 1
            good[n] = record.get("url") or f"#{n}"
            # A lone surrogate can only travel as a JSON escape: UTF-8 has no bytes for it.
            text = json.dumps(record, ensure_ascii=False)
            lines.append(json.dumps(record) if "\ud800" in text or rng.random() < 0.3 else text)
        else:
            kind, line = mutate_bad(rng, dict(record), n)
            while expected_good(line):  # a random list of texts is a valid body: draw again
                kind, line = mutate_bad(rng, dict(record), n)
            classes[kind] += 1
            lines.append(line)
    return lines, good, classes


def expected_good(line: str) -> bool:
    """The test's own reading of the schema: an object whose eight fields are each absent, null
    or text (a body may be a list of texts), under 100,000 characters, with a title or body."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):
        return False
    if not isinstance(record, dict):
        return False
    for name in FIELDS:
        value = record.get(name)
        texts = value if name == "body" and isinstance(value, list) else [value]
        if not all(v is None or isinstance(v, str) for v in texts):
            return False
        if name != "body" and isinstance(value, str) and len(value) > 100_000:
            return False
    body = record.get("body") or []
    return bool((record.get("title") or "").strip() or any(p.strip() for p in ([body] if isinstance(body, str) else body)))


def test_fuzzed_records_good_ones_land_bad_ones_are_named(tmp_path, db_url):
    lines, good, classes = generate(random.Random(SEED))
    assert all(expected_good(lines[n - 1]) for n in good)
    bad_numbers = {n for n in range(1, len(lines) + 1) if n not in good}
    assert not any(expected_good(lines[n - 1]) for n in bad_numbers)
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = db_url
    result = subprocess.run([sys.executable, "-m", "janalyq", "import", str(path), "--db", str(db), "--quiet"],
                            capture_output=True, text=True, timeout=900,
                            env={**os.environ, "JANALYQ_EMBEDDINGS": "0"})
    print("classes", sorted(classes.items()), "good", len(good), "bad", len(bad_numbers))
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected ")]
    named = {int(line.split(" line ")[1].split(":")[0]) for line in rejected}
    assert named == bad_numbers and len(rejected) == len(bad_numbers)
    store = open_store(db)
    stored = Counter(row[0] for row in store.rows("SELECT url FROM sightings"))
    store.close()
    for n, url in good.items():
        key = url if not url.startswith("#") else path.resolve().as_uri() + url
        assert stored[key] == 1, (n, lines[n - 1][:300])
    assert sum(stored.values()) == len(good)
