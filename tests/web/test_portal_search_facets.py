"""Topic and region filters of the search page, its JSON twin, its feeds and /api/v1/search."""

from __future__ import annotations

import pytest

from janalyq.gazetteer import region_name
from janalyq.topic import topic_name
from tests.stores import connect



def _column_by_id(served_db, column: str) -> dict[str, str | None]:
    db = connect(served_db)
    try:
        return dict(db.execute(f"SELECT id, {column} FROM articles"))
    finally:
        db.close()


def _count(served_db, column: str, value: str) -> int:
    return sum(1 for v in _column_by_id(served_db, column).values() if v == value)


@pytest.mark.parametrize("column,value", [("topic", "education"), ("region", "astana"), ("region", "shymkent")])
def test_search_filters_by_topic_and_region(client, served_db, column, value):
    stored = _column_by_id(served_db, column)
    expected = _count(served_db, column, value)
    assert 0 < expected <= 20
    page = client.get(f"/en/search.json?{column}={value}&lang=all").json()
    api = client.get(f"/api/v1/search?{column}={value}").json()
    for found in (page, api):
        assert found["filters"][column] == value
        assert found["total"] == expected
        assert {stored[a["id"]] for a in found.get("articles", found.get("items"))} == {value}


def test_topic_filter_narrows_a_text_search(client, served_db):
    topics = _column_by_id(served_db, "topic")
    everything = client.get("/api/v1/search?q=school").json()["items"]
    education = client.get("/api/v1/search?q=school&topic=education").json()["items"]
    assert {topics[a["id"]] for a in education} == {"education"}
    assert {a["id"] for a in education} == {a["id"] for a in everything if topics[a["id"]] == "education"}


@pytest.mark.parametrize("ui", ["kk", "ru", "en"])
def test_search_form_offers_topics_and_regions_named_in_the_interface_language(client, ui):
    html = client.get(f"/{ui}/search?topic=education&region=astana").text
    assert '<select name="topic">' in html and '<select name="region">' in html
    assert f'<option value="education" selected>{topic_name("education", ui)}</option>' in html
    assert f'<option value="astana" selected>{region_name("astana", ui)}</option>' in html
    assert f'<option value="shymkent">{region_name("shymkent", ui)}</option>' in html
    # The feed and other-edition links keep the filters.
    assert f'href="/{ui}/search/feed.rss?topic=education&amp;region=astana"' in html


@pytest.mark.parametrize("query", [
    "topic=no-such-topic", "region=atlantis", 'topic="%20OR%20*', "region=%27%3B%20DROP%20TABLE%20articles",
    "topic=education&region=no-such-region", "topic=%00", "topic=", "region=",
])
def test_odd_topic_or_region_values_give_empty_results_not_errors(client, query):
    for path in ("/en/search", "/en/search.json", "/api/v1/search", "/en/search/feed.rss"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, (path, query)
        if path.endswith(".json") or path.startswith("/api"):
            body = response.json()
            assert body.get("articles", body.get("items")) == [] or not any(v for k, v in body["filters"].items() if k in ("topic", "region"))


def test_too_long_topic_or_region_is_rejected(client):
    long_value = "x" * 300
    for path in ("/en/search", "/api/v1/search"):
        for name in ("topic", "region"):
            assert client.get(f"{path}?{name}={long_value}").status_code == 422
