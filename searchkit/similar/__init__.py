"""Source tracing / text reuse: the indexed paragraphs that share most of a passage's content.

Two stages, both linear in the passage's length:

1. Candidates (bm25.py). The passage's most discriminative jieba words (``max_terms``, by idf from the
   index times a damped count) and Han bigrams (``max_grams``, by idf) each score every paragraph
   holding them, BM25 with the index's own statistics (words read straight from the posting lists,
   bigrams from the character index). Capping
   the terms keeps a 500-character passage about as fast as a short one: common words add little
   evidence but have the longest posting lists. The ``candidates`` best by either score go on.
2. Re-ranking by shared content (features.py, ranker.py). Each candidate is aligned with the passage —
   greedy longest common substrings of at least ``min_span`` characters are the reused spans
   (passage.py) — and each ranked unit (a paragraph; with ``by="speech"`` a speech's candidate
   paragraphs together) is described by: the idf-weighted share of the passage's bigrams it holds,
   plainly and weighted again by how few candidates hold each (a stock phrase held by many tells
   little), the share of its own characters that are reused, the characters it has in common with
   the passage in the same order (LCS), the word and bigram BM25 (relative to the best), the share
   of its title's bigrams found in the passage, each weighted by its idf over the index's titles (a
   law's title names what its articles are about; 条例, in most titles, names nothing), the share of
   the passage held by all candidates under its title (the document it belongs to covers the topic)
   and, when the caller knows the title of the document the passage comes from
   (``passage_title``), the share of that title's bigrams found in the unit's title. A LambdaMART
   model (regression trees, trained on the tuning part of SLARD's train split:
   ``benchmarks/similar.py --train``) turns these into the score; one model for passages without
   a title, one for passages whose title shares a bigram with some candidate's title.

Every reused span is exact: ``hit.text[s:e]`` and ``passage[ps:pe]`` (its partner at the same position
in ``passage_matches``) are the same text after normalization (width, case, script).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..text import normalize
from ..errors import QueryError
from ..engine.filters import Filters, whole_number
from ..models import SimilarHit
from ..engine.scoring import idf
from ..engine.snapshot import paragraph_fields
from .bm25 import gram_bm25, word_bm25
from . import ranker
from .features import unit_features, units
from .ranker import Ranker
from .passage import Passage, bigrams, content_chars, content_length, covered_content

MAX_PASSAGE_CHARS = 50_000
BY = ("paragraph", "speech")
SOURCE_SHARE = 0.9  # a hit repeating this share of the passage's words is (a lightly edited copy of) its source


@dataclass(frozen=True)
class Tuning:
    """The candidate stage's knobs, chosen on SLARD's train split (its tuning part)."""

    max_terms: int = 30  # jieba words that select candidates
    max_grams: int = 50  # Han bigrams that select candidates
    candidates: int = 100  # paragraphs re-ranked, from each of the two scores
    min_span: int = 4  # shortest reused span, in characters


DEFAULT_TUNING = Tuning()


@dataclass
class Candidate:
    """One candidate paragraph: its alignment with the passage and what the units' features need."""

    stored: dict
    pairs: list  # [((s, e) in its text, (ps, pe) in the passage)]: the reused spans
    bigrams: set  # passage bigrams the paragraph holds
    chars: str  # its letters, digits and Han characters (normalized)
    hit_share: float  # share of its own characters in reused spans
    words: float  # word BM25, relative to the best candidate's
    grams: float  # bigram BM25, likewise
    title: float  # idf-weighted share of its title's bigrams found in the passage
    passage_title: float  # idf-weighted share of the passage's own title's bigrams found in its title
    shared: float  # share of the passage's characters in reused spans
    verbatim: bool = False  # repeats (nearly) all of the passage: a source (verbatim_first)


def candidates(
    index, text: str, tuning: Tuning = DEFAULT_TUNING, exclude=(), passage_title: str | None = None, **filters
) -> tuple[Passage, list[Candidate]]:
    """The passage analyzed, and its candidates with their alignments, unranked. ``passage_title``:
    the title of the document the passage comes from, if known."""
    if not isinstance(text, str):
        raise QueryError(f"the passage must be a string, not the {type(text).__name__} {text!r}"[:200])
    if passage_title is not None and not isinstance(passage_title, str):
        raise QueryError("the passage's title must be a string")
    passage_title = (passage_title or "").strip()  # blank: no title
    if len(text) > MAX_PASSAGE_CHARS:
        raise QueryError(f"the passage is {len(text)} characters long; the limit is {MAX_PASSAGE_CHARS}")
    passage = Passage(text, index, tuning.max_terms, tuning.max_grams, tuning.min_span)  # (a shorter span for a short passage)
    if not passage.content:
        raise QueryError("the passage has no words to compare")
    side, named = index.admitted(Filters.of(**filters)) or ("except", set())
    allowed = named if side == "only" else None
    masked = (named if side == "except" else set()) | _docnums_of(index, exclude)
    by_words = word_bm25(index, passage.words)
    by_grams = gram_bm25(index, passage.grams)
    pool: set[int] = set()
    for scores in (by_words, by_grams):
        admitted = [d for d in scores if (allowed is None or d in allowed) and d not in masked]
        pool.update(_best(admitted, scores, tuning.candidates))
    best_words = max((by_words.get(d, 0.0) for d in pool), default=0.0) or 1.0
    best_grams = max((by_grams.get(d, 0.0) for d in pool), default=0.0) or 1.0
    titles: dict[str, tuple[float, float]] = {}
    own_title = _weighted_bigrams(index, passage_title, remember=False)
    found = []
    for docnum in sorted(pool):
        stored = index.stored_fields(docnum)
        norm = normalize(stored["text"])
        pairs = passage.align(norm)
        title = stored.get("title") or ""
        if title not in titles:
            weights = _weighted_bigrams(index, title)
            titles[title] = (_share(weights, passage.bigram_idf), _share(own_title, weights))
        found.append(
            Candidate(
                stored=stored,
                pairs=pairs,
                bigrams=bigrams(norm) & passage.bigram_idf.keys(),
                chars=content_chars(norm),
                hit_share=covered_content(norm, [s for s, _ in pairs]) / (content_length(norm) or 1),
                words=by_words.get(docnum, 0.0) / best_words,
                grams=by_grams.get(docnum, 0.0) / best_grams,
                title=titles[title][0],
                passage_title=titles[title][1],
                shared=covered_content(passage.norm, [p for _, p in pairs]) / passage.content,
            )
        )
    return passage, found


def rank(passage: Passage, found: list[Candidate], model: Ranker, by: str = "paragraph") -> list[tuple[float, Candidate]]:
    """(score, candidate) best first; ``by="speech"``: one per speech, scored on its candidate
    paragraphs together and shown by the one that repeats most of the passage."""
    grouped = units(found, by)
    features = unit_features(passage, grouped)
    scores = model.score(np.array([[getattr(f, name) for name in model.features] for f in features]).reshape(len(features), len(model.features)))
    scored = []
    for members, score, unit in zip(grouped, scores.tolist(), features):
        shown = max(members, key=lambda c: (c.shared, c.hit_share))
        scored.append((score, (unit.share, unit.order, unit.hit, unit.words), shown))
    # Trees score in steps, so units tie: what they share with the passage decides, never the order
    # the paragraphs happen to have in the index (a rebuild would change the answer).
    scored.sort(key=lambda entry: (-entry[0], tuple(-x for x in entry[1]),
                                   str(entry[2].stored["speech_id"]), entry[2].stored["paragraph"]))
    return [(score, shown) for score, _, shown in scored]


def find_similar(
    index,
    text: str,
    limit: int = 10,
    *,
    by: str = "paragraph",
    exclude=(),
    passage_title: str | None = None,
    tuning: Tuning = DEFAULT_TUNING,
    **filters,
) -> list[SimilarHit]:
    """The ``limit`` paragraphs (``by="speech"``: one per speech) sharing most of ``text``'s content,
    best first. ``exclude`` lists (speech_id, paragraph) pairs to leave out; ``passage_title`` is the
    title of the document the passage comes from, if known (hits whose titles name the same topic
    rank higher); ``filters`` are those of ``SpeechIndex.search``."""
    whole_number(limit, "limit")
    if by not in BY:
        raise QueryError(f"by must be one of {', '.join(BY)}, not {by!r}")
    passage, found = candidates(index, text, tuning, exclude, passage_title, **filters)
    # A title that shares no bigram with any candidate's (punctuation, Latin, one character, words no
    # indexed title has) tells the candidates nothing apart, and the titled model, trained on titles
    # that do, ranks worse on it than the plain one (SLARD train, every 8th query: R@1 44.7 vs 46.3).
    model = ranker.shipped(titled=any(c.passage_title > 0 for c in found))
    return [_hit(c, score) for score, c in verbatim_first(passage, rank(passage, found, model, by))[:limit]]


def verbatim_first(passage: Passage, ranked: list[tuple[float, Candidate]]) -> list[tuple[float, Candidate]]:
    """The model's order, except that what repeats (nearly) all of the passage — its source — comes
    first: paragraphs holding the passage's words in one piece, the one the passage covers most
    leading (it holds the passage and least else); then those repeating it in a few pieces (a clause
    left out, a word changed), the fewest pieces first. Nothing that shares no wording at all. A
    learned score never overrules verbatim containment."""
    shared = [(score, c) for score, c in ranked if c.shared > 0]
    whole = [(s, c) for s, c in shared if passage.chars and passage.chars in c.chars]
    pieces = [(s, c) for s, c in shared if c.shared >= SOURCE_SHARE and not (passage.chars and passage.chars in c.chars)]
    whole.sort(key=lambda sc: -round(sc[1].hit_share, 3))  # stable: the model's order breaks ties
    for _, candidate in whole + pieces:
        candidate.verbatim = True
    pieces.sort(key=lambda sc: (-round(sc[1].shared, 3), len(sc[1].pairs), -round(sc[1].hit_share, 3)))
    return whole + pieces + [(s, c) for s, c in shared if c.shared < SOURCE_SHARE and not (passage.chars and passage.chars in c.chars)]


def _best(docnums: list[int], scores: dict[int, float], count: int, ties: int = 50) -> list[int]:
    """The ``count`` best of ``docnums`` by score, and those tied with the last (up to ``ties`` more):
    copies of one text score alike, and which of them a cut keeps must not depend on the order the
    paragraphs have in the index (a rebuild of the same texts would change the answer)."""
    ranked = sorted(docnums, key=scores.__getitem__, reverse=True)
    if len(ranked) <= count:
        return ranked
    last = scores[ranked[count - 1]]
    end = count
    while end < len(ranked) and end < count + ties and scores[ranked[end]] == last:
        end += 1
    return ranked[:end]


def _weighted_bigrams(index, title: str, remember: bool = True) -> dict[str, float]:
    """``title``'s bigrams, each weighted by its idf over the index's titles (one in none of them
    weighs most). An indexed title is remembered for the reader's life (titles recur across
    queries and are as many as the index holds); a caller's passage title is not (a server would
    keep every one it was ever sent)."""
    known = index.cache.setdefault("titles", {})
    weights = known.get(title)
    if weights is None:
        title_idf, unseen = _title_idf(index)
        weights = {g: title_idf.get(g, unseen) for g in bigrams(normalize(title))}
        if remember:
            known[title] = weights
    return weights


def _share(weights: dict[str, float], found) -> float:
    """The weighted share of ``weights``' bigrams that are in ``found``."""
    total = sum(weights.values())
    return sum(w for g, w in weights.items() if g in found) / total if total else 0.0


def _title_idf(index) -> tuple[dict[str, float], float]:
    """bigram -> idf over the index's distinct titles: a bigram in few titles names a topic (供热 in
    省供热条例), one in most titles (条例, 报告, a province's name) names none; and the idf of a
    bigram in no title. Counted once per open index (40,000 titles: under a second)."""
    cache = index.cache
    if "title_idf" not in cache:
        titles = {entry.get("title") or "" for entry in index.manifest.values()} - {""}
        counts = Counter(g for title in titles for g in bigrams(normalize(title)))
        cache["title_idf"] = ({g: idf(df, len(titles)) for g, df in counts.items()}, idf(0, len(titles)))
    return cache["title_idf"]


def _docnums_of(index, exclude) -> set[int]:
    """Docnums of the (speech_id, paragraph) pairs in ``exclude`` (None: none)."""
    try:
        wanted = {(str(sid), int(number)) for sid, number in exclude or ()}
    except (TypeError, ValueError):
        raise QueryError(f"exclude lists (speech_id, paragraph) pairs, e.g. [('gov-2014', 7)], not {exclude!r}"[:200]) from None
    if not wanted:
        return set()
    return index.paragraph_docnums(wanted)


def _hit(candidate: Candidate, score: float) -> SimilarHit:
    shown = paragraph_fields(candidate.stored)
    return SimilarHit(
        **shown,
        score=round(1 / (1 + math.exp(-score)), 4),  # the model's margin as a probability-like 0-1
        snippet=shown["text"],
        snippet_start=0,
        matches=tuple(s for s, _ in candidate.pairs),
        passage_matches=tuple(p for _, p in candidate.pairs),
        shared=round(min(candidate.shared, 1.0), 4),
        verbatim=candidate.verbatim,
    )
