"""Page debris: the lines around a lead that are not news, and agency datelines.

Pages print photo and video credits, bylines, the page's date and time, the site's name,
sharing buttons and view counters around the lead, and agencies glue a dateline in front of the
first sentence ("ASTANA. KAZINFORM – ...", "Астана, 5 марта. ...").  `debris_reason` says why
a line is debris (or None), `strip_dateline` cuts a dateline; a derived title and the lead that
the embedding sees skip both (`janalyq.titles`).
"""

from __future__ import annotations

import re

from janalyq.dates import _MONTHS, date_spans

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
    if len(text) <= 400 and _is_credit(text, strict):
        return "credit"
    if _BYLINE.match(text) and len(text) <= 200 or _BY_NAMES.match(text):
        return "byline"
    if len(text) <= 200 and _NAV.match(text):
        return "site"
    if len(text) <= 80 and (_COUNTER.match(text) or _SOURCE_LINE.match(text)):
        return "site"
    if len(text) <= 90 and not _PLAIN_TEXT.match(text):
        return _short_line_reason(text, lowered)
    return None


def _is_credit(text: str, strict: bool) -> bool:
    credit = _CREDIT_START.match(text)
    if not credit:
        return False
    after = text[credit.end():]
    words = len(_WORD.findall(after))
    # A credit names a source in a few words ("Фото: пресс-служба акимата", "Photo:
    # Kazpravda.kz / A. Ivanov"); a label before a whole sentence is a headline's kind
    # ("ИНФОГРАФИКА: Госпрограмма развития АПК ...", "Видео: Президент выступил ...").
    return words <= (3 if strict else 6) or bool(_CREDIT_SOURCE.search(after))


def _short_line_reason(text: str, lowered: str) -> str | None:
    """`debris_reason` of a short line that is not plain running text."""
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
