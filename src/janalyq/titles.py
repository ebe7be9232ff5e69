"""Titles derived from the lead, and the lead without its debris.

A page without a headline gets the first real sentence of its lead as a title: debris lines
and a dateline skipped (`janalyq.debris`), an attribution (", передает BAQ.KZ") cut, a long
sentence cut at a clause or a word boundary.  `clean_lead` gives the same lead to the embedding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from janalyq.debris import _WORD, debris_reason, strip_dateline

DERIVED_TITLE_CHARS = 110
# ", передает BAQ.KZ.", ", деп хабарлайды Kazinform тілшісі.", ", dep habarlaıdy Kazinform
# agenttigi.", ", reports Kazinform."
ATTRIBUTION_TAIL = re.compile(
    r"[,–—-]\s*(?:—\s*)?(?:(?:деп|dep)\s+)?(?:переда[её]т|сообщает|сообщают|сообщили\s+в|пишет"
    r"|информирует|хабарлайды|хабарлады|жазады|habarla[ıi]dy|habarlady|jazady|reports|reported"
    r"|writes"
    r"|according\s+to)\s+[\w.\-«»\"' ]+[.!]?$",
    re.I,
)
# A cheap test before the sentence split: most leads have no attribution at all.
_ATTRIBUTION_STEMS = (
    "переда", "сообща", "пишет", "информирует", "хабарла", "жазады", "habarla", "jazady",
    "report", "writes", "according",
)
_ABBREVIATIONS = {
    "г", "гг", "им", "ул", "пр", "пос", "обл", "р-н", "т", "тт", "см", "др", "проф", "акад", "доц",
    "рис", "ст", "напр", "тыс", "млн", "млрд", "руб", "тг", "каз", "mr", "mrs", "ms", "dr", "st",
    "no", "prof", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "e.g", "i.e", "u.s", "u.k", "т.б",
    "т.с.с", "ж", "жж", "б", "ш", "қ", "a.q", "j", "t.b",
}
DERIVED_TITLE_MIN_WORDS = 3
_LEAD_SCAN_PARAGRAPHS = 8


def clean_lead(body: list[str], paragraphs: int = 2, skip: str = "") -> list[str]:
    """The first `paragraphs` paragraphs of real text: debris lines skipped, a dateline and an
    attribution (", передает BAQ.KZ") cut from the first.

    For the embedding, which reads the title and the start of the lead: a lead that begins with
    "ASTANA. KAZINFORM –" or a photo credit would spend its characters on them.  `skip`: a
    derived title, whose words the lead would otherwise repeat at its start.  The body itself
    is not changed.
    """
    out: list[str] = []
    for para in body[:_LEAD_SCAN_PARAGRAPHS + paragraphs]:
        if debris_reason(para) is not None:
            continue
        if not out:
            para, _ = strip_dateline(para)
            lowered = para[:400].lower()
            if any(stem in lowered for stem in _ATTRIBUTION_STEMS):
                # ", передает BAQ.KZ" at the end of the first sentences says nothing of the event
                sentences = _sentences(para)
                para = " ".join([_drop_attribution(s) for s in sentences[:3]] + sentences[3:])
            stem = skip.rstrip("…").strip()
            if stem and para.startswith(stem):
                para = para[len(stem):].lstrip(" .,;:!?–—-…")
            if not para.strip():
                continue
        out.append(para)
        if len(out) >= paragraphs:
            break
    return out


def _drop_attribution(sentence: str) -> str:
    """The sentence without ", передает BAQ.KZ." at its end (its full stop kept)."""
    cut = ATTRIBUTION_TAIL.sub("", sentence).rstrip()
    if cut == sentence.rstrip():
        return cut
    end = sentence.rstrip()[-1:]
    return cut.rstrip(" ,–—-") + (end if end in ".!" else ".")


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph, not split after abbreviations ("г.", "U.S.") or initials."""
    out, start = [], 0
    for match in re.finditer(r"[.!?…]+[»\"”)]?\s+", text):
        nxt = text[match.end():match.end() + 1]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "«\"“–—-"):
            continue
        before = text[start:match.start() + 1]
        word = before.rsplit(None, 1)[-1].rstrip(".!?…").lower() if before.strip() else ""
        abbreviation = word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())
        if text[match.start()] == "." and abbreviation:
            continue
        out.append(text[start:match.end()].strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _cut_title(sentence: str) -> tuple[str, bool]:
    """A sentence cut to DERIVED_TITLE_CHARS at a clause boundary, else a word boundary."""
    sentence = sentence.strip().rstrip(" .")
    if len(sentence) <= DERIVED_TITLE_CHARS:
        return sentence, False
    best = None
    for match in re.finditer(r"\s*(?:[,;:]\s|\s[–—-]\s)", sentence[: DERIVED_TITLE_CHARS + 1]):
        head = sentence[: match.start()]
        if len(head) >= 40 and head.count("«") <= head.count("»") and head.count('"') % 2 == 0:
            best = head
    if best is None:
        best = sentence[:DERIVED_TITLE_CHARS].rsplit(" ", 1)[0]
    return best.rstrip(" ,;:–—-") + "…", True


@dataclass
class DerivedTitle:
    title: str  # "" when the lead holds nothing but page debris
    reasons: list[str] = field(default_factory=list)  # repairs made on the way, by reason
    weak: bool = False  # no sentence of three words or more: the best fragment was taken


def derive_title_ex(body: list[str]) -> DerivedTitle:
    """A headline from the lead, skipping page debris, with what was skipped or cut."""
    reasons: set[str] = set()
    fallback = ""
    for para in body[:_LEAD_SCAN_PARAGRAPHS]:
        why = debris_reason(para)
        if why is not None:
            reasons.add(f"title_skipped_{why}")
            continue
        text, removed = strip_dateline(para)
        if removed:
            reasons.add(f"title_{removed}_cut")
        for sentence in _sentences(text)[:3]:
            why = debris_reason(sentence)
            if why is not None:
                reasons.add(f"title_skipped_{why}")
                continue
            cleaned = _drop_attribution(sentence)
            if len(_WORD.findall(cleaned)) < DERIVED_TITLE_MIN_WORDS:
                if len(cleaned) > len(fallback):
                    fallback = cleaned
                continue
            if cleaned != sentence.rstrip():
                reasons.add("title_attribution_cut")
            title, cut = _cut_title(cleaned)
            if cut:
                reasons.add("title_shortened")
            return DerivedTitle(title, sorted(reasons))
    if fallback:
        reasons.add("title_weak")
        return DerivedTitle(_cut_title(fallback)[0], sorted(reasons), weak=True)
    return DerivedTitle("", sorted(reasons))


def derive_title(body: list[str]) -> str:
    """A headline from the lead: its first real sentence, cut at a clause or word boundary."""
    return derive_title_ex(body).title
