"""searchkit: full-text search for Chinese policy speeches."""

__version__ = "0.1.0"  # the one place it is written: pyproject.toml reads it from here

import importlib

from .errors import DamagedIndexError, IndexStateError, InputError, QueryError, SearchkitError

# Imported on first use (PEP 562): a cold `searchkit search` needs the search side only, not the
# indexer with its readers and metadata rules (≈ 0.6 s of imports).
_LAZY = {
    "update_index": "index", "check_index": "index",
    "Hit": "models", "IndexReport": "models", "KwicLine": "models", "Paragraph": "models", "Skipped": "models",
    "SimilarHit": "models", "Speech": "models", "SpeechSummary": "models", "TrendRow": "models",
    "kwic": "language.reports", "trend": "language.reports",
    "SpeechIndex": "index", "open_index": "index",
    "SearchResult": "models", "FacetCount": "models",
}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "DamagedIndexError",
    "FacetCount",
    "Hit",
    "IndexReport",
    "IndexStateError",
    "InputError",
    "KwicLine",
    "Paragraph",
    "QueryError",
    "SearchResult",
    "SearchkitError",
    "SimilarHit",
    "Skipped",
    "Speech",
    "SpeechIndex",
    "SpeechSummary",
    "TrendRow",
    "check_index",
    "kwic",
    "open_index",
    "trend",
    "update_index",
]
