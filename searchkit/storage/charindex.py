"""The character index of one Whoosh segment: every paragraph's normalized text and where each of its
character pairs occurs, as flat arrays that numpy reads straight from disk (memory-mapped).

Files, in ``GENERATION/chars/SEGMENT_ID/``, for the segment's documents in docnum order (deleted ones
included: the Whoosh segment decides what is live):

- ``units.npy``: the normalized texts in UTF-16 code units, each followed by a 0 separator;
- ``starts.npy``: where each document's text starts in ``units`` (one more entry: the end);
- ``keys.npy``, ``bounds.npy``, ``positions.npy``: for each distinct pair of neighbouring units
  (``first << 16 | second``; a document's last unit pairs with its separator), sorted, the offsets
  where it occurs, ascending — ``positions[bounds[i]:bounds[i + 1]]`` for ``keys[i]``;
- ``headings.npy``: 1 for a title or heading paragraph (its matches weigh more).

Why this shape: every search term is an exact substring (searchkit's promise: what grep finds), and
a substring is found by taking the offsets of its rarest pair and comparing the other units at those
offsets — a few vector operations whatever the corpus size, where Whoosh's pure-Python matchers
walked the postings of every bigram document by document (4.9 s for 中国特色社会主义 at 403k
paragraphs). UTF-16 keeps one unit per character outside the rare astral planes; a needle is
matched in the same units, so matches stay exact there too.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from ..text import normalize

FOLDER = "chars"
_ARRAYS = ("units", "starts", "keys", "bounds", "positions", "headings")


def encode(normalized: str) -> np.ndarray:
    """``normalized`` in UTF-16 code units, as the index holds texts."""
    return np.frombuffer(normalized.encode("utf-16-le"), dtype=np.uint16)


def build(texts: Iterable[str], headings: Iterable[bool], folder: Path) -> None:
    """Write the character index of ``texts`` (raw paragraph texts, in docnum order) into ``folder``."""
    # Texts end where their lengths say, not at the first 0: a NUL inside a text (JSONL can escape
    # one) stays in it, a unit no needle holds (``find``), so no match reaches across it.
    normalized = [normalize(text) for text in texts]
    units = encode("".join(text + "\x00" for text in normalized))
    lengths = np.fromiter(map(len, normalized), dtype=np.int64, count=len(normalized))
    if int(lengths.sum()) + lengths.size != units.size:  # astral characters take two units
        lengths = np.fromiter((len(text.encode("utf-16-le")) // 2 for text in normalized), dtype=np.int64,
                              count=len(normalized))
    del normalized
    starts = np.zeros(lengths.size + 1, dtype=np.int64)
    np.cumsum(lengths + 1, out=starts[1:])
    # One 64-bit sort of (pair << 32 | offset) orders pairs, and each pair's offsets ascending, in place:
    # less memory than an argsort and its gathers (a 200k-paragraph segment holds 18 M pairs).
    at = np.flatnonzero(units[:-1] != 0)  # every unit but a separator (or NUL) starts a pair
    both = units[at].astype(np.uint64) << np.uint64(48)
    second = units[1:][at].astype(np.uint64)
    second <<= np.uint64(32)
    both |= second
    del second
    both |= at.view(np.uint64)
    del at
    both.sort()
    halves = both.view(np.uint32)  # (low, high) 32-bit halves of each entry on little-endian machines
    low, high = (0, 1) if sys.byteorder == "little" else (1, 0)
    positions = halves[low::2].copy()
    pairs = halves[high::2].copy()
    del both, halves
    firsts = np.flatnonzero(np.diff(pairs)) + 1
    keys = pairs[np.concatenate(([0], firsts)).astype(np.int64)] if pairs.size else np.empty(0, dtype=np.uint32)
    bounds = np.concatenate(([0], firsts, [pairs.size])).astype(np.int64) if pairs.size else np.zeros(1, np.int64)
    del pairs
    folder.mkdir(parents=True, exist_ok=True)
    arrays = dict(units=units, starts=starts, keys=keys, bounds=bounds, positions=positions,
                  headings=np.fromiter(headings, dtype=np.uint8, count=starts.size - 1))
    for name in _ARRAYS:
        tmp = folder / f"{name}.part.npy"
        np.save(tmp, arrays[name])
        tmp.replace(folder / f"{name}.npy")


def exists(folder: Path) -> bool:
    return all((folder / f"{name}.npy").is_file() for name in _ARRAYS)


class CharIndex:
    """One segment's character index, memory-mapped: opening reads only the small arrays."""

    def __init__(self, folder: Path) -> None:
        self.units = np.load(folder / "units.npy", mmap_mode="r")
        self.positions = np.load(folder / "positions.npy", mmap_mode="r")
        self.starts = np.load(folder / "starts.npy")
        self.keys = np.load(folder / "keys.npy")
        self.bounds = np.load(folder / "bounds.npy")
        self.headings = np.load(folder / "headings.npy")
        self.doc_count = self.starts.size - 1
        self.lengths = np.diff(self.starts) - 1  # in units, separator left out

    def _slot(self, key: int) -> int | None:
        # The key as the array's own type: a Python int would make numpy cast all the keys per lookup.
        slot = int(np.searchsorted(self.keys, np.uint32(key)))
        return slot if slot < self.keys.size and int(self.keys[slot]) == key else None

    def find(self, needle: np.ndarray) -> np.ndarray:
        """Sorted offsets in ``units`` where the unit string ``needle`` occurs (overlaps included)."""
        if not needle.all():  # 0 ends each text: a needle holding it would reach across texts
            return np.empty(0, dtype=np.int64)
        if needle.size == 1:
            # Every pair that starts with the unit: one contiguous run of keys.
            first = int(needle[0]) << 16
            lo, hi = np.searchsorted(self.keys, np.array([first, first + 0x10000], dtype=np.int64))
            return np.sort(np.asarray(self.positions[self.bounds[lo]:self.bounds[hi]], dtype=np.int64))
        best = None
        for j in range(needle.size - 1):
            slot = self._slot((int(needle[j]) << 16) | int(needle[j + 1]))
            if slot is None:
                return np.empty(0, dtype=np.int64)
            count = self.bounds[slot + 1] - self.bounds[slot]
            if best is None or count < best[0]:
                best = (count, j, slot)
        _, j, slot = best
        found = np.asarray(self.positions[self.bounds[slot]:self.bounds[slot + 1]], dtype=np.int64) - j
        found = found[found >= 0]
        # Outward from the anchor pair: a separator (0, in no needle) stops a candidate before the
        # next comparison could read past the array's end or start.
        for m in [*range(j + 2, needle.size), *range(j - 1, -1, -1)]:
            if not found.size:
                break
            found = found[self.units[found + m] == needle[m]]
        return found

    def docs_of(self, offsets: np.ndarray) -> np.ndarray:
        """The docnum holding each offset."""
        return np.searchsorted(self.starts, offsets, side="right") - 1

    def text(self, docnum: int) -> str:
        """The normalized text of a document."""
        return self.units[self.starts[docnum]:self.starts[docnum + 1] - 1].tobytes().decode("utf-16-le")
