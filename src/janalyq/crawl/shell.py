"""Telling a JavaScript shell from a page: the text a plain HTTP client gets is not the page.

A single-page application (www.gov.kz is one) answers every URL with a few hundred bytes: a
mount point (`<div id="app">`), script tags and perhaps a `<noscript>` notice; its text is
written by the script.  A release page of gov.kz was 836 bytes with 181 characters of text to a
plain client, 2,190 characters once a browser ran it.  Such a page yields no article and no
links; the crawl says so in plain words instead of storing an empty page or reporting "0 new".
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

NEEDS_BROWSER = "the page needs a browser: set render = true"
# Visible text below this, with scripts on the page, is a shell: a real release or listing has
# a headline, a date and at least a paragraph (several hundred characters).
SHELL_MAX_TEXT = 300
_MOUNT_IDS = re.compile(r"^(app|root|__next|__nuxt|q-app|main-app|application)$", re.I)
_NOSCRIPT_ASKS = re.compile(r"javascript|джаваскрипт|включите|қосыңыз", re.I)


def shell_reason(html: str) -> str | None:
    """Why this HTML is a JavaScript shell (what a plain client saw), or None for a real page."""
    page = LexborHTMLParser(html)
    scripts = page.css("script")
    if not scripts:
        return None
    noscript = " ".join(n.text() for n in page.css("noscript"))
    mounts = [n for n in page.css("[id]") if _MOUNT_IDS.match(n.attributes.get("id") or "")]
    for node in page.css("script, style, noscript, template"):
        node.decompose()
    body = page.body
    text = " ".join((body.text(separator=" ") if body is not None else "").split())
    if len(text) >= SHELL_MAX_TEXT:
        return None
    signs = [f"{len(text)} characters of text", f"{len(scripts)} script(s)"]
    if mounts:
        signs.append(f"an empty mount point #{mounts[0].attributes.get('id')}")
    if _NOSCRIPT_ASKS.search(noscript):
        signs.append("a <noscript> notice asking for JavaScript")
    return ", ".join(signs)
