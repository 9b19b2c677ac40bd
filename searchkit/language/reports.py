"""Views across many hits: how often terms occur per year or speaker (trend), and every occurrence
of a term in context (kwic).

Both count each term as typed — the exact string after normalization (width, case, traditional/
simplified), quoted or not: grep's count. ``新农村建设`` is never 新农村 … 建设 apart; that looser match
belongs to ranked ``search``. Query syntax (several terms, OR, NOT) still combines exact terms."""

from __future__ import annotations

from collections import defaultdict

from ..errors import QueryError
from ..engine.filters import whole_number
from ..engine.highlight import occurrences
from ..models import KwicLine, TrendRow
from ..engine.snapshot import COUNT_ALIASES, Snapshot as SpeechIndex

GROUPINGS = ("year", "speaker")
UNKNOWN = "?"


def trend(index: SpeechIndex, terms: list[str], *, by: str = "year", aliases=COUNT_ALIASES, **filters) -> list[TrendRow]:
    """For each term and each year (or speaker) of the speeches searched: matching speeches and
    paragraphs, occurrences, the group's characters and occurrences per 10,000 of them. Every group
    appears for every term (zero where it has none), in order. ``aliases`` (True or an AliasTable):
    an unquoted term counts its aliases too."""
    if by not in GROUPINGS:
        raise QueryError(f"--by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    if isinstance(terms, str):  # one term, never its characters one by one
        terms = [terms]
    try:
        terms = list(terms)
    except TypeError:
        raise QueryError(f"terms must be a string or a list of strings, not the {type(terms).__name__} {terms!r}") from None
    if not all(isinstance(term, str) for term in terms):
        raise QueryError(f"terms must be strings, not {', '.join(repr(t) for t in terms if not isinstance(t, str))}"[:200])
    if not terms:
        raise QueryError("give at least one term")
    speeches = {s.speech_id: s for s in index.speeches(sort="id")}

    def group_of(summary) -> str:
        value = summary.year if by == "year" else summary.speaker
        return str(value) if value else UNKNOWN

    counts: dict[str, dict[str, list]] = {}
    for term in terms:
        highlight = index.highlight_terms(term, exact=True, aliases=aliases)
        groups: dict[str, list] = defaultdict(lambda: [set(), 0, 0])
        for speech_id, docnum in index.matching_docs(term, exact=True, aliases=aliases, **filters):
            group = groups[group_of(speeches[speech_id])]
            group[0].add(speech_id)
            group[1] += 1
            group[2] += len(occurrences(index.stored_text(docnum), highlight))  # unmerged, as kwic lists them
        counts[term] = groups
    # Every group of the speeches searched, so that years without a mention show as gaps; its size in
    # characters is the denominator that makes long and short reports comparable.
    chars: dict[str, int] = defaultdict(int)
    sizes = _speech_chars(index)
    for summary in index.speeches(sort="id", **filters):
        chars[group_of(summary)] += sizes[summary.speech_id]
    all_groups = sorted(chars, key=lambda g: (g == UNKNOWN, g))
    rows = []
    for term in terms:
        for group in all_groups:
            found, paragraphs, times = counts[term].get(group, (set(), 0, 0))
            size = chars[group]
            per_10k = round(times * 10_000 / size, 3) if size else 0.0
            rows.append(TrendRow(term, group, len(found), paragraphs, times, size, per_10k))
    return rows


def _speech_chars(index: SpeechIndex) -> dict[str, int]:
    """Characters of every speech's paragraphs; read once per open snapshot."""
    if "speech_chars" not in index.cache:
        index.cache["speech_chars"] = {s.speech_id: sum(len(p.text) for p in index.speech(s.speech_id))
                                       for s in index.speeches(sort="id")}
    return index.cache["speech_chars"]


def kwic(index: SpeechIndex, query: str, *, width: int = 20, limit: int | None = None, aliases=COUNT_ALIASES,
         **filters) -> list[KwicLine]:
    """Every highlighted occurrence of ``query`` with ``width`` characters either side, in date
    order; at most ``limit`` lines."""
    whole_number(width, "--width")
    whole_number(limit, "--limit", optional=True)
    if not isinstance(query, str):  # a list of terms would be read as one query, each term a string of it
        raise QueryError(f"the query must be a string (terms typed apart in it are all required), not the "
                         f"{type(query).__name__} {query!r}"[:200])
    terms = index.highlight_terms(query, exact=True, aliases=aliases)  # parsed once, not per hit
    lines: list[KwicLine] = []
    for hit in index.search(query, limit=None, sort="date", exact=True, aliases=aliases, **filters):
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
