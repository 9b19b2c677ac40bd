"""Facets: how a query's matching paragraphs fall into years, speakers or speeches."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass

from ..errors import QueryError

FACETS = ("year", "speaker", "speech")
UNKNOWN = "?"  # speeches without a year or speaker still count, under this group


@dataclass(frozen=True)
class FacetCount:
    """Matching paragraphs (and the speeches they are in) in one group of a facet."""

    by: str
    group: str
    paragraphs: int
    speeches: int

    def to_dict(self) -> dict:
        return asdict(self)


def facets(index, query: str, by: str = "year", aliases=None, **filters) -> list[FacetCount]:
    """Matching paragraphs of ``query`` per group of ``by`` ("year", "speaker" or "speech"); the
    paragraphs sum to ``index.count(query, **filters)``. Years in order; speakers and speeches by
    paragraphs, most first."""
    if by not in FACETS:
        raise QueryError(f"facets are by {', '.join(FACETS)}, not {by!r}")
    speeches = {s.speech_id: s for s in index.speeches(sort="id")}
    groups: dict[str, list] = defaultdict(lambda: [0, set()])
    for speech_id, _ in index.matching_docs(query, aliases=aliases, **filters):
        summary = speeches[speech_id]
        value = {"year": summary.year, "speaker": summary.speaker, "speech": speech_id}[by]
        group = groups[str(value) if value else UNKNOWN]
        group[0] += 1
        group[1].add(speech_id)
    counts = [FacetCount(by, group, paragraphs, len(ids)) for group, (paragraphs, ids) in groups.items()]
    if by == "year":
        return sorted(counts, key=lambda c: (c.group == UNKNOWN, c.group))
    return sorted(counts, key=lambda c: (-c.paragraphs, c.group == UNKNOWN, c.group))


def parse_facets(text: str) -> tuple[str, ...]:
    """``"year,speaker"`` → ("year", "speaker"); a clear error for anything else."""
    names = tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    unknown = [name for name in names if name not in FACETS]
    if unknown or not names:
        raise QueryError(f"--facets takes a comma-separated list of {', '.join(FACETS)}, not {text!r}")
    return names
