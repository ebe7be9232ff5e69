"""In a real headless Chromium: one story in three languages, its timeline, topics and the
Kazakh script switch (the server and browser fixtures are those of test_browser.py)."""

from __future__ import annotations

import sqlite3

from janalyq.translit import has_cyrillic
from tests.web.test_browser import ARTIFACTS, page, server  # noqa: F401  (fixtures)


def _kazakh_story_article(demo_db) -> tuple[str, str]:
    db = sqlite3.connect(demo_db)
    try:
        return db.execute(
            "SELECT a.id, a.story_id FROM articles a WHERE a.lang = 'kk' AND a.title GLOB '*[ӘәҚқҒғҢңӨөҰұҮүІі]*'"
            " AND (SELECT count(DISTINCT lang) FROM articles b WHERE b.story_id = a.story_id) = 3"
            " ORDER BY a.id LIMIT 1").fetchone()
    finally:
        db.close()


def test_story_versions_timeline_topic_and_script_switch(server, page, demo_db):
    article_id, story_id = _kazakh_story_article(demo_db)
    page.goto(f"{server}/kk/article/{article_id}")
    title = page.locator("h1").inner_text()
    assert has_cyrillic(title)

    # "Also in": the Russian and English versions of the same story.
    also = page.locator("aside .also-in li")
    assert also.count() == 2
    assert also.nth(0).get_attribute("lang") == "ru" and also.nth(1).get_attribute("lang") == "en"
    page.screenshot(path=str(ARTIFACTS / "article-story-kk.png"), full_page=True)

    # The script switch: Latin, then back to Cyrillic.
    page.click("nav.script-switch a:not(.current)")
    assert "script=latin" in page.url
    latin = page.locator("h1").inner_text()
    assert not has_cyrillic(latin) and latin != title
    assert page.locator("nav.script-switch a.current").inner_text() == "Latyn"
    page.screenshot(path=str(ARTIFACTS / "article-latin.png"), full_page=True)
    page.click("nav.script-switch a:not(.current)")
    assert page.locator("h1").inner_text() == title

    # Follow the English version, then its story page with every version on a timeline.
    page.click("aside .also-in li[lang=en] a")
    assert page.locator("article.full").get_attribute("lang") == "en"
    page.click("a.story-link")
    assert page.url.endswith(f"/kk/story/{story_id}")
    timeline = page.locator("ol.timeline > li")
    assert timeline.count() == 3
    assert sorted(timeline.nth(i).get_attribute("lang") for i in range(3)) == ["en", "kk", "ru"]
    page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)

    # The topic of an article leads to the listing of that topic.
    timeline.nth(0).locator("h3 a").click()
    topic_link = page.locator(".story-facts a[href*='/topic/']")
    topic_name = topic_link.inner_text()
    topic_link.click()
    assert "/kk/topic/" in page.url and topic_name in page.locator("h1").inner_text()
    assert page.locator("article.card").count() >= 1
