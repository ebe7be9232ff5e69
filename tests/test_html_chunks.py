"""An article the page splits into chunks between ads: the later chunks are read too, the ads and
boxes of the same kind elsewhere on the page are not."""

from __future__ import annotations

from janalyq.read.html import extract_page, parse_page
from janalyq.read.html_chunks import following_chunks

FIRST = [
    "The city council of Aktobe approved a plan on Tuesday to replace the oldest tram line with "
    "electric buses, after two years of complaints about breakdowns in winter.",
    "Under the plan, forty buses will be bought over three years, and the depot on the eastern "
    "edge of the city will be rebuilt to charge them overnight.",
    "Council members who voted against it said the money should first go to repairing roads in "
    "the districts that the buses are meant to serve.",
]
SECOND = [
    "Drivers of the tram line will be offered retraining as bus drivers, the transport department "
    "said, and none of the ninety staff is expected to lose a job.",
    "Residents of the northern districts, where the line runs, will be asked at public hearings in "
    "March which stops the new routes should keep.",
]
THIRD = [
    "The last tram is planned to run in the autumn of next year; one carriage will be kept and "
    "shown at the city museum, the mayor's office said.",
]


def _chunk(paragraphs: list[str]) -> str:
    return '<div class="story-chunk body-text">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"


AD = ('<div class="ad-slot"><p>Subscribe to our evening newsletter and get the day\'s news from '
      'every region of the country in your inbox.</p><a href="/subscribe">Subscribe</a></div>')
# A box of the same tag and class far from the article (a footer teaser): not part of it.
FAR_BOX = ('<footer><div><div><div><div>' + _chunk([
    "Read our guide to the best winter walks around the city, with maps and the cafés on the way."])
    + "</div></div></div></div></footer>")

CHUNKED_PAGE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Aktobe will replace its oldest tram line with electric buses</title></head><body>
<header><a href="/">Home</a> <a href="/city">City</a></header>
<main><article><h1>Aktobe will replace its oldest tram line with electric buses</h1>
<div class="chunks"><div class="grid">{_chunk(FIRST)}</div>{AD}
<div class="grid">{_chunk(SECOND)}</div>{AD}<div class="grid">{_chunk(THIRD)}</div></div>
</article></main>{FAR_BOX}</body></html>"""


def test_the_later_chunks_of_an_article_are_read():
    tree = parse_page(CHUNKED_PAGE)
    added = following_chunks(tree, FIRST)
    assert added == SECOND + THIRD


def test_chunked_page_body_has_every_paragraph_in_order_and_no_ad():
    article, _ = extract_page(CHUNKED_PAGE, "https://city.example.kz/trams")
    body = article.body_text
    positions = [body.find(paragraph) for paragraph in FIRST + SECOND + THIRD]
    assert -1 not in positions and positions == sorted(positions)
    assert "evening newsletter" not in body
    assert "winter walks" not in body


def test_a_page_in_one_box_gets_nothing_added():
    page = CHUNKED_PAGE.replace(f'{AD}\n<div class="grid">{_chunk(SECOND)}</div>{AD}<div class="grid">{_chunk(THIRD)}</div>', "")
    tree = parse_page(page)
    assert following_chunks(tree, FIRST) == []
    article, _ = extract_page(page, "https://city.example.kz/trams")
    assert article.read_repairs is None or "later_chunks_added" not in article.read_repairs


def test_link_lists_in_a_later_box_of_the_same_kind_are_not_added():
    links = ('<div class="grid">' '<div class="story-chunk body-text"><p><a href="/a">Bus fares rise in '
             'Atyrau from January</a> and <a href="/b">New bridge opens in Oral</a></p></div></div>')
    page = CHUNKED_PAGE.replace("</div>\n</article>", links + "</div>\n</article>")
    tree = parse_page(page)
    added = following_chunks(tree, FIRST)
    assert added == SECOND + THIRD


def test_a_few_lines_in_a_later_box_of_the_same_kind_are_not_added():
    # An author's note in a box of the article's own class, right after it: not a later chunk.
    note = '<div class="grid">' + _chunk(["Our correspondent in Aktobe writes about the city's transport."]) + "</div>"
    page = CHUNKED_PAGE.replace(f'{AD}\n<div class="grid">{_chunk(SECOND)}</div>{AD}<div class="grid">{_chunk(THIRD)}</div>', note)
    assert note in page
    assert following_chunks(parse_page(page), FIRST) == []
    article, _ = extract_page(page, "https://city.example.kz/trams")
    assert "Our correspondent" not in article.body_text
