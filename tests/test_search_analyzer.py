"""The analyzer on real Kazakh, Russian and English word forms."""

from __future__ import annotations

import pytest

from janalyq.search.analyzer import index_terms, normalize, query_variants, term
from janalyq.search.kazakh import kazakh_key

# Each group: inflected forms of one word as they appear in Kazakh news, in both scripts.
KAZAKH_FORMS = [
    ["Конституция", "Конституцияны", "Конституцияның", "Конституцияға", "Конституцияда", "Конституциядан",
     "Конституциямен", "Конституциясы", "Конституциясының", "Конституциясына", "Konstitutsiiany",
     "Konstitutsiianyñ", "konstitutsiianyn"],
    ["референдум", "референдумда", "референдумға", "референдумның", "референдумды", "referendumda", "Referendum"],
    ["Қазақстан", "Қазақстанның", "Қазақстанда", "Қазақстандағы", "Қазақстанға", "Қазақстаннан", "Qazaqstan",
     "Qazaqstannyñ", "Qazaqstanda"],
    ["мектеп", "мектептер", "мектептерде", "мектептердің", "мектебі", "мектебінде", "мектепке"],
    ["министрлік", "министрлігі", "министрлігінің", "министрлікке"],
    ["өңір", "өңірлер", "өңірлерде", "өңірдің", "öñırlerde"],
    ["азамат", "азаматтар", "азаматтардың", "азаматтарға"],
    ["Президент", "Президенттің", "Президентке", "Президенті"],
    ["жоба", "жобасы", "жобаны", "жобалар", "жобаларды"],
    ["ел", "елде", "еліміз", "елімізде", "елдің"],
    ["аяқ", "аяғы"],
    ["Астана", "Астанада", "Астананың"],
    ["Мәжіліс", "Мәжілістің", "Мәжіліске", "Мәжілісте"],
    ["депутат", "депутаттар", "депутаттары", "депутаттарының"],
    ["қала", "қаласы", "қалада", "қалалар", "қаланың"],
]


@pytest.mark.parametrize("forms", KAZAKH_FORMS, ids=lambda forms: forms[0])
def test_inflected_kazakh_forms_share_one_key(forms):
    keys = {kazakh_key(normalize(w)) for w in forms}
    assert len(keys) == 1, {w: kazakh_key(normalize(w)) for w in forms}


DIFFERENT_WORDS = [("оқушы", "оқу"), ("Астана", "Астан"), ("қала", "қол"), ("мектеп", "мекен"), ("білім", "бала")]


@pytest.mark.parametrize(("a", "b"), DIFFERENT_WORDS)
def test_different_words_keep_different_keys(a, b):
    assert kazakh_key(normalize(a)) != kazakh_key(normalize(b))


def test_case_folding_nfc_and_yo():
    assert normalize("ЁЛКА") == "елка"
    assert normalize("İNDUSTRİİA") == "industriia"
    assert normalize("Qaza\u0301q") == normalize("Qazáq")  # decomposed accent composes first


def test_russian_and_english_are_stemmed_with_snowball():
    assert term("конституции", "ru") == term("конституция", "ru")
    assert term("референдуме", "ru") == term("референдум", "ru")
    assert term("schools", "en") == term("school", "en")
    assert term("elections", "en") == term("election", "en")


def test_query_words_get_every_language_reading():
    cyrillic = query_variants(normalize("Конституцияны"))
    assert "konstitutsiia" in cyrillic and term("конституцияны", "ru") in cyrillic
    latin = query_variants(normalize("Qazaqstan"))
    assert latin[0] == "kazakstan"


def test_one_term_per_word_keeps_positions_for_phrases():
    text = "Жаңа Конституцияны 87,15% қолдады"
    assert len(index_terms(text, "kk").split()) == 5  # жаңа, конституцияны, 87, 15, қолдады


def test_both_scripts_index_identically():
    assert index_terms("Қазақстан Республикасының Конституциясы", "kk") == \
        index_terms("Qazaqstan Respublikasynyñ Konstitutsiiasy", "kk")


def test_words_without_an_apostrophe_are_the_words_of_the_full_pattern():
    """`words` takes a plain pattern for texts without an apostrophe (faster); on every text it
    must give what the full pattern, with its apostrophe rules, gives."""
    import random

    from janalyq.search.analyzer import WORD, words

    pieces = ["Nay", "'", "’", "ʼ", "ryz", "qolday", "city", "s", " ", "_", "-", "7", "2026", "Ауыл", "мектеп",
              "ә", "ё", "İ", "e\u0301", ".", ",", "\n", "’s", "l'", "x_y", "ǵ", "\u00ad", "ﬁ"]
    rng = random.Random(5)
    plain = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert words(text) == WORD.findall(normalize(text)), text
        plain += not any(mark in normalize(text) for mark in "'’ʼ")
    assert plain > 3_000  # both ways were taken
