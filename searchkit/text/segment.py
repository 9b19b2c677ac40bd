"""Cutting normalized text into words: Han runs by jieba (its dictionary, DAG and HMM, run by
jieba-rs), other letters and digits as whole words (a decimal number stays one word: 3.5).

A ``Segmenter`` is jieba's dictionary plus, optionally, a user word list (text/userwords.py). Each
index records the list it was built with, and whatever reads that index cuts with a segmenter made
from that record, so no cut depends on what else a process did before.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\U00020000-\U0003134f"
_PIECES = re.compile(rf"(?P<han>[{HAN}]+)|(?P<word>\d+(?:\.\d+)+|[^\W_{HAN}]+)")

Words = tuple[tuple[str, "int | None"], ...]  # (word, frequency or None) pairs


def pieces(normalized: str) -> Iterator[re.Match]:
    """Han runs and other words of an already-normalized string, in order."""
    return _PIECES.finditer(normalized)


class Segmenter:
    """jieba words of normalized text as (word, start, end); only words with a letter, digit or Han
    character. ``words``: a user word list added to jieba's dictionary (none: the dictionary alone).

    jieba-rs gives the same words as the Python package on Han text (5259 of 5261 gov-report
    paragraphs identical, the two others differing only in hyphenated numbers, which never reach it
    here) at many times the speed."""

    def __init__(self, words: Words = ()) -> None:
        self.words: Words = tuple(words or ())
        self._jieba = None

    def _engine(self):
        if self._jieba is None:
            import rjieba  # deferred: a plain search never segments with jieba's dictionary

            if not self.words:
                self._jieba = rjieba
            else:
                jieba = rjieba.Jieba()
                for word, frequency in self.words:
                    jieba.add_word(word, frequency, None)  # no frequency: jieba-rs picks one that keeps it whole
                self._jieba = jieba
        return self._jieba

    def __call__(self, normalized: str) -> Iterator[tuple[str, int, int]]:
        jieba = self._engine()
        for match in pieces(normalized):
            if match.lastgroup == "word":
                yield match.group(), match.start(), match.end()
                continue
            offset = match.start()
            for word, s, e in jieba.tokenize(match.group(), hmm=True):
                yield word, offset + s, offset + e

    def words_of(self, normalized: str) -> list[str]:
        return [word for word, _, _ in self(normalized)]


@functools.lru_cache(maxsize=8)
def segmenter(words: Words = ()) -> Segmenter:
    """The segmenter of a word list, shared by every caller with the same list (a pure function of
    ``words``: sharing one never changes a result, and jieba-rs loads each dictionary once)."""
    return Segmenter(tuple(words or ()))


def segment(normalized: str) -> Iterator[tuple[str, int, int]]:
    """jieba words of ``normalized`` with jieba's dictionary alone."""
    return segmenter()(normalized)
