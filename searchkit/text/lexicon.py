"""Query-time segmentation by an index's own vocabulary.

At query time a typed term must be cut into words the way the index was (issue: 电子商务就业 requires
电子商务 and 就业). Loading jieba's dictionary for that costs ~0.7 s of every cold search, yet the index
already holds every word jieba produced, with its document frequency. ``LexiconSegmenter`` runs
jieba's own algorithm — the most probable route through the DAG of known words — over that
vocabulary: words the corpus never had cannot match anyway, and the route is the one jieba's
segmentation of the corpus makes most likely.
"""

from __future__ import annotations

import math
from collections.abc import Callable

MAX_WORD = 8  # jieba's dictionary has few longer words; longer runs are still cut, just never whole


class LexiconSegmenter:
    def __init__(self, doc_frequency: Callable[[str], int], documents: int) -> None:
        self._doc_frequency = doc_frequency
        self._log_total = math.log(max(documents, 1) + 1)
        self._cache: dict[str, int] = {}

    def _frequency(self, word: str) -> int:
        if word not in self._cache:
            self._cache[word] = self._doc_frequency(word)
        return self._cache[word]

    def __call__(self, run: str) -> list[str]:
        """Words of a normalized Han run; characters the index never saw as words stand alone."""
        n = len(run)
        # best[i] = (log-probability of the best route from i to the end, end of its first word)
        best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
        for i in range(n - 1, -1, -1):
            route = None
            for j in range(i + 1, min(n, i + MAX_WORD) + 1):
                frequency = self._frequency(run[i:j])
                if frequency == 0 and j > i + 1:
                    continue
                score = math.log(frequency + 1) - self._log_total + best[j][0]
                if route is None or score > route[0]:
                    route = (score, j)
            best[i] = route
        words, i = [], 0
        while i < n:
            j = best[i][1]
            words.append(run[i:j])
            i = j
        return words
