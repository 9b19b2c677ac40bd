"""The library's front door: ``open_index`` (a searchable snapshot of an index, with the features
that run on it) and ``update_index`` (bring an index in line with files)."""

from __future__ import annotations

from pathlib import Path

from .engine.snapshot import Snapshot
from .models import SimilarHit
from .storage.writer import update_index

__all__ = ["SpeechIndex", "check_index", "open_index", "update_index"]


class SpeechIndex(Snapshot):
    """An open index generation (``engine.snapshot.Snapshot``: search, count, facets, browsing) with
    source tracing (``similar``)."""

    def similar(
        self, text: str, limit: int = 10, *, by: str = "paragraph", exclude=(), passage_title: str | None = None, **filters
    ) -> list[SimilarHit]:
        """The paragraphs that share most of passage ``text``'s content, reused spans marked (see
        ``searchkit.similar``). ``by="speech"`` keeps each speech's best paragraph; ``exclude`` lists
        (speech_id, paragraph) pairs to leave out; ``passage_title``: the title of the document the
        passage comes from, if known; filters as for ``search``."""
        from .similar import find_similar  # deferred: a plain search never loads the ranking models

        return find_similar(self, text, limit, by=by, exclude=exclude, passage_title=passage_title, **filters)


def open_index(index_dir: str | Path) -> SpeechIndex:
    """The live generation of the index at ``index_dir``, open for searching."""
    return SpeechIndex(Path(index_dir))


def check_index(index_dir: str | Path) -> dict:
    """Every byte of the live generation against its checksums, and its files for consistency
    (``searchkit check``): what was read, or a ``DamagedIndexError`` naming the first damaged file."""
    from .storage.repair import check

    return check(Path(index_dir))
