"""Schema migrations: an append-only list.  Never edit or reorder an entry that has shipped;
add a new one.  Entry N brings a store from user_version N to N+1.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: articles, where each was seen, dedup keys, rejects, runs, full-text index.
    """
    CREATE TABLE articles (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        source_url TEXT,
        outlet TEXT,
        lang TEXT,
        title TEXT NOT NULL,
        title_derived INTEGER NOT NULL DEFAULT 0,
        published TEXT,
        body TEXT NOT NULL,
        site_section TEXT,
        collected_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        flags TEXT NOT NULL DEFAULT '[]',
        lang_confidence REAL,
        duplicates INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX articles_published ON articles(published, rid);
    CREATE INDEX articles_lang_published ON articles(lang, published);
    CREATE INDEX articles_outlet_published ON articles(outlet, published);
    CREATE INDEX articles_section_published ON articles(site_section, published);

    CREATE TABLE sightings (
        url TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        article_rid INTEGER NOT NULL REFERENCES articles(rid),
        site_section TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (url, content_hash)
    ) WITHOUT ROWID;
    CREATE INDEX sightings_article ON sightings(article_rid);

    CREATE TABLE dedup_keys (key INTEGER PRIMARY KEY, article_rid INTEGER NOT NULL);
    CREATE TABLE lsh_bands (key INTEGER PRIMARY KEY, article_rid INTEGER NOT NULL);

    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        inputs TEXT NOT NULL,
        status TEXT NOT NULL,
        counts TEXT
    );
    CREATE TABLE rejects (
        input TEXT NOT NULL,
        reason TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        last_run INTEGER,
        times INTEGER NOT NULL DEFAULT 1,
        PRIMARY KEY (input, reason)
    ) WITHOUT ROWID;

    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='articles', content_rowid='rid',
        tokenize='unicode61 remove_diacritics 0'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.rid, old.title, old.body);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.rid, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
    END;
    """,
    # 2 (crawler): sources, passes, the frontier, HTTP validators for conditional GET, fetch log.
    """
    CREATE TABLE crawl_sources (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        url TEXT NOT NULL,
        lang TEXT,
        settings TEXT NOT NULL DEFAULT '{}',
        interval_s INTEGER,
        enabled INTEGER NOT NULL DEFAULT 1,
        added_at TEXT NOT NULL,
        last_attempt_at TEXT,
        last_success_at TEXT,
        next_due_at REAL NOT NULL DEFAULT 0,
        last_new_items INTEGER NOT NULL DEFAULT 0,
        total_new_items INTEGER NOT NULL DEFAULT 0,
        fetches INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        last_pass_errors INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_error_at TEXT
    );
    CREATE TABLE crawl_passes (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        sources TEXT NOT NULL,
        counts TEXT
    );
    CREATE TABLE frontier (
        url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        role TEXT NOT NULL,
        depth INTEGER NOT NULL DEFAULT 0,
        host TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued',
        attempts INTEGER NOT NULL DEFAULT 0,
        not_before REAL NOT NULL DEFAULT 0,
        hints TEXT NOT NULL DEFAULT '{}',
        pass_id INTEGER,
        discovered_at TEXT NOT NULL,
        done_at TEXT,
        outcome TEXT
    ) WITHOUT ROWID;
    CREATE INDEX frontier_ready ON frontier(state, host, not_before);
    CREATE TABLE http_validators (
        url TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        body_sha1 TEXT,
        fetched_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE fetch_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        pass_id INTEGER,
        source TEXT,
        url TEXT NOT NULL,
        host TEXT,
        attempt INTEGER NOT NULL DEFAULT 1,
        status INTEGER,
        outcome TEXT NOT NULL,
        reason TEXT,
        bytes INTEGER,
        ms INTEGER
    );
    CREATE INDEX fetch_log_source ON fetch_log(source, id);
    """,
    # 3 (portal and search): FTS5 table of analysed terms (janalyq.search.index; its triggers call
    # the analyzer registered by Store as janalyq_search_terms), article counts per language and
    # section / outlet / day kept by triggers, indexes for the portal's listings and for finding
    # the other-language versions of a gov.kz release.
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, facets, tokenize='unicode61 remove_diacritics 0'
    );
    CREATE TRIGGER search_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO search_fts(rowid, title, body, facets) VALUES (
            (max(0, coalesce(CAST(julianday(coalesce(new.published, substr(new.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | new.rid,
            janalyq_search_terms(new.title, new.lang), janalyq_search_terms(new.body, new.lang),
            'l' || hex(coalesce(new.lang, '')) || ' s' || hex(coalesce(new.site_section, '')) || ' o' || hex(coalesce(new.outlet, '')));
    END;
    CREATE TRIGGER search_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM search_fts WHERE rowid = ((max(0, coalesce(CAST(julianday(coalesce(old.published, substr(old.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | old.rid);
    END;
    CREATE TRIGGER search_fts_update AFTER UPDATE OF title, body, lang, site_section, outlet, published,
        collected_at ON articles BEGIN
        DELETE FROM search_fts WHERE rowid = ((max(0, coalesce(CAST(julianday(coalesce(old.published, substr(old.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | old.rid);
        INSERT INTO search_fts(rowid, title, body, facets) VALUES (
            (max(0, coalesce(CAST(julianday(coalesce(new.published, substr(new.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | new.rid,
            janalyq_search_terms(new.title, new.lang), janalyq_search_terms(new.body, new.lang),
            'l' || hex(coalesce(new.lang, '')) || ' s' || hex(coalesce(new.site_section, '')) || ' o' || hex(coalesce(new.outlet, '')));
    END;
    INSERT INTO search_fts(rowid, title, body, facets) SELECT
        (max(0, coalesce(CAST(julianday(coalesce(articles.published, substr(articles.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | articles.rid,
        janalyq_search_terms(articles.title, articles.lang), janalyq_search_terms(articles.body, articles.lang),
        'l' || hex(coalesce(articles.lang, '')) || ' s' || hex(coalesce(articles.site_section, '')) || ' o' || hex(coalesce(articles.outlet, ''))
    FROM articles;

    CREATE TABLE facet_counts (
        facet TEXT NOT NULL,
        lang TEXT NOT NULL,
        value TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (facet, lang, value)
    ) WITHOUT ROWID;
    CREATE TRIGGER facet_counts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO facet_counts(facet, lang, value, n) VALUES
            ('section', coalesce(new.lang, ''), coalesce(new.site_section, ''), 1),
            ('outlet', coalesce(new.lang, ''), coalesce(new.outlet, ''), 1),
            ('day', coalesce(new.lang, ''), coalesce(new.published, ''), 1)
        ON CONFLICT(facet, lang, value) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER facet_counts_delete AFTER DELETE ON articles BEGIN
        UPDATE facet_counts SET n = n - 1 WHERE lang = coalesce(old.lang, '') AND (
            (facet = 'section' AND value = coalesce(old.site_section, ''))
            OR (facet = 'outlet' AND value = coalesce(old.outlet, ''))
            OR (facet = 'day' AND value = coalesce(old.published, '')));
        DELETE FROM facet_counts WHERE n <= 0;
    END;
    CREATE TRIGGER facet_counts_update AFTER UPDATE OF lang, site_section, outlet, published ON articles BEGIN
        UPDATE facet_counts SET n = n - 1 WHERE lang = coalesce(old.lang, '') AND (
            (facet = 'section' AND value = coalesce(old.site_section, ''))
            OR (facet = 'outlet' AND value = coalesce(old.outlet, ''))
            OR (facet = 'day' AND value = coalesce(old.published, '')));
        INSERT INTO facet_counts(facet, lang, value, n) VALUES
            ('section', coalesce(new.lang, ''), coalesce(new.site_section, ''), 1),
            ('outlet', coalesce(new.lang, ''), coalesce(new.outlet, ''), 1),
            ('day', coalesce(new.lang, ''), coalesce(new.published, ''), 1)
        ON CONFLICT(facet, lang, value) DO UPDATE SET n = n + 1;
        DELETE FROM facet_counts WHERE n <= 0;
    END;
    INSERT INTO facet_counts(facet, lang, value, n)
        SELECT 'section', coalesce(lang, ''), coalesce(site_section, ''), count(*) FROM articles GROUP BY 2, 3;
    INSERT INTO facet_counts(facet, lang, value, n)
        SELECT 'outlet', coalesce(lang, ''), coalesce(outlet, ''), count(*) FROM articles GROUP BY 2, 3;
    INSERT INTO facet_counts(facet, lang, value, n)
        SELECT 'day', coalesce(lang, ''), coalesce(published, ''), count(*) FROM articles GROUP BY 2, 3;

    CREATE INDEX articles_lang_section_published ON articles(lang, site_section, published);
    CREATE INDEX articles_lang_outlet_published ON articles(lang, outlet, published);
    CREATE INDEX articles_source_key ON articles(replace(replace(replace(replace(replace(replace(source_url, '?lang=kk', ''), '?lang=ru', ''), '?lang=en', ''), '&lang=kk', ''), '&lang=ru', ''), '&lang=en', ''));
    """,
    # 4 (topics and stories): topic with its confidence, region, entities and story per article;
    # embeddings stored once per article and model; blocking keys of story linking, by day.
    """
    ALTER TABLE articles ADD COLUMN topic TEXT;
    ALTER TABLE articles ADD COLUMN topic_confidence REAL;
    ALTER TABLE articles ADD COLUMN story_id TEXT;
    ALTER TABLE articles ADD COLUMN region TEXT;
    ALTER TABLE articles ADD COLUMN entities TEXT;
    CREATE INDEX articles_story ON articles(story_id, published);
    CREATE INDEX articles_topic_published ON articles(topic, published);
    CREATE INDEX articles_region_published ON articles(region, published);
    CREATE TABLE article_vectors (
        rid INTEGER PRIMARY KEY,
        model TEXT NOT NULL,
        vec BLOB NOT NULL
    );
    CREATE TABLE story_keys (
        key INTEGER NOT NULL,
        day INTEGER NOT NULL,
        rid INTEGER NOT NULL,
        PRIMARY KEY (key, day, rid)
    ) WITHOUT ROWID;
    """,
    # 5: articles_fts (migration 1) is superseded by search_fts (migration 3), which the search
    # engine queries; keeping both doubled the full-text work of every insert.
    """
    DROP TRIGGER IF EXISTS articles_fts_insert;
    DROP TRIGGER IF EXISTS articles_fts_delete;
    DROP TRIGGER IF EXISTS articles_fts_update;
    DROP TABLE IF EXISTS articles_fts;
    """,
    # 6 (search by topic and region): the search_fts triggers of migration 3 again, their facets
    # also carrying topic ("t" + hex) and region ("r" + hex), and the update trigger also firing on
    # topic and region (the enrich stage sets them after the insert); facets of existing rows are
    # re-filled in place (FTS5 keeps title and body terms, so nothing is analysed again).
    """
    DROP TRIGGER IF EXISTS search_fts_insert;
    DROP TRIGGER IF EXISTS search_fts_delete;
    DROP TRIGGER IF EXISTS search_fts_update;
    CREATE TRIGGER search_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO search_fts(rowid, title, body, facets) VALUES (
            (max(0, coalesce(CAST(julianday(coalesce(new.published, substr(new.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | new.rid,
            janalyq_search_terms(new.title, new.lang), janalyq_search_terms(new.body, new.lang),
            'l' || hex(coalesce(new.lang, '')) || ' s' || hex(coalesce(new.site_section, '')) || ' o' || hex(coalesce(new.outlet, ''))
            || ' t' || hex(coalesce(new.topic, '')) || ' r' || hex(coalesce(new.region, '')));
    END;
    CREATE TRIGGER search_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM search_fts WHERE rowid = ((max(0, coalesce(CAST(julianday(coalesce(old.published, substr(old.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | old.rid);
    END;
    CREATE TRIGGER search_fts_update AFTER UPDATE OF title, body, lang, site_section, outlet, published,
        collected_at, topic, region ON articles BEGIN
        DELETE FROM search_fts WHERE rowid = ((max(0, coalesce(CAST(julianday(coalesce(old.published, substr(old.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | old.rid);
        INSERT INTO search_fts(rowid, title, body, facets) VALUES (
            (max(0, coalesce(CAST(julianday(coalesce(new.published, substr(new.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | new.rid,
            janalyq_search_terms(new.title, new.lang), janalyq_search_terms(new.body, new.lang),
            'l' || hex(coalesce(new.lang, '')) || ' s' || hex(coalesce(new.site_section, '')) || ' o' || hex(coalesce(new.outlet, ''))
            || ' t' || hex(coalesce(new.topic, '')) || ' r' || hex(coalesce(new.region, '')));
    END;
    UPDATE search_fts SET facets = (SELECT
            'l' || hex(coalesce(articles.lang, '')) || ' s' || hex(coalesce(articles.site_section, '')) || ' o' || hex(coalesce(articles.outlet, ''))
            || ' t' || hex(coalesce(articles.topic, '')) || ' r' || hex(coalesce(articles.region, ''))
        FROM articles WHERE articles.rid = (search_fts.rowid & 4294967295));
    """,
    # 7 (search index queue): the triggers no longer write search_fts row by row.  FTS5 flushes
    # its pending terms to a new segment whenever a rowid is lower than the previous one, and
    # search rowids start with the publication day, so listing pages (newest first) made one
    # tiny segment per article and left the merging to every commit.  Inserts now queue the
    # article; `Store.commit` writes the queue in rowid order, in the same transaction.  A change
    # re-indexes at once, unless the article is still queued (the queue reads its latest values).
    """
    CREATE TABLE search_queue (rid INTEGER PRIMARY KEY);
    DROP TRIGGER IF EXISTS search_fts_insert;
    DROP TRIGGER IF EXISTS search_fts_update;
    DROP TRIGGER IF EXISTS search_fts_delete;
    CREATE TRIGGER search_fts_insert AFTER INSERT ON articles BEGIN
        INSERT OR IGNORE INTO search_queue(rid) VALUES (new.rid);
    END;
    CREATE TRIGGER search_fts_update AFTER UPDATE OF title, body, lang, site_section, outlet, published,
        collected_at, topic, region ON articles
        WHEN NOT EXISTS (SELECT 1 FROM search_queue WHERE rid = old.rid) BEGIN
        DELETE FROM search_fts WHERE rowid = ((max(0, coalesce(CAST(julianday(coalesce(old.published, substr(old.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | old.rid);
        INSERT INTO search_fts(rowid, title, body, facets) VALUES (
            (max(0, coalesce(CAST(julianday(coalesce(new.published, substr(new.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | new.rid,
            janalyq_search_terms(new.title, new.lang), janalyq_search_terms(new.body, new.lang),
            'l' || hex(coalesce(new.lang, '')) || ' s' || hex(coalesce(new.site_section, '')) || ' o' || hex(coalesce(new.outlet, ''))
            || ' t' || hex(coalesce(new.topic, '')) || ' r' || hex(coalesce(new.region, '')));
    END;
    CREATE TRIGGER search_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM search_queue WHERE rid = old.rid;
        DELETE FROM search_fts WHERE rowid = ((max(0, coalesce(CAST(julianday(coalesce(old.published, substr(old.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | old.rid);
    END;
    """,
    # 8 (bulk loading): indexes a large import dropped, to be rebuilt (janalyq.store.bulk).
    """
    CREATE TABLE deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL);
    """,
    # 9 (recent keys): new LSH band and story keys go into small tables of the same shape and
    # are merged into the large ones in key order (janalyq.store.keys).
    """
    CREATE TABLE lsh_bands_recent (key INTEGER PRIMARY KEY, article_rid INTEGER NOT NULL);
    CREATE TABLE story_keys_recent (
        key INTEGER NOT NULL,
        day INTEGER NOT NULL,
        rid INTEGER NOT NULL,
        PRIMARY KEY (key, day, rid)
    ) WITHOUT ROWID;
    """,
    # 10 (recent dedup keys): the exact and source keys of dedup in two levels too.
    """
    CREATE TABLE dedup_keys_recent (key INTEGER PRIMARY KEY, article_rid INTEGER NOT NULL);
    """,
    # 11 (rolling key merges): the recent key tables are merged one key range at a time, in
    # turn; this is the range whose turn is next (janalyq.store.keys).
    """
    CREATE TABLE key_merge_state (next_slice INTEGER NOT NULL);
    INSERT INTO key_merge_state (next_slice) VALUES (0);
    """,
    # 12 (publication time): the moment an article was published, where its source gives a
    # time: ISO 8601 with the offset the source states (Astana's for Kazakh sources), or none
    # when a foreign page states none.  `published` stays the publisher's day.
    """
    ALTER TABLE articles ADD COLUMN published_at TEXT;
    """,
    # 13 (analyzer version): the version of the search analyzer that wrote search_fts.  A store
    # indexed by another version is re-analysed when opened (janalyq.search.index.ANALYZER_VERSION).
    """
    CREATE TABLE search_analyzer (version INTEGER NOT NULL);
    INSERT INTO search_analyzer (version) VALUES (1);
    """,
    # 14 (outside tools): the store stays consistent when another program (the sqlite3 shell,
    # sqlite-utils, Datasette) changes `articles`, where janalyq's analyzer is not registered.
    # - search_fts: an UPDATE removes the article's old row and queues it, in plain SQL; the
    #   analysed terms are written by janalyq's next writer (`Store` indexes the queue on open).
    # - articles_fts: the original title and body under SQLite's own tokenizer, external content
    #   of `articles` (rowid = rid), kept by plain-SQL triggers: what Datasette and sqlite-utils
    #   find and use for their search (content="articles" is the form they detect).
    # - a DELETE also removes the article's sightings and vector at once, and records its rid in
    #   deleted_articles, whose dedup and story keys `Store` removes on open (the key tables have
    #   no index by article, so one pass over them serves every deletion).
    """
    DROP TRIGGER IF EXISTS search_fts_update;
    CREATE TRIGGER search_fts_update AFTER UPDATE OF title, body, lang, site_section, outlet, published,
        collected_at, topic, region ON articles
        WHEN NOT EXISTS (SELECT 1 FROM search_queue WHERE rid = old.rid) BEGIN
        DELETE FROM search_fts WHERE rowid = ((max(0, coalesce(CAST(julianday(coalesce(old.published, substr(old.collected_at, 1, 10))) - 2440587.5 AS INTEGER), 0)) << 32) | old.rid);
        INSERT OR IGNORE INTO search_queue(rid) VALUES (new.rid);
    END;
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content="articles", content_rowid="rid", tokenize='unicode61'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.rid, old.title, old.body);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.rid, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
    END;
    INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
    CREATE TABLE deleted_articles (rid INTEGER PRIMARY KEY);
    CREATE TRIGGER articles_deleted AFTER DELETE ON articles BEGIN
        DELETE FROM sightings WHERE article_rid = old.rid;
        DELETE FROM article_vectors WHERE rid = old.rid;
        INSERT OR IGNORE INTO deleted_articles(rid) VALUES (old.rid);
    END;
    """,
    # 15 (many workers): import work units (files) that workers take with FOR UPDATE SKIP LOCKED
    # on PostgreSQL (janalyq.work), each worker's start on a unit (so a unit that ends its worker
    # every time becomes a reject), the crawl frontier's claims: a URL a worker is fetching is
    # `fetching`, with its owner and the time its lease runs out (janalyq.crawl.state), and the
    # row count of the recent key tables, kept by PostgreSQL's writers (store/postgres.py).
    """
    CREATE TABLE work_units (
        id INTEGER PRIMARY KEY,
        job INTEGER NOT NULL,
        path TEXT NOT NULL,
        collected_at TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued',
        queued_at TEXT NOT NULL,
        done_at TEXT,
        worker TEXT,
        report TEXT
    );
    CREATE INDEX work_units_queued ON work_units(state, job, id);
    CREATE TABLE work_starts (
        unit INTEGER NOT NULL,
        worker TEXT NOT NULL,
        started_at TEXT NOT NULL
    );
    CREATE INDEX work_starts_unit ON work_starts(unit);
    ALTER TABLE frontier ADD COLUMN owner TEXT;
    ALTER TABLE frontier ADD COLUMN lease_until REAL NOT NULL DEFAULT 0;
    ALTER TABLE key_merge_state ADD COLUMN recent_rows INTEGER NOT NULL DEFAULT 0;
    UPDATE key_merge_state SET recent_rows = (SELECT count(*) FROM lsh_bands_recent)
        + (SELECT count(*) FROM story_keys_recent) + (SELECT count(*) FROM dedup_keys_recent);
    """,
    # 16 (plain search table at commit): while a janalyq writer's transaction marks itself in
    # articles_fts_queueing, new articles are queued in articles_fts_queue and indexed into
    # articles_fts in one statement at commit (`Store.commit`), like search_fts.  FTS5 flushed
    # its pending terms at every statement of a transaction, so indexing from the insert trigger
    # wrote a segment per article: about 2.1 of the 7 CPU-seconds of storing 10,000 articles,
    # against ~1.3 in one statement.  The mark and the queue live only inside that transaction,
    # so another program's writes are indexed at once, as before; an update or delete of a row
    # still queued leaves the index alone (the row is indexed from its final text at commit).
    """
    CREATE TABLE articles_fts_queueing (since TEXT);
    CREATE TABLE articles_fts_queue (rid INTEGER PRIMARY KEY);
    DROP TRIGGER IF EXISTS articles_fts_insert;
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) SELECT new.rid, new.title, new.body
            WHERE NOT EXISTS (SELECT 1 FROM articles_fts_queueing);
        INSERT OR IGNORE INTO articles_fts_queue(rid) SELECT new.rid
            WHERE EXISTS (SELECT 1 FROM articles_fts_queueing);
    END;
    DROP TRIGGER IF EXISTS articles_fts_update;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles
        WHEN NOT EXISTS (SELECT 1 FROM articles_fts_queue WHERE rid = old.rid) BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.rid, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.rid, new.title, new.body);
    END;
    DROP TRIGGER IF EXISTS articles_fts_delete;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) SELECT 'delete', old.rid, old.title, old.body
            WHERE NOT EXISTS (SELECT 1 FROM articles_fts_queue WHERE rid = old.rid);
        DELETE FROM articles_fts_queue WHERE rid = old.rid;
    END;
    """,
]


def split_statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies (which contain ';') whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        if text.endswith(";") and sqlite3.complete_statement(text):
            statements.append(text)
            current = []
    if "\n".join(current).strip():
        statements.append("\n".join(current))
    return statements
