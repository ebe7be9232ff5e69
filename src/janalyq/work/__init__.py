"""Many workers on one PostgreSQL store: the import work queue (queue.py), the worker that takes
its units (worker.py), and `janalyq import --workers` over them (parallel.py)."""
