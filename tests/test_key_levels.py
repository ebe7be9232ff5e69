"""LSH band and story keys in two levels: lookups read both, merges change no answer."""

from __future__ import annotations

import pytest

from janalyq.export import export_records
from janalyq.pipeline import import_paths
from janalyq.store import Store, open_store
from janalyq.store import keys as key_tables


def rows(store: Store, table: str) -> int:
    return store.scalar(f"SELECT count(*) FROM {table}")


def records(store: Store) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "collected_at"} for r in export_records(store)]


def story_groups(store: Store) -> list[tuple[str, ...]]:
    groups: dict[str, set[str]] = {}
    for url, story_id in store.rows("SELECT url, story_id FROM articles"):
        groups.setdefault(story_id, set()).add(url)
    return sorted(tuple(sorted(g)) for g in groups.values())


def all_keys(store: Store) -> tuple[set, set]:
    bands = set(store.rows("SELECT key, article_rid FROM lsh_bands UNION SELECT key, article_rid"
                           " FROM lsh_bands_recent"))
    story = set(store.rows("SELECT key, day, rid FROM story_keys UNION SELECT key, day, rid FROM story_keys_recent"))
    dedup = set(store.rows("SELECT key, article_rid FROM dedup_keys UNION SELECT key, article_rid"
                           " FROM dedup_keys_recent"))
    return {tuple(r) for r in bands}, {tuple(r) for r in story}, {tuple(r) for r in dedup}


def test_merging_at_every_commit_changes_nothing(db_url, new_db, seeds_dir, monkeypatch):
    kept = open_store(db_url)
    import_paths([str(seeds_dir)], kept, batch_size=7)
    # Without a merge, every key is still in the small tables.
    assert rows(kept, "lsh_bands") == rows(kept, "story_keys") == rows(kept, "dedup_keys") == 0
    assert rows(kept, "lsh_bands_recent") > 100 and rows(kept, "story_keys_recent") > 100
    assert rows(kept, "dedup_keys_recent") > 51

    monkeypatch.setattr(key_tables, "MERGE_ROWS", 1)
    merged = open_store(new_db("merged"))
    import_paths([str(seeds_dir)], merged, batch_size=7)
    assert rows(merged, "lsh_bands_recent") == rows(merged, "story_keys_recent") == 0
    assert rows(merged, "dedup_keys_recent") == 0
    assert rows(merged, "lsh_bands") == rows(kept, "lsh_bands_recent")
    assert rows(merged, "dedup_keys") == rows(kept, "dedup_keys_recent")

    assert records(merged) == records(kept)
    assert story_groups(merged) == story_groups(kept)
    assert all_keys(merged) == all_keys(kept)


def test_a_band_key_stays_with_the_first_article(store):
    store.begin()
    store.add_keys(1, [], [11, 12])
    key_tables.merge_recent(store.db)
    store.add_keys(2, [], [12, 13])  # 12 is the first article's, in the large table
    store.commit()
    assert store.find_bands([12]) == [1]
    assert store.find_bands([13]) == [2]
    assert sorted(store.find_bands([11, 12, 13])) == [1, 2]
    store.begin()
    key_tables.merge_recent(store.db)
    store.commit()
    assert {tuple(r) for r in store.rows("SELECT key, article_rid FROM lsh_bands")} == {(11, 1), (12, 1), (13, 2)}
    assert rows(store, "lsh_bands_recent") == 0


def test_a_dedup_key_stays_with_the_first_article(store):
    store.begin()
    store.add_keys(1, [21], [])
    key_tables.merge_recent(store.db)
    store.add_keys(2, [21, 22], [])  # 21 is the first article's, in the large table
    store.commit()
    assert store.find_key(21) == 1
    assert store.find_key(22) == 2
    assert store.find_key(23) is None
    store.begin()
    key_tables.merge_recent(store.db)
    store.commit()
    assert {tuple(r) for r in store.rows("SELECT key, article_rid FROM dedup_keys")} == {(21, 1), (22, 2)}


@pytest.mark.parametrize("merge_rows", [1, 10**9], ids=["original merged", "original recent"])
def test_near_copy_found_in_either_level(tmp_path, db_url, monkeypatch, merge_rows):
    monkeypatch.setattr(key_tables, "MERGE_ROWS", merge_rows)
    body = ("The akimat of Pavlodar region reported that 38 new school buses were handed over to rural "
            "districts, and 9 more will arrive before the school year starts in September. ") * 3
    (tmp_path / "a.txt").write_text(f"School buses for rural districts 14.08.2026\n{body}\n", encoding="utf-8")
    changed = body.replace("38 new", "thirty-eight new", 1) + "The regional education department said so."
    (tmp_path / "b.txt").write_text(f"New school buses in Pavlodar region 14.08.2026\n{changed}\n", encoding="utf-8")
    store = open_store(db_url)
    import_paths([str(tmp_path / "a.txt")], store)
    level = "lsh_bands" if merge_rows == 1 else "lsh_bands_recent"
    assert rows(store, level) > 0
    report = import_paths([str(tmp_path / "b.txt")], store)
    assert report.stages["dedup"].dropped["duplicate_near"] == 1 and report.stored_new == 0
    store.close()


def test_count_of_recent_rows_survives_reopening(db_url, seeds_dir):
    store = open_store(db_url)
    import_paths([str(seeds_dir)], store)
    expected = sum(rows(store, t) for t in ("lsh_bands_recent", "story_keys_recent", "dedup_keys_recent"))
    assert store.recent_key_rows == expected > 0
    store.close()
    reopened = open_store(db_url)
    assert reopened.recent_key_rows == expected
    reopened.close()


def test_key_ranges_cover_every_key(store):
    bounds = [key_tables.slice_bounds(i) for i in range(key_tables.MERGE_SLICES)]
    assert bounds[0][0] == -(1 << 63) and bounds[-1][1] == (1 << 63) - 1
    assert all(high + 1 == next_low for (_, high), (next_low, _) in zip(bounds, bounds[1:]))
    extremes = [-5, 0, 1, (1 << 62) + 7, (1 << 63) - 1]
    store.begin()
    store.add_keys(1, extremes, extremes)
    store.add_story_keys(1, 740000, extremes)
    key_tables.merge_recent(store.db)
    store.commit()
    assert sum(rows(store, t) for t in ("lsh_bands_recent", "story_keys_recent", "dedup_keys_recent")) == 0
    assert sorted(r[0] for r in store.rows("SELECT key FROM lsh_bands")) == extremes
    assert sorted(r[0] for r in store.rows("SELECT key FROM story_keys")) == extremes
    assert sorted(r[0] for r in store.rows("SELECT key FROM dedup_keys")) == extremes


def test_recent_keys_move_one_range_at_a_time(db_url, monkeypatch):
    width = (1 << 63) // key_tables.MERGE_SLICES
    per_range = 10
    keys = [index * width + offset * 1000 for index in range(key_tables.MERGE_SLICES) for offset in range(per_range)]
    store = open_store(db_url)
    store.begin()
    store.add_keys(1, [], keys)  # band keys only: 10 in each range
    monkeypatch.setattr(key_tables, "MERGE_ROWS", len(keys) - 2 * per_range + 1)
    store.commit()  # over the limit: ranges move in turn until it is under, here two of them
    moved = {r[0] for r in store.rows("SELECT key FROM lsh_bands")}
    assert moved == set(keys[:2 * per_range])
    assert store.recent_key_rows == rows(store, "lsh_bands_recent") == len(keys) - 2 * per_range
    assert store.scalar("SELECT next_slice FROM key_merge_state") == 2
    store.close()

    reopened = open_store(db_url)  # the turn and the count survive reopening
    monkeypatch.setattr(key_tables, "MERGE_ROWS", len(keys) - 3 * per_range + 1)
    reopened.begin()
    reopened.commit()
    moved = {r[0] for r in reopened.rows("SELECT key FROM lsh_bands")}
    assert moved == set(keys[:3 * per_range])
    assert reopened.find_bands([keys[25]]) == [1] and reopened.find_bands([keys[-1]]) == [1]
    assert reopened.scalar("SELECT next_slice FROM key_merge_state") == 3
