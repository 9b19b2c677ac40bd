"""The library's front door: ``open_index`` (a searchable snapshot of an index, with the features
that run on it) and ``update_index`` (bring an index in line with files)."""

from __future__ import annotations

from pathlib import Path

from .engine.snapshot import Snapshot
from .models import SimilarHit

__all__ = ["SpeechIndex", "check_index", "open_index", "update_index"]


def update_index(paths, index_dir, **options):
    """Bring the index at ``index_dir`` in line with ``paths`` (``storage.writer.update_index``); a
    cluster URL loads that cluster (``cluster.update_cluster``: same readers and incremental rules)."""
    from .cluster import is_url, update_cluster

    if is_url(index_dir):
        unsupported = sorted(k for k, v in options.items() if v and k not in ("rebuild", "progress", "follow"))
        if unsupported:
            from .errors import QueryError

            raise QueryError(f"a cluster index does not take {', '.join(unsupported)} (see docs/cluster.md)")
        return update_cluster(paths, index_dir, **{k: v for k, v in options.items() if k in ("rebuild", "progress", "follow")})
    from .storage.writer import update_index as update_local_index  # deferred: a search never needs the readers

    return update_local_index(paths, index_dir, **options)


class SpeechIndex(Snapshot):
    """An open index generation (``engine.snapshot.Snapshot``: search, count, facets, browsing) with
    source tracing (``similar``), who repeats whom (``reuse``) and what changed between two speeches (``diff``)."""

    def similar(
        self, text: str, limit: int = 10, *, by: str = "paragraph", exclude=(), passage_title: str | None = None, **filters
    ) -> list[SimilarHit]:
        """The paragraphs that share most of passage ``text``'s content, reused spans marked (see
        ``searchkit.similar``). ``by="speech"`` keeps each speech's best paragraph; ``exclude`` lists
        (speech_id, paragraph) pairs to leave out; ``passage_title``: the title of the document the
        passage comes from, if known; filters as for ``search``."""
        from .similar import find_similar  # deferred: a plain search never loads the ranking models

        return find_similar(self, text, limit, by=by, exclude=exclude, passage_title=passage_title, **filters)

    def diff(self, a: str, b: str):
        """What changed from speech ``a`` to speech ``b``: a ``searchkit.diff.SpeechDiff`` (every paragraph
        kept, reworded, added, dropped or moved, with the changed spans)."""
        from .diff import diff_speeches

        return diff_speeches(self, a, b)

    def reuse(self, a: dict, b: dict, **options):
        """For every paragraph of part ``b`` (filters as a dict), the paragraphs of part ``a`` whose
        wording it repeats: a ``searchkit.similar.reuse.Reuse`` (see there for ``options``)."""
        from .similar.reuse import reuse

        return reuse(self, a, b, **options)


def open_index(index_dir: str | Path) -> SpeechIndex:
    """The live generation of the index at ``index_dir``, open for searching; a cluster URL
    (``sphinx://HOST:PORT,…/?shards=S&replicas=R``, see docs/cluster.md) opens that cluster, with the
    same search, count, facet and browsing methods."""
    from .cluster import is_url, open_cluster

    if is_url(index_dir):
        return open_cluster(index_dir)
    return SpeechIndex(Path(index_dir))


def check_index(index_dir: str | Path) -> dict:
    """Every byte of the live generation against its checksums, and its files for consistency
    (``searchkit check``): what was read, or a ``DamagedIndexError`` naming the first damaged file."""
    from .storage.repair import check

    return check(Path(index_dir))
