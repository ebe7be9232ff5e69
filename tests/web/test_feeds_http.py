"""Feeds readers like: full text, 50 items, validators with 304, gzip, and feeds of topics,
regions and stories (janalyq.web.feed_http)."""

from __future__ import annotations

import feedparser
import pytest


def _parse(response):
    return feedparser.parse(response.content, response_headers={"content-type": response.headers["content-type"]})


@pytest.mark.pg_search
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_items_carry_the_full_text(client, kind):
    response = client.get(f"/en/feed.{kind}?lang=all")
    parsed = _parse(response)
    assert not parsed.bozo, parsed.get("bozo_exception")
    entry = next(e for e in parsed.entries if "Constitution" in e.title)
    content = entry.content[0]
    assert content.type == "text/html"
    article = client.get(entry.link.replace("http://testserver", "") + ".json").json()["article"]
    # Every paragraph of the article, not its lead alone.
    assert len(article["paragraphs"]) >= 2
    for paragraph in article["paragraphs"]:
        assert paragraph.split()[0] in content.value and paragraph.split()[-1].rstrip(".") in content.value
    assert content.value.count("<p>") == len(article["paragraphs"])


def test_feeds_hold_fifty_items_and_name_their_language(client):
    everything = _parse(client.get("/kk/feed.rss?lang=all"))
    assert len(everything.entries) == 50  # the demo store holds 67 articles
    kazakh = _parse(client.get("/kk/feed.rss"))
    assert kazakh.feed.title != everything.feed.title
    assert kazakh.feed.title.endswith("(Қазақша)") and everything.feed.title.endswith("(барлық тілдер)")


@pytest.mark.parametrize("path", ["/kk/feed.rss", "/en/topic/education/feed.atom", pytest.param("/ru/search/feed.rss?q=школа", marks=pytest.mark.pg_search)])
def test_a_second_request_with_the_validators_gets_304(client, path):
    first = client.get(path)
    assert first.status_code == 200
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get(path, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"something-else"'}).status_code == 200
    assert client.get(path, headers={"If-Modified-Since": "Thu, 01 Jan 2015 00:00:00 GMT"}).status_code == 200


def test_feeds_and_pages_are_compressed_for_clients_that_ask(client):
    for path in ("/kk/feed.rss?lang=all", "/kk/"):
        zipped = client.get(path, headers={"Accept-Encoding": "gzip"})
        assert zipped.headers["content-encoding"] == "gzip"
        assert int(zipped.headers["content-length"]) < len(zipped.content) / 2  # httpx unzipped it
        plain = client.get(path, headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers


def test_topic_region_and_story_feeds(client):
    topic = _parse(client.get("/en/topic/education/feed.rss?lang=all"))
    assert topic.entries and not topic.bozo
    story_id = client.get("/en/index.json").json()["stories"][0]["story_id"]
    story = _parse(client.get(f"/en/story/{story_id}/feed.atom"))
    assert {e.link.rsplit("/", 1)[-1] for e in story.entries} == {
        a["id"] for a in client.get(f"/en/story/{story_id}.json").json()["articles"]}
    region = client.get("/ru/region/almaty/feed.rss?lang=all")
    assert region.status_code == 200 and not _parse(region).bozo
    assert client.get("/en/topic/no-such-topic/feed.rss").status_code == 404
    assert client.get("/en/story/none/feed.rss").status_code == 404


@pytest.mark.pg_search
def test_an_empty_feed_is_not_dated_1970(client):
    response = client.get("/en/search/feed.rss?q=zzzzqqqq")
    parsed = _parse(response)
    assert parsed.entries == [] and parsed.feed.updated_parsed.tm_year >= 2026
    assert "1970" not in response.text
