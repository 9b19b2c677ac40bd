"""The Whoosh schema: one document per paragraph."""

from __future__ import annotations

from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema

from .analysis import GramTokenizer, WordTokenizer

# Tokens in `words` come from jieba (ranking); `grams` holds Han bigrams with positions (recall and
# exact phrases). The paragraph text itself is stored once, in `text`, and analyzed into both.
WORDS = "words"
GRAMS = "grams"


def make_schema() -> Schema:
    return Schema(
        key=ID(unique=True),  # "speech_id\x1fparagraph"
        speech_id=ID(stored=True, sortable=True),
        paragraph=NUMERIC(int, bits=32, stored=True, sortable=True),
        text=STORED(),
        words=TEXT(analyzer=WordTokenizer(), phrase=False),
        grams=TEXT(analyzer=GramTokenizer(), phrase=True),
        title=STORED(),
        speaker=ID(stored=True, sortable=True),
        date=ID(stored=True, sortable=True),
        when=ID(sortable=True),  # date, else year: the key of --sort date
        undated=NUMERIC(int, bits=8, sortable=True),
        source=STORED(),
        section=STORED(),
        venue=STORED(),
    )


def paragraph_key(speech_id: str, paragraph: int) -> str:
    return f"{speech_id}\x1f{paragraph}"
