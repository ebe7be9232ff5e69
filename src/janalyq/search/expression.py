"""A parsed search condition, written once and rendered for either index.

query.py and browse.py build these nodes from the user's analysed words; `fts5()` gives the
MATCH expression SQLite's FTS5 table takes (byte for byte the text janalyq always sent it), and
`tsquery()` the PostgreSQL `tsquery` text for `search_docs.terms` (search/pg_index.py):

- a phrase is its terms in order: `"a b"` in FTS5, `'a' <-> 'b'` in PostgreSQL;
- a column filter becomes a weight on every lexeme under it: title `A`, body `B`, facets `C`
  (the weights pg_index.py writes), so `{title body} : "x"` is `'x':AB`;
- OR, AND and NOT are `|`, `&` and `& !`.

No user text is ever pasted into either syntax: every term is quoted, and a term is cut into
lexemes the way FTS5's unicode61 tokenizer cuts it (`pg_index.lexemes`), so that a term such as
"don't" is the same two-word phrase on both engines.  The PostgreSQL text is cast to `tsquery`
(not passed through to_tsquery), so lexemes are taken as they are, without a dictionary.
"""

from __future__ import annotations

from dataclasses import dataclass

from janalyq.search.pg_index import lexemes

WEIGHTS = {"title": "A", "body": "B", "{title body}": "AB", "facets": "C"}
# A tsquery no document matches: a lexeme no analysed text can hold (terms are letters and
# digits), in facets, which hold hex tokens only.
NOTHING = "'-':C"


class Node:
    def fts5(self) -> str:
        raise NotImplementedError

    def tsquery(self, weight: str = "") -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.fts5()


@dataclass(frozen=True)
class Phrase(Node):
    """Terms that must follow each other in one column (one term: a word)."""
    terms: tuple[str, ...]

    def fts5(self) -> str:
        return '"' + " ".join(t.replace('"', '""') for t in self.terms) + '"'

    def tsquery(self, weight: str = "") -> str:
        parts = [_lexeme(part, weight) for t in self.terms for part in lexemes(t)]
        if not parts:
            return NOTHING  # FTS5's empty phrase matches no row either
        return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"


@dataclass(frozen=True)
class AnyOf(Node):
    """At least one of the parts, in parentheses: `("a" OR "b")`."""
    parts: tuple[Node, ...]

    def fts5(self) -> str:
        return "(" + " OR ".join(p.fts5() for p in self.parts) + ")"

    def tsquery(self, weight: str = "") -> str:
        return "(" + " | ".join(p.tsquery(weight) for p in self.parts) + ")" if self.parts else NOTHING


@dataclass(frozen=True)
class AllOf(Node):
    """Every part: `(x AND y)`, or `(x) AND (y)` with `wrap_each` (how query.combine writes
    it), or `x AND y` with `bare`."""
    parts: tuple[Node, ...]
    wrap_each: bool = False
    bare: bool = False

    def fts5(self) -> str:
        if self.wrap_each:
            return " AND ".join(f"({p.fts5()})" for p in self.parts)
        joined = " AND ".join(p.fts5() for p in self.parts)
        return joined if self.bare else "(" + joined + ")"

    def tsquery(self, weight: str = "") -> str:
        return "(" + " & ".join(p.tsquery(weight) for p in self.parts) + ")" if self.parts else NOTHING


@dataclass(frozen=True)
class Without(Node):
    """`keep` and not `drop`: `(keep) NOT (drop)`."""
    keep: Node
    drop: Node

    def fts5(self) -> str:
        return f"({self.keep.fts5()}) NOT ({self.drop.fts5()})"

    def tsquery(self, weight: str = "") -> str:
        return f"({self.keep.tsquery(weight)} & !{self.drop.tsquery(weight)})"


@dataclass(frozen=True)
class Columns(Node):
    """A condition on some columns only: `title : (...)`, `{title body} : (...)`."""
    columns: str
    inner: Node

    def fts5(self) -> str:
        return f"{self.columns} : {self.inner.fts5()}"

    def tsquery(self, weight: str = "") -> str:
        return self.inner.tsquery(WEIGHTS[self.columns])


def _lexeme(text: str, weight: str) -> str:
    """One quoted tsquery lexeme: inside quotes a quote is doubled and a backslash escaped."""
    quoted = "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"
    return f"{quoted}:{weight}" if weight else quoted
