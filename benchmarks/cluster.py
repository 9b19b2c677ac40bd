#!/usr/bin/env python3
"""A searchd cluster beside the local index, on the same speeches: load time, query latency, and
whether every answer is the same.

Usage: python benchmarks/cluster.py CORPUS [--limit-docs N] [--nodes 2] [--shards 2] [--replicas 1]
                                    [--repeat R] [--workdir DIR] [--out FILE]

README/docs command: ``python benchmarks/cluster.py /work/shared/corpus/xwlb-news.jsonl.gz`` (all
74,545 xwlb stories on a 2-node, 2-shard cluster on this machine; ``--limit-docs 8000`` for a quick run).
CORPUS is staged into WORKDIR/corpus as benchmarks/speed.py does. Then, in this process:

1. Load: wall seconds of ``searchkit.update_index([corpus], URL)`` on a new cluster (`cluster up` not
   counted), and of the same call building the local index, for reference.
2. Same answers: for each of the 40 queries of benchmarks/speed.py, the total and the set of matching
   paragraphs (``limit=None``) from the cluster and the local index, and how many of the local top 10
   the cluster's top 10 hold (a hit scoring what the local 10th scores counts: ties come in either order).
3. Latency, warm: both indexes opened once, one untimed pass, then --repeat passes of
   ``search(q, limit=10)`` (snippets, highlights) alternating query by query: p50, p95, mean in ms.
The nodes are stopped at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import QUERIES, machine, percentile, source_hash, stage_corpus  # noqa: E402


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def compare(remote, local, queries: list[str]) -> dict:
    """Same totals and paragraph sets; and the share of the local top 10 the cluster's top 10 holds,
    a hit scoring what the local 10th scores counting as held (equal scores may come in either order)."""
    rows, equal, overlaps = [], 0, []
    for query in queries:
        mine, theirs = remote.search(query, limit=None), local.search(query, limit=None)
        same = mine.total == theirs.total and {(h.speech_id, h.paragraph) for h in mine.hits} == {(h.speech_id, h.paragraph) for h in theirs.hits}
        equal += same
        best = {(h.speech_id, h.paragraph) for h in theirs.hits[:10]}
        if best:
            cut = theirs.hits[min(10, len(theirs.hits)) - 1].score
            held = sum(1 for h in mine.hits[:10] if (h.speech_id, h.paragraph) in best or abs(h.score - cut) <= 1e-3)
            overlaps.append(min(held, len(best)) / len(best))
        rows.append({"query": query, "cluster_total": mine.total, "local_total": theirs.total, "same": same})
    return {"queries": len(queries), "same_totals_and_paragraphs": equal,
            "top10_overlap": statistics.fmean(overlaps) if overlaps else 1.0, "rows": rows}


def latency(remote, local, queries: list[str], repeat: int) -> dict:
    times = {"cluster": [], "local": []}
    for rep in range(repeat + 1):
        for query in queries:
            for name, index in (("cluster", remote), ("local", local)):
                start = time.perf_counter()
                index.search(query, limit=10)
                if rep:
                    times[name].append((time.perf_counter() - start) * 1000)
    return {name: {"p50": percentile(t, 0.5), "p95": percentile(t, 0.95), "mean": statistics.fmean(t)} for name, t in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--limit-docs", type=int, default=0, help="first N files or JSONL lines (0 = all)")
    parser.add_argument("--nodes", type=int, default=2)
    parser.add_argument("--shards", type=int, default=2)
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)

    import searchkit
    from searchkit.cluster import processes

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="searchkit-cluster-bench-"))
    corpus = workdir / "corpus"
    stage_corpus(args.corpus, corpus, args.limit_docs or None)
    report = {"corpus": str(args.corpus), "limit_docs": args.limit_docs, "machine": machine(), "source": source_hash(),
              "nodes": args.nodes, "shards": args.shards, "replicas": args.replicas}
    folder = workdir / "cluster"
    try:
        state = processes.up(folder, args.nodes, args.shards, args.replicas)
        log(f"cluster up: {state['url']}")
        start = time.perf_counter()
        loaded = searchkit.update_index([corpus], state["url"])
        report["cluster_load_s"] = time.perf_counter() - start
        log(f"cluster loaded in {report['cluster_load_s']:.1f} s: {loaded.speeches} speeches, {loaded.paragraphs} paragraphs")
        start = time.perf_counter()
        built = searchkit.update_index([corpus], workdir / "local", rebuild=True)
        report["local_build_s"] = time.perf_counter() - start
        log(f"local index built in {report['local_build_s']:.1f} s")
        report["speeches"], report["paragraphs"] = loaded.speeches, loaded.paragraphs
        assert (built.speeches, built.paragraphs) == (loaded.speeches, loaded.paragraphs)
        with searchkit.open_index(state["url"]) as remote, searchkit.open_index(workdir / "local") as local:
            report["answers"] = compare(remote, local, QUERIES)
            log(f"same totals and paragraphs: {report['answers']['same_totals_and_paragraphs']}/{len(QUERIES)}, "
                f"top-10 overlap {report['answers']['top10_overlap']:.3f}")
            report["latency_ms"] = latency(remote, local, QUERIES, args.repeat)
    finally:
        if (folder / processes.STATE).is_file():
            processes.down(folder)
    lat = report["latency_ms"]
    print(f"{report['speeches']} speeches, {report['paragraphs']} paragraphs; {args.nodes} nodes, {args.shards} shards, "
          f"{args.replicas} replica(s)")
    print(f"load: cluster {report['cluster_load_s']:.1f} s, local index {report['local_build_s']:.1f} s")
    print(f"query ms (search, top 10): cluster p50 {lat['cluster']['p50']:.1f} p95 {lat['cluster']['p95']:.1f}; "
          f"local p50 {lat['local']['p50']:.1f} p95 {lat['local']['p95']:.1f}")
    print(f"same totals and paragraph sets: {report['answers']['same_totals_and_paragraphs']}/{len(QUERIES)}; "
          f"top-10 overlap {report['answers']['top10_overlap']:.3f}")
    if args.out:
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if report["answers"]["same_totals_and_paragraphs"] == len(QUERIES) else 1


if __name__ == "__main__":
    sys.exit(main())
