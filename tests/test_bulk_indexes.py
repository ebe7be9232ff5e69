"""Large imports drop the portal's listing indexes and rebuild them after (janalyq.store.bulk)."""

from __future__ import annotations

import json

import pytest

from janalyq.pipeline import import_paths
from janalyq.store import Store
from janalyq.store import bulk
from janalyq.store.bulk import LISTING_INDEXES, defer_indexes, restore_indexes

LANGS = ("kk", "ru", "en")


def _files(folder, n_files=45, per_file=3):
    """Enough small JSON Lines files for a parallel import, each article distinct."""
    folder.mkdir()
    for f in range(n_files):
        rows = []
        for i in range(per_file):
            k = f * per_file + i
            rows.append({"url": f"https://example.kz/{k}", "lang": LANGS[k % 3],
                         "published": f"2026-0{1 + k % 9}-1{k % 9}", "title": f"Report number {k} on roads {k * 7}",
                         "body": f"The district finished road {k} of {k * 13} metres and a bridge {k * 31}. "
                                 f"Residents of village {k + 1000} thanked the builders."})
        (folder / f"{f:03d}.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return folder


def _indexes(store) -> set[str]:
    return {r[0] for r in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_large_import_rebuilds_every_listing_index_it_dropped(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "MIN_ARTICLES", 10)
    monkeypatch.setattr(bulk, "BYTES_PER_ARTICLE", 100)
    store = Store(tmp_path / "b.db")
    before = _indexes(store)
    assert set(LISTING_INDEXES) <= before
    report = import_paths([str(_files(tmp_path / "in"))], store, workers=2)
    assert report.stored_new == 135
    assert sorted(report.rebuilt_indexes) == sorted(LISTING_INDEXES)
    assert _indexes(store) == before
    assert store.scalar("SELECT count(*) FROM deferred_indexes") == 0
    plan = " ".join(r[3] for r in store.db.execute(
        "EXPLAIN QUERY PLAN SELECT rid FROM articles WHERE lang = 'ru' ORDER BY published DESC LIMIT 5"))
    assert "articles_lang_published" in plan
    assert store.scalar("PRAGMA integrity_check") == "ok"
    store.close()


def test_a_small_import_or_a_large_store_keeps_the_indexes(tmp_path):
    store = Store(tmp_path / "s.db")
    report = import_paths([str(_files(tmp_path / "in"))], store, workers=2)  # 135 articles: too few
    assert report.rebuilt_indexes == []
    store.close()


def test_indexes_dropped_by_a_killed_import_are_rebuilt_by_the_next(tmp_path):
    path = tmp_path / "k.db"
    store = Store(path)
    before = _indexes(store)
    assert set(defer_indexes(store)) == set(LISTING_INDEXES)
    store.close()  # as if the import had been killed here: the drop is committed, with its record
    again = Store(path)
    assert not set(LISTING_INDEXES) & _indexes(again)
    assert again.scalar("SELECT count(*) FROM deferred_indexes") == len(LISTING_INDEXES)
    import_paths([str(_files(tmp_path / "in", n_files=2))], again)
    assert _indexes(again) == before
    assert restore_indexes(again) == []
    again.close()


def test_an_import_that_fails_still_rebuilds_them(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "MIN_ARTICLES", 10)
    monkeypatch.setattr(bulk, "BYTES_PER_ARTICLE", 100)
    store = Store(tmp_path / "f.db")
    before = _indexes(store)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("janalyq.pipeline.store_prepared", broken)
    with pytest.raises(RuntimeError):
        import_paths([str(_files(tmp_path / "in"))], store, workers=2)
    assert _indexes(store) == before
    store.close()


def test_workers_are_told_whether_to_embed_instead_of_reading_their_own_environment(tmp_path, monkeypatch):
    """Workers fork from a server started by the first parallel import, with that moment's
    environment; a later import with JANALYQ_EMBEDDINGS=0 once ran the model in them anyway."""
    import janalyq.pipeline as pipeline

    seen = []
    real = pipeline.prepared_files

    def spy(files, collected_at, workers, use_embeddings=None, **rest):
        seen.append(use_embeddings)
        return real(files, collected_at, workers, use_embeddings, **rest)

    monkeypatch.setattr(pipeline, "prepared_files", spy)
    monkeypatch.setenv("JANALYQ_EMBEDDINGS", "0")
    store = Store(tmp_path / "e.db")
    import_paths([str(_files(tmp_path / "in", n_files=2))], store)
    store.close()
    assert seen == [False]


def _automerge(store) -> int | None:
    row = store.db.execute("SELECT v FROM search_fts_config WHERE k = 'automerge'").fetchone()
    return row[0] if row else None


def test_a_parallel_import_spaces_search_merges_while_it_runs(tmp_path):
    store = Store(tmp_path / "m.db")
    seen = []
    import_paths([str(_files(tmp_path / "in"))], store, workers=2, batch_size=20,
                 on_file=lambda *_: seen.append(_automerge(store)))
    assert set(seen) == {16}
    assert _automerge(store) == 4
    store.close()


def test_a_failing_import_puts_the_merge_spacing_back(tmp_path):
    store = Store(tmp_path / "f.db")

    def fail(path, done, total):
        if done == 10:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        import_paths([str(_files(tmp_path / "in"))], store, workers=2, batch_size=20, on_file=fail)
    assert _automerge(store) == 4
    assert store.scalar("SELECT status FROM runs ORDER BY id DESC LIMIT 1") == "failed"
    store.close()


def test_a_rerun_that_adds_nothing_keeps_the_indexes(tmp_path, monkeypatch):
    """Issue 13: a re-run of a large import dropped and rebuilt the nine indexes for nothing."""
    monkeypatch.setattr(bulk, "MIN_ARTICLES", 10)
    monkeypatch.setattr(bulk, "BYTES_PER_ARTICLE", 100)
    folder = _files(tmp_path / "in")
    store = Store(tmp_path / "r.db")
    first = import_paths([str(folder)], store, workers=2)
    assert sorted(first.rebuilt_indexes) == sorted(LISTING_INDEXES)
    again = import_paths([str(folder)], store, workers=2)
    assert again.stored_new == 0 and again.rebuilt_indexes == []
    # A file changed since then counts again (here the copies are near ones, merged): 45 files
    # estimated at 100 bytes an article are worth a rebuild beside the 135 articles stored.
    for path in sorted(folder.iterdir()):
        path.write_text(path.read_text(encoding="utf-8").replace("road", "street"), encoding="utf-8")
    changed = import_paths([str(folder)], store, workers=2)
    assert changed.already_known == 0 and sorted(changed.rebuilt_indexes) == sorted(LISTING_INDEXES)
    store.close()
