"""From a query tree to the exact answer: the engine finds candidates, searchkit decides.

``match_expression`` turns the tree into one SphinxQL MATCH over the ``body`` field: each string a
term requires (query.term_words, a NEAR's sides) becomes a phrase of its characters — found wherever
the string occurs, so the candidates hold every true match — AND and OR as themselves, and NOT
dropped (excluding an engine phrase could exclude a true match). The candidates' stored normalized
texts then go through searchkit's own evaluator (engine/evaluate.py, match.find, proximity) over
``CandidateTexts``, which answers as the character index does, so the matches, the counts and the
scores are the local engine's; the corpus-wide figures BM25 needs (paragraphs, average length, each
string's document frequency) come from the whole cluster, not from the candidates.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..engine import evaluate
from ..engine.match import find
from ..engine.query import Cut, Near, Node, Not, Or, Term, term_words
from ..engine.scoring import bm25, heading_boost, idf
from ..text import normalize
from .sphinxql import phrase


def match_expression(node: Node, cut: Cut) -> str | None:
    """The MATCH text whose hits include every paragraph ``node`` matches; None: no constraint."""
    if isinstance(node, Term):
        needles = [w for w in term_words(node, cut) if w]
        return " ".join(phrase(w) for w in needles) if needles else None
    if isinstance(node, Near):
        sides = [normalize(s.text).strip() for s in (node.left, node.right)]
        return " ".join(phrase(s) for s in sides if s) or None
    if isinstance(node, Not):
        return None
    parts = [match_expression(child, cut) for child in node.children]
    if isinstance(node, Or):
        return None if any(p is None for p in parts) else " | ".join(f"({p})" for p in parts)
    kept = [f"({p})" for p in parts if p is not None]
    return " ".join(kept) if kept else None


class CandidateTexts:
    """The candidates as ``evaluate.Evaluator`` sees a character index: docnums 0…n-1 (in speech-id,
    paragraph order, whatever shard each came from), their texts, lengths and heading flags, and the
    cluster's paragraph count and average length."""

    def __init__(self, texts: list[str], lengths: list[int], headings: list[bool], doc_count: int, average_length: float):
        self.texts = texts
        self.lengths = np.asarray(lengths, dtype=np.int64)
        self.headings = np.asarray(headings, dtype=bool)
        self.live = np.ones(len(texts), dtype=bool)
        self.doc_count = doc_count
        self.average_length = average_length
        self._found: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def find(self, needle: str) -> tuple[np.ndarray, np.ndarray]:
        found = self._found.get(needle)
        if found is None:
            docs, counts = [], []
            if needle:
                for docnum, text in enumerate(self.texts):
                    if needle in text and (n := len(find(text, needle))):
                        docs.append(docnum)
                        counts.append(n)
            found = (np.asarray(docs, dtype=np.int64), np.asarray(counts, dtype=np.int64))
            self._found[needle] = found
        return found

    def text(self, docnum: int) -> str:
        return self.texts[docnum]


class ClusterEvaluator(evaluate.Evaluator):
    """The local evaluator over candidates, with each string's document frequency from the cluster
    (``document_frequency``) — the idf of a word does not depend on which paragraphs were fetched."""

    def __init__(self, texts: CandidateTexts, cut: Cut, document_frequency: Callable[[str], int]) -> None:
        super().__init__(texts, cut)
        self.document_frequency = document_frequency

    def bm25(self, needle: str) -> evaluate.Scored:
        docs, counts = self.substrings.find(needle)
        if not docs.size:
            return evaluate.Scored.empty()
        tf = counts * heading_boost(self.substrings.headings[docs])
        df = max(self.document_frequency(needle), int(docs.size))
        return evaluate.Scored(docs, bm25(tf, self._norms[docs], idf(df, self.substrings.doc_count)))


def needles_of(evaluator_factory: Callable[[Callable[[str], int]], ClusterEvaluator], tree: Node) -> list[str]:
    """Every string the evaluation of ``tree`` scores (found by a dry run), so that their document
    frequencies can be asked for in one round trip."""
    asked: list[str] = []

    def record(needle: str) -> int:
        asked.append(needle)
        return 1

    evaluator_factory(record).run(tree)
    return list(dict.fromkeys(asked))
