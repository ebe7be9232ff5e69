"""Latin Kazakh on real news: Kazinform's Latin edition, and real headlines in informal and slug Latin.

    python -m bench.real_latin [--folder ../shared/real]

1. Kazinform (kk_latin_kazinform.jsonl, the 2018 alphabet): the records are imported as JSON Lines
   the way the material's README says (`published` = the printed date, no language given), and
   the share of articles identified as kk, dated, and dated with their time is printed.  Then the
   search across scripts: for each article, the longest words of its title are read back to
   Cyrillic (`to_cyrillic`), and a Cyrillic query of each must find the article among its hits.
2. Real Kazakh headlines (kk_en_titles.jsonl, Cyrillic) respelled by this bench in informal Latin
   (plain ASCII, sh, w for у, y for й, q for қ) and as URL slugs (k for қ, zh gh kh ng sh pairs):
   language id (kk wanted), the English headlines of the same pairs (en wanted), and, word by word,
   whether a query of either spelling reaches the other's index term.

The respellings follow published conventions (informal typing, Russian-style slugs); they are
made here at run time and never stored.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

from bench.real import HEADLINE_PAIRS, KAZINFORM_LATIN, REAL, load

_INFORMAL = {
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "і": "i", "ы": "y",
    "й": "y", "у": "w", "ш": "sh", "ж": "j", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "щ": "sh",
    "я": "ya", "ю": "yu", "ё": "yo", "э": "e", "ъ": "", "ь": "", "и": "i",
}
_SLUG = dict(_INFORMAL, **{"қ": "k", "ғ": "gh", "ң": "ng", "ж": "zh", "х": "kh", "у": "u", "й": "i"})
_LATIN = dict(zip("абвгдезклмнопрстф", "abvgdezklmnoprstf"))


def respell(text: str, table: dict[str, str], slug: bool) -> str:
    letters = "".join((table.get(ch) if ch in table else _LATIN.get(ch, ch)) for ch in text.lower())
    if slug:
        return "-".join(re.findall(r"[a-z0-9]+", letters))
    return letters


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text)


def headline_spellings(folder: Path) -> dict:
    from janalyq.language import detect
    from janalyq.search.analyzer import normalize, query_variants, term

    pairs = load(HEADLINE_PAIRS, folder)
    result = {"headlines": len(pairs)}
    for name, table, slug in (("informal", _INFORMAL, False), ("slug", _SLUG, True)):
        respelled = [respell(p["kk"], table, slug) for p in pairs]
        result[f"{name}_lang_kk"] = sum(detect(t)[0] == "kk" for t in respelled) / len(pairs)
        found = total = 0
        for pair, latin in zip(pairs, respelled):
            cyrillic_words = [normalize(w) for w in _words(pair["kk"])]
            latin_words = [normalize(w) for w in _words(latin.replace("-", " "))]
            if len(cyrillic_words) != len(latin_words):
                continue  # a letter the respelling dropped split or merged words
            for cyr, lat in zip(cyrillic_words, latin_words):
                total += 2
                found += term(cyr, "kk") in query_variants(lat)
                found += term(lat, "kk") in query_variants(cyr)
        result[f"{name}_words_found_across"] = found / total
    result["english_lang_en"] = sum(detect(p["en"])[0] == "en" for p in pairs) / len(pairs)
    return result


def kazinform(folder: Path) -> dict:
    from janalyq.pipeline import import_paths
    from janalyq.search import Filters, search
    from janalyq.store import Store
    from janalyq.translit import to_cyrillic

    records = load(KAZINFORM_LATIN, folder)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "kazinform.jsonl"
        with source.open("w", encoding="utf-8") as out:
            for record in records:
                body = record["text"].split("\n", 1)[-1] if "\n" in record["text"] else record["text"]
                out.write(json.dumps({"url": record["url"], "title": record["title"], "body": body,
                                      "published": record["date_printed"]}, ensure_ascii=False) + "\n")
        store = Store(Path(tmp) / "k.db")
        import_paths([str(source)], store, embeddings=False)
        rows = store.rows("SELECT id, url, title, lang, published, published_at FROM articles")
        found = asked = 0
        for row in rows:
            for word in sorted(set(_words(row["title"])), key=len, reverse=True)[:3]:
                if len(word) < 5:
                    continue
                asked += 1
                hits = search(store.db, to_cyrillic(word), Filters(lang="kk"), per_page=50).hits
                found += any(h.article["id"] == row["id"] for h in hits)
        store.close()
    n = len(records)
    return {"records": n, "stored": len(rows), "lang_kk": sum(r["lang"] == "kk" for r in rows) / n,
            "dated": sum(r["published"] is not None for r in rows) / n,
            "dated_with_time": sum(r["published_at"] is not None for r in rows) / n,
            "cyrillic_queries": asked, "cyrillic_query_finds_article": found / max(asked, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, default=REAL)
    args = parser.parse_args()
    figures = {"kazinform": kazinform(args.folder), "headlines": headline_spellings(args.folder)}
    for part, values in figures.items():
        for key, value in values.items():
            print(f"{part:10} {key:32} {value:.3f}" if isinstance(value, float) else f"{part:10} {key:32} {value}")


if __name__ == "__main__":
    main()
