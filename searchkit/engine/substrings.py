"""Exact substrings over a whole index: which live paragraphs hold a string, and how often.

One ``Substrings`` spans the segments of an open generation, each through its character index
(charindex.py); docnums are Whoosh's own (segment offset + the segment's docnum), deleted
paragraphs never count. "Holds" means exactly what ``match.find`` finds — the one meaning that
search, quoted phrases, trend, kwic and highlights share — including its rule that a Latin or digit
word at either end of the string is a whole word of the text (``ai`` is not inside ``said``, ``3.5``
not inside ``13.5``). That rule is checked on the arrays; the rare occurrence it cannot settle there
(next to a ``.``, which may join a decimal number, or next to an astral-plane character) sends its
paragraph to ``match.find`` itself.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from pathlib import Path

import numpy as np

from ..storage import charindex
from ..text import pieces
from ..text.segment import HAN
from .match import find

_CACHE_SIZE = 256  # strings whose matches a reader keeps (a query's words, the web app's repeats)


def _unit_classes() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per UTF-16 unit: does it join a Latin/digit word; is it a digit; can't its class be told alone."""
    word, digit = re.compile(rf"[^\W_{HAN}]"), re.compile(r"\d")
    is_word = np.fromiter((word.match(chr(u)) is not None for u in range(0x10000)), dtype=bool, count=0x10000)
    is_digit = np.fromiter((digit.match(chr(u)) is not None for u in range(0x10000)), dtype=bool, count=0x10000)
    unsure = np.zeros(0x10000, dtype=bool)
    unsure[0xD800:0xE000] = True  # half of an astral character: its class is the pair's
    unsure[ord(".")] = True  # 3.5 is one word: a digit beside a dot may be inside a number
    is_word[0xD800:0xE000] = is_digit[0xD800:0xE000] = False
    return is_word, is_digit, unsure


_CLASSES: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None


def _classes() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    global _CLASSES
    if _CLASSES is None:
        _CLASSES = _unit_classes()
    return _CLASSES


def _edge(outside: np.ndarray, inside: str) -> tuple[np.ndarray, np.ndarray]:
    """(keep, unsure) for occurrences whose word edge has ``outside`` units beside its ``inside``
    character. A word ends where no letter or digit follows — or where a decimal number ends and a
    letter follows (13.5 | g: pieces("13.5g") = 13.5, g), which the arrays leave to ``find``."""
    is_word, is_digit, is_unsure = _classes()
    joined = is_word[outside]
    unsure = is_unsure[outside]
    inner_digit = bool(is_digit[ord(inside)]) if len(inside) == 1 and ord(inside) < 0x10000 else False
    unsure |= joined & (is_digit[outside] != inner_digit)
    return ~joined | unsure, unsure


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Substrings:
    """The exact-substring view of the paragraphs of ``generation``: ``segments`` lists each Whoosh
    segment's first docnum, id and deleted docnums (``StoredIndex.segments``); ``checksums``, the
    generation's recorded ones (storage/integrity.py)."""

    def __init__(self, generation: Path, segments: list[tuple[int, str, list[int]]], doc_count_all: int,
                 checksums: dict | None = None) -> None:
        self.segments: list[tuple[int, charindex.CharIndex, np.ndarray]] = []
        ends = [offset for offset, _, _ in segments[1:]] + [doc_count_all]
        for (offset, segment_id, deleted), end in zip(segments, ends):
            # A segment's character index holds exactly its documents: anything else is damage (charindex.py).
            chars = charindex.CharIndex(generation / charindex.FOLDER / segment_id, doc_count=end - offset,
                                        checksums=checksums)
            live = np.ones(chars.doc_count, dtype=bool)
            live[deleted] = False
            self.segments.append((offset, chars, live))
        self.doc_count_all = doc_count_all
        self.live = np.zeros(self.doc_count_all, dtype=bool)
        self.lengths = np.zeros(self.doc_count_all, dtype=np.int64)
        self.headings = np.zeros(self.doc_count_all, dtype=bool)
        for offset, chars, live in self.segments:
            self.live[offset:offset + chars.doc_count] = live
            self.lengths[offset:offset + chars.doc_count] = chars.lengths
            self.headings[offset:offset + chars.doc_count] = chars.headings.astype(bool)
        self.doc_count = int(self.live.sum())
        self.average_length = float(self.lengths[self.live].mean()) if self.doc_count else 1.0
        self._cache: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()

    def find(self, needle: str) -> tuple[np.ndarray, np.ndarray]:
        """(docnums, counts): the live paragraphs whose normalized text holds the normalized ``needle``
        (``match.find``'s meaning), ascending, and how many times each (overlaps included)."""
        cached = self._cache.get(needle)
        if cached is not None:
            self._cache.move_to_end(needle)
            return cached
        found = [self._find_in(offset, chars, live, needle) for offset, chars, live in self.segments]
        docs = np.concatenate([d for d, _ in found]) if found else np.empty(0, dtype=np.int64)
        counts = np.concatenate([c for _, c in found]) if found else np.empty(0, dtype=np.int64)
        self._cache[needle] = (docs, counts)
        if len(self._cache) > _CACHE_SIZE:
            self._cache.popitem(last=False)
        return docs, counts

    def text(self, docnum: int) -> str:
        """The normalized text of paragraph ``docnum``."""
        for offset, chars, _ in reversed(self.segments):
            if docnum >= offset:
                return chars.text(docnum - offset)
        raise IndexError(docnum)

    def _find_in(self, offset: int, chars: charindex.CharIndex, live: np.ndarray, needle: str):
        empty = np.empty(0, dtype=np.int64)
        if not needle:
            return empty, empty
        offsets = chars.find(charindex.encode(needle))
        if not offsets.size:
            return empty, empty
        edges = list(pieces(needle))
        first = edges[0] if edges and edges[0].lastgroup == "word" else None
        last = edges[-1] if edges and edges[-1].lastgroup == "word" else None
        unsure = np.zeros(offsets.size, dtype=bool)
        if first or last:
            keep = np.ones(offsets.size, dtype=bool)
            # Index -1 wraps to the final separator: a text's first character has no word before it.
            edges = ([(offsets + _units(needle[:first.start()]) - 1, needle[first.start()])] if first else []) + \
                    ([(offsets + _units(needle[:last.end()]), needle[last.end() - 1])] if last else [])
            for at, inside in edges:
                kept, doubtful = _edge(chars.units[at], inside)
                keep &= kept
                unsure |= doubtful
            unsure &= keep
            offsets, unsure = offsets[keep], unsure[keep]
        docs = chars.docs_of(offsets)
        checked = np.unique(docs[unsure])
        if checked.size:
            settled = ~np.isin(docs, checked)
            docs = docs[settled]
        docs, counts = np.unique(docs, return_counts=True)
        if checked.size:
            exact = [(int(d), len(find(chars.text(int(d)), needle))) for d in checked]
            exact = [(d, n) for d, n in exact if n]
            if exact:
                docs = np.concatenate([docs, [d for d, _ in exact]])
                counts = np.concatenate([counts, [n for _, n in exact]])
                order = np.argsort(docs)
                docs, counts = docs[order], counts[order]
        alive = live[docs]
        return docs[alive].astype(np.int64) + offset, counts[alive].astype(np.int64)
