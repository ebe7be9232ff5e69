"""Topics of headlines that come alone and of ministry news: our own sentences, and a floor on the
real labelled material (../shared/real, read from there; skipped when it is absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from janalyq.embed import default_embedder, embedding_text
from janalyq.topic import OTHER, TopicModel, keyword_votes

# Our own headlines (no lead, no outlet), each with the one topic it is clearly about.
HEADLINES = [
    ("sport", "ru", "«Кайрат» разгромил соперника в матче Премьер-лиги"),
    ("sport", "ru", "Казахстанский боксер нокаутировал соперника в первом раунде"),
    ("sport", "en", "Kazakhstan beat Georgia 2-1 in a World Cup qualifier"),
    ("sport", "kk", "Қазақстан құрамасы футболдан Грузияны 2:1 есебімен ұтты"),
    ("sport", "ru", "Олимпиада в Италии: казахстанский фигурист вышел в произвольную программу"),
    ("law", "ru", "Полиция задержала двоих подозреваемых в краже автомобиля"),
    ("law", "ru", "В Караганде мужчина ранил соседа ножом"),
    ("law", "en", "Police detain two suspects over a car theft in Karaganda"),
    ("law", "kk", "Полиция көлік ұрлады деген екі күдіктіні ұстады"),
    ("world", "ru", "Президент Франции распустил парламент"),
    ("world", "en", "Germany's chancellor meets the French president in Berlin"),
    ("culture", "ru", "Казахстанская певица представила новую песню"),
    ("science_tech", "ru", "Астрономы впервые сфотографировали рождение планеты"),
]

# Ministry news of our own writing: a foreign partner, and the ministries' own fields.
MINISTRY = [
    ("economy", "Минэнерго обсудило с делегацией Китая строительство газохимического комплекса",
     "Министр энергетики встретился с китайскими партнерами. Стороны обсудили поставки газа и"
     " сроки строительства комплекса в Атырауской области."),
    ("economy", "Министр торговли и интеграции провел переговоры с послом Германии",
     "Обсуждались рост товарооборота, экспорт казахстанской продукции и участие компаний в ярмарке."),
    ("law", "МВД: число мигрантов, нарушивших сроки пребывания, снизилось",
     "Миграционная служба полиции провела проверки. Иностранцы, нарушившие правила, выдворены из страны."),
    ("tourism_environment", "Минэкологии: выбросы предприятий Павлодара проверят инспекторы",
     "Департамент экологии проведет внеплановые проверки. Под контролем качество воздуха и отходы производства."),
]


@pytest.fixture(scope="module")
def models():
    embedder = default_embedder()
    return {"on": (TopicModel(embedder), embedder), "off": (TopicModel(None), None)}


def _topic(models, which, title, lead="", lang=None):
    model, embedder = models[which]
    vector = embedder.embed([embedding_text(title, lead)])[0] if embedder else None
    return model.classify(title, lead, None, vector, lang).topic


@pytest.mark.parametrize("topic, lang, title", HEADLINES)
def test_a_headline_alone_gets_its_topic_with_the_model(models, topic, lang, title):
    assert _topic(models, "on", title, "", lang) == topic


def test_headlines_alone_with_keywords_only(models):
    right = sum(_topic(models, "off", title, "", lang) == topic for topic, lang, title in HEADLINES)
    assert right >= len(HEADLINES) - 3
    assert _topic(models, "off", "Полиция задержала двоих подозреваемых в краже автомобиля") == "law"
    assert _topic(models, "off", "Kazakhstan beat Georgia 2-1 in a World Cup qualifier") == "sport"


@pytest.mark.parametrize("which", ["on", "off"])
@pytest.mark.parametrize("topic, title, lead", MINISTRY)
def test_ministry_news_with_a_foreign_partner_is_not_world(models, which, topic, title, lead):
    assert _topic(models, which, title, lead, "ru") == topic


def test_olympics_vote_sport_and_school_olympiads_education():
    assert max(keyword_votes("Олимпиада в Милане: казахстанские лыжники завершили гонку", "").items(),
               key=lambda kv: kv[1])[0] == "sport"
    votes = keyword_votes("Школьники выступили на олимпиаде по математике", "")
    assert "sport" not in votes and max(votes, key=votes.get) == "education"


@pytest.mark.parametrize("title", ["Бүгін", "Фото", "KZ", "21 January 2026, 13:00", "Kazakhstan"])
def test_nothing_to_go_on_is_still_other(models, title):
    """No keyword, no outlet, a title with no clear subject: `other`, with the model or without."""
    assert _topic(models, "off", title) == OTHER
    assert _topic(models, "on", title) == OTHER


REAL = Path(os.environ.get("JANALYQ_REAL", Path(__file__).resolve().parent.parent.parent / "shared" / "real"))


@pytest.mark.skipif(not (REAL / "ru_labelled.jsonl").is_file(), reason="../shared/real is not present")
def test_floor_on_the_real_labelled_news():
    """The development half through the real pipeline (model on), scored as the held-out half is."""
    import tempfile

    from bench.real import RU_LABELLED, load
    from bench.real_topics import pipeline_topics, score

    records = load(RU_LABELLED, REAL)
    with tempfile.TemporaryDirectory() as tmp:
        figures = score(records, pipeline_topics(records, Path(tmp), embeddings=True))
    assert figures["ministry"]["macro_f1"] >= 0.85, figures["ministry"]
    assert figures["headlines"]["accuracy"] >= 0.75, figures["headlines"]


@pytest.mark.parametrize("text, topic", [
    ("Үкімет отырысы өтті", "law"),          # үкімет (government) is not үкім (verdict)
    ("It is important to support exporters", "world"),  # "important" is not import, "under" not UN
    ("Ел бойынша жұмыс жалғасуда", "sport"),   # бойы (along) is not бой (fight)
    ("Операция на сердце прошла успешно", "culture"),  # an operation is not an opera
    ("Өнеркәсіп өндірісі өсті", "culture"),    # өнеркәсіп (industry) is not өнер (art)
    ("В центре города", "economy"),           # центр is not цен (prices)
])
def test_keywords_are_not_false_friends(text, topic):
    assert topic not in keyword_votes(text, "")


def test_whole_word_keywords():
    assert keyword_votes("Сот үкімі шықты", "").get("law")
    assert keyword_votes("АҚШ-тың елшісі", "").get("world")
    assert "world" not in keyword_votes("Under the new rules, until further notice", "")
