#!/usr/bin/env python3
"""What issue 11's language tools add to ordinary search, measured side by side in one process.

Usage: python benchmarks/language_cost.py INDEX [--repeat R]

1. Warm `index.search(q, limit=10)` (the library default: no aliases) against `index.search(q,
   limit=10, aliases=table)` over the same queries, alternating query by query: median ms per query,
   for queries without aliases and (apart) for queries that expand.
2. What the CLI adds before a search: loading the alias table and checking the query for aliases
   (`alias_table` + `say_expansions`), timed in a fresh interpreter (median of 5).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUERIES = ["经济发展", "改革开放", "互联网", "就业 创业", '"科学发展观"', "电子商务 OR 网购", "农业 -粮食",
           "中国特色社会主义", "深化改革", "环境保护"]  # no term has an alias: the plain path must not change
ALIASED = ["十八大", "一带一路", "十二五"]  # these expand: more to search, by design
COLD = """
import time
import searchkit.index, searchkit.cli
from searchkit.text import normalize; normalize('中国')
t = time.perf_counter()
from searchkit.cli.language import alias_table, say_expansions
say_expansions('经济发展', alias_table(True, None))
print((time.perf_counter() - t) * 1000)
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("index", type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import searchkit
    from searchkit.language import load_aliases

    table = load_aliases()
    with searchkit.open_index(args.index) as index:
        for name, queries in (("queries without aliases", QUERIES), ("queries that expand", ALIASED)):
            plain, with_aliases = [], []
            for query in queries:  # warm both paths once
                index.search(query, limit=10)
                index.search(query, limit=10, aliases=table)
            for _ in range(args.repeat):
                for query in queries:
                    for bucket, options in ((plain, {}), (with_aliases, {"aliases": table})):
                        start = time.perf_counter()
                        index.search(query, limit=10, **options)
                        bucket.append(time.perf_counter() - start)
            print(f"warm search, {name} ({len(queries)} x {args.repeat}): plain {statistics.median(plain) * 1000:.2f} ms, "
                  f"with aliases {statistics.median(with_aliases) * 1000:.2f} ms (median per query)")
    root = str(Path(__file__).resolve().parents[1])
    cold = [float(subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True,
                                 env={"PYTHONPATH": root}).stdout) for _ in range(5)]
    print(f"CLI alias table load + query check, fresh interpreter: median {statistics.median(cold):.1f} ms (of 5)")


if __name__ == "__main__":
    main()
