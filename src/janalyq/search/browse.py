"""Reading the store the way a reader browses it: newest first by language, section, outlet, day;
one article with the places it was seen, its versions in other languages and related articles.

Every listing walks an index in (filter, published) order and stops after one page, and every
count comes from `facet_counts` (kept by triggers), so a page costs the same on a store of a
thousand articles and of a million.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass

from janalyq.search import score, termstats
from janalyq.search.analyzer import term, words
from janalyq.search.backend import index_of
from janalyq.search.expression import AllOf, AnyOf, Columns, Node, Phrase
from janalyq.search.engine import SUMMARY_COLUMNS
from janalyq.search.index import RID_BITS, SOURCE_KEY_SQL, day_of, facet_token, recency_key, rid_of

RELATED_WINDOW_DAYS = 120
RELATED_KEYS = 4  # the rarest title terms, to find candidates
RELATED_SIDE = 50  # candidates read on each side of the article in time
FACETS = ("section", "outlet", "day")


@dataclass(frozen=True)
class Listing:
    lang: str | None = None  # None: every language
    section: str | None = None
    outlet: str | None = None
    day: dt.date | None = None
    month: str | None = None  # YYYY-MM
    since: dt.date | None = None
    until: dt.date | None = None
    topic: str | None = None  # janalyq.topic id
    region: str | None = None  # janalyq.gazetteer region id

    def where(self) -> tuple[list[str], list]:
        clauses, args = [], []
        for column, value in (("lang", self.lang), ("site_section", self.section), ("outlet", self.outlet),
                              ("topic", self.topic), ("region", self.region)):
            if value is not None:
                clauses.append(f"{column} = ?")
                args.append(value)
        if self.day is not None:
            clauses.append("published = ?")
            args.append(self.day.isoformat())
        if self.month is not None:
            clauses.append("published >= ? AND published < ?")
            args += [f"{self.month}-01", f"{self.month}-32"]
        if self.since is not None:
            clauses.append("published >= ?")
            args.append(self.since.isoformat())
        if self.until is not None:
            clauses.append("published <= ?")
            args.append(self.until.isoformat())
        return clauses, args


def summary(row: sqlite3.Row | dict) -> dict:
    article = dict(row)
    lead = (article.pop("lead", "") or "").split("\n\n")[0]
    article["lead"] = lead if len(lead) <= 280 else lead[:280].rsplit(" ", 1)[0] + " …"
    return article


def latest(db: sqlite3.Connection, listing: Listing, limit: int = 20, offset: int = 0) -> list[dict]:
    clauses, args = listing.where()
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    rows = db.execute(f"SELECT {SUMMARY_COLUMNS} FROM articles{where}"
                      " ORDER BY published DESC, rid DESC LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
    return [summary(r) for r in rows]


def facet_values(db: sqlite3.Connection, facet: str, lang: str | None = None) -> list[tuple[str, int]]:
    """(value, articles) of one facet ("section", "outlet", "day"), most articles first."""
    if lang is None:
        rows = db.execute("SELECT value, sum(n) AS n FROM facet_counts WHERE facet = ? GROUP BY value"
                          " ORDER BY n DESC, value", (facet,)).fetchall()
    else:
        rows = db.execute("SELECT value, n FROM facet_counts WHERE facet = ? AND lang = ?"
                          " ORDER BY n DESC, value", (facet, lang)).fetchall()
    return [(r[0], r[1]) for r in rows]


def count(db: sqlite3.Connection, listing: Listing) -> int:
    """Articles in a listing, from the trigger-kept counts (no scan)."""
    facet, value = "day", None
    if listing.section is not None:
        facet, value = "section", listing.section
    elif listing.outlet is not None:
        facet, value = "outlet", listing.outlet
    elif listing.day is not None:
        value = listing.day.isoformat()
    sql = "SELECT coalesce(sum(n), 0) FROM facet_counts WHERE facet = ?"
    args: list = [facet]
    if value is not None:
        sql += " AND value = ?"
        args.append(value)
    if listing.month is not None:
        sql += " AND value >= ? AND value < ?"
        args += [f"{listing.month}-01", f"{listing.month}-32"]
    if listing.lang is not None:
        sql += " AND lang = ?"
        args.append(listing.lang)
    return db.execute(sql, args).fetchone()[0]


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def encode_cursor(article: dict) -> str:
    raw = json.dumps([article.get("published"), article["rid"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str | None, int]:
    """Raises ValueError for anything that is not a cursor this module wrote."""
    try:
        published, rid = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except Exception as exc:  # binascii, unicode, json and unpacking errors alike
        raise ValueError("invalid cursor") from exc
    # A row id SQLite can bind (64 bits; a bool is no id) and an ISO day or null: anything else
    # is forged, and must be a 422, not an OverflowError deep in the query.
    if isinstance(rid, bool) or not isinstance(rid, int) or not 0 <= rid < 2**63:
        raise ValueError("invalid cursor")
    if not (published is None or (isinstance(published, str) and _ISO_DAY.fullmatch(published))):
        raise ValueError("invalid cursor")
    return published, rid


def page_after(db: sqlite3.Connection, listing: Listing, cursor: str | None, limit: int) -> tuple[list[dict], str | None]:
    """Cursor pagination, newest first: a page and the cursor of the next page (None at the end)."""
    clauses, args = listing.where()
    if cursor:
        published, rid = decode_cursor(cursor)
        if published is None:
            clauses.append("published IS NULL AND rid < ?")
            args.append(rid)
        else:
            clauses.append("(published < ? OR (published = ? AND rid < ?) OR published IS NULL)")
            args += [published, published, rid]
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    rows = db.execute(f"SELECT {SUMMARY_COLUMNS} FROM articles{where} ORDER BY published DESC, rid DESC LIMIT ?",
                      (*args, limit + 1)).fetchall()
    items = [summary(r) for r in rows[:limit]]
    return items, (encode_cursor(items[-1]) if len(rows) > limit else None)


def article(db: sqlite3.Connection, article_id: str) -> dict | None:
    row = db.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    found = dict(row)
    found["flags"] = json.loads(found["flags"])
    found["paragraphs"] = [p for p in found.pop("body").split("\n\n") if p.strip()]
    found["seen_in"] = [dict(r) for r in db.execute(
        "SELECT url, site_section, seen_at FROM sightings WHERE article_rid = ? ORDER BY seen_at, url",
        (found["rid"],))]
    found["versions"] = versions(db, found["rid"])
    found["related"] = related(db, found)
    return found


def versions(db: sqlite3.Connection, rid: int) -> list[dict]:
    """The same release in other languages: gov.kz publishes them under one source path."""
    rows = db.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE {SOURCE_KEY_SQL} ="
        f" (SELECT {SOURCE_KEY_SQL} FROM articles WHERE rid = ?) AND rid != ?"
        " AND lang IS NOT (SELECT lang FROM articles WHERE rid = ?) ORDER BY lang", (rid, rid, rid)).fetchall()
    return [summary(r) for r in rows]


def related(db: sqlite3.Connection, found: dict, limit: int = 5) -> list[dict]:
    """Articles in the same language sharing the rarest title words, nearest in time.

    The rarest few title terms find the candidates: the nearest `RELATED_SIDE` earlier and later
    articles within `RELATED_WINDOW_DAYS` that have one of them in the title (and, when that
    finds fewer than `limit`, anywhere).  Candidates are then scored by every title term they
    share, each weighted by its rarity, a title hit `TITLE_WEIGHT` times a body hit.  Every step
    reads a bounded number of index rows, however common the title's words are."""
    lang = found.get("lang")
    figures = termstats.term_stats(db)
    title_terms = {term(w, lang) for w in words(found.get("title") or "") if len(w) > 3}
    rarity = {t: figures.idf(db, (t,)) for t in title_terms if t}
    if not rarity:
        return []
    keys = sorted(rarity, key=lambda t: (-rarity[t], t))[:RELATED_KEYS]
    own = recency_key(found.get("published"), found.get("collected_at"), found["rid"])
    seen: dict[int, None] = {}
    for columns in ("title", "{title body}"):
        match: Node = Columns(columns, AnyOf(tuple(Phrase((t,)) for t in keys)))
        if lang:
            match = AllOf((match, Columns("facets", Phrase((facet_token("l", lang),)))), bare=True)
        seen.update(dict.fromkeys(_nearest(db, match, own)))
        if len(seen) >= limit:
            break
    scored = [(_shared_score(title, body, rarity), abs(day_of(rowid) - day_of(own)), rid_of(rowid))
              for rowid, title, body in score.content(db, list(seen), "c0, c1")]
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))  # most shared, then nearest in time
    best = [rid for points, _, rid in scored if points > 0][:limit]
    if not best:
        return []
    marks = ",".join("?" * len(best))
    by_rid = {r["rid"]: summary(r) for r in db.execute(
        f"SELECT {SUMMARY_COLUMNS} FROM articles WHERE rid IN ({marks})", best)}
    return [by_rid[rid] for rid in best if rid in by_rid]


def _nearest(db: sqlite3.Connection, match: Node, own: int) -> list[int]:
    """Keys matching `match` nearest in time to the article `own`, on each side of it."""
    window = RELATED_WINDOW_DAYS << RID_BITS
    index = index_of(db)
    earlier = index.keys(match, max(0, own - window), own - 1, RELATED_SIDE)
    later = index.keys(match, own + 1, own + window, RELATED_SIDE, newest_first=False)
    return earlier + later


def _shared_score(title: str, body: str, rarity: dict[str, float]) -> float:
    in_title, in_body = set(title.split()), set(body.split())
    return sum(weight * (score.TITLE_WEIGHT if t in in_title else 1.0 if t in in_body else 0.0)
               for t, weight in rarity.items())


def stats(db: sqlite3.Connection) -> dict:
    by_lang = {lang or "unknown": n for lang, n in db.execute(
        "SELECT lang, sum(n) FROM facet_counts WHERE facet = 'day' GROUP BY lang ORDER BY lang")}
    days = [d for d, _ in facet_values(db, "day") if d]
    return {
        "articles": sum(by_lang.values()),
        "by_lang": by_lang,
        "sections": len({v for v, _ in facet_values(db, "section")}),
        "outlets": len({v for v, _ in facet_values(db, "outlet")}),
        "first_published": min(days) if days else None,
        "last_published": max(days) if days else None,
    }
