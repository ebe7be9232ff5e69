"""Command line: a thin shell over the library (janalyq.pipeline, janalyq.export, janalyq.stats)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from janalyq.cli_backfill import backfill_command
from janalyq.cli_copy import store_app
from janalyq.cli_data import check_range, delete_command, import_with_progress, parse_day
from janalyq.cli_sources import check_command
from janalyq.cli_work import worker_command
from janalyq.export import export_records, write_csv, write_jsonl
from janalyq.language import language_code
from janalyq.pipeline import ImportReport
from janalyq.stats import store_stats
from janalyq.cli_store import DEFAULT_DB, DbOption, err, fail as _fail, open_store, store_exists, store_faults
from janalyq.store.faults import EXIT_DISK_FULL, EXIT_READ_ONLY

app = typer.Typer(help="janalyq: clean, deduplicated, trilingual news from Kazakhstan's official sources.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode=None)
app.command("delete")(delete_command)
app.command("worker")(worker_command)
app.command("backfill")(backfill_command)
app.add_typer(store_app, name="store")

EXIT_REJECTS = 1


EXPORT_CACHE_MB = 8  # export reads each page once, in index order: a large cache only grows


def counts_table(report: ImportReport) -> Table:
    table = Table(title="Pipeline counts", title_justify="left")
    for column in ("stage", "seen", "kept", "repaired", "dropped"):
        table.add_column(column, justify="left" if column in ("stage", "repaired", "dropped") else "right")
    for counts in report.stages.values():
        repaired = ", ".join(f"{k} {v}" for k, v in counts.repaired.most_common())
        dropped = ", ".join(f"{k} {v}" for k, v in counts.dropped.most_common())
        table.add_row(counts.name, str(counts.seen), str(counts.kept), repaired or "-", dropped or "-")
    return table


@app.command("import")
def import_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders: page dumps, HTML pages, JSON Lines, .gz.")],
    db: DbOption = DEFAULT_DB,
    batch_size: Annotated[Optional[int], typer.Option(
        help="Articles per transaction (default 500, or 3000 for imports large enough for workers).")] = None,
    workers: Annotated[Optional[int], typer.Option(
        help="Processes for the text stages (default: one per core, for imports of 40+ files); on"
             " PostgreSQL, worker processes that each import files taken from the store's work queue.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read, clean, date, detect language, deduplicate and store articles."""
    store = open_store(db)
    with store_faults(db):
        store.check_writable()
        report = import_with_progress(store, paths, batch_size, workers, quiet)
    print_import_report(report)
    store.close()
    if report.rejects:
        raise typer.Exit(EXIT_REJECTS)


def print_import_report(report: ImportReport) -> None:
    for warning in report.warnings:
        err.print(f"repaired {warning}", style="cyan", markup=False, highlight=False, soft_wrap=True)
    err.print(counts_table(report))
    err.print(
        f"{report.files} files, {report.stages['read'].kept} articles read: {report.stored_new} new, "
        f"{report.merged} copies merged, {report.already_known} already stored, "
        f"{len(report.rejects)} inputs rejected ({report.seconds:.1f}s, {report.articles_per_second:.0f} articles/s)",
        soft_wrap=True,
    )
    if report.rebuilt_indexes:
        err.print(f"bulk import: {len(report.rebuilt_indexes)} listing indexes dropped during the import"
                  " and rebuilt after it", style="dim", soft_wrap=True)


@app.command("export")
def export_command(
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl or csv.")] = "jsonl",
    lang: Annotated[Optional[str], typer.Option(help="Only this language: kk (or qq), ru or en.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[Optional[str], typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet (gov.kz entity or agency).")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write; default stdout.")] = None,
) -> None:
    """Write every distinct article as JSON Lines or CSV."""
    if format not in ("jsonl", "csv"):
        raise typer.BadParameter("use jsonl or csv", param_hint="--format")
    if lang is not None and language_code(lang) is None:
        raise typer.BadParameter(f"{lang!r}: use kk (or qq), ru or en", param_hint="--lang")
    start, end = parse_day(since, "--since"), parse_day(until, "--until")
    check_range(start, end)
    if not store_exists(db):
        err.print(f"[red]error:[/] no database at {db} (run `janalyq import` first, or pass --db)")
        raise typer.Exit(2)
    store = open_store(db, for_reading=True, cache_mb=EXPORT_CACHE_MB)
    records = export_records(store, lang=language_code(lang) if lang else None, since=start, until=end,
                             outlet=outlet)
    writer = write_jsonl if format == "jsonl" else write_csv
    if output:
        try:
            with output.open("w", encoding="utf-8", newline="") as handle:
                count = writer(records, handle)
        except OSError as exc:  # the output, not the store: a full disk or a folder we may not write
            status = EXIT_DISK_FULL if exc.errno == 28 else EXIT_READ_ONLY
            raise _fail(f"{output}: cannot write the export ({exc.strerror or exc}); free some space or"
                        " choose another --output", status) from None
    else:
        count = writer(records, sys.stdout)
    err.print(f"{count} articles exported")
    store.close()


@app.command("stats")
def stats_command(db: DbOption = DEFAULT_DB) -> None:
    """Articles by language, outlet, month and section; rejects by reason."""
    if not store_exists(db):
        err.print(f"[red]error:[/] no database at {db}")
        raise typer.Exit(2)
    store = open_store(db, for_reading=True)
    figures = store_stats(store)
    out = Console()
    out.print(f"[bold]{figures['articles']}[/] articles, {figures['copies_merged']} copies merged, "
              f"{figures['runs']} import runs")
    for key, title in (("by_lang", "language"), ("by_outlet", "outlet"), ("by_month", "month"),
                       ("by_section", "site section"), ("flags", "flag"), ("rejects_by_reason", "reject reason")):
        table = Table(title=f"by {title}", title_justify="left")
        table.add_column(title)
        table.add_column("count", justify="right")
        for name, n in figures[key]:
            table.add_row(str(name), str(n))
        out.print(table)
    store.close()


# -- crawler: janalyq sources, janalyq crawl, janalyq run (library: janalyq.crawl) -------------
sources_app = typer.Typer(help="Sources the crawler follows; without a subcommand, their health.",
                          invoke_without_command=True, no_args_is_help=False, rich_markup_mode=None)
app.add_typer(sources_app, name="sources")
ConfigOption = Annotated[Optional[Path], typer.Option(
    "--config", "-c", help="sources.toml with [crawl] settings and [[source]] tables (default ./sources.toml).")]


def _crawler(db: str, config: Optional[Path], allow_loopback: bool = False):
    from janalyq.crawl.config import ConfigError
    from janalyq.crawl.schedule import crawler_for

    store = open_store(db)

    def on_fault(source: str, url: str, reason: str) -> None:
        err.print(f"{source}: {url}: {reason}", style="yellow", markup=False, highlight=False, soft_wrap=True)

    try:
        return store, crawler_for(store, config, {"allow_loopback": True if allow_loopback else None}, on_fault)
    except ConfigError as exc:
        err.print(f"error: {exc}", style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


@sources_app.callback()
def sources_command(ctx: typer.Context, db: DbOption = DEFAULT_DB, config: ConfigOption = None) -> None:
    """Health of every source: last success, new items, errors, last error."""
    if ctx.invoked_subcommand is not None:
        return
    from janalyq.cli_sources import health_table

    store, crawler = _crawler(db, config)
    Console().print(health_table(crawler.state.health()))
    store.close()


sources_app.command("check")(check_command)


@sources_app.command("add")
def sources_add_command(
    url: Annotated[str, typer.Argument(help="Feed, sitemap or listing URL (gov.kz: the site root).")],
    name: Annotated[str, typer.Option(help="Short unique name of the source.")],
    kind: Annotated[str, typer.Option(help="rss, atom, sitemap, listing or govkz.")] = "rss",
    lang: Annotated[Optional[str], typer.Option(help="kk, ru or en, when the pages do not say.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Publisher shown on its articles.")] = None,
    entity: Annotated[Optional[str], typer.Option(help="govkz: the entity slug (edu, mfa, ...).")] = None,
    languages: Annotated[Optional[str], typer.Option(help="govkz: languages, comma-separated.")] = None,
    link_pattern: Annotated[Optional[str], typer.Option(help="Regular expression of article URLs.")] = None,
    link_selector: Annotated[Optional[str], typer.Option(help="listing: CSS selector of article links.")] = None,
    next_selector: Annotated[Optional[str], typer.Option(help="listing: CSS selector of the next page link.")] = None,
    render: Annotated[bool, typer.Option(help="Read its pages in headless Chromium (JavaScript sites).")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Add a source to the store (or update the one of that name)."""
    from janalyq.crawl.config import ConfigError, SourceSpec
    from janalyq.crawl.state import CrawlState

    data = {"name": name, "kind": kind, "url": url, "lang": lang, "outlet": outlet, "entity": entity,
            "link_pattern": link_pattern, "link_selector": link_selector, "next_selector": next_selector,
            "render": render,
            "languages": [x.strip() for x in languages.split(",")] if languages else []}
    try:
        spec = SourceSpec.from_dict(data)
    except ConfigError as exc:
        err.print(f"error: {exc}", style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    store = open_store(db)
    store.begin()
    added = CrawlState(store).save_source(spec)
    store.commit()
    store.close()
    err.print(f"{'added' if added else 'updated'} source {spec.name} ({spec.kind}, {spec.url})")


def _print_pass(report) -> None:
    table = Table(title=f"Crawl pass {report.pass_id}" + (" (resumed)" if report.resumed else ""),
                  title_justify="left")
    for column in ("source", "fetched", "not modified", "new", "merged", "retries", "deferred", "errors", "faults"):
        table.add_column(column, justify="left" if column in ("source", "faults") else "right")
    for name, t in sorted(report.sources.items()):
        faults = ", ".join(f"{k} {v}" for k, v in t.faults.most_common()) or "-"
        table.add_row(name, str(t.fetched), str(t.not_modified), str(t.new), str(t.merged), str(t.retries),
                      str(t.deferred), str(t.errors), faults)
    err.print(table)
    err.print(f"{sum(report.requests.values())} requests to {len(report.requests)} hosts, "
              f"{report.new_articles} new articles, {report.recovered} responses recovered from WARC, "
              f"{report.left_queued} URLs left queued ({report.seconds:.1f}s)", soft_wrap=True)


def _nothing_fetched(report) -> bool:
    """A pass in which every source failed and none gave a single response."""
    tallies = list(report.sources.values())
    return bool(tallies) and all(t.fetched + t.not_modified == 0 and t.errors > 0 for t in tallies)


@app.command("crawl")
def crawl_command(
    once: Annotated[bool, typer.Option("--once", help="One pass over every source, then stop.")] = False,
    db: DbOption = DEFAULT_DB,
    config: ConfigOption = None,
    allow_loopback: Annotated[bool, typer.Option(help="Let the SSRF guard allow 127.0.0.0/8.")] = False,
    workers: Annotated[Optional[int], typer.Option(
        help="PostgreSQL: crawl processes sharing the frontier (each URL fetched by one of them).")] = None,
) -> None:
    """Crawl the sources: one pass with --once, else each source on its schedule until Ctrl-C."""
    import threading

    from janalyq.crawl.schedule import run_on_schedule

    if workers is not None:
        from janalyq.cli_work import crawl_workers

        status = crawl_workers(db, config, allow_loopback, workers, once)
        if status:
            raise typer.Exit(status)
        return
    store, crawler = _crawler(db, config, allow_loopback)
    if not crawler.state.sources():
        err.print("no sources: add one with `janalyq sources add` or write sources.toml")
        raise typer.Exit(2)
    try:
        with store_faults(db):
            if once:
                report = crawler.run_pass()
                _print_pass(report)
                if _nothing_fetched(report):
                    raise _fail("no source answered in this pass (every request was refused or failed):"
                                " see the faults above", EXIT_REJECTS)
            else:
                run_on_schedule(crawler, threading.Event(), _print_pass)
    except KeyboardInterrupt:
        err.print("stopped; the next crawl resumes the pass where it stopped")
    finally:
        store.close()


@app.command("run")
def run_command(
    db: DbOption = DEFAULT_DB,
    config: ConfigOption = None,
    host: Annotated[str, typer.Option(help="Portal address.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Portal port.")] = 8000,
    allow_loopback: Annotated[bool, typer.Option(help="Let the SSRF guard allow 127.0.0.0/8.")] = False,
) -> None:
    """Crawl each source on its own schedule and serve the portal over the same database."""
    import importlib
    import threading

    from janalyq.crawl.schedule import run_on_schedule

    store, crawler = _crawler(db, config, allow_loopback)
    try:  # the portal is another part of janalyq (janalyq.web); crawl alone when it is absent
        create_app = importlib.import_module("janalyq.web").create_app
        uvicorn = importlib.import_module("uvicorn")
    except (ImportError, AttributeError):
        create_app = None
    if create_app is None:
        err.print("the portal (janalyq.web) is not installed: crawling only")
    else:
        server = threading.Thread(target=uvicorn.run, args=(create_app(db),), daemon=True,
                                  kwargs={"host": host, "port": port, "log_level": "warning", "access_log": False})
        server.start()
        err.print(f"portal at http://{host}:{port}/ over {db}; crawling each source on its schedule")
    try:
        run_on_schedule(crawler, threading.Event(), _print_pass)
    except KeyboardInterrupt:
        err.print("stopped")
    finally:
        store.close()


def _serve(db: str, host: str, port: int) -> None:
    import uvicorn

    from janalyq.web import create_app

    err.print(f"janalyq portal on [bold]http://{host}:{port}/[/] (database {db}); Ctrl+C stops it")
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning", access_log=False)


HostOption = Annotated[str, typer.Option(help="Address to listen on (loopback by default).")]
PortOption = Annotated[int, typer.Option(help="Port to listen on.")]


@app.command("serve")
def serve_command(db: DbOption = DEFAULT_DB, host: HostOption = "127.0.0.1", port: PortOption = 8000) -> None:
    """Serve the portal (HTML in kk/ru/en, JSON API, feeds) over an existing database."""
    if not store_exists(db):
        err.print(f"[red]error:[/] no database at {db} (run `janalyq import` or `janalyq demo` first)")
        raise typer.Exit(2)
    open_store(db, for_reading=True).close()  # migrate once before the server's threads open it
    _serve(db, host, port)


@app.command("demo")
def demo_command(
    db: Annotated[Path, typer.Option("--db", help="Demo database, created fresh.")] = Path("janalyq-demo.db"),
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
) -> None:
    """Fill a fresh database with the bundled sample news (real pipeline) and serve the portal."""
    from janalyq.web.demo import NotADemoStore, fill_demo_db

    try:
        report = fill_demo_db(db)
    except NotADemoStore as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    err.print(f"demo database {db}: {report.stored_new} articles, {report.merged} copies merged")
    _serve(db, host, port)


@app.command("translit")
def translit_command(
    text: Annotated[Optional[str], typer.Argument(help="Kazakh text; read from standard input when left out.")] = None,
    to: Annotated[str, typer.Option("--to", help="latin (official 2021 alphabet) or cyrillic.")] = "latin",
    alphabet: Annotated[Optional[str], typer.Option(
        "--alphabet", help="with --to cyrillic: the Latin alphabet of the text, 2021, 2018 or 2017"
                           " (default: told by its letters, line by line).")] = None,
) -> None:
    """Kazakh Cyrillic to the official 2021 Latin alphabet, and back from any Kazakh Latin
    alphabet (janalyq.translit, janalyq.alphabets)."""
    from janalyq.translit import to_cyrillic, to_latin

    if to not in ("latin", "cyrillic"):
        raise typer.BadParameter("use latin or cyrillic", param_hint="--to")
    if alphabet not in (None, "2021", "2018", "2017"):
        raise typer.BadParameter("use 2021, 2018 or 2017", param_hint="--alphabet")

    def convert(text: str) -> str:
        return to_latin(text) if to == "latin" else to_cyrillic(text, alphabet)
    if text is not None:
        typer.echo(convert(text))
        return
    for line in sys.stdin:  # line by line: a long file is never held whole
        sys.stdout.write(convert(line))


def main() -> None:  # pragma: no cover - console entry point
    app()
