"""The real sample pages against the hand-checked gold labels (../shared/gold/seeds.jsonl)."""

from __future__ import annotations

import re

import pytest

FORBIDDEN_IN_BODY = ("Source :", "Ақпарат көзі", "< div", "< /div>", "<div", "</div>")


def squash(text: str) -> str:
    # The clean stage separates sentences glued at a full stop ("bronze.The" -> "bronze. The"),
    # as the core issue asks; two gold phrases were cut from the glued raw text, so the phrase
    # check ignores whitespace and nothing else.
    return re.sub(r"\s+", "", text)


def distinct_gold(gold):
    return [g for g in gold if g["duplicate_of"] is None]


def find(records, g):
    if g["title"] is None:
        return [r for r in records if r["title_derived"] and r["published"] == g["date"]]
    return [r for r in records if r["title"] == g["title"] and r["published"] == g["date"]]


def test_exactly_the_distinct_articles(seeds_export, gold):
    assert len(seeds_export) == len(distinct_gold(gold)) == 51
    for g in distinct_gold(gold):
        assert len(find(seeds_export, g)) == 1, (g["file"], g["index"], g["title"])


def test_fields_exact(seeds_export, gold):
    for g in distinct_gold(gold):
        (record,) = find(seeds_export, g)
        where = (g["file"], g["index"])
        assert record["lang"] == g["lang"], where
        assert record["published"] == g["date"], where
        assert record["source_url"] == g["source_url"], where
        assert record["site_section"] == g["section"], where


def test_bodies_keep_their_phrase_and_lose_debris(seeds_export, gold):
    for g in distinct_gold(gold):
        (record,) = find(seeds_export, g)
        body = record["body"]
        if g["body_contains"]:
            assert squash(g["body_contains"]) in squash(body), (g["file"], g["index"])
        for bad in FORBIDDEN_IN_BODY:
            assert bad not in body, (g["file"], g["index"], bad)
        assert not re.search(r"None\s*(Source|Ақпарат)", body)
        assert not re.search(r"^(News More|Society More|Tourism|Қосымша|Жаңалықтар|Қоғам)$", body, re.M)


def test_empty_body_article_is_kept_and_flagged(seeds_export, gold):
    empties = [g for g in distinct_gold(gold) if g["empty_body"]]
    assert empties
    for g in empties:
        (record,) = find(seeds_export, g)
        assert record["body"] == ""
        assert "empty_body" in record["flags"]
        assert record["source_url"] == g["source_url"]
    non_empty = [r for r in seeds_export if "empty_body" not in r["flags"]]
    assert all(r["body"].strip() for r in non_empty)


def test_titleless_agency_article(seeds_export):
    (record,) = [r for r in seeds_export if r["title_derived"]]
    assert record["lang"] == "ru"
    assert record["published"] == "2026-02-20"
    assert "title_derived" in record["flags"]
    assert 20 <= len(record["title"]) <= 120
    assert record["body"].startswith(record["title"].rstrip("…"))
    assert record["outlet"] == "BAQ.KZ"


def test_repeated_title_removed_from_body(seeds_export, gold):
    kk = [r for r in seeds_export if r["lang"] == "kk"]
    assert len(kk) == 5
    for record in kk:
        assert not record["body"].startswith(record["title"]), record["title"]


def test_duplicates_recorded_with_their_places(seeds_export, gold):
    copies = {}
    for g in gold:
        if g["duplicate_of"] is not None:
            copies[(g["file"], g["duplicate_of"])] = copies.get((g["file"], g["duplicate_of"]), 0) + 1
    for g in distinct_gold(gold):
        (record,) = find(seeds_export, g)
        expected = copies.get((g["file"], g["index"]), 0)
        assert record["duplicates"] == expected, (g["file"], g["index"])
        assert len(record["seen_in"]) == expected + 1
        assert all(url.startswith("file://") and g["file"] in url for url in record["seen_in"])


def test_outlets_from_gov_kz_entities(seeds_export):
    outlets = {r["outlet"] for r in seeds_export}
    assert {"edu", "sci", "mfa-geneva", "kgd-akmola", "BAQ.KZ"} <= outlets


def test_ids_are_unique_and_stable(seeds_export, tmp_path, seeds_dir):
    from janalyq.export import export_records
    from janalyq.pipeline import import_paths
    from janalyq.store import Store

    ids = [r["id"] for r in seeds_export]
    assert len(set(ids)) == len(ids)
    again = Store(tmp_path / "again.db")
    import_paths([str(seeds_dir)], again)
    assert sorted(r["id"] for r in export_records(again)) == sorted(ids)
    again.close()


@pytest.mark.parametrize("glued, fixed", [("Professions.In order", "Professions. In order")])
def test_glued_sentence_in_seeds_is_split(seeds_export, glued, fixed):
    bodies = " ".join(r["body"] for r in seeds_export)
    assert glued not in bodies
    assert fixed in bodies
