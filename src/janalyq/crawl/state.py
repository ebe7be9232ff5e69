"""The crawl's state in the store: sources, passes, the frontier, validators and the fetch log.

Everything here runs inside the store's open transaction, so the frontier moves forward in the
same commit as the articles its responses produced: after `kill -9` a URL is either done with
its articles stored, or still queued (and then its response is found again in the WARC file,
see engine.recover).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from janalyq.crawl.config import SourceSpec
from janalyq.crawl.discover import ROLE_ARTICLE, Link
from janalyq.crawl.urls import host_key
from janalyq.store.dialect import is_postgres
from janalyq.store.sqlite import Store

QUEUED, DONE, FAILED, FETCHING = "queued", "done", "failed", "fetching"
# How long a claimed URL stays a worker's (PostgreSQL): renewed while the worker lives, so only a
# killed worker's URLs come due again, this long after its last renewal.
LEASE_SECONDS = 300.0
# A claim is its worker's while the worker's database session lives (each worker names its
# session after itself, see CrawlState): a killed worker's URLs are due again at once, and the
# lease covers a worker that lives on but hangs.
_OWNER_GONE = "owner NOT IN (SELECT application_name FROM pg_stat_activity)"
# A URL a worker may take: queued and due, or claimed by a worker that is gone or whose lease ran out.
_READY = f"((state = 'queued' AND not_before <= ?) OR (state = 'fetching' AND (lease_until < ? OR {_OWNER_GONE})))"


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


@dataclass
class FrontierItem:
    url: str
    source: str
    role: str
    depth: int
    host: str
    attempts: int
    hints: dict


class CrawlState:
    """The crawl's state.  On PostgreSQL several crawl workers share one frontier: a worker claims
    the URLs it fetches (`ready_items`: `fetching`, with its name and a lease, taken with FOR
    UPDATE SKIP LOCKED), so no other worker fetches them; on SQLite one crawler has the store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db
        self.claims = is_postgres(store.db)
        # At most 63 bytes: the session's application_name is how others see that it lives.
        self.owner = f"{uuid.uuid4().hex[:8]}:{os.getpid()}:{socket.gethostname()}"[:63]
        if self.claims:
            self.db.execute("SELECT set_config('application_name', ?, false)", (self.owner,))

    # -- sources ------------------------------------------------------------------------------
    def save_source(self, spec: SourceSpec) -> bool:
        """Add or update a source; returns True when it was new.  Health counters are kept."""
        known = self.db.execute("SELECT 1 FROM crawl_sources WHERE name = ?", (spec.name,)).fetchone()
        values = (spec.kind, spec.url, spec.lang, json.dumps(spec.settings_json(), ensure_ascii=False),
                  spec.interval, int(spec.enabled), spec.name)
        if known:
            self.db.execute("UPDATE crawl_sources SET kind=?, url=?, lang=?, settings=?, interval_s=?,"
                            " enabled=? WHERE name=?", values)
        else:
            self.db.execute("INSERT INTO crawl_sources(kind, url, lang, settings, interval_s, enabled,"
                            " name, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (*values, now_iso()))
        return not known

    def sources(self, enabled_only: bool = True) -> list[SourceSpec]:
        sql = "SELECT * FROM crawl_sources" + (" WHERE enabled = 1" if enabled_only else "") + " ORDER BY name"
        return [_spec(row) for row in self.db.execute(sql)]

    def source(self, name: str) -> SourceSpec | None:
        row = self.db.execute("SELECT * FROM crawl_sources WHERE name = ?", (name,)).fetchone()
        return _spec(row) if row else None

    def health(self) -> list[dict]:
        return [dict(r) for r in self.db.execute(
            "SELECT name, kind, url, enabled, last_attempt_at, last_success_at, last_new_items,"
            " total_new_items, fetches, errors, last_pass_errors, last_error, last_error_at"
            " FROM crawl_sources ORDER BY name")]

    def due_sources(self, now: float, default_interval: int) -> list[SourceSpec]:
        rows = self.db.execute("SELECT * FROM crawl_sources WHERE enabled = 1 AND next_due_at <= ?"
                               " ORDER BY next_due_at, name", (now,)).fetchall()
        return [_spec(r) for r in rows]

    def schedule_next(self, spec: SourceSpec, default_interval: int) -> None:
        self.db.execute("UPDATE crawl_sources SET next_due_at = ? WHERE name = ?",
                        (time.time() + (spec.interval or default_interval), spec.name))

    def next_source_due(self) -> float | None:
        return self.store.scalar("SELECT min(next_due_at) FROM crawl_sources WHERE enabled = 1")

    def source_pass_result(self, name: str, new_items: int, errors: int, fetched: int) -> None:
        # Numbered marks, not named ones: PostgreSQL's translation knows `?N` (store/dialect.py).
        success = ", last_success_at = ?1" if fetched > errors else ""
        self.db.execute(
            f"UPDATE crawl_sources SET last_attempt_at = ?1{success}, last_new_items = ?2,"
            " total_new_items = total_new_items + ?2, last_pass_errors = ?3 WHERE name = ?4",
            (now_iso(), new_items, errors, name))

    def source_error(self, name: str, url: str, reason: str, error: bool = True) -> None:
        self.db.execute("UPDATE crawl_sources SET errors = errors + ?, last_error = ?, last_error_at = ?"
                        " WHERE name = ?", (int(error), f"{url}: {reason}", now_iso(), name))

    def source_fetch(self, name: str) -> None:
        self.db.execute("UPDATE crawl_sources SET fetches = fetches + 1 WHERE name = ?", (name,))

    # -- passes -------------------------------------------------------------------------------
    def unfinished_pass(self) -> int | None:
        row = self.db.execute("SELECT id FROM crawl_passes WHERE status = 'running' ORDER BY id DESC"
                              " LIMIT 1").fetchone()
        return row[0] if row else None

    def start_pass(self, names: list[str]) -> int:
        cur = self.db.execute("INSERT INTO crawl_passes(started_at, status, sources) VALUES (?, 'running', ?)",
                              (now_iso(), json.dumps(names)))
        return cur.lastrowid

    def finish_pass(self, pass_id: int, counts: dict) -> None:
        self.db.execute("UPDATE crawl_passes SET finished_at = ?, status = 'done', counts = ? WHERE id = ?",
                        (now_iso(), json.dumps(counts), pass_id))

    # -- frontier -----------------------------------------------------------------------------
    def enqueue(self, links: Iterable[Link], source: str, pass_id: int) -> int:
        """Queue links; returns how many were new.  An article URL is queued once, ever; a
        navigation page (feed, sitemap, listing) once per pass."""
        added = 0
        for link in links:
            hints = json.dumps(link.hints, ensure_ascii=False)
            cur = self.db.execute(
                "INSERT OR IGNORE INTO frontier(url, source, role, depth, host, hints, pass_id, discovered_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (link.url, source, link.role, link.depth, host_key(link.url), hints, pass_id, now_iso()))
            if cur.rowcount:
                added += 1
            elif link.role != ROLE_ARTICLE:
                cur = self.db.execute(
                    "UPDATE frontier SET state = 'queued', attempts = 0, not_before = 0, pass_id = ?,"
                    " depth = ?, hints = ? WHERE url = ? AND role != 'article' AND"
                    " (pass_id IS NULL OR pass_id != ?)", (pass_id, link.depth, hints, link.url, pass_id))
                added += cur.rowcount
        return added

    def ready_hosts(self, now: float) -> list[str]:
        if self.claims:
            return [r[0] for r in self.db.execute(f"SELECT DISTINCT host FROM frontier WHERE {_READY}", (now, now))]
        return [r[0] for r in self.db.execute(
            "SELECT DISTINCT host FROM frontier WHERE state = 'queued' AND not_before <= ?", (now,))]

    def ready_items(self, host: str, now: float, limit: int, skip: set[str]) -> list[FrontierItem]:
        if self.claims:
            return [item for item in self._claim(host, now, limit) if item.url not in skip]
        rows = self.db.execute(
            "SELECT url, source, role, depth, host, attempts, hints FROM frontier WHERE state = 'queued'"
            " AND host = ? AND not_before <= ? ORDER BY not_before LIMIT ?",
            (host, now, limit + len(skip))).fetchall()
        items = [FrontierItem(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6])) for r in rows if r[0] not in skip]
        return items[:limit]

    def _claim(self, host: str, now: float, limit: int) -> list[FrontierItem]:
        """Ready URLs of `host`, now this worker's: rows another worker is claiming at this
        moment are skipped, not waited for, and a claimed row is `fetching` for everyone else."""
        rows = self.db.execute(
            "UPDATE frontier SET state = 'fetching', owner = ?, lease_until = ? WHERE url IN ("
            f" SELECT url FROM frontier WHERE host = ? AND {_READY} ORDER BY not_before LIMIT ?"
            " FOR UPDATE SKIP LOCKED) RETURNING url, source, role, depth, host, attempts, hints, not_before",
            (self.owner, now + LEASE_SECONDS, host, now, now, limit)).fetchall()
        rows.sort(key=lambda r: (r[7], r[0]))
        return [FrontierItem(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6])) for r in rows]

    def renew_leases(self, now: float) -> None:
        """Keep this worker's claims while it lives (PostgreSQL)."""
        if self.claims:
            self.db.execute("UPDATE frontier SET lease_until = ? WHERE owner = ? AND state = 'fetching'",
                            (now + LEASE_SECONDS, self.owner))

    def release_claims(self) -> None:
        """URLs this worker claimed and did not finish (a pass stopped early) are queued again."""
        if self.claims:
            self.db.execute("UPDATE frontier SET state = 'queued', owner = NULL WHERE owner = ?"
                            " AND state = 'fetching'", (self.owner,))

    def others_fetching(self, now: float) -> bool:
        """Whether another live worker is fetching URLs of the frontier (PostgreSQL)."""
        if not self.claims:
            return False
        return self.db.execute("SELECT 1 FROM frontier WHERE state = 'fetching' AND owner != ? AND lease_until >= ?"
                               f" AND NOT {_OWNER_GONE} LIMIT 1", (self.owner, now)).fetchone() is not None

    def next_ready_time(self) -> float | None:
        return self.store.scalar("SELECT min(not_before) FROM frontier WHERE state = 'queued'")

    def queued_count(self) -> int:
        return self.store.scalar("SELECT count(*) FROM frontier WHERE state = 'queued'")

    def is_queued(self, url: str) -> bool:
        """Queued, or (PostgreSQL) claimed by a worker whose lease ran out."""
        if self.claims:
            now = time.time()
            return self.db.execute("SELECT 1 FROM frontier WHERE url = ? AND (state = 'queued'"
                                   f" OR (state = 'fetching' AND (lease_until < ? OR {_OWNER_GONE})))",
                                   (url, now)).fetchone() is not None
        return self.db.execute("SELECT 1 FROM frontier WHERE url = ? AND state = 'queued'",
                               (url,)).fetchone() is not None

    def item(self, url: str) -> FrontierItem | None:
        r = self.db.execute("SELECT url, source, role, depth, host, attempts, hints FROM frontier"
                            " WHERE url = ?", (url,)).fetchone()
        return FrontierItem(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6])) if r else None

    def finish(self, url: str, state: str, outcome: str) -> None:
        self.db.execute("UPDATE frontier SET state = ?, outcome = ?, done_at = ?, attempts = attempts + 1"
                        " WHERE url = ?", (state, outcome, now_iso(), url))

    def retry_later(self, url: str, not_before: float, outcome: str) -> None:
        # `queued` again: on PostgreSQL the URL was `fetching`, claimed (on SQLite it stayed queued).
        self.db.execute("UPDATE frontier SET state = 'queued', attempts = attempts + 1, not_before = ?,"
                        " outcome = ? WHERE url = ?", (not_before, outcome, url))

    # -- validators and log -------------------------------------------------------------------
    def validators(self, url: str) -> tuple[str | None, str | None, str | None]:
        row = self.db.execute("SELECT etag, last_modified, body_sha1 FROM http_validators WHERE url = ?",
                              (url,)).fetchone()
        return (row[0], row[1], row[2]) if row else (None, None, None)

    def save_validators(self, url: str, etag: str | None, last_modified: str | None, sha1: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO http_validators(url, etag, last_modified, body_sha1, fetched_at)"
                        " VALUES (?, ?, ?, ?, ?)", (url, etag, last_modified, sha1, now_iso()))

    def log(self, pass_id: int, item: FrontierItem, attempt: int, status: int | None, outcome: str,
            reason: str | None, size: int | None, seconds: float) -> None:
        self.db.execute(
            "INSERT INTO fetch_log(at, pass_id, source, url, host, attempt, status, outcome, reason, bytes, ms)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (now_iso(), pass_id, item.source, item.url, item.host, attempt, status, outcome, reason, size,
             int(seconds * 1000)))


def _spec(row) -> SourceSpec:
    data = json.loads(row["settings"] or "{}")
    data.update(name=row["name"], kind=row["kind"], url=row["url"], lang=row["lang"],
                interval=row["interval_s"], enabled=bool(row["enabled"]))
    return SourceSpec.from_dict(data)
