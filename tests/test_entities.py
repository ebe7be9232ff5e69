"""Places, organisations, people and numbers across Kazakh, Russian, English and Latin Kazakh."""

from __future__ import annotations

import pytest

from janalyq.entities import extract, find_numbers, find_people, name_skeleton, region_from_outlet, region_of
from janalyq.gazetteer import organisations, places, regions


def place_ids(text: str) -> set[str]:
    return set(extract(text, "").places)


def test_gazetteer_has_every_region_in_four_spellings():
    first_level = regions()
    assert len(first_level) == 20  # 17 regions and 3 cities of republican significance
    for place in places().values():
        assert place.region in first_level, place.id
        assert all(place.names[lang] for lang in ("kk", "ru", "en", "latn")), place.id
    assert places()["shymkent"].names["latn"] == "Şymkent"  # official 2021 Latin, from translit
    assert {"min-enlightenment", "min-science", "min-foreign"} <= set(organisations())


@pytest.mark.parametrize("text", [
    "Шымкентте жаңа мектеп ашылды", "Шымкенттің әкімі", "В Шымкенте открылась школа",
    "A school opened in Shymkent", "Şymkent qalasynda mektep aşyldy",
])
def test_city_in_every_language_and_case(text):
    assert place_ids(text) == {"shymkent"}


@pytest.mark.parametrize("text", [
    "Ақмола облысының тұрғындарымен кездесу", "жители Акмолинской области", "Akmola region residents",
    "Aqmola oblysynyñ turğyndary",
])
def test_region_in_every_language_and_case(text):
    assert place_ids(text) == {"akmola"}


def test_longest_name_wins_and_lowercase_words_are_not_places():
    assert place_ids("Алматы облысында жаңа жол салынды") == {"almaty-region"}
    assert place_ids("В Алматинской области и в Алматы") == {"almaty-region", "almaty"}
    assert place_ids("Ол үйге оралды") == set()  # "оралды" (returned) is not the city Oral


def test_ministries_in_three_languages():
    for text in ("Оқу-ағарту министрлігі хабарлады", "Министерство просвещения сообщило",
                 "the Ministry of Enlightenment said"):
        assert set(extract(text, "").orgs) == {"min-enlightenment"}, text


def test_people_compared_across_scripts():
    assert name_skeleton("Бейсембаев") == name_skeleton("Beisembayev") == name_skeleton("Beysembayev")
    kk = find_people("ҚР Қаржы вице-министрі Асқар Тұрсынов кездесу өткізді")
    ru = find_people("Вице-министр финансов Аскар Турсынов провел встречу")
    en = find_people("Vice Minister of Finance Askar Tursynov held a meeting")
    assert set(kk) == set(ru) == set(en) and len(kk) == 1
    assert set(find_people("Тұрсыновтың айтуынша")) == set()  # one word is not a name


def test_numbers_read_the_same_in_every_language():
    kk = find_numbers("сайлаушылардың 87,15%-ы қолдады, 12 482 613 азамат", "kk")
    ru = find_numbers("поддержали 87,15%, право голоса имели 12 482 613 граждан", "ru")
    en = find_numbers("87.15% backed it; 12,482,613 citizens were eligible", "en")
    assert kk == ru == en == {"87.15%", "12482613"}
    assert find_numbers("254,000 places", "en") == {"254000"}
    assert find_numbers("1,5 млрд теңге", "kk") == find_numbers("1.5 billion tenge", "en") == {"1500000000"}
    assert find_numbers("107.5 thousand", "en") == {"107500"}


def test_dates_are_not_facts():
    assert find_numbers("4 наурызда 2026 жылы", "kk") == set()
    assert find_numbers("4 марта 2026 года 20 человек", "ru") == {"20"}
    assert find_numbers("On March 4, 2026", "en") == set()


@pytest.mark.parametrize("outlet, region", [
    ("kostanai-kalasy-akimat", "kostanay-region"), ("kgd-akmola", "akmola"), ("almobl", "almaty-region"),
    ("karaganda", "karaganda-region"), ("edu", None), ("BAQ.KZ", None), (None, None),
])
def test_region_from_outlet(outlet, region):
    assert region_from_outlet(outlet) == region


def test_region_from_text_only_when_evident():
    title = "В Таразе прошла встреча"
    assert region_of(None, title, extract(title, "Встреча в Таразе.")) == "zhambyl"
    body = "Делегации из Караганды и Павлодара обсудили сотрудничество."
    assert region_of(None, "Встреча делегаций", extract("Встреча делегаций", body), body) is None
    body = "Аким Жамбылской области открыл школу. Школа в Таразе рассчитана на 900 мест."
    assert region_of(None, "Открыта школа", extract("Открыта школа", body), body) == "zhambyl"
    many = "Ваучеры получили Астана, Шымкент, Тараз, Жамбылская область и Уральск."
    assert region_of(None, "Ваучеры", extract("Ваучеры", many), many) is None
    assert region_of("kostanai-kalasy-akimat", "Наурыз", extract("Наурыз", "")) == "kostanay-region"


def test_numbers_with_scales_and_percent_words_read_alike_in_three_languages():
    from janalyq.entities import find_numbers

    assert find_numbers("169,9 млн теңге бөлінді", "kk") == find_numbers("169.9 mln tenge allocated", "en") \
        == find_numbers("выделено 169,9 миллиона тенге", "ru") == {"169900000"}
    assert find_numbers("2 bn dollars", "en") == find_numbers("2 млрд доллар", "kk") == {"2000000000"}
    assert find_numbers("өсім 12 пайыз", "kk") == find_numbers("рост на 12 процентов", "ru") \
        == find_numbers("growth of 12 percent", "en") == find_numbers("12%", "en") == {"12%"}


def test_surnames_with_kh_h_or_x_share_a_skeleton_and_long_three_consonant_names_count():
    from janalyq.entities import find_people, name_skeleton

    assert name_skeleton("Әбдірахымов") == name_skeleton("Abdrahimov") == name_skeleton("Abdrakhimov")
    assert name_skeleton("Хасенов") == name_skeleton("Khassenov") == name_skeleton("Hasenov")
    assert set(find_people("Министр Сания Жанаева сөз сөйледі")) == set(find_people("Minister Saniya Zhanayeva spoke")) != set()
    assert find_people("Иван Ли") == {}  # a short name with three consonants or fewer is no key


def test_abbreviated_region_is_the_region_not_its_city():
    from janalyq.entities import extract

    assert set(extract("Floods hit Almaty rgn villages", "", "en").places) == {"almaty-region"}
    assert set(extract("Almaty city marathon", "", "en").places) == {"almaty"}


def test_ordinal_words_are_the_numbers_they_name_in_three_languages():
    """Two rounds of one recurring event differ by their ordinal, written as a word as often as
    "6th": the sixth and the seventh round must not share a number, the sixth in kk and en must."""
    from janalyq.entities import find_numbers

    assert find_numbers("Келіссөздердің алтыншы кезеңі басталды", "kk") == {"6"}
    assert find_numbers("Начался шестой раунд переговоров", "ru") == {"6"}
    assert find_numbers("The sixth round of the talks opens", "en") == {"6"}
    assert find_numbers("The 6th round of the talks opens", "en") == {"6"}
    assert find_numbers("Жетінші кезеңге аккредиттеу", "kk") == {"7"}
    assert find_numbers("итоги третьего квартала и десятой сессии", "ru") == {"3", "10"}
    # Words that only begin like an ordinal stay words.
    assert find_numbers("В пятницу обсудили десятки проектов и пятно на карте", "ru") == set()
    assert find_numbers("The first meeting", "en") == set()  # "first", like "1", recurs by chance
    # Roman numerals of two letters and more, in capitals: "IV кеңесі" is the Fourth Meeting.
    assert find_numbers("Спикерлердің IV кеңесі", "kk") == {"4"} == find_numbers("The Fourth Meeting", "en")
    assert find_numbers("Ivan met Vivian", "en") == set()


def test_ordinal_pattern_finds_what_one_bounded_pattern_per_value_finds():
    """The ordinal pattern puts the word boundaries around all its alternatives at once (faster);
    it must find the same words, with the same values, as one pattern per alternative, each
    with its own boundaries, on strings built from ordinals, their look-alikes and word edges."""
    import random
    import re

    from janalyq.entities import _ORDINAL, _ORDINAL_STEMS, _RU_ENDING

    bounded = re.compile("|".join(
        rf"(?P<o{value}>(?<!\w)(?:{kk}\w{{0,6}}|{ru}{_RU_ENDING}|{en})(?!\w))"
        for value, (kk, ru, en) in _ORDINAL_STEMS.items()), re.I)
    pieces = ["втор", "ВТОРОЙ", "ой", "ая", "ого", "ьего", "ых", "трет", "третьего", "четвёртый", "четвертого",
              "пят", "пятница", "шест", "седьм", "девят", "десят", "десятки", "екінші", "ЕКІНШІ", "сі", "нің",
              "алтыншы", "тоғызыншы", "second", "Seventh", "ſixth", "tenth", "th", "s", " ", "-", "_", "7",
              "x", "ә", "’", ".", "\n", "ab"]
    rng = random.Random(11)
    found = 0
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        ours = [(m.span(), m.lastgroup) for m in _ORDINAL.finditer(text)]
        assert ours == [(m.span(), m.lastgroup) for m in bounded.finditer(text)], text
        found += len(ours)
    assert found > 3_000  # the pieces do make ordinals


def test_roman_pattern_finds_what_the_bounded_pattern_finds():
    """The Roman numeral pattern begins with the numeral's first letter and checks the character
    before it after that letter (a faster search); it must match where the plain form does."""
    import random
    import re

    from janalyq.entities import _ROMAN, _ROMAN_VALUES

    plain = re.compile(r"(?<![\w.])(?:" + "|".join(sorted(_ROMAN_VALUES, key=len, reverse=True)) + r")(?![\w.])")
    pieces = ["I", "V", "X", "II", "IV", "XX", "XXI", " ", ".", "-", "a", "Ә", "_", "7", "\n", "(", "кеңес"]
    rng = random.Random(3)
    found = 0
    for _ in range(30_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        ours = [m.span() for m in _ROMAN.finditer(text)]
        assert ours == [m.span() for m in plain.finditer(text)], text
        found += len(ours)
    assert found > 3_000
