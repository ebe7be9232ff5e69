"""The API's OpenAPI document declares a schema for every response, and every route's
responses (successes and errors) validate against it (jsonschema, JSON Schema 2020-12)."""

from __future__ import annotations

import jsonschema
import pytest


@pytest.fixture(scope="module")
def spec(client):
    return client.get("/api/v1/openapi.json").json()


def _validate(spec: dict, path: str, status: int, body) -> None:
    operation = spec["paths"][path]["get"]
    schema = operation["responses"][str(status)]["content"]["application/json"]["schema"]
    # The document is the root, so "#/components/schemas/..." references resolve inside it.
    root = {**spec, **schema}
    jsonschema.Draft202012Validator(root).validate(body)


def _examples(client) -> dict[str, list[str]]:
    article = client.get("/api/v1/search?q=Konstitutsiia&ui=kk").json()["items"][0]
    story = article["story_id"]
    topic = client.get("/api/v1/topics").json()["items"][0]["id"]
    region = client.get("/api/v1/regions").json()["items"][0]["id"]
    return {
        "/api/v1/articles": ["/api/v1/articles?limit=3", "/api/v1/articles?lang=kk&topic=education&ui=ru"],
        "/api/v1/articles/{article_id}": [f"/api/v1/articles/{article['id']}?ui=kk"],
        "/api/v1/search": ["/api/v1/search?q=school", "/api/v1/search", "/api/v1/search?q=zzzzqqq"],
        "/api/v1/sections": ["/api/v1/sections?ui=kk"],
        "/api/v1/outlets": ["/api/v1/outlets?lang=ru"],
        "/api/v1/stats": ["/api/v1/stats"],
        "/api/v1/stories/{story_id}": [f"/api/v1/stories/{story}"],
        "/api/v1/topics": ["/api/v1/topics?lang=en"],
        "/api/v1/regions": ["/api/v1/regions"],
        "/api/v1/topics/{topic_id}/articles": [f"/api/v1/topics/{topic}/articles"],
        "/api/v1/regions/{region_id}/articles": [f"/api/v1/regions/{region}/articles?page=2"],
    }


def test_every_route_has_a_response_schema(spec):
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                assert schema, f"{method} {path} {status} has no schema"
                assert schema != {}, f"{method} {path} {status} is an untyped object"


@pytest.mark.pg_search
def test_every_route_response_validates(client, spec):
    examples = _examples(client)
    assert set(examples) == set(spec["paths"]), set(spec["paths"]) ^ set(examples)
    for path, urls in examples.items():
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            _validate(spec, path, 200, response.json())


@pytest.mark.pg_search
def test_article_lists_have_one_shape_with_topic_story_and_region(client, spec):
    lists = [client.get(u).json() for u in ("/api/v1/articles?limit=5", "/api/v1/search?q=school",
                                            "/api/v1/topics/education/articles")]
    for body in lists:
        assert {"items", "total", "limit", "page", "pages", "next_cursor"} <= set(body)
        assert body["items"] and all({"topic", "story_id", "region"} <= set(item) for item in body["items"])
    assert any(item["topic"] for body in lists for item in body["items"])
    assert all(item["story_id"] for body in lists for item in body["items"])


def test_error_responses_validate(client, spec):
    for path, url, status in (("/api/v1/articles/{article_id}", "/api/v1/articles/0000000000000000", 404),
                              ("/api/v1/articles", "/api/v1/articles?limit=0", 422),
                              ("/api/v1/stories/{story_id}", "/api/v1/stories/nothing", 404)):
        response = client.get(url)
        assert response.status_code == status
        _validate(spec, path, status, response.json())


def test_docs_and_cors(client):
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and "GET /api/v1/search" in docs.text and "ArticleList" in docs.text
    assert "<script" not in docs.text
    for url in ("/api/v1/stats", "/kk/feed.rss"):
        assert client.get(url, headers={"Origin": "https://example.org"}).headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-origin" not in client.get("/kk/").headers
