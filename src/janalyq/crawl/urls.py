"""Canonical URLs, so that one article reached by several links is fetched once.

courlan does the cleaning (tracking parameters, sorted query, host case, default ports); what
it leaves is finished here: fragments go, and dot segments in the path are resolved.  The
`lang` parameter that gov.kz uses to choose the language is kept: it names a different page.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin, urlsplit, urlunsplit

from courlan import is_not_crawlable, normalize_url
from courlan.filters import extension_filter


def canonical_url(url: str, base: str | None = None) -> str | None:
    """The canonical form of an http(s) link (relative links resolved on `base`), or None."""
    url = (url or "").strip()
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    try:
        url = normalize_url(url, strict=False, trailing_slash=True)
    except (ValueError, AttributeError):
        return None
    parts = urlsplit(url)
    path = parts.path or "/"
    if "/." in path:
        resolved = posixpath.normpath(path)
        path = resolved + ("/" if path.endswith("/") and resolved != "/" else "")
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def host_key(url: str) -> str:
    """The unit of politeness: one scheme-less host:port, as limits and robots.txt apply per host."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{host}:{port}"


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def looks_like_article_link(url: str) -> bool:
    """False for links that are never news pages: images, documents, login and share pages."""
    return extension_filter(url) and not is_not_crawlable(url)
