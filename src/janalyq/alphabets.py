"""The earlier Kazakh Latin alphabets, read into the official one of 2021.

Three Latin alphabets have been decreed, and all three are in use:

- 2017 (October), with apostrophes: a' (ә), g' (ғ), n' (ң), o' (ө), u' (ү), y' (у), i' (и, й),
  s' (ш), c' (ч); u is ұ, i is і, y is ы.
- 2018 (February), with acute accents, as Kazinform's Kazakh edition writes it: á (ә), ǵ (ғ),
  ń (ң), ó (ө), ú (ү), ý (у), ı (и, й), sh (ш), ch (ч); u is ұ, i is і, y is ы.
- 2021, the official one (`janalyq.translit`): ä ğ ñ ö ü u (у) ū (ұ) ı (і) i (и, й) ş ch.

`detect_alphabet` tells them apart by the letters only one of them uses; `to_2021` rewrites
2017 or 2018 text letter by letter in the 2021 spelling, from which `translit.to_cyrillic`
goes on.  The i letters swap between 2018 and 2021: 2018's i is і and its ı is и, the other way
round from 2021.
"""

from __future__ import annotations

import re

_ACUTE = frozenset("áǵńóúýÁǴŃÓÚÝ")
_OFFICIAL = frozenset("äğñöşūüÄĞÑÖŞŪÜİ")
_APOSTROPHES = "'’ʼ´`"
_APOSTROPHE_PAIR = re.compile(rf"([aAgGnNoOuUyYiIsScC])[{_APOSTROPHES}](?=[^\W\d_]|\b)")
_LATIN_RUN = re.compile(r"[^\W\d_]+(?:[" + _APOSTROPHES + r"][^\W\d_]*)*")

_FROM_2018 = {"á": "ä", "ǵ": "ğ", "ń": "ñ", "ó": "ö", "ú": "ü", "ý": "u", "u": "ū", "i": "ı", "ı": "i",
              "Á": "Ä", "Ǵ": "Ğ", "Ń": "Ñ", "Ó": "Ö", "Ú": "Ü", "Ý": "U", "U": "Ū", "I": "I"}
_FROM_2017_PAIR = {"a": "ä", "g": "ğ", "n": "ñ", "o": "ö", "u": "ü", "y": "u", "i": "i", "s": "ş", "c": "ch"}
_FROM_2017_SINGLE = {"u": "ū", "i": "ı", "U": "Ū", "I": "I"}


def detect_alphabet(text: str) -> str | None:
    """"2021", "2018" or "2017" for Kazakh Latin text, by the letters only one alphabet uses;
    None when no such letter is there (plain ASCII reads the same in every alphabet)."""
    acute = sum(ch in _ACUTE for ch in text)
    official = sum(ch in _OFFICIAL for ch in text)
    apostrophes = len(_APOSTROPHE_PAIR.findall(text)) if any(a in text for a in _APOSTROPHES) else 0
    # English possessives ("the President's") have apostrophes too: the 2017 alphabet needs two.
    votes = {"2018": acute, "2021": official, "2017": apostrophes if apostrophes >= 2 else 0}
    best = max(votes, key=votes.get)
    return best if votes[best] else None


def _word_from_2018(word: str) -> str:
    out = []
    i = 0
    while i < len(word):
        pair = word[i:i + 2]
        if pair.lower() == "sh":
            out.append("Ş" if pair[0].isupper() else "ş")
            i += 2
            continue
        out.append(_FROM_2018.get(word[i], word[i]))
        i += 1
    return "".join(out)


def _word_from_2017(word: str) -> str:
    out = []
    i = 0
    while i < len(word):
        ch = word[i]
        if i + 1 < len(word) and word[i + 1] in _APOSTROPHES and ch.lower() in _FROM_2017_PAIR:
            letter = _FROM_2017_PAIR[ch.lower()]
            out.append(letter[0].upper() + letter[1:] if ch.isupper() else letter)
            i += 2
            continue
        out.append(_FROM_2017_SINGLE.get(ch, ch))
        i += 1
    return "".join(out)


def to_2021(text: str, alphabet: str | None = None) -> str:
    """Kazakh Latin text of the 2017 or 2018 alphabet in the 2021 spelling (`alphabet`: the one
    it is written in; detected when None).  Text of 2021, or with no telling letter, is unchanged."""
    alphabet = alphabet or detect_alphabet(text)
    if alphabet == "2018":
        return _LATIN_RUN.sub(lambda m: _word_from_2018(m.group(0)), text)
    if alphabet == "2017":
        return _LATIN_RUN.sub(lambda m: _word_from_2017(m.group(0)), text)
    return text


_CYRILLIC_TO = {
    "2018": {"ә": "á", "ғ": "ǵ", "ң": "ń", "ө": "ó", "ү": "ú", "у": "ý", "ұ": "u", "і": "i", "и": "ı",
             "й": "ı", "ш": "sh", "ы": "y", "қ": "q", "ж": "j", "х": "h", "һ": "h", "ч": "ch"},
    "2017": {"ә": "a'", "ғ": "g'", "ң": "n'", "ө": "o'", "ү": "u'", "у": "y'", "ұ": "u", "і": "i",
             "и": "i'", "й": "i'", "ш": "s'", "ы": "y", "қ": "q", "ж": "j", "х": "h", "һ": "h",
             "ч": "c'"},
}
_PLAIN = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "з": "z", "к": "k", "л": "l",
          "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f", "э": "e"}


def from_cyrillic(word: str, alphabet: str) -> str:
    """A lower-case Kazakh Cyrillic word in the 2017 or 2018 Latin alphabet (for month names and
    tests; the 2021 alphabet is `translit.to_latin`)."""
    table = _CYRILLIC_TO[alphabet]
    return "".join(table.get(ch, _PLAIN.get(ch, ch)) for ch in word.lower())
