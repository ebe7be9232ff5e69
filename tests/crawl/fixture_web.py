"""The fixture web: gov.kz-style releases in kk/ru/en (found through the entity's RSS feeds), an agency RSS feed, a paginated akimat
listing and a news sitemap.  All text is written for these tests (the institutions named in
it are real, the events are not)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from webserver import FixtureServer, Reply, conditional


@dataclass
class Page:
    path: str  # with the query, as linked
    lang: str
    title: str
    date: str  # ISO, the date the page must come out with
    shown_date: str  # as the page prints it
    body: list[str]
    outlet: str
    kind: str  # govkz, feed, listing, sitemap


GOVKZ = [
    Page("/memleket/entities/edu/press/news/details/5101?lang=kk", "kk",
         "Ауыл мектептеріне жаңа физика кабинеттері жеткізілді",
         "2026-03-17", "17.03.2026",
         ["Оқу-ағарту министрлігі биыл ауыл мектептеріне үш жүзден астам физика кабинетін жеткізгенін хабарлады.",
          "Жаңа жабдықтар оқушыларға зертханалық жұмыстарды өз қолымен жасауға мүмкіндік береді. Мұғалімдер үшін қысқа курстар да ұйымдастырылады."],
         "edu", "govkz"),
    Page("/memleket/entities/edu/press/news/details/5102?lang=kk", "kk",
         "Мектеп асханаларындағы ас мәзірі жаңартылады",
         "2026-03-10", "10.03.2026",
         ["Министрлік мектеп асханаларына арналған ас мәзірін дәрігерлермен бірге қайта қарады.",
          "Жаңа мәзірде көкөніс пен жеміс көбейіп, тәтті тағамдар азаяды. Өзгерістер сәуір айынан бастап күшіне енеді."],
         "edu", "govkz"),
    Page("/memleket/entities/edu/press/news/details/6101?lang=ru", "ru",
         "В сельские школы поставлены новые кабинеты физики",
         "2026-03-17", "17.03.2026",
         ["Министерство просвещения сообщило, что в этом году сельские школы получили более трёхсот кабинетов физики.",
          "Новое оборудование позволит ученикам самим выполнять лабораторные работы. Для учителей проведут короткие курсы."],
         "edu", "govkz"),
    Page("/memleket/entities/edu/press/news/details/6102?lang=ru", "ru",
         "Меню школьных столовых пересмотрят вместе с врачами",
         "2026-03-10", "10.03.2026",
         ["Министерство вместе с врачами пересмотрело меню школьных столовых по всей стране.",
          "В новом меню станет больше овощей и фруктов, а сладких блюд меньше. Изменения вступят в силу с апреля."],
         "edu", "govkz"),
    Page("/memleket/entities/edu/press/news/details/7101?lang=en", "en",
         "Rural schools receive new physics classrooms",
         "2026-03-17", "17.03.2026",
         ["The Ministry of Education reported that rural schools received more than three hundred physics classrooms this year.",
          "The new equipment lets pupils carry out laboratory work with their own hands. Short courses will be held for teachers."],
         "edu", "govkz"),
    Page("/memleket/entities/edu/press/news/details/7102?lang=en", "en",
         "School canteen menus to be revised with doctors",
         "2026-03-10", "10.03.2026",
         ["Together with doctors, the ministry has revised the menus of school canteens across the country.",
          "The new menus will have more vegetables and fruit and fewer sweet dishes. The changes take effect in April."],
         "edu", "govkz"),
]

FEED = [
    Page("/agency/ru/vesennij-sev.html", "ru", "Аграрии Акмолинской области начали весенний сев",
         "2026-04-21", "2026-04-21T09:30:00+05:00",
         ["Первые поля в Акмолинской области засеяли на неделю раньше прошлого года, передаёт Steppe Wire.",
          "Фермеры объясняют ранний старт тёплой погодой и запасом влаги в почве после снежной зимы."],
         "Steppe Wire", "feed"),
    Page("/agency/ru/novyj-most.html", "ru", "Через Иртыш в Павлодаре построят второй мост",
         "2026-04-20", "2026-04-20T15:05:00+05:00",
         ["Строительство второго моста через Иртыш в Павлодаре начнётся летом, сообщили в городском акимате.",
          "Новый мост должен разгрузить центр города, где в часы пик образуются многокилометровые пробки."],
         "Steppe Wire", "feed"),
    Page("/agency/ru/biblioteka.html", "ru", "Областная библиотека Шымкента открыла ночной читальный зал",
         "2026-04-18", "2026-04-18T11:45:00+05:00",
         ["Читальный зал областной библиотеки Шымкента теперь работает до полуночи по будним дням.",
          "Студенты попросили продлить часы работы перед сессией, и администрация согласилась на пробный месяц."],
         "Steppe Wire", "feed"),
]

LISTING = [
    Page(f"/akimat/news/{n}.html", "kk", title, date, shown, body, "akimat-test", "listing")
    for n, (title, date, shown, body) in enumerate([
        ("Аудан орталығында жаңа саябақ ашылды", "2026-03-03", "2026 жылғы 3 наурыз",
         ["Аудан орталығында балалар алаңы мен велосипед жолы бар жаңа саябақ ашылды.",
          "Саябаққа екі мыңнан астам ағаш егілді, оларды күтуге жергілікті жастар көмектеседі."]),
        ("Көктемгі су тасқынына дайындық тексерілді", "2026-03-05", "2026 жылғы 5 наурыз",
         ["Әкімдік өзен жағасындағы ауылдарда су тасқынына дайындықты тексерді.",
          "Құтқарушылар қайықтар мен насостардың жұмысын көрсетіп, тұрғындарға жадынама таратты."]),
        ("Ауылдық клубта жастар театры құрылды", "2026-03-09", "2026 жылғы 9 наурыз",
         ["Ауылдық клубта он бес жасөспірім қатысатын жастар театры жұмысын бастады.",
          "Алғашқы қойылым Наурыз мерекесінде көрерменге ұсынылады деп жоспарланып отыр."]),
        ("Жолдарды жөндеу маусымы басталады", "2026-03-12", "2026 жылғы 12 наурыз",
         ["Биыл ауданда қырық шақырымнан астам ауылішілік жол жөнделеді.",
          "Мердігерлер жұмысты мамыр айында бастап, қазан айына дейін аяқтауға тиіс."]),
        ("Емханаға жаңа рентген аппараты әкелінді", "2026-03-14", "2026 жылғы 14 наурыз",
         ["Аудандық емханаға заманауи цифрлық рентген аппараты орнатылды.",
          "Енді тұрғындар облыс орталығына бармай-ақ тексерістен өте алады."]),
    ], start=1)
]

SITEMAP = [
    Page("/press/en/water-pipeline.html", "en", "Water pipeline reaches twelve villages in Turkistan region",
         "2026-02-20", "February 20, 2026",
         ["Twelve villages in Turkistan region are now connected to a new drinking water pipeline, the regional office said.",
          "Residents previously relied on delivered water; the line runs for almost ninety kilometres."],
         "press-test", "sitemap"),
    Page("/press/en/bus-routes.html", "en", "Karaganda adds three night bus routes",
         "2026-02-18", "February 18, 2026",
         ["Three night bus routes will link the residential districts of Karaganda with the railway station from March.",
          "The city transport office chose the routes after a survey of shift workers at local plants."],
         "press-test", "sitemap"),
    Page("/press/en/museum-hours.html", "en", "Aktobe museum opens its archive to schoolchildren",
         "2026-02-15", "February 15, 2026",
         ["The regional museum in Aktobe will let school groups work with its photo archive every Saturday.",
          "Historians will teach pupils how to date old photographs and describe them for the catalogue."],
         "press-test", "sitemap"),
]

ALL_PAGES = GOVKZ + FEED + LISTING + SITEMAP
SITE_NAMES = {"kk": "Қазақстан Республикасы Оқу-ағарту министрлігі", "ru": "Министерство просвещения",
              "en": "Ministry of Education"}


def article_html(page: Page) -> str:
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in page.body)
    meta, date_block, title_block = "", f'<div class="date">{escape(page.shown_date)}</div>', f"<h1>{escape(page.title)}</h1>"
    if page.kind == "feed":
        meta = f'<meta property="article:published_time" content="{page.shown_date}">'
        date_block = ""
    elif page.kind == "listing":
        date_block = f'<p class="info">Жарияланды: <span class="pub-date">{escape(page.shown_date)}</span></p>'
        title_block = f'<h1 class="news-title">{escape(page.title)}</h1>'
    elif page.kind == "sitemap":
        date_block = f'<p class="meta"><time datetime="{page.date}">{page.shown_date}</time></p>'
    return f"""<!DOCTYPE html>
<html lang="{page.lang}"><head><meta charset="utf-8"><title>{escape(page.title)}</title>{meta}</head>
<body>
<header><nav><a href="/">Home</a> <a href="/contacts">Contacts</a> <a href="/login">Login</a></nav></header>
<main><article>{title_block}
{date_block}
<div class="content">
{paragraphs}
</div></article></main>
<aside><h3>Links</h3><ul><li><a href="/contacts">Contacts</a></li></ul></aside>
<footer><p>All rights reserved, 2026.</p></footer>
</body></html>"""


def govkz_feed(lang: str) -> str:
    """gov.kz's RSS feed of one entity and language: short descriptions, links with lang."""
    items = "".join(
        f"<item><title>{escape(p.title)}</title><link>{{base}}{p.path}</link><guid>{{base}}{p.path}</guid>"
        f"<pubDate>{_rfc822_day(p.date)}</pubDate><description>{escape(p.body[0][:120])}</description></item>"
        for p in GOVKZ if p.lang == lang)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{SITE_NAMES[lang]}</title><link>{{base}}/memleket/entities/edu</link>"
            f"<description>{SITE_NAMES[lang]}</description>{items}</channel></rss>")


def _rfc822_day(iso_day: str) -> str:
    import datetime as dt
    return dt.datetime.fromisoformat(iso_day + "T10:00:00+05:00").strftime("%a, %d %b %Y %H:%M:%S %z")


def akimat_listing(page_no: int) -> str:
    per_page = 2
    chosen = LISTING[(page_no - 1) * per_page: page_no * per_page]
    items = "".join(f'<div class="news-item"><a class="news-link" href="{p.path}">{escape(p.title)}</a></div>'
                    for p in chosen)
    nxt = f'<a class="next" href="/akimat/news?page={page_no + 1}">Келесі</a>' if page_no * per_page < len(LISTING) else ""
    return (f'<!DOCTYPE html><html lang="kk"><head><meta charset="utf-8"><title>Жаңалықтар</title></head>'
            f'<body><a href="/contacts">Байланыс</a>{items}<div class="pager">{nxt}</div></body></html>')


def rss_feed() -> str:
    items = "".join(
        f"<item><title>{escape(p.title)}</title><link>{{base}}{p.path}?utm_source=rss</link>"
        f"<guid>{p.path}</guid><pubDate>{_rfc822(p)}</pubDate><description>{escape(p.body[0])}</description></item>"
        for p in FEED)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Steppe Wire</title>'
            f"<link>{{base}}/agency/</link><language>ru</language><description>Лента</description>{items}</channel></rss>")


def _rfc822(page: Page) -> str:
    import datetime as dt
    when = dt.datetime.fromisoformat(page.shown_date)
    return when.strftime("%a, %d %b %Y %H:%M:%S %z")


def news_sitemap() -> str:
    urls = "".join(
        f"<url><loc>{{base}}{p.path}</loc><news:news><news:publication><news:name>Press</news:name>"
        f"<news:language>en</news:language></news:publication><news:publication_date>{p.date}"
        f"</news:publication_date><news:title>{escape(p.title)}</news:title></news:news></url>"
        for p in SITEMAP)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
            f' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')


def sitemap_index() -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap></sitemapindex>")


def make_site(delay: float = 0.0) -> FixtureServer:
    """The fixture web; `delay` slows every article page (for the kill-and-restart test)."""
    routes: dict = {}
    holder: dict = {}

    def fill(text: str) -> bytes:
        return text.replace("{base}", holder["base"]).encode("utf-8")

    def article_route(page: Page):
        def route(query, headers):
            if delay:
                import time
                time.sleep(delay)
            return Reply(200, article_html(page).encode("utf-8"))
        return route

    for page in ALL_PAGES:
        routes[page.path.split("?")[0]] = article_route(page)

    for lang in ("kk", "ru", "en"):
        routes[f"/api/v1/public/rss/edu/news/{lang}"] = (
            lambda q, h, lang=lang: conditional(f'"gk-{lang}"', fill(govkz_feed(lang)), "application/rss+xml; charset=utf-8", h))
    routes["/robots.txt"] = lambda q, h: Reply(200, b"User-agent: *\nDisallow: /admin/\n", {}, "text/plain")
    routes["/rss/ru.xml"] = lambda q, h: conditional('"rss-1"', fill(rss_feed()), "application/rss+xml; charset=utf-8", h)
    routes["/akimat/news"] = lambda q, h: conditional(f'"ak-{q.get("page", "1")}"',
                                                      akimat_listing(int(q.get("page", "1"))).encode(),
                                                      "text/html; charset=utf-8", h)
    routes["/sitemap.xml"] = lambda q, h: conditional('"sm-index"', fill(sitemap_index()), "application/xml", h)
    routes["/sitemap-news.xml"] = lambda q, h: conditional('"sm-news"', fill(news_sitemap()), "application/xml", h)
    server = FixtureServer(routes)
    holder["base"] = server.base
    return server


def sources_toml(base: str, extra_crawl: str = "") -> str:
    return f"""
[crawl]
contact = "https://janalyq.example/contact"
allow_loopback = true
rate_per_host = 50
concurrency_per_host = 4
timeout = 10
backoff_base = 0.05
{extra_crawl}

[[source]]
name = "edu"
kind = "govkz"
url = "{base}"
entity = "edu"
languages = ["kk", "ru", "en"]

[[source]]
name = "steppe-wire-ru"
kind = "rss"
url = "{base}/rss/ru.xml"
lang = "ru"
outlet = "Steppe Wire"

[[source]]
name = "akimat-test"
kind = "listing"
url = "{base}/akimat/news?page=1"
lang = "kk"
outlet = "akimat-test"
link_selector = "a.news-link"
next_selector = "a.next"
title_selector = "h1.news-title"
date_selector = ".pub-date"
max_depth = 5

[[source]]
name = "press-test"
kind = "sitemap"
url = "{base}/sitemap.xml"
outlet = "press-test"
body_selector = "div.content"
"""
