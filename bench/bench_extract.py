"""HTML extraction bench: janalyq beside trafilatura on two public benchmarks, in one run.

    JANALYQ_EMBEDDINGS=0 .venv/bin/python -m bench.bench_extract --data /work/benchdata

`--data` holds, fetched once and never committed:
    scrapinghub/ground-truth.json and scrapinghub/html/*.html.gz
        (ScrapingHub's article-extraction-benchmark, 181 pages)
    trafilatura/evaldata.json and trafilatura/{eval,cache}/*
        (trafilatura's evaluation set, tests/ folder, 990 pages)
Nothing is fetched at run time.

janalyq reads each page the way an import does (`prepare_file`: the read stage, then clean,
date and language; no store, no model), so the date is the one the date stage gives.
trafilatura 2.3.1 gets the same bytes: `extract` for the text (tables kept, comments left out,
as both benchmarks run it), then `extract_metadata` for title and date.  CPU time is counted
per call with `time.process_time`, so the speeds of both are measured in the same run under
the same load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("JANALYQ_EMBEDDINGS", "0")

import trafilatura  # noqa: E402
from htmldate.extractors import external_date_parser  # noqa: E402
from trafilatura.metadata import extract_metadata  # noqa: E402

from bench.extract_metrics import (  # noqa: E402
    DateScore, SnippetScore, body_scores, date_on_page, gold_date, same_title, shingle_counts,
)
from janalyq.article import Article, Reject  # noqa: E402
from janalyq.pipeline import prepare_file  # noqa: E402

COLLECTED_AT = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
WARM_UP = 25


@dataclass
class Page:
    name: str
    path: Path
    gold: dict


@dataclass
class Result:
    text: str | None = None
    title: str | None = None
    date: dt.date | None = None
    rejected: str | None = None


@dataclass
class Tally:
    """One extractor's scores on one benchmark."""

    body: list = field(default_factory=list)
    snippets: SnippetScore = field(default_factory=SnippetScore)
    # janalyq keeps the headline in the title field and strips it from the body (the clean
    # stage); trafilatura's text starts with it.  Scored both ways.
    snippets_title: SnippetScore = field(default_factory=SnippetScore)
    dates: DateScore = field(default_factory=DateScore)
    titles_right: int = 0
    titles_gold: int = 0
    cpu: float = 0.0
    cpu_meta: float = 0.0
    pages: int = 0
    dates_not_on_page: list[str] = field(default_factory=list)
    rejects: list[str] = field(default_factory=list)


def scrapinghub_pages(root: Path) -> list[Page]:
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    return [Page(key, root / "html" / f"{key}.html.gz", value) for key, value in sorted(gold.items())]


def trafilatura_pages(root: Path) -> list[Page]:
    gold = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url, item in sorted(gold.items()):
        found = [root / sub / item["file"] for sub in ("cache", "eval") if (root / sub / item["file"]).is_file()]
        if found:
            pages.append(Page(item["file"], found[0], item))
    return pages


def page_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.name.endswith(".gz") else data


def run_janalyq(page: Page, tally: Tally) -> Result:
    start = time.process_time()
    prepared = prepare_file(str(page.path), COLLECTED_AT)
    tally.cpu += time.process_time() - start
    articles = [item[0] for item in prepared.items if isinstance(item, tuple)]
    rejects = [item.reason for item in prepared.items if isinstance(item, Reject)]
    if not articles:
        dropped = [f"{s.name}: {', '.join(s.dropped)}" for s in prepared.counts.values() if s.dropped]
        return Result(rejected="; ".join(rejects or dropped) or "no article")
    article: Article = articles[0]
    return Result(article.body_text, article.title, article.published)


def run_trafilatura(page: Page, data: bytes, tally: Tally) -> Result:
    start = time.process_time()
    text = trafilatura.extract(data, include_comments=False, include_tables=True)
    middle = time.process_time()
    meta = extract_metadata(trafilatura.load_html(data))
    tally.cpu += middle - start
    tally.cpu_meta += time.process_time() - middle
    date = None
    if meta is not None and meta.date:
        try:
            date = dt.date.fromisoformat(meta.date[:10])
        except ValueError:
            date = None
    return Result(text, meta.title if meta else None, date, None if text else "no text")


def score(page: Page, result: Result, tally: Tally, scrapinghub: bool, html: str = "") -> None:
    tally.pages += 1
    if result.date is not None and not date_on_page(result.date, html):
        tally.dates_not_on_page.append(f"{page.name}: {result.date}")
    if result.rejected:
        tally.rejects.append(f"{page.name}: {result.rejected}")
    if scrapinghub:
        tally.body.append(shingle_counts(page.gold.get("articleBody", ""), result.text or ""))
        return
    tally.snippets.add(result.text, page.gold["with"], page.gold["without"])
    tally.snippets_title.add(f"{result.title or ''}\n{result.text or ''}", page.gold["with"], page.gold["without"])
    if "date" in page.gold:
        tally.dates.add(gold_date(page.gold["date"]), result.date, page.name)
    if page.gold.get("title"):
        tally.titles_gold += 1
        tally.titles_right += same_title(page.gold["title"], result.title)


def warm_up_dateparser() -> None:
    """dateparser compiles the word lists of its ~200 locales the first time a text reaches its
    language detection (about 1.4 s of CPU, once per process), which the warm-up pages do not
    always do.  Both extractors share that cost through htmldate, and it fell on whichever met
    the first such page in the timed loop; a text no locale reads compiles them all here."""
    external_date_parser("qwzx 2020 plmk 17", "%Y-%m-%d")


def run_set(pages: list[Page], scrapinghub: bool, details) -> tuple[Tally, Tally]:
    ours, theirs = Tally(), Tally()
    # First calls load models and tables (dateparser compiles its locales on first use, for
    # htmldate in both extractors): not part of the per-page cost, so some pages run untimed.
    for page in pages[:WARM_UP]:
        run_janalyq(page, Tally())
        run_trafilatura(page, page_bytes(page.path), Tally())
    warm_up_dateparser()
    for n, page in enumerate(pages):
        data = page_bytes(page.path)
        # Turn about, so that neither extractor always finds the page in the CPU's caches.
        if n % 2:
            other = run_trafilatura(page, data, theirs)
            mine = run_janalyq(page, ours)
        else:
            mine = run_janalyq(page, ours)
            other = run_trafilatura(page, data, theirs)
        html = data.decode("utf-8", errors="replace") if mine.date or other.date else ""
        score(page, mine, ours, scrapinghub, html)
        score(page, other, theirs, scrapinghub, html)
        if details is not None:
            details.write(json.dumps({
                "page": page.name, "janalyq": [mine.title, str(mine.date), mine.rejected, mine.text],
                "trafilatura": [other.title, str(other.date), other.rejected, other.text],
                "gold_date": page.gold.get("date"), "gold_title": page.gold.get("title"),
            }, ensure_ascii=False) + "\n")
    return ours, theirs


def print_report(sh: tuple[Tally, Tally] | None, tf: tuple[Tally, Tally] | None) -> None:
    names = ("janalyq", "trafilatura")
    if sh:
        print(f"\nScrapingHub article-extraction-benchmark ({sh[0].pages} pages), body by 4-word shingles")
        print(f"{'':<12} {'P':>6} {'R':>6} {'F1':>6}")
        for name, tally in zip(names, sh):
            s = body_scores(tally.body)
            print(f"{name:<12} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")
    if tf:
        print(f"\ntrafilatura evaluation set ({tf[0].pages} pages)")
        print(f"{'':<12} {'must-contain':>12} {'must-not':>9} {'title':>6} {'date acc':>9} "
              f"{'dated':>6} {'wrong':>6} {'dated, no gold':>15}")
        for name, tally in zip(names, tf):
            d = tally.dates
            print(f"{name:<12} {tally.snippets.must_contain:12.3f} {tally.snippets.must_not_contain:9.3f} "
                  f"{tally.titles_right / max(1, tally.titles_gold):6.3f} {d.accuracy:9.3f} "
                  f"{d.coverage:6.3f} {d.wrong:6d} {d.given_without_gold:>7d} of {d.no_gold:<4d}")
        for name, tally in zip(names, tf):
            print(f"{name + ', title + text':<26} must-contain {tally.snippets_title.must_contain:.3f}  "
                  f"must-not {tally.snippets_title.must_not_contain:.3f}")
    both = [t for pair in (sh, tf) if pair for t in pair]
    ours, theirs = both[0::2], both[1::2]
    pages = sum(t.pages for t in ours)
    cpu_ours = sum(t.cpu for t in ours)
    cpu_text = sum(t.cpu for t in theirs)
    cpu_meta = cpu_text + sum(t.cpu_meta for t in theirs)
    print(f"\nSpeed over {pages} pages, pages per CPU-second (same run, same load)")
    print(f"janalyq (read + clean + date + language)   {pages / cpu_ours:7.1f}")
    print(f"trafilatura extract (text only)            {pages / cpu_text:7.1f}   "
          f"janalyq/trafilatura = {cpu_text / cpu_ours:.2f}")
    print(f"trafilatura extract + extract_metadata     {pages / cpu_meta:7.1f}   "
          f"janalyq/trafilatura = {cpu_meta / cpu_ours:.2f}")
    read_by_them = {r.split(":")[0] for t in theirs for r in t.rejects}
    ours_rejects = [r for t in ours for r in t.rejects]
    lost = [r for r in ours_rejects if r.split(":")[0] not in read_by_them]
    print(f"\nRejects: janalyq {len(ours_rejects)}, trafilatura (no text) {len(read_by_them)}; "
          f"janalyq rejects of pages trafilatura reads: {len(lost)}")
    for line in lost[:20]:
        print("  " + line[:160])
    for name, group in (("janalyq", ours), ("trafilatura", theirs)):
        missing = [line for t in group for line in t.dates_not_on_page]
        print(f"Dates not written on the page ({name}): {len(missing)}")
        for line in missing[:8]:
            print("  " + line)
    if tf:
        for line in tf[0].dates.wrong_examples[:15]:
            print("  janalyq date " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with scrapinghub/ and trafilatura/")
    parser.add_argument("--limit", type=int, default=0, help="first N pages of each set (quick runs)")
    parser.add_argument("--only", choices=("scrapinghub", "trafilatura"), help="one set only")
    parser.add_argument("--details", type=Path, help="write one JSON line per page here")
    args = parser.parse_args(argv)
    details = args.details.open("w", encoding="utf-8") if args.details else None
    results = {}
    for name, loader, is_sh in (("scrapinghub", scrapinghub_pages, True),
                                ("trafilatura", trafilatura_pages, False)):
        if args.only and args.only != name:
            continue
        root = args.data / name
        if not root.is_dir():
            print(f"{root}: missing, set skipped", file=sys.stderr)
            continue
        pages = loader(root)
        if args.limit:
            pages = pages[:args.limit]
        results[name] = run_set(pages, is_sh, details)
    if not results:
        print("no benchmark found under --data", file=sys.stderr)
        return 2
    print_report(results.get("scrapinghub"), results.get("trafilatura"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
