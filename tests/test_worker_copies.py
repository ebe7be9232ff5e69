"""Workers of a parallel import do not embed articles the store already holds a copy of
(janalyq.store.reader): such articles are merged into their copy and never enriched."""

from __future__ import annotations

import json

from janalyq.article import Article
from janalyq.dedup import signature
from janalyq.pipeline import import_paths
from janalyq.store import open_store
from janalyq.store.reader import StoreReader, reader_for

ROWS = [
    {"url": "https://akorda.kz/kk/1", "lang": "kk", "published": "2026-03-02",
     "title": "Президент Ақтөбеде жаңа зауыттың ашылу салтанатына қатысты",
     "body": "Мемлекет басшысы облыс орталығында салынған құбыр зауытын аралап, жұмысшылармен сөйлесті. "
             "Зауыт жылына жүз мың тонна өнім шығарады және үш жүз адамды жұмыспен қамтиды."},
    {"url": "https://akorda.kz/ru/1", "lang": "ru", "published": "2026-03-02",
     "title": "Президент принял участие в открытии нового завода в Актобе",
     "body": "Глава государства осмотрел построенный в областном центре трубный завод и поговорил с рабочими. "
             "Завод будет выпускать сто тысяч тонн продукции в год и даст работу трёмстам людям."},
    {"url": "https://akorda.kz/en/1", "lang": "en", "published": "2026-03-02",
     "title": "The President attended the opening of a new plant in Aktobe",
     "body": "The Head of State toured the pipe plant built in the regional centre and talked to the workers. "
             "The plant will make one hundred thousand tonnes a year and employ three hundred people."},
]


def _folder(tmp_path, name, rows, n_files=41):
    """Enough files for a parallel import (40 or more), the given rows first, then filler."""
    folder = tmp_path / name
    folder.mkdir()
    for f in range(n_files):
        k = f + 1000 * len(name)  # filler of different folders differs in every number
        items = rows if f == 0 else [{"url": f"https://example.kz/{name}/{f}", "lang": "en", "published": "2026-01-05",
                                      "title": f"Road {k} of district {k * 7} finished",
                                      "body": f"The district finished road {k} of {k * 13} metres and bridge"
                                              f" {k * 31}. Residents of village {k + 77} thanked the builders."}]
        (folder / f"{f:03d}.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in items) + "\n",
                                              encoding="utf-8")
    return folder


def _article(row) -> Article:
    article = Article(url=row["url"], title=row["title"], body=[row["body"]], lang=row["lang"])
    article.content_hash = "x"
    return article


def test_the_reader_knows_stored_copies_and_only_them(tmp_path, db_url):
    store = open_store(db_url)
    import_paths([str(_folder(tmp_path, "in", ROWS, n_files=1))], store, workers=1, embeddings=False)
    store.close()
    reader = StoreReader(db_url)
    copy = _article({**ROWS[2], "url": "https://other.kz/copy"})
    assert reader.knows(copy, signature(copy))  # the same text at another address
    new = _article({**ROWS[2], "url": "https://other.kz/new", "title": "A different event",
                    "body": "Farmers in Kostanay region began the spring sowing of wheat on forty thousand hectares."})
    assert not reader.knows(new, signature(new))


def test_an_unreadable_store_is_not_consulted(tmp_path):
    assert reader_for(str(tmp_path / "missing.db")) is None


def test_workers_do_not_embed_copies_of_stored_articles(tmp_path, db_url):
    folder = _folder(tmp_path, "in", ROWS)
    store = open_store(db_url)
    first = import_paths([str(folder)], store, workers=2, embeddings=True)
    assert first.stages["topic"].repaired.get("not_embedded_stored_copy", 0) == 0
    vectors = store.db.execute("SELECT COUNT(*) FROM article_vectors").fetchone()[0]
    assert vectors == store.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 43
    # The same pages at other addresses: copies, known to the workers from the committed store.
    moved = _folder(tmp_path, "moved", [{**r, "url": r["url"].replace("akorda.kz", "mirror.kz")} for r in ROWS])
    second = import_paths([str(moved)], store, workers=2, embeddings=True)
    assert second.stages["topic"].repaired["not_embedded_stored_copy"] == 3
    assert sum(n for reason, n in second.stages["dedup"].dropped.items() if reason.startswith("duplicate_")) == 3
    # The new filler articles are embedded as before; the three copies are not.
    assert store.db.execute("SELECT COUNT(*) FROM article_vectors").fetchone()[0] == vectors + 40
    store.close()
