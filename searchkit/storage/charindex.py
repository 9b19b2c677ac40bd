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

from ..errors import IndexStateError
from ..text import normalize
from . import integrity

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


_KINDS = {"units": np.uint16, "starts": np.int64, "keys": np.uint32, "bounds": np.int64, "positions": np.uint32,
          "headings": np.uint8}


def _load(folder: Path, name: str, mapped: bool) -> np.ndarray:
    path = folder / f"{name}.npy"
    try:
        array = np.load(path, mmap_mode="r" if mapped else None, allow_pickle=False)
    except FileNotFoundError:
        raise integrity.damaged_at(path, "missing") from None
    except PermissionError as error:
        raise IndexStateError(f"cannot read index {folder}: {error.strerror}") from None
    except Exception as error:  # whatever numpy makes of bytes that are no array (EOFError, ValueError …)
        raise integrity.damaged_at(path, f"it is not an array numpy can read ({type(error).__name__})") from None
    if array.ndim != 1 or array.dtype != _KINDS[name]:
        raise integrity.damaged_at(path, f"it holds {array.dtype} {array.shape}, not a list of {np.dtype(_KINDS[name])}")
    return array


class CharIndex:
    """One segment's character index, memory-mapped: opening reads only the small arrays, and checks
    that they fit together (damage that would make a search count wrong is an error instead)."""

    def __init__(self, folder: Path, doc_count: int | None = None, checksums: dict | None = None) -> None:
        self.folder = folder
        self.units = _load(folder, "units", mapped=True)
        self.positions = _load(folder, "positions", mapped=True)
        self.starts = _load(folder, "starts", mapped=False)
        integrity.check_loaded(folder / "starts.npy", self.starts, checksums)  # every count rests on it
        self.keys = _load(folder, "keys", mapped=False)
        self.bounds = _load(folder, "bounds", mapped=False)
        self.headings = _load(folder, "headings", mapped=False)
        self.doc_count = self.starts.size - 1
        self._check_shape(doc_count)
        self.lengths = np.diff(self.starts) - 1  # in units, separator left out

    def _damaged(self, name: str, why: str) -> IndexStateError:
        return integrity.damaged_at(self.folder / f"{name}.npy", why)

    def _check_shape(self, doc_count: int | None) -> None:
        """O(documents + pairs) vector checks of the arrays read whole, and O(1) ones of the mapped arrays."""
        starts, bounds, keys = self.starts, self.bounds, self.keys
        if not starts.size or starts[0] != 0 or starts[-1] != self.units.size or np.any(starts[1:] <= starts[:-1]):
            raise self._damaged("starts", "the texts' offsets do not run in order over units.npy")
        if self.units.size and self.units[-1] != 0:
            raise self._damaged("units", "the last text has no end")
        if doc_count is not None and self.doc_count != doc_count:
            raise self._damaged("starts", f"it holds {self.doc_count:,} texts where the segment has {doc_count:,}")
        if self.headings.size != self.doc_count:
            raise self._damaged("headings", f"it holds {self.headings.size:,} flags for {self.doc_count:,} texts")
        if bounds.size != keys.size + 1 or bounds[0] != 0 or bounds[-1] != self.positions.size or np.any(bounds[1:] <= bounds[:-1]):
            raise self._damaged("bounds", "the pairs' offsets do not run in order over positions.npy")
        if np.any(keys[1:] <= keys[:-1]):
            raise self._damaged("keys", "the character pairs are not in order")
        if self.positions.size > self.units.size - self.doc_count:
            raise self._damaged("positions", "it holds more offsets than units.npy has characters")

    def check_all(self) -> None:
        """Every offset against the pair it is listed under, and every pair of the texts listed: what a
        checksum vouches for, for an index made before checksums were written (O(characters))."""
        units, positions = self.units, np.asarray(self.positions, dtype=np.int64)
        if positions.size != int(np.count_nonzero(units[:-1])):
            raise self._damaged("positions", "it does not list every character pair of the texts")
        if not positions.size:
            return
        if int(positions.max()) >= units.size - 1:
            raise self._damaged("positions", "an offset is out of range")
        keys = np.repeat(self.keys, np.diff(self.bounds))
        if np.any(units[positions] != keys >> 16) or np.any(units[positions + 1] != keys & 0xFFFF):
            raise self._damaged("positions", "an offset does not point at its character pair")
        steps = np.diff(positions)
        steps[self.bounds[1:-1] - 1] = 1  # where one pair's offsets end and the next one's begin
        if np.any(steps <= 0):
            raise self._damaged("positions", "a pair's offsets are not in order")

    def _run(self, lo: int, hi: int) -> np.ndarray:
        """The offsets of the pairs in slots ``lo``…``hi - 1``, each pair's strictly ascending, all inside
        units: checked as they are read, so a damaged offset is an error, never a wrong match."""
        run = np.asarray(self.positions[self.bounds[lo]:self.bounds[hi]], dtype=np.int64)
        if run.size and (int(run.max()) >= self.units.size - 1 or (hi - lo == 1 and np.any(run[1:] <= run[:-1]))):
            raise self._damaged("positions", "an offset of a character pair is out of order or out of range")
        return run

    def _points_at(self, at: int, first: int, second: int | None) -> bool:
        """Whether ``positions[at]`` (if there is one) is an offset of the pair ``first``, ``second``
        (any pair starting with ``first`` when ``second`` is None)."""
        if not 0 <= at < self.positions.size:
            return False
        offset = int(self.positions[at])
        if offset >= self.units.size - 1 or int(self.units[offset]) != first:
            return False
        return second is None or int(self.units[offset + 1]) == second

    def _check_edges(self, lo: int, hi: int, first: int, second: int | None) -> None:
        """The offsets just outside slots ``lo``…``hi - 1`` belong to other pairs: an offset of this pair
        there means ``bounds`` or ``keys`` moved it out of reach (O(1): two offsets looked at)."""
        if self._points_at(int(self.bounds[lo]) - 1, first, second) or self._points_at(int(self.bounds[hi]), first, second):
            raise self._damaged("bounds", "a character pair's offsets are not where its entry says")

    def _slot(self, key: int) -> int | None:
        # The key as the array's own type: a Python int would make numpy cast all the keys per lookup.
        slot = int(np.searchsorted(self.keys, np.uint32(key)))
        if slot < self.keys.size and int(self.keys[slot]) == key:
            return slot
        # Not listed: the pair may be truly absent, or its key damaged. Its offsets would then sit at
        # this slot or the one before (keys stay in order): look at the first of each.
        for near in (slot, slot - 1):
            if 0 <= near < self.keys.size and self._points_at(int(self.bounds[near]), key >> 16, key & 0xFFFF):
                raise self._damaged("keys", "a character pair's entry is not the pair its offsets point at")
        return None

    def find(self, needle: np.ndarray) -> np.ndarray:
        """Sorted offsets in ``units`` where the unit string ``needle`` occurs (overlaps included)."""
        if not needle.all():  # 0 ends each text: a needle holding it would reach across texts
            return np.empty(0, dtype=np.int64)
        if needle.size == 1:
            # Every pair that starts with the unit: one contiguous run of keys.
            first = int(needle[0]) << 16
            lo, hi = np.searchsorted(self.keys, np.array([first, first + 0x10000], dtype=np.int64))
            found = np.sort(self._run(lo, hi))
            if np.any(self.units[found] != needle[0]):
                raise self._damaged("positions", "an offset does not point at its character")
            self._check_edges(lo, hi, int(needle[0]), None)
            return found
        best = None
        for j in range(needle.size - 1):
            slot = self._slot((int(needle[j]) << 16) | int(needle[j + 1]))
            if slot is None:
                return np.empty(0, dtype=np.int64)
            count = self.bounds[slot + 1] - self.bounds[slot]
            if best is None or count < best[0]:
                best = (count, j, slot)
        _, j, slot = best
        anchor = self._run(slot, slot + 1)
        if np.any(self.units[anchor] != needle[j]) or np.any(self.units[anchor + 1] != needle[j + 1]):
            raise self._damaged("positions", "an offset does not point at its character pair")
        self._check_edges(slot, slot + 1, int(needle[j]), int(needle[j + 1]))
        found = anchor - j
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
        try:
            return self.units[self.starts[docnum]:self.starts[docnum + 1] - 1].tobytes().decode("utf-16-le")
        except UnicodeDecodeError:  # the index never holds half an astral character alone
            raise self._damaged("units", f"text {docnum} is not UTF-16") from None
