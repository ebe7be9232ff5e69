"""Whether a body has enough distinct shingles for MinHash is told without building their set."""

import random

from janalyq.dedup import MIN_SHINGLES_FOR_NEAR, _distinct_at_least, shingle_list


def test_distinct_at_least_agrees_with_the_size_of_the_set():
    rng = random.Random(3)
    words = "ауыл мектеп школа село school village жаңа новый new".split()
    for _ in range(3000):
        items = [rng.choice(words[:rng.randint(1, len(words))]) for _ in range(rng.randint(0, 30))]
        for count in (1, 5, MIN_SHINGLES_FOR_NEAR):
            assert _distinct_at_least(items, count) == (len(set(items)) >= count), (items, count)


def test_a_body_that_repeats_one_sentence_has_too_few_distinct_shingles():
    repeated = shingle_list(("Жиналыс өтті бүгін " * 20).split())
    varied = shingle_list("Алматыда жаңа мектеп ашылды онда алты жүз оқушы оқиды және екі спорт залы бар".split())
    assert len(repeated) >= MIN_SHINGLES_FOR_NEAR and not _distinct_at_least(repeated, MIN_SHINGLES_FOR_NEAR)
    assert _distinct_at_least(varied, MIN_SHINGLES_FOR_NEAR)
