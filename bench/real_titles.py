"""Derived titles on real pages: how many are page debris (issue 11, item 4).

The Kazinform articles of ../shared/real (Latin Kazakh) print their headline line first, then the
dateline ("ASTANA. KAZINFORM –"), and some a date line ("00:26, 25 Qańtar 2026 | GMT +5") before
the headline.  Here the headline line is dropped and each article goes through the clean stage
as a page without a headline; the derived title is then judged by rules that do not use the clean
stage's own debris test:

- dateline: the title still names the agency of a dateline ("KAZINFORM", "ASTANA.");
- date: the title holds a time or a month name with a day number and fewer than three other words;
- credit: the title starts with a photo or video label;
- fragment: fewer than three words;
- mid-word: the title (without "…") does not end at a word boundary of the lead.

    python -m bench.real_titles                  # the figures, with the old derivation beside
    python -m bench.real_titles --show 20        # also print 20 derived titles (local only)
    python -m bench.real_titles --embed          # also the embedding text (model, ~1 min)

--embed: the embedding reads `embedding_text(title, body)`, the title and the lead's first 100
characters.  It prints (1) how many of those characters the dateline and the attribution take
when the lead is the page's own (`body`) and when it is `clean_lead(body)`; (2) for the pages
without their headline, how well title and lead stand for the real headline: the cosine to the
headline's embedding, and the headline found first among all 188 by that cosine, for the old
derivation on the raw lead, the new derivation on the raw lead, and the new one on clean_lead.

Nothing of the material is written anywhere; --show prints to the terminal only.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from bench.real import KAZINFORM_LATIN, REAL, load
from janalyq.article import Article, StageCounts
from janalyq.clean import clean_stage
from janalyq.debris import strip_dateline
from janalyq.titles import clean_lead

MONTHS = (
    r"qańtar|aqpan|naýryz|sáýir|mamyr|maýsym|shilde|tamyz|qyrkúıek|qazan|qarasha|jeltoqsan"
    r"|january|february|march|april|may|june|july|august|september|october|november|december"
)
CHECKS = {
    "dateline": re.compile(r"KAZINFORM|^[A-ZÁǴŃÓÚÝІ][A-ZÁǴŃÓÚÝІh]+[.,]\s"),
    "credit": re.compile(r"^\W*(?:foto|photo|video|beıne|sýret|фото|сурет|видео)\b", re.I),
}
TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
DAY_MONTH = re.compile(rf"\b\d{{1,2}}\s+(?:{MONTHS})", re.I)
WORD = re.compile(r"[^\W\d_][\w'’-]*")


def headline_dropped(record: dict) -> list[str]:
    """The article's lines without its headline line (a line starting with the title)."""
    lines = [line.strip() for line in record["text"].split("\n") if line.strip()]
    head = record["title"].strip()[:40]
    for i, line in enumerate(lines[:3]):
        if line.startswith(head):
            return lines[:i] + lines[i + 1:]
    return lines


def judge(title: str, lines: list[str]) -> list[str]:
    bad = [name for name, rx in CHECKS.items() if rx.search(title)]
    words = WORD.findall(title)
    others = [w for w in words if not re.fullmatch(MONTHS, w, re.I)]
    if TIME.search(title) or (DAY_MONTH.search(title) and len(others) < 3):
        bad.append("date")
    if len(words) < 3:
        bad.append("fragment")
    stem = title.rstrip("…")
    lead = " ".join(lines)
    at = lead.find(stem)
    if at < 0 or (at + len(stem) < len(lead) and lead[at + len(stem)].isalnum()):
        bad.append("mid-word")
    return bad


def old_clean_stage():
    """The clean stage before this work (clean.py at commit 3422773), for comparison."""
    try:
        source = subprocess.run(
            ["git", "show", "3422773:src/janalyq/clean.py"], capture_output=True, text=True,
            check=True, cwd=Path(__file__).resolve().parent,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp()) / "old_clean.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_clean", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.clean_stage


Shown = list[tuple[str, list[str]]]


def run(stage, records: list[dict]) -> tuple[Counter, Counter, StageCounts, Shown]:
    counts = StageCounts("clean")
    bad_by_reason: Counter = Counter()
    totals: Counter = Counter()
    shown = []
    for i, record in enumerate(records):
        lines = headline_dropped(record)
        article = stage(Article(url=f"real:{i}", title="", body=list(lines)), counts)
        if article is None:
            totals["dropped"] += 1
            continue
        bad = judge(article.title, lines)
        totals["derived"] += 1
        totals["debris"] += bool(bad)
        bad_by_reason.update(bad)
        shown.append((article.title, bad))
    return totals, bad_by_reason, counts, shown


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show", type=int, default=0, help="print this many derived titles")
    parser.add_argument("--embed", action="store_true", help="also measure the embedding text")
    args = parser.parse_args(argv)
    try:
        records = load(KAZINFORM_LATIN)
    except OSError:
        print(f"{REAL / KAZINFORM_LATIN} is not present", file=sys.stderr)
        return 1
    print(f"{len(records)} Kazinform articles (Latin Kazakh), headline line dropped, {REAL}")
    stages = [("now", clean_stage)]
    old = old_clean_stage()
    if old is not None:
        stages.insert(0, ("before (3422773)", old))
    for name, stage in stages:
        totals, reasons, counts, shown = run(stage, records)
        print(f"{name:>17}: derived {totals['derived']}, dropped {totals['dropped']}, "
              f"debris titles {totals['debris']} "
              f"({totals['debris'] / max(1, totals['derived']):.1%}): "
              + (", ".join(f"{k} {v}" for k, v in reasons.most_common()) or "none"))
        if name == "now":
            repairs = {k: v for k, v in counts.repaired.items() if "title" in k}
            print(f"{'':>17}  clean-stage repairs: {repairs}; dropped: {dict(counts.dropped)}")
            lengths = sorted(len(t) for t, _ in shown)
            if lengths:
                print(f"{'':>17}  title length median {lengths[len(lengths) // 2]}, "
                      f"max {lengths[-1]}, cut with … {sum(t.endswith('…') for t, _ in shown)}")
        for title, bad in shown[: args.show]:
            print(f"    {'DEBRIS ' + ','.join(bad) if bad else 'ok':<20} {title}")
    headline_slot_figure()
    if args.embed:
        embedding_figures(records, old)
    return 0


def headline_slot_figure() -> None:
    """Real headlines that the clean stage would take for debris and replace (should be none)."""
    from bench.real import HEADLINE_PAIRS, RU_LABELLED
    from janalyq.debris import debris_reason

    titles = []
    for record in load(HEADLINE_PAIRS):
        titles += [record["kk"], record["en"]]
    titles += [r["title"] for r in load(RU_LABELLED) if r.get("title")]
    titles += [r["title"] for r in load(KAZINFORM_LATIN)]
    replaced = [t for t in titles if debris_reason(t, strict=True) in ("credit", "date", "site")]
    print(f"real headlines (kk/en pairs, ru labelled, Kazinform) taken for debris and replaced: "
          f"{len(replaced)} of {len(titles)}")
    # Headlines as the first line of a lead: none starts with a dateline or a page date, so
    # any cut here is a false one ("ЭКСПО-2017 ...", "31 мамыр – ...").
    cut = [t for t in titles if strip_dateline(t)[1] is not None]
    print(f"the same headlines read as a lead: a dateline or date wrongly cut from {len(cut)}")


def wasted(text: str) -> int:
    """Characters of an embedding text taken by a dateline or an attribution phrase."""
    rest, what = strip_dateline(text)
    lost = len(text) - len(rest) if what else 0
    match = re.search(r",?\s*(?:dep\s+)?habarla\w*\s+Kazinform[\w\s]*", rest)
    return lost + (len(match.group(0)) if match else 0)


def embedding_figures(records: list[dict], old_stage) -> None:
    import numpy as np

    from janalyq.embed import default_embedder, embedding_text

    with_title = [(r["title"], headline_dropped(r)) for r in records]
    # (1) a page with its headline: the lead as the page gives it (after the headline line)
    for name, lead in (("body", lambda b: b), ("clean_lead(body)", clean_lead)):
        texts = [embedding_text(title, lead(body)) for title, body in with_title]
        lost = [wasted(t[len(title) + 2:]) for t, (title, _) in zip(texts, with_title)]
        print(f"embedding text with the headline, lead = {name:<17}: dateline and attribution take "
              f"{sum(lost) / len(lost):.1f} of {sum(map(len, texts)) / len(texts):.0f} characters "
              f"on average, in {sum(x > 0 for x in lost)} of {len(lost)} texts")
    # (1b) the same texts as vectors: the mean cosine between different articles (shared
    # datelines make unrelated articles look alike), and the article's own later paragraphs
    # (its 2nd to 4th, which no variant reads) found first among 188 by the cosine
    embedder = default_embedder()
    later = embedder.embed(
        [" ".join(clean_lead(body, paragraphs=4)[1:4])[:300] for _, body in with_title])
    for name, lead in (("body", lambda b: b), ("clean_lead(body)", clean_lead)):
        vectors = embedder.embed([embedding_text(title, lead(body)) for title, body in with_title])
        sims = vectors @ vectors.T
        off = (sims.sum() - np.trace(sims)) / (len(sims) * (len(sims) - 1))
        own = vectors @ later.T
        first = float(np.mean(own.argmax(axis=1) == np.arange(len(own))))
        print(f"with the headline, lead = {name:<17}: mean cosine between different articles "
              f"{off:.4f}; own later paragraphs first among {len(own)}: {first:.3f}")
    # (2) pages without their headline
    heads = embedder.embed([title for title, _ in with_title])
    variants = {}
    if old_stage is not None:
        olds = [old_stage(Article(url="o", body=list(b)), StageCounts("c")) for _, b in with_title]
        variants["old title + body"] = [embedding_text(a.title, a.body) for a in olds]
    news = [clean_stage(Article(url="n", body=list(b)), StageCounts("c")) for _, b in with_title]
    variants["new title + body"] = [embedding_text(a.title, a.body) for a in news]
    variants["new title + clean_lead"] = [embedding_text(a.title, clean_lead(a.body)) for a in news]
    variants["new title + clean_lead(skip=title)"] = [
        embedding_text(a.title, clean_lead(a.body, skip=a.title)) for a in news]
    for name, texts in variants.items():
        vectors = embedder.embed(texts)
        sims = vectors @ heads.T
        own = np.diag(sims)
        first = float(np.mean(sims.argmax(axis=1) == np.arange(len(texts))))
        print(f"headline dropped, {name:<34}: cosine to the real headline {own.mean():.4f}, "
              f"real headline first among {len(texts)}: {first:.3f}")


if __name__ == "__main__":
    raise SystemExit(main())
