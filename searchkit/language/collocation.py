"""Collocates: the words found near a term more often than chance.

Around each occurrence [a, b) of the term (matched as kwic matches it: folded, overlapping occurrences
all count), the window is the N characters either side: a word of the paragraph (its jieba word, as
indexed) is in the window when it lies wholly inside [a − N, b + N) and does not overlap the term.
A word is counted once per occurrence whose window holds it, so a brute-force loop over occurrences and
words gives the same co-occurrence counts.

Association compares those counts with the word's frequency in the whole part of the corpus searched
(the same filters): log-likelihood (G², Dunning) ranks, pointwise mutual information is given too.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from ..text import normalize
from ..errors import QueryError
from ..engine.highlight import occurrences
from .stats import log_likelihood, mutual_information
from .wordcounts import words_of

DEFAULT_WINDOW = 10
DEFAULT_MIN_COUNT = 3


@dataclass(frozen=True)
class Collocate:
    word: str
    cooccurrences: int  # times the word is in a window of the term
    frequency: int  # times it occurs in the part of the corpus searched
    expected: float  # co-occurrences expected if it were spread evenly
    log_likelihood: float
    mi: float

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Collocation:
    term: str
    window: int
    occurrences: int  # of the term
    paragraphs: int  # holding it
    window_words: int  # words in all windows together
    corpus_words: int  # words in the part of the corpus searched
    collocates: tuple[Collocate, ...]

    def to_dict(self) -> dict:
        data = asdict(self)
        data["collocates"] = [c.to_dict() for c in self.collocates]
        return data


def window_words(text: str, span: tuple[int, int], window: int, words=None) -> list[str]:
    """The words of ``text`` in the window of the occurrence ``span``."""
    start, end = span
    return [
        word
        for word, s, e in (words if words is not None else words_of(text))
        if s >= start - window and e <= end + window and (e <= start or s >= end)
    ]


def collocates(
    index,
    term: str,
    *,
    window: int = DEFAULT_WINDOW,
    min_count: int = DEFAULT_MIN_COUNT,
    limit: int | None = 50,
    **filters,
) -> Collocation:
    """Words within ``window`` characters of ``term``, seen at least ``min_count`` times there and more
    often than chance, strongest (by log-likelihood) first; at most ``limit`` of them."""
    needle = normalize(term).strip().strip('"')
    if not needle:
        raise QueryError("give a term to find collocates of")
    if window < 1:
        raise QueryError(f"--window must be 1 or more, not {window}")
    if min_count < 1:
        raise QueryError(f"--min-count must be 1 or more, not {min_count}")
    if limit is not None and limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")
    near: Counter = Counter()
    found = paragraphs = 0
    for hit in index.search(f'"{needle}"', limit=None, sort="date", **filters):
        spans = occurrences(hit.text, [(needle,)])
        if not spans:
            continue
        paragraphs += 1
        found += len(spans)
        words = words_of(hit.text, index.segmenter)
        for span in spans:
            near.update(window_words(hit.text, span, window, words))
    in_windows = sum(near.values())
    candidates = [word for word, count in near.items() if count >= min_count]
    frequencies, total = index.word_frequencies(candidates, **filters)
    rows = []
    for word in candidates:
        o11, frequency = near[word], frequencies[word]
        expected = in_windows * frequency / total if total else 0.0
        if o11 <= expected:
            continue  # found near the term no more than anywhere: not a collocate
        # A word near two close occurrences counts twice, so o11 can pass its frequency: keep cells ≥ 0.
        o21 = max(frequency - o11, 0)
        o12 = in_windows - o11
        o22 = max(total - o11 - o12 - o21, 0)
        rows.append(Collocate(word, o11, frequency, round(expected, 3),
                              round(log_likelihood(o11, o12, o21, o22), 3), round(mutual_information(o11, expected), 3)))
    rows.sort(key=lambda c: (-c.log_likelihood, -c.cooccurrences, c.word))
    return Collocation(needle, window, found, paragraphs, in_windows, total,
                       tuple(rows if limit is None else rows[:limit]))
