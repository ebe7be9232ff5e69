"""Kazakh Cyrillic <-> the official Latin alphabet of 2021 (31 letters: Ä Ğ I İ Ñ Ö Q Ş Ū Ü Y ...).

The 2021 alphabet writes і as ı (dotless, capital I), и and й as i (dotted, capital İ), ы as y,
у as u, ұ as ū, ү as ü, ш as ş, ң as ñ, ғ as ğ, қ as q, ж as j.  Letters found only in Russian
loanwords become letter pairs: ц ts, ч ch, щ şş, ю iu, я ia, ё io; ъ and ь are dropped; х and һ
are both h; э is e.

Cyrillic to Latin is a function: every Cyrillic text has one Latin spelling.  Latin to Cyrillic
is not, because the Latin side merged letters (ь dropped, и/й both i, х/һ both h, э/е both e)
and letter pairs can also arise by chance ("ketse" is кетсе, not кецe).  `to_cyrillic` resolves
those with the rules of Kazakh spelling and gives back the original for native words and the
common loanwords; its known limits are listed in tests/test_translit.py.

Text that is not Kazakh letters (digits, punctuation, Russian-only words) passes through
`to_latin` letter by letter with the same table, so a Russian name inside a Kazakh sentence is
romanised consistently.
"""

from __future__ import annotations

import re
import unicodedata

from janalyq.alphabets import to_2021

__all__ = ["to_latin", "to_cyrillic", "has_cyrillic", "has_kazakh_latin", "KAZAKH_CYRILLIC_ONLY"]

# Lower-case Cyrillic -> Latin.  Upper case is derived (see _upper_latin).
_CYR_LAT: dict[str, str] = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e", "ё": "io",
    "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n",
    "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "ū",
    "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "",
    "ы": "y", "і": "ı", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}
# Look-alike code points that Kazakh texts use in place of the proper Cyrillic letters.
_LOOKALIKES = {"ə": "ә", "Ə": "Ә", "ɵ": "ө", "Ɵ": "Ө", "ї": "і"}
KAZAKH_CYRILLIC_ONLY = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_KAZAKH_LATIN_ONLY = frozenset("äğıñöqşūüÄĞIİÑÖQŞŪÜ") - frozenset("I")  # I is also English


def _upper_latin(latin: str) -> str:
    """Capital form of a Latin spelling: the dotted i capitalises to İ, the dotless ı to I."""
    if not latin:
        return latin
    first = {"i": "İ", "ı": "I"}.get(latin[0], latin[0].upper())
    return first + latin[1:]


def _build_table() -> tuple[dict[int, str], dict[int, str]]:
    title: dict[int, str] = {}  # capital letter at the start of a capitalised word: Ч -> Ch
    caps: dict[int, str] = {}  # capital letter inside an all-capitals word: Ч -> CH
    for cyr, lat in _CYR_LAT.items():
        title[ord(cyr)] = lat
        upper_lat = _upper_latin(lat)
        title[ord(cyr.upper())] = upper_lat
        caps[ord(cyr)] = lat
        caps[ord(cyr.upper())] = upper_lat[:1] + upper_lat[1:].upper()
    for odd, proper in _LOOKALIKES.items():
        title[ord(odd)] = title[ord(proper)]
        caps[ord(odd)] = caps[ord(proper)]
    return title, caps


_TITLE_TABLE, _CAPS_TABLE = _build_table()
_CYRILLIC = re.compile(r"[\u0400-\u04ff\u0259\u018f\u0275\u019f]")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff\u0259\u018f\u0275\u019f]+")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC.search(text) is not None


def has_kazakh_latin(text: str) -> bool:
    """True when the text holds a letter that only the Kazakh Latin alphabet uses (ä ğ ı ñ q ş ū ...)."""
    return any(ch in _KAZAKH_LATIN_ONLY for ch in text)


def _word_to_latin(match: re.Match) -> str:
    word = match.group(0)
    # A word in capitals ("ҚР", "ЮНЕСКО") keeps every letter of a pair capital.
    all_caps = len(word) > 1 and word.isupper()
    return word.translate(_CAPS_TABLE if all_caps else _TITLE_TABLE)


def to_latin(text: str) -> str:
    """Kazakh Cyrillic text in the official 2021 Latin alphabet; other characters unchanged."""
    if not text or not has_cyrillic(text):
        return text
    return _CYRILLIC_WORD.sub(_word_to_latin, text)


# -- Latin to Cyrillic -------------------------------------------------------------------------
_LAT_CYR: dict[str, str] = {
    "a": "а", "ä": "ә", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "ğ": "ғ", "h": "х",
    "ı": "і", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ñ": "ң", "o": "о", "ö": "ө",
    "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш", "t": "т", "u": "у", "ū": "ұ", "ü": "ү",
    "v": "в", "y": "ы", "z": "з",
    # Not in the 2021 alphabet, but written in names and by keyboards without it.
    "c": "ц", "w": "у", "x": "кс",
}
_LATIN_VOWELS = frozenset("aäeıioöuūüy")
_LATIN_WORD = re.compile(r"[A-Za-zÄäĞğIıİiÑñÖöŞşŪūÜü]+")


def _lower_unit(ch: str) -> str:
    return {"I": "ı", "İ": "i"}.get(ch, ch.lower())


def _ts_is_tse(word: str, i: int) -> bool:
    """Is "ts" at word[i] the letter ц?  At the start of a word ("tsentr") and before the -iia,
    -iu endings of loanwords ("Konstitutsiia", "funktsiia").  Elsewhere the pair is т + с, as in
    the native conditional "ketse" (кетсе) or "aitsa" (айтса)."""
    if i == 0:
        return True
    return word.startswith(("tsiia", "tsii", "tsiu", "tsia"), i)


def _i_letter(word: str, i: int) -> tuple[str, int]:
    """The Cyrillic of an "i" at word[i] and how many Latin letters it used."""
    prev = word[i - 1] if i > 0 else ""
    nxt = word[i + 1] if i + 1 < len(word) else ""
    after_vowel = prev in _LATIN_VOWELS and prev != ""
    if nxt == "a" and (i == 0 or after_vowel or prev == "i"):
        return "я", 2
    if nxt == "u":  # Kazakh writes и + у as ю too ("жию", "тию")
        return "ю", 2
    if after_vowel:
        return "й", 1
    return "и", 1


def _lower_word_to_cyrillic(word: str) -> list[str]:
    """Cyrillic letters, one per Latin unit, for a lower-case Latin word."""
    units: list[str] = []
    i = 0
    while i < len(word):
        ch = word[i]
        if word.startswith("şş", i):
            units.append("щ")
            i += 2
        elif word.startswith("ch", i):
            units.append("ч")
            i += 2
        elif word.startswith("ts", i) and _ts_is_tse(word, i):
            units.append("ц")
            i += 2
        elif ch == "i":
            letter, used = _i_letter(word, i)
            units.append(letter)
            i += used
        else:
            units.append(_LAT_CYR.get(ch, ch))
            i += 1
    return units


def _unit_spans(word: str) -> list[int]:
    """Start index of each Latin unit in the word (mirrors _lower_word_to_cyrillic)."""
    lower = "".join(_lower_unit(c) for c in word)
    starts, i = [], 0
    while i < len(lower):
        starts.append(i)
        if lower.startswith(("şş", "ch"), i) or (lower.startswith("ts", i) and _ts_is_tse(lower, i)):
            i += 2
        elif lower[i] == "i":
            i += _i_letter(lower, i)[1]
        else:
            i += 1
    return starts


def _word_to_cyrillic(match: re.Match) -> str:
    word = match.group(0)
    lower = "".join(_lower_unit(c) for c in word)
    units = _lower_word_to_cyrillic(lower)
    if len(word) > 1 and word.upper() == word and any(c.isalpha() for c in word):
        return "".join(units).upper()
    starts = _unit_spans(word)
    return "".join(u.upper() if word[s].isupper() else u for u, s in zip(units, starts))


def to_cyrillic(text: str, alphabet: str | None = None) -> str:
    """Kazakh Latin text in Cyrillic; Cyrillic and other characters unchanged.  `alphabet`: the
    Latin alphabet it is written in ("2021", "2018" or "2017", `janalyq.alphabets`), detected
    from its letters when None."""
    if not text:
        return text
    # Decomposed input ("a" + U+0308) is composed first, so that both spellings of ä agree.
    text = to_2021(unicodedata.normalize("NFC", text), alphabet)
    return _LATIN_WORD.sub(_word_to_cyrillic, text)
