"""Article splitting of page dumps: precision, recall and F1 of the items the reader finds.

```sh
.venv/bin/python -m bench.bench_dumps            # our fixture web (dev and held-out) and the seeds
.venv/bin/python -m bench.bench_dumps --pages DIR --gold GOLD.jsonl   # any labelled pages
```

A gold file has one record per article occurrence, in page order: `file`, `title` (null for a
page whose article has no headline) and `date` (YYYY-MM-DD or null); the seeds' gold
(../shared/gold/seeds.jsonl) has this shape.  An item the reader finds is right when its file
holds a gold article with the same headline (spaces normalised; null matches an empty title)
that no other item matched.  Dates are scored on the matched items whose gold date is known:
the reader's date text must give that day through the date stage's parser.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from janalyq.dates import parse_date
from janalyq.read.files import read_text
from janalyq.read.pagedump import parse_page

REPO = Path(__file__).resolve().parent.parent
WEB = REPO / "tests" / "data" / "dumpweb"
SEEDS = REPO.parent / "shared" / "seeds"
SEEDS_GOLD = REPO.parent / "shared" / "gold" / "seeds.jsonl"
# The fixture dates lie in early 2026; a date without a year needs a collection day.
REFERENCE_DAY = dt.date(2026, 3, 20)


@dataclass
class SplitScore:
    gold: int = 0
    found: int = 0
    matched: int = 0
    dated_gold: int = 0
    dated_right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        dates = f"{self.dated_right}/{self.dated_gold}" if self.dated_gold else "-"
        return (f"{name:<22} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
                f"(gold {self.gold}, found {self.found}, matched {self.matched}; dates right {dates})")


def _norm(title: str | None) -> str:
    return " ".join((title or "").split())


def score_pages(pages: Path, gold_path: Path) -> SplitScore:
    by_file: dict[str, list[dict]] = defaultdict(list)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            by_file[record["file"]].append(record)
    score = SplitScore()
    files = sorted({p.name for p in pages.glob("*.txt")} | set(by_file))
    for name in files:
        items = parse_page(read_text(pages / name).text)
        _score_file(name, by_file.get(name, []), items, score)
    return score


def _score_file(name: str, gold: list[dict], items: list, score: SplitScore) -> None:
    score.gold += len(gold)
    score.found += len(items)
    wanted = Counter(_norm(g["title"]) for g in gold)
    dates = defaultdict(list)
    for g in gold:
        dates[_norm(g["title"])].append(g["date"])
    for item in items:
        title = _norm(item.title)
        if wanted[title] <= 0:
            score.misses.append(f"{name}: extra item {title[:70]!r} ({item.date_text})")
            continue
        wanted[title] -= 1
        score.matched += 1
        gold_date = dates[title].pop(0)
        if gold_date:
            score.dated_gold += 1
            got = parse_date(item.date_text or "", reference=REFERENCE_DAY)
            if got is not None and got.isoformat() == gold_date:
                score.dated_right += 1
            else:
                score.misses.append(f"{name}: date {item.date_text!r} for {title[:50]!r}, gold {gold_date}")
    for title, left in wanted.items():
        score.misses.extend(f"{name}: missed {title[:70]!r}" for _ in range(left))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, help="a folder of page dumps (default: the fixture web and the seeds)")
    parser.add_argument("--gold", type=Path, help="their gold labels (JSON Lines: file, title, date)")
    parser.add_argument("--show", action="store_true", help="list every miss")
    args = parser.parse_args()
    if args.pages:
        runs = [(args.pages.name, args.pages, args.gold or args.pages / "gold.jsonl")]
    else:
        runs = [(f"fixture web {half}", WEB / half, WEB / half / "gold.jsonl") for half in ("dev", "heldout")]
        if SEEDS_GOLD.is_file():
            runs.append(("seeds (real)", SEEDS, SEEDS_GOLD))
    for name, pages, gold in runs:
        score = score_pages(pages, gold)
        print(score.line(name))
        if args.show:
            for miss in score.misses:
                print("   ", miss)


if __name__ == "__main__":
    main()
