"""Real searchd clusters for the cluster tests: started on free 127.0.0.1 ports, always stopped.

``corpus`` writes the speeches both the cluster and a local index are loaded with: the synthetic
corpus of test_filters plus generated speeches (jieba words, Latin words and numbers, traditional
characters, repeated headings), so random queries have something to find.
"""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
from pathlib import Path

import pytest

import searchkit
from test_filters import write_corpus

SEARCHD_MISSING = shutil.which("searchd") is None
PYMYSQL_MISSING = importlib.util.find_spec("pymysql") is None
needs_searchd = pytest.mark.skipif(SEARCHD_MISSING or PYMYSQL_MISSING, reason=(
    "searchd is not installed (apt-get install sphinxsearch)" if SEARCHD_MISSING else "pymysql is not installed"))

WORDS = ["改革", "开放", "发展", "经济", "互联网", "电子商务", "创新", "就业", "民生", "科学发展观", "生态文明", "乡村振兴",
         "高质量发展", "人工智能", "数字经济", "对外开放", "合作", "风险", "教育", "公平", "医疗", "文化", "自信", "粮食安全",
         "AI", "5G", "PM2.5", "3.5%", "GDP", "經濟", "發展", "電子商務", "学习", "的", "和", "要", "推进", "坚持"]
SPEAKERS = ["李克强", "温家宝", "习近平", "朱镕基", None]


def generated_speeches(count: int = 24, seed: int = 21) -> list[dict]:
    rng = random.Random(seed)
    records = []
    for number in range(count):
        year = 2000 + rng.randrange(20)
        paragraphs = ["一、" + "".join(rng.sample(WORDS[:24], 2))]  # a heading, often repeated across speeches
        for _ in range(rng.randrange(3, 9)):
            sentence = "".join(rng.choice(WORDS) + rng.choice(["", "，", "、", " ", "。"]) for _ in range(rng.randrange(4, 14)))
            paragraphs.append(sentence.strip() or "发展")
        record = {"id": f"gen-{number:03d}", "title": f"关于{rng.choice(WORDS[:12])}的讲话", "text": "\n".join(paragraphs)}
        if (speaker := rng.choice(SPEAKERS)) is not None:
            record["speaker"] = speaker
        if number % 5:
            record["date"] = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        records.append(record)
    return records


def write_all(folder: Path) -> Path:
    write_corpus(folder)
    lines = [json.dumps(r, ensure_ascii=False) for r in generated_speeches()]
    (folder / "generated.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


class Cluster:
    def __init__(self, folder: Path, url: str, local: Path, corpus: Path) -> None:
        self.folder, self.url, self.local, self.corpus = folder, url, local, corpus

    def pid(self, name: str) -> int:
        from searchkit.cluster import processes

        return processes.pids(self.folder)[name]


def start(base: Path, nodes: int = 3, shards: int = 3, replicas: int = 2):
    """A loaded cluster and a local index of the same files; the nodes stop when the caller's
    generator is closed (a fixture's teardown runs on failure too)."""
    from searchkit.cluster import processes

    corpus = write_all(base / "corpus")
    folder = base / "cluster"
    try:
        state = processes.up(folder, nodes, shards, replicas)
        searchkit.update_index([corpus], state["url"])
        searchkit.update_index([corpus], base / "local")
        yield Cluster(folder, state["url"], base / "local", corpus)
    finally:
        if (folder / processes.STATE).is_file():
            processes.down(folder)
