"""Where a paragraph matched: exact character spans, and a snippet window around the best of them.

Spans are found in the normalized paragraph (same length as the original), so they slice the original
text exactly; a query word never highlights beyond itself (商务 in 电子商务 marks only 商务). Latin and
digit words match whole words only (``ai`` does not light up inside ``said``).
"""

from __future__ import annotations

from .analysis import normalize, pieces

DEFAULT_SNIPPET_CHARS = 120


def find(haystack: str, word: str) -> list[tuple[int, int]]:
    """Every [start, end) where ``word`` (normalized) occurs in ``haystack`` (normalized), overlapping
    ones included: exactly that string, except that a Latin/digit word at either end of ``word`` must
    be a whole word of the text, as the tokenizers cut words — ``ai`` is not inside ``said``, ``3.5``
    is not inside ``13.5`` or ``3.55``, but ``ai`` is in ``ai应用`` and ``3.5%`` in ``增长3.5%``. The one
    meaning of "occurs" that quoted phrases, trend, kwic and highlights share."""
    word = word.strip()
    spans = []
    position = 0
    while (start := haystack.find(word, position)) >= 0:
        spans.append((start, start + len(word)))
        position = start + 1  # overlapping occurrences (啊啊 in 啊啊啊) all count
    if not spans:
        return spans
    edges = list(pieces(word))
    first = edges[0] if edges and edges[0].lastgroup == "word" else None
    last = edges[-1] if edges and edges[-1].lastgroup == "word" else None
    if first or last:
        bounds = [m.span() for m in pieces(haystack)]
        starts, ends = {s for s, _ in bounds}, {e for _, e in bounds}
        spans = [
            (s, e) for s, e in spans
            if (first is None or s + first.start() in starts) and (last is None or s + last.end() in ends)
        ]
    return spans


def occurrences(text: str, terms: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Sorted [start, end) spans in ``text`` for each term ``(whole, *words)`` (normalized): every
    occurrence of the whole term, or — where the whole term does not occur — of its words."""
    haystack = normalize(text)
    spans = []
    for term in terms:
        if hasattr(term, "distance"):  # a proximity.NearPair: only occurrences near each other
            from .proximity import near_spans

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
