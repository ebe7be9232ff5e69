"""Re-imports add nothing; file-at-a-time imports in any order equal one import of all files."""

from __future__ import annotations

import itertools
import random

from janalyq.export import export_records
from janalyq.pipeline import import_paths
from janalyq.store import Store, open_store


def snapshot(store: Store) -> dict:
    return {
        r["id"]: (r["title"], r["published"], r["body"], r["lang"], r["source_url"], r["site_section"],
                  r["duplicates"], tuple(sorted(r["seen_in"])))
        for r in export_records(store)
    }


def test_importing_twice_adds_nothing(db_url, seeds_dir):
    store = open_store(db_url)
    first = import_paths([str(seeds_dir)], store)
    assert first.stored_new == 51 and first.merged == 10
    before = snapshot(store)
    second = import_paths([str(seeds_dir)], store)
    assert second.stored_new == 0 and second.merged == 0
    assert second.already_known == 61
    assert snapshot(store) == before
    assert store.scalar("SELECT count(*) FROM sightings") == 61
    store.close()


def test_file_order_does_not_matter(db_url, new_db, seeds_dir):
    files = sorted(seeds_dir.glob("*.txt"))
    reference = open_store(db_url)
    import_paths([str(seeds_dir)], reference)
    expected = snapshot(reference)
    reference.close()
    orders = [list(reversed(files))] + [random.Random(seed).sample(files, len(files)) for seed in (1, 2)]
    for n, order in enumerate(orders):
        store = open_store(new_db(f"order{n}"))
        for path in order:
            import_paths([str(path)], store)
        assert snapshot(store) == expected, [p.name for p in order]
        store.close()


def test_more_complete_copy_wins_whatever_the_order(tmp_path, new_db):
    full = "Title of the release 05.03.2026\n" + "The akimat of Karaganda region opened a new clinic. " * 12 + "\n"
    empty = "Title of the release 05.03.2026\nNoneSource : https://www.gov.kz/memleket/entities/karaganda/press/news/details/77\n"
    fuller = full.rstrip("\n") + "Source : https://www.gov.kz/memleket/entities/karaganda/press/news/details/77\n"
    for n, pages in enumerate(itertools.permutations([empty, fuller])):
        folder = tmp_path / f"run{n}"
        folder.mkdir()
        store = open_store(new_db(f"run{n}"))
        for i, page in enumerate(pages):
            (folder / f"p{i}.txt").write_text(page, encoding="utf-8")
            import_paths([str(folder / f"p{i}.txt")], store)
        (record,) = list(export_records(store))
        assert "clinic" in record["body"] and "empty_body" not in record["flags"]
        assert record["duplicates"] == 1
        assert record["outlet"] == "karaganda"
        store.close()


def test_near_copy_caught_across_separate_runs(tmp_path, store):
    body = ("Минздрав сообщил, что в Туркестанской области за год открыты 14 врачебных амбулаторий, "
            "а в районах области работают 62 передвижных медицинских комплекса. ") * 4
    original = f"Открыты новые амбулатории 11.04.2026\n{body}\n"
    changed = body.replace("14 врачебных", "четырнадцать врачебных", 1) + "Об этом сообщила пресс-служба."
    copy = f"Открыты новые амбулатории в области 11.04.2026\n{changed}\n"
    (tmp_path / "a.txt").write_text(original, encoding="utf-8")
    (tmp_path / "b.txt").write_text(copy, encoding="utf-8")
    import_paths([str(tmp_path / "a.txt")], store)
    report = import_paths([str(tmp_path / "b.txt")], store)
    assert report.merged == 1 and report.stored_new == 0
    assert report.stages["dedup"].dropped["duplicate_near"] == 1


def test_same_title_and_date_but_different_text_are_two_articles(tmp_path, store):
    a = "Брифинг өтті 02.02.2026\n" + "Алматы облысында жаңа мектеп ашылды, онда 600 оқушы оқиды. " * 6 + "\n"
    b = "Брифинг өтті 02.02.2026\n" + "Маңғыстау облысында су құбыры жөнделіп, 12 ауыл сумен қамтылды. " * 6 + "\n"
    (tmp_path / "a.txt").write_text(a + b, encoding="utf-8")
    report = import_paths([str(tmp_path / "a.txt")], store)
    assert report.stored_new == 2
    assert len({r["id"] for r in export_records(store)}) == 2


def test_worker_processes_run_below_the_storing_process():
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from janalyq.pipeline import WORKER_NICENESS, _yield_to_the_store

    own = os.nice(0)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("forkserver"),
                             initializer=_yield_to_the_store) as pool:
        assert pool.submit(os.nice, 0).result() == min(19, own + WORKER_NICENESS)
