"""`janalyq sources` output: source health that tells the truth, and `janalyq sources check`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from janalyq.cli_store import DEFAULT_DB, DbOption

err = Console(stderr=True)


def source_status(row: dict) -> str:
    """One word for a source's last pass: never crawled, failing (no page of it worked),
    problems (some faults), ok."""
    if not row["last_attempt_at"]:
        return "never crawled"
    if not row["last_success_at"] or row["last_success_at"] < row["last_attempt_at"]:
        return "failing"
    return f"problems ({row['last_pass_errors']})" if row["last_pass_errors"] else "ok"


def health_table(rows: list[dict]) -> Table:
    table = Table(title="Sources", title_justify="left")
    for column in ("name", "kind", "status", "last success", "new (last/total)", "fetches", "errors", "last error"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(row["name"] + ("" if row["enabled"] else " (off)"), row["kind"], source_status(row),
                      row["last_success_at"] or "never", f"{row['last_new_items']}/{row['total_new_items']}",
                      str(row["fetches"]), f"{row['last_pass_errors']} last pass, {row['errors']} total",
                      (f"{row['last_error_at']} {row['last_error']}" if row["last_error"] else "-"))
    return table


def _spec_for(target: str, known: list, kind: Optional[str], render: Optional[bool]):
    from janalyq.crawl.check import ad_hoc_spec

    by_name = {s.name: s for s in known}
    spec = by_name.get(target) or next((s for s in known if s.url == target), None)
    if spec is None:
        if not target.startswith(("http://", "https://")):
            raise ValueError(f"no source named {target!r} (known: {', '.join(sorted(by_name)) or 'none'})")
        spec = ad_hoc_spec(target, kind, render=render)
    elif render is not None:
        spec.render = render
    return spec


def print_check(report, out: Console) -> None:
    spec = report.spec
    out.print(f"[bold]{spec.name}[/] ({spec.kind}{', rendered' if spec.render else ''})", highlight=False)
    if spec.guess:
        out.print(f"  guessed, not checked live: {spec.guess}", style="yellow", highlight=False)
    for page in report.pages:
        out.print(f"  {page.role}: {page.url}: {page.outcome}", markup=False, highlight=False, soft_wrap=True)
    out.print(f"  article links found: {len(report.links)}", highlight=False)
    for link in report.links[:5]:
        out.print(f"    {link.url}", markup=False, highlight=False, soft_wrap=True)
    article = report.article
    if article is not None:
        when = article.published_at.isoformat() if article.published_at else (
            article.published.isoformat() if article.published else "unknown")
        for label, value in (("title", article.title), ("date and time", when), ("language", article.lang),
                             ("outlet", article.outlet or "-"), ("source link", article.source_url),
                             ("body", f"{len(article.body_text):,} characters, {len(article.body)} paragraphs")):
            out.print(f"  {label}: {value}", markup=False, highlight=False, soft_wrap=True)
        for line in article.body[:3]:
            out.print(f"  | {line[:160]}", markup=False, highlight=False, soft_wrap=True)
        flags = ", ".join(sorted(article.flags))
        if flags:
            out.print(f"  flags: {flags}", highlight=False)
    for url, reason in report.refused:
        out.print(f"  browser refused: {url}: {reason}", markup=False, highlight=False, soft_wrap=True)
    for problem in report.problems:
        out.print(f"  problem: {problem}", style="red", markup=False, highlight=False, soft_wrap=True)
    out.print("  [green]ok[/]: an article came out" if report.ok else "  [red]no article came out[/]")


def check_command(
    target: Annotated[str, typer.Argument(help="A source's name, or a feed or listing URL.")],
    db: DbOption = DEFAULT_DB,
    config: Annotated[Optional[Path], typer.Option("--config", "-c", help="sources.toml (default ./sources.toml).")] = None,
    kind: Annotated[Optional[str], typer.Option(help="For a URL: rss, atom, sitemap or listing (default: guessed).")] = None,
    render: Annotated[Optional[bool], typer.Option("--render/--no-render", help="Read pages in the browser.")] = None,
    allow_loopback: Annotated[bool, typer.Option(help="Let the SSRF guard allow 127.0.0.0/8.")] = False,
) -> None:
    """Fetch one feed or listing page and one article, and print what came out (nothing is stored)."""
    from janalyq.crawl.check import check_source
    from janalyq.crawl.config import ConfigError
    from janalyq.crawl.schedule import crawler_for
    from janalyq.store import StoreError, open_store as open_any_store

    try:
        store = open_any_store(db)
        crawler = crawler_for(store, config, {"allow_loopback": True if allow_loopback else None})
        known = crawler.state.sources(enabled_only=False)
        store.close()
        spec = _spec_for(target, known, kind, render)
    except (ConfigError, StoreError, ValueError) as exc:
        err.print(f"error: {exc}", style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    report = check_source(spec, crawler.settings)
    print_check(report, Console())
    raise typer.Exit(0 if report.ok else 1)
