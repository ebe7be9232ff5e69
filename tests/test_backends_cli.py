"""The command line answers the same on both backends: the seeds (and two bad files) imported
into an SQLite store and into a PostgreSQL one, then `stats`, `export` (JSON Lines and CSV,
with filters) and `delete --dry-run` compared, collection times aside."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from janalyq.cli import app
from tests.stores import BACKENDS, address_for

runner = CliRunner()
COLLECTION_KEYS = ("collected_at", "updated_at")


@pytest.fixture(scope="module")
def stores(request, seeds_dir, tmp_path_factory) -> dict[str, str]:
    """{backend: address}, each filled by `janalyq import` of the same inputs."""
    folder = tmp_path_factory.mktemp("cli-same")
    inputs = folder / "inputs"
    shutil.copytree(seeds_dir, inputs)
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 16)
    addresses = {}
    for backend in BACKENDS:
        address = address_for(request, backend, folder)
        done = runner.invoke(app, ["import", str(inputs), "--db", address, "--quiet"],
                             env={"JANALYQ_EMBEDDINGS": "0"})
        assert done.exit_code == 1, done.output  # the two bad files are rejects
        addresses[backend] = address
    return addresses


def _outputs(stores, *args: str, stream: str = "stdout") -> dict[str, str]:
    """{backend: what the command printed on `stream` ("output": both streams)}."""
    answers = {}
    for backend, address in stores.items():
        result = runner.invoke(app, [*args, "--db", address], env={"COLUMNS": "200"})
        assert result.exit_code == 0, (backend, result.output)
        answers[backend] = getattr(result, stream)
    return answers


def test_stats_are_the_same(stores):
    answers = _outputs(stores, "stats")
    assert "51 articles, 10 copies merged" in answers["sqlite"]
    assert "empty file" in answers["sqlite"] and "binary data" in answers["sqlite"]
    assert answers["postgresql"] == answers["sqlite"]


@pytest.mark.parametrize("filters", [[], ["--lang", "kk"], ["--lang", "en", "--since", "2025-01-10"],
                                     ["--until", "2025-01-05"], ["--outlet", "edu"]],
                         ids=["all", "kk", "en-since", "until", "outlet"])
def test_jsonl_export_is_the_same_record_for_record(stores, filters):
    answers = _outputs(stores, "export", *filters)
    records = {backend: [json.loads(line) for line in text.splitlines()] for backend, text in answers.items()}
    for backend_records in records.values():
        for record in backend_records:
            for key in COLLECTION_KEYS:
                record.pop(key, None)
    assert records["sqlite"], filters
    assert records["postgresql"] == records["sqlite"]


def test_csv_export_is_the_same(stores):
    answers = _outputs(stores, "export", "--format", "csv")
    rows = {backend: list(csv.DictReader(io.StringIO(text))) for backend, text in answers.items()}
    for backend_rows in rows.values():
        for row in backend_rows:
            for key in COLLECTION_KEYS:
                row.pop(key, None)
    assert len(rows["sqlite"]) == 51 and rows["postgresql"] == rows["sqlite"]


def test_delete_dry_run_counts_the_same(stores):
    answers = _outputs(stores, "delete", "--outlet", "edu", "--dry-run", stream="output")
    assert "40 articles would be deleted" in answers["sqlite"]
    assert answers["postgresql"] == answers["sqlite"]
