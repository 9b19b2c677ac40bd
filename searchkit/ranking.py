"""The best hits of a query, and the exact count of all of them, in as few passes as possible.

Two costs dominate a ranked search over a large index (issue 9's profile):
- Whoosh's default top-N collector skips low-scoring blocks, and then, asked for the count, runs the
  whole query a second time. Without block skipping (and without matcher pruning, which would drop
  documents from the count) one pass scores and counts everything, in less time than the two.
- The "found intact" boost of a term jieba splits (中国特色社会主义 → 中国 特色 社会主义) is a phrase of
  every bigram of the term, which Whoosh tests against every document the term's words match. Scored
  separately, the phrase is matched from its own rarest bigram; since a document's score with the
  clause is its score without it plus the clause's score where the clause matches, adding the two
  gives exactly the same scores and order.
"""

from __future__ import annotations

import heapq


def _collector(collector, options: dict):
    from whoosh import collectors

    if options.get("filter") is not None or options.get("mask") is not None:
        return collectors.FilterCollector(collector, options.get("filter"), options.get("mask"))
    return collector


def top(searcher, query, intact: list, limit: int, options: dict) -> tuple[list[tuple[int, float]], int]:
    """(docnum, score) of the best ``limit`` documents for ``query`` plus the ``intact`` clauses,
    best first (ties: lower docnum first, as Whoosh orders them), and how many documents match."""
    from whoosh import collectors

    if not intact:
        collector = collectors.TopCollector(max(limit, 1), usequality=False, replace=0)
        searcher.search_with_collector(query, _collector(collector, options))
        results = collector.results()
        return [(docnum, score) for score, docnum in results.top_n[:limit]], len(results)
    scores = _all_scores(searcher, query, options)
    for clause in intact:
        for docnum, score in _all_scores(searcher, clause, {}).items():
            if docnum in scores:
                scores[docnum] += score
    best = heapq.nsmallest(limit, scores.items(), key=lambda item: (-item[1], item[0]))
    return best, len(scores)


def _all_scores(searcher, query, options: dict) -> dict[int, float]:
    from whoosh import collectors

    collector = collectors.UnlimitedCollector()
    searcher.search_with_collector(query, _collector(collector, options))
    return {docnum: score for score, docnum in collector.results().top_n}
