"""User query text -> a safe search condition over the analysed-terms index.

The user's text never reaches FTS5 or tsquery syntax: it is cut into words and quoted phrases,
every word is analysed, and each resulting term is written quoted (expression.py renders the
condition as an FTS5 MATCH expression or a PostgreSQL tsquery).  Terms are made of letters and
digits only, so no input (unbalanced quotes, FTS operators, SQL fragments, control characters, a
10,000-character paste) can produce an invalid expression.

Supported syntax: words (all must match, in any of their language variants), "quoted phrases"
(straight or typographic quotes), and -word to exclude a word.

With the Kazakh filter, readings that no Kazakh article can hold are left out: a Kazakh article's
terms are all Latin-script keys (see analyzer.py), so a Cyrillic Russian stem cannot match one.
Russian and English articles can hold terms of every kind (a Latin word in a Russian article is
stemmed as English and may equal a Kazakh key), so their filters keep every reading: a filtered
search finds exactly the unfiltered matches in that language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from janalyq.search.analyzer import STOPWORDS, WORD, normalize, phrase_variants, query_variants
from janalyq.search.expression import AllOf, AnyOf, Columns, Node, Phrase, Without
from janalyq.search.score import Group
from janalyq.translit import to_latin

MAX_QUERY_CHARS = 500
MAX_CLAUSES = 12
_PHRASE = re.compile(r'["«“„]([^"«»“”„]+)["»”“]')
_EXCLUDED = re.compile(r"(?:^|\s)-([^\W_]+)")


@dataclass
class ParsedQuery:
    words: list[str] = field(default_factory=list)  # normalised words, AND-ed
    phrases: list[list[str]] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.phrases)

    def all_terms(self) -> set[str]:
        """Every term that counts as a hit, for highlighting."""
        found: set[str] = set()
        for word in self.words + [w for phrase in self.phrases for w in phrase]:
            found.update(query_variants(word))
        return found


def clean_text(raw: str | None) -> str:
    """The query with control and format characters replaced by spaces, cut to a sane length."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFC", raw[: MAX_QUERY_CHARS * 4])
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Zl", "Zp") else ch
                   for ch in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def parse(raw: str | None) -> ParsedQuery:
    text = clean_text(raw)
    parsed = ParsedQuery()
    for match in _PHRASE.finditer(text):
        phrase = WORD.findall(normalize(match.group(1)))
        if len(phrase) == 1:
            parsed.words.append(phrase[0])
        elif phrase:
            parsed.phrases.append(phrase[:8])
    text = _PHRASE.sub(" ", text)
    parsed.excluded = [normalize(w) for w in _EXCLUDED.findall(text)][:MAX_CLAUSES]
    text = _EXCLUDED.sub(" ", text)
    words = list(dict.fromkeys(WORD.findall(normalize(text))))
    meaningful = [w for w in words if w not in STOPWORDS]
    parsed.words = list(dict.fromkeys(parsed.words + (meaningful or words)))
    budget = MAX_CLAUSES - len(parsed.phrases[:MAX_CLAUSES])
    parsed.phrases = parsed.phrases[:MAX_CLAUSES]
    parsed.words = parsed.words[: max(budget, 0)]
    return parsed


def _possible(terms: tuple[str, ...], lang: str | None) -> bool:
    """Whether an article in `lang` can hold these terms (Kazakh keys are already Latin)."""
    return lang != "kk" or all(to_latin(t) == t for t in terms)


def _within(variants: tuple[tuple[str, ...], ...], lang: str | None) -> tuple[tuple[str, ...], ...]:
    # None possible: keep them all, so that the word still has to match (and matches nothing).
    return tuple(v for v in variants if _possible(v, lang)) or variants


def _word_variants(word: str, lang: str | None) -> tuple[tuple[str, ...], ...]:
    return _within(tuple((v,) for v in query_variants(word)), lang)


def _phrase_variants(phrase: list[str], lang: str | None) -> tuple[tuple[str, ...], ...]:
    return _within(tuple(phrase_variants(phrase)), lang)


def groups(parsed: ParsedQuery, lang: str | None = None) -> list[Group]:
    """The query's words and phrases, each with the term sequences it matches (for scoring)."""
    found = [Group(_word_variants(w, lang)) for w in parsed.words]
    found += [Group(_phrase_variants(p, lang)) for p in parsed.phrases]
    return [g for g in found if g.variants]


def _clause(group: Group) -> AnyOf:
    return AnyOf(tuple(Phrase(v) for v in group.variants))


def text_expression(parsed: ParsedQuery, columns: str = "{title body}", lang: str | None = None) -> Node | None:
    """The condition of the query's text part, or None when nothing searchable is left."""
    clauses = tuple(_clause(g) for g in groups(parsed, lang))
    if not clauses:
        return None
    expression: Node = Columns(columns, AllOf(clauses))
    excluded = tuple(_clause(Group(v)) for v in (_word_variants(w, None) for w in parsed.excluded) if v)
    if excluded:
        expression = Without(expression, Columns(columns, AnyOf(excluded)))
    return expression


def facet_expression(tokens: list[str]) -> Node | None:
    if not tokens:
        return None
    return Columns("facets", AllOf(tuple(Phrase((t,)) for t in tokens)))


def combine(*parts: Node | None) -> Node | None:
    present = tuple(p for p in parts if p)
    if not present:
        return None
    return AllOf(present, wrap_each=True)
