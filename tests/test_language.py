"""Language detection on official-news style text, and the language stage."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from janalyq.article import FLAG_LANG_UNCERTAIN, FLAG_TITLE_LANG_MISMATCH, Article, StageCounts
from janalyq.language import detect, language_stage

KK = [
    "Білім министрлігі жаңа оқу жылына дайындықты талқылады",
    "Облыс әкімі мектеп құрылысын аралады",
    "Астанада үш жаңа балабақша ашылды",
    "Референдумға дайындық жұмыстары жалғасуда",
    "Ауыл мектептеріне 2 млрд теңге бөлінді",
    "Президент Жарлыққа қол қойды",
    "Қарағанды облысында жол жөндеу басталды",
    "Мұғалімдердің жалақысы көтеріледі",
    "Жастар саясаты жөніндегі кеңес отырысы өтті",
    "Ақтөбеде денсаулық сақтау саласының қызметкерлері марапатталды",
    "Ұлттық референдум қорытындысы бойынша Орталық комиссия мәлімдеме жасады. "
    "Дауыс беруге құқылы азаматтардың басым бөлігі учаскелерге келді.",
    "Оқушылар жазғы демалыс кезінде қосымша сабақтарға қатыса алады. Аудандық білім бөлімі "
    "үйірмелер тізімін мектептердің сайтында жариялады.",
    "Жергілікті атқарушы органдар тұрғындардың өтініштерін қарау мерзімін қысқартты.",
    "Мемлекет басшысы Үкімет отырысында экономиканы әртараптандыру мәселесін көтерді. "
    "Министрлер кабинетіне нақты тапсырмалар берілді.",
    "Шымкент қаласында 450 орындық жаңа мектеп пайдалануға берілді. Нысанның құны "
    "шамамен 6,2 млрд теңгені құрады.",
    "Мектеп оқушылары",
]

RU = [
    "Министерство просвещения подвело итоги учебного года",
    "В Астане открыли новую школу",
    "Аким области провел прием граждан",
    "Подготовка к референдуму продолжается в регионах",
    "На ремонт дорог выделено 5 млрд тенге",
    "Президент подписал указ о назначении",
    "Центральная комиссия объявила предварительные итоги голосования",
    "Заработная плата учителей будет повышена с сентября",
    "В Караганде прошло заседание совета по делам молодежи",
    "Министр здравоохранения посетил районную больницу",
    "По данным Центральной комиссии референдума, в голосовании приняли участие более "
    "девяти миллионов граждан. Явка составила свыше семидесяти процентов.",
    "Школьники смогут посещать дополнительные занятия во время летних каникул. Список "
    "кружков опубликован на сайтах учебных заведений.",
    "Местные исполнительные органы сократили сроки рассмотрения обращений граждан.",
    "Глава государства поручил правительству ускорить диверсификацию экономики и "
    "представить план мероприятий до конца квартала.",
    "В Шымкенте сдана в эксплуатацию школа на 450 мест стоимостью около 6,2 млрд тенге.",
]

EN = [
    "Ministry of Education sums up the school year",
    "New school opens in Astana",
    "Regional akim receives citizens",
    "Preparations for the referendum continue nationwide",
    "5 billion tenge allocated for road repairs",
    "President signs decree on appointments",
    "Central commission announces preliminary voting results",
    "Teachers' salaries to rise from September",
    "Youth policy council meets in Karaganda",
    "Health minister visits district hospital",
    "According to the Central Referendum Commission, more than nine million citizens took "
    "part in the vote. Turnout exceeded seventy percent.",
    "Pupils will be able to attend extra classes during the summer holidays. The list of "
    "clubs has been published on the websites of schools.",
    "Local executive bodies have shortened the time taken to review citizens' appeals.",
    "The Head of State instructed the Government to speed up the diversification of the "
    "economy and to present an action plan by the end of the quarter.",
    "A 450-seat school worth about 6.2 billion tenge was commissioned in Shymkent.",
]

KK_LATIN = [
    "Qazaqstan Respublikasy Prezidentiniñ jarlyğy",
    "Mektep oquşylary jazğy demalysqa şyqty",
    "Astana qalasynda jaña balabaqşa aşyldy",
    "Bılım ministrlıgı jaña oqu jylyna dayyndyqty talqylady",
    "Ūlttyq referendumnyñ qorytyndysy jariyalandy",
    "Oblys äkımı auyl mektepterın aralady jäne mūğalımdermen kezdestı",
    "Ükımet otyrysynda tenge bağamy men infläsiä mäselelerı qaraldy",
    "Qasym-Jomart Toqaev Aqmola oblysyna sapar jasady",
]

RU_WITH_KAZAKH_NAMES = [
    "Асқар Тұрсынов встретился с жителями Акмолинской области",
    "Аким Жаңаөзена провел отчетную встречу с населением",
    "В рамках проекта «Ауыл – Ел бесігі» в районе построено 12 объектов",
    "Касым-Жомарт Токаев посетил Қызылорду и ознакомился с ходом строительства",
    "Депутаты обсудили программу «Жайлы мектеп» в Мажилисе",
]

EN_WITH_KAZAKH_NAMES = [
    "Tokayev visits Akmola region",
    "President Tokayev holds meeting in Astana",
    "Kassym-Jomart Tokayev received the akim of Akmola region",
    "Zhautykov Olympiad opens in Almaty",
    "Gani Beisembayev met with teachers of Kyzylorda",
    "Akimat of Astana launches the Auyl mektebi project",
]


def _cases():
    for lang, texts in (
        ("kk", KK + KK_LATIN),
        ("ru", RU + RU_WITH_KAZAKH_NAMES),
        ("en", EN + EN_WITH_KAZAKH_NAMES),
    ):
        for text in texts:
            yield pytest.param(text, lang, id=f"{lang}:{text[:30]}")


@pytest.mark.parametrize(("text", "lang"), list(_cases()))
def test_detect(text, lang):
    found, confidence = detect(text)
    assert found == lang
    assert 0.5 < confidence <= 1.0


def test_sample_counts():
    assert min(len(KK), len(RU), len(EN)) >= 15
    assert len(KK_LATIN) >= 6


def test_all_caps_title():
    assert detect("МЕКТЕП ОҚУШЫЛАРЫ ОЛИМПИАДАДА ЖЕҢІСКЕ ЖЕТТІ")[0] == "kk"
    assert detect("NEW SCHOOLS OPENED IN THE REGION")[0] == "en"


@pytest.mark.parametrize("text", ["", "   ", "12 345 — 2026 / 87,15%", "...", "\n\n"])
def test_no_letters(text):
    assert detect(text) == (None, 0.0)


def test_long_text_is_cut_and_fast():
    paragraph = RU[10] + " " + RU[11]
    assert detect(paragraph * 200)[0] == "ru"
    runs = 300
    start = time.perf_counter()
    for i in range(runs):
        detect((KK, RU, EN)[i % 3][10 + i % 5])
    rate = runs / (time.perf_counter() - start)
    assert rate > 2_000, f"{rate:.0f} detections/s"  # 5,000+ measured; margin for slow CI


def _article(title="", body=(), lang=None) -> Article:
    return Article(url="file:///x#0", title=title, body=list(body), lang=lang)


def test_stage_sets_lang_from_body():
    counts = StageCounts("language")
    article = language_stage(_article(EN[0], [EN[10], EN[11]]), counts)
    assert article.lang == "en"
    assert article.lang_confidence is not None and article.lang_confidence > 0.9
    assert not article.flags
    assert (counts.seen, counts.kept, dict(counts.repaired)) == (1, 1, {})


def test_stage_short_body_defers_to_title():
    counts = StageCounts("language")
    article = language_stage(_article(KK[0], ["Astana, 2026"]), counts)
    assert article.lang == "kk"
    assert FLAG_TITLE_LANG_MISMATCH not in article.flags


def test_stage_flags_title_body_mismatch():
    counts = StageCounts("language")
    article = language_stage(_article(KK[3], [RU[10], RU[11]]), counts)
    assert article.lang == "ru"
    assert FLAG_TITLE_LANG_MISMATCH in article.flags
    assert counts.repaired == {"title_lang_mismatch": 1}
    assert counts.kept == 1


def test_stage_keeps_given_lang_when_body_agrees_or_is_short():
    counts = StageCounts("language")
    article = language_stage(_article(RU[0], [RU[10]], lang="ru"), counts)
    assert article.lang == "ru"
    article = language_stage(_article("Astana Hub", ["OK"], lang="kk"), counts)
    assert article.lang == "kk"
    assert "lang_corrected" not in counts.repaired
    assert counts.seen == counts.kept == 2


def test_stage_corrects_given_lang_when_body_clearly_differs():
    counts = StageCounts("language")
    article = language_stage(_article(KK[0], [KK[10], KK[11]], lang="ru"), counts)
    assert article.lang == "kk"
    assert counts.repaired["lang_corrected"] == 1


def test_stage_normalises_given_lang_labels():
    counts = StageCounts("language")
    article = language_stage(_article(RU[1], [RU[12]], lang="ru-RU"), counts)
    assert article.lang == "ru"
    assert not counts.repaired


def test_stage_empty_article():
    counts = StageCounts("language")
    article = language_stage(_article("", []), counts)
    assert article.lang is None
    assert article.lang_confidence is None
    assert FLAG_LANG_UNCERTAIN in article.flags
    assert counts.repaired == {"lang_unknown": 1}
    assert (counts.seen, counts.kept) == (1, 1)


SHARED = Path("/work/shared")


def _gold_titles():
    gold = SHARED / "gold" / "seeds.jsonl"
    if not gold.is_file() or not list((SHARED / "seeds").glob("*.txt")):
        return []
    items = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line]
    return [(item["title"], item["lang"]) for item in items if item.get("title")]


@pytest.mark.skipif(not _gold_titles(), reason="shared sample pages not present")
def test_gold_titles():
    wrong = [(title, lang, detect(title)) for title, lang in _gold_titles()]
    wrong = [case for case in wrong if case[2][0] != case[1]]
    assert not wrong


@pytest.mark.skipif(not _gold_titles(), reason="shared sample pages not present")
def test_sample_pages_read_as_their_gold_language():
    gold = SHARED / "gold" / "seeds.jsonl"
    items = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line]
    page_lang = {item["file"]: item["lang"] for item in items}
    for name, lang in page_lang.items():
        page = SHARED / "seeds" / name
        if page.is_file():
            assert detect(page.read_text(encoding="utf-8"))[0] == lang, name


LONG_BODIES = {
    "kk": ("Облыс әкімдігінің мәліметінше, биыл өңірде 12 жаңа мектеп салынып, оқушылар үшін "
           "қосымша орындар ашылды. Ауылдық жерлердегі мектептерге жаңа құрал-жабдықтар "
           "әкелініп, мұғалімдердің біліктілігін арттыру курстары өтті. Сондай-ақ жазғы "
           "демалыс кезінде балаларға арналған үйірмелер мен спорт секциялары жұмыс істейді. ") * 2,
    "ru": ("По данным акимата области, в этом году в регионе построено 12 новых школ, и для "
           "учеников открыты дополнительные места. В сельские школы поступило новое "
           "оборудование, а для учителей прошли курсы повышения квалификации. Кроме того, во "
           "время летних каникул для детей работают кружки и спортивные секции. ") * 2,
    "en": ("According to the regional akimat, 12 new schools were built in the region this year "
           "and more places were opened for students. Rural schools received new equipment, and "
           "teachers took part in training courses. During the summer holidays, clubs and sports "
           "sections are open for children in every district of the region. ") * 2,
}


@pytest.mark.parametrize("lang", sorted(LONG_BODIES))
def test_words_alone_decide_a_long_body_as_the_model_would(lang, monkeypatch):
    import janalyq.language as language

    calls = []
    real_model = language._model_probs
    monkeypatch.setattr(language, "_model_probs", lambda text: calls.append(text) or real_model(text))
    shortcut = detect(LONG_BODIES[lang])
    assert calls == []  # the words were decisive: the model did not run
    monkeypatch.setattr(language, "_decided_by_words", lambda ev: False)
    with_model = detect(LONG_BODIES[lang])
    assert len(calls) == 1
    assert shortcut[0] == with_model[0] == lang
    assert abs(shortcut[1] - with_model[1]) < 1e-5


def test_a_short_title_still_asks_the_model(monkeypatch):
    import janalyq.language as language

    calls = []
    real_model = language._model_probs
    monkeypatch.setattr(language, "_model_probs", lambda text: calls.append(text) or real_model(text))
    assert detect("Tokayev visited Akmola region")[0] == "en"
    assert len(calls) == 1
