#!/usr/bin/env python3
"""`similar` (source tracing) against the stock jieba + Whoosh OR query, side by side in one run.

Usage: python benchmarks/similar.py CORPUS QUERIES QRELS [--workdir DIR] [--every N] [--max-queries N] [--tune] [--skip-stock]
       python benchmarks/similar.py --news XWLB.jsonl.gz [--stories 8000] [--passages 200] [--workdir DIR]

README commands (SLARD train split, then the news check):
    python benchmarks/similar.py ../shared/corpus/slard/corpus.jsonl \\
        ../shared/corpus/slard/queries.train.jsonl ../shared/corpus/slard/qrels.train.txt
    python benchmarks/similar.py --news ../shared/corpus/xwlb-news.jsonl.gz

Retrieval (CORPUS = JSONL articles, QUERIES = JSONL {"id", "text"}, QRELS = TREC "QID 0 DOCID REL").
searchkit indexes CORPUS as it is and answers ``index.similar(text, 5, by="speech")``. The *stock*
baseline indexes exactly the paragraphs searchkit made (one Whoosh document each, ``content`` =
TEXT(jieba.analyse.ChineseAnalyzer())) and ORs the query's analyzed tokens (``Or([Term(...)])``,
BM25F, top 50 paragraphs). For both, a query's ranking is by article (= speech_id), the first hit of
each article counting. R@k = share of the query's relevant articles in its top k, averaged; MRR@5 =
1/rank of the first relevant article in the top 5. Latency per query, both systems alternating query
by query in this process (indexes opened and warmed once).

The queries are split before any tuning by sha256(query id) % 3: 0 = the held-aside part, 1-2 = the
tuning part. Both parts are reported. ``--tune`` searches similar's re-ranking weights on the tuning
part only (coordinate ascent from the defaults; candidates computed once per query) and prints the
settings found and what they give on both parts.

News (--news): the first --stories stories of the xwlb JSONL are indexed by both systems; --passages
passages of 150-500 characters are cut (seeded) from stories after them (outside the index), pasted
whole: searchkit ``similar(passage, 10)`` vs the stock OR query of the passage's tokens, top 10.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import json
import logging
import random
import shutil
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import jieba
import jieba.analyse
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.fields import ID, NUMERIC, TEXT, Schema

import searchkit
from searchkit import similar as similar_module
from searchkit import store

jieba.setLogLevel(logging.WARNING)
TARGETS = {"R@1": 50, "R@3": 76, "R@5": 82, "MRR@5": 68, "p95 ms": 250}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- indexes -----------------------------------------------------------------------------------------


def build(corpus: Path, workdir: Path) -> tuple[Path, Path]:
    """searchkit and stock indexes of ``corpus`` under ``workdir``, rebuilt when the corpus changes."""
    stat = corpus.stat()
    stamp = f"{corpus.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0{store.FORMAT}"
    ours, stock, state = workdir / "searchkit", workdir / "stock", workdir / "state.txt"
    if state.exists() and state.read_text() == stamp:
        return ours, stock
    shutil.rmtree(ours, ignore_errors=True)
    shutil.rmtree(stock, ignore_errors=True)
    log(f"indexing {corpus} with searchkit ...")
    searchkit.update_index([corpus], ours, rebuild=True)
    log("indexing the same paragraphs with stock jieba + Whoosh ...")
    schema = Schema(speech_id=ID(stored=True), paragraph=NUMERIC(int, stored=True),
                    content=TEXT(analyzer=jieba.analyse.ChineseAnalyzer()))
    stock.mkdir(parents=True)
    writer = whoosh_index.create_in(str(stock), schema).writer(limitmb=256)
    with searchkit.open_index(ours) as ix:
        for p in ix.paragraphs():
            writer.add_document(speech_id=p.speech_id, paragraph=p.paragraph, content=p.text)
    writer.commit()
    state.write_text(stamp)
    return ours, stock


class Stock:
    """jieba's ChineseAnalyzer + Whoosh: the passage's tokens OR-ed, BM25F."""

    def __init__(self, path: Path) -> None:
        self.ix = whoosh_index.open_dir(str(path))
        self.searcher = self.ix.searcher()
        self.analyzer = self.ix.schema["content"].analyzer

    def __call__(self, text: str, limit: int) -> list[str]:
        tokens = list(dict.fromkeys(t.text for t in self.analyzer(text)))
        if not tokens:
            return []
        results = self.searcher.search(wq.Or([wq.Term("content", t) for t in tokens]), limit=limit)
        return [hit["speech_id"] for hit in results]


# -- retrieval metrics -------------------------------------------------------------------------------


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


def part_of(qid: str) -> str:
    return "held-aside" if int(hashlib.sha256(qid.encode()).hexdigest(), 16) % 3 == 0 else "tuning"


def load_queries(queries: Path, qrels: Path, max_queries: int | None, every: int = 1):
    relevant: dict[str, set[str]] = defaultdict(set)
    for line in qrels.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) == 4 and int(fields[3]) > 0:
            relevant[fields[0]].add(fields[2])
    rows = [json.loads(line) for line in queries.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if str(r["id"]) in relevant]
    if every > 1:  # a spread sample: the file is grouped by regulation
        rows = rows[::every]
    if max_queries:
        rows = rows[:max_queries]
    return [(str(r["id"]), r["text"]) for r in rows], relevant


def table(rows: list[tuple[str, dict]]) -> str:
    columns = list(TARGETS)
    out = ["| | queries | " + " | ".join(columns) + " | p50 ms |", "|---" * (len(columns) + 3) + "|"]
    for name, m in rows:
        out.append(f"| {name} | {m['n']} | " + " | ".join(f"{m[c]:.1f}" if c != "p95 ms" else f"{m[c]:.0f}" for c in columns) + f" | {m['p50 ms']:.0f} |")
    out.append("| target (held-out test) | | " + " | ".join(f"≥ {v}" if c != "p95 ms" else f"≤ {v}" for c, v in TARGETS.items()) + " | |")
    return "\n".join(out)


def retrieval(args) -> None:
    ours_path, stock_path = build(args.corpus, args.workdir)
    queries, relevant = load_queries(args.queries, args.qrels, args.max_queries, args.every)
    stock = None if args.skip_stock else Stock(stock_path)
    with searchkit.open_index(ours_path) as ix:
        for _, text in queries[:3]:  # warm both (jieba's dictionary, Whoosh's caches)
            ix.similar(text, 5, by="speech")
            if stock:
                stock(text, 50)
        if args.tune:
            tune(ix, queries, relevant)
            return
        names = ("searchkit",) if stock is None else ("searchkit", "stock")
        runs = {name: {"rank": {}, "time": defaultdict(list)} for name in names}
        for qid, text in queries:
            start = time.perf_counter()
            hits = ix.similar(text, 5, by="speech")
            runs["searchkit"]["time"][part_of(qid)].append(time.perf_counter() - start)
            runs["searchkit"]["rank"][qid] = articles([h.speech_id for h in hits])
            if stock is None:
                continue
            start = time.perf_counter()
            ids = stock(text, 50)
            runs["stock"]["time"][part_of(qid)].append(time.perf_counter() - start)
            runs["stock"]["rank"][qid] = articles(ids)
    rows = []
    for part in ("tuning", "held-aside"):
        for name in runs:
            ranks = {q: r for q, r in runs[name]["rank"].items() if part_of(q) == part}
            m = metrics(ranks, relevant, runs[name]["time"][part])
            rows.append((f"{name}, {part} part", {**m, "n": len(ranks)}))
    print(table(rows))


def tune(ix, queries, relevant) -> None:
    """Coordinate ascent over the re-ranking weights on the tuning part, from the defaults: each
    weight in turn tries each of STEPS, keeping a change that raises R@1 + R@3 + R@5 + MRR@5 there.
    Candidates and their features are computed once per query."""
    tuning_q = [(q, t) for q, t in queries if part_of(q) == "tuning"]
    held_q = [(q, t) for q, t in queries if part_of(q) == "held-aside"]
    log(f"computing candidates for {len(queries)} queries ...")
    cached = {}
    for qid, text in queries:
        passage, found = similar_module.candidates(ix, text)
        grouped = similar_module.units(found, "speech")
        features = similar_module.unit_features(passage, grouped)
        cached[qid] = [(f, members[0].stored["speech_id"]) for members, f in zip(grouped, features)]
    names = [f"w_{f.name}" for f in dataclasses.fields(similar_module.Features)]

    def evaluate(settings, part):
        ranks = {}
        for qid, _ in part:
            scored = sorted(((settings.score(f), sid) for f, sid in cached[qid]), key=lambda p: -p[0])
            ranks[qid] = articles([sid for _, sid in scored])
        return metrics(ranks, relevant, [])

    def objective(settings):
        m = evaluate(settings, tuning_q)
        return m["MRR@5"] + m["R@1"] + m["R@3"] + m["R@5"]

    settings = similar_module.DEFAULT_TUNING
    best = objective(settings)
    for _ in range(3):
        improved = False
        for name in names:
            for value in STEPS:
                trial = dataclasses.replace(settings, **{name: value})
                score = objective(trial)
                if score > best + 0.05:
                    settings, best, improved = trial, score, True
        log(f"round: {best:.1f} " + " ".join(f"{n}={getattr(settings, n)}" for n in names))
        if not improved:
            break
    for label, s in (("defaults", similar_module.DEFAULT_TUNING), ("tuned", settings)):
        m, held = evaluate(s, tuning_q), evaluate(s, held_q)
        print(label, {n: getattr(s, n) for n in names})
        print("   tuning:", {k: round(m[k], 1) for k in ("R@1", "R@3", "R@5", "MRR@5")},
              " held-aside:", {k: round(held[k], 1) for k in ("R@1", "R@3", "R@5", "MRR@5")})


STEPS = (-0.3, -0.1, 0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0)


# -- news ----------------------------------------------------------------------------------------------


def news(args) -> None:
    args.workdir.mkdir(parents=True, exist_ok=True)
    corpus = args.workdir / "news.jsonl"
    rng = random.Random(7)
    outside = []
    with gzip.open(args.news, "rt", encoding="utf-8") as lines:
        stories = [line for _, line in zip(range(args.stories + 2000), lines)]
    if not corpus.exists() or sum(1 for _ in corpus.open(encoding="utf-8")) != args.stories:
        corpus.write_text("".join(stories[: args.stories]), encoding="utf-8")
    for line in stories[args.stories :]:
        text = json.loads(line)["text"].replace("\n", "")
        if len(text) >= 150:
            outside.append(text)
    passages = []
    for text in rng.sample(outside, min(args.passages, len(outside))):
        length = rng.randint(150, min(500, len(text)))
        start = rng.randint(0, len(text) - length)
        passages.append(text[start : start + length])
    ours_path, stock_path = build(corpus, args.workdir / "news-indexes")
    stock = Stock(stock_path)
    times = {"searchkit": [], "stock": []}
    with searchkit.open_index(ours_path) as ix:
        for passage in passages[:3]:
            ix.similar(passage, 10)
            stock(passage, 10)
        for passage in passages:
            start = time.perf_counter()
            ix.similar(passage, 10)
            times["searchkit"].append(time.perf_counter() - start)
            start = time.perf_counter()
            stock(passage, 10)
            times["stock"].append(time.perf_counter() - start)
    p = {name: metrics({}, {}, t) for name, t in times.items()}
    mean = {name: 1000 * statistics.mean(t) for name, t in times.items()}
    print(f"news: {args.stories} stories indexed, {len(passages)} passages of 150-500 characters from later stories")
    print("| | p50 ms | p95 ms | mean ms |\n|---|---|---|---|")
    for name in times:
        print(f"| {name} | {p[name]['p50 ms']:.0f} | {p[name]['p95 ms']:.0f} | {mean[name]:.0f} |")
    print(f"| searchkit / stock | {p['searchkit']['p50 ms'] / p['stock']['p50 ms']:.2f} | "
          f"{p['searchkit']['p95 ms'] / p['stock']['p95 ms']:.2f} | {mean['searchkit'] / mean['stock']:.2f} |")
    print("targets: searchkit p95 ≤ 500 ms and ≤ 0.25 × stock")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?")
    parser.add_argument("queries", type=Path, nargs="?")
    parser.add_argument("qrels", type=Path, nargs="?")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/searchkit-bench-similar"))
    parser.add_argument("--max-queries", type=int)
    parser.add_argument("--every", type=int, default=1, help="take every Nth query (a spread sample)")
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--skip-stock", action="store_true",
                        help="time searchkit alone (stock's multi-second queries load the machine)")
    parser.add_argument("--news", type=Path)
    parser.add_argument("--stories", type=int, default=8000)
    parser.add_argument("--passages", type=int, default=200)
    args = parser.parse_args()
    if args.news:
        news(args)
    elif args.corpus and args.queries and args.qrels:
        retrieval(args)
    else:
        parser.error("give CORPUS QUERIES QRELS, or --news XWLB.jsonl.gz")


if __name__ == "__main__":
    main()
