"""The import workers' fork server: when `janalyq import` starts it early, that it preloads the
text stages with their models, and that this preload changes nothing a worker computes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from janalyq.worker_server import PARALLEL_FROM_FILES, will_use_workers

SRC = str(Path(__file__).resolve().parents[1] / "src")


def _folder(tmp_path: Path, files: int, hidden: int = 0) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(files):
        (folder / f"{n:03}.txt").write_text("Жаңалық 01.02.2026\nМәтін.\n", encoding="utf-8")
    for n in range(hidden):
        (folder / f".hidden{n}.txt").write_text("x\n", encoding="utf-8")
    return folder


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the import never uses workers")
def test_a_folder_of_forty_files_is_a_parallel_import_and_thirty_nine_are_not(tmp_path):
    big = _folder(tmp_path, PARALLEL_FROM_FILES)
    assert will_use_workers(["import", str(big), "--db", "x.db", "--quiet"], {})
    (big / "000.txt").unlink()
    (big / ".kept-aside.txt").write_text("hidden files are not read\n", encoding="utf-8")
    assert not will_use_workers(["import", str(big), "--db", "x.db"], {})
    # Files named one by one count as well as the files of a folder.
    named = [str(big / f"{n:03}.txt") for n in range(1, PARALLEL_FROM_FILES)] + [str(tmp_path / "extra.txt")]
    assert will_use_workers(["import", *named], {})


def test_options_decide_before_the_files(tmp_path):
    one = str(tmp_path / "one.txt")
    assert will_use_workers(["import", one, "--workers", "2"], {})
    assert will_use_workers(["import", one, "--workers=3"], {})
    assert not will_use_workers(["import", str(_folder(tmp_path, 50)), "--workers", "1"], {})
    # On PostgreSQL, --workers means queue workers with a fork server of their own.
    assert not will_use_workers(["import", one, "--workers", "2", "--db", "postgresql://u@h/db"], {})
    assert not will_use_workers(["import", one, "--workers", "2"], {"JANALYQ_DB": "postgres://u@h/db"})
    assert not will_use_workers(["export", "--workers", "2"], {})
    assert not will_use_workers([], {})


def _run(code: str) -> str:
    env = dict(os.environ, PYTHONPATH=SRC, JANALYQ_EMBEDDINGS="0")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_workers_start_with_the_language_model_loaded():
    out = _run(
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from janalyq.worker_server import worker_context\n"
        "probe = \"__import__('janalyq.language', fromlist=['_'])._identifier.cache_info().currsize\"\n"
        "with ProcessPoolExecutor(1, mp_context=worker_context()) as pool:\n"
        "    print(pool.submit(eval, probe).result())\n")
    assert out.strip() == "1"


PAGE = (
    "Ақтөбе облысында жаңа аурухана салынды 03.02.2026\n"
    "Ақтөбе облысының әкімдігі 200 төсектік аурухананың құрылысы аяқталғанын хабарлады. "
    "Ауруханада балалар бөлімі мен жедел жәрдем орталығы бар.\n"
    "В Павлодаре отремонтировали мост через Иртыш 04.02.2026\n"
    "Акимат Павлодара сообщил, что ремонт моста завершён на месяц раньше срока. "
    "Движение по мосту откроют в понедельник.\n"
)


def test_the_preload_changes_nothing_a_worker_computes(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    prepare = (
        "import datetime as dt, json\n"
        "from janalyq.pipeline import prepare_file\n"
        "when = dt.datetime(2026, 2, 5, tzinfo=dt.timezone.utc)\n"
        f"done = prepare_file({str(page)!r}, when, True, False, None)\n"
        "rows = [(a.title, a.lang, round(a.lang_confidence, 9), str(a.published), a.topic_result.topic, a.region,"
        " sorted(a.entities.places), a.search_terms, s.exact_key, s.bands, s.identity) for a, s in done.items]\n"
        "print(json.dumps([rows, {k: c.as_dict() for k, c in done.counts.items()}], ensure_ascii=False, default=str))\n")
    cold = json.loads(_run(prepare))
    warm = json.loads(_run("import janalyq.worker_warm\n" + prepare))
    assert len(cold[0]) == 2 and {row[1] for row in cold[0]} == {"kk", "ru"}
    assert warm == cold


def test_the_installed_command_starts_the_worker_server_before_the_command_line(monkeypatch):
    """`janalyq` (the console script) and `python -m janalyq` run one `main`: the worker server
    is started first, then the command line, with the same arguments."""
    import tomllib

    import janalyq.cli
    import janalyq.worker_server
    from janalyq import __main__ as entry

    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["janalyq"] == "janalyq.__main__:main"
    calls = []
    monkeypatch.setattr(janalyq.worker_server, "start_early", lambda argv: calls.append(("early", list(argv))))
    monkeypatch.setattr(janalyq.cli, "app", lambda prog_name: calls.append(("app", prog_name)))
    monkeypatch.setattr(sys, "argv", ["janalyq", "import", "pages", "--db", "x.db"])
    entry.main()
    assert calls == [("early", ["import", "pages", "--db", "x.db"]), ("app", "janalyq")]
