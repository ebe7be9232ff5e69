"""Learn the Kazakh-English lexicon of `janalyq.lexicon` from parallel headline pairs.

    python -m bench.learn_lexicon                       # from ../shared/real, writes src/janalyq/data/lexicon_kk_en.tsv

Every stem pair that occurs together in at least `MIN_PAIRS` headline pairs is scored by its
Dice coefficient (2 * together / (count of each)); pairs under `MIN_DICE` are left out.  Only
stems and numbers are written, never a sentence of the material.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from bench.real import HEADLINE_PAIRS, fit_arguments, load
from janalyq.lexicon import Lexicon, words

MIN_PAIRS = 2
MIN_DICE = 0.15
OUT = Path(__file__).resolve().parent.parent / "src" / "janalyq" / "data" / "lexicon_kk_en.tsv"


def learn(pairs: list[dict], source: str = "kk", target: str = "en") -> Lexicon:
    count = {source: Counter(), target: Counter()}
    together: Counter = Counter()
    for record in pairs:
        left, right = words(record[source], source).stems, words(record[target], target).stems
        count[source].update(left)
        count[target].update(right)
        together.update((a, b) for a in left for b in right)
    lexicon = Lexicon()
    table: dict[str, dict[str, float]] = {}
    for (a, b), n in together.items():
        if n < MIN_PAIRS:
            continue
        dice = 2 * n / (count[source][a] + count[target][b])
        if dice >= MIN_DICE:
            table.setdefault(a, {})[b] = round(dice, 3)
    lexicon.pairs[(source, target)] = table
    reverse: dict[str, dict[str, float]] = {}
    for a, row in table.items():
        for b, value in row.items():
            reverse.setdefault(b, {})[a] = value
    lexicon.pairs[(target, source)] = reverse
    documents = len(pairs)
    for lang in (source, target):
        lexicon.idf[lang] = {stem: round(math.log(documents / n), 3) for stem, n in count[lang].items() if n >= 2}
        lexicon.default_idf[lang] = math.log(documents)
    lexicon.documents = documents
    return lexicon


def write(lexicon: Lexicon, out: Path, source: str = "kk", target: str = "en") -> None:
    lines = ["# janalyq.lexicon: stems (first letters of words) of parallel kk/en headlines of government news",
             "# pair <source> <target> <source stem> <target stem> <dice>; idf <lang> <stem> <weight>;"
             " documents <lang> <count>"]
    for lang in (source, target):
        lines.append(f"documents\t{lang}\t{lexicon.documents}")
    for a in sorted(lexicon.pairs[(source, target)]):
        for b, value in sorted(lexicon.pairs[(source, target)][a].items()):
            lines.append(f"pair\t{source}\t{target}\t{a}\t{b}\t{value}")
    for lang in (source, target):
        for stem, weight in sorted(lexicon.idf[lang].items()):
            lines.append(f"idf\t{lang}\t{stem}\t{weight}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    args = fit_arguments(__doc__.splitlines()[0], OUT)
    pairs = load(HEADLINE_PAIRS, args.folder)
    lexicon = learn(pairs)
    write(lexicon, args.out)
    entries = sum(len(row) for row in lexicon.pairs[("kk", "en")].values())
    print(f"{len(pairs)} pairs -> {entries} stem pairs, {sum(map(len, lexicon.idf.values()))} stem weights: {args.out}")


if __name__ == "__main__":
    main()
