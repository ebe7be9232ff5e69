"""Build the bundled sample news from its authored text (stories.toml) into raw shapes.

Run `python -m janalyq.samples.build` after editing stories.toml; the output is committed, and a
test checks that it is up to date.  Output, under this package:

* `site/`: a small static news site: `index.html`, one edition per language
  (`{lang}/index.html`), section listings with pagination (`{lang}/{section}/index.html`,
  `page-2.html`, ...) linking to article pages (`articles/{lang}/{key}.html`).  It can be served
  and crawled, or its article pages imported as HTML.
* `dumps/`: page-text dumps of the section listings in the layout of the aggregator pages the
  project reads (site name, section header and "More" line, "Title DD.MM.YYYY", body, source
  trailer), one file per language and section.  A story filed under two sections is in two
  dumps, as on the real site, so the demo shows merged copies.
* `manifest.json`: every article with its language, source URL and site path.

The stories are invented demo news written for janalyq; their source links follow the gov.kz
pattern so that outlets and language versions are recognised, but the numbers in them are not
real releases.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import tomllib
from pathlib import Path

from janalyq.translit import to_latin

HERE = Path(__file__).parent
LANGS = ("kk", "ru", "en")
PER_PAGE = 8
SITE_NAME = "Janalyq Demo Desk"
SECTION_HEADERS = {  # the header line a dump prints, and its "More" line
    "kk": ({"news": "Жаңалықтар", "society": "Қоғам", "education": "Білім", "economics": "Экономика",
            "health": "Денсаулық", "culture": "Мәдениет", "sport": "Спорт", "regions": "Өңірлер"}, "Қосымша"),
    "ru": ({"news": "Новости", "society": "Общество", "education": "Образование", "economics": "Экономика",
            "health": "Здоровье", "culture": "Культура", "sport": "Спорт", "regions": "Регионы"}, "Ещё"),
    "en": ({"news": "News", "society": "Society", "education": "Education", "economics": "Economy",
            "health": "Health", "culture": "Culture", "sport": "Sport", "regions": "Regions"}, "More"),
}
SOURCE_LABEL = {"kk": "Ақпарат көзі", "ru": "Источник", "en": "Source"}
EDITION_NAME = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


def load_stories(path: Path = HERE / "stories.toml") -> list[dict]:
    """One dict per article: story fields plus lang, title, paragraphs, source_url."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    articles = []
    for story in data["story"]:
        for lang in LANGS:
            text = story.get(lang)
            if not text:
                continue
            title, body = text["title"].strip(), text["body"].strip()
            if text.get("script") == "latin":
                title, body = to_latin(title), to_latin(body)
            articles.append({
                "key": story["key"], "lang": lang, "date": story["date"], "outlet": story["outlet"],
                "sections": story["sections"], "title": title,
                "paragraphs": [" ".join(p.split()) for p in body.split("\n\n") if p.strip()],
                "source_url": f"https://www.gov.kz/memleket/entities/{story['outlet']}/press/news/details/"
                              f"{story['release']}?lang={lang}",
            })
    articles.sort(key=lambda a: (a["date"], a["key"]), reverse=True)
    return articles


def _page(lang: str, title: str, body: str, head: str = "") -> str:
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{html.escape(title)}</title>\n{head}</head>\n<body>\n"
            f'<header><a href="/">{SITE_NAME}</a> · '
            + " · ".join(f'<a href="/{code}/">{EDITION_NAME[code]}</a>' for code in LANGS)
            + f"</header>\n<main>\n{body}</main>\n<footer>{SITE_NAME}: demo news written for janalyq.</footer>\n"
            "</body>\n</html>\n")


def article_page(a: dict) -> str:
    day: dt.date = a["date"]
    head = (f'<link rel="canonical" href="{html.escape(a["source_url"])}">\n'
            f'<meta property="og:title" content="{html.escape(a["title"])}">\n'
            f'<meta property="article:published_time" content="{day.isoformat()}">\n'
            f'<meta property="article:section" content="{a["sections"][0]}">\n')
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in a["paragraphs"])
    body = (f'<article>\n<h1>{html.escape(a["title"])}</h1>\n'
            f'<p class="date"><time datetime="{day.isoformat()}">{day:%d.%m.%Y}</time></p>\n'
            f"{paragraphs}\n</article>\n")
    return _page(a["lang"], a["title"], body, head)


def _listing_item(a: dict, prefix: str) -> str:
    return (f'<li><a href="{prefix}articles/{a["lang"]}/{a["key"]}.html">{html.escape(a["title"])}</a> '
            f'<time datetime="{a["date"].isoformat()}">{a["date"]:%d.%m.%Y}</time></li>')


def section_pages(lang: str, section: str, items: list[dict]) -> dict[str, str]:
    headers, more = SECTION_HEADERS[lang]
    pages = [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)] or [[]]
    out = {}
    for number, chunk in enumerate(pages, start=1):
        name = "index.html" if number == 1 else f"page-{number}.html"
        links = "\n".join(_listing_item(a, "../../") for a in chunk)
        nav = []
        if number > 1:
            nav.append(f'<a rel="prev" href="{"index.html" if number == 2 else f"page-{number - 1}.html"}">←</a>')
        if number < len(pages):
            nav.append(f'<a rel="next" href="page-{number + 1}.html">→</a>')
        body = f"<h1>{headers[section]}</h1>\n<ul>\n{links}\n</ul>\n<nav>{' '.join(nav)}</nav>\n"
        out[name] = _page(lang, headers[section], body)
    return out


def edition_page(lang: str, by_section: dict[str, list[dict]]) -> str:
    headers, more = SECTION_HEADERS[lang]
    blocks = []
    for section, items in by_section.items():
        links = "\n".join(_listing_item(a, "../") for a in items[:3])
        blocks.append(f"<section>\n<h2>{headers[section]}</h2>\n<ul>\n{links}\n</ul>\n"
                      f'<p><a href="{section}/index.html">{more}</a></p>\n</section>')
    return _page(lang, SITE_NAME, f"<h1>{SITE_NAME}</h1>\n" + "\n".join(blocks) + "\n")


def dump_text(lang: str, section: str, items: list[dict]) -> str:
    headers, more = SECTION_HEADERS[lang]
    lines = [SITE_NAME, "", headers[section], more]
    for a in items:
        lines.append(f'{a["title"]} {a["date"]:%d.%m.%Y}')
        lines.extend(a["paragraphs"][:-1])
        lines.append(f'{a["paragraphs"][-1]} {SOURCE_LABEL[lang]} : {a["source_url"]}')
    return "\n".join(lines) + "\n"


def build_files(articles: list[dict]) -> dict[str, str]:
    """Relative path -> file text, for everything the build writes."""
    files: dict[str, str] = {}
    for a in articles:
        files[f"site/articles/{a['lang']}/{a['key']}.html"] = article_page(a)
    for lang in LANGS:
        by_section: dict[str, list[dict]] = {}
        for a in articles:
            if a["lang"] == lang:
                for section in a["sections"]:
                    by_section.setdefault(section, []).append(a)
        for section, items in by_section.items():
            for name, text in section_pages(lang, section, items).items():
                files[f"site/{lang}/{section}/{name}"] = text
            files[f"dumps/{lang}-{section}.txt"] = dump_text(lang, section, items)
        files[f"site/{lang}/index.html"] = edition_page(lang, by_section)
    files["site/index.html"] = _page("en", SITE_NAME, "<h1>" + SITE_NAME + "</h1>\n<ul>\n" + "\n".join(
        f'<li><a href="{code}/index.html" hreflang="{code}">{EDITION_NAME[code]}</a></li>' for code in LANGS)
        + "\n</ul>\n")
    manifest = [{"lang": a["lang"], "key": a["key"], "date": a["date"].isoformat(), "outlet": a["outlet"],
                 "title": a["title"], "source_url": a["source_url"],
                 "site_path": f"articles/{a['lang']}/{a['key']}.html"} for a in articles]
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    return files


def build(root: Path = HERE) -> int:
    files = build_files(load_stories())
    for relative, text in files.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return len(files)


if __name__ == "__main__":  # pragma: no cover
    print(f"{build()} files written under {HERE}")
