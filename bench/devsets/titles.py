"""The cross-lingual title set: 1,000 events, each titled in Kazakh, Russian and English.

The hand-written events of `events.txt` come first; the rest are built from our own parallel
sentence frames (below) filled with a city from the gazetteer and a number, one city per frame
at most once.  Frames are shared across events on purpose: "A 300-bed hospital opened in
Kyzylorda" and "A 250-bed hospital opened in Taldykorgan" differ only in the facts, which is
the hard case of cross-lingual retrieval and of story linking alike.

    python -m bench.devsets.titles --jsonl out.jsonl   # also writes an importable file
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from pathlib import Path

from bench.devsets import load_events
from janalyq.gazetteer import places

SEED = 20260321
# (topic, kk, ru, en); {c} is the city, {n} a number (Russian frames need a genitive plural).
FRAMES = [
    ("education", "{c} қаласында {n} жаңа мектеп салынады", "В городе {c} построят {n} новых школ", "{n} new schools will be built in {c}"),
    ("regions", "{c} қаласында {n} пәтерлі тұрғын үй пайдалануға берілді", "В городе {c} сдан жилой дом на {n} квартир", "A {n}-apartment residential building was commissioned in {c}"),
    ("regions", "{c} қаласында {n} шақырым жол жөнделді", "В городе {c} отремонтировали {n} километров дорог", "{n} kilometres of roads repaired in {c}"),
    ("health", "{c} қаласында {n} төсектік аурухана ашылды", "В городе {c} открылась больница на {n} коек", "A {n}-bed hospital opened in {c}"),
    ("society", "{c} қаласындағы жәрмеңкеде {n} бос жұмыс орны ұсынылды", "На ярмарке вакансий в городе {c} предложили {n} рабочих мест", "A job fair in {c} offered {n} vacancies"),
    ("tourism_environment", "{c} қаласында {n} ағаш отырғызылды", "В городе {c} высадили {n} деревьев", "{n} trees planted in {c}"),
    ("regions", "{c} қаласында {n} жаңа автобус жолға шықты", "В городе {c} на линию вышли {n} новых автобусов", "{n} new buses hit the roads in {c}"),
    ("society", "{c} қаласында {n} отбасы баспанаға ие болды", "В городе {c} жилье получили {n} семей", "{n} families received housing in {c}"),
    ("sport", "{c} қаласында {n} орындық стадион ашылды", "В городе {c} открылся стадион на {n} мест", "A {n}-seat stadium opened in {c}"),
    ("economy", "{c} қаласында {n} кәсіпкерге жеңілдетілген несие берілді", "В городе {c} льготные кредиты получили {n} предпринимателей", "{n} entrepreneurs received preferential loans in {c}"),
    ("law", "{c} қаласында полиция {n} құқық бұзушылықты анықтады", "В городе {c} полиция выявила {n} правонарушений", "Police identified {n} offences in {c}"),
    ("education", "{c} қаласында {n} балаға арналған балабақша ашылды", "В городе {c} открылся детский сад на {n} детей", "A kindergarten for {n} children opened in {c}"),
    ("culture", "{c} қаласында мәдениет үйіне {n} млн теңге бөлінді", "В городе {c} на дом культуры выделили {n} млн тенге", "{n} million tenge allocated to the house of culture in {c}"),
    ("regions", "{c} қаласында {n} аулада балалар алаңы жаңартылды", "В городе {c} обновили детские площадки в {n} дворах", "Playgrounds renewed in {n} courtyards in {c}"),
    ("society", "{c} қаласында сенбілікке {n} ерікті шықты", "В городе {c} на субботник вышли {n} волонтеров", "{n} volunteers joined a clean-up day in {c}"),
    ("education", "{c} қаласында олимпиадаға {n} оқушы қатысты", "В городе {c} в олимпиаде участвовали {n} школьников", "{n} schoolchildren took part in an olympiad in {c}"),
    ("regions", "{c} қаласында {n} көпқабатты үйдің шатыры жөнделді", "В городе {c} отремонтировали крыши {n} многоэтажных домов", "Roofs of {n} apartment blocks repaired in {c}"),
    ("regions", "{c} қаласында {n} көше шамы орнатылды", "В городе {c} установили {n} уличных фонарей", "{n} street lights installed in {c}"),
    ("health", "{c} қаласында {n} дәрігер жұмысқа қабылданды", "В городе {c} на работу приняли {n} врачей", "{n} doctors hired in {c}"),
    ("law", "{c} қаласында өрттен {n} адам құтқарылды", "В городе {c} из пожара спасли {n} человек", "{n} people rescued from a fire in {c}"),
    ("culture", "{c} қаласындағы кітап көрмесінде {n} басылым қойылды", "В городе {c} на книжной выставке представили {n} изданий", "{n} publications shown at a book exhibition in {c}"),
    ("sport", "{c} қаласында марафонға {n} жүгіруші қатысты", "В городе {c} в марафоне участвовали {n} бегунов", "{n} runners took part in a marathon in {c}"),
    ("tourism_environment", "{c} қаласынан {n} тонна қоқыс шығарылды", "В городе {c} вывезли {n} тонн мусора", "{n} tonnes of rubbish removed in {c}"),
    ("regions", "{c} қаласында {n} шақырым су құбыры ауыстырылды", "В городе {c} заменили {n} километров водопровода", "{n} kilometres of water pipes replaced in {c}"),
    ("society", "{c} қаласында мүгедектігі бар {n} адам жұмысқа орналасты", "В городе {c} трудоустроены {n} людей с инвалидностью", "{n} people with disabilities found jobs in {c}"),
    ("education", "{c} қаласында {n} мұғалімге пәтер берілді", "В городе {c} квартиры получили {n} учителей", "{n} teachers received apartments in {c}"),
    ("tourism_environment", "{c} қаласында {n} турист тіркелді", "В городе {c} зарегистрировали {n} туристов", "{n} tourists registered in {c}"),
    ("science_tech", "{c} қаласында {n} жас ғалымға грант берілді", "В городе {c} гранты получили {n} молодых ученых", "{n} young scientists received grants in {c}"),
    ("culture", "{c} қаласында {n} орындық театр жөндеуден кейін ашылды", "В городе {c} после ремонта открылся театр на {n} мест", "A {n}-seat theatre reopened after renovation in {c}"),
    ("law", "{c} қаласында {n} бейнебақылау камерасы орнатылды", "В городе {c} установили {n} камер видеонаблюдения", "{n} CCTV cameras installed in {c}"),
]


def _numbers(rng: random.Random) -> int:
    while True:  # a genitive plural in Russian: ends in 0 or 5-9, or in 11-19
        n = rng.choice([rng.randint(5, 99), rng.randint(100, 990), rng.randint(1000, 9000)])
        if n % 10 in (0, 5, 6, 7, 8, 9) or 11 <= n % 100 <= 19:
            return n


def _cities() -> list:
    return [p for p in places().values() if p.kind in ("city", "city-region") and " " not in p.names["kk"]]


def templated_events(count: int, seed: int = SEED, start: dt.date = dt.date(2026, 4, 1), days: int = 10) -> list[dict]:
    """`count` distinct events (frame, city) with their kk/ru/en titles and a date."""
    rng = random.Random(seed)
    pairs = [(f, c) for f in range(len(FRAMES)) for c in range(len(_cities()))]
    rng.shuffle(pairs)
    cities = _cities()
    out = []
    for number, (frame, city) in enumerate(pairs[:count]):
        topic, *texts = FRAMES[frame]
        n = _numbers(rng)
        shown = f"{n:,}".replace(",", " ")
        names = cities[city].names
        titles = {lang: text.format(c=names[lang], n=shown if lang != "en" else f"{n:,}")
                  for lang, text in zip(("kk", "ru", "en"), texts)}
        titles["en"] = titles["en"][0].upper() + titles["en"][1:]
        day = start + dt.timedelta(days=rng.randrange(days))
        out.append({"event": f"t{number:04d}", "topic": topic, "published": day.isoformat(), **titles})
    return out


def title_set(size: int = 1000) -> list[dict]:
    """`size` events: the hand-written ones, then templated ones; each {event, kk, ru, en, ...}."""
    by_event: dict[str, dict] = {}
    for record in load_events():
        entry = by_event.setdefault(record["event"], {"event": record["event"], "topic": record["topic"],
                                                      "published": record["published"]})
        entry.setdefault(record["lang"], record["title"])  # the first outlet's version of each language
    events = list(by_event.values())
    return events + templated_events(size - len(events))


def write_jsonl(events: list[dict], out: Path) -> None:
    with out.open("w", encoding="utf-8") as handle:
        for event in events:
            for lang in ("kk", "ru", "en"):
                url = f"https://news.example.kz/titles/{lang}/{event['event']}"
                handle.write(json.dumps({"url": url, "title": event[lang], "body": "", "lang": lang,
                                         "published": event["published"]}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jsonl", type=Path, required=True)
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args()
    write_jsonl(title_set(args.size), args.jsonl)
