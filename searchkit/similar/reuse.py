"""Who repeats whom: for every paragraph of part B, the paragraphs of part A whose wording it repeats
(spans of at least ``min_chars`` characters after normalization), and the same summed speech by speech.

Candidates come from the character index, which finds exact strings: a B paragraph is cut into blocks
of ``h = ⌈min_chars / 2⌉`` characters at every h-th position, so any span of at least 2h − 1 characters
it shares with another paragraph holds one whole block, and every A paragraph holding a block is a
candidate — no shared span of ``min_chars`` is missed for want of a candidate (``similar``'s BM25
candidates, made to rank sources, could miss one). The ``max_candidates`` holding most blocks are
aligned with the B paragraph by ``similar``'s span alignment (``passage.SpanAligner``: greedy longest
common substrings, trimmed of punctuation), and the ``max_sources`` repeating most of it are kept. Each
B paragraph costs a bounded number of look-ups and alignments: the whole is linear in the size of B.
Pairs within one speech are left out (a speech repeating itself is no reuse).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from ..engine.filters import Filters
from ..errors import QueryError
from ..text import normalize
from .passage import SpanAligner, content_length, covered_content

DEFAULT_MIN_CHARS = 15
MAX_SOURCES = 5  # A paragraphs kept for each B paragraph, those repeating most of it
MAX_CANDIDATES = 50  # A paragraphs aligned for each B paragraph, those holding most of its blocks


@dataclass(frozen=True)
class ReusePair:
    """A paragraph of B that repeats wording of a paragraph of A: ``spans`` are (a_start, a_end,
    b_start, b_end) offsets into the two paragraphs' texts, the two slices equal after normalization;
    ``shared``: the share of the B paragraph's letters, digits and Han characters they cover; ``chars``:
    how many those are."""

    a_speech_id: str
    a_paragraph: int
    b_speech_id: str
    b_paragraph: int
    shared: float
    chars: int
    spans: tuple[tuple[int, int, int, int], ...]
    a_date: str | None
    b_date: str | None
    a_text: str
    b_text: str

    def to_dict(self) -> dict:
        data = asdict(self)
        data["spans"] = [list(span) for span in self.spans]
        return data


@dataclass(frozen=True)
class SpeechReuse:
    """How much speech ``b_speech_id`` draws on speech ``a_speech_id``: its paragraphs that repeat
    one of A's, the pairs, and the share of its own letters, digits and Han characters they cover."""

    a_speech_id: str
    b_speech_id: str
    b_paragraphs: int
    pairs: int
    chars: int
    shared: float
    a_title: str | None
    b_title: str | None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Reuse:
    a: dict
    b: dict
    min_chars: int
    a_speeches: int
    b_speeches: int
    b_paragraphs: int  # paragraphs of B read
    pairs: tuple[ReusePair, ...]  # strongest first (most characters repeated)
    speeches: tuple[SpeechReuse, ...]  # the B speeches drawing most on an A speech first

    def summary(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("pairs", "speeches")} | {
            "pair_count": len(self.pairs), "speech_pairs": len(self.speeches)}

    def to_dict(self) -> dict:
        return {**self.summary(), "pairs": [p.to_dict() for p in self.pairs], "speeches": [s.to_dict() for s in self.speeches]}


def _mask(index, scope: dict) -> np.ndarray:
    """Which docnums the scope's speeches hold (live paragraphs only)."""
    mask = index.substrings.live.copy()
    admitted = index.admitted(Filters.of(**scope))
    if admitted is not None:
        side, named = admitted
        chosen = np.zeros_like(mask)
        chosen[sorted(named)] = True
        mask &= chosen if side == "only" else ~chosen
    return mask


def reuse(
    index,
    a: dict,
    b: dict,
    *,
    min_chars: int = DEFAULT_MIN_CHARS,
    max_sources: int = MAX_SOURCES,
    max_candidates: int = MAX_CANDIDATES,
    progress=None,
) -> Reuse:
    """The paragraphs of part ``b`` (filters as keyword arguments of ``search``) that repeat at least
    ``min_chars`` characters of a paragraph of part ``a``, each with its ``max_sources`` strongest
    sources. ``progress(done, total)`` is called after each paragraph of B."""
    for name, value, low in (("--min-chars", min_chars, 4), ("--max-sources", max_sources, 1), ("max_candidates", max_candidates, 1)):
        if not isinstance(value, int) or isinstance(value, bool) or value < low:
            raise QueryError(f"{name} must be {low} or more, not {value!r}")
    a_ids = [s.speech_id for s in index.speeches(**a)]
    b_ids = [s.speech_id for s in index.speeches(**b)]
    for name, ids in (("A", a_ids), ("B", b_ids)):
        if not ids:
            raise QueryError(f"part {name} holds no speeches (`searchkit list` with the same filters shows them)")
    in_a = _mask(index, a)
    store, substrings = index.store, index.substrings
    speech_of = store.column("speech_id")
    b_docs = sorted(store.docnums(b_ids))
    block = (min_chars + 1) // 2
    found: list[tuple[int, int, list]] = []  # (b docnum, a docnum, pairs)
    for done, b_doc in enumerate(b_docs, 1):
        found += _sources(substrings, b_doc, in_a, speech_of, block, min_chars, max_sources, max_candidates)
        if progress is not None:
            progress(done, len(b_docs))
    pairs = [_pair(index, b_doc, a_doc, aligned) for b_doc, a_doc, aligned in found]
    pairs.sort(key=lambda p: (-p.chars, -p.shared, p.b_speech_id, p.b_paragraph, p.a_speech_id, p.a_paragraph))
    return Reuse(dict(a), dict(b), min_chars, len(a_ids), len(b_ids), len(b_docs), tuple(pairs),
                 tuple(_by_speech(index, pairs, speech_of, b_docs)))


def _sources(substrings, b_doc, in_a, speech_of, block, min_chars, max_sources, max_candidates) -> list:
    """The A paragraphs that paragraph ``b_doc`` repeats, strongest first: (b_doc, a_doc, pairs)."""
    norm = substrings.text(b_doc)
    if content_length(norm) < min_chars:
        return []
    own = speech_of[b_doc]
    blocks = {norm[i: i + block] for i in range(0, len(norm) - block + 1, block)}
    held = [substrings.find(piece)[0] for piece in blocks if content_length(piece)]
    held = [docs[in_a[docs]] for docs in held]
    if not held or not sum(len(docs) for docs in held):
        return []
    docs, hits = np.unique(np.concatenate(held), return_counts=True)
    ranked = docs[np.lexsort((docs, -hits))].tolist()
    aligner = SpanAligner(norm, min_chars)
    kept = []
    for a_doc in ranked[:max_candidates]:
        if speech_of[a_doc] == own:
            continue
        aligned = aligner.align(substrings.text(a_doc))
        if aligned:
            kept.append((covered_content(norm, [p for _, p in aligned]), a_doc, aligned))
    kept.sort(key=lambda entry: (-entry[0], entry[1]))
    return [(b_doc, a_doc, aligned) for _, a_doc, aligned in kept[:max_sources]]


def _pair(index, b_doc: int, a_doc: int, aligned) -> ReusePair:
    a_fields, b_fields = index.stored_fields(a_doc), index.stored_fields(b_doc)
    b_norm = normalize(b_fields["text"])
    chars = covered_content(b_norm, [p for _, p in aligned])
    spans = tuple((s, e, ps, pe) for (s, e), (ps, pe) in aligned)
    return ReusePair(
        a_speech_id=a_fields["speech_id"], a_paragraph=a_fields["paragraph"], b_speech_id=b_fields["speech_id"],
        b_paragraph=b_fields["paragraph"], shared=round(chars / (content_length(b_norm) or 1), 4), chars=chars,
        spans=spans, a_date=a_fields.get("date"), b_date=b_fields.get("date"), a_text=a_fields["text"],
        b_text=b_fields["text"],
    )


def _by_speech(index, pairs: list[ReusePair], speech_of, b_docs) -> list[SpeechReuse]:
    """The pairs summed for each (A speech, B speech): B's characters covered (each once)."""
    spans: dict[tuple[str, str], dict[int, list]] = {}
    texts: dict[tuple[str, int], str] = {}
    counted: dict[tuple[str, str], int] = {}
    for p in pairs:
        key = (p.a_speech_id, p.b_speech_id)
        spans.setdefault(key, {}).setdefault(p.b_paragraph, []).extend((s, e) for _, _, s, e in p.spans)
        counted[key] = counted.get(key, 0) + 1
        texts[(p.b_speech_id, p.b_paragraph)] = p.b_text
    size: dict[str, int] = {}
    for docnum in b_docs:
        speech = speech_of[docnum]
        size[speech] = size.get(speech, 0) + content_length(index.substrings.text(docnum))
    rows = []
    manifest = index.manifest
    for (a_id, b_id), by_paragraph in spans.items():
        chars = sum(covered_content(normalize(texts[(b_id, n)]), found) for n, found in by_paragraph.items())
        rows.append(SpeechReuse(
            a_speech_id=a_id, b_speech_id=b_id, b_paragraphs=len(by_paragraph),
            pairs=counted[(a_id, b_id)], chars=chars,
            shared=round(chars / (size.get(b_id) or 1), 4), a_title=manifest[a_id].get("title"),
            b_title=manifest[b_id].get("title"),
        ))
    rows.sort(key=lambda r: (-r.chars, r.b_speech_id, r.a_speech_id))
    return rows
