"""The command line's help texts and option checks, and `janalyq delete`."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from janalyq.cli import app
from janalyq.pipeline import import_paths
from janalyq.store import Store

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


def test_delete_by_outlet_and_dry_run(tmp_path, monkeypatch):
    monkeypatch.setenv("JANALYQ_EMBEDDINGS", "0")
    records = [{"url": f"https://example.kz/{n}", "lang": "ru", "published": f"2026-03-0{n}", "outlet": outlet,
                "title": f"Новость номер {n} о строительстве дороги", "body": f"Дорогу длиной {n * 13} км открыли."}
               for n, outlet in ((1, "edu"), (2, "edu"), (3, "mfa"))]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "s.db"
    store = Store(db)
    import_paths([str(source)], store)
    store.close()
    dry = runner.invoke(app, ["delete", "--outlet", "edu", "--dry-run", "--db", str(db)])
    assert dry.exit_code == 0 and "2 articles would be deleted" in dry.output
    done = runner.invoke(app, ["delete", "--outlet", "edu", "--db", str(db)])
    assert done.exit_code == 0 and "2 articles deleted" in done.output
    store = Store(db)
    assert [r[0] for r in store.rows("SELECT outlet FROM articles")] == ["mfa"]
    store.close()
