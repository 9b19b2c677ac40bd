#!/usr/bin/env python3
"""Search quality of searchkit against the stock jieba + Whoosh setup, on the same paragraphs.

Usage: python benchmarks/quality.py CORPUS_DIR [--queries N] [--seed S] [--workdir DIR] [--rebuild]
                                   [--examples K]

Method. searchkit indexes CORPUS_DIR; the *stock* baseline is what a naive user of jieba + Whoosh
builds: one TEXT field (``jieba.analyse.ChineseAnalyzer()``, stored, ``phrase=True``) over exactly the
paragraphs ``searchkit.open_index(...).paragraphs()`` yields, queries parsed by
``whoosh.qparser.QueryParser("content", schema)``, highlights from Whoosh's highlighter (one fragment
for the whole text, a formatter that records the spans it would mark). The truth is a brute-force
Python substring scan over the same texts. Queries are sampled from the texts with a fixed seed, one
random stream per metric (changing one metric's sampling leaves the others' queries alone):

1. substring recall: a random run of 2-6 Han characters (U+4E00-U+9FFF) from a random paragraph,
   unquoted; recall = |returned ∩ truth| / |truth|, averaged; plus the share with recall 1.
2. exact phrase: the same strings, quoted; a query passes when the returned set == truth exactly.
3. highlight exactness: over all hits of (1), a hit is exact when its merged spans equal the merged
   spans of every occurrence of the query in its text (so a hit without the query intact is exact only
   when nothing is marked); also shown over the hits that do hold the query intact.
4. traditional = simplified: random 2-4 Han character strings that OpenCC s2t changes; both forms
   queried unquoted; passes when both return the same non-empty set (pairs where both forms find
   nothing fail, and are also counted on their own row).
5. known-item MRR@10: a random paragraph of >= 30 characters, two distinct jieba words from it (Han
   only, >= 2 characters, not stopwords), queried unquoted as ``w1 w2``; 1/rank of that paragraph.

A query that raises fails for that system (recall 0, no pass, rank 0) instead of crashing. Both
indexes are cached under --workdir, rebuilt when a corpus file or searchkit's source changes or with
--rebuild. After the table come a few failing searchkit queries per metric.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import re
import shlex
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import jieba
import jieba.analyse
import opencc
from whoosh import highlight, index as whoosh_index
from whoosh.fields import ID, NUMERIC, TEXT, Schema
from whoosh.qparser import QueryParser

import searchkit
from searchkit.engine.highlight import merge  # the spans search merges

HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
STOCK_VERSION = "1"  # bump when the stock setup changes: invalidates cached indexes
STOPWORDS = frozenset(
    "我们 你们 他们 它们 大家 自己 这个 那个 这些 那些 这样 那样 这种 这里 那里 一个 一些 一切 各种 以及"
    " 并且 而且 但是 因为 所以 如果 虽然 已经 可以 就是 还是 或者 不是 什么 其中 对于 关于 通过 由于 为了"
    " 同时 以上 以下 等等 没有 进行 不能 必须 应该 需要 今年 去年 明年 主要 方面 问题 工作 情况 我国".split()
)
TARGETS = {"substring recall (mean)": "≥ 0.99", "exact phrase": "≥ 0.97", "highlight exact": "≥ 0.98",
           "traditional = simplified": "≥ 0.90", "known-item MRR@10": "≥ stock"}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- indexes ---------------------------------------------------------------------------------------


def fingerprint(corpus: Path) -> str:
    digest = hashlib.sha256(STOCK_VERSION.encode())
    for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(corpus)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    for path in sorted(Path(searchkit.__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_indexes(corpus: Path, workdir: Path, rebuild: bool) -> dict:
    """Build (or reuse) both indexes: {"searchkit": seconds, "stock": seconds, "cached": bool}."""
    state_file, fp = workdir / "state.json", fingerprint(corpus)
    if not rebuild and state_file.exists():
        state = json.loads(state_file.read_text())
        if state.get("fingerprint") == fp:
            return {**state["build"], "cached": True}
    state_file.unlink(missing_ok=True)
    for name in ("searchkit", "stock"):
        shutil.rmtree(workdir / name, ignore_errors=True)
    log("building the searchkit index ...")
    start = time.perf_counter()
    searchkit.update_index([corpus], workdir / "searchkit", rebuild=True)
    build = {"searchkit": time.perf_counter() - start}
    log("building the stock index ...")
    start = time.perf_counter()
    schema = Schema(speech_id=ID(stored=True), paragraph=NUMERIC(int, stored=True),
                    content=TEXT(analyzer=jieba.analyse.ChineseAnalyzer(), stored=True, phrase=True))
    (workdir / "stock").mkdir(parents=True)
    writer = whoosh_index.create_in(str(workdir / "stock"), schema).writer(limitmb=256)
    with searchkit.open_index(workdir / "searchkit") as ix:
        for p in ix.paragraphs():
            writer.add_document(speech_id=p.speech_id, paragraph=p.paragraph, content=p.text)
    writer.commit()
    build["stock"] = time.perf_counter() - start
    state_file.write_text(json.dumps({"fingerprint": fp, "build": build}))
    return {**build, "cached": False}


# -- the two systems: search(query, limit, spans) -> [((speech_id, paragraph), spans)], best first ----


def occurrences(needle: str, text: str) -> tuple:
    """Merged spans of every occurrence (overlapping ones too) of ``needle`` in ``text``."""
    spans, i = [], text.find(needle)
    while i >= 0:
        spans.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return merge(spans)


class Searchkit:
    def __init__(self, index_dir: Path) -> None:
        self.ix = searchkit.open_index(index_dir)

    def search(self, query: str, limit: int | None = None, spans: bool = False) -> list:
        return [((h.speech_id, h.paragraph), tuple(h.matches)) for h in self.ix.search(query, limit=limit)]


class _SpanRecorder(highlight.Formatter):
    """Records the spans Whoosh's formatter would mark, instead of marking them."""

    spans: list = []

    def format_token(self, text, token, replace=False):
        self.spans.append((token.startchar, token.endchar))
        return ""


class Stock:
    def __init__(self, index_dir: Path) -> None:
        self.ix = whoosh_index.open_dir(str(index_dir))
        self.searcher, self.parser = self.ix.searcher(), QueryParser("content", self.ix.schema)
        self.recorder = _SpanRecorder()
        self.highlighter = highlight.Highlighter(highlight.WholeFragmenter(charlimit=None), formatter=self.recorder)

    def search(self, query: str, limit: int | None = None, spans: bool = False) -> list:
        hits = self.searcher.search(self.parser.parse(query), limit=limit)
        return [((hit["speech_id"], hit["paragraph"]), self._spans(hit) if spans else ()) for hit in hits]

    def _spans(self, hit) -> tuple:
        self.recorder.spans = []
        self.highlighter.highlight_hit(hit, "content", top=1)
        return merge(self.recorder.spans)


# -- sampling --------------------------------------------------------------------------------------


def han_substring(rng: random.Random, texts: list[str], low: int, high: int) -> str:
    while True:
        text, length = rng.choice(texts), rng.randint(low, high)
        starts = [i for m in HAN_RUN.finditer(text) for i in range(m.start(), m.end() - length + 1)]
        if starts:
            start = rng.choice(starts)
            return text[start : start + length]


def sample_queries(paragraphs: dict, n: int, seed: int) -> dict:
    texts = list(paragraphs.values())
    rng = random.Random(f"{seed}/substring")
    substrings = [han_substring(rng, texts, 2, 6) for _ in range(n)]
    rng, s2t, pairs = random.Random(f"{seed}/traditional"), opencc.OpenCC("s2t"), []
    for _ in range(200 * n):  # a corpus may hold few convertible strings: do not loop forever
        simplified = han_substring(rng, texts, 2, 4)
        if (traditional := s2t.convert(simplified)) != simplified:
            pairs.append((simplified, traditional))
        if len(pairs) == n:
            break
    rng, known = random.Random(f"{seed}/known-item"), []
    candidates = sorted(key for key, text in paragraphs.items() if len(text) >= 30)
    for _ in range(200 * n):
        key = rng.choice(candidates)
        words = [w for w in dict.fromkeys(jieba.lcut(paragraphs[key]))
                 if len(w) >= 2 and w not in STOPWORDS and HAN_RUN.fullmatch(w)]
        if len(words) >= 2:
            known.append((key, " ".join(rng.sample(words, 2))))
        if len(known) == n:
            break
    return {"substrings": substrings, "pairs": pairs, "known": known}


# -- measuring -------------------------------------------------------------------------------------


def diff(got: set, want: set) -> str:
    """'missed 2 [a#3, b#7], extra 0 []': paragraph keys, at most three of each shown."""
    show = lambda keys: f"{len(keys)} [{', '.join(f'{s}#{p}' for s, p in sorted(keys)[:3])}{' …' * (len(keys) > 3)}]"
    return f"missed {show(want - got)}, extra {show(got - want)}"


def measure(system, paragraphs: dict, queries: dict, examples: dict) -> dict:
    """Every metric for one system; failing queries go to ``examples[metric]``."""
    seconds, errors = 0.0, 0

    def run(query: str, **kw) -> list | None:
        nonlocal seconds, errors
        start = time.perf_counter()
        try:
            return system.search(query, **kw)
        except Exception as error:  # noqa: BLE001 - a query that raises is a failed query
            errors += 1
            examples["error"].append(f"{query!r}: {type(error).__name__}: {error}")
            return None
        finally:
            seconds += time.perf_counter() - start

    keys = lambda hits: {key for key, _ in hits or ()}
    recalls, phrase_pass, hl_exact, hl_total, hl_true_exact, hl_true_total = [], 0, 0, 0, 0, 0
    for needle in queries["substrings"]:
        want = {key for key, text in paragraphs.items() if needle in text}
        got = run(needle, spans=True)
        recalls.append(len(keys(got) & want) / len(want))
        if recalls[-1] < 1:
            examples["substring recall"].append(f"{needle!r}: recall {recalls[-1]:.2f}, {diff(keys(got), want)}")
        inexact = [(key, spans) for key, spans in got or () if spans != occurrences(needle, paragraphs[key])]
        hl_total, hl_exact = hl_total + len(got or ()), hl_exact + len(got or ()) - len(inexact)
        hl_true_total += len(keys(got) & want)
        hl_true_exact += len(keys(got) & want) - sum(key in want for key, _ in inexact)
        if inexact:
            key, spans = inexact[0]
            expected = occurrences(needle, paragraphs[key])
            extra = [paragraphs[key][s:e] for s, e in spans if (s, e) not in expected]
            examples["highlight"].append(f"{needle!r}: {len(inexact)}/{len(got)} hits inexact; e.g. {key[0]}#{key[1]}"
                                         f" marks {extra[:5]}, misses {[x for x in expected if x not in spans]}")
        quoted = run(f'"{needle}"')
        phrase_pass += quoted is not None and keys(quoted) == want
        if quoted is None or keys(quoted) != want:
            examples["exact phrase"].append(f'"{needle}": {diff(keys(quoted), want)}')
    trad_pass = trad_empty = 0
    for simplified, traditional in queries["pairs"]:
        a, b = run(simplified), run(traditional)
        ok = a is not None and b is not None and bool(a) and keys(a) == keys(b)
        trad_pass += ok
        trad_empty += a == [] and b == []
        if not ok:
            outcome = "raised" if a is None or b is None else diff(keys(b), keys(a))
            examples["traditional"].append(f"{simplified!r} / {traditional!r}: {outcome}")
    ranks = []
    for key, query in queries["known"]:
        top = [k for k, _ in run(query, limit=10) or []]
        ranks.append(1 / (top.index(key) + 1) if key in top else 0.0)
    share = lambda part, total: part / total if total else float("nan")
    return {
        "substring recall (mean)": share(sum(recalls), len(recalls)),
        "substring recall == 1 (share)": share(sum(r == 1 for r in recalls), len(recalls)),
        "exact phrase (pass)": share(phrase_pass, len(queries["substrings"])),
        "highlight exact (share of hits)": f"{share(hl_exact, hl_total):.3f} (n={hl_total})",
        "  … of hits holding the query intact": f"{share(hl_true_exact, hl_true_total):.3f} (n={hl_true_total})",
        "traditional = simplified (pass)": share(trad_pass, len(queries["pairs"])),
        "traditional: both forms found nothing": trad_empty,
        "known-item MRR@10": share(sum(ranks), len(ranks)),
        "queries that raised": errors,
        "query seconds (total)": seconds,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of speeches to index")
    parser.add_argument("--queries", type=int, default=300, help="queries per metric (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="sampling seed (default 1)")
    parser.add_argument("--workdir", type=Path, help="index cache (default: a folder per corpus in the temp dir)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild both indexes even when cached")
    parser.add_argument("--examples", type=int, default=5, help="failing searchkit queries shown per metric")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        parser.error(f"{corpus} is not a folder")
    tag = hashlib.sha256(str(corpus).encode()).hexdigest()[:10]
    workdir = args.workdir or Path(tempfile.gettempdir()) / f"searchkit-quality-{tag}"
    workdir.mkdir(parents=True, exist_ok=True)
    jieba.setLogLevel(logging.WARNING)

    build = build_indexes(corpus, workdir, args.rebuild)
    with searchkit.open_index(workdir / "searchkit") as ix:
        paragraphs = {(p.speech_id, p.paragraph): p.text for p in ix.paragraphs()}
    queries = sample_queries(paragraphs, args.queries, args.seed)
    log(f"querying {len(paragraphs)} paragraphs ...")
    results, examples = {}, {}
    for name, system_class in (("searchkit", Searchkit), ("stock", Stock)):
        examples[name] = defaultdict(list)
        results[name] = measure(system_class(workdir / name), paragraphs, queries, examples[name])

    print(f"command: {shlex.join([sys.executable, *sys.argv])}")
    print(f"corpus: {corpus} ({len(paragraphs)} paragraphs); workdir: {workdir}")
    print(f"queries: {len(queries['substrings'])} substring/phrase, {len(queries['pairs'])} traditional pairs, "
          f"{len(queries['known'])} known-item (seed {args.seed})\n")
    rows = [("metric", "searchkit", "stock", "target")]
    for label in results["searchkit"]:
        cells = [f"{v:.3f}" if isinstance(v, float) else str(v) for v in (results[n][label] for n in results)]
        rows.append((label, *cells, next((t for k, t in TARGETS.items() if label.startswith(k)), "")))
    rows.append(("index build seconds" + (" (cached)" if build["cached"] else ""),
                 f"{build['searchkit']:.1f}", f"{build['stock']:.1f}", ""))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for i, row in enumerate(rows):
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if i == 0:
            print("-+-".join("-" * w for w in widths))

    for metric, descriptions in examples["searchkit"].items() if args.examples > 0 else ():
        print(f"\nsearchkit failures, {metric}: {len(descriptions)} queries")
        for description in descriptions[: args.examples]:
            print(f"  {description}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
