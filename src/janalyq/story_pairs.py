"""How strongly two articles report one event: the evidence of a pair and its score.

`janalyq.story` links an article to a story from these pair scores; `evidence` compares two
`janalyq.story.StoryItem`s (their embeddings as a margin over the article's background, their
title words, numbers, places, people and organisations, and days apart), `pair_score` weighs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from janalyq.entities import Entities
from janalyq.gazetteer import places
from janalyq.lexicon import Words, active_lexicon

if TYPE_CHECKING:
    from janalyq.story import StoryItem

LINK_SCORE = 4.0  # a candidate at or above this joins; see `pair_score` for the scale
ORG_WEIGHT = 0.5  # bodies like the Akorda or Parliament recur across unrelated news: weak evidence
_GENERIC_PLACE_KINDS = ("region", "city-region")


@dataclass(frozen=True)
class Facts:
    """What `evidence` compares of an article's entities."""

    numbers: set[str]  # the entities' own set: the weighted sum of shared numbers adds in its order
    places: set[str]  # specific places (see `_specific_places`)
    regions: set[str]
    people: set[str]
    orgs: set[str]

    @classmethod
    def of(cls, entities: Entities) -> Facts:
        return cls(entities.numbers, _specific_places(entities), entities.regions, set(entities.people),
                   set(entities.orgs))


def _specific_places(entities: Entities) -> set[str]:
    table = places()
    return {p for p in entities.places if p in table and table[p].kind not in _GENERIC_PLACE_KINDS}


def _number_weight(number: str) -> float:
    """Small whole numbers (under 100) recur by chance; decimals, percents and large ones do not."""
    if number.endswith("%") or "." in number:
        return 1.0
    return 0.4 if float(number) < 100 else 1.0


@dataclass
class PairEvidence:
    margin: float  # embedding similarity above the background, in background spreads
    shared_numbers: float  # weighted: a small whole number is weaker evidence than 87.15% or 12482613
    number_conflict: bool
    shared_places: int
    place_conflict: bool
    shared_people: int
    days: int
    same_release: bool
    shared_orgs: int = 0  # ministries and national bodies named by both
    translation: float | None = None  # share of the titles' words that translate (other languages)
    same_words: float | None = None  # weighted share of the titles' words in common (one language)
    embedded: bool = True  # both have embeddings (else the margin is 0 and facts are all there is)


def evidence(a: StoryItem, b: StoryItem, a_centred: np.ndarray | None, b_centred: np.ndarray | None) -> PairEvidence:
    margin = 0.0
    if a_centred is not None and b_centred is not None:
        mean, spread = a.background
        margin = (float(a_centred @ b_centred) - mean) / max(spread, 1e-3)
    embedded = a_centred is not None and b_centred is not None
    facts_a, facts_b = a.facts, b.facts
    numbers_a, numbers_b = facts_a.numbers, facts_b.numbers
    shared_numbers = sum(_number_weight(n) for n in numbers_a & numbers_b)
    places_a, places_b = facts_a.places, facts_b.places
    regions_a, regions_b = facts_a.regions, facts_b.regions
    place_conflict = bool(places_a and places_b and not places_a & places_b) or bool(
        regions_a and regions_b and not regions_a & regions_b)
    return PairEvidence(
        margin=margin,
        shared_numbers=shared_numbers,
        number_conflict=bool(numbers_a and numbers_b and not shared_numbers),
        shared_places=len((places_a | regions_a) & (places_b | regions_b)),
        place_conflict=place_conflict,
        shared_people=len(facts_a.people & facts_b.people),
        days=abs(a.day - b.day),
        same_release=bool(a.release and a.release == b.release),
        shared_orgs=len(facts_a.orgs & facts_b.orgs),
        embedded=embedded,
        **_word_evidence(a.words, b.words),
    )


def _word_evidence(a: Words | None, b: Words | None) -> dict:
    if a is None or b is None:
        return {}
    lexicon = active_lexicon()
    if a.lang != b.lang:
        return {"translation": lexicon.overlap(a, b)}
    union = a.stems | b.stems
    if not union:
        return {}
    weights, unknown = lexicon.idf.get(a.lang, {}), lexicon.default_idf.get(a.lang, 6.0)  # `Lexicon.weight`
    total = sum(weights.get(stem, unknown) for stem in union)
    return {"same_words": sum(weights.get(stem, unknown) for stem in a.stems & b.stems) / total}


TRANSLATION_WEIGHT, TRANSLATION_NEUTRAL = 8.0, 0.26
SAME_WORDS_WEIGHT, SAME_WORDS_NEUTRAL = 15.0, 0.6
MIN_MARGIN = 2.0  # below this the texts say different things, whatever facts they share


def pair_score(e: PairEvidence, same_lang: bool = False, same_outlet: bool = False,
               other_outlet: bool = False) -> float:
    """Evidence that two articles report one event, in margin units; `LINK_SCORE` and up is yes.

    On the development sets, versions of one event in two languages sit at a median margin of
    7.5 spreads, different events at 2.5 (99% below 6); one language shares words anyway, so
    its pairs need 1.7 more.  The weights of the facts came from a logistic fit on those sets
    (bench/bench_story.py), rounded, with the day penalty softened: the sets are one-day.

    Real government headlines are denser: within three days, true kk/en pairs sit at a median
    margin of 4.4 and 0.1% of unrelated cross-language pairs above 4.3.  What separates them is
    the share of words that translate (`janalyq.lexicon`: median 0.44 against 0.02): with it,
    `margin + 8 * translation` at 7.5 kept 65% of true pairs against 1 in 5,000 false ones.
    Same-language headlines of one site share its templates ("President signed the Law ..."),
    so unless `other_outlet` says two different outlets wrote them (and reworded them), they
    must also share their informative words.  Without an embedding margin
    of `MIN_MARGIN`, shared people, places or numbers never link two articles on their own.
    """
    if e.same_release:
        return 20.0
    score = e.margin - 1.4
    score += 1.9 * min(e.shared_numbers, 3) + 0.2 * min(e.shared_places, 2)
    if e.translation is None and e.same_words is None:
        # Where the titles' words are compared, names are among them: a name shared by half
        # the headlines of a government (its president's) must not count a second time.
        score += 0.9 * min(e.shared_people, 2)
    score += ORG_WEIGHT * min(e.shared_orgs, 2)
    score -= 4.0 * e.number_conflict + 3.4 * e.place_conflict + 0.7 * e.days
    if e.translation is not None:
        score += TRANSLATION_WEIGHT * (e.translation - TRANSLATION_NEUTRAL)
    if same_lang:
        score -= 1.7
        if e.same_words is not None and not other_outlet:
            score += SAME_WORDS_WEIGHT * (e.same_words - SAME_WORDS_NEUTRAL)
        if same_outlet:  # one outlet writes one version of an event per language
            score = min(score - 2.0, LINK_SCORE - 0.5)
    if e.embedded and e.margin < MIN_MARGIN:
        score = min(score, LINK_SCORE - 0.5)
    return score


def best_score_from_keys(shared_keys: int) -> float:
    """The highest `pair_score` two articles without embeddings can reach sharing this many
    number and people keys: every shared key a weighty number or a person, places and
    organisations shared as much as they count, nothing in conflict, the same day."""
    best = float("-inf")
    for numbers in range(shared_keys + 1):
        found = PairEvidence(margin=0.0, shared_numbers=float(numbers), number_conflict=False,
                             shared_places=2, place_conflict=False, shared_people=shared_keys - numbers,
                             days=0, same_release=False, shared_orgs=2, embedded=False)
        best = max(best, pair_score(found))
    return best
