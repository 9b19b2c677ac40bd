"""The passage analyzed once — weighted words and bigrams, a k-gram table — and its alignment with a
candidate's text: the reused spans."""

from __future__ import annotations

import math
from collections import defaultdict

from ..text import normalize, pieces
from ..engine.highlight import merge
from ..engine.scoring import idf
from .bm25 import gram_df


def content_length(normalized: str) -> int:
    return sum(m.end() - m.start() for m in pieces(normalized))


def content_chars(normalized: str) -> str:
    """Letters, digits and Han characters only: what the in-order overlap compares."""
    return "".join(ch for ch in normalized if ch.isalnum())


def bigrams(normalized: str) -> set[str]:
    """The Han bigrams of a normalized string."""
    grams: set[str] = set()
    for match in pieces(normalized):
        if match.lastgroup == "han":
            run = match.group()
            grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def covered_content(normalized: str, spans: list[tuple[int, int]]) -> int:
    """The letters, digits and Han characters of ``normalized`` inside ``spans``, each once: a share of
    the passage counts its words as ``content_length`` does, not the punctuation a span runs across
    (else a paragraph holding only part of the passage could share "100%" of it)."""
    return sum(content_length(normalized[s:e]) for s, e in merge(spans))


class Passage:
    """The passage analyzed once: weighted words and bigrams, a k-gram table for alignment."""

    def __init__(self, text: str, index, max_terms: int, max_grams: int, min_span: int) -> None:
        self.text = text
        self.norm = normalize(text)
        self.content = content_length(self.norm)
        self.chars = content_chars(self.norm)
        self.n = n = index.store.doc_count()
        counts: dict[str, int] = defaultdict(int)
        for word, _, _ in index.segmenter(self.norm):  # cut as the index's own word field was
            counts[word] += 1
        ranked = []
        for word, count in counts.items():
            df = index.store.word_df(word)
            if df:  # boosted by its damped count alone: BM25 weighs in the idf itself
                ranked.append((idf(df, n) * (1 + math.log(count)), word, 1 + math.log(count)))
        ranked.sort(reverse=True)
        self.words = [(word, boost) for _, word, boost in ranked[:max_terms]]
        self.bigram_idf: dict[str, float] = {}
        for gram in bigrams(self.norm):
            df = gram_df(index, gram)
            self.bigram_idf[gram] = idf(df, n) if df else 0.0
        self.bigram_total = sum(self.bigram_idf.values()) or 1.0
        best_grams = sorted(((w, g) for g, w in self.bigram_idf.items() if w > 0), reverse=True)
        self.grams = [(gram, 1.0) for _, gram in best_grams[:max_grams]]
        # A passage shorter than a span (就业) is matched whole: it is its own shortest reused span.
        self.aligner = SpanAligner(self.norm, max(2, min(min_span, self.content)))

    def share(self, grams) -> float:
        """The idf-weighted share of the passage's bigrams that ``grams`` holds."""
        return sum(self.bigram_idf[g] for g in grams) / self.bigram_total

    def align(self, norm: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        return self.aligner.align(norm)


class SpanAligner:
    """The reused spans between one normalized text (the passage) and any other: a table of the
    passage's ``k``-character strings, built once."""

    def __init__(self, norm: str, k: int) -> None:
        self.norm, self.k = norm, k
        self.kgrams: dict[str, list[int]] = defaultdict(list)
        for i in range(len(norm) - k + 1):
            self.kgrams[norm[i : i + k]].append(i)

    def align(self, norm: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """Greedy left-to-right longest common substrings of ``norm`` and the passage, trimmed of
        punctuation at both ends, each at least ``k`` characters: [((s, e) in norm, (ps, pe))]."""
        k, passage, pairs = self.k, self.norm, []
        i, end = 0, len(norm)
        while i <= end - k:
            starts = self.kgrams.get(norm[i : i + k])
            if not starts:
                i += 1
                continue
            best_len, best_start = 0, 0
            for p in starts:
                length = k
                while i + length < end and p + length < len(passage) and norm[i + length] == passage[p + length]:
                    length += 1
                if length > best_len:
                    best_len, best_start = length, p
            s, e = i, i + best_len
            while s < e and not norm[s].isalnum():
                s += 1
            while e > s and not norm[e - 1].isalnum():
                e -= 1
            if e - s >= k:
                ps = best_start + (s - i)
                pairs.append(((s, e), (ps, ps + e - s)))
            i += best_len
        return pairs
