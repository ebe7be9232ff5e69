"""The real material in ../shared/real: news text nobody on the team wrote (read its README).

Benches read it from there at run time; nothing of it is ever copied into the repository.  The
development half lives in ../shared/real; the held-out half is run the same way by the same
commands, so every loader takes the folder as a parameter (`JANALYQ_REAL` overrides it).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from bench.devsets import REPO

REAL = Path(os.environ.get("JANALYQ_REAL", REPO.parent / "shared" / "real"))

HEADLINE_PAIRS = "kk_en_titles.jsonl"
RU_LABELLED = "ru_labelled.jsonl"
KAZINFORM_LATIN = "kk_latin_kazinform.jsonl"


def available(folder: Path = REAL) -> bool:
    return (folder / HEADLINE_PAIRS).is_file()


def load(name: str, folder: Path = REAL) -> list[dict]:
    """Every record of one file of the material, in file order."""
    with (folder / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def fit_arguments(description: str, out: Path):
    """The command line of a script that learns shipped data from the material: --folder, --out."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--folder", type=Path, default=REAL)
    parser.add_argument("--out", type=Path, default=out)
    return parser.parse_args()
