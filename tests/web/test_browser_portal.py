"""The portal in a real headless Chromium (Debian's, through Playwright) at phone (390 px) and
desktop width, in the Kazakh, Russian and English interfaces: story cards on the home page, a
story page, the language switch opening a translation, and every page without horizontal
scrolling.  Screenshots go to tests/artifacts/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.web.test_browser import ARTIFACTS, CHROMIUM, FLAGS, server  # noqa: F401  (fixture)

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
# How much wider than the window the page is: 0 when nothing scrolls sideways.
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is required (tests/setup-system.sh installs it)"
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", params=list(WIDTHS))
def tab(request, browser):
    context = browser.new_context(viewport=WIDTHS[request.param])
    # Nothing leaves the machine: every request off loopback is refused.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    page = context.new_page()
    page.width_name = request.param
    yield page
    context.close()


def _screenshot(tab, path) -> None:
    """A full-page screenshot for the artifacts folder.  Chromium now and then fails to capture a
    tall page ("Unable to capture screenshot") on a loaded machine; the picture is a record, not
    what the test asserts, so one retry and then the visible part."""
    for full_page in (True, True, False):
        try:
            tab.screenshot(path=str(path), full_page=full_page)
            return
        except PlaywrightError:
            continue
    raise AssertionError(f"no screenshot of {path.name} could be taken")


def _no_sideways_scroll(tab, what: str) -> None:
    assert tab.evaluate(OVERFLOW) <= 0, f"{what} is wider than the {tab.width_name} screen"


@pytest.mark.parametrize("ui", ["kk", "ru", "en"])
def test_home_shows_story_cards(server, tab, ui):
    tab.goto(f"{server}/{ui}/")
    cards = tab.locator("section.events article.story-card")
    assert cards.count() >= 5
    multi = cards.filter(has=tab.locator(".story-meta .lang-tag")).first
    assert multi.locator(".lang-tag").count() == 3
    # Headed in the reader's language where the story has a version in it.
    assert multi.get_attribute("lang") == ui
    assert tab.locator("nav.topic-nav a").count() >= 10
    _no_sideways_scroll(tab, f"/{ui}/")
    _screenshot(tab, ARTIFACTS / f"home-{ui}-{tab.width_name}.png")


@pytest.mark.parametrize("ui", ["kk", "ru", "en"])
def test_search_fits_a_phone_screen(server, tab, ui):
    tab.goto(f"{server}/{ui}/search?q=school")
    assert tab.locator("form.search-page select[name=outlet] option").count() > 5
    _no_sideways_scroll(tab, f"/{ui}/search")
    # The form as a reader submits it, every filter left at "any", is a search, not an error.
    tab.click("form.search-page fieldset button")
    assert tab.locator("ol.results article.card").count() >= 1
    _no_sideways_scroll(tab, f"/{ui}/search, filters submitted")
    _screenshot(tab, ARTIFACTS / f"search-{ui}-{tab.width_name}.png")


def test_story_page_and_the_language_switch_opening_a_translation(server, tab):
    tab.goto(f"{server}/kk/")
    card = tab.locator("section.events article.story-card").filter(has=tab.locator(".story-meta .lang-tag")).first
    card.locator("a.story-link").click()
    assert "/kk/story/" in tab.url
    versions = tab.locator("ol.timeline > li")
    assert sorted(versions.nth(i).get_attribute("lang") for i in range(versions.count())) == ["en", "kk", "ru"]
    _no_sideways_scroll(tab, "the story page")
    _screenshot(tab, ARTIFACTS / f"story-kk-{tab.width_name}.png")

    versions.locator("article.card[lang=kk] h3 a").first.click()
    assert tab.locator("article.full").get_attribute("lang") == "kk"
    kazakh_url = tab.url
    tab.click("nav.langs a[hreflang=ru]")
    # The Russian interface opens the Russian version, not the Kazakh text under Russian menus.
    assert "/ru/article/" in tab.url and tab.url.rsplit("/", 1)[-1] != kazakh_url.rsplit("/", 1)[-1]
    assert tab.locator("html").get_attribute("lang") == "ru"
    assert tab.locator("article.full").get_attribute("lang") == "ru"
    _no_sideways_scroll(tab, "the article page")
    _screenshot(tab, ARTIFACTS / f"article-switched-ru-{tab.width_name}.png")


@pytest.mark.parametrize("ui", ["kk", "ru", "en"])
def test_every_kind_of_page_fits_the_screen(server, tab, ui):
    tab.goto(f"{server}/{ui}/")
    article = tab.locator("section.latest article.card h3 a").first.get_attribute("href")
    for path in (article, f"/{ui}/outlets", f"/{ui}/archive", f"/{ui}/topic/education?lang=all",
                 f"/{ui}/section/education", f"/{ui}/archive/2026-03", "/api/v1/docs"):
        tab.goto(server + path)
        _no_sideways_scroll(tab, path)
