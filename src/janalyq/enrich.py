"""The topic and story stages, run on batches of newly stored articles.

They come after dedup (only distinct articles are embedded, once) and before the batch is
committed, so an article's topic, region, entities, embedding and story are stored in the same
transaction as the article itself.  Embedding calls are batched: the model is several times
faster on 32 texts at once than on one at a time.
"""

from __future__ import annotations

import json
import os

from janalyq.article import Article, StageCounts
from janalyq.embed import CachedEmbedder, Embedder, FastE5Embedder, default_embedder, embed_or_none, embedding_text
from janalyq.entities import Entities, extract, region_of
from janalyq.story import Hyperplanes, StoryItem, blocking_keys, choose_story, publisher, release_key
from janalyq.story_index import StoryIndex, article_day
from janalyq.story_space import StorySpace
from janalyq.lexicon import words
from janalyq.search.analyzer import index_terms
from janalyq.topic import TopicModel

EMBED_BATCH = 32
ENV_SWITCH = "JANALYQ_EMBEDDINGS"  # "0" turns the embedding model off (keywords, outlets, keys only)


def embeddings_enabled() -> bool:
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "false", "no", "off")


class Enricher:
    """Buffers stored articles; `flush` runs the topic and story stages on them."""

    def __init__(self, store, topic_counts: StageCounts, story_counts: StageCounts,
                 embedder: Embedder | None = None, use_embeddings: bool | None = None):
        use = embeddings_enabled() if use_embeddings is None else use_embeddings
        self.embedder = (embedder or default_embedder()) if use else None
        self.model = shared_topic_model(self.embedder)
        self.space = StorySpace(self.model)
        self.index = StoryIndex(store, self.embedder.name if self.embedder else "none")
        self.planes = Hyperplanes(self.embedder.dim) if self.embedder else None
        self.db = store.db
        self.topic_counts, self.story_counts = topic_counts, story_counts
        self.pending: list[tuple[int, Article, bool, bool]] = []

    def topic_columns(self, article: Article) -> dict | None:
        """Topic, confidence, region and entities of a new article, for its INSERT; None when the
        workers did not compute its topic (the article is then classified at `flush`)."""
        if article.topic_result is None or article.entities is None:
            return None
        if self.embedder is not None and article.vector is None:
            return None
        return self._topic_values(article, article.topic_result, article.entities)

    def add(self, rid: int, article: Article, is_new: bool, topic_stored: bool = False) -> None:
        self.pending.append((rid, article, is_new, topic_stored))
        if len(self.pending) >= EMBED_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        vectors = self._vectors([a for _, a, _, _ in batch])
        for position, (rid, article, is_new, topic_stored) in enumerate(batch):
            vector = vectors[position] if vectors is not None else None
            found = article.entities if article.entities is not None else extract(
                article.title, article.body_text, article.lang)
            if not topic_stored:
                self._topic(rid, article, vector, found)
            if is_new:
                self._story(rid, article, vector, found)

    def _vectors(self, articles: list[Article]) -> list | None:
        """Vectors computed ahead by the workers, and the missing ones embedded here in one call."""
        if self.embedder is None:
            return None
        vectors = [a.vector for a in articles]
        missing = [i for i, v in enumerate(vectors) if v is None]
        if missing:
            computed = embed_or_none(self.embedder, [_embedding_text(articles[i]) for i in missing])
            if computed is None:
                self.topic_counts.repair("embeddings_unavailable", len(missing))
                return None
            for row, i in enumerate(missing):
                vectors[i] = computed[row]
        return vectors

    def _topic(self, rid: int, article: Article, vector, found: Entities) -> None:
        lead = " ".join(article.body[:2])
        result = article.topic_result or self.model.classify(article.title, lead, article.outlet, vector, article.lang)
        values = self._topic_values(article, result, found)
        self.db.execute(
            "UPDATE articles SET topic = ?, topic_confidence = ?, region = ?, entities = ? WHERE rid = ?",
            (*values.values(), rid),
        )

    def _topic_values(self, article: Article, result, found: Entities) -> dict:
        """The stored columns of the topic stage, counted."""
        self.topic_counts.seen += 1
        if article.topic_result is not None:
            region = article.region  # computed ahead with the topic
        else:
            region = region_of(article.outlet, article.title, found, " ".join(article.body[:2]))
        self.topic_counts.kept += 1
        if result.topic == "other":
            self.topic_counts.repair("other_when_unsure")
        if article.site_section and result.topic != article.site_section:
            self.topic_counts.repair("differs_from_site_section")
        if region:
            self.topic_counts.repair("region_found")
        return {"topic": result.topic, "topic_confidence": result.confidence, "region": region,
                "entities": json.dumps(found.as_json(), ensure_ascii=False)}

    def _story(self, rid: int, article: Article, vector, found: Entities) -> None:
        self.story_counts.seen += 1
        item = StoryItem(rid=rid, article_id=article.id or str(rid), lang=article.lang,
                         outlet=publisher(article.outlet, article.source_url, article.url),
                         day=article_day(article.published, article.collected_at),
                         release=release_key(article.source_url), entities=found, vector=vector,
                         words=words(article.title, article.lang))
        lsh = []
        if vector is not None:
            centred = self.space.centre(vector, article.lang)
            lsh = self.planes.keys(centred)
            sims = self.space.background(centred)
            item.background = (float(sims.mean()), float(sims.std()))
        item.keys = blocking_keys(item, lsh)
        candidates = self.index.load(self.index.candidates(item))
        # Stories are judged whole: the members of a likely story that the blocking keys did
        # not find are read too.
        result = choose_story(item, candidates, self.space.centre, self.index.members, self.space.centre_rows)
        story_id = result.story_id
        for rival, partner in result.displaced:
            story_id = self.index.detach(rival, partner, story_id)
            self.story_counts.repair("displaced_to_own_story")
        item.story_id = story_id
        self.index.save(item)
        if result.merged:
            self.index.merge(story_id, result.merged)
            self.story_counts.repair("stories_merged", len(result.merged))
        self.story_counts.kept += 1
        self.story_counts.repair("joined_story_" + result.reason if result.joined else "new_story")


def precompute(articles: list[Article], use_embeddings: bool | None = None, skip: set[int] | None = None) -> None:
    """The pure part of the topic, story and search-index work, for a worker process: entities,
    analysed search terms, embeddings of title and lead in one batched call (one model thread
    per worker, since the workers already use every core), and the topic.  Articles in `skip`
    (by `id`: copies of stored articles, which are merged, never enriched) are not embedded nor
    classified; should one be new after all, the storing process does both."""
    global _WORKER_EMBEDDER
    for article in articles:
        article.entities = extract(article.title, article.body_text, article.lang)
        article.search_terms = (index_terms(article.title, article.lang), index_terms(article.body_text, article.lang))
    use = embeddings_enabled() if use_embeddings is None else use_embeddings
    wanted = [a for a in articles if id(a) not in (skip or ())]
    if not wanted:
        return
    if use:
        if _WORKER_EMBEDDER is None:
            # Exact copies in a corpus embed the same text: the cache embeds it once per worker.
            _WORKER_EMBEDDER = CachedEmbedder(FastE5Embedder(num_threads=1))
        vectors = embed_or_none(_WORKER_EMBEDDER, [_embedding_text(a) for a in wanted])
        for article, vector in zip(wanted, vectors if vectors is not None else [None] * len(wanted)):
            article.vector = vector
    model = shared_topic_model(_WORKER_EMBEDDER if use else None)
    for article in wanted:
        lead = " ".join(article.body[:2])
        article.topic_result = model.classify(article.title, lead, article.outlet, article.vector, article.lang)
        article.region = region_of(article.outlet, article.title, article.entities, lead)


def _embedding_text(article: Article) -> str:
    return embedding_text(article.title, article.body, title_derived=article.title_derived)


_WORKER_EMBEDDER: Embedder | None = None
_MODELS: dict[str, TopicModel] = {}


def shared_topic_model(embedder: Embedder | None) -> TopicModel:
    """One topic model per embedder and process: its examples are embedded only once."""
    name = embedder.name if embedder else "none"
    if name not in _MODELS:
        _MODELS[name] = TopicModel(embedder)
    return _MODELS[name]
