"""Where a paragraph matched: exact character spans, and a snippet window around the best of them.

Spans are found in the normalized paragraph (same length as the original), so they slice the original
text exactly; a query word never highlights beyond itself (商务 in 电子商务 marks only 商务). Latin and
digit words match whole words only (``ai`` does not light up inside ``said``).
"""

from __future__ import annotations

from ..text import normalize
from .match import find
from .proximity import NearPair, near_spans

DEFAULT_SNIPPET_CHARS = 120


def occurrences(text: str, terms: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Sorted [start, end) spans in ``text`` for each term ``(whole, *words)`` (normalized): every
    occurrence of the whole term, or — where the whole term does not occur — of its words."""
    haystack = normalize(text)
    spans = []
    for term in terms:
        if isinstance(term, NearPair):  # only occurrences near each other
            spans += near_spans(haystack, *term, term.distance)
            continue
        whole, *words = term
        found = find(haystack, whole) if whole else []
        if not found:
            for word in words:
                found += find(haystack, word) if word else []
        spans += found
    return sorted(spans)


def find_matches(text: str, terms: list[tuple[str, ...]]) -> tuple[tuple[int, int], ...]:
    """The highlight spans: ``occurrences`` with touching and overlapping spans merged."""
    return merge(occurrences(text, terms))


def merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def snippet_window(text: str, matches: tuple[tuple[int, int], ...], width: int = DEFAULT_SNIPPET_CHARS) -> tuple[int, int]:
    """[start, end) of the ``width``-character window holding the most match spans, starting a little
    before its first match so the reader gets some lead-in."""
    if len(text) <= width:
        return 0, len(text)
    if not matches:
        return 0, width
    lead = min(20, width // 4)
    best_start, best_count = 0, -1
    for anchor, _ in matches:
        start = max(0, min(anchor - lead, len(text) - width))
        count = sum(1 for s, e in matches if s >= start and e <= start + width)
        if count > best_count:
            best_start, best_count = start, count
    return best_start, best_start + width
