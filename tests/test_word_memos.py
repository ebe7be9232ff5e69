"""The per-word memos of the text stages: a memo that starts over never changes an answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from janalyq import entities, language
from janalyq.read import read_path
from janalyq.search import analyzer


@pytest.fixture(scope="module")
def texts(seeds_dir) -> list[tuple[str, str | None]]:
    """(text, language label) of every seed article: Kazakh, Russian and English pages."""
    found = []
    for path in sorted(Path(seeds_dir).iterdir()):
        for item in read_path(path):
            if hasattr(item, "body"):
                found.append((item.title + "\n" + "\n".join(item.body), item.lang))
    assert len(found) > 40
    return found


def answers(texts):
    return [(analyzer.index_terms(text, lang), entities.match_gazetteer(text), language.detect(text),
             entities.find_people(text)) for text, lang in texts for lang in (lang, "kk", "ru", "en")]


def test_memos_that_start_over_give_the_same_answers(texts, monkeypatch):
    expected = answers(texts)
    for memo in (analyzer._INDEX_TERMS, entities._FORMS_BY_FIRST_WORD, language._VOTES, entities._SURNAMES):
        memo.clear()
    # Room for three words: every memo starts over many times within one text.
    monkeypatch.setattr(analyzer, "MAX_INDEX_TERMS", 3)
    monkeypatch.setattr(entities, "MAX_REMEMBERED_WORDS", 3)
    monkeypatch.setattr(language, "MAX_REMEMBERED_VOTES", 3)
    monkeypatch.setattr(entities, "MAX_REMEMBERED_SURNAMES", 3)
    assert answers(texts) == expected
    assert len(language._VOTES) < 200 and len(entities._FORMS_BY_FIRST_WORD) < 200 and len(entities._SURNAMES) < 200
    assert any(people for *_, people in expected)  # the seeds name people
    # And a memo that was filled by other texts first answers the same again.
    assert answers(texts) == expected
