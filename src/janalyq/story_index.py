"""The store side of stories: blocking keys, embeddings and story ids kept in the store.

`StoryIndex.candidates` finds the articles that share blocking keys with a new one inside the
date window (`janalyq.story` says which keys), `load` and `members` read them back as
`StoryItem`s for `janalyq.story.choose_story`, and `save`, `detach` and `merge` write its
decision.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache

import numpy as np

from janalyq.dedup import key64
from janalyq.embed import from_blob, to_blob
from janalyq.entities import Entities
from janalyq.lexicon import Words, words
from janalyq.store.dialect import is_postgres
from janalyq.store.keys import story_rows_sql
from janalyq.story import (CORE_MEMBERS, MIN_KEYS_WITHOUT_VECTORS, ROWS_PER_KEY, WINDOW_DAYS, StoryItem, publisher,
                           release_key)


@lru_cache(maxsize=256)
def _candidates_sql(n_keys: int, two_levels: bool) -> str:
    """Rows sharing each of `n_keys` keys, nearest in time on each side of the day, counted per
    article: (rid, keys shared, shares the release key), best first, at least `min_hits` keys
    unless the release is shared.  Parameters: release key, then per key the forward and the
    backward (key, low day, high day, own rid; twice with two levels; then rows) and last
    min_hits and the limit."""
    one_key = (f"SELECT * FROM ({story_rows_sql('ASC', two_levels)}) AS later"
               f" UNION ALL SELECT * FROM ({story_rows_sql('DESC', two_levels)}) AS earlier")
    rows = " UNION ALL ".join([one_key] * n_keys)
    release = "max(CASE WHEN key = ?1 THEN 1 ELSE 0 END)"  # in the SQL both engines share
    return (f"SELECT rid, count(*) AS hits, {release} AS release FROM ({rows}) AS shared GROUP BY rid"
            f" HAVING count(*) >= ? OR {release} = 1 ORDER BY hits DESC, rid LIMIT ?")

def _nearest_pg(order: str) -> str:
    """Per key of the array `k`, its rows nearest in time on one side (both key levels)."""
    one = "SELECT rid, key, day FROM {table} WHERE key = k.key AND day BETWEEN ? AND ? AND rid != ?"
    arms = " UNION ALL ".join(one.format(table=table) for table in ("story_keys", "story_keys_recent"))
    return (f"SELECT near.rid, near.key FROM k CROSS JOIN LATERAL (SELECT rid, key FROM ({arms}) AS levels"
            f" ORDER BY day {order}, rid {order} LIMIT ?) AS near")


# `_candidates_sql` on PostgreSQL (two key levels): the keys go in as one array.
_CANDIDATES_PG = (
    "WITH k(key) AS (SELECT unnest(CAST(? AS bigint[])))"
    " SELECT rid, count(*) AS hits, max(CASE WHEN key = ? THEN 1 ELSE 0 END) AS release FROM ("
    f"{_nearest_pg('ASC')} UNION ALL {_nearest_pg('DESC')}) AS shared GROUP BY rid"
    " HAVING count(*) >= ? OR max(CASE WHEN key = ? THEN 1 ELSE 0 END) = 1 ORDER BY hits DESC, rid LIMIT ?")

CANDIDATES_PER_LANG = 10  # same-language neighbours must not crowd out the other languages
# (15 gave the same dev-set figures within 0.002 at 1.5x the linking cost in a dense store)
SIMILARITY_BAND = 0.04  # raw cosine below the nearest of a language past which a neighbour is dropped
CROSS_CANDIDATES_PER_LANG = 20  # band hits rank the true version of a real headline coarsely:
# in a 10-day stream of real kk/en headlines, 10 per language kept 0.68 of true pairs linked, 40 0.79

class StoryIndex:
    """Story keys, embeddings and story ids in the store (see the migration that adds them)."""

    def __init__(self, store, model_name: str):
        self.store, self.db = store, store.db
        self.model_name = model_name

    def candidates(self, item: StoryItem) -> list[int]:
        """Articles in the date window sharing most keys, at most `CANDIDATES_PER_LANG` per language.

        Each key contributes only its rows nearest in time (`ROWS_PER_KEY` on each side of the
        article's day): a key shared by thousands of articles in the window (a big city, a common
        number) then costs the same as a rare one, so linking stays constant-time per article as
        the store grows, instead of grouping every row of every common key.
        """
        if not item.keys:
            return []
        best = self._sharing_keys(item)
        if not best:
            return []
        return self._nearest_per_language(item, best)

    def _sharing_keys(self, item: StoryItem) -> list:
        """(rid, keys shared, shares the release key) of the articles sharing most keys, best first."""
        keys = item.key_ids
        # Without an embedding, the facts behind the shared keys are all the evidence there is:
        # a candidate sharing too few keys cannot reach LINK_SCORE, so it is not even loaded.
        min_hits = MIN_KEYS_WITHOUT_VECTORS if item.vector is None else 1
        release = key64(item.release) if item.release else None
        if is_postgres(self.db):
            return self._candidates_postgres(item, keys, release, min_hits)
        levels = 2 if self.store.two_level_keys else 1
        params: list = [release]
        for key in keys:
            params += [key, item.day, item.day + WINDOW_DAYS, item.rid] * levels + [ROWS_PER_KEY]
            params += [key, item.day - WINDOW_DAYS, item.day - 1, item.rid] * levels + [ROWS_PER_KEY]
        params += [min_hits, CROSS_CANDIDATES_PER_LANG * 8]
        # One statement for every key, counted inside SQLite: per article, this replaced dozens
        # of queries and a Python count over a few hundred rows.
        return self.db.execute(_candidates_sql(len(keys), levels == 2), params).fetchall()

    def _nearest_per_language(self, item: StoryItem, best: list) -> list[int]:
        """Of the articles sharing keys, those nearest to the item (by vector, where there are
        vectors), at most `CANDIDATES_PER_LANG` of its language and `CROSS_CANDIDATES_PER_LANG`
        of each other."""
        marks = ",".join("?" * len(best))
        rows = self.db.execute(
            f"SELECT a.rid, a.lang, v.vec FROM articles a LEFT JOIN article_vectors v ON v.rid = a.rid AND v.model = ?"
            f" WHERE a.rid IN ({marks})", [self.model_name, *(rid for rid, _, _ in best)]).fetchall()
        langs = {rid: lang for rid, lang, _ in rows}
        order = [rid for rid, _, _ in best]
        similarity: dict[int, float] = {}
        release: set[int] = set()
        if item.vector is not None:
            # Shared band keys rank neighbours coarsely; the stored vectors rank them exactly
            # (on real headlines the true version was then kept for 21 more pairs in 300).
            with_vectors = [(rid, vec) for rid, _, vec in rows if vec]
            if with_vectors:
                matrix = np.frombuffer(b"".join(vec for _, vec in with_vectors), dtype=np.float16)
                scores = matrix.reshape(len(with_vectors), -1).astype(np.float32) @ item.vector
                similarity = dict(zip((rid for rid, _ in with_vectors), scores.tolist()))
            release = {rid for rid, _, shares_release in best if shares_release}
            order.sort(key=lambda rid: (rid not in release, -similarity.get(rid, -1.0)))
        taken: dict[str | None, int] = {}
        chosen = []
        nearest: dict[str | None, float] = {}  # the best similarity in each language
        for rid in order:
            lang = langs.get(rid)
            if rid in similarity:
                # Far below the nearest of its language, a neighbour cannot win: not loaded.
                top = nearest.setdefault(lang, similarity[rid])
                if similarity[rid] < top - SIMILARITY_BAND and rid not in release:
                    continue
            if taken.get(lang, 0) < (CANDIDATES_PER_LANG if lang == item.lang else CROSS_CANDIDATES_PER_LANG):
                taken[lang] = taken.get(lang, 0) + 1
                chosen.append(rid)
        return chosen

    def _candidates_postgres(self, item: StoryItem, keys: list[int], release: int | None, min_hits: int) -> list:
        """The same rows as `_candidates_sql`, in one statement whose text does not depend on
        the number of keys: PostgreSQL plans a statement each time its text is new, and planning
        the union of one arm per key cost more than running it (about 60 ms per article)."""
        day = item.day
        return self.db.execute(_CANDIDATES_PG, [
            list(keys), release,
            day, day + WINDOW_DAYS, item.rid, day, day + WINDOW_DAYS, item.rid, ROWS_PER_KEY,
            day - WINDOW_DAYS, day - 1, item.rid, day - WINDOW_DAYS, day - 1, item.rid, ROWS_PER_KEY,
            min_hits, release, CROSS_CANDIDATES_PER_LANG * 8]).fetchall()

    def load(self, rids: list[int]) -> list[StoryItem]:
        if not rids:
            return []
        marks = ",".join("?" * len(rids))
        rows = self.db.execute(
            f"SELECT a.rid, a.id, a.lang, a.outlet, a.published, a.collected_at, a.source_url, a.url, a.story_id, a.title,"
            f" a.entities, v.vec FROM articles a LEFT JOIN article_vectors v ON v.rid = a.rid AND v.model = ?"
            f" WHERE a.rid IN ({marks})", (self.model_name, *rids)).fetchall()
        return [_row_item(r) for r in rows]

    def members(self, story_ids: set[str], known: set[int]) -> list[StoryItem]:
        """The members of these stories not among `known` rids, at most `CORE_MEMBERS` + 1 each
        (a story past that size cannot be joined: see `choose_story`)."""
        rids = []
        for story_id in sorted(story_ids):
            rids += [rid for (rid,) in self.db.execute(
                "SELECT rid FROM articles WHERE story_id = ? LIMIT ?", (story_id, CORE_MEMBERS + 1))
                if rid not in known]
        return self.load(rids)

    def save(self, item: StoryItem) -> None:
        if item.vector is not None:
            self.db.execute("INSERT OR REPLACE INTO article_vectors(rid, model, vec) VALUES (?, ?, ?)",
                            (item.rid, self.model_name, to_blob(item.vector)))
        self.store.add_story_keys(item.rid, item.day, item.key_ids)
        self.db.execute("UPDATE articles SET story_id = ? WHERE rid = ?", (item.story_id, item.rid))

    def detach(self, rival: StoryItem, partner: StoryItem, story_id: str) -> str:
        """`rival` leaves story `story_id`, where `partner` stays, for a story of its own; returns
        the id of the story that `partner` keeps.  A story's id is its first member's: when that
        member leaves, it keeps the id and the others move to the partner's id."""
        if rival.article_id != story_id:
            self.db.execute("UPDATE articles SET story_id = id WHERE rid = ?", (rival.rid,))
            return story_id
        self.db.execute("UPDATE articles SET story_id = ? WHERE story_id = ? AND rid != ?",
                        (partner.article_id, story_id, rival.rid))
        return partner.article_id

    def merge(self, into: str, others: list[str]) -> int:
        """Move every article of `others` into story `into`; returns how many moved."""
        moved = 0
        for other in others:
            moved += self.db.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (into, other)).rowcount
        return moved


def _row_item(row) -> StoryItem:
    stored = json.loads(row["entities"]) if row["entities"] else {}
    found = Entities(numbers=set(stored.get("numbers", [])),
                     people={k: k for k in stored.get("people_keys", [])})
    found.places.update({p: 1 for p in stored.get("places", [])})
    found.orgs.update({o: 1 for o in stored.get("orgs", [])})
    return StoryItem(
        rid=row["rid"], article_id=row["id"], lang=row["lang"],
        outlet=publisher(row["outlet"], row["source_url"], row["url"]),
        day=article_day(row["published"], row["collected_at"]), release=release_key(row["source_url"]),
        entities=found, vector=from_blob(row["vec"]) if row["vec"] else None, story_id=row["story_id"],
        words=title_words(row["title"] or "", row["lang"]),
    )


@lru_cache(maxsize=1 << 14)
def title_words(title: str, lang: str | None) -> Words:
    """`lexicon.words` of a stored title: the same candidates come back for many articles."""
    return words(title, lang)


def article_day(published, collected_at) -> int:
    if published:
        value = published if isinstance(published, dt.date) else dt.date.fromisoformat(str(published)[:10])
        return value.toordinal()
    if collected_at:
        value = collected_at if isinstance(collected_at, dt.datetime) else dt.datetime.fromisoformat(str(collected_at))
        return value.date().toordinal()
    return dt.date.today().toordinal()
