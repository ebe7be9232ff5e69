"""Highlighted titles and snippets, found with the same analyzer that matched the article.

A word is highlighted when its term (in the article's language) is one of the query's terms, so
"Конституцияның" lights up for the query "Konstitutsiia" exactly as it matched.  The output is a
list of [text, is_hit] segments of the original text: renderers escape the text themselves, so
no markup from an article can pass through a highlight.
"""

from __future__ import annotations

from janalyq.search.analyzer import term_spans

Segments = list[list]  # [[text, is_hit], ...]
MAX_SCAN_CHARS = 20_000
SNIPPET_WORDS = 34
LEAD_IN_WORDS = 6


def _segments(text: str, spans: list[tuple[int, int, bool]], start: int, end: int) -> Segments:
    out: Segments = []
    cursor = start
    for s, e, hit in spans:
        if not hit:
            continue
        if s > cursor:
            out.append([text[cursor:s], False])
        out.append([text[s:e], True])
        cursor = e
    if end > cursor:
        out.append([text[cursor:end], False])
    return out


def highlight(text: str, hit_terms: set[str], lang: str | None) -> Segments:
    """The whole text, with the words that match the query marked."""
    spans = [(s, e, t in hit_terms) for s, e, t in term_spans(text, lang)]
    return _segments(text, spans, 0, len(text))


def snippet(text: str, hit_terms: set[str], lang: str | None, words: int = SNIPPET_WORDS) -> Segments:
    """About `words` words around the densest group of hits, with "…" where text was cut."""
    scanned = text[:MAX_SCAN_CHARS]
    spans = list(term_spans(scanned, lang))
    if not spans:
        return []
    hit_at = [t in hit_terms for _, _, t in spans]
    first = 0
    best = -1
    for position, is_hit in enumerate(hit_at):
        if not is_hit:
            continue
        start = max(0, position - LEAD_IN_WORDS)
        window = {spans[i][2] for i in range(start, min(len(spans), start + words)) if hit_at[i]}
        if len(window) > best:
            best, first = len(window), start
    last = min(len(spans), first + words)
    char_start = 0 if first == 0 else spans[first][0]
    char_end = spans[last - 1][1] if last < len(spans) else len(scanned)
    marked = [(spans[i][0], spans[i][1], hit_at[i]) for i in range(first, last)]
    out = _segments(scanned, marked, char_start, char_end)
    if first > 0:
        out.insert(0, ["…", False])
    if last < len(spans) or len(text) > len(scanned):
        out.append(["…", False])
    return out


def plain(segments: Segments) -> str:
    return "".join(text for text, _ in segments)
