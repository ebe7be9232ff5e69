"""Places, organisations, people and numbers in a text, comparable across languages and scripts.

Places and organisations come from the gazetteer (`janalyq.gazetteer`) in Kazakh, Russian,
English and Latin Kazakh.  Kazakh and Russian inflect names ("Шымкентте", "Акмолинской
области"), so every name word is matched by its stem plus a short ending.  People are
capitalised names with a surname ending; they are compared by a consonant skeleton of the
surname in Latin letters, so "Бейсембаев", "Beisembayev" and "Beysembayev" are one key.

Numbers are read the way every language writes them ("87,15%", "87.15%", "12 482 613",
"254,000", "1,5 млрд") and normalised, so that they can be compared across languages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from janalyq.gazetteer import organisations, places

MAX_ENDING = 6  # the longest case ending allowed after a name stem ("-ындағы", "-ской")
_WORD = re.compile(r"[^\W\d_](?:[\w’'-]*\w)?")
_VOWEL_END = set("аеёиоуыэюяіәөұүaeiouyäöüū")
_ADJ_END = ("ая", "ий", "ый", "ой", "ое", "ые", "ую")


def stem(word: str) -> str:
    """A name word without its nominative ending, so inflected forms share the prefix."""
    word = word.lower()
    if len(word) >= 7 and word.endswith(_ADJ_END):
        return word[:-2]
    if len(word) >= 5 and (word[-1] in _VOWEL_END or word[-1] in "йь"):
        return word[:-1]
    return word


@dataclass(frozen=True)
class _Form:
    stems: tuple[str, ...]
    capitalised: tuple[bool, ...]
    kind: str  # place or org
    target: str


@lru_cache(maxsize=1)
def _index() -> dict[str, list[_Form]]:
    index: dict[str, list[_Form]] = {}
    entries = [("place", p.id, p.forms) for p in places().values()]
    entries += [("org", o.id, o.forms) for o in organisations().values()]
    for kind, target, forms in entries:
        for form in forms:
            words = _WORD.findall(form)
            if not words:
                continue
            item = _Form(tuple(stem(w) for w in words), tuple(w[0].isupper() for w in words), kind, target)
            index.setdefault(item.stems[0][:3], []).append(item)
    for forms in index.values():
        forms.sort(key=lambda f: (-len(f.stems), -sum(map(len, f.stems))))
    return index


def _names_a_person(text: str, tokens: list[str], lows: list[str], start: int, size: int) -> bool:
    """"Д. Қонаев атындағы мектеп", "школа имени Кунаева": a person's name, not the city."""
    before = tokens[start - 1] if start else None
    after = lows[start + size] if start + size < len(lows) else ""
    if after.startswith("атында") or (before is not None and lows[start - 1] in ("имени", "им")):
        return True
    if before is None or len(before) != 1 or not before.isupper():
        return False
    # An initial: only then are the characters between the words needed, so the token positions
    # are found here, for the rare text that has one, and not for every text.
    spans = list(_WORD.finditer(text))
    return text[spans[start - 1].end():spans[start].start()].strip() == "."


def _word_fits(low: str, word_stem: str) -> bool:
    if len(word_stem) < 4:
        return low == word_stem
    return low.startswith(word_stem) and len(low) - len(word_stem) <= MAX_ENDING


# Lowercased word -> the gazetteer forms whose first word it fits, in index order.  Most words
# fit none, and news keeps using the same few thousand words: one dict lookup then replaces a
# scan of every form that shares the word's first three letters.
_FORMS_BY_FIRST_WORD: dict[str, tuple[_Form, ...]] = {}
MAX_REMEMBERED_WORDS = 1 << 16  # ~8 MB at most


def _forms_starting_with(low: str) -> tuple[_Form, ...]:
    if len(_FORMS_BY_FIRST_WORD) > MAX_REMEMBERED_WORDS:
        _FORMS_BY_FIRST_WORD.clear()
    forms = _FORMS_BY_FIRST_WORD[low] = tuple(
        form for form in _index().get(low[:3], ()) if _word_fits(low, form.stems[0]))
    return forms


def match_gazetteer(text: str) -> list[tuple[str, str, int]]:
    """(kind, id, word position) of every gazetteer name in the text, longest match first.

    A name word matches a token that starts with its stem and adds at most `MAX_ENDING`
    letters (a stem under four letters must match whole), capitalised where the name is.
    """
    tokens = _WORD.findall(text)
    lows = list(map(str.lower, tokens))
    remembered = _FORMS_BY_FIRST_WORD
    found, position, count = [], 0, len(tokens)
    while position < count:
        step = 1
        low = lows[position]
        forms = remembered.get(low)
        if forms is None:
            forms = _forms_starting_with(low)
        for form in forms:
            size = len(form.stems)
            if position + size > count:
                continue
            for offset in range(size):  # inline, not a helper: this loop runs on every token
                if offset and not _word_fits(lows[position + offset], form.stems[offset]):
                    break
                if form.capitalised[offset] and not tokens[position + offset][0].isupper():
                    break
            else:
                if not _names_a_person(text, tokens, lows, position, size):
                    found.append((form.kind, form.target, position))
                step = size
                break
        position += step
    return found


# -- people ---------------------------------------------------------------------------------
_TO_LATIN = str.maketrans({
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "e",
    "ж": "zh", "з": "z", "и": "i", "й": "i", "і": "i", "к": "k", "қ": "k", "л": "l", "м": "m",
    "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ұ": "u", "ү": "u", "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ä": "a", "ğ": "g", "q": "k", "ñ": "n", "ö": "o", "ū": "u", "ü": "u", "ş": "sh", "ç": "ch",
    "ı": "i", "j": "zh", "x": "ks", "w": "v",
})
_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ұлы|улы|қызы|кызы|ov|ev|in|yn|uly|ulu|kyzy|qyzy)", re.I)
_NAME_WORD = r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІÄĞÖŞÜŪÑ][a-zа-яёәғқңөұүһіäğöşüūñıç]+"
_PERSON = re.compile(rf"\b{_NAME_WORD}(?:[ -]{_NAME_WORD}){{1,2}}\b")


_SKELETON_DROPS = re.compile(r"[aeiouyh'’-]")
_REPEATED_LETTER = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)  # names recur: the stories' title words ask again for the same ones
def name_skeleton(surname: str) -> str:
    """Consonants of a surname in loose Latin: equal across Cyrillic, Latin and spellings."""
    # х is written h, kh or x in Latin spellings ("Әбдірахымов", "Abdrahimov", "Abdrakhimov"):
    # all three drop out of the skeleton, like the vowels.
    latin = surname.lower().translate(_TO_LATIN).replace("kh", "h")
    return _REPEATED_LETTER.sub(r"\1", _SKELETON_DROPS.sub("", latin))


# Word -> its surname base and that base's skeleton (None, None: no surname): names recur from
# article to article, and this replaces a pattern scan and a transliteration per word.
_SURNAMES: dict[str, tuple[str | None, str | None]] = {}
MAX_REMEMBERED_SURNAMES = 1 << 16


def _surname_and_skeleton(word: str) -> tuple[str | None, str | None]:
    found = _SURNAMES.get(word)
    if found is None:
        if len(_SURNAMES) > MAX_REMEMBERED_SURNAMES:
            _SURNAMES.clear()
        base = _surname_base(word)
        found = _SURNAMES[word] = (base, name_skeleton(base) if base else None)
    return found


def _surname_base(word: str) -> str | None:
    """The surname without a case ending ("Тұрсыновтың" -> "Тұрсынов"), or None."""
    best = None
    for match in _SURNAME.finditer(word):
        if match.start() >= 3 and len(word) - match.end() <= 5:
            best = word[: match.end()]
    return best


def find_people(text: str) -> dict[str, str]:
    """Skeleton key -> the name as first written, for capitalised names with a surname."""
    people: dict[str, str] = {}
    for match in _PERSON.finditer(text):
        words = match.group(0).split(" ")
        for position, word in enumerate(words):
            base, key = _surname_and_skeleton(word)
            if base and not word.isupper():
                # Three consonants are enough for a long surname ("Balayeva": b-l-v), not a short one.
                if len(key) >= 4 or (len(key) == 3 and len(base) >= 6):
                    # Shown as the given name (if any) and the surname without its case ending.
                    people.setdefault(key, " ".join([*words[max(0, position - 1):position], base]))
                break
    return people


# -- numbers --------------------------------------------------------------------------------
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,3}(?:,\d{3}){2,}(?!\d)|\d+)(?:([.,])(\d+))?"
    r"(\s*(?:%|пайыз\w*|процент\w*|percent\b|per cent\b))?"
    r"(?:\s*(мың|тыс\w*|thousand|млн|миллион\w*|million|mln|млрд|миллиард\w*|billion|bln|bn|трлн|триллион\w*|trillion|trln)"
    r"(?!\w))?",
    re.I,
)
_SCALE = {"мың": 1e3, "тыс": 1e3, "thousand": 1e3, "млн": 1e6, "миллион": 1e6, "million": 1e6, "mln": 1e6,
          "млрд": 1e9, "миллиард": 1e9, "billion": 1e9, "bln": 1e9, "bn": 1e9,
          "трлн": 1e12, "триллион": 1e12, "trillion": 1e12, "trln": 1e12}


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    word = word.lower()
    for prefix, factor in _SCALE.items():
        if word.startswith(prefix):
            return factor
    return 1.0


_MONTHS = (r"қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан|"
           r"январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр|"
           r"january|february|march|april|may|june|july|august|september|october|november|december")
_MONTH_AFTER = re.compile(rf"\s*(?:-?\w{{0,4}}\s+)?(?:{_MONTHS})", re.I)
_MONTH_BEFORE = re.compile(  # English writes the month first ("March 4")
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)\s*$", re.I)


def _is_date_part(text: str, match: re.Match, value: float) -> bool:
    """A day of a month ("4 наурызда", "March 4") or a year: dates, not facts of the event."""
    if 1990 <= value <= 2035 and value == int(value):
        return True
    if value > 31:
        return False
    return bool(_MONTH_AFTER.match(text, match.end()) or _MONTH_BEFORE.search(text[max(0, match.start() - 12):match.start()]))


_NOT_DIGIT = re.compile(r"\D")
_RU_ENDING = r"(?:ой|ый|ий|ая|ья|ое|ье|ого|ьего|ому|ьему|ом|ем|ьем|ую|ью|ые|ьи|ых|их|ьих|ыми|ьими|ым|ьим|ей|ьей)"
_ORDINAL_STEMS = {  # 2 to 10 as words ("the sixth round"); "first" recurs by chance, as "1" does
    2: ("екінші", "втор", "second"), 3: ("үшінші", "трет", "third"), 4: ("төртінші", "четв[её]рт", "fourth"),
    5: ("бесінші", "пят", "fifth"), 6: ("алтыншы", "шест", "sixth"), 7: ("жетінші", "седьм", "seventh"),
    8: ("сегізінші", "восьм", "eighth"), 9: ("тоғызыншы", "девят", "ninth"), 10: ("оныншы", "десят", "tenth"),
}
# Roman numerals of two letters and more, in capitals (a lone "V" or "X" is too often a letter).
_ROMAN_VALUES = {"II": 2, "III": 3, "IV": 4, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "XI": 11, "XII": 12,
                 "XIII": 13, "XIV": 14, "XV": 15, "XX": 20, "XXI": 21}
# Each numeral's first letter comes before its look-behind, which checks the character before
# that letter: the same matches as "(?<![\w.])(?:XXI|...)", but the pattern now begins with
# a letter, so the search skips every position that is not an I, V or X (three times faster).
_ROMAN = re.compile(r"(?:" + "|".join(rf"{numeral[0]}(?<![\w.]{numeral[0]}){numeral[1:]}"
                                      for numeral in sorted(_ROMAN_VALUES, key=len, reverse=True)) + r")(?![\w.])")
# The word boundaries stand once around all the alternatives, not inside each: the same matches,
# but the look-behind is tried once per position instead of nine times (a third of the time).
_ORDINAL = re.compile(r"(?<!\w)(?:" + "|".join(
    rf"(?P<o{value}>{kk}\w{{0,6}}|{ru}{_RU_ENDING}|{en})"
    for value, (kk, ru, en) in _ORDINAL_STEMS.items()) + r")(?!\w)", re.I)


def find_numbers(text: str, lang: str | None = None) -> set[str]:
    """Numbers of the event, normalised ("87.15%", "12482613"); dates and "1" are left out.

    "254,000" is a thousands separator in English and "87,15" a decimal comma in Kazakh and
    Russian: three digits after a comma in an English text mean thousands.
    """
    out = set()
    for match in _NUMBER.finditer(text):
        whole, sep, frac, percent, scale_word = match.groups()
        digits = whole if whole.isdigit() else _NOT_DIGIT.sub("", whole)
        if sep == "," and frac and len(frac) == 3 and lang == "en":
            digits, frac = digits + frac, None
        value = float(f"{digits}.{frac}" if frac else digits) * _scale(scale_word)
        if percent:
            out.add(f"{value:g}%")
        elif value > 1 and (frac or scale_word or not _is_date_part(text, match, value)):
            out.add(f"{value:.12g}")
    for match in _ORDINAL.finditer(text):  # "sixth", "шестой", "алтыншы" are the 6 of "6th"
        out.add(match.lastgroup[1:])
    for match in _ROMAN.finditer(text):  # "IV кеңесі" is the "Fourth Meeting"
        out.add(str(_ROMAN_VALUES[match.group(0)]))
    return out


# -- the article-level result ---------------------------------------------------------------
@dataclass
class Entities:
    places: Counter = field(default_factory=Counter)  # place id -> mentions
    orgs: Counter = field(default_factory=Counter)
    people: dict[str, str] = field(default_factory=dict)  # skeleton -> name as written
    numbers: set[str] = field(default_factory=set)

    def as_json(self) -> dict:
        return {"places": sorted(self.places), "orgs": sorted(self.orgs),
                "people": sorted(self.people.values()), "people_keys": sorted(self.people),
                "numbers": sorted(self.numbers)}

    @property
    def regions(self) -> set[str]:
        table = places()
        return {table[p].region for p in self.places if p in table}


LEAD_NUMBERS = 600  # numbers are read from the title and lead only: long bodies share figures by chance


# 1,500 characters hold the lead and the first paragraphs, where a report names its places and
# people; reading 4,000 cost a quarter of the import's CPU and changed no story on the dev sets.
ENTITY_CHARS = 1500


def extract(title: str, body: str, lang: str | None = None, limit: int = ENTITY_CHARS) -> Entities:
    """Places, organisations and people of the title and the first `limit` characters of the
    body; numbers of the title and the lead, where a report states the facts of its event."""
    text = f"{title}\n{body[:limit]}"
    result = Entities(people=find_people(text), numbers=find_numbers(f"{title}\n{body[:LEAD_NUMBERS]}", lang))
    for kind, target, _ in match_gazetteer(text):
        (result.places if kind == "place" else result.orgs)[target] += 1
    return result


# -- region of an article -------------------------------------------------------------------
_OUTLET_REGION = [  # gov.kz entity slug words -> region
    (r"akmol|aqmol|kokshe", "akmola"), (r"almobl|almaty-obl|zhetisu|jetisu", None),
    (r"astana|nur-sultan", "astana"), (r"shymkent", "shymkent"), (r"karagand|qaragand", "karaganda-region"),
    (r"kostan|qostan", "kostanay-region"), (r"aktob|aqtob", "aktobe-region"), (r"atyrau", "atyrau-region"),
    (r"pavlodar", "pavlodar-region"), (r"mangyst|mangist|aktau", "mangystau"),
    (r"kyzylord|qyzylord", "kyzylorda-region"), (r"turkist|turkest", "turkistan-region"),
    (r"zhambyl|jambyl|taraz", "zhambyl"), (r"ulytau|zhezkaz", "ulytau"), (r"abai|abay|semey", "abai"),
    (r"vko|east-kaz|shygys", "east-kazakhstan"), (r"zko|west-kaz|batys", "west-kazakhstan"),
    (r"sko|north-kaz|soltustik|petropavl", "north-kazakhstan"), (r"almaty", "almaty"),
]


_OUTLET_REGION_PATTERNS = [(re.compile(rf"(?:^|-)(?:{pattern})"), region)
                            for pattern, region in _OUTLET_REGION if region]


def region_from_outlet(outlet: str | None) -> str | None:
    if not outlet:
        return None
    slug = outlet.lower()
    if "almobl" in slug or "almaty-oblys" in slug:
        return "almaty-region"
    if "zhetisu" in slug or "jetisu" in slug:
        return "jetisu"
    for pattern, region in _OUTLET_REGION_PATTERNS:
        if pattern.search(slug):
            return region
    return None


MAX_REGIONS_NAMED = 3  # an article naming more regions than this is about the country


def region_of(outlet: str | None, title: str, found: Entities, lead: str = "") -> str | None:
    """The region an article is about, where evident: its outlet, else places in the text.

    A region counts as evident when it is the only one named in the title; or when the text
    names few regions, and this one in the lead, at least twice and twice as often as any other.
    """
    region = region_from_outlet(outlet)
    if region:
        return region
    if not found.places:
        return None
    table = places()
    votes: Counter = Counter()
    for place_id, mentions in found.places.items():
        votes[table[place_id].region] += mentions
    in_title = Counter(table[p].region for kind, p, _ in match_gazetteer(title) if kind == "place")
    ranked = votes.most_common(2)
    best, count = ranked[0]
    if in_title and len(in_title) == 1:
        return next(iter(in_title))
    if len(votes) > MAX_REGIONS_NAMED:
        return None
    in_lead = {table[p].region for kind, p, _ in match_gazetteer(lead[:400]) if kind == "place"}
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if best in in_lead and count >= 2 and count >= 2 * runner_up:
        return best
    return None
