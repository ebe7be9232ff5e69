"""Scores for the extraction bench, written from the definitions the two public benchmarks give.

ScrapingHub's article-extraction benchmark scores the body by 4-word shingles: words are runs
of `\\w` characters, each page's true/false positive and false negative counts are divided by
their sum (so a long page weighs no more than a short one), precision and recall are averaged
over pages, and F1 is taken from the two averages.  trafilatura's evaluation set lists, per
page, snippets that must be in the extracted text and snippets that must not, compared after
collapsing whitespace.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

_WORD = re.compile(r"\w+")
SHINGLE_WORDS = 4


def _shingles(text: str) -> Counter:
    words = _WORD.findall(text or "")
    last = max(1, len(words) - SHINGLE_WORDS + 1)
    return Counter(tuple(words[i:i + SHINGLE_WORDS]) for i in range(last) if words[i:i + SHINGLE_WORDS])


def shingle_counts(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, normalised to sum to 1 (all zero when both texts are empty)."""
    gold, got = _shingles(true), _shingles(pred)
    tp = sum(min(n, got[k]) for k, n in gold.items())
    fp = sum(max(0, n - gold[k]) for k, n in got.items())
    fn = sum(max(0, n - got[k]) for k, n in gold.items())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _ratio(part: float, other: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return part / (part + other) if part + other else 0.0


def body_scores(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Mean precision, mean recall and their F1, as ScrapingHub's evaluate script defines them."""
    precisions = [_ratio(tp, fp, fp, fn) for tp, fp, fn in counts if tp + fp > 0]
    recalls = [_ratio(tp, fn, fp, fn) for tp, fp, fn in counts if tp + fn > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _squash(text: str) -> str:
    return " ".join(text.split())


@dataclass
class SnippetScore:
    """Must-contain found (tp) and missed (fn); must-not-contain found (fp) and absent (tn)."""

    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0

    def add(self, text: str | None, with_: list[str], without: list[str]) -> None:
        flat = _squash(text or "")
        found = sum(1 for s in with_ if _squash(s) in flat)
        leaked = sum(1 for s in without if _squash(s) in flat)
        self.tp += found
        self.fn += len(with_) - found
        self.fp += leaked
        self.tn += len(without) - leaked

    @property
    def must_contain(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def must_not_contain(self) -> float:
        """Share of must-not-contain snippets kept out of the text (higher is better)."""
        return self.tn / (self.tn + self.fp) if self.tn + self.fp else 0.0


def gold_date(raw: str | None) -> dt.date | None:
    """The annotated date ("2019-08-02", also the odd "2019-08.02" or "2019-08-2")."""
    parts = re.findall(r"\d+", raw or "")
    if len(parts) < 3:
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def same_title(gold: str | None, got: str | None) -> bool:
    return bool(gold) and _squash(gold or "").casefold() == _squash(got or "").casefold()


@dataclass
class DateScore:
    """Dates against the annotation: right, wrong, missing, and dates given where the
    annotation has none (there the page may have no date at all)."""

    right: int = 0
    wrong: int = 0
    missing: int = 0
    given_without_gold: int = 0
    no_gold: int = 0
    wrong_examples: list[str] = field(default_factory=list)

    def add(self, gold: dt.date | None, got: dt.date | None, name: str) -> None:
        if gold is None:
            self.no_gold += 1
            self.given_without_gold += got is not None
        elif got is None:
            self.missing += 1
        elif got == gold:
            self.right += 1
        else:
            self.wrong += 1
            self.wrong_examples.append(f"{name}: {got} for {gold}")

    @property
    def accuracy(self) -> float:
        total = self.right + self.wrong + self.missing
        return self.right / total if total else 0.0

    @property
    def coverage(self) -> float:
        total = self.right + self.wrong + self.missing
        return (self.right + self.wrong) / total if total else 0.0


def date_on_page(day: dt.date, html: str) -> bool:
    """Whether `day` is written somewhere on the page, in any common form, or is the next or
    previous day of a timestamp written there (a UTC time seen from the publisher's zone).
    Used to count dates an extractor gave that the page does not hold."""
    from janalyq.dates import parse_date
    from janalyq.read.html_months import DAY_MONTH_YEAR, MONTH_DAY_YEAR, month_number

    y, m, d = day.year, day.month, day.day
    forms = {f"{y}-{m:02}-{d:02}", f"{y}/{m:02}/{d:02}", f"{y}{m:02}{d:02}", f"{d:02}.{m:02}.{y}",
             f"{d}.{m}.{y}", f"{d:02}/{m:02}/{y}", f"{m:02}/{d:02}/{y}", f"{m}/{d}/{y}", f"{d}/{m}/{y}",
             f"{d:02}-{m:02}-{y}", f"{y}/{m}/{d}", f"{y}-{m}-{d}"}
    for shift in (-1, 1):
        near = day + dt.timedelta(days=shift)
        forms.add(f"{near.year}-{near.month:02}-{near.day:02}T")
    if any(form in html for form in forms):
        return True
    short = rf"(?<=[\s>])0?{d}\.0?{m}\.{y % 100:02}(?=[\s<,])"  # 31.10.23 as text of its own
    if re.search(short, html):
        return True
    for year in re.finditer(str(y), html):
        window = html[max(0, year.start() - 40):year.end() + 30]
        for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
            if any(int(match["y"]) == y and int(match["d"]) == d and month_number(match["m"]) == m
                   for match in pattern.finditer(window)):
                return True
        if parse_date(" ".join(window.split())) == day:
            return True
    return False
