"""Runs of adjacent jieba words over many paragraphs, counted with numpy: the candidates of ``firsts``.

A run is 1–``MAX_WORDS`` words with nothing between them (punctuation or a space ends it). Each
paragraph is cut once; its words become ids of one vocabulary, so runs are rows of ids that
``np.unique`` counts and ``np.isin`` looks up, and a word's neighbours stay at hand (``Cut.beside``).
"""

from __future__ import annotations

from bisect import bisect_left

import numpy as np

MAX_WORDS = 4


def _rows(ids: np.ndarray, breaks: np.ndarray, k: int) -> np.ndarray:
    """Every run of ``k`` words as a row of ids (runs that cross a break left out)."""
    n = len(ids) - k + 1
    if n <= 0:
        return np.empty((0, k), dtype=np.int64)
    crossed = np.cumsum(breaks)
    valid = crossed[k - 1:] - crossed[:n] == 0  # no break after the run's first word
    return np.stack([ids[j: j + n] for j in range(k)], axis=1)[valid]


def _keys(rows: np.ndarray) -> np.ndarray:
    """One comparable value per row (its bytes), for np.unique and np.isin."""
    rows = np.ascontiguousarray(rows)
    return rows.view(np.dtype((np.void, rows.dtype.itemsize * rows.shape[1]))).ravel()


class _Vocabulary(dict):
    """word → id, a new id for a new word."""

    def __missing__(self, word: str) -> int:
        number = self[word] = len(self)
        return number


class Cut:
    """Paragraphs cut into words once: ``ids`` (the words' vocabulary ids, in order), ``breaks``
    (True where a word does not touch the one before: a new paragraph, punctuation, a space), and
    each paragraph's word offsets."""

    def __init__(self, segmenter, texts: dict[int, str], vocabulary: dict[str, int] | None = None) -> None:
        """``texts``: docnum → normalized text. With a ``vocabulary``, words outside it get id -1 and
        no new ids are made (to look runs up in another cut's vocabulary)."""
        grow = vocabulary is None
        self.vocabulary = _Vocabulary() if grow else vocabulary
        number = self.vocabulary.__getitem__ if grow else (lambda word, known=self.vocabulary.get: known(word, -1))
        ids: list[int] = []
        all_starts: list[int] = []
        all_ends: list[int] = []
        firsts: list[int] = []
        self.spans: dict[int, tuple[str, list[int], list[int]]] = {}  # docnum → text, word starts, word ends
        for docnum, text in texts.items():
            found = list(segmenter(text))
            firsts.append(len(ids))
            if not found:
                self.spans[docnum] = (text, [], [])
                continue
            words, starts, ends = zip(*found)
            ids.extend(map(number, words))
            all_starts.extend(starts)
            all_ends.extend(ends)
            self.spans[docnum] = (text, list(starts), list(ends))
        self.ids = np.array(ids, dtype=np.int64)
        starts, ends = np.array(all_starts, dtype=np.int64), np.array(all_ends, dtype=np.int64)
        self.breaks = np.ones(len(ids), dtype=bool)
        self.breaks[1:] = starts[1:] != ends[:-1]
        self.breaks[np.array(firsts, dtype=np.int64)[np.array(firsts) < len(ids)]] = True  # a new paragraph
        self.words = [None] * len(self.vocabulary)
        for word, n in self.vocabulary.items():
            self.words[n] = word

    def unigrams(self) -> np.ndarray:
        """How often each vocabulary word occurs."""
        known = self.ids[self.ids >= 0]
        return np.bincount(known, minlength=len(self.vocabulary))

    def counted(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(distinct runs of ``k`` words as rows of ids, how often each occurs)."""
        rows = _rows(self.ids, self.breaks, k)
        if not len(rows):
            return rows, np.empty(0, dtype=np.int64)
        _, first, counts = np.unique(_keys(rows), return_index=True, return_counts=True)
        return rows[first], counts

    def holds(self, k: int, wanted: np.ndarray) -> np.ndarray:
        """Which rows of ``wanted`` (runs of ``k`` word ids) occur in these paragraphs."""
        rows = _rows(self.ids, self.breaks, k)
        rows = rows[(rows >= 0).all(axis=1)]
        if not len(rows) or not len(wanted):
            return np.zeros(len(wanted), dtype=bool)
        return np.isin(_keys(wanted), _keys(rows))

    def beside(self, docnum: int, start: int, end: int, side: int) -> str:
        """What a string at [start, end) of paragraph ``docnum`` would grow by on one side: the rest
        of the word it starts (ends) inside, else the word that touches it, else nothing."""
        text, starts, ends = self.spans[docnum]
        if side < 0:
            k = bisect_left(ends, start)  # the first word ending at or after start
            if k < len(ends) and starts[k] < start < ends[k]:
                return text[starts[k]:start]
            return text[starts[k]:ends[k]] if k < len(ends) and ends[k] == start else ""
        k = bisect_left(ends, end + 1)  # the first word ending after end
        if k < len(ends) and starts[k] < end < ends[k]:
            return text[end:ends[k]]
        return text[starts[k]:ends[k]] if k < len(ends) and starts[k] == end else ""
