"""Views across many hits: how often terms occur per year or speaker (trend), and every occurrence
of a term in context (kwic).

Both count each term as typed — the exact string after normalization (width, case, traditional/
simplified), quoted or not: grep's count. ``新农村建设`` is never 新农村 … 建设 apart; that looser match
belongs to ranked ``search``. Query syntax (several terms, OR, NOT) still combines exact terms."""

from __future__ import annotations

from collections import defaultdict

from .errors import QueryError
from .highlight import occurrences
from .models import KwicLine, TrendRow
from .search import SpeechIndex

GROUPINGS = ("year", "speaker")
UNKNOWN = "?"


def trend(index: SpeechIndex, terms: list[str], *, by: str = "year", **filters) -> list[TrendRow]:
    """For each term and each year (or speaker): matching speeches and paragraphs. Every group that
    any term reaches appears for every term (zero where it has none), in order."""
    if by not in GROUPINGS:
        raise QueryError(f"--by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    if not terms:
        raise QueryError("give at least one term")
    speeches = {s.speech_id: s for s in index.speeches(sort="id")}

    def group_of(summary) -> str:
        value = summary.year if by == "year" else summary.speaker
        return str(value) if value else UNKNOWN

    counts: dict[str, dict[str, tuple[set, int]]] = {}
    for term in terms:
        groups: dict[str, list] = defaultdict(lambda: [set(), 0])
        for speech_id, _ in index.matching_docs(term, exact=True, **filters):
            group = groups[group_of(speeches[speech_id])]
            group[0].add(speech_id)
            group[1] += 1
        counts[term] = groups
    # Every group of the speeches searched, so that years without a mention show as gaps.
    searched = {group_of(s) for s in index.speeches(sort="id", **filters)}
    all_groups = sorted(searched, key=lambda g: (g == UNKNOWN, g))
    return [
        TrendRow(term, group, len(counts[term][group][0]), counts[term][group][1])
        if group in counts[term]
        else TrendRow(term, group, 0, 0)
        for term in terms
        for group in all_groups
    ]


def kwic(index: SpeechIndex, query: str, *, width: int = 20, limit: int | None = None, **filters) -> list[KwicLine]:
    """Every highlighted occurrence of ``query`` with ``width`` characters either side, in date
    order; at most ``limit`` lines."""
    if width < 0:
        raise QueryError(f"--width must be 0 or more, not {width}")
    if limit is not None and limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")
    terms = index.highlight_terms(query, exact=True)  # parsed once, not per hit
    lines: list[KwicLine] = []
    for hit in index.search(query, limit=None, sort="date", exact=True, **filters):
        text = hit.text
        # Unmerged: touching occurrences (学习学习) are two lines.
        for start, end in occurrences(hit.text, terms):
            if limit is not None and len(lines) >= limit:
                return lines
            lines.append(
                KwicLine(
                    speech_id=hit.speech_id,
                    paragraph=hit.paragraph,
                    date=hit.date,
                    speaker=hit.speaker,
                    left=text[max(0, start - width):start],
                    match=text[start:end],
                    right=text[end:end + width],
                )
            )
    return lines
