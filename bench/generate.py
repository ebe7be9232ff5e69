"""Synthetic kk/ru/en listing pages with planted exact and near duplicates.

The pages imitate raw dumps of the official news sites: a site-name line, a section header, then
items of two lines each (the headline with a trailing DD.MM.YYYY date, then the whole body on one
line with the "Source : <gov.kz url>" trailer glued to its last sentence).  Every item is listed
in truth.tsv with the group of the distinct article it carries and whether it is that article's
original, an exact copy or a near copy, so that a dedup run can be scored (bench/quality.py).

Text comes from per-language sentence frames whose many slots draw from large pools, so two
distinct articles share few word 3-grams while a near copy keeps most of its original's.
Pages are written as soon as they are built; only a bounded sample of earlier originals is kept
in memory (as copy sources), so a million articles need no more memory than a thousand.

    python -m bench.generate --articles 10000 --out /tmp/corpus --seed 1
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from typing import Callable

ITEMS_PER_PAGE = 20
TRUTH_NAME = "truth.tsv"
# Body length bounds leave room for near copies (one sentence more or less) to stay in 150-450.
_BODY_MIN, _BODY_MAX, _BODY_CAP = 180, 420, 430
# How many earlier originals per language stay in memory as copy sources.  A uniform reservoir
# sample keeps copies pointing at any earlier file, not only at recent ones.
_RESERVOIR = 2048
# Chance that an original leaves the copy sources once copied.  Without it a long-lived sample
# entry is copied dozens of times and a few huge groups dominate the pair counts; with it most
# groups are a pair and some a triple, as when a site files a story under two or three sections.
_RETIRE = 0.85
_PAGE_NAME = re.compile(r"^\d{6,}_(kk|ru|en)_[a-z]+\.txt$")
_SLOT = re.compile(r"\{(\^?\w+)\}")
_QUOTES = str.maketrans("", "", "«»“”„\"")
_ENTITIES = (
    "edu", "sci", "enbek", "mfa", "mod", "health", "minfin", "energo", "moa", "transport",
    "mam", "tsm", "mdai", "ecogeo", "emer", "mps", "mti", "economy", "election",
    "kgd-akmola", "kgd-almaty", "kgd-karaganda", "karaganda", "almobl", "kostanay", "astana",
    "shymkent", "almaty", "akmola", "aktobe", "atyrau", "pavlodar", "turkestan", "zhambyl",
    "kyzylorda", "mangystau", "abay", "zhetysu", "ulytau", "vko", "zko", "sko",
)


# --------------------------------------------------------------------------- text engine


def _render(parts: tuple, r: Callable[[], float]) -> str:
    out = []
    for p in parts:
        cls = p.__class__
        if cls is str:
            out.append(p)
        elif cls is list:
            out.append(p[int(r() * len(p))])
        else:
            out.append(p(r))
    return "".join(out)


def _cap(s: str) -> str:
    # Headlines and sentences may open with a quote mark; the letter after it is the one to raise.
    if s[:1] in "«\"":
        return s[:1] + s[1:2].upper() + s[2:]
    return s[:1].upper() + s[1:]


class _Grammar:
    """Frames compiled against pools: a pool is a word list, a callable, or a list of sub-frames."""

    def __init__(self, pools: dict, body: list[str], titles: list[str], press: list[str]):
        self._raw = pools
        self._done: dict[str, object] = {}
        self.body = [self._frame(f) for f in body]
        self.titles = [self._frame(f) for f in titles]
        self.press = [self._frame(f) for f in press]
        words = set()
        for entries in pools.values():
            if isinstance(entries, list):
                words.update(w for e in entries if "{" not in e for w in e.split())
        # Only plain words make believable substitutions in near copies.
        self.words = sorted(w for w in words if w.isalpha() and len(w) > 3)

    def _frame(self, text: str) -> tuple:
        parts: list = []
        pos = 0
        for m in _SLOT.finditer(text):
            if m.start() > pos:
                parts.append(text[pos:m.start()])
            parts.append(self._slot(m.group(1)))
            pos = m.end()
        if pos < len(text):
            parts.append(text[pos:])
        return tuple(parts)

    def _slot(self, name: str):
        pool = self._pool(name.lstrip("^"))
        if not name.startswith("^"):
            return pool
        if isinstance(pool, list):
            return [_cap(e) for e in pool]
        return lambda r, p=pool: _cap(p(r))

    def _pool(self, name: str):
        if name not in self._done:
            raw = self._raw[name]
            if callable(raw):
                self._done[name] = raw
            elif any("{" in e for e in raw):
                frames = [self._frame(e) for e in raw]
                n = len(frames)
                self._done[name] = lambda r, f=frames, n=n: _render(f[int(r() * n)], r)
            else:
                self._done[name] = list(raw)
        return self._done[name]

    def sentence(self, r: Callable[[], float]) -> str:
        return _cap(_render(self.body[int(r() * len(self.body))], r))

    def title(self, r: Callable[[], float]) -> str:
        # Rejection keeps headlines in 6-14 words without hand-tuning every frame.
        for _ in range(20):
            t = _cap(_render(self.titles[int(r() * len(self.titles))], r))
            if 6 <= t.count(" ") + 1 <= 14:
                return t
        # Twenty misses in a row do not happen with the shipped frames; cut or pad just in case.
        words = (t + " " + _render(self.body[0], r)).split()
        return " ".join(words[:10]).rstrip(".,")

    def body_sentences(self, r: Callable[[], float]) -> list[str]:
        target = _BODY_MIN + int(r() * (_BODY_MAX - _BODY_MIN + 1))
        sents: list[str] = []
        n = 0
        while n < target:
            s = self.sentence(r)
            w = s.count(" ") + 1
            if n + w > _BODY_CAP and n >= _BODY_MIN:
                break
            sents.append(s)
            n += w
        return sents


# --------------------------------------------------------------------------- languages


class _Lang:
    """Everything that differs between kk, ru and en pages."""

    def __init__(self, code: str, spec: dict):
        self.code = code
        self.grammar = _Grammar(spec["pools"], spec["body"], spec["titles"], spec["press"])
        self.site_names: tuple[str, ...] = spec["site_names"]
        self.sections: tuple[tuple[str, str], ...] = spec["sections"]
        self.source_label: str = spec["source_label"]


def _languages() -> dict[str, _Lang]:
    return {code: _Lang(code, spec) for code, spec in _specs().items()}


class _Article:
    __slots__ = ("group", "title", "date", "sents", "source", "glue", "file_no", "section")

    def __init__(self, group, title, date, sents, source, glue, file_no, section):
        self.group = group
        self.title = title
        self.date = date
        self.sents = sents
        self.source = source
        self.glue = glue
        self.file_no = file_no
        self.section = section


# --------------------------------------------------------------------------- near copies


def _near_strip_quotes(a: _Article, lang: _Lang, r) -> tuple[str, bool] | None:
    body = " ".join(a.sents)
    out = body.translate(_QUOTES)
    return (out, True) if out != body else None


def _near_edit_words(a: _Article, lang: _Lang, r) -> tuple[str, bool] | None:
    words = " ".join(a.sents).split(" ")
    vocab = lang.grammar.words
    edits = max(1, round(len(words) * (1 + 2 * r()) / 100))
    for _ in range(edits):
        i = int(r() * len(words))
        w = words[i]
        tail = w[len(w.rstrip(".,;:!?»\"")):]
        # Deleting a word that carries a full stop would merge two sentences: replace it instead.
        if r() < 0.5 and not tail and len(words) > 1:
            del words[i]
        else:
            words[i] = vocab[int(r() * len(vocab))] + tail
    out = " ".join(words)
    return (out, True) if out != " ".join(a.sents) else None


def _near_drop_sentence(a: _Article, lang: _Lang, r) -> tuple[str, bool] | None:
    if len(a.sents) < 3:
        return None
    i = int(r() * len(a.sents))
    return " ".join(a.sents[:i] + a.sents[i + 1:]), True


def _near_append(a: _Article, lang: _Lang, r) -> tuple[str, bool] | None:
    press = lang.grammar.press
    line = _cap(_render(press[int(r() * len(press))], r))
    return " ".join(a.sents) + " " + line, True


def _near_glue_stops(a: _Article, lang: _Lang, r) -> tuple[str, bool] | None:
    spots = [i for i in range(len(a.sents) - 1) if a.sents[i].endswith(".")]
    if not spots:
        return None
    order = sorted(spots, key=lambda _: r())
    glued = set(order[: 1 + int(r() * 3)])
    out = [a.sents[0]]
    for i in range(1, len(a.sents)):
        out.append(("" if i - 1 in glued else " ") + a.sents[i])
    return "".join(out), True


def _near_drop_source(a: _Article, lang: _Lang, r) -> tuple[str, bool] | None:
    return " ".join(a.sents), False


_NEAR_KINDS = (
    _near_strip_quotes, _near_edit_words, _near_drop_sentence,
    _near_append, _near_glue_stops, _near_drop_source,
)


def _near_body(a: _Article, lang: _Lang, r) -> tuple[str, bool]:
    """One randomly chosen change; kinds that would leave the text as it was are skipped."""
    start = int(r() * len(_NEAR_KINDS))
    for k in range(len(_NEAR_KINDS)):
        got = _NEAR_KINDS[(start + k) % len(_NEAR_KINDS)](a, lang, r)
        if got is not None:
            return got
    return _near_drop_source(a, lang, r)  # never reached: dropping the source always applies


# --------------------------------------------------------------------------- corpus


class _Corpus:
    """The running state of one generation: rng, copy sources, and how many copies are owed."""

    def __init__(self, n_items: int, seed: int, exact_rate: float, near_rate: float,
                 lang_mix: tuple[float, float, float]):
        self.rng = random.Random(seed)
        self.r = self.rng.random
        self.langs = _languages()
        self.lang_codes = ("kk", "ru", "en")
        self.lang_mix = lang_mix
        self.reservoir: dict[str, list[_Article]] = {c: [] for c in self.lang_codes}
        self.seen: dict[str, int] = {c: 0 for c in self.lang_codes}
        self.left_items = n_items
        # Drawing kinds from what is still owed (not a fresh coin per item) makes the planted
        # counts exact, and items that could not be copies early on are made up for later.
        self.left_exact = round(n_items * exact_rate)
        self.left_near = round(n_items * near_rate)
        self.counts = {"original": 0, "exact": 0, "near": 0}
        self.by_lang = {c: 0 for c in self.lang_codes}

    def _original(self, lang: _Lang, file_no: int, section: str) -> _Article:
        r = self.r
        group = self.counts["original"]
        title = lang.grammar.title(r)
        date = f"{1 + int(r() * 28):02d}.{1 + int(r() * 12):02d}.{2019 + int(r() * 7)}"
        sid = 300000 + group * 7 + int(r() * 7)  # unique per distinct article, not sequential
        entity = _ENTITIES[int(r() * len(_ENTITIES))]
        source = (f"https://www.gov.kz/memleket/entities/{entity}/press/news/details/"
                  f"{sid}?lang={lang.code}")
        glue = "" if r() < 0.8 else " "
        art = _Article(str(group), title, date, lang.grammar.body_sentences(r), source, glue,
                       file_no, section)
        self._remember(lang.code, art)
        return art

    def _remember(self, code: str, art: _Article) -> None:
        self.seen[code] += 1
        pool = self.reservoir[code]
        if len(pool) < _RESERVOIR:
            pool.append(art)
        else:
            j = int(self.r() * self.seen[code])
            if j < _RESERVOIR:
                pool[j] = art

    def _pick_source(self, code: str, file_no: int, section: str, exact: bool) -> int | None:
        """Index in the reservoir of the original to copy, or None when there is none yet."""
        pool = self.reservoir[code]
        if not pool:
            return None
        if not exact:
            return int(self.r() * len(pool))
        # Exact copies go to another file, preferably another section too, like a story the
        # site files under both "News" and "Society".
        fallback = None
        for _ in range(8):
            j = int(self.r() * len(pool))
            if pool[j].file_no != file_no:
                if pool[j].section != section:
                    return j
                fallback = j if fallback is None else fallback
        return fallback

    def _source_for(self, code: str, file_no: int, section: str, exact: bool) -> _Article | None:
        j = self._pick_source(code, file_no, section, exact)
        if j is None:
            return None
        pool = self.reservoir[code]
        src = pool[j]
        if self.r() < _RETIRE:
            pool[j] = pool[-1]
            pool.pop()
        return src

    def _want(self) -> str:
        u = self.r() * self.left_items
        if u < self.left_exact:
            return "exact"
        if u < self.left_exact + self.left_near:
            return "near"
        return "original"

    def item(self, lang: _Lang, file_no: int, section: str) -> tuple[str, str, str]:
        """Returns (text lines of the item, group id, kind)."""
        kind = self._want()
        src = None
        if kind != "original":
            src = self._source_for(lang.code, file_no, section, kind == "exact")
        self.left_items -= 1
        if src is None:
            kind = "original"
            src = self._original(lang, file_no, section)
        self.counts[kind] += 1
        self.by_lang[lang.code] += 1
        if kind == "exact":
            self.left_exact -= 1
        elif kind == "near":
            self.left_near -= 1
            body, keep_source = _near_body(src, lang, self.r)
            tail = f"{src.glue}{lang.source_label}{src.source}" if keep_source else ""
            return f"{src.title} {src.date}\n{body}{tail}", src.group, kind
        body = " ".join(src.sents)
        return (f"{src.title} {src.date}\n{body}{src.glue}{lang.source_label}{src.source}",
                src.group, kind)

    def page(self, file_no: int, n_items: int, width: int) -> tuple[str, str, list[str]]:
        """Returns (file name, file text, truth lines) for one listing page."""
        r = self.r
        code = self.rng.choices(self.lang_codes, weights=self.lang_mix)[0]
        lang = self.langs[code]
        slug, header = lang.sections[int(r() * len(lang.sections))]
        name = f"{file_no:0{width}d}_{code}_{slug}.txt"
        gap = "\n\n" if r() < 0.5 else "\n"
        chunks, truth = [], []
        for index in range(n_items):
            text, group, kind = self.item(lang, file_no, slug)
            chunks.append(text)
            truth.append(f"{name}\t{index}\t{group}\t{kind}\n")
        site = lang.site_names[int(r() * len(lang.site_names))]
        return name, f"{site}\n{header}{gap}{gap.join(chunks)}\n", truth


def _prepare_dir(out_dir: Path) -> None:
    """Clears pages from an earlier run; refuses a folder holding anything else."""
    out_dir.mkdir(parents=True, exist_ok=True)
    ours, foreign = [], []
    for entry in os.scandir(out_dir):
        if entry.is_file() and (entry.name == TRUTH_NAME or _PAGE_NAME.match(entry.name)):
            ours.append(entry.path)
        else:
            foreign.append(entry.name)
    if foreign:
        raise ValueError(f"{out_dir} holds files the generator did not write "
                         f"(e.g. {foreign[0]!r}); choose an empty or new folder")
    for path in ours:
        os.unlink(path)


def _check_args(n_articles: int, exact_rate: float, near_rate: float, lang_mix) -> None:
    if n_articles < 1:
        raise ValueError("n_articles must be at least 1")
    if exact_rate < 0 or near_rate < 0 or exact_rate + near_rate >= 1:
        raise ValueError("exact_rate and near_rate must be >= 0 and sum to less than 1")
    if len(lang_mix) != 3 or min(lang_mix) < 0 or sum(lang_mix) <= 0:
        raise ValueError("lang_mix must be three non-negative weights for kk, ru, en")


def generate_corpus(n_articles: int, out_dir: str | os.PathLike, seed: int = 1,
                    exact_rate: float = 0.05, near_rate: float = 0.05,
                    lang_mix: tuple[float, float, float] = (0.4, 0.35, 0.25)) -> dict:
    """Writes `n_articles` items (originals plus planted copies) as pages, and truth.tsv.

    `lang_mix` weighs kk, ru, en per page.  Returns a summary: files, items, distinct, exact,
    near, seconds, plus per-language item counts and the output paths.
    """
    _check_args(n_articles, exact_rate, near_rate, lang_mix)
    started = time.perf_counter()
    out = Path(out_dir).absolute()
    _prepare_dir(out)
    corpus = _Corpus(n_articles, seed, exact_rate, near_rate, tuple(lang_mix))
    n_pages = -(-n_articles // ITEMS_PER_PAGE)
    width = max(6, len(str(n_pages)))
    with open(out / TRUTH_NAME, "w", encoding="utf-8", newline="\n") as truth:
        for file_no in range(n_pages):
            size = min(ITEMS_PER_PAGE, n_articles - file_no * ITEMS_PER_PAGE)
            name, text, rows = corpus.page(file_no, size, width)
            with open(out / name, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            truth.writelines(rows)
    c = corpus.counts
    return {
        "files": n_pages, "items": n_articles, "distinct": c["original"],
        "exact": c["exact"], "near": c["near"],
        "seconds": round(time.perf_counter() - started, 3),
        "languages": dict(corpus.by_lang), "out_dir": str(out), "truth": str(out / TRUTH_NAME),
    }


def _parse_mix(text: str) -> tuple[float, float, float]:
    parts = [float(x) for x in text.split(",")]
    if len(parts) != 3:
        raise argparse.ArgumentTypeError("expected three comma-separated weights: kk,ru,en")
    return parts[0], parts[1], parts[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.generate",
                                 description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, required=True, help="items to write, copies included")
    ap.add_argument("--out", required=True, help="output folder (created; must hold nothing else)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--exact-rate", type=float, default=0.05)
    ap.add_argument("--near-rate", type=float, default=0.05)
    ap.add_argument("--lang-mix", type=_parse_mix, default=(0.4, 0.35, 0.25),
                    help="page weights for kk,ru,en (default 0.4,0.35,0.25)")
    args = ap.parse_args(argv)
    try:
        summary = generate_corpus(args.articles, args.out, args.seed, args.exact_rate,
                                  args.near_rate, args.lang_mix)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0


# --------------------------------------------------------------------------- vocabulary
#
# Pools are "|"-separated so that long lists stay readable.  Frames use {slot}; {^slot} raises
# the first letter.  A pool whose entries hold slots is itself a list of sub-frames.


def _w(text: str) -> list[str]:
    return text.split("|")


def _number(lo: int, hi: int, sep: str):
    def pick(r):
        return f"{lo + int(r() * (hi - lo + 1)):,}".replace(",", sep)
    return pick


def _ru_many(lo: int, hi: int):
    # Russian numbers ending in 0 or 5-9 all govern the genitive plural, so frames can spell
    # the counted noun once instead of carrying three forms of it.
    endings = (0, 5, 6, 7, 8, 9)

    def pick(r):
        n = (lo + int(r() * (hi - lo + 1))) * 10 + endings[int(r() * 6)]
        return f"{n:,}".replace(",", " ")
    return pick


def _percent(dec: str):
    def pick(r):
        n = 100 + int(r() * 9800)
        return f"{n // 100}{dec}{n % 100:02d}%"
    return pick


def _money(dec: str, billions: str, millions: str):
    def pick(r):
        if r() < 0.45:
            return f"{1 + int(r() * 98)}{dec}{int(r() * 10)} {billions}"
        return f"{20 + int(r() * 960)} {millions}"
    return pick


def _year(r) -> str:
    return str(2018 + int(r() * 10))


def _day_month(months: list[str], before: str = ""):
    def pick(r):
        return f"{before}{1 + int(r() * 28)} {months[int(r() * 12)]}"
    return pick


_LATIN = dict(zip(
    "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяә",
    ["a", "b", "v", "g", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "k", "l", "m", "n", "n",
     "o", "o", "p", "r", "s", "t", "u", "u", "u", "f", "kh", "h", "ts", "ch", "sh", "shch", "",
     "y", "i", "", "e", "yu", "ya", "a"],
))
_KK_TO_RU = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")


def _to_latin(text: str) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        lat = _LATIN.get(low, ch)
        out.append(lat.capitalize() if ch != low else lat)
    return "".join(out)


# People are invented by pairing common first names with common surname stems.
_KK_MALE = _w("Асқар|Ерлан|Нұрлан|Бауыржан|Дәурен|Ержан|Қайрат|Мұрат|Серік|Талғат|Айдос|Бекзат|"
              "Ғалым|Жандос|Олжас|Рүстем|Тимур|Ерболат|Әділет|Дархан|Санжар|Мақсат|Алмас|Руслан|"
              "Еркебұлан|Ақжол|Бақытжан|Арман|Жасұлан|Нұрбол|Ілияс|Шыңғыс|Әлібек|Темірлан")
_KK_FEMALE = _w("Айгүл|Гүлнар|Әсел|Жанар|Дана|Мадина|Сәуле|Ақмарал|Назерке|Аружан|Динара|Ләззат|"
                "Меруерт|Гүлмира|Айжан|Қарлығаш|Балжан|Жұлдыз|Ұлжан|Томирис|Әйгерім|Салтанат|"
                "Мөлдір|Индира|Камила|Асем|Зарина|Айнұр")
_KK_SURNAMES = _w("Жұмабеков|Сәрсенбаев|Төлеуов|Қасымов|Ахметов|Байжанов|Оспанов|Нұрланов|Есенов|"
                  "Әбдірахманов|Мұқанов|Тоқтаров|Ержанов|Серікбаев|Жақыпов|Қалиев|Исабеков|"
                  "Құдайбергенов|Смағұлов|Өмірзақов|Тұрсынбаев|Шәкенов|Дүйсенбиев|Ғабитов|"
                  "Ізбасаров|"
                  "Күзембаев|Рахымжанов|Сұлтанбеков|Әлімжанов|Иманғалиев|Қожахметов|Темірбеков|"
                  "Айтқалиев|Ералиев|Мыңбаев|Бейсенов|Сағынтаев|Жолдыбаев|Кенжебеков|Нұрғалиев|"
                  "Әубәкіров|Сейітқалиев|Тілеубердин|Байғожин|Мұратов|Қуанышев")


def _namer(male: list[str], female: list[str], surnames: list[str], fem_end: str = "а"):
    def pick(r):
        s = surnames[int(r() * len(surnames))]
        if r() < 0.55:
            return f"{male[int(r() * len(male))]} {s}"
        return f"{female[int(r() * len(female))]} {s}{fem_end}"
    return pick


def _ru_person(roles: list[str], verbs: list[tuple[str, str]], verb_first: bool):
    # Russian past-tense verbs agree with the speaker's sex, so name and verb come as one slot.
    male = [n.translate(_KK_TO_RU) for n in _KK_MALE]
    female = [n.translate(_KK_TO_RU) for n in _KK_FEMALE]
    surnames = [n.translate(_KK_TO_RU) for n in _KK_SURNAMES]

    def pick(r):
        role = roles[int(r() * len(roles))]
        m, f = verbs[int(r() * len(verbs))]
        s = surnames[int(r() * len(surnames))]
        if r() < 0.55:
            who, verb = f"{role} {male[int(r() * len(male))]} {s}", m
        else:
            who, verb = f"{role} {female[int(r() * len(female))]} {s}а", f
        return f"{verb} {who}" if verb_first else f"{who} {verb}"
    return pick


_KK_DISTRICTS = _w("Бурабай|Целиноград|Қарасай|Еңбекшіқазақ|Талғар|Мақтаарал|Бұқар жырау|Осакаров|"
                   "Әйтеке би|Зеренді|Байзақ|Жуалы|Сайрам|Түлкібас|Қордай|Ұйғыр|Жаңақала|Бөрлі|"
                   "Тарбағатай|Ұлан|Шал ақын|Мамлют|Қармақшы|Жалағаш|Сырдария|Шардара|Ордабасы|"
                   "Қазығұрт|Мұғалжар|Ырғыз|Темір|Аққулы|Баянауыл|Ертіс|Қарқаралы|Нұра|Шет|"
                   "Жаңаарқа|Алакөл|Қаратал")
_KK_VILLAGES = _w("Ақсу|Қарасу|Жаңатұрмыс|Көктөбе|Сарыбұлақ|Қызылжар|Алғабас|Бірлік|Жаңаталап|"
                  "Ынтымақ|Шұбарқұдық|Ақбұлақ|Талдыбұлақ|Қаратөбе|Көкжайық|Егінсу|Қоскөл|Ақкөл|"
                  "Жетіқоңыр|Бесқарағай|Қостерек|Жаңажол|Тасты|Қараой|Бозой|Көлсай|Саты|Майқайың|"
                  "Шалқар|Теректі|Ащысай|Үшарал|Байтал|Жиделі|Көкпекті|Сарыкөл|Күншығыс|Ақжар")


_EN_NAME = _namer([_to_latin(n) for n in _KK_MALE], [_to_latin(n) for n in _KK_FEMALE],
                  [_to_latin(n) for n in _KK_SURNAMES], fem_end="a")
_EN_MONTHS = _w("January|February|March|April|May|June|July|August|September|October|"
                "November|December")
_EN_POOLS = {
    "name": _EN_NAME, "count": _number(12, 48000, ","), "n_small": _number(2, 60, ","),
    "n_obj": _number(2, 400, ","), "n_km": _number(3, 480, ","),
    "n_beds": _number(20, 600, ","), "pct": _percent("."), "year": _year,
    "money": _money(".", "billion tenge", "million tenge"), "day_month": _day_month(_EN_MONTHS),
    "month": _EN_MONTHS,
    "district": [_to_latin(d) for d in _KK_DISTRICTS],
    "village": [_to_latin(v) for v in _KK_VILLAGES],
    "op": _w("||||||In addition, |At the same time, |Meanwhile, |According to officials, |"
             "As noted, |Earlier, |Last week, |This spring, |In the autumn, |Notably, |"
             "For comparison, |Besides, |Recently, |On the same day, |As a result, |"
             "Separately, |Moreover, |In turn, |Overall, |Back in the winter, "),
    "org": _w("the Ministry of Education|the Ministry of Science and Higher Education|"
              "the Ministry of Health|the Ministry of Labour and Social Protection|"
              "the Ministry of Foreign Affairs|the Ministry of Defence|the Ministry of Finance|"
              "the Ministry of Energy|the Ministry of Agriculture|the Ministry of Transport|"
              "the Ministry of Culture and Information|the Ministry of Tourism and Sport|"
              "the Ministry of Digital Development|the Ministry of Ecology|"
              "the Ministry of Emergency Situations|the Ministry of Industry and Construction|"
              "the Ministry of Trade and Integration|the Ministry of National Economy|"
              "the Central Election Commission|the State Revenue Committee|"
              "the Astana city akimat|the Almaty city akimat|the Shymkent city akimat|"
              "the Karaganda regional akimat|the Kostanay regional akimat|"
              "the Akmola regional akimat|the Turkestan regional akimat|"
              "the Pavlodar regional akimat|the Aktobe regional akimat|"
              "the Atyrau regional akimat|the Mangystau regional akimat|"
              "the Zhambyl regional akimat|the Kyzylorda regional akimat|"
              "the Abai regional akimat|the Ulytau regional akimat|the Zhetysu regional akimat|"
              "the regional health department|the city education department|"
              "the district akimat|the local employment centre|the road maintenance service|"
              "the national wrestling federation|the regional philharmonic|"
              "the Committee for Water Resources|the Bureau of National Statistics|"
              "the Supreme Audit Chamber|the city transport department"),
    "role": _w("Minister of Education|Vice Minister of Health|akim of the region|deputy akim|"
               "head of the regional health department|chief physician|school principal|"
               "head coach|professor|chairman of the election commission|project manager|"
               "local resident|farmer|teacher|member of parliament|entrepreneur|"
               "district akim|head of the employment centre|chief engineer|museum director|"
               "university rector|head of the road service|volunteer|economist|"
               "senior inspector|head of the veterinary service"),
    "person": _w("{role} {name}"),
    "adj": _w("new|modern|rural|regional|municipal|digital|energy-efficient|modular|renovated|"
              "accessible|inclusive|mobile|small|large|standard|multifunctional|public|"
              "temporary|seasonal|specialised|upgraded|solar-powered|well-equipped|district|"
              "village|two-storey|prefabricated|youth|family|heated|spacious|low-cost"),
    "noun_pl": _w("schools|kindergartens|clinics|polyclinics|sports grounds|water pipelines|"
                  "boiler houses|bridges|road sections|playgrounds|libraries|museums|"
                  "cultural centres|dormitories|stadiums|swimming pools|bus stops|greenhouses|"
                  "laboratories|IT hubs|training centres|fire stations|rehabilitation centres|"
                  "housing blocks|irrigation canals|gas pipelines|heating networks|"
                  "street lights|cycle lanes|parks|feldsher posts|ambulance stations|"
                  "maternity wards|school canteens|computer classes|ice rinks|"
                  "football pitches|wrestling halls|music schools|village clubs"),
    "project": _w("{adj} {noun_pl}|{adj} {noun_pl}|the repair of {adj} {noun_pl}|"
                  "the construction of {n_small} {adj} {noun_pl}|a network of {adj} {noun_pl}|"
                  "the {program} project|plans for {adj} {noun_pl}|{n_small} {adj} {noun_pl}"),
    "act_verb": _w("launched|completed|presented|approved|financed|discussed|announced|"
                   "expanded|reviewed|modernised|inspected|supported|opened|prioritised|"
                   "evaluated|commissioned|unveiled|funded|upgraded|handed over"),
    "fut_verb": _w("will complete|will build|will open|plans to launch|intends to modernise|"
                   "is going to repair|expects to commission|will finance|will equip|"
                   "aims to expand"),
    "inf_verb": _w("launch|complete|build|modernise|equip|renovate|expand|open|repair|"
                   "finance|connect|digitise"),
    "pass_verb": _w("were built|were repaired|were commissioned|were renovated|were opened|"
                    "were equipped|were modernised|were purchased|were put into operation|"
                    "were handed over|will be built|will be opened|are under construction|"
                    "are being repaired|were reconstructed"),
    "pass_sg": _w("was built|was opened|was commissioned|was renovated|was equipped|"
                  "was put into operation|will be built|will open|is under construction|"
                  "was handed over"),
    "say_verb": _w("said|noted|stressed|explained|reported|told journalists|emphasised|"
                   "recalled|pointed out|added|confirmed|announced|underlined|clarified"),
    "city": _w("Astana|Almaty|Shymkent|Karaganda|Aktobe|Taraz|Pavlodar|Oskemen|Semey|Atyrau|"
               "Kostanay|Kyzylorda|Oral|Petropavl|Aktau|Temirtau|Turkestan|Kokshetau|"
               "Taldykorgan|Ekibastuz|Rudny|Zhezkazgan|Balkhash|Satbayev|Kentau|Stepnogorsk|"
               "Konaev|Aral|Shchuchinsk|Lisakovsk|Ridder|Zhanaozen|Kulsary|Saryagash|"
               "Zharkent|Ayagoz|Arkalyk|Shu|Kandyagash|Khromtau"),
    "region": _w("Akmola|Almaty|Aktobe|Atyrau|East Kazakhstan|Zhambyl|West Kazakhstan|"
                 "Karaganda|Kostanay|Kyzylorda|Mangystau|Pavlodar|North Kazakhstan|Turkestan|"
                 "Abai|Zhetysu|Ulytau"),
    "in_place": _w("in {city}|in {city}|in the {region} region|in the {district} district|"
                   "in the village of {village}|across the {region} region|"
                   "in rural areas of the {region} region|in {city} and nearby villages"),
    "time": _w("this year|last year|since the beginning of the year|by the end of the year|"
               "in {year}|before {year}|in the first quarter|over the summer|in the autumn|"
               "in the coming months|next spring|on {day_month}|within two years|"
               "over the past five years|during the heating season|ahead of schedule|"
               "by September 1|in {month} {year}"),
    "program": _w("\"Digital Kazakhstan\"|\"Auyl – El Besigi\"|\"Comfortable School\"|"
                  "\"Zhasyl Kazakhstan\"|\"Business Roadmap\"|\"Tugan Zher\"|\"Healthy Nation\"|"
                  "\"Kemel Adam\"|\"Sanaly Urpaq\"|\"Nurly Zhol\"|\"Enbek\"|\"Taza Kazakhstan\"|"
                  "\"Zhas Maman\"|\"Auyl Amanaty\"|\"With a Diploma to the Village\"|"
                  "\"Economy of Simple Things\"|\"Shanyrak\"|\"Uly Dala\"|\"Children's Fund\"|"
                  "\"Zhasampaz\"|\"Happy Family\"|\"Smart City\"|\"Youth Practice\""),
    "company": _w("Kazakhstan Temir Zholy|KazAvtoZhol|KEGOC|QazaqGaz|Samruk-Kazyna|Ak Zhol|"
                  "Kazakh Invest|Kazpost|Baiterek|KazMunayGas|Otbasy Bank|Astana LRT"),
    "budget_src": _w("the republican budget|the local budget|the regional budget|"
                     "the National Fund|private sponsors|a public-private partnership|"
                     "foreign investors|the city budget|the Asian Development Bank|"
                     "a charity foundation|the \"Samruk-Kazyna\" fund|the \"Baiterek\" holding"),
    "purpose": _w("the repair of rural roads|new school buses|"
                  "heating networks in the old districts|"
                  "medical equipment for district hospitals|grants for young scientists|"
                  "housing for large families|summer camps for children|"
                  "the purchase of ambulances|flood protection dams|street lighting|"
                  "clean drinking water for villages|the support of small farms|"
                  "bonuses for rural teachers|the renovation of the drama theatre|"
                  "free meals for pupils|sports equipment for schools|"
                  "the digitisation of archives|tree planting along highways|"
                  "a new sewage treatment plant|{adj} {noun_pl} {in_place}"),
    "respondents": _w("residents surveyed|parents polled|local entrepreneurs|"
                      "students questioned|farmers interviewed|doctors surveyed|"
                      "teachers who took part in the poll|young people aged 18 to 29|"
                      "pensioners|participants of the public hearing"),
    "opinion": _w("supported|welcomed|criticised|asked for changes to|approved of|"
                  "were satisfied with|knew nothing about|had doubts about"),
    "commission": _w("regional election commission|Central Election Commission|"
                     "territorial commission|district election commission"),
    "benefit": _w("found permanent jobs|received social assistance|moved into new flats|"
                  "passed free medical check-ups|completed vocational training|"
                  "obtained preferential loans|received state grants|joined public works|"
                  "started their own businesses|were connected to gas|"
                  "got access to clean water|received land plots"),
    "sport_role": _w("boxer|wrestler|judoka|sprinter|chess player|cyclist|weightlifter|swimmer|"
                     "tennis player|archer|fencer|kickboxer|speed skater|biathlete|gymnast|"
                     "shooter|taekwondo fighter|rower"),
    "medal": _w("a gold medal|a silver medal|a bronze medal|the main prize|"
                "the title of champion|first place|two gold medals|the team cup"),
    "tournament": _w("the Asian Championship|a World Cup stage|an international tournament|"
                     "the World Championship|the national championship|"
                     "the youth championship|the World Nomad Games|"
                     "the Islamic Solidarity Games|a Grand Prix tournament|the CIS Games|"
                     "the Central Asian Cup|a memorial tournament"),
    "rival": _w("an opponent from Uzbekistan|a Japanese opponent|the reigning champion|"
                "an athlete from Iran|a rival from Kyrgyzstan|a Mongolian athlete|"
                "the European champion|a Korean opponent|a Chinese athlete|a Turkish wrestler"),
    "round": _w("final|semi-final|quarter-final|bronze medal bout|last round|opening match"),
    "culture_event": _w("a festival of traditional music|an exhibition of young artists|"
                        "an international film festival|an aitys of improvising poets|"
                        "a poetry evening|a theatre festival|a book fair|a kuy concert|"
                        "an ethno festival|a photo exhibition|"
                        "a show of national costumes|a symphony orchestra concert|"
                        "a craft fair|a dombra competition|a children's drawing contest|"
                        "a jazz evening|an opera premiere|a folk dance marathon"),
    "event_verb": _w("took place|was held|opened|continues|ended|was organised|started"),
    "road": _w("Astana – Karaganda|Almaty – Oskemen|Kyzylorda – Zhezkazgan|Aktobe – Atyrau|"
               "Taldykorgan – Oskemen|Kostanay – Torgai|Beineu – Akzhigit|Uzynagash – Otar|"
               "Kokshetau – Petropavl|Taraz – Shu|Pavlodar – Semey|Shymkent – Turkestan|"
               "Aral – Kyzylorda|Atyrau – Oral|Karaganda – Balkhash"),
    "road_status": _w("were repaired|were reconstructed|were resurfaced|"
                      "were widened to four lanes|were rebuilt|will be repaired|"
                      "remain under repair|were lit with new lamps"),
    "budget_kind": _w("regional budget|city budget|health care spending plan|"
                      "education budget|district budget|housing programme|road fund|"
                      "social spending plan"),
    "more_less": _w("more|less|higher|lower"),
    "indicator": _w("agricultural output|tax revenue|industrial production|"
                    "housing construction|the number of tourists|export volume|"
                    "the number of small businesses|retail trade|"
                    "investment in fixed assets|the grain harvest|milk production|"
                    "passenger traffic|the number of new jobs|the average wage|"
                    "the number of registered startups"),
    "grew": _w("grew|increased|rose|fell|decreased|went up|dropped"),
    "period": _w("compared with last year|since the start of the year|in the first quarter|"
                 "over six months|in January–May|year on year|in the reporting period|"
                 "over nine months"),
    "hosp_kind": _w("multidisciplinary hospital|perinatal centre|infectious diseases hospital|"
                    "children's hospital|rehabilitation centre|outpatient clinic|"
                    "oncology centre|cardiology centre|trauma unit|dental clinic|"
                    "TB dispensary|maternity hospital"),
    "school_kind": _w("new school|\"Comfortable School\"|lyceum for gifted children|"
                      "Nazarbayev Intellectual School|college|technical school|"
                      "robotics centre|boarding school|kindergarten|vocational college|"
                      "music school|sports school|creative centre"),
    "meeting": _w("a government meeting|a session of the regional maslikhat|"
                  "an extended board meeting|"
                  "a briefing at the Central Communications Service|a meeting with residents|"
                  "an online conference|a meeting with deputies|a public hearing|"
                  "a working trip|a round table|a regional forum"),
    "topic": _w("the progress of the heating season|drinking water supply|road repairs|"
                "the shortage of school places|the supply of medicines|"
                "the spring sowing campaign|flood prevention|support for small businesses|"
                "youth employment|the housing queue|public transport|price control|"
                "air quality|waste collection|digital public services|"
                "the use of budget funds|public procurement|corruption prevention|"
                "tourism development|new sports facilities|teacher salaries|"
                "the quality of school meals|rural medicine|the referendum results|"
                "gas supply to villages|the state of irrigation canals|"
                "the protection of wetlands|livestock vaccination|land reform|"
                "domestic violence prevention"),
    "follow": _w("instructed contractors to finish on time|met local residents|"
                 "heard complaints about delays|praised the quality of work|"
                 "set new deadlines|demanded a report within a week|"
                 "asked to hire local workers|checked the quality of materials|"
                 "promised additional funding|warned about fines for delays"),
    "stat_src": _w("the Bureau of National Statistics|the regional statistics office|"
                   "the ministry's data|preliminary estimates|the press service|"
                   "the results of an audit|an independent survey|the akimat's report"),
    "applicant_kind": _w("young families|teachers|doctors|people with disabilities|"
                         "large families|rural residents|students|"
                         "retired military personnel|civil servants|young scientists"),
    "contractor": _w("a local construction firm|the company \"{company}\"|"
                     "a consortium of regional firms|a Turkish contractor|"
                     "a state enterprise|a partnership of local builders|"
                     "the road company \"{company}\"|a Chinese contractor"),
    "complaint": _w("complain about the lack of a bus route|asked the akim to repair the bridge|"
                    "have waited for gas for years|demand a new school|"
                    "are worried about rising tariffs|asked for a pharmacy to open|"
                    "want a sports ground for children|"
                    "complain about water shortages in summer|"
                    "thanked the akimat for the new road|asked to restore street lighting"),
    "progress": _w("is {pct} complete|is ahead of schedule|has been delayed by bad weather|"
                   "will be completed {time}|has entered its final stage|"
                   "has been suspended pending an audit"),
    "pass_money": _w("has been allocated|will be spent|was earmarked|is planned"),
    "t_verb": _w("opens|builds|repairs|plans|gets|modernises|equips|receives|commissions|"
                 "renovates"),
    "t_tail": _w("this year|before winter|ahead of the heating season|by {year}|"
                 "in rural districts|with state support|under a new programme|"
                 "for local residents|despite budget cuts|after years of delays"),
    "t_audience": _w("local residents|journalists|deputies|farmers|young people|"
                     "business owners|parents|teachers"),
}
_EN_POOLS["clause"] = _w(
    "{org} {fut_verb} {project} {in_place} {time}|"
    "{n_obj} {adj} {noun_pl} {pass_verb} {in_place} {time}|"
    "{indicator} {grew} by {pct} {period}|{money} {pass_money} for {purpose}|"
    "the work on {project} {progress}|{topic} remains a priority {time}|"
    "{pct} of {respondents} {opinion} {project}|"
    "{count} residents {in_place} {benefit} {time}")
_EN_BODY = [
    "{op}{org} {act_verb} {project} {in_place} {time}.",
    "{op}{person} {say_verb} that {clause}.",
    "\"{^clause}\", {person} {say_verb}.",
    "{op}{budget_src} allocated {money} for {purpose}.",
    "Under the {program} programme, {n_obj} {adj} {noun_pl} {pass_verb} {in_place} {time}.",
    "{op}{pct} of {respondents} {opinion} {project}.",
    "{op}turnout at the referendum in the {region} region reached {pct}, "
    "the {commission} reported.",
    "{op}{count} residents {in_place} {benefit} {time}.",
    "{^sport_role} {name} won {medal} at {tournament} in {city}, beating {rival} "
    "in the {round}.",
    "{op}{culture_event} {event_verb} {in_place} {time}, attracting {count} visitors.",
    "{op}{n_km} kilometres of the {road} highway {road_status} {time}.",
    "{op}the {year} {budget_kind} was approved at {money}, {pct} {more_less} "
    "than a year earlier.",
    "{^indicator} {in_place} {grew} by {pct} {period}.",
    "{op}a {n_beds}-bed {hosp_kind} {pass_sg} {in_place} {time}.",
    "{op}a {school_kind} for {count} pupils {pass_sg} {in_place}.",
    "{op}at {meeting}, officials discussed {topic} and {topic}.",
    "{op}{person} inspected {project} {in_place} and {follow}.",
    "{op}according to {stat_src}, {clause}.",
    "{op}more than {count} applications were received {time}, mostly from {applicant_kind}.",
    "{op}the work is being carried out by {contractor}, which won the tender "
    "in {month} {year}.",
    "{op}{org} plans to {inf_verb} {project} {in_place} by {year}.",
    "{op}residents of the village of {village} {complaint}.",
    "{op}{person} reminded that {clause}.",
    "{op}in {month} alone, {n_small} {adj} {noun_pl} {pass_verb} {in_place}.",
    "{op}the cost of the project is estimated at {money}, of which {pct} comes from "
    "{budget_src}.",
    "{op}{org} will also {inf_verb} {project} {in_place} {time}.",
    "{op}the work on {project} {in_place} {progress}.",
    "\"{^topic} remains our priority, and {clause}\", {person} {say_verb}.",
    "{op}{person} took part in {meeting} on {topic}.",
    "{op}in the {district} district, {n_small} {noun_pl} {pass_verb} {time}.",
]
_EN_TITLES = [
    "{^city} {t_verb} {n_small} {adj} {noun_pl} {t_tail}",
    "{^money} allocated for {adj} {noun_pl} in the {region} region",
    "Referendum turnout in the {region} region reached {pct} by {day_month}",
    "{^sport_role} {name} wins {medal} at {tournament}",
    "{^culture_event} {event_verb} in {city} {t_tail}, drawing {count} guests",
    "{^indicator} in the {region} region {grew} by {pct} {period}",
    "{^role} {name} discusses {topic} with {t_audience}",
    "{^org} to {inf_verb} {adj} {noun_pl} in {city} by {year}",
    "{^time}, residents of {village} village in the {district} district {complaint}",
    "{n_small} {adj} {noun_pl} to open in the {district} district {t_tail}",
]
_EN_PRESS = ["This was reported by the press service of {org}.",
             "The information was provided by the regional communications service.",
             "Photo: press service of {org}.",
             "Details are available on the official website of {org}."]
_EN_SPEC = {"pools": _EN_POOLS, "body": _EN_BODY, "titles": _EN_TITLES, "press": _EN_PRESS,
            "site_names": ("Enbekshi QazaQ",), "source_label": "Source : ",
            "sections": (("news", "News More"), ("society", "Society More"),
                         ("politics", "Politics More"), ("economics", "Economics More"),
                         ("culture", "Culture More"))}


_KK_MONTHS_LOC = _w("қаңтарда|ақпанда|наурызда|сәуірде|мамырда|маусымда|шілдеде|тамызда|"
                    "қыркүйекте|қазанда|қарашада|желтоқсанда")
_KK_POOLS = {
    "name": _namer(_KK_MALE, _KK_FEMALE, _KK_SURNAMES),
    "count": _number(12, 48000, " "), "n_small": _number(2, 60, " "),
    "n_obj": _number(2, 400, " "), "n_km": _number(3, 480, " "),
    "n_beds": _number(20, 600, " "), "pct": _percent(","), "year": _year,
    "money": _money(",", "млрд теңге", "млн теңге"), "day_month": _day_month(_KK_MONTHS_LOC),
    "month_loc": _KK_MONTHS_LOC, "district": _KK_DISTRICTS, "village": _KK_VILLAGES,
    "op": _w("||||||Сонымен қатар |Айта кетейік, |Сондай-ақ |Өз кезегінде |Бұған қоса |"
             "Мәселен, |Атап айтқанда, |Еске сала кетейік, |Былтыр |Биыл |Өткен аптада |"
             "Жалпы |Нәтижесінде |Сонымен бірге |Ал |Бүгінгі таңда |Осы орайда "),
    "org": _w("Оқу-ағарту министрлігі|Ғылым және жоғары білім министрлігі|"
              "Денсаулық сақтау министрлігі|Еңбек және халықты әлеуметтік қорғау министрлігі|"
              "Сыртқы істер министрлігі|Қорғаныс министрлігі|Қаржы министрлігі|"
              "Энергетика министрлігі|Ауыл шаруашылығы министрлігі|Көлік министрлігі|"
              "Мәдениет және ақпарат министрлігі|Туризм және спорт министрлігі|"
              "Цифрлық даму министрлігі|Экология министрлігі|Төтенше жағдайлар министрлігі|"
              "Өнеркәсіп және құрылыс министрлігі|Сауда және интеграция министрлігі|"
              "Ұлттық экономика министрлігі|Орталық сайлау комиссиясы|"
              "Мемлекеттік кірістер комитеті|Астана қаласының әкімдігі|"
              "Алматы қаласының әкімдігі|Шымкент қаласының әкімдігі|"
              "Қарағанды облысының әкімдігі|Қостанай облысының әкімдігі|"
              "Ақмола облысының әкімдігі|Түркістан облысының әкімдігі|"
              "Павлодар облысының әкімдігі|Ақтөбе облысының әкімдігі|"
              "Атырау облысының әкімдігі|Маңғыстау облысының әкімдігі|"
              "Жамбыл облысының әкімдігі|Қызылорда облысының әкімдігі|"
              "Абай облысының әкімдігі|Ұлытау облысының әкімдігі|Жетісу облысының әкімдігі|"
              "облыстық денсаулық сақтау басқармасы|қалалық білім бөлімі|аудан әкімдігі|"
              "жұмыспен қамту орталығы|жол пайдалану қызметі|ұлттық күрес федерациясы|"
              "облыстық филармония|Су ресурстары комитеті|Ұлттық статистика бюросы|"
              "Жоғары аудиторлық палата|қалалық көлік бөлімі"),
    "role": _w("Оқу-ағарту министрі|денсаулық сақтау вице-министрі|облыс әкімі|"
               "облыс әкімінің орынбасары|денсаулық сақтау басқармасының басшысы|бас дәрігер|"
               "мектеп директоры|бас бапкер|профессор|сайлау комиссиясының төрағасы|"
               "жоба жетекшісі|жергілікті тұрғын|фермер|мұғалім|Мәжіліс депутаты|кәсіпкер|"
               "аудан әкімі|жұмыспен қамту орталығының басшысы|бас инженер|мұражай директоры|"
               "университет ректоры|жол қызметінің басшысы|ерікті|экономист|аға инспектор|"
               "ветеринарлық қызмет басшысы"),
    "person": _w("{role} {name}"),
    "adj": _w("жаңа|заманауи|ауылдық|облыстық|қалалық|цифрлық|энергия үнемдейтін|модульдік|"
              "жөнделген|инклюзивті|жылжымалы|шағын|ірі|типтік|көпфункционалды|мемлекеттік|"
              "уақытша|маусымдық|мамандандырылған|жаңартылған|күн панельді|жабдықталған|"
              "аудандық|екі қабатты|құрастырмалы|жастар|отбасылық|жылы|кең|арзан"),
    "noun_acc": _w("мектепті|балабақшаны|емхананы|спорт алаңын|су құбырын|қазандықты|көпірді|"
                   "жол учаскесін|ойын алаңын|кітапхананы|мұражайды|мәдениет үйін|"
                   "жатақхананы|стадионды|жүзу бассейнін|аялдаманы|жылыжайды|зертхананы|"
                   "IT-хабты|оқу орталығын|өрт сөндіру депосын|оңалту орталығын|"
                   "тұрғын үй кешенін|суару каналын|газ құбырын|жылу желісін|көше шамдарын|"
                   "велосипед жолын|саябақты|фельдшерлік пунктті|жедел жәрдем бекетін|"
                   "перзентхананы|асхананы|компьютер сыныбын|мұз айдынын|футбол алаңын|"
                   "күрес залын|музыка мектебін|ауылдық клубты"),
    "noun_nom": _w("мектеп|балабақша|емхана|спорт алаңы|су құбыры|қазандық|көпір|жол учаскесі|"
                   "ойын алаңы|кітапхана|мұражай|мәдениет үйі|жатақхана|стадион|жүзу бассейні|"
                   "аялдама|жылыжай|зертхана|IT-хаб|оқу орталығы|өрт сөндіру депосы|"
                   "оңалту орталығы|тұрғын үй|суару каналы|газ құбыры|жылу желісі|көше шамы|"
                   "велосипед жолы|саябақ|фельдшерлік пункт|жедел жәрдем бекеті|перзентхана|"
                   "асхана|компьютер сыныбы|мұз айдыны|футбол алаңы|күрес залы|музыка мектебі|"
                   "ауылдық клуб"),
    "project": _w("{adj} {noun_acc}|{adj} {noun_acc}|{program} жобасын|"
                  "{n_small} {adj} {noun_nom} құрылысын|{adj} {noun_nom} жобасын|"
                  "{adj} {noun_nom} жөндеу жұмыстарын|{noun_acc}"),
    "act_verb": _w("іске қосты|аяқтады|таныстырды|бекітті|қаржыландырды|талқылады|жариялады|"
                   "кеңейтті|қарап шықты|жаңғыртты|тексерді|қолдады|ашты|басымдыққа алды|"
                   "бағалады|пайдалануға берді|жабдықтады|жөндеді|аралап көрді|жоспарлады"),
    "inf_plan": _w("іске қосуды жоспарлап отыр|аяқтауды көздейді|салуды жоспарлап отыр|"
                   "жаңғыртуға ниетті|жабдықтауды көздеп отыр|жөндеуді қолға алмақ|"
                   "кеңейтуді ұйғарды|ашуды жоспарлап отыр"),
    "pass_verb": _w("салынды|жөнделді|пайдалануға берілді|жаңартылды|ашылды|жабдықталды|"
                    "сатып алынды|қайта жаңғыртылды|салынып жатыр|іске қосылды|"
                    "күрделі жөндеуден өтті|салынады|ашылады|тапсырылды"),
    "say_verb": _w("деп атап өтті|деп мәлімдеді|деп хабарлады|деп түсіндірді|деп сендірді|"
                   "деп айтты|деп жеткізді|деп толықтырды|деп еске салды|деп нақтылады|"
                   "деп баса айтты|деп мәлім етті"),
    "said": _w("деді|деп атап өтті|деп түйіндеді|деп қосты|деді ол журналистерге"),
    "city": _w("Астана|Алматы|Шымкент|Қарағанды|Ақтөбе|Тараз|Павлодар|Өскемен|Семей|Атырау|"
               "Қостанай|Қызылорда|Орал|Петропавл|Ақтау|Теміртау|Түркістан|Көкшетау|"
               "Талдықорған|Екібастұз|Рудный|Жезқазған|Балқаш|Сәтбаев|Кентау|Степногорск|"
               "Қонаев|Арал|Щучинск|Лисаков|Риддер|Жаңаөзен|Құлсары|Сарыағаш|Жаркент|Аягөз|"
               "Арқалық|Шу|Қандыағаш|Хромтау"),
    "city_loc": _w("Астанада|Алматыда|Шымкентте|Қарағандыда|Ақтөбеде|Таразда|Павлодарда|"
                   "Өскеменде|Семейде|Атырауда|Қостанайда|Қызылордада|Оралда|Петропавлда|"
                   "Ақтауда|Теміртауда|Түркістанда|Көкшетауда|Талдықорғанда|Екібастұзда|"
                   "Жезқазғанда|Балқашта|Кентауда|Қонаевта|Риддерде|Жаңаөзенде|Сарыағашта|"
                   "Жаркентте|Аягөзде|Арқалықта"),
    "region": _w("Ақмола|Алматы|Ақтөбе|Атырау|Шығыс Қазақстан|Жамбыл|Батыс Қазақстан|"
                 "Қарағанды|Қостанай|Қызылорда|Маңғыстау|Павлодар|Солтүстік Қазақстан|"
                 "Түркістан|Абай|Жетісу|Ұлытау"),
    "place_loc": _w("{city_loc}|{city_loc}|{city} қаласында|{region} облысында|"
                    "{district} ауданында|{village} ауылында|"
                    "{region} облысының ауылдық елді мекендерінде|"
                    "{city} қаласы мен маңындағы ауылдарда"),
    "time": _w("биыл|былтыр|жыл басынан бері|жыл соңына дейін|{year} жылы|{year} жылға дейін|"
               "бірінші тоқсанда|жаз айларында|күзде|алдағы айларда|келесі көктемде|"
               "{day_month}|екі жыл ішінде|соңғы бес жылда|жылыту маусымында|"
               "мерзімінен бұрын|1 қыркүйекке дейін|{year} жылдың {month_loc}"),
    "program": _w("«Цифрлық Қазақстан»|«Ауыл – Ел бесігі»|«Жайлы мектеп»|«Жасыл Қазақстан»|"
                  "«Бизнестің жол картасы»|«Туған жер»|«Салауатты ұлт»|«Кемел адам»|"
                  "«Саналы ұрпақ»|«Нұрлы жол»|«Еңбек»|«Таза Қазақстан»|«Жас маман»|"
                  "«Ауыл аманаты»|«Дипломмен – ауылға»|«Қарапайым заттар экономикасы»|"
                  "«Шаңырақ»|«Ұлы дала»|«Балалар қоры»|«Жасампаз»|«Бақытты отбасы»|"
                  "«Ақылды қала»|«Жастар практикасы»"),
    "company": _w("Қазақстан темір жолы|ҚазАвтоЖол|KEGOC|QazaqGaz|Самұрық-Қазына|Ақ жол|"
                  "Kazakh Invest|Қазпошта|Бәйтерек|ҚазМұнайГаз|Отбасы банк|Astana LRT"),
    "budget_src": _w("республикалық бюджеттен|жергілікті бюджеттен|облыстық бюджеттен|"
                     "Ұлттық қордан|демеушілер есебінен|"
                     "мемлекеттік-жекешелік әріптестік аясында|"
                     "шетелдік инвесторлар есебінен|қалалық бюджеттен|"
                     "Азия даму банкінің қарызы есебінен|қайырымдылық қорының қаражатынан|"
                     "«Самұрық-Қазына» қорынан|«Бәйтерек» холдингі арқылы"),
    "purpose": _w("ауылдық жолдарды жөндеуге|жаңа мектеп автобустарын сатып алуға|"
                  "ескі аудандардағы жылу желілерін жаңартуға|"
                  "аудандық ауруханаларға медициналық құрал-жабдық алуға|"
                  "жас ғалымдарға грант беруге|көпбалалы отбасыларға баспана салуға|"
                  "балаларға арналған жазғы лагерьлерге|жедел жәрдем көліктерін алуға|"
                  "су тасқынынан қорғайтын бөгеттерге|көше жарығына|"
                  "ауылдарды таза ауыз сумен қамтуға|шағын шаруа қожалықтарын қолдауға|"
                  "ауыл мұғалімдеріне үстемеақы төлеуге|драма театрын жөндеуге|"
                  "оқушыларды тегін тамақтандыруға|мектептерге спорт құралдарын алуға|"
                  "мұрағаттарды цифрландыруға|тас жол бойына ағаш отырғызуға|"
                  "жаңа тазарту құрылысына|{adj} {noun_nom} салуға"),
    "respondents": _w("сауалнамаға қатысқан тұрғындардың|ата-аналардың|"
                      "жергілікті кәсіпкерлердің|студенттердің|фермерлердің|дәрігерлердің|"
                      "мұғалімдердің|18-29 жас аралығындағы жастардың|зейнеткерлердің|"
                      "қоғамдық тыңдалымға қатысқандардың"),
    "opinion": _w("қолдады|құптады|сынға алды|өзгертуді сұрады|оң бағалады|"
                  "қанағаттанарлық деп тапты|білмейтінін айтты"),
    "commission": _w("облыстық сайлау комиссиясы|Орталық сайлау комиссиясы|"
                     "аумақтық комиссия|аудандық сайлау комиссиясы"),
    "benefit": _w("тұрақты жұмысқа орналасты|әлеуметтік көмек алды|жаңа пәтерге көшті|"
                  "тегін медициналық тексеруден өтті|кәсіптік оқудан өтті|"
                  "жеңілдетілген несие алды|мемлекеттік грант алды|қоғамдық жұмысқа тартылды|"
                  "өз ісін ашты|газға қосылды|таза суға қол жеткізді|жер телімін алды"),
    "sport_role": _w("боксшы|балуан|дзюдошы|жеңіл атлет|шахматшы|велошабандоз|ауыр атлет|"
                     "жүзгіш|теннисші|садақшы|семсерші|кикбоксшы|конькиші|биатлоншы|гимнаст|"
                     "мерген|таэквондошы|ескекші"),
    "medal": _w("алтын медаль|күміс медаль|қола медаль|бас жүлдені|чемпион атағын|"
                "бірінші орынды|екі алтын медаль|командалық кубокты"),
    "tournament_loc": _w("Азия чемпионатында|әлем кубогының кезеңінде|халықаралық турнирде|"
                         "әлем чемпионатында|ел чемпионатында|жасөспірімдер біріншілігінде|"
                         "Дүниежүзілік көшпенділер ойындарында|"
                         "Ислам ынтымақтастығы ойындарында|Гран-при турнирінде|"
                         "ТМД ойындарында|Орталық Азия кубогында|еске алу турнирінде"),
    "rival": _w("өзбекстандық қарсыласын|жапониялық спортшыны|әлем чемпионын|"
                "ирандық балуанды|қырғызстандық қарсыласын|моңғолиялық спортшыны|"
                "Еуропа чемпионын|кореялық қарсыласын|қытайлық спортшыны|түркиялық балуанды"),
    "round_loc": _w("финалда|жартылай финалда|ширек финалда|қола медаль үшін белдесуде|"
                    "соңғы айналымда|алғашқы кездесуде"),
    "culture_event": _w("дәстүрлі музыка фестивалі|жас суретшілер көрмесі|"
                        "халықаралық кинофестиваль|ақындар айтысы|поэзия кеші|"
                        "театр фестивалі|кітап жәрмеңкесі|күй кеші|этнофестиваль|фотокөрме|"
                        "ұлттық киім көрмесі|симфониялық оркестр концерті|"
                        "қолөнер жәрмеңкесі|домбырашылар байқауы|балалар суреті байқауы|"
                        "джаз кеші|опера премьерасы|халық билері марафоны"),
    "event_verb": _w("өтті|ұйымдастырылды|ашылды|жалғасып жатыр|аяқталды|басталды"),
    "road": _w("Астана – Қарағанды|Алматы – Өскемен|Қызылорда – Жезқазған|Ақтөбе – Атырау|"
               "Талдықорған – Өскемен|Қостанай – Торғай|Бейнеу – Ақжігіт|Ұзынағаш – Отар|"
               "Көкшетау – Петропавл|Тараз – Шу|Павлодар – Семей|Шымкент – Түркістан|"
               "Арал – Қызылорда|Атырау – Орал|Қарағанды – Балқаш"),
    "road_status": _w("жөнделді|қайта жаңартылды|асфальтталды|төрт жолаққа дейін кеңейтілді|"
                      "қайта салынды|жөнделеді|әлі де жөндеуде|"
                      "жаңа шамдармен жарықтандырылды"),
    "budget_kind": _w("облыстық бюджет|қалалық бюджет|денсаулық сақтау шығыстарының жоспары|"
                      "білім беру бюджеті|аудандық бюджет|тұрғын үй бағдарламасы|жол қоры|"
                      "әлеуметтік шығыстар жоспары"),
    "more_less": _w("артық|кем|жоғары|төмен"),
    "indicator": _w("ауыл шаруашылығы өнімінің көлемі|салық түсімдері|өнеркәсіп өндірісі|"
                    "тұрғын үй құрылысы|туристер саны|экспорт көлемі|"
                    "шағын бизнес субъектілерінің саны|бөлшек сауда көлемі|"
                    "негізгі капиталға салынған инвестиция|астық өнімі|сүт өндірісі|"
                    "жолаушылар тасымалы|құрылған жұмыс орындарының саны|орташа жалақы|"
                    "тіркелген стартаптар саны"),
    "grew": _w("өсті|артты|ұлғайды|төмендеді|азайды|қысқарды"),
    "period": _w("өткен жылмен салыстырғанда|жыл басынан бері|бірінші тоқсанда|алты айда|"
                 "қаңтар-мамыр айларында|жылдық есеппен|есепті кезеңде|тоғыз айда"),
    "hosp_kind": _w("көпбейінді аурухана|перинаталдық орталық|жұқпалы аурулар ауруханасы|"
                    "балалар ауруханасы|оңалту орталығы|дәрігерлік амбулатория|"
                    "фельдшерлік-акушерлік пункт|онкология орталығы|кардиология орталығы|"
                    "травматология бөлімшесі|стоматологиялық емхана|"
                    "туберкулезге қарсы диспансер"),
    "pass_sg": _w("салынды|ашылды|пайдалануға берілді|жөнделді|жабдықталды|салынады|"
                  "ашылады|салынып жатыр|тапсырылды"),
    "school_kind": _w("жаңа мектеп|«Жайлы мектеп» нысаны|дарынды балаларға арналған лицей|"
                      "Назарбаев Зияткерлік мектебі|колледж|IT-мектеп|"
                      "робототехника орталығы|мектеп-интернат|балабақша|техникалық колледж|"
                      "музыка мектебі|спорт мектебі|шығармашылық орталық"),
    "meeting_loc": _w("Үкімет отырысында|облыстық мәслихат сессиясында|"
                      "кеңейтілген алқа отырысында|"
                      "Орталық коммуникациялар қызметіндегі брифингте|тұрғындармен кездесуде|"
                      "онлайн-конференцияда|депутаттармен кездесуде|қоғамдық тыңдалымда|"
                      "жұмыс сапары барысында|дөңгелек үстелде|өңірлік форумда"),
    "meeting_dat": _w("Үкімет отырысына|мәслихат сессиясына|кеңейтілген алқа отырысына|"
                      "брифингке|тұрғындармен кездесуге|онлайн-конференцияға|"
                      "депутаттармен кездесуге|қоғамдық тыңдалымға|дөңгелек үстелге|"
                      "өңірлік форумға"),
    "topic": _w("жылыту маусымына дайындық|ауыз сумен қамту|жолдарды жөндеу|"
                "мектептердегі орын тапшылығы|дәрі-дәрмекпен қамтамасыз ету|"
                "көктемгі егіс науқаны|су тасқынының алдын алу|шағын бизнесті қолдау|"
                "жастарды жұмыспен қамту|тұрғын үй кезегі|қоғамдық көлік|"
                "бағаның өсуін тежеу|ауа сапасы|қоқыс шығару|"
                "мемлекеттік қызметтерді цифрландыру|бюджет қаражатын игеру|"
                "мемлекеттік сатып алу|сыбайлас жемқорлықтың алдын алу|туризмді дамыту|"
                "спорт нысандарын салу|мұғалімдердің жалақысы|мектептегі тамақтану сапасы|"
                "ауылдық медицина|референдум қорытындылары|ауылдарды газдандыру|"
                "суару каналдарының жай-күйі|сулы-батпақты алқаптарды қорғау|"
                "малды вакцинациялау|жер реформасы|"
                "тұрмыстық зорлық-зомбылықтың алдын алу"),
    "follow": _w("мердігерлерге жұмысты уақытында аяқтауды тапсырды|"
                 "жергілікті тұрғындармен кездесті|кешігу туралы шағымдарды тыңдады|"
                 "жұмыс сапасын жоғары бағалады|жаңа мерзім белгіледі|"
                 "бір апта ішінде есеп беруді талап етті|"
                 "жергілікті жұмысшыларды тартуды сұрады|материалдар сапасын тексерді|"
                 "қосымша қаржы бөлуге уәде берді|"
                 "кешіктірілгені үшін айыппұл салынатынын ескертті"),
    "stat_src": _w("Ұлттық статистика бюросының|облыстық статистика департаментінің|"
                   "министрліктің|алдын ала есептеулердің|баспасөз қызметінің|"
                   "аудит нәтижелерінің|тәуелсіз сауалнаманың|әкімдік есебінің"),
    "applicant_kind": _w("жас отбасылардан|мұғалімдерден|дәрігерлерден|"
                         "мүмкіндігі шектеулі жандардан|көпбалалы отбасылардан|"
                         "ауыл тұрғындарынан|студенттерден|әскери зейнеткерлерден|"
                         "мемлекеттік қызметшілерден|жас ғалымдардан"),
    "contractor": _w("жергілікті құрылыс компаниясы|«{company}» компаниясы|"
                     "өңірлік фирмалар консорциумы|түрік мердігері|мемлекеттік кәсіпорын|"
                     "жергілікті құрылысшылар серіктестігі|«{company}» жол компаниясы|"
                     "қытайлық мердігер"),
    "complaint": _w("автобус бағыты жоқ екенін айтып шағымданды|"
                    "әкімнен көпірді жөндеуді сұрады|газды бірнеше жылдан бері күтіп отыр|"
                    "жаңа мектеп салуды талап етіп отыр|тарифтердің өсуіне алаңдаулы|"
                    "ауылда дәріхана ашуды сұрады|балаларға спорт алаңын салуды өтінді|"
                    "жазда су тапшылығына шағымданады|"
                    "жаңа жол үшін әкімдікке алғыс айтты|"
                    "көше жарығын қалпына келтіруді сұрады"),
    "progress": _w("{pct} орындалды|кестеден озып келеді|ауа райына байланысты кешікті|"
                   "{time} аяқталады|соңғы кезеңге өтті|аудит аяқталғанша тоқтатылды"),
    "t_tail": _w("биыл|қыс алдында|жылыту маусымына дейін|{year} жылға дейін|"
                 "ауылдық аудандарда|мемлекет қолдауымен|жаңа бағдарлама аясында|"
                 "тұрғындардың өтінішімен|бірнеше жыл күткеннен кейін"),
}
_KK_POOLS["clause"] = _w(
    "{place_loc} {time} {n_small} {noun_nom} {pass_verb}|"
    "{org} {place_loc} {project} {act_verb}|"
    "{place_loc} {indicator} {period} {pct} {grew}|{purpose} {money} бөлінді|"
    "{respondents} {pct} {project} {opinion}|{place_loc} {time} {count} адам {benefit}|"
    "{time} {count} өтінім қабылданды|{adj} {noun_nom} құрылысы {progress}")
_KK_BODY = [
    "{op}{place_loc} {org} {project} {time} {act_verb}.",
    "{op}{person} {clause} {say_verb}.",
    "«{^clause}», – {said} {person}.",
    "{op}бұл мақсатқа {budget_src} {money} бөлінді.",
    "{program} бағдарламасы аясында {place_loc} {n_obj} {noun_nom} {pass_verb}.",
    "{op}{respondents} {pct} {project} {opinion}.",
    "{op}{region} облысында референдумға қатысқан сайлаушылар үлесі {pct} болды, "
    "деп хабарлады {commission}.",
    "{op}{place_loc} {time} {count} адам {benefit}.",
    "{^sport_role} {name} {tournament_loc} {medal} жеңіп алды, ол {round_loc} {rival} ұтты.",
    "{op}{place_loc} {time} {culture_event} {event_verb}, оған {count} көрермен келді.",
    "{op}{road} тас жолының {n_km} шақырымы {time} {road_status}.",
    "{op}{year} жылға арналған {budget_kind} {money} көлемінде бекітілді, бұл былтырғыдан "
    "{pct} {more_less}.",
    "{op}{place_loc} {indicator} {period} {pct} {grew}.",
    "{op}{place_loc} {n_beds} төсектік {hosp_kind} {time} {pass_sg}.",
    "{op}{place_loc} {count} оқушыға арналған {school_kind} {pass_sg}.",
    "{op}{meeting_loc} {topic} және {topic} мәселелері талқыланды.",
    "{op}{person} {place_loc} {project} аралап көріп, {follow}.",
    "{op}{stat_src} мәліметінше, {clause}.",
    "{op}{time} {count} өтінім түсті, олардың басым бөлігі {applicant_kind} келді.",
    "{op}жұмысты {year} жылы тендерде жеңген {contractor} атқарып жатыр.",
    "{op}{org} {year} жылға дейін {place_loc} {project} {inf_plan}.",
    "{op}{village} ауылының тұрғындары {complaint}.",
    "{op}{person} {clause} деп еске салды.",
    "{op}тек {month_loc} ғана {place_loc} {n_small} {noun_nom} {pass_verb}.",
    "{op}жобаның құны {money} деп бағаланып отыр, оның {pct} {budget_src} бөлінеді.",
    "{op}{org} бұдан бөлек {place_loc} {project} {act_verb}.",
    "{op}{place_loc} {adj} {noun_nom} құрылысы бойынша жұмыстар {progress}.",
    "«{^topic} – біз үшін басты басымдық, {clause}», – {said} {person}.",
    "{op}{person} {topic} мәселесіне арналған {meeting_dat} қатысты.",
    "{op}{district} ауданында {time} {n_small} {noun_nom} {pass_verb}.",
]
_KK_TITLES = [
    "{^city_loc} {time} {n_small} {adj} {noun_nom} {pass_verb}",
    "{^region} облысында {adj} {noun_nom} салуға {money} бөлінді",
    "{^region} облысында референдумға қатысқандар үлесі {pct} болды",
    "{^sport_role} {name} {tournament_loc} {medal} жеңіп алды",
    "{^place_loc} {time} {culture_event} {event_verb}, {count} көрермен келді",
    "{^region} облысында {indicator} {period} {pct} {grew}",
    "{^role} {name} {topic} мәселесін талқылады",
    "{^org} {year} жылға дейін {project} {inf_plan}",
    "{^time} {district} ауданы {village} ауылының тұрғындары {complaint}",
    "{^district} ауданында {t_tail} {n_small} {adj} {noun_nom} {pass_verb}",
]
_KK_PRESS = ["Бұл туралы ведомствоның баспасөз қызметі хабарлады.",
             "Ақпаратты өңірлік коммуникациялар қызметі ұсынды.",
             "Фото: ведомствоның баспасөз қызметі.",
             "Толық ақпаратты ведомствоның ресми сайтынан оқуға болады."]
_KK_SPEC = {"pools": _KK_POOLS, "body": _KK_BODY, "titles": _KK_TITLES, "press": _KK_PRESS,
            "site_names": ("Еңбекші QazaQ",), "source_label": "Ақпарат көзі : ",
            "sections": (("news", "Жаңалықтар\nҚосымша"), ("society", "Қоғам\nҚосымша"))}


_RU_MONTHS_GEN = _w("января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|"
                    "ноября|декабря")
_RU_ROLES = _w("министр просвещения|вице-министр здравоохранения|аким области|заместитель акима|"
               "руководитель управления здравоохранения|главный врач|директор школы|"
               "главный тренер|профессор|председатель избирательной комиссии|руководитель проекта|"
               "фермер|учитель|депутат Мажилиса|предприниматель|аким района|"
               "руководитель центра занятости|главный инженер|директор музея|ректор университета|"
               "начальник дорожной службы|волонтер|экономист|старший инспектор|"
               "руководитель ветеринарной службы")
_RU_SAID = [("отметил", "отметила"), ("сообщил", "сообщила"), ("подчеркнул", "подчеркнула"),
            ("пояснил", "пояснила"), ("заявил", "заявила"), ("добавил", "добавила"),
            ("напомнил", "напомнила"), ("уточнил", "уточнила"), ("рассказал", "рассказала"),
            ("констатировал", "констатировала")]
_RU_SPORTS = _w("боксер|борец|дзюдоист|легкоатлет|шахматист|велогонщик|тяжелоатлет|пловец|"
                "теннисист|лучник|фехтовальщик|кикбоксер|конькобежец|биатлонист|гимнаст|стрелок|"
                "таэквондист|гребец")
_RU_POOLS = {
    "person_said": _ru_person(_RU_ROLES, _RU_SAID, verb_first=False),
    "said_person": _ru_person(_RU_ROLES, _RU_SAID, verb_first=True),
    "person_told": _ru_person(_RU_ROLES, [("рассказал", "рассказала"),
                                      ("говорил", "говорила"),
                                      ("доложил", "доложила")], verb_first=False),
    "person_insp": _ru_person(_RU_ROLES, [("осмотрел", "осмотрела"), ("проверил", "проверила"),
                                      ("посетил", "посетила")], verb_first=False),
    "person_took": _ru_person(_RU_ROLES, [("принял", "приняла")], verb_first=False),
    "athlete_won": _ru_person(_RU_SPORTS, [("завоевал", "завоевала"), ("взял", "взяла"),
                                       ("выиграл", "выиграла")], verb_first=False),
    "n_many": _ru_many(1, 4800), "n_small": _ru_many(1, 9), "n_obj": _ru_many(1, 40),
    "n_beds": _ru_many(2, 60), "n_km": _ru_many(1, 48), "pct": _percent(","),
    "year": _year, "money": _money(",", "млрд тенге", "млн тенге"),
    "day_month": _day_month(_RU_MONTHS_GEN),
    "district": [d.translate(_KK_TO_RU) for d in _KK_DISTRICTS],
    "village": [v.translate(_KK_TO_RU) for v in _KK_VILLAGES],
    "op": _w("||||||Кроме того, |Вместе с тем |Между тем |Как отмечают в ведомстве, |"
             "Напомним, |Ранее |На прошлой неделе |Этой весной |Осенью |"
             "Примечательно, что |Для сравнения, |Также |Помимо этого, |Недавно |"
             "В тот же день |В результате |Отдельно |Более того, |В свою очередь, |"
             "В целом |Сейчас "),
    "org": _w("Министерство просвещения|Министерство науки и высшего образования|"
              "Министерство здравоохранения|"
              "Министерство труда и социальной защиты населения|МИД|Министерство обороны|"
              "Министерство финансов|Министерство энергетики|"
              "Министерство сельского хозяйства|Министерство транспорта|"
              "Министерство культуры и информации|Министерство туризма и спорта|"
              "Министерство цифрового развития|Министерство экологии|МЧС|"
              "Министерство промышленности и строительства|"
              "Министерство торговли и интеграции|Министерство национальной экономики|"
              "Центральная избирательная комиссия|Комитет государственных доходов|"
              "акимат Астаны|акимат Алматы|акимат Шымкента|акимат Карагандинской области|"
              "акимат Костанайской области|акимат Акмолинской области|"
              "акимат Туркестанской области|акимат Павлодарской области|"
              "акимат Актюбинской области|акимат Атырауской области|"
              "акимат Мангистауской области|акимат Жамбылской области|"
              "акимат Кызылординской области|акимат области Абай|акимат области Улытау|"
              "акимат области Жетісу|областное управление здравоохранения|"
              "городской отдел образования|районный акимат|центр занятости населения|"
              "дорожная служба|федерация борьбы|областная филармония|"
              "Комитет по водным ресурсам|Бюро национальной статистики|"
              "Высшая аудиторская палата|городской отдел транспорта"),
    "action_acc": _w("строительство|реконструкцию|капитальный ремонт|модернизацию|"
                     "оснащение|проектирование|открытие|расширение|обновление|"
                     "текущий ремонт|благоустройство|цифровизацию"),
    "obj_gen": _w("сельской школы|детского сада|районной поликлиники|многопрофильной больницы|"
                  "спортивного комплекса|водопровода|котельной|моста|участка автодороги|"
                  "детской площадки|библиотеки|краеведческого музея|дома культуры|"
                  "студенческого общежития|стадиона|бассейна|остановочных павильонов|"
                  "тепличного комплекса|лаборатории|IT-хаба|учебного центра|пожарного депо|"
                  "реабилитационного центра|жилого комплекса|оросительного канала|"
                  "газопровода|тепловых сетей|уличного освещения|велодорожек|"
                  "центрального парка|фельдшерского пункта|станции скорой помощи|роддома|"
                  "школьной столовой|компьютерного класса|ледовой арены|футбольного поля|"
                  "борцовского зала|музыкальной школы|сельского клуба"),
    "obj_genpl": _w("школ|детских садов|поликлиник|спортивных площадок|мостов|котельных|"
                    "библиотек|общежитий|остановок|теплиц|лабораторий|фельдшерских пунктов|"
                    "жилых домов|детских площадок|объектов|футбольных полей|музыкальных школ|"
                    "компьютерных классов|километров водопровода|километров дорог|"
                    "сельских клубов|ледовых катков"),
    "project": _w("{action_acc} {obj_gen}|{action_acc} {obj_gen}|{action_acc} {obj_gen}|"
                  "проект {program}|программу {program}|"
                  "{action_acc} {n_small} {obj_genpl}"),
    "act_verb": _w("запустит|завершит|представит|профинансирует|обсудит|рассмотрит|"
                   "модернизирует|поддержит|откроет|утвердит|проверит|расширит|реализует|"
                   "финансирует|обсуждает|рассматривает|поддерживает|утверждает|проверяет|"
                   "продолжает|ускорит|планирует завершить|собирается начать"),
    "plan_verb": _w("планирует|собирается|рассчитывает|предполагает"),
    "inf_action": _w("завершить строительство|начать реконструкцию|провести капитальный ремонт|"
                     "модернизировать оборудование|обновить оснащение|разработать проект|"
                     "открыть филиал|расширить площади|ускорить строительство|"
                     "провести цифровизацию"),
    "pass_n": _w("построено|отремонтировано|введено в эксплуатацию|модернизировано|оснащено|"
                 "закуплено|обновлено|открыто|реконструировано|запланировано|"
                 "планируется построить|сдано"),
    "did_3pl": _w("построили|открыли|ввели в эксплуатацию|отремонтировали|оснастили|"
                  "начали строить|планируют открыть|сдали"),
    "city_prep": _w("Астане|Алматы|Шымкенте|Караганде|Актобе|Таразе|Павлодаре|"
                    "Усть-Каменогорске|Семее|Атырау|Костанае|Кызылорде|Уральске|"
                    "Петропавловске|Актау|Темиртау|Туркестане|Кокшетау|Талдыкоргане|"
                    "Экибастузе|Рудном|Жезказгане|Балхаше|Сатпаеве|Кентау|Степногорске|"
                    "Конаеве|Аральске|Щучинске|Лисаковске|Риддере|Жанаозене|Кульсары|"
                    "Сарыагаше|Жаркенте|Аягозе|Аркалыке|Шу|Кандыагаше|Хромтау"),
    "region_pg": _w("Акмолинской области|Алматинской области|Актюбинской области|"
                    "Атырауской области|Восточно-Казахстанской области|Жамбылской области|"
                    "Западно-Казахстанской области|Карагандинской области|"
                    "Костанайской области|Кызылординской области|Мангистауской области|"
                    "Павлодарской области|Северо-Казахстанской области|"
                    "Туркестанской области|области Абай|области Жетісу|области Улытау"),
    "in_place": _w("в {city_prep}|в {city_prep}|в {region_pg}|в районе {district}|"
                   "в селе {village}|в сельских округах {region_pg}|"
                   "в {city_prep} и пригородных селах"),
    "time": _w("в этом году|в прошлом году|с начала года|до конца года|в {year} году|"
               "до {year} года|в первом квартале|летом|осенью|в ближайшие месяцы|"
               "следующей весной|{day_month}|в течение двух лет|за последние пять лет|"
               "в отопительный сезон|с опережением графика|к 1 сентября|"
               "в {month_prep} {year} года"),
    "month_prep": _w("январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|"
                     "ноябре|декабре"),
    "program": _w("«Цифровой Казахстан»|«Ауыл – Ел бесігі»|«Комфортная школа»|"
                  "«Жасыл Казахстан»|«Дорожная карта бизнеса»|«Туған жер»|"
                  "«Здоровая нация»|«Кемел адам»|«Саналы ұрпақ»|«Нұрлы жол»|«Еңбек»|"
                  "«Таза Казахстан»|«Жас маман»|«Ауыл аманаты»|«С дипломом – в село»|"
                  "«Экономика простых вещей»|«Шанырак»|«Ұлы дала»|«Детский фонд»|"
                  "«Жасампаз»|«Счастливая семья»|«Умный город»|«Молодежная практика»|"
                  "«Бизнес-старт»"),
    "company": _w("Қазақстан темір жолы|КазАвтоЖол|KEGOC|QazaqGaz|Самрук-Казына|Ак жол|"
                  "Kazakh Invest|Казпочта|Байтерек|КазМунайГаз|Отбасы банк|Astana LRT"),
    "budget_src": _w("республиканского бюджета|местного бюджета|областного бюджета|"
                     "Национального фонда|спонсоров|городского бюджета|частных инвесторов|"
                     "Азиатского банка развития|фонда «Самрук-Казына»|"
                     "благотворительного фонда|холдинга «Байтерек»|резерва акимата"),
    "purpose": _w("ремонт сельских дорог|закуп школьных автобусов|"
                  "обновление тепловых сетей в старых районах|"
                  "медицинское оборудование для районных больниц|гранты молодым ученым|"
                  "жилье для многодетных семей|летние лагеря для детей|"
                  "покупку машин скорой помощи|защитные дамбы от паводков|"
                  "уличное освещение|обеспечение сел чистой питьевой водой|"
                  "поддержку малых фермерских хозяйств|доплаты сельским учителям|"
                  "ремонт драматического театра|бесплатное питание школьников|"
                  "спортивный инвентарь для школ|оцифровку архивов|"
                  "посадку деревьев вдоль трасс|новые очистные сооружения|"
                  "{action_acc} {obj_gen}"),
    "respondents": _w("опрошенных жителей|родителей|местных предпринимателей|студентов|"
                      "фермеров|опрошенных врачей|учителей|"
                      "молодых людей в возрасте от 18 до 29 лет|пенсионеров|"
                      "участников общественных слушаний"),
    "opinion": _w("поддержали|одобрили|раскритиковали|предложили изменить|"
                  "положительно оценили|не знали про|высказались против"),
    "commission": _w("областная избирательная комиссия|Центральная избирательная комиссия|"
                     "территориальная комиссия|районная избирательная комиссия"),
    "people": _w("жителей|человек|безработных|участников программы|получателей помощи|"
                 "молодых специалистов"),
    "benefit": _w("нашли постоянную работу|получили социальную помощь|"
                  "переехали в новые квартиры|прошли бесплатный медосмотр|"
                  "завершили профессиональное обучение|получили льготные кредиты|"
                  "получили государственные гранты|были заняты на общественных работах|"
                  "открыли собственное дело|были подключены к газу|"
                  "получили доступ к чистой воде|получили земельные участки"),
    "medal": _w("золотую медаль|серебряную медаль|бронзовую медаль|главный приз|"
                "титул чемпиона|первое место|две золотые медали|командный кубок"),
    "tournament_prep": _w("чемпионате Азии|этапе Кубка мира|международном турнире|"
                          "чемпионате мира|чемпионате страны|молодежном первенстве|"
                          "Всемирных играх кочевников|Играх исламской солидарности|"
                          "турнире Гран-при|Играх СНГ|Кубке Центральной Азии|"
                          "мемориальном турнире"),
    "round_prep": _w("финале|полуфинале|четвертьфинале|схватке за бронзу|последнем раунде|"
                     "стартовом поединке"),
    "rival_acc": _w("соперника из Узбекистана|японского спортсмена|действующего чемпиона|"
                    "спортсмена из Ирана|соперника из Кыргызстана|монгольского атлета|"
                    "чемпиона Европы|корейского соперника|китайского спортсмена|"
                    "турецкого борца"),
    "culture_acc": _w("фестиваль традиционной музыки|выставку молодых художников|"
                      "международный кинофестиваль|айтыс акынов|вечер поэзии|"
                      "театральный фестиваль|книжную ярмарку|вечер кюев|этнофестиваль|"
                      "фотовыставку|показ национальных костюмов|"
                      "концерт симфонического оркестра|ярмарку ремесел|конкурс домбристов|"
                      "конкурс детского рисунка|джазовый вечер|оперную премьеру|"
                      "марафон народных танцев"),
    "cult_verb": _w("организовали|провели|открыли|завершили|представили|устроили"),
    "road": _w("Астана – Караганда|Алматы – Усть-Каменогорск|Кызылорда – Жезказган|"
               "Актобе – Атырау|Талдыкорган – Усть-Каменогорск|Костанай – Торгай|"
               "Бейнеу – Акжигит|Узынагаш – Отар|Кокшетау – Петропавловск|Тараз – Шу|"
               "Павлодар – Семей|Шымкент – Туркестан|Аральск – Кызылорда|Атырау – Уральск|"
               "Караганда – Балхаш"),
    "road_status": _w("отремонтировано|реконструировано|заасфальтировано|"
                      "расширено до четырех полос|перестроено|будет отремонтировано|"
                      "освещено новыми фонарями"),
    "budget_kind": _w("области|города|здравоохранения|образования|района|"
                      "жилищной программы|дорожного фонда|социальной сферы"),
    "more_less": _w("больше|меньше|выше|ниже"),
    "indicator": _w("объем сельхозпродукции|приток туристов|объем экспорта|"
                    "выпуск промышленной продукции|ввод жилья|товарооборот|"
                    "объем инвестиций в основной капитал|урожай зерна|надой молока|"
                    "пассажиропоток|объем налоговых поступлений|оборот розничной торговли|"
                    "уровень средней зарплаты|объем кредитования малого бизнеса|"
                    "показатель занятости"),
    "grew": _w("вырос|увеличился|снизился|сократился|повысился|упал"),
    "period": _w("по сравнению с прошлым годом|с начала года|в первом квартале|"
                 "за шесть месяцев|в январе–мае|в годовом выражении|за отчетный период|"
                 "за девять месяцев"),
    "hosp_acc": _w("многопрофильную больницу|перинатальный центр|инфекционную больницу|"
                   "детскую больницу|реабилитационный центр|врачебную амбулаторию|"
                   "фельдшерско-акушерский пункт|онкологический центр|"
                   "кардиологический центр|травматологическое отделение|"
                   "стоматологическую поликлинику|противотуберкулезный диспансер"),
    "school_acc": _w("новую школу|«Комфортную школу»|лицей для одаренных детей|"
                     "Назарбаев Интеллектуальную школу|колледж|IT-школу|"
                     "центр робототехники|школу-интернат|технический колледж|"
                     "музыкальную школу|спортивную школу|творческий центр"),
    "meeting_prep": _w("заседании Правительства|сессии областного маслихата|"
                       "расширенном заседании коллегии|"
                       "брифинге в Службе центральных коммуникаций|встрече с жителями|"
                       "онлайн-конференции|встрече с депутатами|общественных слушаниях|"
                       "рабочей поездке|круглом столе|региональном форуме"),
    "topic_acc": _w("подготовку к отопительному сезону|обеспечение питьевой водой|"
                    "ремонт дорог|нехватку ученических мест|лекарственное обеспечение|"
                    "весеннюю посевную кампанию|профилактику паводков|"
                    "поддержку малого бизнеса|занятость молодежи|очередь на жилье|"
                    "работу общественного транспорта|сдерживание цен|качество воздуха|"
                    "вывоз мусора|цифровизацию госуслуг|освоение бюджетных средств|"
                    "госзакупки|противодействие коррупции|развитие туризма|"
                    "строительство спортивных объектов|зарплаты учителей|"
                    "качество школьного питания|сельскую медицину|итоги референдума|"
                    "газификацию сел|состояние оросительных каналов|"
                    "охрану водно-болотных угодий|вакцинацию скота|земельную реформу|"
                    "профилактику бытового насилия"),
    "topic_prep": _w("подготовке к отопительному сезону|снабжении питьевой водой|"
                     "ремонте дорог|нехватке ученических мест|лекарственном обеспечении|"
                     "весенней посевной кампании|профилактике паводков|"
                     "поддержке малого бизнеса|занятости молодежи|жилищной очереди|"
                     "работе общественного транспорта|сдерживании цен|качестве воздуха|"
                     "вывозе мусора|цифровизации госуслуг|"
                     "госзакупках|противодействии коррупции|развитии туризма|"
                     "строительстве спортивных объектов|зарплатах учителей|"
                     "качестве школьного питания|сельской медицине|"
                     "газификации сел|состоянии оросительных каналов|вакцинации скота|"
                     "земельной реформе|тарифах на коммунальные услуги"),
    # "о" turns into "об" before a vowel, so the preposition travels with the topic.
    "about_topic": _w("о {topic_prep}|о {topic_prep}|о {topic_prep}|"
                      "об освоении бюджетных средств|об итогах референдума|"
                      "об обеспечении питьевой водой|об очереди на жилье|"
                      "об охране водно-болотных угодий"),
    "follow": _w("поручив подрядчикам завершить работы в срок|"
                 "встретившись с местными жителями|выслушав жалобы на задержки|"
                 "высоко оценив качество работ|установив новые сроки|"
                 "потребовав отчет в течение недели|попросив привлекать местных рабочих|"
                 "проверив качество материалов|пообещав дополнительное финансирование|"
                 "предупредив о штрафах за срыв сроков"),
    "stat_src": _w("Бюро национальной статистики|областного департамента статистики|"
                   "министерства|предварительных расчетов|пресс-службы|"
                   "аудиторской проверки|независимого опроса|отчета акимата"),
    "applicant_gen": _w("молодых семей|учителей|врачей|людей с инвалидностью|"
                        "многодетных семей|сельских жителей|студентов|военных пенсионеров|"
                        "госслужащих|молодых ученых"),
    "contractor": _w("местная строительная фирма|компания «{company}»|"
                     "консорциум региональных компаний|турецкая компания|"
                     "государственное предприятие|товарищество местных строителей|"
                     "ТОО «{company}»|китайская компания"),
    "complaint": _w("жалуются на отсутствие автобусного маршрута|"
                    "просят акима отремонтировать мост|уже несколько лет ждут газа|"
                    "требуют построить новую школу|обеспокоены ростом тарифов|"
                    "просят открыть аптеку|хотят спортивную площадку для детей|"
                    "жалуются на нехватку воды летом|"
                    "поблагодарили акимат за новую дорогу|"
                    "просят восстановить уличное освещение"),
    "progress": _w("выполнено на {pct}|идет с опережением графика|"
                   "задержалось из-за погоды|завершится {time}|вышло на финальный этап|"
                   "приостановлено до завершения проверки"),
}
_RU_POOLS["clause"] = _w(
    "{org} {act_verb} {project} {in_place} {time}|"
    "{in_place} {time} {pass_n} {n_obj} {obj_genpl}|"
    "{in_place} {indicator} {period} {grew} на {pct}|на {purpose} выделено {money}|"
    "{in_place} строительство {obj_gen} {progress}|{pct} {respondents} {opinion} {project}|"
    "{time} {n_many} {people} {benefit}|{time} поступило более {n_many} заявок")
_RU_BODY = [
    "{op}{org} {act_verb} {project} {in_place} {time}.",
    "{op}{person_said}, что {clause}.",
    "«{^clause}», – {said_person}.",
    "{op}из средств {budget_src} выделено {money} на {purpose}.",
    "В рамках программы {program} {in_place} {pass_n} {n_obj} {obj_genpl}.",
    "{op}{pct} {respondents} {opinion} {project}.",
    "{op}явка на референдуме в {region_pg} составила {pct}, сообщила {commission}.",
    "{op}{time} {n_many} {people} {in_place} {benefit}.",
    "{^athlete_won} {medal} на {tournament_prep}, победив в {round_prep} {rival_acc}.",
    "{op}{in_place} {time} {cult_verb} {culture_acc}, на него пришли {n_many} зрителей.",
    "{op}{time} {road_status} {n_km} километров трассы {road}.",
    "{op}бюджет {budget_kind} на {year} год утвержден в объеме {money}, что на {pct} "
    "{more_less}, чем годом ранее.",
    "{op}{in_place} {indicator} {period} {grew} на {pct}.",
    "{op}{in_place} {time} {did_3pl} {hosp_acc} на {n_beds} коек.",
    "{op}{in_place} {did_3pl} {school_acc} на {n_many} учеников.",
    "{op}на {meeting_prep} обсудили {topic_acc} и {topic_acc}.",
    "{op}{person_insp} {project} {in_place}, {follow}.",
    "{op}по данным {stat_src}, {clause}.",
    "{op}{time} поступило более {n_many} заявок, в основном от {applicant_gen}.",
    "{op}работы ведет подрядчик – {contractor}, выигравший тендер в {year} году.",
    "{op}{org} до {year} года {plan_verb} {inf_action} {obj_gen} {in_place}.",
    "{op}жители села {village} {complaint}.",
    "{op}{person_told} {about_topic}.",
    "{op}только в {month_prep} {in_place} {pass_n} {n_small} {obj_genpl}.",
    "{op}стоимость проекта оценивается в {money}, из них {pct} приходится на средства "
    "{budget_src}.",
    "{op}{org} также {act_verb} {project} {in_place} {time}.",
    "{op}{in_place} строительство {obj_gen} {progress}.",
    "«{^clause}, и {clause}», – {said_person}.",
    "{op}{person_took} участие в {meeting_prep}, где обсудили {topic_acc}.",
    "{op}в районе {district} {time} {pass_n} {n_small} {obj_genpl}.",
]
_RU_TITLES = [
    "В {city_prep} {time} {pass_n} {n_obj} {obj_genpl}",
    "На {purpose} в {region_pg} выделено {money}",
    "Явка на референдуме в {region_pg} составила {pct}",
    "{^athlete_won} {medal} на {tournament_prep}",
    "В {city_prep} {time} {cult_verb} {culture_acc} для {n_many} зрителей",
    "{^indicator} в {region_pg} {grew} на {pct} {period}",
    "{^person_told} {about_topic}",
    "{^org} {act_verb} {project} {in_place}",
    "{^time} жители села {village} района {district} {complaint}",
    "В районе {district} {time} {pass_n} {n_small} {obj_genpl}",
]
_RU_PRESS = ["Об этом сообщила пресс-служба ведомства.",
             "Информацию предоставила региональная служба коммуникаций.",
             "Фото: пресс-служба ведомства.",
             "Подробности – на официальном сайте ведомства."]
_RU_SPEC = {"pools": _RU_POOLS, "body": _RU_BODY, "titles": _RU_TITLES, "press": _RU_PRESS,
            "site_names": ("Енбекши QazaQ",), "source_label": "Источник : ",
            "sections": (("news", "Новости\nПодробнее"), ("society", "Общество\nПодробнее"))}


def _specs() -> dict:
    return {"kk": _KK_SPEC, "ru": _RU_SPEC, "en": _EN_SPEC}


if __name__ == "__main__":
    sys.exit(main())
