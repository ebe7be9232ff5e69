"""A file of delimited rows is no article: it is a reject saying so, and an article holding a
table is still an article."""

from __future__ import annotations

from janalyq.pipeline import import_paths
from janalyq.read.pagedump import parse_page
from janalyq.read.plaintext import empty_page_reason, is_table
from tests.test_pagedump_layouts import PLAIN, plain_article_folder, run_cli

# Our own rows, as an export of a corpus's truth file or a spreadsheet would give them.
TSV = "".join(f"{n:06d}_kk_society.txt\t{n}\t{n // 2}\tcopy\n" for n in range(40))
CSV = "".join(f"{n:06d}_ru_news.txt,{n},{n * 3},original\n" for n in range(25))
HARVEST_TABLE = (
    "Астық жинау науқаны қорытындыланды\n"
    "Облыс бойынша биыл 1,2 миллион гектар алқаптан астық жиналды. Орташа өнім гектарына "
    "14 центнерден келді, бұл былтырғыдан екі центнерге артық.\n"
    "Аудан\tГектар\tЦентнер\n"
    "Бурабай\t120000\t15\n"
    "Зеренді\t98000\t13\n"
    "Целиноград\t143000\t14\n"
    "Шаруашылықтар жинаған астықтың үштен бірі экспортқа шығарылады.\n"
)


def test_rows_of_tabs_or_commas_are_a_table_and_no_article():
    for data in (TSV, CSV):
        lines = data.splitlines()
        assert is_table(lines) and parse_page(data) == []
        assert "delimited data" in empty_page_reason(lines)


def test_an_article_with_a_table_in_it_is_still_one_article():
    lines = HARVEST_TABLE.splitlines()
    assert not is_table(lines)
    (item,) = parse_page(HARVEST_TABLE)
    assert item.title == "Астық жинау науқаны қорытындыланды"
    assert "Бурабай\t120000\t15" in item.body
    # Prose lines with commas and spaces are no delimited rows, however many commas they hold.
    headline, body = PLAIN["en"]
    assert not is_table([headline, *body.split("\n"), "Astana, Almaty, Shymkent, Aktobe and Atyrau"])


def test_a_table_beside_an_article_is_a_reject_that_costs_the_article_nothing(tmp_path, store):
    folder, headline = plain_article_folder(tmp_path, "ru", {"truth.tsv": (TSV, "utf-8")})
    report = import_paths([str(folder)], store)
    (reject,) = report.rejects
    assert reject.input.endswith("truth.tsv") and "delimited data" in reject.reason
    assert report.stored_new == 1
    assert store.scalar("SELECT title FROM articles") == headline


def test_cli_names_the_table_and_goes_on(tmp_path):
    folder, _ = plain_article_folder(tmp_path, "kk", {"export.csv": (CSV, "utf-8")})
    result = run_cli("import", str(folder), "--db", str(tmp_path / "s.db"), "--quiet")
    assert result.returncode == 1, result.stderr
    rejected = [line for line in result.stderr.splitlines() if line.startswith("rejected")]
    assert len(rejected) == 1 and "export.csv" in rejected[0] and "delimited data" in rejected[0]
    assert "1 articles read: 1 new" in result.stdout + result.stderr
