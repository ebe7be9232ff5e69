"""Kazakh search keys: both scripts folded to one Latin form, then inflection suffixes stripped.

No offline Kazakh stemmer exists, so this is a rule-based suffix stripper designed for search,
where only one property matters: every inflected form of a noun must reach the same key as its
base form ("Конституция", "Конституцияны", "Конституцияның", "Konstitutsiiasyna" ->
"konstitutsiia").  Over-stripping a base word is harmless as long as its inflected forms are
stripped to the same key, so rules are applied until nothing changes (a fixpoint), which makes
a base word and its inflected forms converge.

Kazakh suffixes follow the last sound of the stem (vowel harmony and voicing), so each rule names
the letters that may stand before it; that keeps "Астана" from losing "-на" and "мектеп" from
losing "-п".  The key is built on a folded Latin form without diacritics (ä->a, ı->i, ñ->n, ş->s,
ğ->g, ū/ü->u, ö->o): users type Latin Kazakh without the special letters, and the folding also
merges the harmony variants of each suffix (-дың/-дің -> "dyn"/"din").
"""

from __future__ import annotations

import re

from janalyq.translit import to_latin

_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ū": "u", "ı": "i", "ğ": "g", "ñ": "n",
                       "ş": "s", "İ": "i", "I": "i"})

# q is k, y is i and w is u in the folded form (see `fold`).
_INFORMAL = str.maketrans({"q": "k", "w": "u", "y": "i"})

VOWELS = frozenset("aeiouy")
_SONORANT = frozenset("lriuzj")  # л р й у з ж: take -дың, -ды, -да
_NASAL = frozenset("mn")  # м н ң
_HARD = frozenset("kqpstfhcbvgd")  # voiceless (and б в г д, which devoice at the end of a word)
_AFTER_POSSESSIVE = frozenset("yi")  # -ы/-і/-сы/-сі before -на, -нда, -нан
_ANY_VOICED = VOWELS | _SONORANT | _NASAL

# (suffix, letters allowed before it).  One table per slot: case (outermost), possessive, plural.
CASE_SUFFIXES: list[tuple[str, frozenset[str]]] = [
    # locative-attributive -дағы/-тағы/-ндағы ("Қазақстандағы")
    ("ndagy", _AFTER_POSSESSIVE), ("ndegi", _AFTER_POSSESSIVE),
    ("dagy", _ANY_VOICED), ("degi", _ANY_VOICED), ("tagy", _HARD), ("tegi", _HARD),
    # genitive -ның/-дың/-тың
    ("nyn", VOWELS | _NASAL), ("nin", VOWELS | _NASAL), ("dyn", _SONORANT), ("din", _SONORANT),
    ("tyn", _HARD), ("tin", _HARD),
    # ablative -нан/-дан/-тан
    ("nan", _NASAL | _AFTER_POSSESSIVE), ("nen", _NASAL | _AFTER_POSSESSIVE),
    ("dan", VOWELS | _SONORANT), ("den", VOWELS | _SONORANT), ("tan", _HARD), ("ten", _HARD),
    # instrumental -мен/-бен/-пен
    ("men", VOWELS | _NASAL | frozenset("lriu")), ("ben", frozenset("zj")), ("pen", _HARD),
    # locative -нда/-да/-та
    ("nda", _AFTER_POSSESSIVE), ("nde", _AFTER_POSSESSIVE),
    ("da", _ANY_VOICED), ("de", _ANY_VOICED), ("ta", _HARD), ("te", _HARD),
    # dative -на/-ға/-қа
    ("na", _AFTER_POSSESSIVE), ("ne", _AFTER_POSSESSIVE),
    ("ga", _ANY_VOICED), ("ge", _ANY_VOICED), ("qa", _HARD), ("ke", _HARD),
    # accusative -ны/-ды/-ты
    ("ny", VOWELS), ("ni", VOWELS), ("dy", _SONORANT | _NASAL), ("di", _SONORANT | _NASAL),
    ("ty", _HARD), ("ti", _HARD),
]
POSSESSIVE_SUFFIXES: list[tuple[str, frozenset[str]]] = [
    ("ymyz", _HARD | _SONORANT | _NASAL), ("imiz", _HARD | _SONORANT | _NASAL),
    ("ynyz", _HARD | _SONORANT | _NASAL), ("iniz", _HARD | _SONORANT | _NASAL),
    ("myz", VOWELS), ("miz", VOWELS), ("nyz", VOWELS), ("niz", VOWELS),
    ("sy", VOWELS), ("si", VOWELS),
    ("y", _HARD | _SONORANT | _NASAL), ("i", _HARD | _SONORANT | _NASAL),
]
PLURAL_SUFFIXES: list[tuple[str, frozenset[str]]] = [
    ("lar", VOWELS | frozenset("ri")), ("ler", VOWELS | frozenset("ri")),
    ("dar", frozenset("lzjmn")), ("der", frozenset("lzjmn")),
    ("tar", _HARD), ("ter", _HARD),
]


def _folded_rules(table: list[tuple[str, frozenset[str]]]) -> list[tuple[str, frozenset[str]]]:
    """A table as the stripper meets it: suffixes and letters folded like the words (q is k, y
    is i), variants that fold alike merged, longest first as written."""
    merged: dict[str, set[str]] = {}
    for suffix, before in table:
        merged.setdefault(suffix.translate(_INFORMAL), set()).update(
            letter.translate(_INFORMAL) for letter in before)
    return [(suffix, frozenset(before)) for suffix, before in merged.items()]


SLOTS = tuple(_folded_rules(t) for t in (CASE_SUFFIXES, POSSESSIVE_SUFFIXES, PLURAL_SUFFIXES))

MIN_STEM = 2  # "ел" (country) is a full word
MIN_STEM_BEFORE_SY = 4  # -сы/-сі: "оқушы" must not become "оқу"
# Endings that look like a suffix but belong to the word: "Қазақстан" is not "Қазақс" + "-тан".
PROTECTED_ENDINGS = ("stan",)
# The stem's last consonant voices before a vowel suffix (мектеп -> мектебі, аяқ -> аяғы,
# жүрек -> жүрегі); keys end in the voiceless letter so both forms meet.
_FINAL_DEVOICE = {"b": "p", "g": "k"}
MAX_PASSES = 6


# The earlier Latin alphabets (`janalyq.alphabets`) fold to the same form: 2018's acute letters
# (á ǵ ń ó ú ý), 2017's apostrophe pairs (a' g' n' o' u' y' i' s' c'), and sh for ш, which 2018
# and informal typing write where 2021 writes ş.  Its i and ı fold to one i, like 2021's.
_FOLD_2018 = str.maketrans({"á": "a", "ǵ": "g", "ń": "n", "ó": "o", "ú": "u", "ý": "u"})
_APOSTROPHE_PAIR = re.compile(r"([agnouyisc])['’ʼ]")
_FROM_PAIR = {"y": "u", "c": "ch"}


# Informal and URL-slug Latin (`janalyq.alphabets` describes them): people type Kazakh with plain
# ASCII letters, some written in pairs the Russian way (zh ж, gh ғ, kh х, sh ш), and with k for
# қ, w for у, y for both ы and й.  The folded form merges what these spellings cannot tell apart:
# q and k, y and i, w and u, the pairs and their single letters.  What is lost is small: vowel
# harmony already sets қ against к and ы against і in nearly every native word, so the merged
# letters rarely tell two Kazakh words apart.  Slugs also write ң as "ng", but н + ғ is "ng"
# too, and far more common ("Қазақстанға"): that pair is left to the query (`key_variants`).
_PAIRS = {"zh": "j", "gh": "g", "kh": "h", "sh": "s"}
_PAIR = re.compile("|".join(_PAIRS))


def fold(word: str) -> str:
    """Lower-case Latin without diacritics: the script- and spelling-independent form of a
    Kazakh word ("Наурыз", "Nauryz", "Naýryz", "Nay'ryz" and "nawryz" are all "nauriz";
    "Қарағанды", "Qarağandy" and the slug "karaghandy" are all "karagandi")."""
    # _FOLD before lower() for the capital İ, after it for the other capitals (Ş, Ä, ...).
    latin = to_latin(word).translate(_FOLD).lower().translate(_FOLD).translate(_FOLD_2018)
    if "'" in latin or "’" in latin or "ʼ" in latin:
        latin = _APOSTROPHE_PAIR.sub(lambda m: _FROM_PAIR.get(m.group(1), m.group(1)), latin)
    if "h" in latin or "g" in latin:
        latin = _PAIR.sub(lambda m: _PAIRS[m.group()], latin)
    return latin.translate(_INFORMAL)


def _strip_once(word: str) -> str:
    for table in SLOTS:
        for suffix, before in table:
            if not word.endswith(suffix):
                continue
            stem = word[: -len(suffix)]
            minimum = MIN_STEM_BEFORE_SY if suffix == "si" else MIN_STEM
            if len(stem) < minimum or stem[-1] not in before or not (set(stem) & VOWELS):
                continue
            if word.endswith(PROTECTED_ENDINGS) and not stem.endswith(PROTECTED_ENDINGS):
                continue
            return stem
    return word


def strip_suffixes(folded: str) -> str:
    """The search key of a folded Kazakh word (see module docstring)."""
    word = folded
    for _ in range(MAX_PASSES):
        shorter = _strip_once(word)
        if shorter == word:
            break
        word = shorter
    if len(word) > 2 and word[-1] in _FINAL_DEVOICE:
        word = word[:-1] + _FINAL_DEVOICE[word[-1]]
    return word


def kazakh_key(word: str) -> str:
    """Search key of one Kazakh word in either script (already lower-cased or not)."""
    return strip_suffixes(fold(word))


_NG = re.compile("ng")
_ENG_LETTERS = re.compile("[ңҢñÑńŃ]")


def key_variants(word: str) -> tuple[str, ...]:
    """The keys a query word may have in an article: its own, and the one with ң read as the
    slug's "ng" or "ng" read as ң ("zhanga" finds "жаңа" and "жаңа" finds "zhanga", while the
    index keeps the "ng" of "Қазақстанға" as written)."""
    keys = [kazakh_key(word)]
    if "ng" in word:
        keys.append(kazakh_key(_NG.sub("ñ", word)))
    if _ENG_LETTERS.search(word):
        keys.append(kazakh_key(_ENG_LETTERS.sub("ng", word)))
    return tuple(dict.fromkeys(keys))

