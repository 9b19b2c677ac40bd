"""searchkit: full-text search for Chinese policy speeches."""

__version__ = "0.1.0"  # the one place it is written: pyproject.toml reads it from here

from .errors import IndexStateError, InputError, QueryError, SearchkitError
from .indexer import update_index
from .models import Hit, IndexReport, KwicLine, Paragraph, Skipped, Speech, SpeechSummary, TrendRow
from .reports import kwic, trend
from .search import SpeechIndex, open_index

__all__ = [
    "Hit",
    "IndexReport",
    "IndexStateError",
    "InputError",
    "KwicLine",
    "Paragraph",
    "QueryError",
    "SearchkitError",
    "Skipped",
    "Speech",
    "SpeechIndex",
    "SpeechSummary",
    "TrendRow",
    "kwic",
    "open_index",
    "trend",
    "update_index",
]
