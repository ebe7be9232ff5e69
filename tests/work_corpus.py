"""Inputs for the many-workers tests: two sets of JSON Lines files with copies planted across them.

Four government releases, each published in Kazakh, Russian and English (one story each, linked
by their shared release), written for these tests (the ministries are real, the events are not);
their versions are spread over both sets.  Across the sets are planted: an exact copy (an agency
reprint of a release, word for word), a near copy (a reprint with one word changed and no
source link), one record present in both sets (the same URL and text: a re-sighting), and
exact and near copies of filler articles.  Fillers are random but readable texts
(tests/robust_text.py), far apart for dedup.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from tests.robust_text import article_text

GOV = "https://www.gov.kz/memleket/entities/{entity}/press/news/details/{number}?lang={lang}"


@dataclass
class Record:
    url: str
    title: str
    body: list[str]
    published: str
    lang: str
    source_url: str | None = None

    def line(self) -> str:
        value = {"url": self.url, "title": self.title, "body": self.body, "published": self.published,
                 "lang": self.lang}
        if self.source_url:
            value["source_url"] = self.source_url
        return json.dumps(value, ensure_ascii=False)


RELEASES = {
    ("energo", 40101, "2026-04-14"): {
        "kk": ("Түркістан облысында елу мегаваттық күн электр станциясы іске қосылды",
               ["Энергетика министрлігінің хабарлауынша, Түркістан облысының Созақ ауданында қуаты елу мегаватт"
                " болатын жаңа күн электр станциясы жұмысын бастады.",
                "Станция жылына шамамен тоқсан миллион киловатт-сағат электр энергиясын өндіреді. Құрылыс"
                " кезінде жүз жиырма жергілікті тұрғын жұмысқа орналасты, енді станцияда отыз маман тұрақты"
                " еңбек етеді."]),
        "ru": ("В Туркестанской области запущена солнечная электростанция на пятьдесят мегаватт",
               ["Как сообщило Министерство энергетики, в Созакском районе Туркестанской области начала работу"
                " новая солнечная электростанция мощностью пятьдесят мегаватт.",
                "Станция будет вырабатывать около девяноста миллионов киловатт-часов электроэнергии в год. Во"
                " время строительства работу получили сто двадцать местных жителей, теперь на станции постоянно"
                " трудятся тридцать специалистов."]),
        "en": ("A fifty-megawatt solar power plant starts work in Turkistan region",
               ["The Ministry of Energy reported that a new solar power plant with a capacity of fifty megawatts"
                " has started work in the Sozak district of Turkistan region.",
                "The plant will produce about ninety million kilowatt-hours of electricity a year. One hundred and"
                " twenty local residents were employed during construction, and thirty specialists now work at"
                " the plant permanently."]),
    },
    ("dsm", 52207, "2026-04-15"): {
        "kk": ("Шығыс Қазақстанның шалғай ауылдарына жылжымалы емханалар барады",
               ["Денсаулық сақтау министрлігі мамыр айынан бастап Шығыс Қазақстан облысының қырық шалғай ауылына"
                " жылжымалы емханалар жіберетінін мәлімдеді.",
                "Әр емханада терапевт, педиатр және медбике жұмыс істейді. Тұрғындар қан қысымын өлшетіп,"
                " балаларды егу кестесі бойынша тексертіп, қажетті дәрі-дәрмек туралы кеңес ала алады."]),
        "ru": ("Мобильные поликлиники поедут в отдалённые сёла Восточного Казахстана",
               ["Министерство здравоохранения сообщило, что с мая мобильные поликлиники начнут объезжать сорок"
                " отдалённых сёл Восточно-Казахстанской области.",
                "В каждой поликлинике будут работать терапевт, педиатр и медсестра. Жители смогут измерить"
                " давление, проверить прививки детей по графику и получить совет о нужных лекарствах."]),
        "en": ("Mobile clinics to visit remote villages of East Kazakhstan",
               ["The Ministry of Healthcare said that from May mobile clinics will begin touring forty remote"
                " villages of East Kazakhstan region.",
                "Each clinic will have a general practitioner, a paediatrician and a nurse. Residents will be"
                " able to have their blood pressure measured, check their children's vaccinations against the"
                " schedule and get advice on the medicines they need."]),
    },
    ("transport", 61930, "2026-04-16"): {
        "kk": ("Алматы мен Қапшағай арасындағы жолды қайта жаңарту аяқталды",
               ["Көлік министрлігі Алматы мен Қапшағай арасындағы алпыс шақырымдық жолдың қайта жаңартылғанын"
                " хабарлады.",
                "Енді жол төрт жолақты, жаңа жарықтандыру мен жаяу жүргіншілерге арналған үш көпір салынды."
                " Мердігер жұмысты мерзімінен екі ай бұрын аяқтап, жолды жазғы демалыс маусымына дайындады."]),
        "ru": ("Завершена реконструкция дороги между Алматы и Капшагаем",
               ["Министерство транспорта сообщило о завершении реконструкции шестидесятикилометровой дороги"
                " между Алматы и Капшагаем.",
                "Теперь дорога четырёхполосная, появились новое освещение и три пешеходных моста. Подрядчик"
                " закончил работы на два месяца раньше срока и подготовил трассу к летнему сезону отдыха."]),
        "en": ("Reconstruction of the Almaty to Kapshagay road completed",
               ["The Ministry of Transport announced that the reconstruction of the sixty-kilometre road between"
                " Almaty and Kapshagay has been completed.",
                "The road now has four lanes, new lighting and three pedestrian bridges. The contractor finished"
                " the work two months ahead of schedule and prepared the route for the summer holiday season."]),
    },
    ("mck", 70415, "2026-04-17"): {
        "kk": ("Семейдегі Абай мұражайы қайта жаңартудан кейін есігін ашты",
               ["Мәдениет және ақпарат министрлігінің мәліметінше, Семейдегі Абай мұражайы екі жылдық қайта"
                " жаңартудан кейін келушілерді қайта қабылдай бастады.",
                "Мұражайда үш жаңа зал ашылды: қолжазбалар залы, ақын заманының тұрмысы және балаларға арналған"
                " интерактивті зал. Алғашқы аптада кіру тегін болады."]),
        "ru": ("Музей Абая в Семее открылся после реставрации",
               ["По данным Министерства культуры и информации, музей Абая в Семее после двухлетней реставрации"
                " снова принимает посетителей.",
                "В музее открылись три новых зала: зал рукописей, зал быта эпохи поэта и интерактивный зал для"
                " детей. В первую неделю вход будет бесплатным."]),
        "en": ("Abai museum in Semey reopens after restoration",
               ["According to the Ministry of Culture and Information, the Abai museum in Semey is receiving"
                " visitors again after a two-year restoration.",
                "Three new halls have opened in the museum: a hall of manuscripts, a hall of everyday life in the"
                " poet's time and an interactive hall for children. Entry will be free during the first week."]),
    },
}


def release_records() -> dict[tuple[int, str], Record]:
    out = {}
    for (entity, number, day), versions in RELEASES.items():
        for lang, (title, body) in versions.items():
            url = GOV.format(entity=entity, number=number, lang=lang)
            out[(number, lang)] = Record(url, title, body, day, lang, source_url=url)
    return out


@dataclass
class Corpus:
    first: list[Path]  # the files of the first import
    second: list[Path]  # the files of the second import
    records: int  # records in both sets
    distinct: int  # distinct articles among them
    stories: int  # stories of more than one article (the four releases)


def _fillers(rng: random.Random, lang: str, count: int, host: str, day: str) -> list[Record]:
    out = []
    for n in range(count):
        title, body = article_text(rng, lang, paragraphs=2)
        out.append(Record(f"https://{host}/{lang}/{n}", title, body, day, lang))
    return out


def _near(record: Record, url: str) -> Record:
    """The same text with its last number changed, under another address and no source link."""
    last = record.body[-1]
    cut = last.rstrip(".").rsplit(" ", 1)
    changed = f"{cut[0]} {int(cut[1]) + 1}." if cut[-1].isdigit() else last + " Updated."
    return Record(url, record.title, [*record.body[:-1], changed], record.published, record.lang)


def _write(folder: Path, name: str, records: list[Record], per_file: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, len(records), per_file):
        path = folder / f"{name}-{start // per_file:02d}.jsonl"
        path.write_text("\n".join(r.line() for r in records[start:start + per_file]) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def write_corpus(root: Path, fillers: int = 12, per_file: int = 4) -> Corpus:
    """Two sets of files under `root` (first/, second/) with the copies of the module's doc."""
    rng = random.Random(16)
    rel = release_records()
    mine = _fillers(rng, "ru", fillers, "first.example.kz", "2026-04-10")
    theirs = _fillers(rng, "ru", fillers, "second.example.kz", "2026-04-11")
    first = [rel[(40101, "kk")], rel[(52207, "kk")], rel[(52207, "ru")], rel[(52207, "en")],
             rel[(61930, "en")], rel[(70415, "kk")], rel[(70415, "en")]]
    second = [rel[(40101, "ru")], rel[(40101, "en")], rel[(61930, "kk")], rel[(61930, "ru")],
              rel[(70415, "ru")], rel[(70415, "en")]]  # the same record as in the first set
    agency = rel[(52207, "ru")]
    second.append(Record("https://agency.example.kz/ru/mobilnye-polikliniki", agency.title, agency.body,
                         agency.published, "ru"))  # exact copy
    second.append(_near(rel[(61930, "en")], "https://agency.example.kz/en/road-completed"))  # near copy
    copies = [Record(r.url.replace("first.example.kz", "mirror.example.kz"), r.title, r.body, r.published, r.lang)
              for r in mine[:4]]  # exact copies of fillers of the first set
    nears = [_near(r, r.url.replace("second.example.kz", "reprint.example.kz")) for r in theirs[:4]]
    first_all = _interleave(first + mine + nears, rng)
    second_all = _interleave(second + theirs + copies, rng)
    planted = 1 + 1 + 1 + len(copies) + len(nears)  # exact, near, same record, filler copies
    records = len(first_all) + len(second_all)
    return Corpus(first=_write(root / "first", "first", first_all, per_file),
                  second=_write(root / "second", "second", second_all, per_file),
                  records=records, distinct=records - planted, stories=len(RELEASES))


def _interleave(records: list[Record], rng: random.Random) -> list[Record]:
    shuffled = list(records)
    rng.shuffle(shuffled)
    return shuffled
