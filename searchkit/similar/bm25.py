"""The candidate stage's BM25: over words read straight from Whoosh's posting lists, over bigrams
from the character index.

Whoosh's own OR matcher spends seconds on 80 terms; this accumulator spends milliseconds, because it
walks each posting list a block at a time and keeps per-document scores in a dict.
"""

from __future__ import annotations

import math
import weakref

K1, B = 1.2, 0.75  # BM25's usual constants (other values tried on SLARD's tuning part: no better)


def idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def bm25(reader, field: str, terms: list[tuple[str, float]]) -> dict[int, float]:
    """docnum -> BM25 of the (term, boost) pairs in ``field``, for every document holding one."""
    n = reader.doc_count()
    norms = _length_norms(reader, field)
    scores: dict[int, float] = {}
    get = scores.get
    for term, boost in terms:
        weight = boost * idf(reader.doc_frequency(field, term), n) * (K1 + 1)
        for ids, tfs in _posting_blocks(reader, field, term):
            for docnum, tf in zip(ids, tfs):
                norm = norms.get(docnum)
                if norm is None:
                    norm = norms.miss(docnum)
                scores[docnum] = get(docnum, 0.0) + weight * tf / (tf + norm)
    return scores


def gram_df(substrings, gram: str) -> int:
    """In how many paragraphs a bigram occurs (the character index counts it exactly)."""
    return int(substrings.find(gram)[0].size)


def gram_bm25(index, grams: list[tuple[str, float]]) -> dict[int, float]:
    """BM25 of each paragraph holding some of ``grams``, summed (as search scores a bigram)."""
    import numpy as np

    parts = [index._evaluator.bm25(gram) for gram, _ in grams]
    parts = [p for p in parts if p.docs.size]
    if not parts:
        return {}
    docs, where = np.unique(np.concatenate([p.docs for p in parts]), return_inverse=True)
    scores = np.bincount(where, weights=np.concatenate([p.scores for p in parts]))
    return dict(zip(docs.tolist(), scores.tolist()))


def _posting_blocks(reader, field: str, term: str):
    """(docnums, term frequencies) of ``term``'s postings, a block at a time where the codec allows."""
    for leaf, base in reader.leaf_readers():
        if not leaf.doc_frequency(field, term):
            continue
        matcher = leaf.postings(field, term)
        if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):  # whoosh3 block postings
            while matcher.is_active():
                matcher._read_ids()
                matcher._read_weights()
                yield [base + i for i in matcher._ids], matcher._weights
                matcher._next_block()
            continue
        ids, tfs = [], []
        while matcher.is_active():
            ids.append(base + matcher.id())
            tfs.append(matcher.weight())
            matcher.next()
        yield ids, tfs


class _LengthNorms(dict):
    """docnum -> BM25's length term K1 * (1 - B + B * length / mean length), read on first need."""

    def __init__(self, reader, field: str) -> None:
        super().__init__()
        self._reader, self._field = reader, field
        self._mean = (reader.field_length(field) / max(reader.doc_count(), 1)) or 1.0

    def miss(self, docnum: int) -> float:
        length = self._reader.doc_field_length(docnum, self._field, 0)
        value = self[docnum] = K1 * (1 - B + B * length / self._mean)
        return value


_READER_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def reader_cache(reader) -> dict:
    """A dict kept as long as ``reader`` (one snapshot of the index) lives, for what repeated
    queries can reuse."""
    return _READER_CACHE.setdefault(reader, {})


def _length_norms(reader, field: str) -> _LengthNorms:
    per_reader = reader_cache(reader)
    key = ("norms", field)
    if key not in per_reader:
        per_reader[key] = _LengthNorms(reader, field)
    return per_reader[key]
