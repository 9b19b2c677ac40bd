"""The best hits re-scored with jieba's words: the second stage of relevance ranking.

The first stage (evaluate.py) scores every match by BM25 over exact substrings, which is fast and
exact but blind to word boundaries: 业是 inside 农业是 counts like a word. Words are what jieba cuts,
so the ``WINDOW`` best hits are cut again (the index's own segmenter) and each gains the BM25 of the
query's words over those tokens — with the index's word statistics (idf from the word field, lengths
in words), as the word field ranked before the character index replaced it. On the known-item test
of benchmarks/quality.py this lifts MRR@10 from 0.58 to 0.62.

Only the window is re-ranked, always the same ``WINDOW`` hits whatever page is asked for, so pages
never disagree; below it the first-stage order and scores stand.
"""

from __future__ import annotations

import math
from collections import Counter

from .analysis import normalize, segment
from .charindex import HEADING_BOOST
from .query import And, Cut, Near, Node, Not, Or, Term, words_of
from .schema import WORDS

WINDOW = 50
K1, B = 1.2, 0.75


def query_words(node: Node, cut: Cut) -> list[str]:
    """The words of the terms that rank (not under NOT; a NEAR's sides are exact strings, not words)."""
    if isinstance(node, Term):
        return words_of(normalize(node.text).strip(), cut)
    if isinstance(node, (Not, Near)):
        return []
    assert isinstance(node, (And, Or))
    return [word for child in node.children for word in query_words(child, cut)]


def rerank(ranked: list[tuple[int, float]], words: list[str], reader, text, heading) -> list[tuple[int, float]]:
    """``ranked`` (docnum, score), best first, with its first ``WINDOW`` re-scored and re-sorted.
    ``text(docnum)`` gives a paragraph's normalized text, ``heading(docnum)`` whether it is a heading."""
    window, rest = ranked[:WINDOW], ranked[WINDOW:]
    if not window or not words:
        return ranked
    n = max(reader.doc_count(), 1)
    average = (reader.field_length(WORDS) / n) or 1.0
    idf = {word: math.log(n / (reader.doc_frequency(WORDS, word) + 1)) + 1 for word in set(words)}
    rescored = []
    for docnum, score in window:
        tokens = [token for token, _, _ in segment(text(docnum))]
        counts = Counter(tokens)
        boost = HEADING_BOOST if heading(docnum) else 1.0
        norm = K1 * (1 - B + B * len(tokens) / average)
        for word in words:
            if tf := counts[word] * boost:
                score += idf[word] * tf * (K1 + 1) / (tf + norm)
        rescored.append((docnum, score))
    rescored.sort(key=lambda pair: (-pair[1], pair[0]))
    return rescored + rest
