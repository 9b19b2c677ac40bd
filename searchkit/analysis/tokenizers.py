"""Whoosh tokenizers for Chinese text.

Contract (Whoosh's, honoured exactly): a tokenizer is called with the field value and yields ``Token``s
(one object reused, as Whoosh does). With ``positions=True`` each token carries an *ordinal* position
``start_pos, start_pos+1, …`` — never a character offset, which is what breaks phrase queries in
jieba's own ``ChineseAnalyzer``. With ``chars=True`` ``startchar``/``endchar`` index the original value
(plus ``start_char``), so ``value[t.startchar - start_char:t.endchar - start_char]`` is the token's source
text. ``mode`` is ``"index"`` when Whoosh indexes and ``"query"`` when searchkit builds a query.

Token text is normalized (see ``normalize``); tokens are cut from the normalized string, which has the
same length as the value, so offsets need no mapping.

``WordTokenizer`` gives jieba words (jieba's dictionary and algorithm, run by jieba-rs) to the word
field: word counts (collocates, keyness) and ranking's second stage. Search itself matches exact
substrings in the character index (charindex.py), whatever jieba made of the text around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Token, Tokenizer

from .normalize import normalize

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007\U00020000-\U0003134f"
# Han runs, or words of other letters/digits (a decimal number stays one word: 3.5).
_PIECES = re.compile(rf"(?P<han>[{HAN}]+)|(?P<word>\d+(?:\.\d+)+|[^\W_{HAN}]+)")


def pieces(normalized: str) -> Iterator[re.Match]:
    """Han runs and other words of an already-normalized string, in order."""
    return _PIECES.finditer(normalized)


class _CachedNormalize:
    """Both fields analyze the same paragraph back to back: normalize it once."""

    def __init__(self) -> None:
        self._last_in: str | None = None
        self._last_out = ""

    def __call__(self, value: str) -> str:
        if value is not self._last_in:
            self._last_in, self._last_out = value, normalize(value)
        return self._last_out


_normalize = _CachedNormalize()


class _SpanTokenizer(Tokenizer):
    """Whoosh's tokenizer contract over ``spans(normalized)``: (text, start, end) triples, in order."""

    def spans(self, normalized: str, query: bool) -> Iterator[tuple[str, int, int]]:
        raise NotImplementedError

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        pos = start_pos
        for text, s, e in self.spans(_normalize(value), mode == "query"):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[s:e]
            if positions:
                token.pos = pos
            pos += 1
            if chars:
                token.startchar = start_char + s
                token.endchar = start_char + e
            yield token


class WordTokenizer(_SpanTokenizer):
    """jieba words (HMM on, default mode); punctuation and spaces dropped."""

    def spans(self, normalized: str, query: bool) -> Iterator[tuple[str, int, int]]:
        return segment(normalized)


def segment(normalized: str) -> Iterator[tuple[str, int, int]]:
    """jieba words of an already-normalized string as (word, start, end); only words with a letter,
    digit or Han character.

    Segmentation is jieba's — its dictionary, DAG and HMM — run by jieba-rs (``rjieba``), which gives
    the same words as the Python package on Han text (5259 of 5261 gov-report paragraphs identical, the
    two others differing only in hyphenated numbers, which never reach it here) at 14 times the speed.
    """
    import rjieba  # deferred: only indexing segments with it

    jieba = _user_jieba or rjieba
    for match in pieces(normalized):
        if match.lastgroup == "word":
            yield match.group(), match.start(), match.end()
            continue
        offset = match.start()
        for word, s, e in jieba.tokenize(match.group(), hmm=True):
            yield word, offset + s, offset + e


_user_jieba = None  # a jieba-rs instance with user words added (see use_user_words), or None
_user_words: tuple = ()


def use_user_words(words) -> None:
    """Segment with jieba's dictionary plus ``words`` ((word, frequency or None) pairs; empty or None:
    the dictionary alone) from now on, in this process and the indexing workers it forks. Process-wide
    because Whoosh pickles the tokenizer into the index schema: the words stay out of the schema."""
    global _user_jieba, _user_words
    words = tuple(words or ())
    if words == _user_words:
        return
    if not words:
        _user_jieba, _user_words = None, ()
        return
    import rjieba

    jieba = rjieba.Jieba()
    for word, frequency in words:
        jieba.add_word(word, frequency, None)  # no frequency: jieba-rs suggests one that keeps it whole
    _user_jieba, _user_words = jieba, words
