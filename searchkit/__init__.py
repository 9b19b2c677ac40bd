"""searchkit: full-text search for Chinese policy speeches."""

from .errors import IndexStateError, InputError, QueryError, SearchkitError
from .indexer import update_index
from .models import Hit, IndexReport, Paragraph, Skipped, Speech
from .search import SpeechIndex, open_index

__all__ = [
    "Hit",
    "IndexReport",
    "IndexStateError",
    "InputError",
    "Paragraph",
    "QueryError",
    "SearchkitError",
    "Skipped",
    "Speech",
    "SpeechIndex",
    "open_index",
    "update_index",
]
