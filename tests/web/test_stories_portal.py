"""Portal parts of stories, topics, regions and the Kazakh script switch (in-process client)."""

from __future__ import annotations

import re

import pytest

from janalyq.translit import has_cyrillic
from tests.stores import connect


@pytest.fixture(scope="module")
def demo(served_db):
    db = connect(served_db)
    yield db
    db.close()


def trilingual_story(demo) -> str:
    row = demo.execute("SELECT story_id FROM articles GROUP BY story_id HAVING count(DISTINCT lang) = 3"
                       " ORDER BY story_id LIMIT 1").fetchone()
    assert row is not None, "the demo news has stories in three languages"
    return row["story_id"]


def test_every_demo_article_has_a_topic_and_a_story(demo):
    assert demo.execute("SELECT count(*) FROM articles WHERE topic IS NULL OR story_id IS NULL").fetchone()[0] == 0
    # The demo news tells 26 stories, 20 of them in three languages (samples/stories.toml); the
    # test set-up adds one hostile article, a story of its own.
    trilingual = demo.execute("SELECT count(*) FROM (SELECT story_id FROM articles GROUP BY story_id"
                              " HAVING count(DISTINCT lang) = 3 AND count(*) = 3) AS trilingual_stories").fetchone()[0]
    assert trilingual == 20
    assert demo.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0] == 27


def test_story_page_lists_every_version_on_a_timeline(client, demo):
    story_id = trilingual_story(demo)
    page = client.get(f"/ru/story/{story_id}.json").json()
    assert page["page"] == "story" and page["story"]["size"] == 3
    assert sorted(a["lang"] for a in page["articles"]) == ["en", "kk", "ru"]
    days = [a["published"] for a in page["articles"]]
    assert days == sorted(days)
    html = client.get(f"/ru/story/{story_id}").text
    assert html.count('<li lang="') == 3 and "Версий: 3" in html
    assert client.get("/ru/story/0000000000000000").status_code == 404


def test_article_page_shows_also_in_the_other_languages(client, demo):
    story_id = trilingual_story(demo)
    kk_id = demo.execute("SELECT id FROM articles WHERE story_id = ? AND lang = 'kk'", (story_id,)).fetchone()[0]
    page = client.get(f"/en/article/{kk_id}.json").json()
    story = page["article"]["story"]
    assert story["id"] == story_id and story["url"] == f"/en/story/{story_id}"
    assert [v["lang"] for v in story["also_in"]] == ["ru", "en"]
    html = client.get(f"/en/article/{kk_id}").text
    assert "Also in" in html and "Русский" in html and "English" in html


def test_topic_and_region_pages_and_api_filters(client, demo):
    topics = client.get("/api/v1/topics?ui=kk").json()["items"]
    assert sum(t["count"] for t in topics) == demo.execute("SELECT count(*) FROM articles").fetchone()[0]
    education = next(t for t in topics if t["id"] == "education")
    assert education["name"] == "Білім"
    listed = client.get("/en/topic/education.json?lang=all").json()
    assert listed["pagination"]["total"] == education["count"]
    assert all(a["id"] for a in listed["articles"])
    regions = client.get("/api/v1/regions").json()["items"]
    assert regions, "some demo articles come from akimats or name one region"
    first = regions[0]
    items = client.get(f"/api/v1/regions/{first['id']}/articles").json()
    assert items["total"] == first["count"]
    assert client.get(f"/kk/region/{first['id']}").status_code == 200
    assert client.get("/en/topic/astrology").status_code == 404
    assert client.get("/api/v1/regions/atlantis/articles").status_code == 404


def test_script_switch_on_kazakh_articles_only(client, demo):
    kazakh = demo.execute("SELECT id, title FROM articles WHERE lang = 'kk' ORDER BY rid").fetchall()
    kk = next(row for row in kazakh if re.search("[ӘәҚқҒғ]", row["title"]))
    latin = client.get(f"/kk/article/{kk['id']}.json?script=latin").json()["article"]
    assert latin["script"]["shown"] == "latin" and not has_cyrillic(latin["title"])
    native = client.get(f"/kk/article/{kk['id']}.json").json()["article"]
    assert native["title"] == kk["title"] and native["script"]["shown"] == "cyrillic"
    # A Kazakh article written in Latin is shown in Cyrillic on request.
    lat = next((row for row in kazakh if not re.search("[А-Яа-яӘәҚқҒғҢңӨөҰұҮүІі]", row["title"])), None)
    if lat is not None:
        cyr = client.get(f"/kk/article/{lat['id']}.json?script=cyrillic").json()["article"]
        assert cyr["script"]["native"] == "latin" and has_cyrillic(cyr["title"])
    ru = demo.execute("SELECT id FROM articles WHERE lang = 'ru' LIMIT 1").fetchone()
    assert client.get(f"/ru/article/{ru['id']}.json").json()["article"].get("script") is None
    assert client.get(f"/kk/article/{kk['id']}?script=greek").status_code == 422


def test_articles_api_filters_by_topic_and_region(client, demo):
    topic, n = demo.execute("SELECT topic, count(*) FROM articles GROUP BY topic ORDER BY 2 DESC LIMIT 1").fetchone()
    items = client.get(f"/api/v1/articles?topic={topic}&limit=100").json()["items"]
    assert len(items) == n
    region, m = demo.execute("SELECT region, count(*) FROM articles WHERE region IS NOT NULL"
                             " GROUP BY region ORDER BY 2 DESC LIMIT 1").fetchone()
    items = client.get(f"/api/v1/articles?region={region}&lang=kk&limit=100").json()["items"]
    expected = demo.execute("SELECT count(*) FROM articles WHERE region = ? AND lang = 'kk'", (region,)).fetchone()[0]
    assert len(items) == expected
    assert client.get("/api/v1/articles?topic=astrology").json()["items"] == []
