"""The obvious case of source tracing: passages copied (or lightly edited) from indexed paragraphs.

Used by ``benchmarks/similar.py --verbatim CORPUS``: CORPUS (a folder of speeches or a JSONL file) is
indexed; passages are cut (seeded) from random paragraphs of at least 60 characters, in six kinds —
one sentence of 15-60 characters, two sentences, the whole paragraph, a sentence with one clause left
out, the sentence in traditional script, its digits full-width — and each is traced with
``index.similar(passage, 5)``. "Source first" counts a passage whose first hit is the paragraph it was
cut from or another paragraph that repeats as much of it; "holds it" a first hit that contains the
passage's words verbatim (kinds that keep the words). Also: hits that share nothing (must be 0) and
the latency.
"""

from __future__ import annotations

import random
import re
import statistics
import time
from collections import defaultdict
from pathlib import Path

import searchkit
from searchkit.text import normalize

SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
KINDS = ("sentence", "two sentences", "paragraph", "clause dropped", "traditional", "full-width digits")


def content(text: str) -> str:
    return "".join(ch for ch in normalize(text) if ch.isalnum())


def passages(index, count: int, seed: int):
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    rng = random.Random(seed)
    pool = [p for p in index.paragraphs() if len(p.text) >= 60]
    for paragraph in rng.sample(pool, min(count, len(pool))):
        sentences = [m.group() for m in SENTENCE.finditer(paragraph.text) if 15 <= len(m.group()) <= 60]
        if not sentences:
            continue
        sentence = rng.choice(sentences)
        clauses = sentence.split("，")
        made = {
            "sentence": sentence,
            "two sentences": "".join(sentences[:2]) if len(sentences) >= 2 else None,
            "paragraph": paragraph.text,
            "clause dropped": "，".join(clauses[:1] + clauses[2:]) if len(clauses) >= 3 else None,
            "traditional": to_traditional.convert(sentence),
            "full-width digits": sentence.translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
            if any(ch.isdigit() for ch in sentence) else None,
        }
        for kind, passage in made.items():
            if passage:
                yield kind, passage, paragraph


def run(corpus: Path, workdir: Path, count: int = 200, seed: int = 1) -> None:
    index_dir = workdir / "verbatim-index"
    if not index_dir.exists():
        searchkit.update_index([corpus], index_dir)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # passages, source first, holds it
    empty_hits, times = 0, []
    with searchkit.open_index(index_dir) as index:
        for kind, passage, paragraph in passages(index, count, seed):
            start = time.perf_counter()
            hits = index.similar(passage, 5)
            times.append(time.perf_counter() - start)
            empty_hits += sum(1 for hit in hits if hit.shared == 0)
            row = tally[kind]
            row[0] += 1
            if not hits:
                continue
            first = hits[0]
            own = (first.speech_id, first.paragraph) == (paragraph.speech_id, paragraph.paragraph)
            row[1] += own or (first.verbatim and content(passage) in content(first.text))
            row[2] += content(passage) in content(first.text)
    print(f"verbatim: {corpus} — {sum(r[0] for r in tally.values())} passages from {count} paragraphs (seed {seed})")
    print("| kind | passages | source first | first hit holds it verbatim |\n|---|---|---|---|")
    for kind in KINDS:
        n, first, held = tally[kind]
        if n:
            print(f"| {kind} | {n} | {first / n:.3f} | {held / n:.3f} |")
    times.sort()
    print(f"hits sharing nothing: {empty_hits}; latency p50 {1000 * statistics.median(times):.0f} ms, "
          f"p95 {1000 * times[int(0.95 * (len(times) - 1))]:.0f} ms")
