"""Imported once by the fork server of an import's worker processes, before it forks them.

The text stages load their models on first use: the language identifier (mapped from the cache
folder; most of a second to unpack the first time), the gazetteers, the topic keywords and the
topic model without embeddings.  Loaded
here, in the fork server, each worker starts with them already in memory (copy-on-write)
instead of loading them once per worker; the import modules likewise.  On two cores with two
workers this is about a CPU-second less per import.

The loading is a side effect of importing this module, on purpose: a fork server's preload can
only import.  It only fills caches that the stages would fill themselves on their first
article (every one of them pure: the same input gives the same output, cached or not), so a
worker's results do not depend on it; if it fails, the workers load what they need as before.
"""

from __future__ import annotations

import datetime as dt

# Our own sentences, one article per language: enough to reach every loader of the text stages.
_SAMPLES = (
    ("kk", "Ауыл мектебінде жаңа кітапхана ашылды",
     "Жаңа кітапхана ауыл балаларына арналған. Ашылу салтанатына аудан әкімі мен мұғалімдер келді."),
    ("ru", "В районе открыли новую библиотеку",
     "Новая библиотека рассчитана на сельских школьников. На открытие пришли аким района и учителя."),
    ("en", "A new library opens in a village school",
     "The library is meant for village children. The district akim and the teachers came to the opening."),
)


def warm() -> None:
    """Run one small article per language through the text stages and the worker's part of the
    topic and story stages (without embeddings: the model, when on, loads in each worker)."""
    import threading

    from janalyq.language import _identifier

    # The language model is loaded while the stages are imported.  From the cache folder that
    # takes milliseconds; when it must be unpacked (the first time, or with no cache folder), its
    # LZMA decoding lets go of the interpreter, so on two cores the server is ready about a third
    # of a second sooner (the workers wait for it).  Joined before the server forks any worker.
    loader = threading.Thread(target=_identifier, name="janalyq-language-model", daemon=True)
    loader.start()
    try:
        from janalyq.article import Article, StageCounts
        from janalyq.enrich import precompute
        from janalyq.pipeline import TEXT_NAMES, prepare_article
    finally:
        loader.join()

    counts = {name: StageCounts(name) for name in TEXT_NAMES}
    done = []
    for lang, title, body in _SAMPLES:
        article = Article(url=f"https://warm.invalid/{lang}", title=title, body=[body], outlet="warm",
                          collected_at=dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
        prepared = prepare_article(article, counts)
        if prepared is not None:
            done.append(prepared[0])
    precompute(done, use_embeddings=False)


try:
    warm()
except Exception:  # never stop the fork server: the workers then load what they need themselves
    pass
