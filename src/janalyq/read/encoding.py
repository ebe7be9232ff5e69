"""Bytes to text for pages in UTF-8 or the legacy Cyrillic code pages still seen on .kz sites.

Order of evidence: a byte-order mark, then a declared charset (HTTP header or <meta>) when it
decodes cleanly, then strict UTF-8, then UTF-8 with a few bad bytes repaired, then the best
scoring legacy code page.  A declared charset is checked rather than trusted, because wrong
declarations are common (a Windows-1251 page served as "utf-8").
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

LEGACY_CANDIDATES = ("cp1251", "koi8-r", "kz1048", "cp866")

# The most frequent lowercase Cyrillic letters of Russian and Kazakh text.  In a wrong decoding
# of Cyrillic bytes these turn into capitals or box-drawing signs, so their share separates the
# code pages well even on short pages.
_COMMON_LOWER = set("оеаинтсрвлкмдпуяыьгзбчйхжшюәіңғүұқөһ")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


class NotText(ValueError):
    """The bytes are not text in any encoding we accept (binary data)."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def sniff_meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace").lower() if match else None


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean the file is not text."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(head) > 0.05


_USUAL_NON_ASCII = set("«»–—“”„’‘…№°±")


def _is_odd(c: str) -> bool:
    """Characters a wrong code page produces: non-Cyrillic symbols above ASCII, controls."""
    code = ord(c)
    if code < 32:
        return c not in "\t\n\r\f"
    return code > 127 and not (0x400 <= code <= 0x4FF) and c not in _USUAL_NON_ASCII


def _legacy_score(text: str) -> float:
    """Common lowercase letters minus odd characters, per character of text.

    Counted over the whole text rather than over letters only, so that a decoding which turns
    letters into symbols (Ё into ® in Mac Cyrillic) cannot win by having fewer letters.
    """
    if not text:
        return 0.0
    common = sum(1 for c in text if c in _COMMON_LOWER)
    odd = sum(1 for c in text if _is_odd(c))
    return (common - 3 * odd) / len(text)


def best_legacy(data: bytes) -> tuple[str, str]:
    best = ("", "cp1251", -1.0)
    for name in LEGACY_CANDIDATES:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        score = _legacy_score(text)
        # cp1251 is listed first and wins ties: it is by far the most common legacy page.
        if score > best[2] + 1e-9:
            best = (text, name, score)
    return best[0], best[1]


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode page bytes; raises NotText for binary data."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), name)
    if looks_binary(data):
        raise NotText("binary data (NUL or control bytes), not a text page")
    declared = (declared or sniff_meta_charset(data) or "").lower() or None
    if declared and declared not in ("utf-8", "utf8"):
        text = _try(data, declared)
        # A legacy declaration is believed only if the text then reads as Cyrillic or Latin.
        if text is not None and (_legacy_score(text) > 0.1 or text.isascii()):
            return Decoded(text, declared)
    text = _try(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    repaired = data.decode("utf-8", errors="replace")
    bad = repaired.count("\ufffd")
    non_ascii = sum(1 for c in repaired if ord(c) > 127)
    # A few bad bytes inside real UTF-8 (a cut multi-byte letter) are repaired, not a reason to
    # re-read the whole page as Windows-1251.
    if non_ascii and bad / non_ascii < 0.05:
        return Decoded(repaired, "utf-8", [f"{bad} invalid UTF-8 byte sequence(s) replaced by U+FFFD"])
    text, name = best_legacy(data)
    warnings = [f"declared charset {declared!r} was wrong"] if declared else []
    return Decoded(text, name, warnings)
