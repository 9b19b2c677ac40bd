"""The best hits re-scored with jieba's words: the second stage of relevance ranking.

The first stage (evaluate.py) scores every match by BM25 over exact substrings, which is fast and
exact but blind to word boundaries: 业是 inside 农业是 counts like a word. Words are what jieba cuts,
so the ``RERANK_WINDOW`` best hits are cut again (with the index's own segmenter) and each gains the
BM25 of the query's words over those tokens, with the index's word statistics (idf from the word
field, lengths in words).

Only the window is re-ranked, always the same hits whatever page is asked for, so pages never
disagree; below it the first-stage order and scores stand.
"""

from __future__ import annotations

from collections import Counter

from ..storage.reader import StoredIndex
from ..text import Segmenter, normalize
from .query import Cut, Near, Node, Not, Term, walk, words_of
from .scoring import HEADING_BOOST, RERANK_WINDOW, WORD_B, bm25, idf, length_norm
from .substrings import Substrings


def query_words(node: Node, cut: Cut) -> list[str]:
    """The words of the terms that rank (not under NOT; a NEAR's sides are exact strings, not words)."""
    return [word for term in walk(node, skip=(Not, Near)) if isinstance(term, Term)
            for word in words_of(normalize(term.text).strip(), cut)]


def rerank(ranked: list[tuple[int, float]], words: list[str], stored: StoredIndex, substrings: Substrings,
           segmenter: Segmenter) -> list[tuple[int, float]]:
    """``ranked`` (docnum, score), best first, with its first ``RERANK_WINDOW`` re-scored and re-sorted."""
    window, rest = ranked[:RERANK_WINDOW], ranked[RERANK_WINDOW:]
    if not window or not words:
        return ranked
    n = max(stored.doc_count(), 1)
    average = stored.word_total() / n
    weights = {word: idf(stored.word_df(word), n) for word in set(words)}
    rescored = []
    for docnum, score in window:
        tokens = segmenter.words_of(substrings.text(docnum))
        counts = Counter(tokens)
        boost = HEADING_BOOST if substrings.headings[docnum] else 1.0
        norm = length_norm(len(tokens), average, WORD_B)
        for word in words:
            if tf := counts[word] * boost:
                score += bm25(tf, norm, weights[word])
        rescored.append((docnum, score))
    rescored.sort(key=lambda pair: (-pair[1], pair[0]))
    return rescored + rest
