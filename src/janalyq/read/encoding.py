"""Bytes to text for pages in UTF-8 or the legacy Cyrillic code pages still seen on .kz sites.

Order of evidence: a byte-order mark, then a declared charset (HTTP header, <meta> or XML
prolog) when the bytes agree with it, then strict UTF-8, then UTF-8 with a few bad bytes
repaired, then the best scoring legacy code page.  A declared charset is checked rather than
trusted, because wrong declarations are common (a Windows-1251 page served as "utf-8").

Cyrillic detection is only for bytes that look Cyrillic: in single-byte Cyrillic text the
bytes above 127 come in runs (whole words), while in Latin-alphabet text (German, French,
Polish in Windows-1252 or ISO-8859) they stand alone between ASCII letters ("f\xfcr").  So a
declared Latin code page is believed unless the bytes have the Cyrillic shape, and an
undeclared page of that Latin shape is read as Windows-1252, never as Windows-1251.
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
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-:.]+)""", re.I)
_CYRILLIC_CODECS = {"cp1251", "koi8-r", "koi8-u", "kz1048", "cp866", "iso8859-5", "mac-cyrillic"}
# Browsers read these declarations as Windows-1252, which is what such pages really hold.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"}
_HIGH_RUN = re.compile(rb"[\x80-\xff]{3,}")
_HIGH = re.compile(rb"[\x80-\xff]")


class NotText(ValueError):
    """The bytes are not text in any encoding we accept (binary data)."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def sniff_meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    return (match.group(1) or match.group(2)).decode("ascii", "replace").lower()


def _codec_name(declared: str) -> str | None:
    try:
        return codecs.lookup(declared).name
    except LookupError:
        return None


def cyrillic_shaped(data: bytes) -> bool:
    """Most bytes above 127 stand in runs of three or more, as Cyrillic words do."""
    high = len(_HIGH.findall(data))
    if not high:
        return False
    in_runs = sum(len(run) for run in _HIGH_RUN.findall(data))
    return in_runs / high > 0.5


def _declaration_agrees(data: bytes, text: str, codec: str) -> bool:
    """Whether the bytes bear out a declared charset that is not UTF-8."""
    if codec in _CYRILLIC_CODECS:
        # A legacy Cyrillic declaration is believed only if the text then reads as Cyrillic.
        return text.isascii() or _legacy_score(text) > 0.1
    # Latin and other code pages: unless the bytes have the Cyrillic shape and read as Cyrillic.
    if codecs.lookup(codec).name.startswith(("cp125", "iso8859", "latin", "mac-")):
        return not (cyrillic_shaped(data) and _legacy_score(data.decode("cp1251", "replace")) > 0.1)
    return True


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean the file is not text."""
    head = data[:8192]
    if not head:
        return False
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # counted in C
    return controls / len(head) > 0.05


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


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
    codec = _codec_name("cp1252" if declared in _AS_CP1252 else declared) if declared else None
    if codec and codec != "utf-8":
        text = _try(data, codec)
        if text is None and codec == "cp1252":
            text = data.decode("latin-1")  # the five bytes Windows-1252 leaves undefined
        if text is not None and _try(data, "utf-8") is None and _declaration_agrees(data, text, codec):
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
    warnings = [f"declared charset {declared!r} was wrong"] if declared else []
    if not cyrillic_shaped(data):
        return Decoded(data.decode("cp1252", errors="replace"), "cp1252", warnings)
    text, name = best_legacy(data)
    return Decoded(text, name, warnings)
