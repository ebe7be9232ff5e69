"""The bundled samples are up to date with their source, and the demo never overwrites real data."""

from __future__ import annotations

import pytest

from janalyq import samples
from janalyq.pipeline import import_paths
from janalyq.samples.build import build_files, load_stories
from janalyq.store import Store
from janalyq.web.demo import NotADemoStore, fill_demo_db


def test_committed_sample_files_match_their_source():
    root = samples.sample_root()
    for relative, text in build_files(load_stories()).items():
        assert (root / relative).read_text(encoding="utf-8") == text, f"run python -m janalyq.samples.build ({relative})"


def test_samples_cover_three_languages_and_several_outlets_sections_dates():
    articles = samples.manifest()
    by_lang = {lang: [a for a in articles if a["lang"] == lang] for lang in ("kk", "ru", "en")}
    assert all(len(items) >= 20 for items in by_lang.values())
    assert len({a["outlet"] for a in articles}) >= 15 and len({a["date"] for a in articles}) >= 20


def test_demo_refuses_to_overwrite_a_real_store(tmp_path, tmp_path_factory):
    real = tmp_path / "news.db"
    store = Store(real)
    import_paths([str(samples.sample_root() / "dumps" / "en-news.txt")], store)
    store.close()
    other = tmp_path_factory.mktemp("elsewhere") / "x.txt"
    other.write_text("Site\n\nNews More\nA title of a news item 01.02.2026\nBody text here.\n", encoding="utf-8")
    store = Store(real)
    import_paths([str(other)], store)
    store.close()
    with pytest.raises(NotADemoStore):
        fill_demo_db(real)
    assert real.exists()


def test_demo_replaces_an_earlier_demo(tmp_path):
    path = tmp_path / "demo.db"
    first = fill_demo_db(path)
    second = fill_demo_db(path)
    assert first.stored_new == second.stored_new == 66
