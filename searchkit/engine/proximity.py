"""Proximity: ``A NEAR/N B`` holds where A and B occur in one paragraph with at most N characters
between them, in either order (``NEAR`` alone is ``NEAR/10``; N is 0 to ``MAX_DISTANCE``). Each side is its exact string (as if
quoted, matched by ``match.find``); touching or overlapping occurrences are 0 apart. Only the
occurrences that take part in such a pair are highlighted and counted (kwic, trend).

The character index finds the paragraphs holding both strings; each one's text is then checked
(evaluate.py) — so the cost falls on NEAR queries only.
"""

from __future__ import annotations

import unicodedata

from ..errors import QueryError
from .match import find

DEFAULT_DISTANCE = 10
# Farther than any ordinary paragraph is long: "both in one paragraph" is AND, and a bound keeps a
# typo such as NEAR/50000 from passing silently as that.
MAX_DISTANCE = 10_000


def operator_distance(word: str) -> int | None:
    """The distance of a NEAR operator as typed (``NEAR`` → 10, ``NEAR/3`` → 3), or None for any other
    word; ``NEAR/`` with anything but a number from 0 to ``MAX_DISTANCE`` is a ``QueryError`` (it used
    to become a literal word that matched nothing)."""
    if word == "NEAR":
        return DEFAULT_DISTANCE
    if not word.startswith("NEAR/"):
        return None
    given = unicodedata.normalize("NFKC", word[len("NEAR/"):])  # NEAR/５ is NEAR/5
    if not (given.isascii() and given.isdigit()):
        raise QueryError(f"{word}: NEAR/N takes a number of characters from 0 to {MAX_DISTANCE}, e.g. NEAR/5 "
                         f'(quote it, "{word}", to search for the text)')
    distance = int(given)
    if distance > MAX_DISTANCE:
        raise QueryError(f"{word}: the distance is at most {MAX_DISTANCE} characters; for anywhere in the same "
                         "paragraph, leave NEAR out (terms typed apart are all required)")
    return distance


class NearPair(tuple):
    """What a NEAR highlights: ``(left, right)`` normalized, with ``distance``. A plain reader of
    highlight groups sees ``(whole, *words)`` and marks either side; ``highlight.occurrences`` knows
    better and marks the pairs only."""

    def __new__(cls, left: str, right: str, distance: int) -> "NearPair":
        pair = super().__new__(cls, (left, right))
        pair.distance = distance
        return pair


def near_spans(haystack: str, left: str, right: str, distance: int) -> list[tuple[int, int]]:
    """Sorted spans of ``left`` and ``right`` in the normalized ``haystack`` that have an occurrence of
    the other at most ``distance`` characters away."""
    lefts, rights = find(haystack, left), find(haystack, right)
    kept: set[tuple[int, int]] = set()
    for a in lefts:
        for b in rights:
            if a != b and max(b[0] - a[1], a[0] - b[1]) <= distance:
                kept.update((a, b))
    return sorted(kept)
