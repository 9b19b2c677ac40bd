"""Facets: how a query's matching paragraphs fall into years, speakers or speeches."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..errors import QueryError
from ..models import FacetCount

FACETS = ("year", "speaker", "speech")
UNKNOWN = "?"  # speeches without a year or speaker still count, under this group


def check_facets(names: Iterable[str]) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(names))
    unknown = [name for name in names if name not in FACETS]
    if unknown:
        raise QueryError(f"facets are by {', '.join(FACETS)}, not {', '.join(map(repr, unknown))}")
    return names


def parse_facets(text: str) -> tuple[str, ...]:
    """``"year,speaker"`` → ("year", "speaker"); a clear error for anything else."""
    names = tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    unknown = [name for name in names if name not in FACETS]
    if unknown or not names:
        raise QueryError(f"--facets takes a comma-separated list of {', '.join(FACETS)}, not {text!r}")
    return names


def count_facets(speech_ids: Iterable[str], manifest: dict[str, dict], by: str) -> tuple[FacetCount, ...]:
    """Paragraphs per group of ``by`` for the matching paragraphs' ``speech_ids`` (one per paragraph).
    Years in order; speakers and speeches by paragraphs, most first."""
    groups: dict[str, list] = defaultdict(lambda: [0, set()])
    for speech_id in speech_ids:
        entry = manifest[speech_id]
        value = {"year": entry.get("year"), "speaker": entry.get("speaker"), "speech": speech_id}[by]
        group = groups[str(value) if value else UNKNOWN]
        group[0] += 1
        group[1].add(speech_id)
    counts = [FacetCount(by, group, paragraphs, len(ids)) for group, (paragraphs, ids) in groups.items()]
    if by == "year":
        return tuple(sorted(counts, key=lambda c: (c.group == UNKNOWN, c.group)))
    return tuple(sorted(counts, key=lambda c: (-c.paragraphs, c.group == UNKNOWN, c.group)))
