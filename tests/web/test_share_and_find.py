"""Pages people share and find (preview tags, canonical and hreflang links, sitemap, robots),
the language switch that opens a translation, readable outlets and sightings, and times in the
reader's language."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
import xml.etree.ElementTree as ET

import pytest

from janalyq.pipeline import import_paths
from janalyq.store import open_store
from janalyq.web import create_app, i18n

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _story_with_three_languages(client) -> dict:
    story = next(s for s in client.get("/kk/index.json").json()["stories"] if len(s["languages"]) == 3)
    return client.get(f"/api/v1/stories/{story['story_id']}").json()


def test_article_pages_carry_preview_canonical_and_hreflang_links(client):
    versions = {a["lang"]: a["id"] for a in _story_with_three_languages(client)["items"]}
    html = client.get(f"/ru/article/{versions['kk']}").text
    title = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert f'<meta property="og:title" content="{title}">' in html
    assert '<meta property="og:type" content="article">' in html and '<meta name="twitter:card" content="summary">' in html
    assert f'<link rel="canonical" href="http://testserver/ru/article/{versions["kk"]}">' in html
    # hreflang and the language switch lead to the translations, not to the same Kazakh text.
    assert f'hreflang="en" href="http://testserver/en/article/{versions["en"]}"' in html
    assert f'<a href="/en/article/{versions["en"]}" hreflang="en"' in html
    assert f'<a href="/ru/article/{versions["ru"]}" hreflang="ru"' in html
    assert 'class="note only-in"' not in html


def test_switch_without_a_translation_changes_menus_and_says_so(client):
    lonely = [a for a in client.get("/api/v1/articles?lang=kk&limit=100").json()["items"]
              if client.get(f"/api/v1/stories/{a['story_id']}").json()["story"]["size"] == 1]
    assert lonely, "the demo has Kazakh articles reported in one language only"
    html = client.get(f"/en/article/{lonely[0]['id']}").text
    assert "exists only in its original language (Kazakh)" in html
    assert f'<a href="/ru/article/{lonely[0]["id"]}" hreflang="ru"' in html


def test_sitemap_lists_every_article_once_and_robots_points_to_it(client, served_db):
    robots = client.get("/robots.txt").text
    assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /kk/search" in robots
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text.replace("http://testserver", "") for loc in index.iter(f"{SM}loc")]
    pages = []
    for location in locations:
        sitemap = ET.fromstring(client.get(location).content)
        pages += [loc.text for loc in sitemap.iter(f"{SM}loc")]
    articles = [p for p in pages if "/article/" in p]
    total = client.get("/api/v1/stats").json()["articles"]
    assert len(articles) == len(set(articles)) == total
    assert "http://testserver/kk/topic/education" in pages


def test_outlet_slugs_are_written_as_names_and_sightings_as_sites():
    assert i18n.outlet_name("ru", "kostanai-kalasy-akimat") == "Kostanai kalasy akimat"
    assert i18n.outlet_name("kk", "edu") == i18n.strings("kk")["outlet_edu"]


def test_seen_at_names_sites_in_the_reader_language_and_counts_files(client):
    versions = {a["lang"]: a["id"] for a in _story_with_three_languages(client)["items"]}
    html = client.get(f"/ru/article/{versions['kk']}").text
    seen = html.split('<section class="seen">')[1].split("</section>")[0]
    assert "file://" not in seen and ".txt" not in seen
    assert re.search(r">gov\.kz</a>", seen) or "Импортированных файлов" in seen


@pytest.mark.parametrize("lang,expected", [("kk", "2 сағат бұрын"), ("ru", "2 часа назад"), ("en", "2 hours ago")])
def test_recent_times_are_relative_in_the_reader_language(tmp_path, db_url, monkeypatch, lang, expected):
    monkeypatch.setenv("JANALYQ_EMBEDDINGS", "0")
    moment = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=2, minutes=5)).astimezone(
        dt.timezone(dt.timedelta(hours=5)))
    record = {"url": "https://example.kz/ru/fresh", "lang": "ru", "published": moment.isoformat(timespec="seconds"),
              "title": "В Туркестане открыли новую библиотеку",
              "body": "Библиотека на три тысячи книг открылась в центре города. Читальный зал работает без выходных."}
    source = tmp_path / "fresh.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    store = open_store(db_url)
    import_paths([str(source)], store)
    store.close()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    with TestClient(create_app(db_url)) as client:
        html = client.get(f"/{lang}/?lang=all").text
    assert expected in html
    # The exact moment stays in the markup, on Astana's clock, for the reader who hovers.
    assert moment.strftime("%H:%M") in html
