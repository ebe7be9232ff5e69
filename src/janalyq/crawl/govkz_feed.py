"""gov.kz through its official RSS feeds, one per entity and language.

www.gov.kz is a JavaScript application: its press listings and release pages are empty shells to
an HTTP client, and the JSON API behind them is gated on purpose.  What the platform does publish
for machines is an RSS 2.0 feed per entity and language:
`/api/v1/public/rss/{entity}/news/{lang}` (seen working for `mfa`/`ru`; kk, en and the Latin
Kazakh edition qq are assumed to follow the same shape).  A `govkz` source reads those feeds: an
item whose description is the whole release becomes an article at once; an item with a short
description sends the crawler to the release page, with the description kept as the fallback
text (the page may need a browser, see `render`).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from janalyq.crawl.config import SOURCE_LANGS, SourceSpec

GOVKZ_RSS = "/api/v1/public/rss/{entity}/news/{lang}"
GOVKZ_NEWS = "/memleket/entities/{entity}/press/news"
# A description this long, not ending in an ellipsis, is taken as the whole release.  Short
# teasers on news feeds run to a sentence or two (under 300 characters).
WHOLE_DESCRIPTION_CHARS = 400
_ELLIPSIS = ("…", "...", "[…]", "[...]")
_LANG_ALIASES = {"kz": "kk", "kaz": "kk", "rus": "ru", "eng": "en"}


def feed_urls(spec: SourceSpec) -> list[tuple[str, str]]:
    """(feed URL, language) for each language of a govkz source."""
    return [(spec.url + GOVKZ_RSS.format(entity=spec.entity, lang=lang), lang) for lang in spec.languages]


def release_pattern(spec: SourceSpec) -> re.Pattern:
    return re.compile(re.escape(GOVKZ_NEWS.format(entity=spec.entity)) + r"/details/\d+")


def url_lang(url: str | None) -> str | None:
    """The language a link names itself with `lang=` (gov.kz, and many CMSs), or None."""
    if not url or "lang=" not in url:
        return None
    for key, value in parse_qsl(urlsplit(url).query):
        if key.lower() == "lang":
            code = _LANG_ALIASES.get(value.strip().lower(), value.strip().lower())
            return code if code in SOURCE_LANGS else None
    return None


def with_lang(url: str, lang: str | None) -> str:
    """gov.kz serves every language at one path: a release link must keep its `lang`; a link
    that names none gets the feed's or listing's."""
    if not lang:
        return url
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if "lang" in query:
        return url
    query["lang"] = lang
    return urlunsplit(parts._replace(query=urlencode(sorted(query.items()))))


def is_whole(paragraphs: list[str]) -> bool:
    """True when a feed item's description reads as the whole release, not a teaser."""
    text = " ".join(paragraphs).strip()
    return len(text) >= WHOLE_DESCRIPTION_CHARS and not text.endswith(_ELLIPSIS)
