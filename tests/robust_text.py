"""Random but readable news text for the robustness tests: every call gives a title and body
that no other call repeats (random word sequences are far apart for dedup's 3-gram MinHash)."""

from __future__ import annotations

import random

WORDS = {
    "kk": ("ауыл мектеп әкімдік жол көпір су құбыры жаңа жұмыс басталды аяқталды облыс аудан қала "
           "тұрғындар дәрігер емхана бала бақша жылу маусым егін астық фермер несие бағдарлама жоба "
           "құрылыс мердігер шақырым теңге миллион жыл ай апта министрлік кездесу жиын шешім заң "
           "спорт жарыс жеңімпаз мұражай көрме кітап театр оқушы мұғалім университет грант").split(),
    "ru": ("село школа акимат дорога мост водопровод новый работа началась завершилась область район "
           "город жители врач поликлиника детский сад отопление сезон урожай зерно фермер кредит "
           "программа проект стройка подрядчик километр тенге миллион год месяц неделя министерство "
           "встреча совещание решение закон спорт турнир победитель музей выставка книга театр").split(),
    "en": ("village school akimat road bridge water pipeline new work started finished region district "
           "city residents doctor clinic kindergarten heating season harvest grain farmer loan programme "
           "project construction contractor kilometre tenge million year month week ministry meeting "
           "session decision law sport tournament winner museum exhibition book theatre pupil teacher").split(),
}


def sentence(rng: random.Random, lang: str, words: int) -> str:
    chosen = [rng.choice(WORDS[lang]) for _ in range(words)]
    return " ".join(chosen).capitalize() + f" {rng.randrange(10, 9999)}."


def article_text(rng: random.Random, lang: str, paragraphs: int = 2) -> tuple[str, list[str]]:
    """A title of seven words and paragraphs of three sentences of twelve words."""
    title = sentence(rng, lang, 7).rstrip(".")
    body = [" ".join(sentence(rng, lang, 12) for _ in range(3)) for _ in range(paragraphs)]
    return title, body
