"""janalyq: clean, deduplicated, trilingual news from Kazakhstan's official sources."""

__version__ = "0.1.0"
