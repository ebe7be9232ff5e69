"""The command line's help texts and option checks, and `janalyq delete`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from janalyq.cli import app
from janalyq.pipeline import import_paths
from janalyq.store import open_store

runner = CliRunner()


def _help(*command: str) -> str:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


def test_help_texts_are_right():
    assert "<bool>" not in _help("import") and "<bool>" not in _help("crawl")
    assert "[crawl] settings and [[source]] tables" in " ".join(_help("crawl").split())
    assert "3000 for imports" in " ".join(_help("import").split())


def test_bad_options_are_refused_before_any_work(tmp_path):
    missing = str(tmp_path / "none.db")
    wrong_lang = runner.invoke(app, ["export", "--lang", "de", "--db", missing])
    assert wrong_lang.exit_code == 2 and "use kk (or qq), ru or en" in wrong_lang.output
    backwards = runner.invoke(app, ["export", "--since", "2026-03-05", "--until", "2026-03-01", "--db", missing])
    assert backwards.exit_code == 2 and "after --until" in backwards.output
    nothing = runner.invoke(app, ["delete", "--db", missing])
    assert nothing.exit_code == 2 and "name the articles" in nothing.output


def test_delete_by_outlet_and_dry_run(tmp_path, db_url, monkeypatch):
    monkeypatch.setenv("JANALYQ_EMBEDDINGS", "0")
    records = [{"url": f"https://example.kz/{n}", "lang": "ru", "published": f"2026-03-0{n}", "outlet": outlet,
                "title": f"Новость номер {n} о строительстве дороги", "body": f"Дорогу длиной {n * 13} км открыли."}
               for n, outlet in ((1, "edu"), (2, "edu"), (3, "mfa"))]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    db = db_url
    store = open_store(db)
    import_paths([str(source)], store)
    store.close()
    dry = runner.invoke(app, ["delete", "--outlet", "edu", "--dry-run", "--db", str(db)])
    assert dry.exit_code == 0 and "2 articles would be deleted" in dry.output
    done = runner.invoke(app, ["delete", "--outlet", "edu", "--db", str(db)])
    assert done.exit_code == 0 and "2 articles deleted" in done.output
    store = open_store(db)
    assert [r[0] for r in store.rows("SELECT outlet FROM articles")] == ["mfa"]
    store.close()


def test_delete_takes_sightings_counts_and_keys_with_it(tmp_path, db_url, monkeypatch):
    """After `janalyq delete`, nothing is kept for the article: its sightings and counts are gone,
    and its dedup keys too, so the same record imported again is a new article, not a copy."""
    monkeypatch.setenv("JANALYQ_EMBEDDINGS", "0")
    records = [{"url": f"https://example.kz/{lang}/{n}", "lang": lang, "published": f"2026-04-1{n}",
                "title": title, "body": " ".join(f"{body} ({m})" for m in range(1, 6))}
               for n, (lang, title, body) in enumerate((
                   ("kk", "Ауылда жаңа спорт кешені ашылды", "Кешенде жүзу бассейні мен үш спорт залы бар."),
                   ("ru", "В селе открыли спортивный комплекс", "В комплексе есть бассейн и три спортивных зала."),
                   ("en", "A sports centre opened in the village", "It has a swimming pool and three gyms.")))]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    copy = tmp_path / "copy.jsonl"  # the Russian record again under another address: a sighting
    copy.write_text(json.dumps({**records[1], "url": "https://mirror.kz/ru/1"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    store = open_store(db_url)
    assert import_paths([str(source), str(copy)], store).stored_new == 3
    store.close()
    done = runner.invoke(app, ["delete", "--source", "https://example.kz/ru/", "--db", db_url])
    assert done.exit_code == 0 and "1 articles deleted" in done.output.replace("1 article deleted", "1 articles deleted")
    store = open_store(db_url)
    assert sorted(r[0] for r in store.rows("SELECT lang FROM articles")) == ["en", "kk"]
    assert store.scalar("SELECT count(*) FROM sightings") == 2
    assert store.scalar("SELECT sum(n) FROM facet_counts WHERE facet = 'day'") == 2
    again = tmp_path / "again.jsonl"
    again.write_text(json.dumps(records[1], ensure_ascii=False) + "\n", encoding="utf-8")
    report = import_paths([str(again)], store)
    assert report.stored_new == 1 and report.merged == 0
    assert store.scalar("SELECT count(*) FROM articles") == 3
    store.close()
