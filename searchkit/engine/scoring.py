"""BM25 and every weight that ranks a hit: the one home of the numbers that order results.

Search scores in two stages (evaluate.py, rerank.py) and ``similar`` picks its candidates (similar/
bm25.py) with the same formula: BM25 with Robertson–Spärck Jones idf. Only the length weight ``B``
differs by what is counted: characters of exact substrings in the first stage, jieba words in the
second and in similar.
"""

from __future__ import annotations

import math

import numpy as np

K1 = 1.2
CHAR_B = 0.9  # lengths in characters; known-item MRR (benchmarks/quality.py) peaks near 0.9 of 0.3-0.9
WORD_B = 0.75  # lengths in words; other values tried on SLARD's tuning part: no better
HEADING_BOOST = 1.5  # a match in a title or heading paragraph weighs this much more
INTACT_BOOST = 3.0  # a term jieba splits, found intact: its whole string's BM25 counts this many times more
RERANK_WINDOW = 50  # the first stage's best hits that the second stage re-scores by words


def idf(df: int, n: int) -> float:
    """Inverse document frequency of a term in ``df`` of ``n`` documents (never negative)."""
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def length_norm(length, average: float, b: float):
    """BM25's length term for a document of ``length`` (a number or an array) against ``average``."""
    return K1 * (1 - b + b * length / (average or 1.0))


def bm25(tf, norm, weight: float):
    """A term's BM25 in documents with term frequency ``tf`` and length term ``norm`` (numbers or
    arrays); ``weight`` is its idf (times any boost of the term itself)."""
    return weight * tf * (K1 + 1) / (tf + norm)


def heading_boost(headings: np.ndarray) -> np.ndarray:
    """Per document, the factor a heading's term frequencies get."""
    return np.where(headings, HEADING_BOOST, 1.0)
