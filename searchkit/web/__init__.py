"""`searchkit serve`: a local web app over an index (search, read, trend, KWIC) and its JSON API."""

from .app import create_app

__all__ = ["create_app"]
