"""The clean stage's shortcuts give what the full patterns give.

Each shortcut skips a regex pass when a cheaper test shows that the pass would change nothing
(or, for the source trailer, where no match can begin).  Here every shortcut is compared with
the pass it skips, on strings built from the pieces that the patterns care about.
"""

import itertools
import random
import unicodedata

from janalyq import clean, fields
from janalyq.clean import SOURCE_TRAILER, _INVISIBLE, _ODD_SPACES, trailer_search_start

PIECES = ["None", "none", " ", "  ", "\t", "\n", "\u00a0", "\u200b", "\u00ad", "\x00", "\x85", "\u202e",
          "\ud800", ":", " : ", "Source", "SOURCES", "Источник", "источник", "Ақпарат көзі", "Дереккөз",
          "ſource", "http://", "HTTPS://", "www.", "gov.kz", "/page", ".", ";", ",", "!", ")", "Мәтін",
          "жыл.Бұл", "End.Next", "U.S.", "87.15", "e\u0301", "word"]


_full_split = clean.split_glued_sentences_everywhere  # the pass without its shortcut


def _full_normalise(text):
    text = unicodedata.normalize("NFC", text)
    return _ODD_SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _full_scrub(text):
    reasons = []
    for pattern, reason, replacement in ((fields._CONTROL, "control_chars_removed", ""),
                                         (fields._BIDI_OVERRIDE, "bidi_override_removed", ""),
                                         (fields._SURROGATE, "lone_surrogate_replaced", "\ufffd")):
        text, n = pattern.subn(replacement, text)
        if n:
            reasons.append(reason)
    return text, reasons


def _texts(count=40_000, seed=15):
    rng = random.Random(seed)
    for pair in itertools.product(PIECES, repeat=2):
        yield "".join(pair)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 12)))


def _trailer_texts(count=40_000, seed=16):
    """Texts ending, most of them, in something shaped like a trailer, whole or broken."""
    rng = random.Random(seed)
    part = lambda *choices: rng.choice(choices)  # noqa: E731
    for _ in range(count):
        yield "".join((
            "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 6))),
            part("", "None", "none ", "xNone"), part("", " ", "  \n"),
            part("Source", "Sources", "Источник", "Ақпарат көзі", "Дереккөз", "ſOURCE", "Sourc", ""),
            part("", " "), part(":", ": ", "", " - "), part("", " ", "\t"),
            part("http://", "https://", "HTTP://", "www.", "http:/"), part("gov.kz/a", "x", "", "a b"),
            part("", ".", " ;", ",.", " tail", "\n")))


def _match(found):
    return found and (found.span(), found.groupdict())


def test_the_source_trailer_is_found_where_a_search_of_the_whole_tail_finds_it():
    rng = random.Random(7)
    found = 0
    for text in itertools.chain(_texts(), _trailer_texts()):
        tail_start = rng.choice([0, 0, rng.randint(0, len(text))]) if text else 0
        start = trailer_search_start(text, tail_start)
        ours = SOURCE_TRAILER.search(text, start) if start is not None else None
        assert _match(ours) == _match(SOURCE_TRAILER.search(text, tail_start)), (text, tail_start)
        found += ours is not None
    assert found > 2000  # the pieces do make trailers


def test_a_trailer_is_cut_from_a_body_as_before():
    article = clean.Article(url="u", title="Жаңа мектеп", body=[
        "Мектеп 300 оқушыға арналған.", "Ашылуға әкім келді. None Ақпарат көзі :  https://gov.kz/x/1 ."])
    counts = clean.StageCounts("clean")
    clean.cut_source_trailer(article, counts)
    assert article.source_url == "https://gov.kz/x/1"
    assert article.body[-1] == "Ашылуға әкім келді."
    assert counts.repaired == {"source_trailer_moved": 1, "none_before_source": 1}


def test_glued_sentences_normalised_spaces_and_scrubbed_fields_are_as_the_full_passes_make_them():
    changed = {"split": 0, "normalise": 0, "scrub": 0}
    for text in _texts():
        assert clean.split_glued_sentences(text) == _full_split(text), text
        assert clean.normalise_space(text) == _full_normalise(text), text
        assert fields.scrub(text) == _full_scrub(text), text
        changed["split"] += _full_split(text)[1] > 0
        changed["normalise"] += _full_normalise(text) != text
        changed["scrub"] += bool(_full_scrub(text)[1])
    assert min(changed.values()) > 1000  # every pass has work to do in these texts
