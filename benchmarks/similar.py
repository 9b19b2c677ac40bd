#!/usr/bin/env python3
"""`similar` (source tracing) against the stock jieba + Whoosh OR query, side by side in one run.

Usage: python benchmarks/similar.py CORPUS QUERIES QRELS [--workdir DIR] [--every N] [--max-queries N] [--train | --cross-validate] [--skip-stock]
                                                [--title-field NAME]
       python benchmarks/similar.py --news XWLB.jsonl.gz [--stories 8000] [--passages 200] [--workdir DIR]
       python benchmarks/similar.py --verbatim CORPUS [--passages 200] [--workdir DIR]   (similar_verbatim.py)

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
from searchkit.similar.features import Features
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
        if args.train:
            train(ix, queries, relevant)
            return
        if args.cross_validate:
            cross_validate(ix, queries, relevant)
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


TEXT_FEATURES = [f.name for f in dataclasses.fields(Features) if f.name != "passage_title"]
TITLED_FEATURES = [f.name for f in dataclasses.fields(Features)]
# LambdaMART's settings, chosen by 5-fold cross-validation inside the tuning part (folds by the
# query's regulation): 4 leaves, 50 rows a leaf and 200-400 rounds all scored within 1 point there;
# 7 and 15 leaves no better.
LGB_PARAMS = dict(objective="lambdarank", learning_rate=0.05, num_leaves=4, min_data_in_leaf=50,
                  feature_fraction=0.8, bagging_fraction=0.8, bagging_freq=1, lambdarank_truncation_level=10,
                  seed=1, deterministic=True, force_row_wise=True, num_threads=1, verbose=-1)
ROUNDS = 400
CHECK_ROWS = 64  # rows whose LightGBM scores the tests compare with ranker.py's


def feature_rows(ix, queries, relevant):
    """Per query: its candidate units' features (TITLED_FEATURES columns), labels and speech ids."""
    import numpy as np

    log(f"computing candidates for {len(queries)} queries ...")
    rows, labels, ids = [], [], []
    for qid, text, title in queries:
        passage, found = similar_module.candidates(ix, text, passage_title=title)
        grouped = similar_module.units(found, "speech")
        features = similar_module.unit_features(passage, grouped)
        rows.append(np.array([[getattr(f, n) for n in TITLED_FEATURES] for f in features]).reshape(-1, len(TITLED_FEATURES)))
        ids.append([members[0].stored["speech_id"] for members in grouped])
        labels.append(np.array([sid in relevant[qid] for sid in ids[-1]], dtype=int))
    return rows, labels, ids


def fit(rows, labels, chosen: list[int], columns: list[int]):
    """A LambdaMART booster trained on queries ``chosen``, feature ``columns``."""
    import lightgbm
    import numpy as np

    data = lightgbm.Dataset(np.concatenate([rows[i][:, columns] for i in chosen]),
                            label=np.concatenate([labels[i] for i in chosen]), group=[len(rows[i]) for i in chosen])
    return lightgbm.train(LGB_PARAMS, data, num_boost_round=ROUNDS)


def scored(score, rows, ids, chosen: list[int], columns: list[int], queries) -> dict[str, list[str]]:
    """qid -> the articles in the order ``score`` (rows -> scores) gives, for queries ``chosen``."""
    import numpy as np

    ranks = {}
    for i in chosen:
        order = np.argsort(-score(rows[i][:, columns]), kind="stable") if len(rows[i]) else []
        ranks[queries[i][0]] = articles([ids[i][j] for j in order])
    return ranks


def summary(ranks, relevant) -> str:
    m = metrics(ranks, relevant, [])
    return " / ".join(f"{m[k]:.1f}" for k in ("R@1", "R@3", "R@5", "MRR@5"))


def train(ix, queries, relevant) -> None:
    """Train similar's ranking models (without and with the passage's own title) on the tuning part,
    write them into searchkit/similar/, and write the rows the tests check them on. Needs LightGBM
    (pip install ".[bench]")."""
    import numpy as np

    from searchkit.similar import ranker

    rows, labels, ids = feature_rows(ix, queries, relevant)
    parts = {part: [i for i, q in enumerate(queries) if part_of(q[0]) == part] for part in ("tuning", "held-aside")}
    here = Path(ranker.__file__).parent
    check = {}
    for titled, names in ((False, TEXT_FEATURES), (True, TITLED_FEATURES)):
        columns = [TITLED_FEATURES.index(n) for n in names]
        booster = fit(rows, labels, parts["tuning"], columns)
        model = ranker.from_lightgbm(booster.dump_model(), names)
        (here / ranker.MODELS[titled]).write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        mine = ranker.Ranker(model)
        sample = np.concatenate(rows)[:, columns][:: max(1, sum(len(r) for r in rows) // CHECK_ROWS)][:CHECK_ROWS]
        check[ranker.MODELS[titled]] = {"rows": sample.tolist(), "scores": booster.predict(sample).tolist()}
        for part, chosen in parts.items():
            print(f"{ranker.MODELS[titled]}, {part} part (R@1 / R@3 / R@5 / MRR@5):",
                  summary(scored(mine.score, rows, ids, chosen, columns, queries), relevant))
    check_file = Path(__file__).resolve().parent.parent / "tests" / "similar_ranker_check.json"
    check_file.write_text(json.dumps(check) + "\n", encoding="utf-8")
    log(f"wrote {', '.join(ranker.MODELS.values())} in {here} and {check_file}")


def cross_validate(ix, queries, relevant, folds: int = 5) -> None:
    """What the models' recipe gives on regulations it never saw: queries fall into ``folds`` folds by
    their title (their regulation: a whole regulation stays in one fold); each fold is ranked by
    models trained on the other folds. Inside the tuning part (what chose the settings), then over
    all queries. Nothing is written."""
    rows, labels, ids = feature_rows(ix, queries, relevant)
    fold_of = [int(hashlib.md5((title or qid).encode()).hexdigest(), 16) % folds for qid, _, title in queries]
    for scope in ("tuning", "all"):
        pool = [i for i, q in enumerate(queries) if scope == "all" or part_of(q[0]) == "tuning"]
        for titled, names in ((False, TEXT_FEATURES), (True, TITLED_FEATURES)):
            columns = [TITLED_FEATURES.index(n) for n in names]
            ranks = {}
            for fold in range(folds):
                booster = fit(rows, labels, [i for i in pool if fold_of[i] != fold], columns)
                ranks.update(scored(booster.predict, rows, ids, [i for i in pool if fold_of[i] == fold], columns, queries))
            for part in ("tuning", "held-aside"):
                mine = {q: r for q, r in ranks.items() if part_of(q) == part}
                if mine:
                    print(f"cross-validated over {scope} queries, {'with' if titled else 'without'} the title, "
                          f"{part} part ({len(mine)}): {summary(mine, relevant)}")


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
    args = parser.parse_args()
    if args.verbatim:
        from similar_verbatim import run

        run(args.verbatim, args.workdir / args.verbatim.name.split(".")[0], args.passages)
    elif args.news:
        news(args)
    elif args.corpus and args.queries and args.qrels:
        retrieval(args)
    else:
        parser.error("give CORPUS QUERIES QRELS, or --news XWLB.jsonl.gz")


if __name__ == "__main__":
    main()
