"""What "occurs" means: every place an exact string is found in a paragraph.

Search, quoted phrases, NEAR, trend, kwic and highlights all count with ``find`` (the character
index checks the same rule on its arrays: substrings.py).
"""

from __future__ import annotations

from ..text import pieces


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
