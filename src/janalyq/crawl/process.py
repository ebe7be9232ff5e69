"""What the crawl does with one response: archive it, then read it as the page it is.

Runs in the crawl's single writer (no await here): the WARC record is written first, then
the frontier, validators, fetch log and articles go into the store's open transaction.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from janalyq.article import Reject
from janalyq.crawl.archive import WarcArchive
from janalyq.crawl.config import SourceSpec
from janalyq.crawl.discover import ROLE_ARTICLE, discover
from janalyq.crawl.extract import article_from_hints, article_from_page
from janalyq.crawl.fetch import charset_of
from janalyq.crawl.render import RENDERED_HEADER
from janalyq.crawl.shell import NEEDS_BROWSER, shell_reason
from janalyq.crawl.state import DONE, FAILED, CrawlState, FrontierItem
from janalyq.crawl.session import PipelineSession
from janalyq.read.encoding import NotText, decode_bytes


@dataclass
class SourceTally:
    fetched: int = 0
    new: int = 0
    merged: int = 0
    known: int = 0
    not_modified: int = 0
    errors: int = 0
    retries: int = 0
    deferred: int = 0
    rejected: int = 0  # article pages that gave no article (rejected or dropped)
    last_reject: str = ""
    faults: Counter = field(default_factory=Counter)  # reason kind -> count


def full_hints(spec: SourceSpec | None, item_hints: dict) -> dict:
    """What an article page is read with: the source's settings, then what the link said."""
    base = {}
    if spec is not None:
        base = {"lang": spec.lang, "outlet": spec.outlet, "title_selector": spec.title_selector,
                "date_selector": spec.date_selector, "body_selector": spec.body_selector}
    base.update(item_hints)
    return {k: v for k, v in base.items() if v}


class ResponseProcessor:
    def __init__(self, state: CrawlState, session: PipelineSession, archive: WarcArchive,
                 specs: dict[str, SourceSpec], pass_id: int, on_fault=None) -> None:
        self.state, self.session, self.archive = state, session, archive
        self.on_fault = on_fault
        self.article_url = None  # optional map of the URL an article was read at (crawl.local)
        self.specs, self.pass_id = specs, pass_id
        self.tallies: dict[str, SourceTally] = {}

    def tally(self, source: str) -> SourceTally:
        return self.tallies.setdefault(source, SourceTally())

    def fault(self, item: FrontierItem, kind: str, reason: str, error: bool = True) -> None:
        """A problem with this URL, recorded against its source.  A retry or a deferral is a
        fault but not (yet) an error: the URL may still succeed."""
        tally = self.tally(item.source)
        tally.errors += int(error)
        tally.faults[kind] += 1
        self.state.source_error(item.source, item.url, reason, error)
        if self.on_fault:
            self.on_fault(item.source, item.url, reason)

    def archive_response(self, item: FrontierItem, response, role: str | None = None) -> None:
        hints = full_hints(self.specs.get(item.source), item.hints)
        self.archive.write(item.url, response.status, response.reason, response.http_version,
                           response.headers, response.body, role or item.role, item.source, hints)

    def fail(self, item: FrontierItem, kind: str, reason: str, status: int | None = None,
             seconds: float = 0.0) -> None:
        self.fault(item, kind, reason)
        self.state.finish(item.url, FAILED, f"{kind}: {reason}")
        self.state.log(self.pass_id, item, item.attempts + 1, status, kind, reason, None, seconds)

    def ok(self, item: FrontierItem, response, recovered: bool = False) -> str:
        """A 200 response (fetched now or found in the WARC file): read it.  Returns the outcome."""
        tally = self.tally(item.source)
        tally.fetched += 1
        body = response.body
        sha1 = hashlib.sha1(body).hexdigest()
        charset = charset_of(response.header("content-type"))
        outcome = self._read(item, body, charset, sha1, bool(response.header(RENDERED_HEADER)))
        if item.role != ROLE_ARTICLE:
            self.state.save_validators(item.url, response.header("etag"), response.header("last-modified"), sha1)
        if recovered:
            outcome += " (recovered from WARC)"
        self.state.finish(item.url, DONE, outcome)
        self.state.log(self.pass_id, item, item.attempts + 1, response.status, outcome.split(" ")[0], None,
                       len(body), getattr(response, "elapsed", 0.0))
        return outcome

    def _read(self, item: FrontierItem, body: bytes, charset: str | None, sha1: str, rendered: bool) -> str:
        spec = self.specs.get(item.source)
        if item.role != ROLE_ARTICLE:
            _, _, previous = self.state.validators(item.url)
            if previous == sha1:
                return "unchanged"  # a server without ETag/Last-Modified sent the same page
        try:
            decoded = decode_bytes(body, charset)
        except NotText as exc:
            self.fault(item, "not_text", str(exc))
            if item.role == ROLE_ARTICLE:
                self._rejected(item, str(exc))
            return "not_text"
        for warning in decoded.warnings:
            self.session.add(f"{item.url}: {warning}")
            self.fault(item, "charset", f"{warning}; read as {decoded.encoding}")
        hints = full_hints(spec, item.hints)
        if item.role == ROLE_ARTICLE:
            return self._article_page(item, decoded.text, hints, rendered)
        if spec is None:
            self.fault(item, "no_source", f"source {item.source!r} is no longer configured")
            return "no_source"
        found = discover(item.role, spec, item.url, body, decoded.text, item.depth, item.hints, charset)
        if found.problem:
            self.fault(item, "malformed", found.problem)
        elif found.empty:  # a page that led nowhere is a problem of its source, not "0 new"
            shell = shell_reason(decoded.text) if item.role == "listing" else None
            if shell:
                self.fault(item, "needs_browser", _shell_message(shell, rendered))
            else:
                self.fault(item, "no_links", found.empty)
        added = self.state.enqueue(found.links, item.source, self.pass_id)
        for url, link_hints, paragraphs in found.whole_articles:
            self._article(item, article_from_hints(url, full_hints(spec, link_hints), paragraphs))
        if found.problem:
            return "malformed"
        return f"links:{len(found.links)} new:{added}" if not found.empty else "no_links"

    def _article_page(self, item: FrontierItem, text: str, hints: dict, rendered: bool) -> str:
        """An article page; a JavaScript shell is the source's problem, and the feed's own text
        for the item (its description) is kept rather than lost."""
        summary = hints.get("summary") or []
        shell = shell_reason(text)
        if shell:
            reason = _shell_message(shell, rendered)
            self.fault(item, "needs_browser", reason)
            if summary:
                return self._article(item, article_from_hints(item.url, hints, summary), "from the feed")
            self.session.add(Reject(item.url, reason))
            self._rejected(item, reason)
            return "needs_browser"
        article = article_from_page(item.url, text, hints)
        if summary and (isinstance(article, Reject) or len(article.body_text) < sum(map(len, summary))):
            # the page gave less than the feed's description: the description is the better text
            fallback = article_from_hints(item.url, hints, summary)
            if not isinstance(article, Reject):
                fallback.title = article.title or fallback.title
                fallback.date_text = article.date_text or fallback.date_text
            article = fallback
        return self._article(item, article)

    def _rejected(self, item: FrontierItem, reason: str) -> None:
        tally = self.tally(item.source)
        tally.rejected += 1
        tally.last_reject = reason

    def judge(self, source: str) -> None:
        """At the end of a pass: a source whose every article page was rejected is failing, even
        when each of its feeds and listings was fetched."""
        tally = self.tally(source)
        if tally.rejected and not (tally.new + tally.merged + tally.known):
            reason = f"every article page of this pass was rejected ({tally.rejected}): {tally.last_reject}"
            tally.errors += 1
            tally.faults["all_rejected"] += 1
            self.state.source_error(source, "pass", reason)
            if self.on_fault:
                self.on_fault(source, "pass", reason)

    def _article(self, item: FrontierItem, article, how: str = "") -> str:
        if isinstance(article, Reject):
            self.fault(item, "no_article", article.reason)
        elif self.article_url is not None:
            served = article.url
            article.url = self.article_url(served)
            if article.source_url == served:
                article.source_url = article.url
        outcome = self.session.add(article)
        tally = self.tally(item.source)
        if outcome == "new":
            tally.new += 1
        elif outcome == "merged":
            tally.merged += 1
        elif outcome == "known":
            tally.known += 1
        elif outcome in ("rejected", "dropped"):
            self._rejected(item, article.reason if isinstance(article, Reject) else "dropped by the pipeline")
        return f"{outcome} {how}".strip()


def _shell_message(shell: str, rendered: bool) -> str:
    if rendered:
        return f"the page has no text even after the browser ran it ({shell})"
    return f"{NEEDS_BROWSER} ({shell})"
