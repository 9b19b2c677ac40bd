#!/usr/bin/env python3
"""`similar` (source tracing) against the stock jieba + Whoosh OR query, side by side in one run.

Usage: python benchmarks/similar.py CORPUS QUERIES QRELS [--workdir DIR] [--every N] [--max-queries N] [--train | --cross-validate] [--skip-stock]
                                                [--title-field NAME]
       python benchmarks/similar.py --news XWLB.jsonl.gz [--stories 8000] [--passages 200] [--workdir DIR]
       python benchmarks/similar.py --verbatim CORPUS [--passages 200] [--workdir DIR]   (similar_verbatim.py)
       python benchmarks/similar.py --generated GOV XWLB [--pairs 2000]                 (similar_pairs.py)
       python benchmarks/similar.py CORPUS QUERIES QRELS --generated GOV XWLB --train    (similar_train.py)

README commands (SLARD train split, then the news check):
    python benchmarks/similar.py ../shared/corpus/slard/corpus.jsonl \\
        ../shared/corpus/slard/queries.train.jsonl ../shared/corpus/slard/qrels.train.txt
    python benchmarks/similar.py --news ../shared/corpus/xwlb-news.jsonl.gz

Retrieval (CORPUS = JSONL articles, QUERIES = JSONL {"id", "text"}, QRELS = TREC "QID 0 DOCID REL").
searchkit indexes CORPUS as it is and answers ``index.similar(text, 5, by="speech")`` (row
"searchkit": the text alone) and, when the queries carry the title of the document they come from
(--title-field; SLARD's "regulation", e.g. 淄博市招标投标条例), also
``index.similar(text, 5, by="speech", passage_title=title)`` (row "searchkit + passage title"). The *stock*
baseline indexes exactly the paragraphs searchkit made (one Whoosh document each, ``content`` =
TEXT(jieba.analyse.ChineseAnalyzer())) and ORs the query's analyzed tokens (``Or([Term(...)])``,
BM25F, top 50 paragraphs). For both, a query's ranking is by article (= speech_id), the first hit of
each article counting. R@k = share of the query's relevant articles in its top k, averaged; MRR@5 =
1/rank of the first relevant article in the top 5. Latency per query, both systems alternating query
by query in this process (indexes opened and warmed once).

The queries are split before any tuning by sha256(query id) % 3: 0 = the held-aside part, 1-2 = the
tuning part. Both parts are reported. ``--train`` trains similar's two ranking models (LambdaMART,
LightGBM: pip install ".[bench]") on the tuning part only, writes them into searchkit/similar/ and
prints what they give on both parts; the held-aside part is only ever measured. ``--cross-validate``
estimates the recipe on regulations it never saw (folds by the query's title) and writes nothing.
With ``--generated GOV XWLB`` both also take reuse pairs cut from the reports and news
(similar_pairs.py: copied, trimmed, edited, paraphrased by clause, merged, reworded), split by their
source speech; alone, ``--generated`` measures the shipped models on those pairs end to end.

News (--news): the first --stories stories of the xwlb JSONL are indexed by both systems; --passages
passages of 150-500 characters are cut (seeded) from stories after them (outside the index), pasted
whole: searchkit ``similar(passage, 10)`` vs the stock OR query of the passage's tokens, top 10.
"""

from __future__ import annotations

import argparse
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
from similar_metrics import articles, metrics
from searchkit.storage import generations as store

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


def part_of(qid: str) -> str:
    return "held-aside" if int(hashlib.sha256(qid.encode()).hexdigest(), 16) % 3 == 0 else "tuning"


def load_queries(queries: Path, qrels: Path, max_queries: int | None, every: int = 1, title_field: str = "regulation"):
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
    return [(str(r["id"]), r["text"], r.get(title_field) or None) for r in rows], relevant


def table(rows: list[tuple[str, dict]]) -> str:
    columns = list(TARGETS)
    out = ["| | queries | " + " | ".join(columns) + " | p50 ms |", "|---" * (len(columns) + 3) + "|"]
    for name, m in rows:
        out.append(f"| {name} | {m['n']} | " + " | ".join(f"{m[c]:.1f}" if c != "p95 ms" else f"{m[c]:.0f}" for c in columns) + f" | {m['p50 ms']:.0f} |")
    out.append("| target (held-out test) | | " + " | ".join(f"≥ {v}" if c != "p95 ms" else f"≤ {v}" for c, v in TARGETS.items()) + " | |")
    return "\n".join(out)


def retrieval(args) -> None:
    ours_path, stock_path = build(args.corpus, args.workdir)
    queries, relevant = load_queries(args.queries, args.qrels, args.max_queries, args.every, args.title_field)
    stock = None if args.skip_stock else Stock(stock_path)
    titled = any(title for _, _, title in queries)
    with searchkit.open_index(ours_path) as ix:
        if args.train or args.cross_validate:
            import similar_train

            sets = [slard_set(queries, relevant).compute(ix)]
            if args.generated:
                with searchkit.open_index(generated_index(args)) as generated_ix:
                    sets.append(generated_set(args).compute(generated_ix))
            (similar_train.train if args.train else similar_train.cross_validate)(sets)
            return
        for _, text, title in queries[:3]:  # warm both (jieba's dictionary, Whoosh's caches)
            ix.similar(text, 5, by="speech")
            ix.similar(text, 5, by="speech", passage_title=title)
            if stock:
                stock(text, 50)
        systems = {"searchkit": lambda text, title: [h.speech_id for h in ix.similar(text, 5, by="speech")]}
        if titled:
            systems[f"searchkit + passage title ({args.title_field})"] = lambda text, title: [
                h.speech_id for h in ix.similar(text, 5, by="speech", passage_title=title)]
        if stock:
            systems["stock"] = lambda text, title: stock(text, 50)
        runs = {name: {"rank": {}, "time": defaultdict(list)} for name in systems}
        for qid, text, title in queries:
            for name, system in systems.items():
                start = time.perf_counter()
                ids = system(text, title)
                runs[name]["time"][part_of(qid)].append(time.perf_counter() - start)
                runs[name]["rank"][qid] = articles(ids)
    rows = []
    for part in ("tuning", "held-aside"):
        for name in runs:
            ranks = {q: r for q, r in runs[name]["rank"].items() if part_of(q) == part}
            m = metrics(ranks, relevant, runs[name]["time"][part])
            rows.append((f"{name}, {part} part", {**m, "n": len(ranks)}))
    print(table(rows))


def slard_set(queries, relevant):
    from similar_train import QuerySet

    return QuerySet("SLARD", queries, relevant, [part_of(q) for q, _, _ in queries],
                    [title or q for q, _, title in queries])


def generated_index(args) -> Path:
    import similar_pairs

    gov, news = args.generated
    return similar_pairs.build(gov, news, args.workdir / "generated", args.stories_generated)


def generated_set(args):
    import similar_pairs
    from similar_train import QuerySet

    with searchkit.open_index(generated_index(args)) as ix:
        pairs = similar_pairs.make(ix, args.pairs)
    return QuerySet("generated", [(p["id"], p["text"], p["title"]) for p in pairs],
                    {p["id"]: set(p["relevant"]) for p in pairs}, [similar_pairs.part_of(p["source"]) for p in pairs],
                    [p["source"] for p in pairs], similar_pairs.WEIGHT)


def generated(args) -> None:
    """The shipped models on the generated reuse pairs, end to end (``similar(text, 5, by="speech"[,
    passage_title])``, sources first): per part and, held aside, per kind."""
    import similar_pairs

    path = generated_index(args)
    with searchkit.open_index(path) as ix:
        pairs = similar_pairs.make(ix, args.pairs)
        rows = defaultdict(dict)
        relevant = {p["id"]: set(p["relevant"]) for p in pairs}
        for p in pairs:
            ids = [h.speech_id for h in ix.similar(p["text"], 5, by="speech", passage_title=p["title"])]
            part = similar_pairs.part_of(p["source"])
            rows[f"{part} part, {'with' if p['title'] else 'without'} the source's title"][p["id"]] = ids
            if part == "held-aside":
                rows[f"held-aside, {p['kind']}"][p["id"]] = ids
    print(f"generated reuse pairs: {len(pairs)} passages from {path.parent} (R@k over the relevant speeches; "
          "P@1 = the first hit is relevant)")
    print("| | passages | R@1 | R@3 | R@5 | MRR@5 | P@1 |\n|---|---|---|---|---|---|---|")
    for name in sorted(rows, key=lambda n: (not n.startswith("tuning"), n)):
        ranks = rows[name]
        m = metrics(ranks, relevant, [])
        first = sum(bool(r) and r[0] in relevant[q] for q, r in ranks.items()) / len(ranks)
        print(f"| {name} | {len(ranks)} | " + " | ".join(f"{m[k]:.1f}" for k in ("R@1", "R@3", "R@5", "MRR@5"))
              + f" | {100 * first:.1f} |")


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
    parser.add_argument("--train", action="store_true",
                        help="train similar's ranking models on the tuning part and write them (needs .[bench])")
    parser.add_argument("--cross-validate", action="store_true",
                        help="the models' recipe, cross-validated with whole regulations held out (needs .[bench])")
    parser.add_argument("--title-field", default="regulation",
                        help="the query field naming the document the query comes from (SLARD: regulation)")
    parser.add_argument("--skip-stock", action="store_true",
                        help="time searchkit alone (stock's multi-second queries load the machine)")
    parser.add_argument("--news", type=Path)
    parser.add_argument("--stories", type=int, default=8000)
    parser.add_argument("--passages", type=int, default=200)
    parser.add_argument("--verbatim", type=Path, help="copied and lightly edited passages of this corpus")
    parser.add_argument("--generated", type=Path, nargs=2, metavar=("GOV", "XWLB"),
                        help="reuse pairs cut from the reports folder and the news JSONL: with --train or "
                             "--cross-validate a second kind of training text; alone, the shipped models on them")
    parser.add_argument("--pairs", type=int, default=2000, help="generated passages (seeded)")
    parser.add_argument("--stories-generated", type=int, default=4000, help="news stories beside the reports")
    args = parser.parse_args()
    if args.verbatim:
        from similar_verbatim import run

        run(args.verbatim, args.workdir / args.verbatim.name.split(".")[0], args.passages)
    elif args.generated and not (args.train or args.cross_validate):
        generated(args)
    elif args.news:
        news(args)
    elif args.corpus and args.queries and args.qrels:
        retrieval(args)
    else:
        parser.error("give CORPUS QUERIES QRELS, or --news XWLB.jsonl.gz")


if __name__ == "__main__":
    main()
