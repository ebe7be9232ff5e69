"""A fixture web shaped like the real sources of official news, one server per site on 127.0.0.1.

The URL forms, listing selectors and feed shapes are those collectors recorded for the real sites
(see sources.example.toml); the pages around them and every sentence are written for these tests
(the institutions are real, the events are not).  www.gov.kz is a JavaScript application here as
there: its release pages are shells whose text appears only when their script runs (the script
loads the release from a data file and writes the page).
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from html import escape

from webserver import FixtureServer, Reply, conditional

ASTANA = dt.timezone(dt.timedelta(hours=5))
HTML = "text/html; charset=utf-8"


@dataclass
class Release:
    site: str  # key of the fixture server
    path: str  # as linked (with its query)
    lang: str  # what the article must come out as
    title: str
    when: str  # ISO with the offset: the date and time the article must come out with
    body: list[str]
    outlet: str
    shown: str = ""  # the date as the page or card prints it
    section: str = ""

    @property
    def moment(self) -> dt.datetime:
        return dt.datetime.fromisoformat(self.when)


def _gov(entity: str, rid: int, lang: str) -> str:
    return f"/memleket/entities/{entity}/press/news/details/{rid}?lang={lang}"


GOVKZ = [
    # a description that is the whole release: no page needed
    Release("govkz", _gov("mfa", 880101, "ru"), "ru", "Казахстан и Монголия обсудили расписание новых авиарейсов",
            "2026-07-13T17:25:00+05:00",
            ["В Министерстве иностранных дел прошли консультации делегаций Казахстана и Монголии по воздушному сообщению.",
             "Стороны договорились увеличить число прямых рейсов между Астаной и Улан-Батором до четырёх в неделю начиная с осени. "
             "Отдельно обсуждались рейсы из Алматы и Усть-Каменогорска, которые могут появиться в летнем расписании следующего года.",
             "Дипломаты также рассмотрели упрощение визовых процедур для туристических групп и студентов, обучающихся по обмену."],
            "mfa", "13 июля 2026, 17:25"),
    # a short description: the release page (a JavaScript shell) has the text
    Release("govkz", _gov("mfa", 880102, "ru"), "ru", "Консульский пункт в Анталье продлил часы приёма граждан",
            "2026-07-12T10:05:00+05:00",
            ["Консульский пункт в Анталье на время туристического сезона принимает граждан Казахстана с восьми утра до восьми вечера без выходных.",
             "Дежурный консул помогает тем, кто потерял документы, и тем, кому нужна справка для возвращения домой. "
             "Записаться можно по телефону горячей линии или через мессенджер консульства."],
            "mfa", "12 июля 2026, 10:05"),
    Release("govkz", _gov("mfa", 880201, "kk"), "kk", "Анталиядағы консулдық пункт азаматтарды қабылдау уақытын ұзартты",
            "2026-07-12T10:05:00+05:00",
            ["Анталиядағы консулдық пункт туристік маусым кезінде Қазақстан азаматтарын таңғы сегізден кешкі сегізге дейін демалыссыз қабылдайды.",
             "Кезекші консул құжатын жоғалтқандарға және елге оралу үшін анықтама қажет болғандарға көмектеседі. "
             "Жедел желі телефоны немесе консулдықтың мессенджері арқылы жазылуға болады."],
            "mfa", "12 шілде 2026, 10:05"),
    Release("govkz", _gov("mfa", 880301, "en"), "en", "Consular point in Antalya extends its opening hours",
            "2026-07-12T10:05:00+05:00",
            ["During the tourist season the consular point in Antalya receives citizens of Kazakhstan from eight in the morning to eight in the evening, every day.",
             "The duty consul helps those who lost their documents and those who need a certificate to return home. "
             "Appointments can be made through the hotline or the consulate's messenger account."],
            "mfa", "July 12, 2026, 10:05"),
    Release("govkz", _gov("kostanai-kalasy-akimat", 40117, "kk"), "kk", "Қостанайда үш аялдама жылытылатын павильонға айналады",
            "2026-07-10T09:40:00+05:00",
            ["Қала әкімдігі Абай даңғылындағы үш аялдамада қысқа дейін жылытылатын павильондар орнатуды жоспарлап отыр.",
             "Павильондарда жарық, орындықтар және автобустың келу уақытын көрсететін табло болады. "
             "Тұрғындар ұсыныстарын әкімдіктің сайты арқылы жолдай алады."],
            "kostanai-kalasy-akimat", "10 шілде 2026, 09:40"),
    Release("govkz", _gov("kostanai-kalasy-akimat", 40118, "ru"), "ru", "В Костанае три остановки станут тёплыми павильонами",
            "2026-07-10T09:40:00+05:00",
            ["Акимат города планирует до зимы установить тёплые павильоны на трёх остановках проспекта Абая.",
             "В павильонах будут свет, скамейки и табло со временем прибытия автобусов. "
             "Жители могут направить предложения через сайт акимата."],
            "kostanai-kalasy-akimat", "10 июля 2026, 09:40"),
]

AKORDA = [
    Release("akorda", "/ru/prezident-vstretilsya-s-uchitelyami-selskih-shkol-1307261", "ru",
            "Президент встретился с учителями сельских школ",
            "2026-07-13T15:30:00+05:00",
            ["Глава государства провёл встречу с учителями из двенадцати областей, работающими в малокомплектных школах.",
             "Участники рассказали о нехватке учебников на казахском языке и о трудностях с интернетом в отдалённых сёлах. "
             "Президент поручил правительству подготовить программу поддержки таких школ до конца года."],
            "akorda.kz", "13 июля 2026, 15:30"),
    Release("akorda", "/kz/prezident-auyl-mektepterinin-mugalimderimen-kezdesti-1307262", "kk",
            "Президент ауыл мектептерінің мұғалімдерімен кездесті",
            "2026-07-13T15:30:00+05:00",
            ["Мемлекет басшысы он екі облыстан келген шағын жинақты мектептердің мұғалімдерімен кездесу өткізді.",
             "Қатысушылар қазақ тіліндегі оқулықтардың жетіспеушілігі мен шалғай ауылдардағы интернет мәселесін айтты. "
             "Президент үкіметке жыл соңына дейін мұндай мектептерді қолдау бағдарламасын дайындауды тапсырды."],
            "akorda.kz", "13 шілде 2026, 15:30"),
    Release("akorda", "/en/president-meets-rural-school-teachers-1307263", "en",
            "President meets rural school teachers",
            "2026-07-13T15:30:00+05:00",
            ["The Head of State met teachers from twelve regions who work in small rural schools.",
             "The participants spoke about the shortage of textbooks in Kazakh and poor internet access in remote villages. "
             "The President instructed the government to prepare a support programme for such schools by the end of the year."],
            "akorda.kz", "July 13, 2026, 15:30"),
]

PRIMEMINISTER = [
    Release("primeminister", "/ru/news/v-pravitelstve-obsudili-podgotovku-k-otopitelnomu-sezonu-24511", "ru",
            "В Правительстве обсудили подготовку к отопительному сезону",
            "2026-07-14T11:20:00+05:00",
            ["На заседании Правительства рассмотрели ход ремонта котельных и тепловых сетей в регионах.",
             "Акимам поручено завершить замену изношенных участков сетей до первого сентября. "
             "Особое внимание уделят городам, где в прошлую зиму были аварии на теплотрассах."],
            "primeminister.kz", "14.07.2026 11:20"),
    Release("primeminister", "/ru/news/reviews/itogi-polugodiya-v-selskom-hozyaistve-24498", "ru",
            "Итоги полугодия в сельском хозяйстве",
            "2026-07-11T16:00:00+05:00",
            ["Объём производства в сельском хозяйстве за шесть месяцев вырос на четыре процента.",
             "Рост обеспечили животноводство и переработка молока. "
             "Министерство сельского хозяйства ожидает хороший урожай зерновых при нынешней погоде.",
             "Фермерам, пострадавшим от весеннего паводка, продлят сроки возврата льготных кредитов."],
            "primeminister.kz", "11.07.2026 16:00", "reviews"),
]

KAZINFORM = [
    Release("inform", "/ru/v-almaty-otkrylsya-novyy-velomarshrut-3a91f0", "ru",
            "В Алматы открылся новый веломаршрут вдоль реки Есентай",
            "2026-07-15T09:12:00+05:00",
            ["Новый веломаршрут длиной одиннадцать километров соединил микрорайоны на юге города с центром.",
             "На маршруте установлены станции проката и питьевые фонтанчики, а на перекрёстках появились отдельные светофоры для велосипедистов.",
             "Городские власти обещают продлить маршрут до аэропорта в следующем году, если им будут пользоваться."],
            "Kazinform", "09:12, 15 июля 2026"),
    Release("inform", "/ru/v-pavlodare-zavershili-remont-shkol-b27c4d", "ru",
            "В Павлодаре завершили ремонт шести школ",
            "2026-07-14T18:40:00+05:00",
            ["Ремонт шести школ Павлодара закончился на месяц раньше срока, сообщили в городском отделе образования.",
             "В зданиях заменили окна и кровлю, а в двух школах открыли новые спортивные залы.",
             "Ещё четыре школы отремонтируют в следующем году, их список уже утвердили в областном управлении."],
            "Kazinform", "18:40, 14 июля 2026"),
    Release("kaz", "/news/turkistanda-zhana-auruhana-ashyldy-5d20e1/", "kk",
            "Түркістанда жаңа көпбейінді аурухана ашылды",
            "2026-07-15T11:05:00+05:00",
            ["Түркістан қаласында үш жүз орындық көпбейінді аурухана пациенттерді қабылдай бастады.",
             "Ауруханада кардиология, неврология және балалар хирургиясы бөлімдері жұмыс істейді.",
             "Облыс басшылығының айтуынша, енді тұрғындар күрделі операция үшін Шымкентке барудың қажеті жоқ."],
            "Kazinform", "11:05, 15 шілде 2026"),
    Release("qz", "/news/aqtobede-zhastar-ortalygy-ashyldy-0f4e9a/", "kk",
            "Aqtóbede jastar ortalyǵy ashyldy",
            "2026-07-15T14:30:00+05:00",
            ["Aqtóbe qalasynda jastarǵa arnalǵan jańa ortalyq ashyldy, onda kitaphana men sport zaly bar.",
             "Ortalyqta mektep oqýshylaryna tegin úıirmeler jumys isteıdi, al stýdentter kóńilinshe jobalaryn qorǵaı alady.",
             "Qala ákimdigi kelesi jyly osyndaı ortalyqty Aqtóbeniń shaǵyn aýdandarynyń birinde ashýdy josparlap otyr."],
            "Kazinform", "14:30, 15 Shilde 2026"),
    Release("en", "/news/kazakhstan-launches-new-weather-satellite-7c11aa/", "en",
            "Kazakhstan prepares a new weather satellite for launch",
            "2026-07-15T12:00:00+05:00",
            ["Kazakhstan's space agency said a new weather satellite will be launched from Baikonur in the autumn.",
             "The satellite will help forecasters watch dust storms and spring floods across the steppe.",
             "Engineers in Astana built its cameras, and the agency expects it to send its first pictures before the winter."],
            "Kazinform", "12:00, 15 July 2026"),
]

KT = [
    Release("kt", "/rus/economy/tarify-na-vodu-ne-izmenyatsya_1700012345.html", "ru",
            "Тарифы на воду в Караганде не изменятся до конца года",
            "2026-07-07T16:34:00+05:00",
            ["Городской водоканал сообщил, что тарифы на холодную воду останутся прежними до декабря.",
             "Компания объяснила решение тем, что ремонт водопровода в этом году оплачен из местного бюджета."],
            "kt.kz", "07.07.2026, 16:34"),
    Release("kt", "/rus/society/v-shymkente-otkryli-park_1700012399.html", "ru",
            "В Шымкенте открыли парк на месте старого рынка",
            "2026-07-08T10:02:00+05:00",
            ["На месте старого рынка в центре Шымкента открылся парк с фонтаном и детской площадкой.",
             "Деревья для парка выращены в городском питомнике, полив устроен капельным способом."],
            "kt.kz", "08.07.2026, 10:02"),
]

BAQ = [
    Release("baq", "/oral-qalasynda-zhol-zhondeu-bastaldy-204517/", "kk",
            "Орал қаласында жол жөндеу басталды",
            "2026-07-09T13:15:00+05:00",
            ["Орал қаласының орталық көшелерінде жол жөндеу жұмыстары басталды.",
             "Жұмыс түнде жүргізіледі, сондықтан күндіз көлік қозғалысы шектелмейді."],
            "BAQ.KZ", "09.07.2026, 13:15"),
    Release("rusbaq", "/v-uralske-nachalsya-remont-dorog_204517883", "ru",
            "В Уральске начался ремонт дорог",
            "2026-07-09T13:20:00+05:00",
            ["На центральных улицах Уральска начался ремонт дорожного покрытия.",
             "Работы ведут ночью, поэтому днём движение транспорта не ограничивают."],
            "BAQ.KZ", "09.07.2026, 13:20"),
]

ALL = GOVKZ + AKORDA + PRIMEMINISTER + KAZINFORM + KT + BAQ
# the real host each fixture server stands for, as sources.example.toml names it
HOSTS = {"govkz": "https://www.gov.kz", "akorda": "https://www.akorda.kz", "primeminister": "https://primeminister.kz",
         "inform": "https://www.inform.kz", "kaz": "https://kaz.inform.kz", "qz": "https://qz.inform.kz",
         "en": "https://en.inform.kz", "kt": "https://www.kt.kz", "baq": "https://baq.kz", "rusbaq": "https://rus.baq.kz"}
SHORT = {_gov("mfa", 880101, "ru")}  # every other gov.kz item has a short description


def _page(lang: str, title: str, main: str, head: str = "") -> str:
    """A news site's page: menus, the article, related links and a footer around it."""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>{head}</head>'
            '<body><header><nav class="menu"><a href="/">Home</a> <a href="/about">About</a> <a href="/contacts">Contacts</a>'
            '</nav></header>'
            f"<main>{main}</main>"
            '<aside class="related"><h3>Read also</h3><ul><li><a href="/about">About us</a></li></ul></aside>'
            "<footer><p>© 2026. All rights reserved.</p></footer></body></html>")


def _paragraphs(r: Release) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in r.body)


# -- gov.kz: RSS feeds and JavaScript release pages ---------------------------------------------------
GOVKZ_SHELL = ('<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Egov</title>'
               '<script src="/static/js/app.js" defer></script></head><body>'
               "<noscript>Для работы сайта включите JavaScript.</noscript><div id=\"app\"></div></body></html>")

GOVKZ_APP = """
(function () {
  var key = location.pathname.split('/').pop() + '-' + new URLSearchParams(location.search).get('lang');
  fetch('/static/data/' + key + '.json').then(function (r) { return r.json(); }).then(function (d) {
    var app = document.getElementById('app');
    var html = '<header class="egov-header"><nav><a href="/">Главная</a> <a href="/memleket">Госорганы</a></nav></header>';
    html += '<div class="breadcrumbs">' + d.entity + ' / Пресс-центр / Новости</div>';
    html += '<article class="news-detail"><h1 class="news-detail__title"></h1>';
    html += '<p class="news-detail__date"></p><div class="news-detail__content"></div></article>';
    html += '<footer class="egov-footer"><p>© 2026 Egov</p></footer>';
    app.innerHTML = html;
    app.querySelector('.news-detail__title').textContent = d.title;
    app.querySelector('.news-detail__date').textContent = d.date;
    var content = app.querySelector('.news-detail__content');
    d.body.forEach(function (text) { var p = document.createElement('p'); p.textContent = text; content.appendChild(p); });
  });
})();
"""


def govkz_feed(entity: str, lang: str) -> str:
    items = []
    for r in GOVKZ:
        if f"/entities/{entity}/" not in r.path or r.lang != lang:
            continue
        whole = r.path in SHORT
        description = "".join(f"<p>{escape(p)}</p>" for p in r.body) if whole else escape(r.body[0][:110]) + "…"
        items.append(f"<item><title>{escape(r.title)}</title><link>{{base}}{r.path}</link>"
                     f"<description>{escape(description) if whole else description}</description>"
                     f"<pubDate>{r.moment.strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate>"
                     f'<guid isPermaLink="false">{r.path.split("/")[-1]}</guid></item>')
    return ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{entity}</title><link>{{base}}/memleket/entities/{entity}</link><description>{entity} news</description>"
            f"{''.join(items)}</channel></rss>")


def _govkz_routes(routes: dict, fill) -> None:
    for entity in ("mfa", "kostanai-kalasy-akimat"):
        for lang in ("kk", "ru", "en"):
            routes[f"/api/v1/public/rss/{entity}/news/{lang}"] = (
                lambda q, h, e=entity, lg=lang: conditional(f'"{e}-{lg}"', fill(govkz_feed(e, lg)),
                                                           "application/rss+xml; charset=utf-8", h))
    for r in GOVKZ:
        path, _, query = r.path.partition("?")
        routes[path] = lambda q, h: Reply(200, GOVKZ_SHELL.encode())
        data = {"entity": r.outlet, "title": r.title, "date": r.shown, "body": r.body}
        key = f"/static/data/{path.rsplit('/', 1)[1]}-{query.split('=')[1]}.json"
        routes[key] = lambda q, h, d=data: Reply(200, json.dumps(d, ensure_ascii=False).encode(), {},
                                                 "application/json; charset=utf-8")
    routes["/static/js/app.js"] = lambda q, h: Reply(200, GOVKZ_APP.encode(), {}, "application/javascript")


# -- akorda.kz --------------------------------------------------------------------------------------
def akorda_listing(edition: str) -> str:
    lang = {"kz": "kk", "ru": "ru", "en": "en"}[edition]
    cards = "".join(
        f'<div class="card"><img src="/img/{i}.jpg" alt=""><div class="card-body"><h5>{escape(r.shown)}</h5>'
        f'<h3><a href="{r.path}">{escape(r.title)}</a></h3><p class="card-text">{escape(r.body[0][:80])}…</p></div></div>'
        for i, r in enumerate(AKORDA) if r.lang == lang)
    return _page(lang, "Akorda", f'<section class="events"><h2>События</h2>{cards}</section>'
                                 '<div class="banner"><a href="/ru/about">Резиденция</a></div>')


def akorda_article(r: Release) -> str:
    return _page(r.lang, r.title, f'<div class="article"><h1>{escape(r.title)}</h1>'
                                  f'<div class="article__share"><a href="/share">Поделиться</a></div>'
                                  f'<div class="article__text">{_paragraphs(r)}</div></div>')


# -- primeminister.kz -------------------------------------------------------------------------------
def primeminister_listing() -> str:
    cards = "".join(
        f'<a class="main__article" href="{r.path}"><div class="main__article-heading">{escape(r.title)}</div>'
        f'<div class="main__article-text">{escape(r.body[0][:90])}…</div><span class="article__date">{r.shown}</span></a>'
        for r in PRIMEMINISTER)
    return _page("ru", "Премьер-Министр", f'<div class="main__articles">{cards}</div>')


def primeminister_article(r: Release) -> str:
    return _page(r.lang, r.title, f'<article><h1 class="article__title">{escape(r.title)}</h1>'
                                  f'<div class="article__content">{_paragraphs(r)}</div></article>')


# -- Kazinform ---------------------------------------------------------------------------------------
def kazinform_article(r: Release) -> str:
    meta = f'<meta property="article:published_time" content="{r.when}">'
    return _page(r.lang, r.title, f'<article class="article"><h1>{escape(r.title)}</h1>'
                                  f'<div class="article__date">{escape(r.shown)}</div>'
                                  f'<div class="article__body">{_paragraphs(r)}</div>'
                                  '<div class="article__tags"><a href="/tags/news">news</a></div></article>', meta)


def link_list(releases: list[Release], lang: str, extra: str = "") -> str:
    items = "".join(f'<li><a href="{r.path}">{escape(r.title)}</a></li>' for r in releases)
    return _page(lang, "News", f'<ul class="news-list">{items}</ul>{extra}')


# -- kt.kz and baq.kz ------------------------------------------------------------------------------
def dated_article(r: Release) -> str:
    """kt.kz and baq.kz: the date, then a view count, above the text; no metadata."""
    return _page(r.lang, r.title, f'<div class="news"><h1>{escape(r.title)}</h1>'
                                  f'<div class="news__meta"><span class="date">{r.shown}</span> '
                                  f'<span class="views">1 204</span></div>'
                                  f'<div class="news__text">{_paragraphs(r)}</div></div>')


def _site_routes(site: str) -> dict:
    pages = [r for r in ALL if r.site == site]
    routes: dict = {}
    render = {"akorda": akorda_article, "primeminister": primeminister_article, "kt": dated_article,
              "baq": dated_article, "rusbaq": dated_article}.get(site, kazinform_article)
    if site != "govkz":
        for r in pages:
            routes[r.path] = lambda q, h, r=r: Reply(200, render(r).encode())
    if site == "akorda":
        for edition in ("kz", "ru", "en"):
            routes[f"/{edition}/events"] = lambda q, h, e=edition: Reply(200, akorda_listing(e).encode())
    elif site == "primeminister":
        routes["/ru"] = lambda q, h: Reply(200, primeminister_listing().encode())
    elif site == "inform":
        def lenta(q, h):
            page_no = int(q.get("page", "1"))
            pager = '<div class="pager"><a href="/ru/lenta/?page=1">1</a> <a href="/ru/lenta/?page=2">2</a> <a href="/ru/lenta/?page=3">3</a></div>'
            return Reply(200, link_list(pages[page_no - 1: page_no], "ru", pager).encode())
        routes["/ru/lenta/"] = lenta
    elif site == "qz":
        routes["/"] = lambda q, h: Reply(200, link_list([], "kk", '<a href="/category/saiasat_c211/">Saiasat</a>').encode())
        routes["/category/saiasat_c211/"] = lambda q, h: Reply(200, link_list(pages, "kk").encode())
    elif site == "kt":
        routes["/rus/all"] = lambda q, h: Reply(200, link_list(pages, "ru").encode())
    else:
        routes["/"] = lambda q, h: Reply(200, link_list(pages, {"kaz": "kk", "baq": "kk"}.get(site, "ru" if site == "rusbaq" else "en")).encode())
    return routes


@contextmanager
def real_shapes_web():
    """Yields {site: FixtureServer}; each site on its own port of 127.0.0.1."""
    with ExitStack() as stack:
        servers = {}
        for site in HOSTS:
            holder: dict = {}
            routes = _site_routes(site)
            if site == "govkz":
                _govkz_routes(routes, lambda text, holder=holder: text.replace("{base}", holder["base"]).encode())
            routes["/robots.txt"] = lambda q, h: Reply(200, b"User-agent: *\nDisallow: /admin/\n", {}, "text/plain")
            server = FixtureServer(routes)
            holder["base"] = server.base
            servers[site] = stack.enter_context(server)
        yield servers


def rebased_sources(servers: dict, names: list[str] | None = None):
    """The sources of sources.example.toml, pointed at the fixture servers (URL, link and follow
    patterns rewritten from the real host to the server's address), with test-friendly limits."""
    import re
    from pathlib import Path

    from janalyq.crawl.config import load_config

    config = load_config(Path(__file__).resolve().parents[2] / "sources.example.toml")
    by_host = {host: servers[site].base for site, host in HOSTS.items()}
    chosen = []
    for spec in config.sources:
        if names is not None and spec.name not in names:
            continue
        host = next(h for h in by_host if spec.url == h or spec.url.startswith(h + "/"))
        base = by_host[host]
        spec.url = base + spec.url[len(host):]
        for key in ("link_pattern", "follow_pattern"):
            value = getattr(spec, key)
            if value:
                setattr(spec, key, value.replace(re.escape(host), re.escape(base)))
        chosen.append(spec)
    settings = config.settings
    settings.allow_loopback, settings.rate_per_host, settings.timeout = True, 0, 20
    settings.backoff_base = 0.05
    return settings, chosen


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


def sources_file(settings, specs, **crawl) -> str:
    """A sources.toml for these (rebased) sources."""
    from dataclasses import asdict, fields

    from janalyq.crawl.config import CrawlSettings, SourceSpec

    defaults = CrawlSettings()
    lines = ["[crawl]"]
    for f in fields(CrawlSettings):
        value = crawl.get(f.name, getattr(settings, f.name))
        if value != getattr(defaults, f.name):
            lines.append(f"{f.name} = {_toml_value(value)}")
    for spec in specs:
        lines.append("\n[[source]]")
        blank = SourceSpec(name="x", kind="rss")
        for key, value in asdict(spec).items():
            if value is not None and (key in ("name", "kind", "url") or value != getattr(blank, key)):
                lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"
