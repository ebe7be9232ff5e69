"""Dedup quality against the ground truth written by bench/generate.py.

Quality is measured over duplicate *pairs*: two items form a true pair when truth.tsv gives them
the same group, and a predicted pair when the importer merged them into the same stored article.
Pairs are never enumerated; they are counted per group, per article and per (group, article)
cell, so a million items cost a few dictionaries, not 10^12 comparisons.

A pair is an "exact" pair when neither item is a near copy (the two texts are identical), and a
"near" pair otherwise.  Predicted pairs are split by the same rule, so a wrong merge involving a
near copy lowers near precision, and a wrong merge of two untouched texts lowers exact precision.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from urllib.parse import unquote

_NON_WORD = re.compile(r"[^\w]+")


def shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    """Word n-grams after lower-casing and turning punctuation into spaces."""
    words = _NON_WORD.sub(" ", text.lower()).split()
    if len(words) < n:
        return {tuple(words)} if words else set()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def jaccard(a: str | set, b: str | set) -> float:
    sa = shingles(a) if isinstance(a, str) else a
    sb = shingles(b) if isinstance(b, str) else b
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def item_url(path: str | os.PathLike, index: int) -> str:
    """The URL the importer gives an item: file://<absolute path>#<index>."""
    return f"file://{os.path.abspath(path)}#{index}"


def _normalised_mapping(item_to_article: dict[str, str]) -> dict[tuple[str, int], str]:
    # Importers may spell the path through a symlink or with %-escapes; resolving each folder
    # once makes the keys comparable with the truth rows without a syscall per item.
    real_dirs: dict[str, str] = {}
    out: dict[tuple[str, int], str] = {}
    for url, article in item_to_article.items():
        path, _, index = url.rpartition("#")
        if path.startswith("file://"):
            path = path[len("file://"):]
        path = unquote(path)
        folder, name = os.path.split(path)
        if folder not in real_dirs:
            real_dirs[folder] = os.path.realpath(folder)
        try:
            out[(os.path.join(real_dirs[folder], name), int(index))] = str(article)
        except ValueError:
            continue  # not an item URL of this corpus
    return out


def _pairs(counts: Counter) -> int:
    return sum(c * (c - 1) // 2 for c in counts.values() if c > 1)


def _tally(truth_tsv_path, mapping: dict[tuple[str, int], str]) -> dict:
    base = os.path.realpath(os.path.dirname(os.path.abspath(truth_tsv_path)))
    t = {k: Counter() for k in ("group", "group_x", "art", "art_x", "cell", "cell_x")}
    items = unmapped = 0
    with open(truth_tsv_path, encoding="utf-8") as fh:
        for line in fh:
            name, index, group, kind = line.rstrip("\n").split("\t")
            key = (os.path.join(base, name), int(index))
            items += 1
            article = mapping.get(key)
            if article is None:
                unmapped += 1
                article = ("\0unmapped", key)  # an item the importer did not keep pairs with none
            exactish = kind != "near"
            for level, k in (("group", group), ("art", article), ("cell", (group, article))):
                t[level][k] += 1
                if exactish:
                    t[level + "_x"][k] += 1
    t["items"], t["unmapped"] = items, unmapped
    return t


def _score(true_pairs: int, predicted: int, tp: int) -> dict:
    fp, fn = predicted - tp, true_pairs - tp
    return {
        # With nothing predicted there is no wrong merge, and with nothing to find nothing is
        # missed: both read as perfect rather than undefined.
        "precision": tp / predicted if predicted else 1.0,
        "recall": tp / true_pairs if true_pairs else 1.0,
        "tp": tp, "fp": fp, "fn": fn, "true_pairs": true_pairs, "predicted_pairs": predicted,
    }


def pair_scores(truth_tsv_path: str | os.PathLike, item_to_article: dict[str, str]) -> dict:
    """Pair precision/recall of a dedup run, overall and split into exact and near pairs.

    `item_to_article` maps item URLs (file://<abs path>#<index>) to the stored article id the
    item ended up in.  Items missing from it count as kept alone.  Returns
    {"overall": s, "exact": s, "near": s, "items": n, "unmapped": m} where each s holds
    precision, recall, tp, fp, fn, true_pairs and predicted_pairs.
    """
    t = _tally(truth_tsv_path, _normalised_mapping(item_to_article))
    true_all, true_x = _pairs(t["group"]), _pairs(t["group_x"])
    pred_all, pred_x = _pairs(t["art"]), _pairs(t["art_x"])
    tp_all, tp_x = _pairs(t["cell"]), _pairs(t["cell_x"])
    return {
        "overall": _score(true_all, pred_all, tp_all),
        "exact": _score(true_x, pred_x, tp_x),
        "near": _score(true_all - true_x, pred_all - pred_x, tp_all - tp_x),
        "items": t["items"],
        "unmapped": t["unmapped"],
    }
