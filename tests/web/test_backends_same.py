"""The portal and the API answer the same on both backends: the seeds (../shared/seeds) imported
into an SQLite store and into a PostgreSQL one by the same pipeline, then every listing, article,
topic, region, outlet and section page, and the JSON API, asked of both and compared byte for
byte, collection times aside (the two imports run seconds apart)."""

from __future__ import annotations

import datetime as dt
import re
import warnings

import pytest

from janalyq.pipeline import import_paths
from janalyq.store import open_store
from janalyq.web import create_app

UIS = ("kk", "ru", "en")
# A search on PostgreSQL needs the query side of branch pgsearch; so do article pages and the
# article API (their "versions" and "related" blocks are search/browse.py's).


@pytest.fixture(scope="module")
def portals(seeds_dir, pg_cluster, tmp_path_factory):
    """(SQLite client, PostgreSQL client), each serving the seeds as the pipeline stores them."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    addresses = [str(tmp_path_factory.mktemp("same") / "seeds.db"), pg_cluster.new_database()]
    for address in addresses:
        store = open_store(address)
        report = import_paths([str(seeds_dir)], store)
        store.close()
        assert report.stored_new == 51 and not report.rejects, (address, report.rejects)
    clients = [TestClient(create_app(address), raise_server_exceptions=False) for address in addresses]
    with clients[0], clients[1]:
        yield clients


def _collection_stamps() -> re.Pattern:
    """ISO times of today and yesterday (UTC and Astana's day around midnight): the seeds were
    published before, so only collection, update and sighting times match."""
    today = dt.datetime.now(dt.timezone.utc).date()
    days = [today + dt.timedelta(days=n) for n in (-1, 0, 1)]
    iso = "|".join(str(day) for day in days)
    rfc822 = "|".join(day.strftime("%d %b %Y") for day in days)  # feeds' lastBuildDate
    return re.compile(rf"(?:{iso})[T ]\d\d:\d\d(?::\d\d)?(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?"
                      rf"|(?:{rfc822}) \d\d:\d\d:\d\d [+-]\d{{4}}")


def _same(portals, url: str) -> str:
    """The answer to `url`, asserted to be the same on both backends; returned for more links."""
    sqlite_answer, pg_answer = (client.get(url) for client in portals)
    assert sqlite_answer.status_code == 200, url
    assert pg_answer.status_code == sqlite_answer.status_code, url
    stamps = _collection_stamps()
    left, right = (stamps.sub("<collected>", answer.text) for answer in (sqlite_answer, pg_answer))
    if left != right:
        first = next((i for i, (a, b) in enumerate(zip(left, right)) if a != b), min(len(left), len(right)))
        pytest.fail(f"{url} differs at {first}:\n  sqlite:     {left[max(0, first - 80):first + 120]!r}\n"
                    f"  postgresql: {right[max(0, first - 80):first + 120]!r}")
    return sqlite_answer.text


def _api(portals, url: str) -> dict:
    _same(portals, url)
    return portals[0].get(url).json()


def test_the_seeds_are_all_there_on_both(portals):
    stats = _api(portals, "/api/v1/stats")
    assert stats["articles"] == sum(stats["by_lang"].values()) == 51
    assert stats["outlets"] >= 5 and stats["first_published"] < stats["last_published"]


@pytest.mark.parametrize("ui", UIS)
def test_home_pages_and_their_json_are_the_same(portals, ui):
    for url in (f"/{ui}/", f"/{ui}/?lang=all", f"/{ui}/index.json", f"/{ui}/index.json?lang=all",
                f"/{ui}/feed.rss?lang=all", f"/{ui}/feed.atom"):
        _same(portals, url)


def test_article_list_api_is_the_same_page_by_page(portals):
    """Every page of the newest-first list, by cursor, in pages of 7 (ties in time are broken by
    the same key on both), and the filtered lists."""
    url, seen = "/api/v1/articles?limit=7", []
    while url:
        page = _api(portals, url)
        seen += [item["id"] for item in page["items"]]
        url = f"/api/v1/articles?limit=7&cursor={page['next_cursor']}" if page.get("next_cursor") else None
    assert len(seen) == len(set(seen)) == 51
    for lang in ("kk", "ru", "en"):
        _same(portals, f"/api/v1/articles?lang={lang}&limit=100")
    for facet in ("sections", "outlets", "topics", "regions"):
        _same(portals, f"/api/v1/{facet}")


def test_topic_region_outlet_and_section_listings_are_the_same(portals):
    listed = 0
    for facet, page in (("topics", "topic"), ("regions", "region")):
        for entry in _api(portals, f"/api/v1/{facet}")["items"]:
            name = entry["id"]
            _same(portals, f"/api/v1/{facet}/{name}/articles?limit=100")
            for ui in UIS:
                _same(portals, f"/{ui}/{page}/{name}?lang=all")
            listed += 1
    for facet, page in (("outlets", "outlet"), ("sections", "section")):
        for entry in _api(portals, f"/api/v1/{facet}")["items"]:
            name = entry["id"]
            for ui in UIS:
                _same(portals, f"/{ui}/{page}/{name}?lang=all")
            listed += 1
    assert listed >= 6  # the seeds have topics, regions, outlets and sections to list
    for ui in UIS:
        _same(portals, f"/{ui}/outlets")
        _same(portals, f"/{ui}/archive")


def test_every_article_page_and_its_api_record_are_the_same(portals):
    items = _api(portals, "/api/v1/articles?limit=100")["items"]
    assert len(items) == 51
    for item in items:
        _same(portals, f"/api/v1/articles/{item['id']}")
        _same(portals, f"/{item['lang'] or 'kk'}/article/{item['id']}")
    _same(portals, f"/en/article/{items[0]['id']}.json")


SEARCHES = ["Қазақстан", "Kazakhstan", "образования", "білім", "Astana"]


@pytest.mark.parametrize("query", SEARCHES)
def test_search_pages_of_the_seeds_answer_on_sqlite(portals, query):
    """The comparison below is pending on PostgreSQL; the SQLite side must hold meanwhile (a hit
    with an empty body, the seeds' "None" article, once made the search page fail)."""
    for url in (f"/en/search?q={query}", f"/kk/search.json?q={query}", f"/api/v1/search?q={query}&limit=50"):
        answer = portals[0].get(url)
        assert answer.status_code == 200, url
    assert portals[0].get(f"/api/v1/search?q={query}").json()["items"], query


@pytest.mark.parametrize("query", SEARCHES)
def test_search_finds_the_same_articles_in_the_same_order(portals, query):
    found = _api(portals, f"/api/v1/search?q={query}&limit=50")
    assert found["items"], query
    _same(portals, f"/en/search?q={query}")
