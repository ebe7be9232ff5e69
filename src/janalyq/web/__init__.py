"""The reader's portal: server-rendered pages in kk/ru/en, a JSON API and feeds, over a store."""

from janalyq.web.app import create_app

__all__ = ["create_app"]
