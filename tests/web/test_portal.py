"""Every portal and API route through the test client: pages, JSON twins, filters, feeds, errors,
safety, and interface strings in all three languages."""

from __future__ import annotations

import json
import re

import feedparser
import pytest

from janalyq.web import create_app, i18n
from janalyq.web.render import template_names, template_source
from tests.stores import connect, on_postgres


def test_root_redirects_by_accept_language(client):
    assert client.get("/", headers={"accept-language": "ru-RU,ru;q=0.9"}, follow_redirects=False).headers["location"] == "/ru/"
    assert client.get("/", follow_redirects=False).headers["location"] == "/kk/"
    assert client.get("/en", follow_redirects=False).status_code == 308


@pytest.mark.parametrize("ui", ["kk", "ru", "en"])
def test_home_has_section_blocks_in_the_edition_language(client, ui):
    page = client.get(f"/{ui}/index.json").json()
    assert page["page"] == "home" and page["content_lang"] == ui
    assert page["sections"] and all(s["articles"] for s in page["sections"])
    assert all(a["lang"] == ui for s in page["sections"] for a in s["articles"])
    html = client.get(f"/{ui}/").text
    assert f'<html lang="{ui}">' in html and i18n.translate(ui, "latest_news") in html
    for block in page["sections"]:
        assert block["url"] in html  # each block has its "more" link


def test_all_languages_switch(client):
    page = client.get("/en/index.json?lang=all").json()
    assert page["content_lang"] is None
    assert {a["lang"] for a in page["articles"]} >= {"kk", "ru", "en"}


def test_section_pages_paginate(client):
    first = client.get("/en/section/education.json").json()
    assert first["section"]["slug"] == "education" and first["pagination"]["total"] >= 3
    assert all(a["site_section"] == "education" for a in first["articles"])
    everything = client.get("/en/section/education.json?lang=all").json()
    assert everything["pagination"]["pages"] >= 1 and everything["pagination"]["total"] > first["pagination"]["total"]
    assert client.get("/en/section/no-such-section").status_code == 404
    beyond = client.get("/en/section/education.json?page=99").json()
    assert beyond["articles"] == []


def test_outlet_pages_and_outlets_index(client):
    outlets = client.get("/ru/outlets.json").json()["outlets"]
    edu = next(o for o in outlets if o["slug"] == "edu")
    assert edu["name"] == "Министерство просвещения"
    page = client.get(edu["url"].replace("/ru/outlet/edu", "/ru/outlet/edu.json")).json()
    assert page["articles"] and all(a["outlet"] == "edu" for a in page["articles"])
    assert client.get("/ru/outlet/nobody").status_code == 404


def test_archive_by_month_and_day(client):
    archive = client.get("/kk/archive.json").json()
    month = archive["months"][0]
    assert month["count"] == sum(d["count"] for d in month["days"])
    day = month["days"][0]
    page = client.get(f"/kk/archive/{day['day']}.json").json()
    assert len(page["articles"]) == day["count"] and all(a["published"] == day["day"] for a in page["articles"])
    assert client.get(f"/kk/archive/{month['month']}.json").json()["pagination"]["total"] == month["count"]
    assert client.get("/kk/archive/2026-13-45").status_code == 404
    assert client.get("/kk/archive/yesterday").status_code == 404


def test_article_page_shows_source_copies_versions_and_related(client):
    hit = client.get("/api/v1/search?q=Konstitutsiia&lang=kk&ui=kk").json()["items"][0]
    page = client.get(hit["url"] + ".json").json()["article"]
    assert page["title"] == hit["title"] and page["paragraphs"]
    assert page["source_url"].startswith("https://www.gov.kz/")
    assert len(page["seen_in"]) >= 2 and page["duplicates"] >= 1  # dump copies and the HTML page
    assert {v["lang"] for v in page["versions"]} == {"ru", "en"}
    html = client.get(hit["url"]).text
    assert f'href="{page["source_url"]}"' in html
    assert i18n.translate("kk", "seen_also") in html
    # Each other-language version is listed once: the story block has them all, so the release
    # block, which would repeat them, is left out.
    aside = html.split("<aside", 1)[1].split("</aside>", 1)[0]
    assert [aside.count(f'href="{v["url"]}"') for v in page["versions"]] == [1, 1]
    assert 'class="also-in"' in aside and 'class="versions"' not in aside


def test_release_version_outside_the_story_is_listed_once_in_the_release_block(client, served_db, tmp_path):
    import shutil
    import warnings

    hit = client.get("/api/v1/search?q=Konstitutsiia&lang=kk&ui=kk").json()["items"][0]
    versions = client.get(hit["url"] + ".json").json()["article"]["versions"]
    loner = next(v for v in versions if v["lang"] == "en")
    changed = served_db  # PostgreSQL: changed in place and put back after (a database is no file to copy)
    if not on_postgres(served_db):
        changed = tmp_path / "copy.db"
        shutil.copy(served_db, changed)
    db = connect(changed)
    story = db.execute("SELECT story_id FROM articles WHERE id = ?", (loner["id"],)).fetchone()[0]
    db.execute("UPDATE articles SET story_id = NULL WHERE id = ?", (loner["id"],))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from fastapi.testclient import TestClient
        with TestClient(create_app(changed), raise_server_exceptions=False) as other:
            html = other.get(hit["url"]).text
    finally:
        db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (story, loner["id"]))
        db.close()
    aside = html.split("<aside", 1)[1].split("</aside>", 1)[0]
    also_in, release = aside.split('class="versions"', 1)
    assert i18n.translate("kk", "other_languages") in release
    assert [aside.count(f'href="{v["url"]}"') for v in versions] == [1, 1]
    assert f'href="{loner["url"]}"' in release and f'href="{loner["url"]}"' not in also_in


def test_article_api_is_the_page_dict(client, some_ids):
    for lang, article_id in some_ids.items():
        api = client.get(f"/api/v1/articles/{article_id}?ui=kk").json()
        page = client.get(f"/kk/article/{article_id}.json").json()["article"]
        # The API gives the page's article as its response model declares it (internal columns
        # such as the content hash stay out).
        shared = (set(api) & set(page)) - {"story", "versions", "related"}
        assert {k: api[k] for k in shared} == {k: page[k] for k in shared} and api["lang"] == lang
        for key in ("versions", "related"):
            assert [a["id"] for a in api[key]] == [a["id"] for a in page[key]]
        assert [a["id"] for a in api["story"]["also_in"]] == [a["id"] for a in page["story"]["also_in"]]
        assert {"paragraphs", "seen_in", "story", "topic", "region"} <= set(api) and "content_hash" not in api
    assert client.get("/api/v1/articles/0000000000000000").status_code == 404
    assert client.get("/kk/article/0000000000000000").status_code == 404


def test_api_articles_filters_and_cursor(client):
    seen, cursor = [], None
    while True:
        url = "/api/v1/articles?lang=ru&limit=7" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(url).json()
        seen += body["items"]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 22 and len({a["id"] for a in seen}) == 22
    dates = [a["published"] for a in seen]
    assert dates == sorted(dates, reverse=True)
    for key, value in (("section", "health"), ("outlet", "moh")):
        items = client.get(f"/api/v1/articles?{key}={value}&limit=100").json()["items"]
        assert items and all(a["site_section" if key == "section" else "outlet"] == value for a in items)
    ranged = client.get("/api/v1/articles?since=2026-02-01&until=2026-02-28&limit=100").json()["items"]
    assert ranged and all("2026-02-01" <= a["published"] <= "2026-02-28" for a in ranged)


def test_api_search_sections_outlets_stats_openapi(client):
    search = client.get("/api/v1/search?q=referendum&lang=en").json()
    assert search["total"] >= 1 and all(a["lang"] == "en" for a in search["items"])
    sections = client.get("/api/v1/sections?lang=kk&ui=ru").json()["items"]
    assert {"id": "health", "name": "Здоровье", "count": 2} in sections
    assert any(o["id"] == "edu" for o in client.get("/api/v1/outlets").json()["items"])
    stats = client.get("/api/v1/stats").json()
    assert stats["by_lang"] == {"en": 23, "kk": 22, "ru": 22} and stats["articles"] == 67
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert {"/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/search", "/api/v1/sections",
            "/api/v1/outlets", "/api/v1/stats"} <= set(spec["paths"])


@pytest.mark.parametrize("url", [
    "/api/v1/articles?limit=0", "/api/v1/articles?limit=101", "/api/v1/articles?lang=de", "/api/v1/articles?since=2026-02-30",
    "/api/v1/articles?cursor=%%%", "/api/v1/articles?cursor=WzEsMiwzXQ", "/api/v1/search?page=0", "/api/v1/search?until=soon",
    "/api/v1/sections?ui=fr",
])
def test_api_bad_parameters_give_422_json(client, url):
    response = client.get(url)
    assert response.status_code == 422 and response.json()["error"]["status"] == 422


@pytest.mark.parametrize(("ui", "url"), [
    ("kk", "/kk/section/news?page=0"), ("ru", "/ru/search?since=2026-99-01"), ("en", "/en/?lang=xx"),
    ("ru", "/ru/section/news?page=abc"),
])
def test_bad_parameters_give_422_page_in_the_interface_language(client, ui, url):
    response = client.get(url)
    assert response.status_code == 422
    assert f'<html lang="{ui}">' in response.text and i18n.translate(ui, "error_422_title") in response.text


@pytest.mark.parametrize("ui", ["kk", "ru", "en"])
def test_unknown_pages_give_404_page_in_the_interface_language(client, ui):
    response = client.get(f"/{ui}/article/does-not-exist")
    assert response.status_code == 404 and i18n.translate(ui, "error_404_title") in response.text
    assert client.get(f"/{ui}/nothing/here").status_code == 404
    assert client.get("/xx/").status_code == 404


def test_search_page_ranks_highlights_and_paginates(client):
    html = client.get("/en/search?q=Qazaqstan").text
    assert "<mark>" in html and i18n.translate("en", "results_count", n="").split(":")[0] in html
    empty = client.get("/ru/search?q=zzzqqqxxx")
    assert empty.status_code == 200 and i18n.translate("ru", "nothing_found") in empty.text
    hint = client.get("/kk/search")
    assert i18n.translate("kk", "search_hint") in hint.text
    filtered = client.get("/en/search.json?q=Konstitutsiia&lang=kk&section=education&outlet=edu"
                          "&since=2026-03-01&until=2026-03-31").json()
    assert filtered["articles"] and all(a["lang"] == "kk" and a["outlet"] == "edu" for a in filtered["articles"])
    assert all("2026-03-01" <= a["published"] <= "2026-03-31" for a in filtered["articles"])


@pytest.mark.parametrize("path", ["/kk/feed", "/ru/section/health/feed", "/en/outlet/edu/feed",
                                  "/kk/search/feed"])
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_are_valid(client, path, kind):
    response = client.get(f"{path}.{kind}" + ("?q=Konstitutsiia" if "search" in path else ""))
    assert response.status_code == 200
    parsed = feedparser.parse(response.content, response_headers={"content-type": response.headers["content-type"]})
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.entries and all(e.get("published_parsed") or e.get("updated_parsed") for e in parsed.entries)
    text = response.text
    if kind == "rss":
        # The seeds print days without times: the start of the day in Astana, not UTC midnight.
        assert re.search(r"<pubDate>\w{3}, \d{2} \w{3} \d{4} 00:00:00 \+0500</pubDate>", text)
    else:
        assert re.search(r"<updated>\d{4}-\d{2}-\d{2}T00:00:00\+05:00</updated>", text)
    assert client.get(f"{path}.json" if "search" not in path else "/kk/search/feed.txt").status_code == 404


def test_security_headers_on_every_kind_of_response(client):
    for url in ("/kk/", "/api/v1/stats", "/kk/feed.rss", "/static/style.css", "/kk/article/missing"):
        headers = client.get(url).headers
        assert "default-src 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_hostile_article_is_shown_as_text(client):
    hit = client.get("/api/v1/search?q=hostile").json()["items"][0]
    html = client.get(hit["url"]).text
    assert "<script>alert" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert 'href="javascript:' not in html
    # A script source link is removed when the article is cleaned, and the article flagged.
    assert "javascript:" not in html
    assert "source_url_removed" in client.get(f"/api/v1/articles/{hit['id']}").json()["flags"]
    feed = client.get("/en/search/feed.rss?q=hostile").text
    assert "<script>" not in feed


def test_page_html_is_semantic_and_offline(client, some_ids):
    for url in ("/kk/", f"/ru/article/{some_ids['ru']}", "/en/search?q=school"):
        html = client.get(url).text
        assert '<meta name="viewport"' in html and "<main" in html and "<nav" in html
        assert not re.search(r'(src|href)="(https?:)?//(?!www\.gov\.kz)', html.replace('href="http://testserver', ""))
    article = client.get(f"/ru/article/{some_ids['ru']}").text
    assert '<article class="full" lang="ru">' in article


def test_every_interface_string_exists_in_every_language():
    keys = {lang: set(i18n.strings(lang)) for lang in i18n.UI_LANGS}
    assert keys["kk"] == keys["ru"] == keys["en"]
    for lang in i18n.UI_LANGS:
        assert all(value.strip() for value in i18n.strings(lang).values())
    used = set()
    for name in template_names():
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']""", template_source(name)))
    assert used and used <= keys["en"], used - keys["en"]
    placeholders = {lang: {k: set(re.findall(r"{(\w+)}", v)) for k, v in i18n.strings(lang).items()}
                    for lang in i18n.UI_LANGS}
    assert placeholders["kk"] == placeholders["ru"] == placeholders["en"]


def test_dates_are_written_per_language():
    assert i18n.format_date("kk", "2026-03-18") == "2026 жылғы 18 наурыз"
    assert i18n.format_date("ru", "2026-03-18") == "18 марта 2026 г."
    assert i18n.format_date("en", "2026-03-18") == "18 March 2026"
    assert i18n.format_date("kk", None) == i18n.translate("kk", "date_unknown")
