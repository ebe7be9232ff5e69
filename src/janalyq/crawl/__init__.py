"""The crawler: sources in, fetched pages through the pipeline into the store.

Layout, in the order a page flows: `config` (sources.toml), `state` (store tables: sources,
frontier, validators, fetch log), `discover` (feeds, sitemaps, listings, gov.kz pages),
`urls` (canonical URLs), `robots`, `politeness` (rate, concurrency, retry budget),
`guard` (SSRF), `fetch` (one GET with limits), `archive` (WARC), `extract` (page to Article),
`engine` (one pass: frontier, workers, pipeline).
"""
