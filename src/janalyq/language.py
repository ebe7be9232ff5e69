"""Which of Kazakh, Russian and English a text is written in.

The character n-gram model of py3langid does most of the work, but on its own it stumbles in
the two places this hub cares about most: Kazakh written in the 2021 Latin alphabet, which it
calls Turkish, Azerbaijani, Turkmen and so on, and short English titles full of Kazakh names
("Tokayev visited Akmola"), which look Turkic to it.  So the model's opinion is combined with
word-level evidence that it cannot see: letters only Kazakh uses, and function words that only
one of the three languages has.  Each such word shifts the log-odds by a fixed amount, so a
long text is decided by its words and a short one leans more on the model.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from janalyq.article import (
    FLAG_LANG_UNCERTAIN,
    FLAG_TITLE_LANG_MISMATCH,
    Article,
    StageCounts,
)

LANGS = ("kk", "ru", "en")
# The model knows Kazakh only in Cyrillic; Latin-script Kazakh (and the odd Kyrgyz-looking
# Cyrillic title) lands on these neighbours, all of which mean Kazakh here.
_MODEL_LANGS = {
    "kk": "kk", "ru": "ru", "en": "en",
    "tr": "kk", "az": "kk", "uz": "kk", "tk": "kk", "crh": "kk", "ky": "kk",
}
MAX_CHARS = 600  # words are read this far; beyond it a text only repeats itself
MODEL_CHARS = 300  # the model is the slow part and is sure of itself long before this
WORD_WEIGHT = 1.5  # log-odds per telling word: four of them outweigh a 99 % model verdict
CONFIDENT = 0.8  # title and body both at least this sure before calling them different
STRONG = 0.9  # how sure the body must be to overrule a language given by the input
MIN_BODY_LETTERS = 40  # fewer letters than this and the title speaks for the article
UNCERTAIN = 0.5
# The model's log-odds between two languages never exceed 27.6 (it floors a probability at
# 1e-12).  A word-vote margin worth 40 log-odds therefore decides alone: the verdict is the same
# with or without the model, and the confidence differs by less than 1e-5.  Most long bodies
# get there, and the model, the slow part, is then not run.
DECISIVE_LOG_ODDS = 40.0

_KK_CYR_LETTERS = frozenset("әғқңөұүһі")
# 2021 alphabet first, then the 2018 acute variants that older pages still use.
_KK_LAT_LETTERS = frozenset("äğñöūüşıáǵńóúý")
_KK_WORDS = frozenset(
    "мен бен пен бойынша жылы осы деп ал туралы бар облысы ауданы болып болды етті сондай "
    "арасында жобасы жалпы мектеп мектепте бала балалар балаларды "
    "men ben pen jäne jane jáne boiynşa boiynsha boyinsha qazaqstan qazaq respublikasy "
    "prezidenti ükimet ukimet mektep mektebi oblysy audany qalasy turaly üşin ushin osy bul "
    "jyly jylğy degen dep bolady boldy etti ötti jūmys jumys memlekettik ministrligi "
    "ministrlıgı bilim bılım ğylym ulttyq ūlttyq halyq jaña arqyly kezdesu öñir aimaq bala "
    "balalar oqu oquşylar oqushylar mūğalım mugalim".split()
)
_RU_WORDS = frozenset(
    "в во на и с со по для что не из от к ко о об за как это также года году который которая "
    "которые которых при был была были будет его её их а но или до после у же уже все всех "
    "более между этом этого том чтобы только области района города республики заявил "
    "отметил состоялась состоялось прошла прошел сообщает".split()
)
_EN_WORDS = frozenset(
    "the of and to in a an is are was were be been for on with by at from that this as it its "
    "has have had will would can not which who their there about more than also into over "
    "after held said new year years president minister ministry government region regional "
    "city school schools students teachers children education national state republic "
    "meeting head law people international development project country support work".split()
)
_EN_ENDINGS = ("ing", "tion", "tions", "ness", "ed", "ies", "ship", "ity", "yev", "yeva")
# No Kazakh Latin spelling has c or x outside ch; English has them all the time.  (zh, kh and w
# were English evidence too, but slugs and informal typing write ж, х and у with them.)
_NOT_KAZAKH_LATIN = re.compile(r"c(?!h)|x")
# Endings of Kazakh word forms, as any Latin spelling writes them once folded to plain ASCII
# (q is k, y is i): cases, possessives, plurals and the past tense.  English words of five
# letters or more seldom end so; "city" or "study" do, which is why one such word is weak
# evidence and it takes several to outweigh an English word.  A word with zh counts the same:
# English has it only in names, and those are mostly Kazakh.
_KAZAKH_ENDINGS = re.compile(
    r"(?:[dtn]agi|[dtn]egi|[dtn]in|[dtn]ing|[ldt]ari|[ldt]eri|[ldt]ardi|[ldt]erdi|[ldt]armen|[ldt]ermen"
    r"|[dt]an|[dt]en|ndan|nden|sinda|sinde|inda|inde|imiz|iniz|[aeiou]ga|[aeiou]ge|[ldt]adi|[ldt]edi"
    r"|[stg]ti|[lrnmz]di|[ldt]ik|[aeiou]si|shi|[gk]i|kala|kalasi|oblisi|audani)$"
)
KAZAKH_ENDING_WEIGHT = 0.5
# A plain ASCII word with no telling letter is weak evidence against Kazakh Latin, whose
# running text rarely goes three words without ñ, ğ, ş, ı or q: this keeps a bare "Astana Hub"
# from reading as confident Kazakh.
PLAIN_LATIN_WEIGHT = 0.34
# In English a q is followed by u; in Kazakh Latin it stands for қ anywhere (Qazaq, ulttyq).
_BARE_Q = re.compile(r"q(?!u)")
_NOT_KAZAKH_Q = frozenset({"iraq", "iraqi", "qatar", "qatari", "qr"})
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _identifier():
    # Loaded on first use.  From the arrays unpacked in the cache folder (a few milliseconds);
    # without them, unpacked in memory (most of a second); with another py3langid's layout, by
    # its own loader.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from janalyq.langid_cache import cached_arrays, unpacked_in_memory

    try:
        identifier = identifier_from_arrays(cached_arrays())
    except Exception:  # noqa: BLE001 - a read-only home or a damaged cache: unpacked here
        try:
            identifier = identifier_from_arrays(unpacked_in_memory())
        except Exception:  # noqa: BLE001 - another py3langid's layout: its own loader reads any
            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(_MODEL_LANGS))
    return identifier


def identifier_from_arrays(data):
    """py3langid's identifier from its model's arrays, as its own loader builds it (its loader
    writes the 68 MB it unpacks to a temporary file and reads it back)."""
    import numpy as np
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import _to_array

    return LanguageIdentifier(
        np.asarray(data["ptc"]), np.asarray(data["pc"]), data["classes"].tolist(),
        _to_array(data["nextmove"]), data["out_feat"].tolist(), norm_probs=True,
        tk_row=_to_array(data["nextmove_row"]))


@dataclass
class _Evidence:
    letters: int = 0
    cyrillic: int = 0  # letters in Cyrillic words
    kk: float = 0.0
    ru: float = 0.0
    en: float = 0.0


def _latin_vote(word: str) -> str | None:
    if not _KK_LAT_LETTERS.isdisjoint(word):
        return "kk"
    if "q" in word and word not in _NOT_KAZAKH_Q and _BARE_Q.search(word):
        return "kk"
    if not word.isascii():
        return None
    if _NOT_KAZAKH_LATIN.search(word) or (len(word) >= 5 and word.endswith(_EN_ENDINGS)):
        return "en"
    if len(word) >= 5 and (_KAZAKH_ENDINGS.search(word.replace("q", "k").replace("y", "i")) or "zh" in word):
        return "kk-ending"
    return "plain" if len(word) >= 3 else None


def _word_vote(word: str) -> tuple[int, int, float, float, float]:
    """What one word adds to the evidence: letters, Cyrillic letters, and kk, ru, en votes."""
    cyrillic = "\u0400" <= word[0] <= "\u04ff"
    kk = ru = en = 0.0
    if word in _RU_WORDS:
        ru = 1.0
    elif word in _EN_WORDS:
        en = 1.0
    elif word in _KK_WORDS:
        kk = 1.0
    elif cyrillic:
        if not _KK_CYR_LETTERS.isdisjoint(word):
            kk = 1.0
    else:
        vote = _latin_vote(word)
        if vote == "kk":
            kk = 1.0
        elif vote == "en":
            en = 1.0
        elif vote == "kk-ending":
            kk = KAZAKH_ENDING_WEIGHT
        elif vote == "plain":
            en = PLAIN_LATIN_WEIGHT
    return len(word), len(word) if cyrillic else 0, kk, ru, en


# Word -> its vote: texts of one language repeat the same few thousand words, and a lookup is
# a fraction of the set tests above.
_VOTES: dict[str, tuple[int, int, float, float, float]] = {}
MAX_REMEMBERED_VOTES = 1 << 16  # ~10 MB at most


def _word_evidence(text: str) -> _Evidence:
    ev = _Evidence()
    votes = _VOTES
    if len(votes) > MAX_REMEMBERED_VOTES:
        votes.clear()
    for word in _WORD.findall(text):
        vote = votes.get(word)
        if vote is None:
            vote = votes[word] = _word_vote(word)
        ev.letters += vote[0]
        ev.cyrillic += vote[1]
        ev.kk += vote[2]
        ev.ru += vote[3]
        ev.en += vote[4]
    return ev


def _model_probs(text: str) -> dict[str, float]:
    probs = dict.fromkeys(LANGS, 0.0)
    for code, p in _identifier().rank(text[:MODEL_CHARS]):
        probs[_MODEL_LANGS[code]] += p
    return probs


def _combine(probs: dict[str, float], ev: _Evidence) -> dict[str, float]:
    votes = {"kk": ev.kk, "ru": ev.ru, "en": ev.en}
    logits = {
        lang: math.log(max(probs[lang], 1e-12)) + WORD_WEIGHT * votes[lang] for lang in LANGS
    }
    top = max(logits.values())
    weights = {lang: math.exp(v - top) for lang, v in logits.items()}
    total = sum(weights.values())
    return {lang: w / total for lang, w in weights.items()}


def _scores(text: str) -> tuple[dict[str, float] | None, int]:
    """Probability per language (None without letters), and the letters seen."""
    sample = text[:MAX_CHARS].lower()
    ev = _word_evidence(sample)
    if ev.letters == 0:
        return None, 0
    probs = _NO_OPINION if _decided_by_words(ev) else _model_probs(sample)
    return _combine(probs, ev), ev.letters


_NO_OPINION = dict.fromkeys(LANGS, 1.0 / len(LANGS))


def _decided_by_words(ev: _Evidence) -> bool:
    best, second = sorted((ev.kk, ev.ru, ev.en), reverse=True)[:2]
    return WORD_WEIGHT * (best - second) >= DECISIVE_LOG_ODDS


def _best(scores: dict[str, float] | None) -> tuple[str | None, float]:
    if scores is None:
        return None, 0.0
    lang = max(scores, key=scores.__getitem__)
    return lang, scores[lang]


def detect(text: str) -> tuple[str | None, float]:
    """('kk' | 'ru' | 'en', confidence 0..1), or (None, 0.0) for text without letters.

    Only the first `MAX_CHARS` characters are read.
    """
    return _best(_scores(text or "")[0])


_LANG_ALIASES = {"kz": "kk", "kaz": "kk", "qq": "kk", "rus": "ru", "eng": "en"}


def language_code(value: str | None) -> str | None:
    """A language label as kk/ru/en ("ru-RU", "KAZ", "qq": Kazakh in Latin letters), None when
    it names none of them."""
    if not value:
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    code = _LANG_ALIASES.get(code, code)
    return code if code in LANGS else None


def _body_sample(body: list[str]) -> str:
    taken: list[str] = []
    size = 0
    for paragraph in body:
        if size >= MAX_CHARS:
            break
        taken.append(paragraph)
        size += len(paragraph) + 1
    return "\n".join(taken)


def language_stage(article: Article, counts: StageCounts) -> Article:
    """Set `article.lang` and `lang_confidence`; flag what looks wrong.  Always kept."""
    counts.seen += 1
    counts.kept += 1
    title_scores, _ = _scores(article.title or "")
    body_scores, body_letters = _scores(_body_sample(article.body))
    title_lang, title_conf = _best(title_scores)
    body_lang, body_conf = _best(body_scores)
    body_speaks = body_lang is not None and body_letters >= MIN_BODY_LETTERS
    if body_speaks:
        found, scores = body_lang, body_scores
    elif title_lang is not None:
        found, scores = title_lang, title_scores
    else:
        found, scores = body_lang, body_scores
    given = language_code(article.lang)
    if given is not None:
        # The input's label is usually right, and a body quoting another language is common;
        # only a body that is clearly in another language overrules it.
        if body_speaks and body_lang != given and body_conf >= STRONG:
            counts.repair("lang_corrected")
        else:
            found = given
    elif article.lang and found is not None:
        counts.repair("lang_corrected")  # the label named no language this hub knows
    article.lang = found
    article.lang_confidence = scores[found] if scores is not None and found else None
    _flag_doubts(article, counts, (title_lang, title_conf), (body_lang, body_conf), body_speaks)
    return article


def _flag_doubts(
    article: Article,
    counts: StageCounts,
    title: tuple[str | None, float],
    body: tuple[str | None, float],
    body_speaks: bool,
) -> None:
    if article.lang is None:
        article.flags.add(FLAG_LANG_UNCERTAIN)
        counts.repair("lang_unknown")
        return
    if article.lang_confidence is not None and article.lang_confidence < UNCERTAIN:
        article.flags.add(FLAG_LANG_UNCERTAIN)
        counts.repair("lang_uncertain")
    (title_lang, title_conf), (body_lang, body_conf) = title, body
    if (
        body_speaks
        and title_lang is not None
        and title_lang != body_lang
        and min(title_conf, body_conf) >= CONFIDENT
    ):
        article.flags.add(FLAG_TITLE_LANG_MISMATCH)
        counts.repair("title_lang_mismatch")
