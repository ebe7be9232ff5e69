"""Feeds over HTTP: full text, validators and conditional requests.

A feed is built by its page's own builder in feed mode (`PageContext(feed=True)`: FEED_ITEMS
articles), given the full text of its articles (one indexed read), and rendered by feeds.py.
The response carries an ETag (a hash of the feed's bytes) and a Last-Modified (the newest
change among its items); a request repeating either validator gets 304 Not Modified with no
body, so a reader polling every few minutes costs a hash, not a download.  Compression is
the application's GZip middleware.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import Request
from fastapi.responses import Response

from janalyq.web import feeds

MEDIA_TYPES = {"rss": "application/rss+xml; charset=utf-8", "atom": "application/atom+xml; charset=utf-8"}
CACHE_CONTROL = "public, max-age=300"


def add_full_text(db, articles: list[dict]) -> None:
    """Give each article dict its paragraphs and its last change (`updated_at`)."""
    ids = [a["id"] for a in articles]
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    found = {row[0]: (row[1], row[2]) for row in db.execute(
        f"SELECT id, body, updated_at FROM articles WHERE id IN ({marks})", ids)}
    for article in articles:
        body, updated = found.get(article["id"], ("", None))
        article["paragraphs"] = [p for p in (body or "").split("\n\n") if p.strip()]
        article["updated_at"] = updated


def last_change(db, articles: list[dict]) -> dt.datetime:
    """The newest change among the items; for an empty feed, the store's last finished run."""
    moments = [feeds.moment_of(a) for a in articles]
    for article in articles:
        if article.get("updated_at"):
            moments.append(_aware(dt.datetime.fromisoformat(article["updated_at"])))
    if moments:
        return max(moments)
    row = db.execute("SELECT max(coalesce(finished_at, started_at)) FROM runs WHERE started_at != ''").fetchone()
    if row and row[0]:
        return _aware(dt.datetime.fromisoformat(row[0]))
    return feeds.EMPTY_STORE_MOMENT


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


def _not_modified(request: Request, etag: str, modified: dt.datetime) -> bool:
    match = request.headers.get("if-none-match")
    if match is not None:  # RFC 9110: If-None-Match decides alone when present
        tags = {tag.strip().removeprefix("W/") for tag in match.split(",")}
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def respond(request: Request, db, page: dict, kind: str) -> Response:
    add_full_text(db, page["articles"])
    modified = last_change(db, page["articles"])
    page = {**page, "updated": modified}
    base = str(request.base_url).rstrip("/")
    body = (feeds.atom if kind == "atom" else feeds.rss)(page, base, str(request.url))
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Last-Modified": format_datetime(modified.astimezone(dt.timezone.utc), usegmt=True),
               "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Encoding"}
    if _not_modified(request, etag, modified):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=MEDIA_TYPES[kind], headers=headers)
