"""A query tree evaluated over the character index: every matching paragraph, scored, in one pass.

Each term requires exact substrings (query.term_words: a quoted term its whole string, an unquoted
one each of its jieba words), found by ``Substrings.find`` with their exact counts; so the count of a
search is the count grep would give, and nothing is sampled or pruned. Scores are BM25 over those
substrings (tf = occurrences, length = the paragraph's characters, a heading's matches weigh
``HEADING_BOOST`` times), plus ``INTACT_BOOST`` times the whole term's BM25 where a term that jieba
splits occurs intact (and so for terms typed apart, 电子 商务, where they stand together). AND sums its parts' scores over the paragraphs all of them match, OR sums the
scores of the parts that match, NOT removes; ``A NEAR/N B`` takes the paragraphs holding both strings
and checks each one's text (proximity.near_spans), the only per-paragraph Python on the hot path.

Arrays hold docnums ascending with a parallel array of scores; the best ``limit`` are picked with a
partial sort, ties broken by docnum as Whoosh did.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..text import normalize
from .proximity import near_spans
from .query import And, Cut, Near, Node, Not, Or, Term, term_words
from .scoring import CHAR_B, INTACT_BOOST, bm25, heading_boost, idf, length_norm
from .substrings import Substrings


@dataclass(frozen=True)
class Scored:
    docs: np.ndarray  # docnums, ascending
    scores: np.ndarray  # float64, one per docnum

    @classmethod
    def empty(cls) -> "Scored":
        return cls(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64))


def _and(parts: list[Scored]) -> Scored:
    docs = parts[0].docs
    for part in parts[1:]:
        docs = np.intersect1d(docs, part.docs, assume_unique=True)
    scores = np.zeros(docs.size)
    for part in parts:
        scores += part.scores[np.searchsorted(part.docs, docs)]
    return Scored(docs, scores)


def _or(parts: list[Scored]) -> Scored:
    docs = np.unique(np.concatenate([p.docs for p in parts]))
    scores = np.zeros(docs.size)
    for part in parts:
        scores[np.searchsorted(docs, part.docs)] += part.scores
    return Scored(docs, scores)


def _without(part: Scored, excluded: np.ndarray) -> Scored:
    keep = ~np.isin(part.docs, excluded, assume_unique=True)
    return Scored(part.docs[keep], part.scores[keep])


class Evaluator:
    """Evaluates query trees over ``substrings``; ``cut`` splits Han runs into words (as queries do)."""

    def __init__(self, substrings: Substrings, cut: Cut) -> None:
        self.substrings = substrings
        self.cut = cut
        self._norms = length_norm(substrings.lengths, substrings.average_length, CHAR_B)

    def bm25(self, needle: str) -> Scored:
        """The paragraphs holding ``needle``, each scored by BM25 of its occurrences."""
        docs, counts = self.substrings.find(needle)
        if not docs.size:
            return Scored.empty()
        tf = counts * heading_boost(self.substrings.headings[docs])
        return Scored(docs, bm25(tf, self._norms[docs], idf(docs.size, self.substrings.doc_count)))

    def run(self, node: Node) -> Scored:
        if isinstance(node, Term):
            return self._term(node)
        if isinstance(node, Near):
            return self._near(node)
        if isinstance(node, Not):  # alone (query.parse refuses a query of NOTs only): all but its matches
            return self.run(And((node,)))
        if isinstance(node, Or):
            return _or([self.run(child) for child in node.children])
        positives = [self.run(c) for c in node.children if not isinstance(c, Not)]
        if positives:
            result = _and(positives)
            terms = [c for c in node.children if not isinstance(c, Not)]
            if len(terms) > 1 and all(isinstance(c, Term) and not c.quoted for c in terms):
                # 电子 商务 typed apart still means 电子商务 most where it stands intact.
                result = self._boost_intact(result, "".join(normalize(c.text).strip() for c in terms))
        else:
            everything = np.flatnonzero(self.substrings.live)
            result = Scored(everything, np.zeros(everything.size))
        for child in node.children:
            if isinstance(child, Not):
                result = _without(result, self.run(child.child).docs)
        return result

    def _term(self, term: Term) -> Scored:
        whole = normalize(term.text).strip()
        words = term_words(term, self.cut)
        result = _and([self.bm25(word) for word in words])
        return self._boost_intact(result, whole) if len(words) > 1 else result

    def _boost_intact(self, result: Scored, whole: str) -> Scored:
        """``result`` plus ``INTACT_BOOST`` times ``whole``'s BM25 where ``whole`` occurs."""
        if not result.docs.size:
            return result
        intact = self.bm25(whole)
        inside = np.isin(intact.docs, result.docs, assume_unique=True)
        scores = result.scores.copy()
        scores[np.searchsorted(result.docs, intact.docs[inside])] += INTACT_BOOST * intact.scores[inside]
        return Scored(result.docs, scores)

    def _near(self, near: Near) -> Scored:
        left, right = (normalize(side.text).strip() for side in (near.left, near.right))
        both = _and([self.bm25(left), self.bm25(right)])
        text = self.substrings.text
        keep = np.fromiter((bool(near_spans(text(int(d)), left, right, near.distance)) for d in both.docs),
                           dtype=bool, count=both.docs.size)
        return Scored(both.docs[keep], both.scores[keep])


def best(scored: Scored, limit: int) -> list[tuple[int, float]]:
    """(docnum, score) of the ``limit`` best, best first; ties: the lower docnum first."""
    if limit <= 0 or not scored.docs.size:
        return []
    scores, docs = scored.scores, scored.docs
    if limit < docs.size:
        # Everything scoring at least the limit-th best, ties at the cut included, then sorted exactly.
        cut = np.partition(scores, docs.size - limit)[docs.size - limit]
        chosen = scores >= cut
        scores, docs = scores[chosen], docs[chosen]
    order = np.lexsort((docs, -scores))[:limit]
    return [(int(docs[i]), float(scores[i])) for i in order]
