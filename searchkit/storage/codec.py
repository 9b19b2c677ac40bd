"""The Whoosh codec searchkit writes with, and a compact encoding of inlined posting lists.

Most terms of the word field occur in a handful of paragraphs, and Whoosh spends more time writing a
posting block per term than on the postings themselves. Whoosh can store short posting lists inline in
the term table ("inlinelimit"), but whoosh3 3.54's writer calls ``W3TermInfo.set_inline``, which was
renamed ``set_inlined`` (the reader side is intact), so any limit above 1 crashes. We restore the
name, then inline lists of up to 16 postings: builds ~25% faster (benchmarks/speed.py).

Whoosh pickles an inlined list — a tuple of ids, a tuple of float weights (9 bytes each), a tuple of
position strings — and those pickles were two thirds of the index on disk (the term table was 4× the
postings file). ``_encode`` writes the same three tuples as varints (ids as gaps, whole-number weights
as integers, positions as length + bytes): on the government reports the inlined lists shrink from
10.2 to 2.8 MB per segment. The encoding starts with a zero byte, which no pickle does, so term
tables written before it still read.
"""

from __future__ import annotations

import pickle
import struct

INLINE_LIMIT = 16
_COMPACT = 0  # first byte of a compact list; a pickle (protocol 2) starts with 0x80
_WHOLE, _FLOATS = 0, 1  # how the weights are written
_NONE, _BYTES = 0, 1  # how the values are written


def _put(out: bytearray, n: int) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _get(data: bytes, i: int) -> tuple[int, int]:
    n = shift = 0
    while True:
        byte = data[i]
        i += 1
        n |= (byte & 0x7F) << shift
        if byte < 0x80:
            return n, i
        shift += 7


def _encode(inlined: tuple) -> bytes:
    ids, weights, values = inlined
    if not all(v is None for v in values) and not all(isinstance(v, bytes) for v in values):
        return pickle.dumps(inlined, 2)  # a mix Whoosh does not write; keep its own encoding
    out = bytearray([_COMPACT])
    _put(out, len(ids))
    previous = 0
    for docnum in ids:
        _put(out, docnum - previous)
        previous = docnum
    if all(w >= 0 and w == int(w) and w < 2**31 for w in weights):
        out.append(_WHOLE)
        for weight in weights:
            _put(out, int(weight))
    else:  # boosted fields (headings) give fractional weights
        out.append(_FLOATS)
        out += struct.pack(f"<{len(weights)}d", *weights)
    if all(v is None for v in values):
        out.append(_NONE)
    else:
        out.append(_BYTES)
        for value in values:
            _put(out, len(value))
            out += value
    return bytes(out)


def _decode(data: bytes) -> tuple:
    if not data or data[0] != _COMPACT:
        return pickle.loads(data)
    count, i = _get(data, 1)
    ids, docnum = [], 0
    for _ in range(count):
        gap, i = _get(data, i)
        docnum += gap
        ids.append(docnum)
    kind, i = data[i], i + 1
    if kind == _WHOLE:
        weights = []
        for _ in range(count):
            weight, i = _get(data, i)
            weights.append(float(weight))
    else:
        weights = list(struct.unpack_from(f"<{count}d", data, i))
        i += 8 * count
    kind, i = data[i], i + 1
    if kind == _NONE:
        values = [None] * count
    else:
        values = []
        for _ in range(count):
            length, i = _get(data, i)
            values.append(data[i:i + length])
            i += length
    return tuple(ids), tuple(weights), tuple(values)


class _ViewFile:
    """A read-only file over a memoryview that never copies it (see ``install``)."""

    def __init__(self, view) -> None:
        self._view, self._pos, self.closed = view, 0, False

    def read(self, size: int = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(self._pos + size, len(self._view))
        data = bytes(self._view[self._pos:end])
        self._pos = max(self._pos, end)
        return data

    def readline(self, size: int = -1) -> bytes:
        limit = len(self._view) if size is None or size < 0 else min(len(self._view), self._pos + size)
        end = self._pos
        while end < limit:  # pickle asks for lines only for its rare text opcodes: scan in small steps
            chunk = bytes(self._view[end:min(end + 256, limit)])
            newline = chunk.find(b"\n")
            if newline >= 0:
                end += newline + 1
                break
            end += len(chunk)
        return self.read(end - self._pos)

    def seek(self, offset: int, whence: int = 0) -> int:
        self._pos = offset if whence == 0 else self._pos + offset if whence == 1 else len(self._view) + offset
        return self._pos

    def tell(self) -> int:
        return self._pos

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def close(self) -> None:
        self.closed = True


def _install_view_files() -> None:
    """whoosh3 opens each file inside a segment's memory-mapped compound file as ``BytesIO(view)``, which
    copies it: the first stored field read copied the segment's whole stored-text column (86 MB per
    segment of the full xwlb index), and opening a searcher its term files — 700 MB for one cold
    search. Reading through the view instead keeps the mapping shared and paged in on demand."""
    from whoosh.filedb import structfile

    def __init__(self, buf, name=None, onclose=None) -> None:
        self._buf, self._name, self.onclose = buf, name, onclose
        self.file = _ViewFile(buf)
        self.is_real, self.is_closed = False, False

    structfile.BufferFile.__init__ = __init__


def install() -> None:
    """Patch whoosh3 (once): the writer's renamed method, the compact inline lists, files read in place."""
    from whoosh.codec import whoosh3

    info = whoosh3.W3TermInfo
    if getattr(info, "_searchkit_compact", False):
        return
    _install_view_files()
    if not hasattr(info, "set_inline"):
        info.set_inline = info.set_inlined

    def to_bytes(self) -> bytes:
        if not self.is_inlined():
            return original_to_bytes(self)
        head = original_to_bytes(self)[: info._struct.size]  # the fixed part, as Whoosh packs it
        return head + _encode(self._inlined)

    def from_bytes(cls, data: bytes):
        size = cls._struct.size
        if not data[0] or len(data) <= size:
            return original_from_bytes(data)
        terminfo = original_from_bytes(data[:size] + pickle.dumps(None, 2))
        terminfo._inlined = _decode(data[size:])
        return terminfo

    original_to_bytes = info.to_bytes
    original_from_bytes = info.from_bytes
    info.to_bytes = to_bytes
    info.from_bytes = classmethod(from_bytes)
    info._searchkit_compact = True


def make_codec():
    from whoosh.codec import whoosh3

    install()
    return whoosh3.W3Codec(inlinelimit=INLINE_LIMIT)
