"""Source tracing / text reuse: the indexed paragraphs that share most of a passage's content.

Two stages, both linear in the passage's length:

1. Candidates. The passage's most discriminative jieba words (``max_terms``, by idf from the index
   times a damped count) and Han bigrams (``max_grams``, by idf) each score every paragraph holding
   them, BM25 with the index's own statistics, read straight from the posting lists. Capping the terms
   keeps a 500-character passage about as fast as a short one: common words add little evidence but
   have the longest posting lists. The ``candidates`` best by either score go on.
2. Re-ranking by shared content. Each candidate is aligned with the passage — greedy longest common
   substrings of at least ``min_span`` characters are the reused spans — and scored by a weighted sum
   of: the idf-weighted share of the passage's bigrams it holds, the share of its own characters that
   are reused, the word BM25 (relative to the best; the bigram BM25's weight tuned to 0: it only
   brings candidates in), and the idf-weighted share of its title's bigrams found in the passage (a
   law's title names what its articles are about). With
   ``by="speech"`` a speech pools its candidate paragraphs: bigram share over their union, the best of
   the rest. The weights were tuned on part of SLARD's train split (benchmarks/similar.py --tune).

Every reused span is exact: ``hit.text[s:e]`` and ``passage[ps:pe]`` (its partner at the same position
in ``passage_matches``) are the same text after normalization (width, case, script).
"""

from __future__ import annotations

import math
import weakref
from collections import defaultdict
from dataclasses import dataclass

from .analysis import normalize, pieces, segment
from .errors import QueryError
from .filters import Filters
from .models import SimilarHit
from .schema import WORDS

MAX_PASSAGE_CHARS = 50_000
BY = ("paragraph", "speech")
K1, B = 1.2, 0.75  # BM25's usual constants


@dataclass(frozen=True)
class Tuning:
    """The method's knobs; the defaults were tuned on SLARD's train split (its tuning part)."""

    max_terms: int = 30  # jieba words that select candidates
    max_grams: int = 50  # Han bigrams that select candidates
    candidates: int = 100  # paragraphs re-ranked, from each of the two scores
    min_span: int = 4  # shortest reused span, in characters
    w_passage: float = 1.0  # idf-weighted share of the passage's bigrams the hit holds
    w_hit: float = 0.3  # share of the hit's own characters that are reused
    w_words: float = 0.3  # BM25 over words, relative to the best candidate's
    w_grams: float = 0.0  # BM25 over bigrams (tuned to 0: it only brings candidates in)
    w_title: float = 0.7  # idf-weighted share of the hit's title bigrams found in the passage


DEFAULT_TUNING = Tuning()


def _idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _content_length(normalized: str) -> int:
    return sum(m.end() - m.start() for m in pieces(normalized))


def _bigrams(normalized: str) -> set[str]:
    """The Han bigrams of a normalized string."""
    grams: set[str] = set()
    for match in pieces(normalized):
        if match.lastgroup == "han":
            run = match.group()
            grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


class _Passage:
    """The passage analyzed once: weighted words and bigrams, a k-gram table for alignment."""

    def __init__(self, text: str, reader, tuning: Tuning, substrings) -> None:
        self.text = text
        self.substrings = substrings
        self.norm = normalize(text)
        self.content = _content_length(self.norm)
        self.n = n = reader.doc_count()
        counts: dict[str, int] = defaultdict(int)
        for word, _, _ in segment(self.norm):
            counts[word] += 1
        ranked = []
        for word, count in counts.items():
            df = reader.doc_frequency(WORDS, word)
            if df:  # boosted by its damped count alone: BM25 weighs in the idf itself
                ranked.append((_idf(df, n) * (1 + math.log(count)), word, 1 + math.log(count)))
        ranked.sort(reverse=True)
        self.words = [(word, boost) for _, word, boost in ranked[: tuning.max_terms]]
        self.bigram_idf: dict[str, float] = {}
        for gram in _bigrams(self.norm):
            df = _gram_df(substrings, gram)
            self.bigram_idf[gram] = _idf(df, n) if df else 0.0
        self.bigram_total = sum(self.bigram_idf.values()) or 1.0
        best_grams = sorted(((idf, g) for g, idf in self.bigram_idf.items() if idf > 0), reverse=True)
        self.grams = [(gram, 1.0) for _, gram in best_grams[: tuning.max_grams]]
        self.k = k = tuning.min_span
        self.kgrams: dict[str, list[int]] = defaultdict(list)
        for i in range(len(self.norm) - k + 1):
            self.kgrams[self.norm[i : i + k]].append(i)

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


def _merged_length(spans) -> int:
    total, last = 0, -1
    for s, e in sorted(spans):
        s = max(s, last)
        if e > s:
            total += e - s
            last = e
    return total


@dataclass
class Candidate:
    """One re-ranked paragraph and its features (the benchmark's tuner re-weighs these)."""

    stored: dict
    pairs: list
    bigrams: set  # passage bigrams the paragraph holds
    passage_share: float
    hit_share: float
    words: float
    grams: float
    title: float
    shared: float  # share of the passage's characters in reused spans

    def score(self, tuning: Tuning, passage_share: float | None = None) -> float:
        return (
            tuning.w_passage * (self.passage_share if passage_share is None else passage_share)
            + tuning.w_hit * self.hit_share
            + tuning.w_words * self.words
            + tuning.w_grams * self.grams
            + tuning.w_title * self.title
        )


def candidates(index, text: str, tuning: Tuning = DEFAULT_TUNING, exclude=(), **filters) -> tuple["_Passage", list[Candidate]]:
    """The passage analyzed, and its candidates with their features, unranked."""
    if not isinstance(text, str):
        raise QueryError("the passage must be a string")
    if len(text) > MAX_PASSAGE_CHARS:
        raise QueryError(f"the passage is {len(text)} characters long; the limit is {MAX_PASSAGE_CHARS}")
    reader = index._searcher.reader()
    passage = _Passage(text, reader, tuning, index._substrings)
    if not passage.content:
        raise QueryError("the passage has no words to compare")
    options = index._restriction(Filters.of(**filters))
    allowed, masked = options.get("filter"), set(options.get("mask", ())) | _docnums_of(index, exclude)
    by_words = _bm25(reader, WORDS, passage.words)
    by_grams = _gram_bm25(index, passage.grams)
    pool: set[int] = set()
    for scores in (by_words, by_grams):
        admitted = (d for d in scores if (allowed is None or d in allowed) and d not in masked)
        pool.update(sorted(admitted, key=scores.__getitem__, reverse=True)[: tuning.candidates])
    best_words = max((by_words.get(d, 0.0) for d in pool), default=0.0) or 1.0
    best_grams = max((by_grams.get(d, 0.0) for d in pool), default=0.0) or 1.0
    titles: dict[str, float] = {}
    found = []
    for docnum in sorted(pool):
        stored = reader.stored_fields(docnum)
        norm = normalize(stored["text"])
        pairs = passage.align(norm)
        shared_bigrams = _bigrams(norm) & passage.bigram_idf.keys()
        title = stored.get("title") or ""
        if title not in titles:
            titles[title] = _title_share(reader, passage, title)
        found.append(
            Candidate(
                stored=stored,
                pairs=pairs,
                bigrams=shared_bigrams,
                passage_share=sum(passage.bigram_idf[g] for g in shared_bigrams) / passage.bigram_total,
                hit_share=_merged_length(s for s, _ in pairs) / (_content_length(norm) or 1),
                words=by_words.get(docnum, 0.0) / best_words,
                grams=by_grams.get(docnum, 0.0) / best_grams,
                title=titles[title],
                shared=_merged_length(p for _, p in pairs) / passage.content,
            )
        )
    return passage, found


def rank(passage: "_Passage", found: list[Candidate], tuning: Tuning, by: str = "paragraph") -> list[tuple[float, Candidate]]:
    """(score, candidate) best first; ``by="speech"``: one per speech, its best paragraph, scored
    with the bigram share of all its candidate paragraphs together."""
    ranked = sorted(((c.score(tuning), c) for c in found), key=lambda pair: -pair[0])
    if by == "paragraph":
        return ranked
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for _, candidate in ranked:
        groups[candidate.stored["speech_id"]].append(candidate)
    pooled = []
    for members in groups.values():
        union = set().union(*(c.bigrams for c in members))
        share = sum(passage.bigram_idf[g] for g in union) / passage.bigram_total
        best = max(members, key=lambda c: (c.hit_share, c.words, c.grams))
        score = (
            tuning.w_passage * share
            + tuning.w_hit * best.hit_share
            + tuning.w_words * max(c.words for c in members)
            + tuning.w_grams * max(c.grams for c in members)
            + tuning.w_title * best.title
        )
        pooled.append((score, members[0]))  # shown: the speech's best-scoring paragraph
    return sorted(pooled, key=lambda pair: -pair[0])


def find_similar(
    index,
    text: str,
    limit: int = 10,
    *,
    by: str = "paragraph",
    exclude=(),
    tuning: Tuning = DEFAULT_TUNING,
    **filters,
) -> list[SimilarHit]:
    """The ``limit`` paragraphs (``by="speech"``: one per speech) sharing most of ``text``'s content,
    best first. ``exclude`` lists (speech_id, paragraph) pairs to leave out; ``filters`` are those of
    ``SpeechIndex.search``."""
    if not isinstance(limit, int) or limit < 0:
        raise QueryError(f"limit must be 0 or more, not {limit}")
    if by not in BY:
        raise QueryError(f"by must be one of {', '.join(BY)}, not {by!r}")
    passage, found = candidates(index, text, tuning, exclude, **filters)
    return [_hit(c, score) for score, c in rank(passage, found, tuning, by)[:limit]]


def _bm25(reader, field: str, terms: list[tuple[str, float]]) -> dict[int, float]:
    n = reader.doc_count()
    norms = _length_norms(reader, field)
    scores: dict[int, float] = {}
    get = scores.get
    for term, boost in terms:
        weight = boost * _idf(reader.doc_frequency(field, term), n) * (K1 + 1)
        for ids, tfs in _posting_blocks(reader, field, term):
            for docnum, tf in zip(ids, tfs):
                norm = norms.get(docnum)
                if norm is None:
                    norm = norms.miss(docnum)
                scores[docnum] = get(docnum, 0.0) + weight * tf / (tf + norm)
    return scores


def _gram_df(substrings, gram: str) -> int:
    """In how many paragraphs a bigram occurs (the character index counts it exactly)."""
    return int(substrings.find(gram)[0].size)


def _gram_bm25(index, grams: list[tuple[str, float]]) -> dict[int, float]:
    """BM25 of each paragraph holding some of ``grams``, summed (as search scores a bigram)."""
    import numpy as np

    parts = [index._evaluator.bm25(gram) for gram, _ in grams]
    parts = [p for p in parts if p.docs.size]
    if not parts:
        return {}
    docs, where = np.unique(np.concatenate([p.docs for p in parts]), return_inverse=True)
    scores = np.bincount(where, weights=np.concatenate([p.scores for p in parts]))
    return dict(zip(docs.tolist(), scores.tolist()))


def _posting_blocks(reader, field: str, term: str):
    """(docnums, term frequencies) of ``term``'s postings, a block at a time where the codec allows:
    Whoosh's own OR matcher spends seconds on 80 terms, this accumulator milliseconds."""
    for leaf, base in reader.leaf_readers():
        if not leaf.doc_frequency(field, term):
            continue
        matcher = leaf.postings(field, term)
        if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):  # whoosh3 block postings
            while matcher.is_active():
                matcher._read_ids()
                matcher._read_weights()
                yield [base + i for i in matcher._ids], matcher._weights
                matcher._next_block()
            continue
        ids, tfs = [], []
        while matcher.is_active():
            ids.append(base + matcher.id())
            tfs.append(matcher.weight())
            matcher.next()
        yield ids, tfs


class _LengthNorms(dict):
    """docnum -> BM25's length term K1 * (1 - B + B * length / mean length), read on first need."""

    def __init__(self, reader, field: str) -> None:
        super().__init__()
        self._reader, self._field = reader, field
        self._mean = (reader.field_length(field) / max(reader.doc_count(), 1)) or 1.0

    def miss(self, docnum: int) -> float:
        length = self._reader.doc_field_length(docnum, self._field, 0)
        value = self[docnum] = K1 * (1 - B + B * length / self._mean)
        return value


_READER_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _length_norms(reader, field: str) -> _LengthNorms:
    """Cached per open reader (a reader is one snapshot of the index), so repeated queries reuse it."""
    per_reader = _READER_CACHE.setdefault(reader, {})
    if field not in per_reader:
        per_reader[field] = _LengthNorms(reader, field)
    return per_reader[field]


def _title_share(reader, passage: _Passage, title: str) -> float:
    known = _READER_CACHE.setdefault(reader, {}).setdefault("titles", {})  # titles recur: weigh once
    weights = known.get(title)
    if weights is None:
        grams = _bigrams(normalize(title))
        weights = known[title] = {g: _idf(_gram_df(passage.substrings, g), passage.n) for g in grams}
    if not weights:
        return 0.0
    return sum(w for g, w in weights.items() if g in passage.bigram_idf) / (sum(weights.values()) or 1.0)


def _docnums_of(index, exclude) -> set[int]:
    """Docnums of the (speech_id, paragraph) pairs in ``exclude``."""
    wanted = {(str(sid), int(number)) for sid, number in exclude}
    if not wanted:
        return set()
    reader = index._searcher.reader()
    return {
        d
        for d in index._docnums({sid for sid, _ in wanted})
        if (reader.stored_fields(d)["speech_id"], reader.stored_fields(d)["paragraph"]) in wanted
    }


def _hit(candidate: Candidate, score: float) -> SimilarHit:
    from .search import _paragraph_fields  # the fields search's hits carry

    fields = _paragraph_fields(candidate.stored)
    return SimilarHit(
        **fields,
        score=round(score, 4),
        snippet=fields["text"],
        snippet_start=0,
        matches=tuple(s for s, _ in candidate.pairs),
        passage_matches=tuple(p for _, p in candidate.pairs),
        shared=round(min(candidate.shared, 1.0), 4),
    )
