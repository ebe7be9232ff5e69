"""Short news pages of our own in kk, ru and en, written into WARC files with warcio, for the
tests of imports from web archives (tests/test_backfill.py).

Each event is published by a gov.kz entity in three languages (one release id, so the three
versions make one story); copies are planted across files: the same page at a second address
(an aggregator's copy) and a near copy with a sentence more.
"""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

GOVKZ = "https://www.gov.kz/memleket/entities/{entity}/press/news/details/{release}?lang={lang}"

EVENTS = [
    {
        "entity": "edu", "release": "801101", "date": "2026-03-10",
        "kk": ("Павлодарда жаңа мектеп ашылды",
               ["Павлодар қаласында 1200 орындық жаңа мектеп оқушыларды қабылдады.",
                "Ғимаратта робототехника кабинеті, спорт залы және кітапхана бар.",
                "Мектепке облыс әкімі мен Оқу-ағарту министрлігінің өкілдері келді."]),
        "ru": ("В Павлодаре открылась новая школа",
               ["В Павлодаре новая школа на 1200 мест приняла первых учеников.",
                "В здании есть кабинет робототехники, спортивный зал и библиотека.",
                "На открытие приехали аким области и представители Министерства просвещения."]),
        "en": ("A new school opens in Pavlodar",
               ["A new school for 1,200 pupils has opened its doors in Pavlodar.",
                "The building has a robotics classroom, a sports hall and a library.",
                "The regional governor and officials of the Ministry of Education attended the opening."]),
    },
    {
        "entity": "moa", "release": "801202", "date": "2026-04-21",
        "kk": ("Ақмола облысында көктемгі егіс басталды",
               ["Ақмола облысының шаруалары 4,5 миллион гектар жерге дән себуді бастады.",
                "Биыл фермерлерге жеңілдетілген дизель отыны уақытында жеткізілді.",
                "Егіс науқаны мамыр айының соңына дейін созылады деп күтілуде."]),
        "ru": ("В Акмолинской области началась весенняя посевная",
               ["Аграрии Акмолинской области начали сев на площади 4,5 миллиона гектаров.",
                "В этом году льготное дизельное топливо доставлено фермерам вовремя.",
                "Посевная кампания, как ожидается, продлится до конца мая."]),
        "en": ("Spring sowing begins in Akmola region",
               ["Farmers of Akmola region have started sowing on 4.5 million hectares.",
                "This year discounted diesel fuel reached the farms on time.",
                "The sowing campaign is expected to last until the end of May."]),
    },
    {
        "entity": "health", "release": "801303", "date": "2026-02-14",
        "kk": ("Шымкентте жаңа перинаталдық орталық салынады",
               ["Шымкент қаласында 300 төсектік перинаталдық орталықтың құрылысы басталды.",
                "Орталық заманауи жабдықтармен жарақталып, 2027 жылы пайдалануға беріледі.",
                "Жоба аясында 150 жаңа жұмыс орны ашылады."]),
        "ru": ("В Шымкенте построят новый перинатальный центр",
               ["В Шымкенте началось строительство перинатального центра на 300 коек.",
                "Центр оснастят современным оборудованием и введут в строй в 2027 году.",
                "В рамках проекта будет создано 150 новых рабочих мест."]),
        "en": ("Shymkent to build a new perinatal centre",
               ["Construction of a 300-bed perinatal centre has begun in Shymkent.",
                "The centre will have modern equipment and is due to open in 2027.",
                "The project will create 150 new jobs."]),
    },
]

NEAR_EXTRA = {"kk": "Бұл туралы ведомстваның баспасөз қызметі хабарлады.",
              "ru": "Об этом сообщила пресс-служба ведомства.",
              "en": "The ministry's press service reported this."}


def page_html(title: str, paragraphs: list[str], date: str, lang: str, source_url: str) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="article:published_time" content="{date}T10:00:00+05:00">'
            f'<link rel="canonical" href="{source_url}"></head><body>'
            f'<nav><a href="/">Басты бет</a> <a href="/news">News</a></nav>'
            f"<h1>{title}</h1><article>{body}</article>"
            f"<footer>© 2026</footer></body></html>")


def pages_of(event: dict, lang: str, near: bool = False) -> tuple[str, str]:
    """(address, html) of one language version of an event."""
    title, paragraphs = event[lang]
    url = GOVKZ.format(entity=event["entity"], release=event["release"], lang=lang)
    if near:
        paragraphs = [*paragraphs, NEAR_EXTRA[lang]]
    return url, page_html(title, paragraphs, event["date"], lang, url)


def write_warc(path: Path, pages: list[tuple[str, str]]) -> Path:
    """A WARC file (gzip members when the name ends in .gz) with one 200 response per page."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        for url, html in pages:
            body = html.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          length=len(body), http_headers=headers))
    return path


def warc_set(folder: Path) -> list[Path]:
    """Three archives: the kk and ru pages, the en pages with an aggregator's exact copy of a
    kk page, and near copies of ru and en pages beside the kk page of the last event again."""
    folder.mkdir(parents=True, exist_ok=True)
    first = [pages_of(e, lang) for e in EVENTS for lang in ("kk", "ru")]
    _, copy_html = pages_of(EVENTS[0], "kk")
    second = [pages_of(e, "en") for e in EVENTS] + [
        ("https://aggregator.example/kk/news/pavlodar-mektep", copy_html)]
    near_ru_url, near_ru = pages_of(EVENTS[1], "ru", near=True)
    near_en_url, near_en = pages_of(EVENTS[2], "en", near=True)
    third = [("https://aggregator.example/ru/posevnaya", near_ru),
             ("https://aggregator.example/en/perinatal", near_en), pages_of(EVENTS[2], "kk")]
    return [write_warc(folder / "a.warc.gz", first), write_warc(folder / "b.warc.gz", second),
            write_warc(folder / "c.warc", third)]
