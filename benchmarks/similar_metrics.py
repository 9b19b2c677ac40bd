"""Retrieval figures of the source-tracing benchmark, shared by similar.py and similar_train.py: a
ranking by article (the first hit of each counts), R@k and MRR@5 as in the SLARD paper, latency
percentiles."""

from __future__ import annotations


def articles(ids: list[str], k: int = 5) -> list[str]:
    return list(dict.fromkeys(ids))[:k]


def metrics(rankings: dict[str, list[str]], relevant: dict[str, set[str]], times: list[float]) -> dict:
    recall = {k: 0.0 for k in (1, 3, 5)}
    mrr = 0.0
    for qid, ranking in rankings.items():
        wanted = relevant[qid]
        for k in recall:
            recall[k] += len(wanted & set(ranking[:k])) / len(wanted)
        mrr += next((1 / (i + 1) for i, a in enumerate(ranking[:5]) if a in wanted), 0.0)
    n = max(len(rankings), 1)
    ordered = sorted(times) or [0.0]
    return {
        "R@1": 100 * recall[1] / n, "R@3": 100 * recall[3] / n, "R@5": 100 * recall[5] / n,
        "MRR@5": 100 * mrr / n,
        "p50 ms": 1000 * ordered[len(ordered) // 2], "p95 ms": 1000 * ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
    }
