"""Reuse pairs generated from speeches and news: the second kind of text similar's models learn from.

SLARD's queries are regulation articles; a model that saw only them ranked speeches badly (with a
passage's title given it put the passage's own report second in one case of ten). So the training
also takes passages cut (seeded) from the 49 government work reports and the first ``stories`` xwlb
news stories, indexed together, each in one of six kinds:

- copied: one to three consecutive sentences as they are;
- trimmed: a sentence or two without their first and/or last clause;
- edited: about one word in eight replaced by another word of the corpus or left out;
- clauses: the clauses shuffled, one left out, one word replaced (paraphrase by clause);
- merged: the sentences before or after a sentence of another paragraph (two sources);
- reworded: about a third of the words (of two characters or more) replaced or left out.

Half the passages carry their source's title (what a user who knows where a passage comes from
gives as ``passage_title``). Relevant: the source speech, every speech with a paragraph that holds
the kept wording verbatim (the same sentence said again in another year), and the other source of a
merged passage; passages whose wording more than ``MAX_RELEVANT`` speeches hold (boilerplate) are
left out. Parts: ``sha256(source speech id) % 3 == 0`` is held aside — a speech's passages all fall
on one side, so the held-aside part is unseen speeches.
"""

from __future__ import annotations

import gzip
import hashlib
import random
import re
from pathlib import Path

import searchkit
from searchkit.text import normalize

KINDS = ("copied", "trimmed", "edited", "clauses", "merged", "reworded")
SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
CLAUSE = re.compile(r"(?<=[，、；：])")
MAX_RELEVANT = 5
WEIGHT = 0.5  # a generated query's weight beside a SLARD query's in training (cross-validated)


def content(text: str) -> str:
    return "".join(ch for ch in normalize(text) if ch.isalnum())


def part_of(source: str) -> str:
    return "held-aside" if int(hashlib.sha256(source.encode()).hexdigest(), 16) % 3 == 0 else "tuning"


def build(gov: Path, news: Path, workdir: Path, stories: int = 4000) -> Path:
    """An index of the reports and the first ``stories`` news stories under ``workdir`` (made once)."""
    workdir.mkdir(parents=True, exist_ok=True)
    index, subset = workdir / "index", workdir / f"news-{stories}.jsonl"
    if not subset.exists():
        with gzip.open(news, "rt", encoding="utf-8") as lines:
            subset.write_text("".join(line for _, line in zip(range(stories), lines)), encoding="utf-8")
    if not index.exists():
        searchkit.update_index([gov, subset], index)
    return index


def _han_words(texts, segmenter) -> list[str]:
    return [w for text in texts for w in segmenter(text) if len(w) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in w)]


def _replace(words: list[str], share: float, vocab: list[str], rng: random.Random) -> str:
    """``words`` with about ``share`` of those of two characters or more replaced or left out."""
    out = list(words)
    for i, word in enumerate(out):
        if len(word) > 1 and rng.random() < share:
            out[i] = rng.choice([rng.choice(vocab), ""])
    return "".join(out)


def _passage(kind, paragraph, sentences, pool, vocab, cut, rng):
    """(text, kept wording, other source) of one ``kind``, or None when the paragraph can't give it."""
    i = rng.randrange(len(sentences))
    span = "".join(sentences[i : i + rng.choice([1, 1, 2, 3])])
    clauses = [c for c in CLAUSE.split(span) if c]
    if kind == "copied":
        return span, span, None
    if kind == "trimmed":
        first, last = rng.randint(0, 1), len(clauses) - rng.randint(0, 1)
        if last - first < 2 or (first, last) == (0, len(clauses)):
            return None
        kept = "".join(clauses[first:last])
        return kept, kept, None
    if kind == "edited":
        return _replace(cut(span), 1 / 8, vocab, rng), span, None
    if kind == "reworded":
        return _replace(cut(span), 0.35, vocab, rng), span, None
    if kind == "clauses":
        if len(clauses) < 3:
            return None
        del clauses[rng.randrange(len(clauses))]
        rng.shuffle(clauses)
        return _replace(cut("".join(clauses)), 1 / len(clauses) / 2, vocab, rng), span, None
    other = rng.choice(pool)  # merged
    theirs = [m.group() for m in SENTENCE.finditer(other.text) if len(m.group()) >= 12]
    if not theirs or other.speech_id == paragraph.speech_id:
        return None
    extra = rng.choice(theirs)
    return (span + extra if rng.random() < 0.5 else extra + span), span, other.speech_id


def make(index, count: int = 2000, seed: int = 11) -> list[dict]:
    """About ``count`` passages: {"id", "kind", "text", "title", "relevant", "source"}."""
    import jieba

    rng = random.Random(seed)
    paragraphs = list(index.paragraphs())
    pool = [p for p in paragraphs if len(p.text) >= 60]
    vocab = _han_words((p.text for p in rng.sample(paragraphs, min(2000, len(paragraphs)))), jieba.lcut)
    made = []
    for paragraph in rng.sample(pool, min(count, len(pool))):
        sentences = [m.group() for m in SENTENCE.finditer(paragraph.text) if len(m.group()) >= 12]
        if not sentences:
            continue
        kind = rng.choice(KINDS + ("reworded",))  # the hardest kind twice as often
        passage = _passage(kind, paragraph, sentences, pool, vocab, jieba.lcut, rng)
        title = paragraph.title if rng.random() < 0.5 else None
        if passage and len(content(passage[0])) >= 8:
            made.append((kind, passage, title, paragraph.speech_id))
    texts = [(p.speech_id, content(p.text)) for p in paragraphs]
    pairs = []
    for kind, (text, kept, other), title, source in made:
        wording = content(kept)
        relevant = {source} | {sid for sid, held in texts if wording in held} | ({other} if other else set())
        if len(relevant) <= MAX_RELEVANT:
            pairs.append({"id": f"generated-{len(pairs)}", "kind": kind, "text": text, "title": title,
                          "relevant": sorted(relevant), "source": source})
    return pairs
