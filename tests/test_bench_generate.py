"""The synthetic benchmark corpus: page layout, planted duplicate rates, text distances, scoring."""

from __future__ import annotations

import itertools
import json
import random
import re
from pathlib import Path

import pytest

from bench.generate import TRUTH_NAME, generate_corpus, main
from bench.quality import item_url, jaccard, pair_scores, shingles

N_ITEMS = 500
DATE_END = re.compile(r" \d{2}\.\d{2}\.\d{4}$")
LABELS = {"en": "Source : ", "kk": "Ақпарат көзі : ", "ru": "Источник : "}
HEADERS = {
    "en": {"News More", "Society More", "Politics More", "Economics More", "Culture More"},
    "kk": {"Жаңалықтар\nҚосымша", "Қоғам\nҚосымша"},
    "ru": {"Новости\nПодробнее", "Общество\nПодробнее"},
}
SOURCE = r"https://www\.gov\.kz/memleket/entities/[a-z-]+/press/news/details/\d+\?lang={lang}$"


def _parse_page(path: Path) -> tuple[str, list[tuple[str, str]]]:
    """Returns (header text, [(title line, body line), ...]) and checks the fixed lines."""
    lang = path.name.split("_")[1]
    lines = [ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip()]
    n_header = 1 if lang == "en" else 2
    assert lines[0].endswith("QazaQ"), path.name
    header = "\n".join(lines[1:1 + n_header])
    rows = lines[1 + n_header:]
    assert len(rows) % 2 == 0, path.name
    return header, [(rows[i], rows[i + 1]) for i in range(0, len(rows), 2)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    summary = generate_corpus(N_ITEMS, out, seed=7)
    with (out / TRUTH_NAME).open(encoding="utf-8") as fh:
        truth = [line.rstrip("\n").split("\t") for line in fh]
    pages = {p.name: _parse_page(p) for p in sorted(out.glob("*.txt"))}
    items = {(name, i): item for name, (_, its) in pages.items() for i, item in enumerate(its)}
    originals = {g: (f, int(i)) for f, i, g, kind in truth if kind == "original"}
    return {"out": out, "summary": summary, "truth": truth, "pages": pages, "items": items,
            "originals": originals}


def _text(item: tuple[str, str]) -> str:
    return f"{item[0]} {item[1]}"


def test_summary_matches_truth(corpus):
    s, truth = corpus["summary"], corpus["truth"]
    assert s["items"] == len(truth) == len(corpus["items"]) == N_ITEMS
    assert s["files"] == len(corpus["pages"]) == N_ITEMS // 20
    assert s["distinct"] + s["exact"] + s["near"] == N_ITEMS
    kinds = [row[3] for row in truth]
    assert (kinds.count("original"), kinds.count("exact"), kinds.count("near")) == (
        s["distinct"], s["exact"], s["near"])


def test_page_format(corpus):
    near = {(f, int(i)) for f, i, _, kind in corpus["truth"] if kind == "near"}
    per_file = {}
    for f, _, _, _ in corpus["truth"]:
        per_file[f] = per_file.get(f, 0) + 1
    for name, (header, its) in corpus["pages"].items():
        lang = name.split("_")[1]
        assert header in HEADERS[lang]
        assert len(its) == per_file[name] <= 20
        trailer = re.compile(re.escape(LABELS[lang]) + SOURCE.format(lang=lang))
        for i, (title, body) in enumerate(its):
            assert DATE_END.search(title), title
            assert 6 <= len(title.split()) - 1 <= 14, title
            assert not DATE_END.search(body)
            if (name, i) not in near:  # one kind of near copy drops the trailer on purpose
                assert trailer.search(body), body[-150:]


def test_languages_look_right(corpus):
    # Russian pages quote Kazakh names («Ұлы дала», области Жетісу) as real ones do, so only
    # the share of Kazakh-only letters tells kk from ru.
    for name, (_, its) in corpus["pages"].items():
        lang = name.split("_")[1]
        text = " ".join(_text(it) for it in its).lower()
        cyrillic = len(re.findall("[а-яёәғқңөұүһі]", text))
        kazakh = len(re.findall("[әғқңөұүһі]", text))
        if lang == "kk":
            assert kazakh / cyrillic > 0.03
        elif lang == "ru":
            assert kazakh / cyrillic < 0.01
        else:
            assert cyrillic == 0


def test_planted_rates(corpus):
    kinds = [row[3] for row in corpus["truth"]]
    assert abs(kinds.count("exact") / N_ITEMS - 0.05) <= 0.01
    assert abs(kinds.count("near") / N_ITEMS - 0.05) <= 0.01
    groups = {row[2] for row in corpus["truth"]}
    assert len(groups) == kinds.count("original")


def test_copies_follow_their_originals(corpus):
    items, originals = corpus["items"], corpus["originals"]
    files_in_order = list(corpus["pages"])
    for f, i, g, kind in corpus["truth"]:
        if kind == "original":
            continue
        of, oi = originals[g]
        assert (files_in_order.index(of), oi) < (files_in_order.index(f), int(i))
        copy, orig = items[(f, int(i))], items[(of, oi)]
        assert copy[0] == orig[0]  # copies keep title and date
        if kind == "exact":
            assert copy == orig and f != of
        else:
            assert copy != orig


def test_distinct_articles_are_far_apart(corpus):
    items, rng = corpus["items"], random.Random(0)
    by_lang: dict[str, list] = {}
    for g, key in corpus["originals"].items():
        by_lang.setdefault(key[0].split("_")[1], []).append(shingles(_text(items[key])))
    for lang, sets in by_lang.items():
        sample = rng.sample(sets, min(40, len(sets)))
        worst = max(jaccard(a, b) for a, b in itertools.combinations(sample, 2))
        assert worst < 0.2, (lang, worst)


def test_near_copies_stay_close(corpus):
    items, originals = corpus["items"], corpus["originals"]
    near = [(f, int(i), g) for f, i, g, kind in corpus["truth"] if kind == "near"]
    assert near
    for f, i, g in near:
        assert jaccard(_text(items[(f, i)]), _text(items[originals[g]])) >= 0.7


def test_body_lengths(corpus):
    for f, i in corpus["originals"].values():
        body = corpus["items"][(f, i)][1]
        words = body.split(LABELS[f.split("_")[1]])[0].split()
        assert 150 <= len(words) <= 450


def _urls(corpus) -> list[tuple[str, str]]:
    out = corpus["out"]
    return [(item_url(out / f, int(i)), g) for f, i, g, _ in corpus["truth"]]


def test_pair_scores_perfect_mapping(corpus):
    scores = pair_scores(corpus["out"] / TRUTH_NAME, dict(_urls(corpus)))
    for part in ("overall", "exact", "near"):
        assert scores[part]["precision"] == 1.0 and scores[part]["recall"] == 1.0
        assert scores[part]["fp"] == scores[part]["fn"] == 0
    assert scores["overall"]["true_pairs"] > 0 and scores["unmapped"] == 0


def test_pair_scores_no_merges(corpus):
    scores = pair_scores(corpus["out"] / TRUTH_NAME, {url: url for url, _ in _urls(corpus)})
    assert scores["overall"]["recall"] == 0.0
    assert scores["overall"]["tp"] == 0 and scores["overall"]["fn"] > 0
    assert scores["overall"]["predicted_pairs"] == 0


def test_pair_scores_counts_by_kind(tmp_path):
    rows = ["a.txt\t0\t1\toriginal", "a.txt\t1\t2\toriginal", "b.txt\t0\t1\texact",
            "b.txt\t1\t1\tnear"]
    truth = tmp_path / TRUTH_NAME
    truth.write_text("\n".join(rows) + "\n", encoding="utf-8")
    mapping = {item_url(tmp_path / "a.txt", 0): "X", item_url(tmp_path / "b.txt", 0): "X",
               item_url(tmp_path / "b.txt", 1): "Y", item_url(tmp_path / "a.txt", 1): "Y"}
    s = pair_scores(truth, mapping)
    assert (s["exact"]["tp"], s["exact"]["fp"], s["exact"]["fn"]) == (1, 0, 0)
    assert (s["near"]["tp"], s["near"]["fp"], s["near"]["fn"]) == (0, 1, 2)
    assert s["overall"]["precision"] == 0.5 and s["overall"]["recall"] == pytest.approx(1 / 3)


def test_same_seed_same_corpus(tmp_path):
    a = generate_corpus(60, tmp_path / "a", seed=3)
    b = generate_corpus(60, tmp_path / "b", seed=3)
    c = generate_corpus(60, tmp_path / "c", seed=4)
    assert a["files"] == b["files"]
    for p in sorted((tmp_path / "a").iterdir()):
        assert p.read_bytes() == (tmp_path / "b" / p.name).read_bytes()
    assert (tmp_path / "a" / TRUTH_NAME).read_bytes() != (tmp_path / "c" / TRUTH_NAME).read_bytes()
    assert c["items"] == 60


def test_refuses_folder_with_other_files(tmp_path):
    (tmp_path / "notes.md").write_text("keep me", encoding="utf-8")
    with pytest.raises(ValueError):
        generate_corpus(20, tmp_path, seed=1)
    assert (tmp_path / "notes.md").exists()


def test_cli(tmp_path, capsys):
    out = tmp_path / "cli"
    assert main(["--articles", "45", "--out", str(out), "--seed", "2"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["items"] == 45 and summary["files"] == 3
    assert len((out / TRUTH_NAME).read_text(encoding="utf-8").splitlines()) == 45
