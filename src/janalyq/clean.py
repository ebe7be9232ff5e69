"""The clean stage: repair the text defects that aggregator pages print into articles.

Each repair is counted by reason.  Order matters: the source trailer is cut before glued
sentences are split (a URL must not be split), and the title is derived last, from the lead
that is left once everything else is clean.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from janalyq.article import (
    FLAG_EMPTY_BODY,
    FLAG_HTML_REMOVED,
    FLAG_TITLE_DERIVED,
    FLAG_TITLE_REPEAT_REMOVED,
    FLAG_TITLE_WEAK,
    Article,
    StageCounts,
)
from janalyq.dates import _MONTHS, date_spans
from janalyq.outlet import find_outlet

_HTML_TAGS = (
    "a|abbr|article|b|blockquote|br|center|div|em|figcaption|figure|font|h[1-6]|hr|i|iframe|img"
    "|li|o:p|ol|p|section|small|span|strong|sub|sup|table|tbody|td|th|thead|tr|u|ul"
)
# "< div class=...>" with the space the aggregator inserts after "<"; only real tag names with
# attribute-shaped contents, so that "a < b and c > d" in a sentence survives.
HTML_TAG = re.compile(
    rf"<\s*/?\s*(?:{_HTML_TAGS})\b(?:\s+[\w:.-]+\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+))*\s*/?\s*>",
    re.I,
)
SCRIPT_BLOCK = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.I | re.S)
BLOCK_TAG = re.compile(r"<\s*/?\s*(?:br|p|div|li|h[1-6]|tr|blockquote|section|article)\b", re.I)
ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)
SOURCE_TRAILER = re.compile(
    r"(?P<none>\bNone)?\s*(?:Source|Sources|Ақпарат көзі|Дереккөз|Источник)\s*:\s*(?P<url>https?://\S+?)[\s.;,]*$",
    re.I,
)
_LOWER = "a-zа-яёәғқңөұүһі"
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
# "Professions.In order" and "(TSA.)In": two lowercase letters, a stop, then a capitalised word.
# Capitals before the stop ("U.S.") and digits ("87.15") never match; lowercase after the stop
# ("gov.kz") neither.
GLUED_SENTENCE = re.compile(rf"[.!?]\)?(?=[{_UPPER}][{_LOWER}])")
_LOWER_CHARS = re.compile(rf"[{_LOWER}]{{2}}")
URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_SPACE_CHARS = " \t\u00a0\u2000-\u200a\u202f\u205f\u3000"
# Runs of spaces other than one plain space: the only ones that `normalise_space` changes.
# Leaving single spaces unmatched halves its cost, as most text has nothing else.
_ODD_SPACES = re.compile(rf" [{_SPACE_CHARS}]+|[{_SPACE_CHARS[1:]}][{_SPACE_CHARS}]*")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_EMPTY_MARKERS = {"none", "null", "-", "—", "nan", "undefined"}
DERIVED_TITLE_CHARS = 110


def normalise_space(text: str) -> str:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    return _ODD_SPACES.sub(" ", text).strip()


def strip_html(paragraphs: list[str], counts: StageCounts) -> tuple[list[str], bool]:
    out, changed = [], False
    for para in paragraphs:
        text2 = para
        if "<" in para:  # the tag regexes are the costly part of cleaning; most text has no "<"
            text2 = SCRIPT_BLOCK.sub(" ", text2)
            text2 = BLOCK_TAG.sub(lambda m: "\n" + m.group(0), text2)
            text2 = HTML_TAG.sub(" ", text2)
        if "&" in text2 and ENTITY.search(text2):
            text2 = html.unescape(text2)
        if text2 != para:
            changed = True
        out.extend(text2.split("\n"))
    if changed:
        counts.repair("html_removed")
    return out, changed


def cut_source_trailer(article: Article, counts: StageCounts) -> None:
    """Move "Source : URL" from the end of the body to source_url; "None" before it means empty."""
    if not article.body:
        return
    last = article.body[-1]
    # The trailer sits at the very end: searching only the tail keeps this linear and cheap.
    tail_start = max(0, len(last) - 600)
    match = SOURCE_TRAILER.search(last, tail_start)
    if not match:
        return
    if not article.source_url:
        article.source_url = match.group("url")
    counts.repair("source_trailer_moved")
    rest = last[: match.start()].rstrip()
    if match.group("none"):
        counts.repair("none_before_source")
    if rest:
        article.body[-1] = rest
    else:
        article.body.pop()


def drop_repeated_title(article: Article, counts: StageCounts) -> None:
    """A body that starts with the title glued to the next sentence (no space) loses the title.

    A lead that repeats the headline and goes on after a space is an ordinary lead sentence and
    is kept.
    """
    title = article.title.strip()
    if not article.body or len(title) < 12:
        return
    first = article.body[0]
    if first == title:
        article.body.pop(0)
    elif first.startswith(title) and not first[len(title)].isspace():
        article.body[0] = first[len(title):].lstrip()
    else:
        return
    article.flags.add(FLAG_TITLE_REPEAT_REMOVED)
    counts.repair("title_repeat_removed")


def _add_space(match: re.Match) -> str:
    # The pattern only finds a stop before a capitalised word (cheap to scan for); what stands
    # before the stop decides: two lowercase letters, or a closing bracket after the stop.
    stop = match.group(0)
    text, start = match.string, match.start()
    if stop.endswith(")") or _LOWER_CHARS.fullmatch(text, max(0, start - 2), start):
        return stop + " "
    return stop


def split_glued_sentences(text: str) -> tuple[str, int]:
    """Insert the lost space after a full stop, outside URLs."""
    pieces, last, total = [], 0, 0
    for url in URL.finditer(text):
        fixed, n = GLUED_SENTENCE.subn(_add_space, text[last:url.start()])
        pieces += [fixed, url.group(0)]
        total += n
        last = url.end()
    fixed, n = GLUED_SENTENCE.subn(_add_space, text[last:])
    pieces.append(fixed)
    return "".join(pieces), total + n


# -- Page debris before the first sentence ------------------------------------------------------
# Pages print lines around the lead that are not news: photo and video credits, bylines, the
# page's date and time, the site's name, sharing buttons, and agency datelines glued in front of
# the first sentence ("ASTANA. KAZINFORM – ...", "Астана, 5 марта. ...").  A derived title and
# the lead that the embedding sees skip them.

_CREDIT_LABELS = (
    # kk, ru, en, Latin Kazakh (2018 and 2021 alphabets)
    "фото", "фотосурет", "фотосуреттер", "фотолар", "сурет", "суреттер", "суретте", "видео",
    "бейне", "бейнежазба", "бейнематериал", "фотоколлаж", "коллаж", "инфографика", "иллюстрация",
    "скриншот", "кадр", "photo", "photos", "photograph", "image", "images", "picture", "video",
    "collage", "infographic", "illustration", "screenshot", "foto", "fotosýret", "fotosuret",
    "sýret", "suret", "súret", "beıne", "beine", "beınejazba", "beinejazba", "kollaj",
    "ınfografıka", "infografika",
)
_CREDIT_LABEL = "|".join(sorted((re.escape(w) for w in _CREDIT_LABELS), key=len, reverse=True))
# "Фото: Kazpravda.kz / ...", "Фото – ...", "Photo by ...", "Фото и видео: ...", "© Kazinform",
# "Фото автора", "Фото из открытых источников", "(Фото: ...)"
_CREDIT_START = re.compile(
    rf"^[\W_]{{0,3}}(?:(?:{_CREDIT_LABEL})(?:\s*(?:и|мен|және|and|/|,|&)\s*(?:{_CREDIT_LABEL}))?"
    rf"(?:\s+(?:автора|авторлар\w*|из\b|с\b|взято|предоставлен\w*|ашық|from|courtesy|credits?"
    rf"|source"
    rf"|источник\w*|дереккөз\w*|пресс-служб\w*|баспасөз\w*|ashyq|derekkóz\w*|by))?(?![\w-])"
    rf"|©|\(c\)|источник фото|автор фото|photo credit)",
    re.I,
)
# What a longer credit names: a site, an agency's photo service, a stock library, an archive.
_CREDIT_SOURCE = re.compile(
    r"^\s*(?:by|courtesy)\b|[/©]|\.(?:kz|ru|com|org|net|uz|kg)\b|пресс-служб|баспасөз|press service"
    r"|baspasóz|архив|archive|arhıv|дереккөз|источник|source|derekkóz|pixabay|shutterstock|unsplash"
    r"|depositphotos|freepik|getty|istock|reuters|afp|ap photo",
    re.I,
)
_BYLINE = re.compile(
    r"^[\W_]{0,3}(?:автор(?:ы)?|author(?:s)?|avtor(?:lar)?|авторлар|текст|мәтін|mátin|matın|text"
    r"|тілші|корреспондент|correspondent|reporter|редактор|editor|redaktor|дайындаған|daıyndaǵan"
    r"|daiyndağan|подготовил[аи]?|written by|journalist|журналист)\s*[:–—-]",
    re.I,
)
# Counters and a source named on its own line: "Просмотров: 616", "1 203 views", "Қаралым: 45",
# "Комментарии (0)", "Источник: Минздрав РК", "Source: primeminister.kz".
_COUNTER = re.compile(
    r"^\W{0,3}(?:(?:просмотр\w*|views?|қаралым\w*|көрсетілім\w*|kórsetilim\w*|qaralym\w*"
    r"|комментари\w*|comments?|пікір\w*|likes?|нравится)(?:\s+(?:саны|sany))?\W*\d[\d\s,.]*\W*"
    r"|\d[\d\s,.]*\s*(?:просмотр\w*|views?|қаралым\w*|comments?|комментари\w*))$",
    re.I,
)
_SOURCE_LINE = re.compile(
    r"^\W{0,3}(?:источник|source|дереккөз|ақпарат көзі|derekkóz|aqparat kózi)\s*:\s*\S"
    r"(?:\S*\s+){0,5}\S*$",
    re.I,
)
# "By Aigerim Seitkali": a short line of capitalised names.
_BY_NAMES = re.compile(r"^By\s+(?:[A-Z][\w'’.-]*\s*){1,4}$")
_NAV = re.compile(
    r"^[\W_]{0,3}(?:читайте также|читать также|читать далее|подробнее|read also|read more|see also"
    r"|тағы оқыңыз|сондай-ақ оқыңыз|толығырақ|taǵy oqyńyz|tagy oqyñyz|tolyǵyraq|поделиться|share"
    r"|бөлісу|печать|print|басып шығару|реклама|жарнама|advertisement|подписывайтесь|жазылыңыз"
    r"|subscribe|комментари\w*|пікірлер|comments|теги|tags|тегтер)(?![\w-])"
    # a button or a heading: alone, or before a colon, a link or an arrow
    r"\s*(?:$|[:→»>]|\.{3}|…|https?://)",
    re.I,
)
# Lines that are only the name of a site, a section or a button.
_NAV_WORDS = {
    "новости", "news", "жаңалықтар", "жаналыктар", "jańalyqtar", "janalyqtar", "главная", "home",
    "басты бет", "bas bet", "ещё", "еще", "more", "тағы", "все новости", "all news",
    "барлық жаңалықтар", "лента", "лента новостей", "архив", "archive", "мұрағат", "видео", "фото",
    "video", "photo", "фотогалерея", "gallery", "галерея", "политика", "экономика", "общество",
    "спорт", "politics", "economy", "society", "sport", "саясат", "қоғам", "qoǵam",
}
_OUTLET_NAMES = {
    "kazinform", "казинформ", "қазақпарат", "qazaqparat", "миа казинформ", "kazinform news agency",
    "baq.kz", "baq", "kt.kz", "kazakhstan today", "казахстан сегодня", "kaztag", "казтаг",
    "tengrinews", "тенгриньюс", "zakon.kz", "24.kz", "khabar", "хабар", "хабар 24", "khabar 24",
    "kazpravda", "казправда", "kazakhstanskaya pravda", "казахстанская правда", "egemen",
    "egemen qazaqstan", "егемен қазақстан", "akorda", "ақорда", "aqorda", "primeminister.kz",
    "interfax", "интерфакс", "интерфакс-казахстан", "interfax-kazakhstan", "sputnik",
    "sputnik казахстан", "sputnik kazakhstan", "orda.kz", "vlast.kz", "nur.kz", "total.kz",
    "informburo", "informburo.kz", "liter.kz", "el.kz", "astana times", "the astana times",
    "gov.kz", "egov", "egov.kz", "reuters", "afp", "ap", "tass", "тасс", "риа новости", "xinhua",
    "kabar", "кабар", "trend", "kun.uz", "jibek joly", "jıbek joly", "qazaqstan", "qazaqstan tv",
}
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?:[\w-]+\.)+[a-zа-яқ]{2,6}(?:/\S*)?$", re.I)
# "Иллюстративное фото", "Illustrative photo", "Архивное фото": a short line ending in a label.
_CREDIT_END = re.compile(
    r"^\W{0,3}(?:иллюстративн\w*|архивн\w*|illustrative|archive|archival|file|stock|иллюстрациялық"
    r"|мұрағаттық|архивтік|көрнекі|ılıýstratıvtik|arhıvtik)\s+"
    rf"(?:{_CREDIT_LABEL})\W*$",
    re.I,
)
# "Kazpravda.kz / Андрей Петров": a site and a photographer.
_SITE_SLASH = re.compile(r"^(?:www\.)?(?:[\w-]+\.)+[a-z]{2,6}\s*/", re.I)
_CRUMB_SPLIT = re.compile(r"\s+[/>»|]\s+")
# Five words or more without a digit, a dot, a slash, a bar or a tag: none of the short-line
# checks below can match (a quick exit for most headlines and leads).
_PLAIN_TEXT = re.compile(r"^(?=(?:\S+\s+){4}\S)[^\d./>»|#@]*$")
_URL_OR_TAGS = re.compile(r"^(?:(?:https?://|www\.)\S+|#\w+|@\w+|[\s\W_])*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")

# Dates and times of the page itself: "21 January 2026, 13:00", "17:36, 30 Qańtar 2026 | GMT +5",
# "2026-02-20T10:00:00+05:00", "Tue, 20 Feb 2026 10:00:00 +0500", "Опубликовано: 20.02.2026".
_LATIN_KK_MONTHS = (
    "qańtar", "aqpan", "naýryz", "sáýir", "mamyr", "maýsym", "shilde", "tamyz", "qyrkúıek",
    "qazan", "qarasha", "jeltoqsan",  # 2018 alphabet (Kazinform)
    "qañtar", "nauryz", "säuır", "mausym", "şılde", "qyrküiek", "qaraşa",  # 2021 alphabet
    "qantar", "sauir", "mausym", "shilde", "qyrkuiek",  # typed without diacritics
)
_LATIN_KK_DATE = re.compile(
    r"(?<![\w])(?:\d{4}\s*(?:jylǵy|jylğy|jylgy|jyly|j\.)\s*)?\d{1,2}(?:-\w{1,4})?\s+(?:"
    + "|".join(sorted(set(_LATIN_KK_MONTHS), key=len, reverse=True))
    + r")\w{0,4}(?:\s*,?\s*\d{4}(?:\s*(?:jyly|jylǵy|j\.))?)?(?!\w)",
    re.I,
)
_TIME = re.compile(
    r"(?:(?<=\d)T|(?<![\w:]))\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*(?:am|pm))?"
    r"(?:Z|\s*[+-]\d{2}:?\d{2})?(?![\w:])",
    re.I,
)
_DATE_FILLER = re.compile(
    r"(?<!\w)(?:gmt|utc|msk|alm|ast|published|posted|updated|date|on|at|опубликовано|опубликован"
    r"|обновлено|дата|публикации|просмотр\w*|views?|жарияланды|жарияланған|жаңартылды|қаралым\w*"
    r"|jarııalandy|jariyalandy|г|гг|года|год|жыл\w*|ж|jyl\w*|j|сағат|saǵat|в|мин|min|am|pm"
    r"|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|пн|вт|ср|чт|пт|сб|вс"
    r"|дүйсенбі|сейсенбі|сәрсенбі|бейсенбі|жұма|сенбі|жексенбі|dúısenbi|seısenbi|sársenbi"
    r"|beısenbi|juma|senbi|jeksenbi|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|mon|tue|wed|thu|fri|sat|sun|today|yesterday|сегодня|вчера|бүгін|кеше|búgin|keshe|read"
    r"|чтения|минут\w*)(?!\w)",
    re.I,
)
_LETTER = re.compile(r"[^\W\d_]")

# Agency datelines: "ASTANA. KAZINFORM –", "ASTANA.KAZINFORM -", "АСТАНА, 5 марта. /Kazinform/ -",
# "Астана, 5 марта. ...", "ALMATY (Kazinform) —", "NUR-SULTAN –", "KAZINFORM —".
_AGENCY = (
    r"(?:KAZINFORM|Kazinform|КАЗИНФОРМ|Казинформ|МИА\s*«?Казинформ»?|ҚАЗАҚПАРАТ|ҚазАқпарат"
    r"|Қазақпарат"
    r"|Qazaqparat|КазТАГ|KazTAG|KAZTAG|BAQ\.KZ|Tengrinews(?:\.kz)?|Интерфакс-Казахстан"
    r"|Interfax-Kazakhstan|Sputnik(?:\s+Казахстан|\s+Kazakhstan)?|Kazakhstan\s+Today"
    r"|Казахстан\s+Сегодня|Kabar|Кабар|Reuters|AFP|AP|TASS|ТАСС|Xinhua|Trend"
    r"|[\w-]+\.kz|El\.kz|Zakon\.kz|Khabar\s*24|Хабар\s*24|Astana\s+Times)"
)
# Possessive word runs: the engine never tries an agency or a date inside a word.
_PLACE = r"(?P<place>[^\W\d_][\w'’]*+(?:(?:-|\s)[^\W\d_][\w'’]*+){0,2})"
# "5 марта", "5 наурыз 2026 ж.", "March 5, 2026", "05.03.2026" (the month word is checked after)
_DATE_WORDS = (
    r"(?P<date>\d{1,2}(?:-\w{1,4})?\s+[^\W\d_]{3,12}\.?(?:\s+\d{4}(?:\s*(?:г\.|года|ж\.|жыл\w*"
    r"|jyl\w*))?)?|[^\W\d_]{3,9}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\.\d{1,2}\.\d{2,4})"
)
_DASH = r"[–—-]+"
DATELINE = re.compile(
    rf"^{_PLACE}"
    rf"(?:\s*[,.]\s*{_DATE_WORDS})?"
    rf"(?:\s*[,.]?\s*(?P<agency>[/(]?\s*{_AGENCY}\s*[/)]?))?"
    rf"\s*(?P<end>[.,]?\s*{_DASH}|\.(?=\s))\s*"
)
_CAPS_AGENCY = re.compile(rf"([^\W\d_][\w.'’]*+(?:\s+[^\W\d_][\w.'’]*+){{0,2}})\s*{_DASH}\s*")
_AGENCY_ONLY_DATELINE = re.compile(rf"^[/(]?\s*{_AGENCY}\s*[/)]?\s*(?:{_DASH})\s*")

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


def _month_prefixes() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for name in set(_MONTHS) | set(_LATIN_KK_MONTHS):
        table.setdefault(name[:3], []).append(name)
    return {key: tuple(names) for key, names in table.items()}


_MONTH_WORDS = _month_prefixes()  # first three letters -> the month names that start so


def _month_word(word: str) -> bool:
    """A month name in any language janalyq reads, with up to four letters of case ending."""
    word = word.lower().rstrip(".")
    names = _MONTH_WORDS.get(word[:3])
    if not names:
        return False
    return any(
        word == m or len(m) >= 5 and word.startswith(m) and len(word) - len(m) <= 4 for m in names
    )


_DIGIT = re.compile(r"\d")


def _date_mask(text: str) -> tuple[str, bool]:
    """`text` with its dates, times and date words blanked (same length), and whether it had a
    date or a time at all."""
    spans = date_spans(text) + [m.span() for m in _LATIN_KK_DATE.finditer(text)]
    spans += [m.span() for m in _TIME.finditer(text)]
    if not spans:
        return text, False
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    masked = _DATE_FILLER.sub(lambda m: " " * len(m.group(0)), "".join(chars))
    return masked, True


def is_date_line(text: str) -> bool:
    """True when `text` is nothing but a date and/or a time (with weekday, zone, "published")."""
    if len(text) > 90 or not _DIGIT.search(text) or len(_WORD.findall(text)) > 9:
        return False  # the longest ("Жарияланды: 2026 жылғы 5 наурыз, 10:30") have a few words
    masked, dated = _date_mask(text)
    return dated and not _LETTER.search(masked)


def _caps_word(word: str) -> bool:
    # "ASTANA", "BІShKEK", "TAShKENT": capitals, with the lowercase h of the Latin digraphs.
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) < 2:
        return False
    return all(
        ch.isupper() or (ch == "h" and i > 0 and letters[i - 1] in "SCZsc")
        for i, ch in enumerate(letters)
    )


def strip_dateline(text: str) -> tuple[str, str | None]:
    """The text without an agency dateline or a page date in front of its first sentence.

    Returns the rest and what was removed ("dateline", "date"), or the text unchanged and None.
    """
    match = DATELINE.match(text, 0, 160)  # a dateline is short: no need to try further
    if match:
        place = match.group("place")
        words = place.replace("-", " ").split()
        has_date = bool(match.group("date"))
        if has_date:
            date_text = match.group("date")
            names = [w for w in _WORD.findall(date_text) if not w.isdigit()]
            numeric = bool(re.fullmatch(r"[\d.]+", date_text))
            has_date = bool(names) and _month_word(names[0]) or numeric
        caps = all(_caps_word(w) for w in words)
        if match.group("date") and not has_date:
            match = None
        elif not (has_date or match.group("agency")):
            # Only a place before a dash: "АСТАНА –" in capitals; "Астана – столица" is a sentence.
            # The dash stands apart ("ASTANA –", "ASTANA- "), not inside a name ("ЭКСПО-2017").
            spaced = match.group(0)[-1:].isspace() or match.group("end")[:1].isspace()
            match = match if caps and spaced and match.group("end").strip(" .,") else None
        elif not caps and not words[0][:1].isupper():
            match = None
        elif not caps and not match.group("agency") and not all(w[:1].isupper() for w in words):
            match = None  # "Түркістан облысы. ҚазАқпарат –" names its agency; a date alone does not
        if match is not None:
            rest = text[match.end():]
            # "Алматы. 5 марта. KAZAKHSTAN TODAY - ...": an agency in capitals not in the list
            caps_agency = _CAPS_AGENCY.match(rest, 0, 60)
            if caps_agency and not match.group("agency") and all(
                    _caps_word(w) for w in caps_agency.group(1).split()):
                rest = rest[caps_agency.end():]
            if rest[:1].isupper() or rest[:1] in "«\"“(" or rest[:1].isdigit():
                return rest, "dateline"
    match = _AGENCY_ONLY_DATELINE.match(text)
    if match and text[match.end():match.end() + 1].isupper():
        return text[match.end():], "dateline"
    stripped = _strip_date_prefix(text)
    if stripped is not None:
        return stripped, "date"
    return text, None


def _strip_date_prefix(text: str) -> str | None:
    """The text after a page date glued in front of the first sentence, or None.

    "21 January 2026, 13:00 The Ministry ...", "20.02.2026 | Министр ...": a date with a time, a
    separator, or ending in a number, right before a capitalised word.  "5 марта в Астане"
    (lowercase next), "22 апреля 2022 года Министр ..." and "18 наурызда Астанада" (the date
    reads on into the sentence) are the sentence itself.
    """
    first = text[:1]
    if not (first.isdigit() or first.isalpha() and (
            _month_word(text.split(" ", 1)[0]) or _DATE_FILLER.match(text))):
        return None
    head = text[:70]
    if not _DIGIT.search(head):
        return None
    masked, dated = _date_mask(head)
    if not dated:
        return None
    best = None
    for match in re.finditer(r"[\s|,–—-]+(?=[^\W\d_]|[«\"“])", head):
        prefix, rest = text[:match.start()], text[match.end():]
        if _LETTER.search(masked, 0, match.start()):
            break  # words that are not a date: the sentence has begun
        if not (rest[:1].isupper() or rest[:1] in "«\"“"):
            continue
        first_word = rest.split(" ", 1)[0]
        if _month_word(first_word) or _DATE_FILLER.fullmatch(first_word.rstrip(".,:")):
            continue  # "00:26, 25 Qańtar 2026": the date goes on
        if not is_date_line(prefix):  # the prefix alone (a date cut at its end is no date)
            continue
        # The page's own stamp: a time, a bar, or a date that ends in its year or is numeric.
        # "31 мамыр – ..." (a day the sentence names), "22 апреля 2026 года Министр ..." and
        # "2026 жылғы 18 наурызда ..." (the date reads on into the sentence) stay.
        ends_in_year = prefix.rstrip()[-1:].isdigit() and re.search(r"\d{4}|\d\.\d", prefix)
        if _TIME.search(prefix) or "|" in match.group(0) or ends_in_year:
            best = rest
    return best


def debris_reason(line: str, strict: bool = False) -> str | None:
    """Why a whole line is page debris and never a title, or None for a line of text.

    Reasons: "credit" (photo or video credit), "byline", "date" (only a date or time), "site"
    (only a site, outlet or section name, a sharing button, a link or a tag), "fragment" (one or
    two words of capitals like "KZ", or no letters at all).  `strict`, for a headline slot: a
    label before more than three words that name no source is a headline's kind
    ("ИНФОГРАФИКА: ҚР АӨК дамыту бағдарламасы"), not a credit.
    """
    text = line.strip()
    if not text:
        return "fragment"
    lowered = text.lower().strip(" .:|•·-–—")
    if len(text) <= 400:
        credit = _CREDIT_START.match(text)
        if credit:
            after = text[credit.end():]
            words = len(_WORD.findall(after))
            # A credit names a source in a few words ("Фото: пресс-служба акимата", "Photo:
            # Kazpravda.kz / A. Ivanov"); a label before a whole sentence is a headline's kind
            # ("ИНФОГРАФИКА: Госпрограмма развития АПК ...", "Видео: Президент выступил ...").
            if words <= (3 if strict else 6) or _CREDIT_SOURCE.search(after):
                return "credit"
    if _BYLINE.match(text) and len(text) <= 200 or _BY_NAMES.match(text):
        return "byline"
    if len(text) <= 200 and _NAV.match(text):
        return "site"
    if len(text) <= 80 and (_COUNTER.match(text) or _SOURCE_LINE.match(text)):
        return "site"
    if len(text) <= 90 and not _PLAIN_TEXT.match(text):
        if lowered in _NAV_WORDS or lowered in _OUTLET_NAMES or _DOMAIN.match(lowered):
            return "site"
        if _CREDIT_END.match(text) or _SITE_SLASH.match(text) and len(_WORD.findall(text)) <= 8:
            return "credit"
        crumbs = _CRUMB_SPLIT.split(lowered)
        if len(crumbs) >= 2 and any(c in _NAV_WORDS for c in crumbs) and all(
                len(c.split()) <= 3 for c in crumbs):
            return "site"  # breadcrumbs: "Главная / Новости / Общество"
        if is_date_line(text):
            return "date"
        if not _LETTER.search(text):
            return "fragment"
        if _URL_OR_TAGS.match(text):
            return "site"
        words = _WORD.findall(text)
        if len(words) <= 2 and all(_caps_word(w) and len(w) <= 5 for w in words):
            return "fragment"
        if text[-1] in "–—-" or text[-1] == "/":
            rest, what = strip_dateline(text + " X")
            if what == "dateline" and rest == "X":  # a dateline alone on its line
                return "site"
    return None


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


def _clean_title(article: Article, counts: StageCounts) -> None:
    title = normalise_space(HTML_TAG.sub(" ", article.title))
    if ENTITY.search(title):
        title = html.unescape(title)
    if title.lower() in _EMPTY_MARKERS:
        title = ""
        counts.repair("placeholder_title")
    elif title and debris_reason(title, strict=True) in ("credit", "date", "site"):
        # A page whose headline slot holds its date, a photo credit or the site's name has no
        # headline: the title is derived from the lead like any missing one.
        title = ""
        counts.repair("debris_title_replaced")
    article.title = title


def _clean_body(article: Article, counts: StageCounts) -> None:
    paragraphs, had_html = strip_html(article.body, counts)
    if had_html:
        article.flags.add(FLAG_HTML_REMOVED)
    article.body = [p for p in (normalise_space(p) for p in paragraphs) if p]
    cut_source_trailer(article, counts)
    drop_repeated_title(article, counts)
    glued_total = 0
    for i, para in enumerate(article.body):
        article.body[i], n = split_glued_sentences(para)
        glued_total += n
    if glued_total:
        counts.repair("glued_sentences_split", glued_total)
    article.body = [p for p in article.body if p.lower() not in _EMPTY_MARKERS]


def clean_stage(article: Article, counts: StageCounts) -> Article | None:
    counts.seen += 1
    _clean_title(article, counts)
    _clean_body(article, counts)
    if not article.title and article.is_empty:
        # Neither headline nor text: nothing a reader could be shown, whatever the source says.
        counts.drop("no_title_no_body")
        return None
    if article.source_url:
        article.source_url = article.source_url.strip().rstrip(".,;")
    if article.is_empty:
        article.body = []
        article.flags.add(FLAG_EMPTY_BODY)
        counts.repair("empty_body_kept")
    if not article.title and article.body:
        derived = derive_title_ex(article.body)
        if not derived.title:
            # Without a headline, a body of nothing but page debris (a credit, a date, a site
            # name) has nothing a reader could be shown.
            counts.drop("no_title_only_page_debris")
            return None
        article.title = derived.title
        article.title_derived = True
        article.flags.add(FLAG_TITLE_DERIVED)
        counts.repair("title_derived")
        if derived.weak:
            article.flags.add(FLAG_TITLE_WEAK)
        for reason in derived.reasons:
            counts.repair(reason)
    if not article.outlet:
        article.outlet = find_outlet(article.source_url, article.url, article.body)
    counts.kept += 1
    return article
