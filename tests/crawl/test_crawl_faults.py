"""Done-when 2: the crawl finishes through every fault, records each with a reason, keeps its
retries within the budget and never exceeds the configured request rate per host."""

from __future__ import annotations

import threading

from fault_web import fault_sources, make_fault_server
from webserver import FixtureServer, Reply

from janalyq.crawl.config import load_config
from janalyq.crawl.engine import Crawler

RATE = 8.0


def test_fault_server(tmp_path, store):
    hang = threading.Event()
    with make_fault_server(hang) as server:
        (tmp_path / "s.toml").write_text(fault_sources(server.base, RATE), encoding="utf-8")
        config = load_config(tmp_path / "s.toml")
        crawler = Crawler(store, config.settings, tmp_path / "warc")
        crawler.add_sources(config.sources)
        report = crawler.run_pass()
        hang.set()
        log = list(server.log)

    outcomes = {r["url"].rsplit("/", 1)[-1] if "private" not in r["url"] else "private": r["outcome"]
                for r in store.rows("SELECT url, outcome FROM frontier WHERE role = 'article'")}
    reasons = "\n".join(r[0] for r in store.rows("SELECT reason FROM fetch_log WHERE reason IS NOT NULL"))
    assert outcomes["slow"].startswith("timeout:") and "2 s" in outcomes["slow"]
    assert outcomes["hang"].startswith("timeout:")
    assert outcomes["e500"].startswith("http_500:") and "gave up after 3 attempts" in outcomes["e500"]
    assert outcomes["e503-once"] == "new" and outcomes["e429-once"] == "new"
    assert outcomes["e503-long"] == "deferred: HTTP 503 Service Unavailable"
    assert outcomes["loop-a"].startswith("redirect_loop:")
    assert outcomes["huge"].startswith("too_large:") and "20 MB" in outcomes["huge"]
    assert outcomes["huge-stream"].startswith("too_large:")
    assert outcomes["bad-gzip"].startswith("corrupt_body:")
    assert outcomes["private"] == "robots: disallowed by robots.txt"
    assert outcomes["ok"] == "new" and outcomes["wrong-charset"] == "new" and outcomes["koi8"] == "new"
    assert "Retry-After 3600 s: deferred" in "\n".join(
        r[0] for r in store.rows("SELECT last_error FROM crawl_sources WHERE last_error IS NOT NULL")) or \
        report.deferred == 1
    # text in the wrong declared charset and in KOI8-R comes out right
    titles = {r[0] for r in store.rows("SELECT title FROM articles")}
    assert {"Неверная кодировка в заголовке", "Страница в KOI8-R", "Ремонт школы завершён"} <= titles
    assert "declared charset 'utf-8' was wrong" in reasons or report.sources["faults"].faults["charset"] == 1
    # the malformed feed is recorded against its own source
    feed = next(r for r in crawler.state.health() if r["name"] == "broken-feed")
    assert "malformed feed" in feed["last_error"]
    # every fault is counted against the source that led to it
    faults = report.sources["faults"].faults
    for kind in ("timeout", "http_500", "http_503", "http_429", "redirect_loop", "too_large",
                 "corrupt_body", "robots", "charset"):
        assert faults[kind] >= 1, kind
    # retries within the budget: per URL at most max_retries, per host at most the budget
    attempts = {}
    for entry in log:
        attempts[entry.path] = attempts.get(entry.path, 0) + 1
    # A redirect loop is never retried; only an attempt that failed otherwise on a loaded machine
    # (a timeout: the fixture's is 2 s) is, and the fetch log says so.
    loop_retries = store.rows("SELECT reason FROM fetch_log WHERE url LIKE ? AND outcome = 'retry'", ("%/loop-a",))
    assert not any("redirect" in (reason or "") for reason, in loop_retries)
    assert attempts["/e500"] == 3 and attempts["/e503-long"] == 1 and attempts["/loop-a"] == 1 + len(loop_retries)
    first = sum(1 for p in attempts if p not in ("/robots.txt",))
    assert report.retries <= config.settings.retry_budget_min + config.settings.retry_budget_ratio * first
    # measured request rate per host: never more than RATE requests in any one-second window
    starts = sorted(e.at for e in log)
    worst = max(sum(1 for t in starts if s <= t < s + 1.0) for s in starts)
    assert worst <= RATE + 1, f"{worst} requests in one second, configured {RATE}/s"
    assert report.left_queued == 1  # the 503 with Retry-After: 3600 waits for a later pass


def test_retry_budget_caps_a_host_that_fails_everything(tmp_path, store):
    """Twenty pages that all answer 500: each is tried, the retries stop at the host's budget, and
    every page still ends with an outcome that says why."""
    pages = [f"/down/{n}" for n in range(20)]
    routes = {"/index": lambda q, h: Reply(200, "".join(f'<a href="{p}">{p}</a> ' for p in pages).encode())}
    routes.update({p: (lambda q, h: Reply(500, b"down", {}, "text/plain")) for p in pages})
    with FixtureServer(routes) as server:
        toml = fault_sources(server.base, RATE * 4, budget_min=2).split("[[source]]")[0]
        toml += f'[[source]]\nname = "down"\nkind = "listing"\nurl = "{server.base}/index"\nlang = "ru"\n' \
                f'link_pattern = "^{server.base}/down/"\nmax_depth = 0\n'
        (tmp_path / "s.toml").write_text(toml, encoding="utf-8")
        config = load_config(tmp_path / "s.toml")
        crawler = Crawler(store, config.settings, tmp_path / "warc")
        crawler.add_sources(config.sources)
        report = crawler.run_pass()
        log = list(server.log)

    outcomes = {r["url"].rsplit("/", 1)[-1]: r["outcome"]
                for r in store.rows("SELECT url, outcome FROM frontier WHERE role = 'article'")}
    assert sorted(outcomes, key=int) == [str(n) for n in range(20)]
    assert all(o.startswith("http_500:") for o in outcomes.values()), outcomes
    spent = [o for o in outcomes.values() if "retry budget of" in o]
    assert spent, outcomes
    first = 1 + len(pages)  # the listing and each page once
    retries = sum(1 for e in log if e.path.startswith("/down/")) - len(pages)
    assert retries == report.retries
    # without the budget it would be 2 x 20 = 40 retries
    assert retries <= config.settings.retry_budget_min + config.settings.retry_budget_ratio * first
