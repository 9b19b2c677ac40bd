"""The candidate stage's BM25 (engine/scoring.py's formula): over jieba words read straight from the
index's word postings, over bigrams from the character index.

Whoosh's own OR matcher spends seconds on 80 terms; this accumulator spends milliseconds, because it
reads each posting list a block at a time and keeps per-document scores in a dict.
"""

from __future__ import annotations

import numpy as np

from ..engine.scoring import HEADING_BOOST, WORD_B, bm25, idf, length_norm


def word_bm25(index, terms: list[tuple[str, float]]) -> dict[int, float]:
    """docnum -> BM25 of the (word, boost) pairs, for every paragraph of ``index`` holding one."""
    store, headings = index.store, index.substrings.headings
    n = store.doc_count()
    norms = _length_norms(index)
    scores: dict[int, float] = {}
    get = scores.get
    for term, boost in terms:
        weight = boost * idf(store.word_df(term), n)
        for ids, frequencies in store.word_postings(term):
            for docnum, tf in zip(ids, frequencies):
                if headings[docnum]:
                    tf *= HEADING_BOOST
                norm = norms.get(docnum)
                if norm is None:
                    norm = norms.miss(docnum)
                scores[docnum] = get(docnum, 0.0) + bm25(tf, norm, weight)
    return scores


def gram_df(index, gram: str) -> int:
    """In how many paragraphs a bigram occurs (the character index counts it exactly)."""
    return int(index.substrings.find(gram)[0].size)


def gram_bm25(index, grams: list[tuple[str, float]]) -> dict[int, float]:
    """BM25 of each paragraph holding some of ``grams``, summed (as search scores a bigram)."""
    parts = [index.bm25(gram) for gram, _ in grams]
    parts = [p for p in parts if p.docs.size]
    if not parts:
        return {}
    docs, where = np.unique(np.concatenate([p.docs for p in parts]), return_inverse=True)
    scores = np.bincount(where, weights=np.concatenate([p.scores for p in parts]))
    return dict(zip(docs.tolist(), scores.tolist()))


class _LengthNorms(dict):
    """docnum -> BM25's length term over words, read on first need."""

    def __init__(self, store) -> None:
        super().__init__()
        self._store = store
        self._mean = (store.word_total() / max(store.doc_count(), 1)) or 1.0

    def miss(self, docnum: int) -> float:
        value = self[docnum] = length_norm(self._store.word_length(docnum), self._mean, WORD_B)
        return value


def _length_norms(index) -> _LengthNorms:
    if "word_norms" not in index.cache:
        index.cache["word_norms"] = _LengthNorms(index.store)
    return index.cache["word_norms"]
