"""The Whoosh schema: one document per paragraph, and the tokenizer of its word field.

Contract (Whoosh's, honoured exactly): a tokenizer is called with the field value and yields ``Token``s
(one object reused, as Whoosh does). With ``positions=True`` each token carries an *ordinal* position
``start_pos, start_pos+1, …`` — never a character offset. With ``chars=True``
``startchar``/``endchar`` index the original value (plus ``start_char``). Token text is normalized
(text/normalize.py), which keeps the length of the value, so offsets need no mapping.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema

from ..errors import IndexStateError
from ..text import normalize
from ..text.segment import Segmenter, Words, segmenter
from ..text.userwords import digest

# Tokens in `words` are jieba's words (word counts: collocates, keyness; similar's candidates). Search
# itself finds exact substrings in the character index beside each segment (charindex.py), built from
# `text`, which is stored once.
WORDS = "words"

# Word lists by digest, for the tokenizers Whoosh unpickles from an index's schema in the writer and
# its forked workers. Keyed by content, so an entry means one thing wherever it is read.
_WORD_LISTS: dict[str, Words] = {}


def register_words(words: Words) -> str:
    """Make ``words`` available to the word field's tokenizer; its digest names it in the schema."""
    key = digest(words) if words else ""
    if words:
        _WORD_LISTS[key] = tuple(words)
    return key


class WordTokenizer(Tokenizer):
    """jieba words (HMM on, default mode); punctuation and spaces dropped. ``words_digest`` names the
    index's user word list (``register_words``); the words themselves stay out of the schema."""

    def __init__(self, words_digest: str = "") -> None:
        self.words_digest = words_digest

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("words_digest", "")

    def __getstate__(self) -> dict:
        return {"words_digest": self.words_digest}

    def segmenter(self) -> Segmenter:
        if not self.words_digest:
            return segmenter()
        if self.words_digest not in _WORD_LISTS:
            raise IndexStateError("the index's word list is not loaded; update it with `searchkit index PATH --words FILE`")
        return segmenter(_WORD_LISTS[self.words_digest])

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
        for text, s, e in self.segmenter()(normalize(value)):
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


def make_schema(words: Words = ()) -> Schema:
    # Only what queries need is indexed: the text's words, and speech_id (deletes, filters). Sort
    # keys are columns alone; metadata is stored alone (filters read the manifest). Every indexed
    # field costs postings, and postings are what Whoosh spends its time on.
    return Schema(
        speech_id=ID(stored=True, sortable=True),
        paragraph=STORED(),
        order=COLUMN(NumericColumn("I")),  # the paragraph number, as a sort key
        text=STORED(),
        words=TEXT(analyzer=WordTokenizer(register_words(words)), phrase=False),
        title=STORED(),
        speaker=STORED(),
        date=STORED(),
        when=COLUMN(VarBytesColumn()),  # date, else year: the key of --sort date
        undated=COLUMN(NumericColumn("B")),  # 1 for speeches without date or year: last either way
        source=STORED(),
        section=STORED(),
        venue=STORED(),
    )
