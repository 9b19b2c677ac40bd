"""The Whoosh schema: one document per paragraph."""

from __future__ import annotations

from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema

from .analysis import WordTokenizer

# Tokens in `words` are jieba's words (word counts: collocates, keyness; similar's candidates). Search
# itself finds exact substrings in the character index beside each segment (charindex.py), built from
# `text`, which is stored once.
WORDS = "words"


def make_schema() -> Schema:
    # Only what queries need is indexed: the two text fields, and speech_id (deletes, filters). Sort
    # keys are columns alone; metadata is stored alone (filters read the manifest). Every indexed
    # field costs postings, and postings are what Whoosh spends its time on.
    return Schema(
        speech_id=ID(stored=True, sortable=True),
        paragraph=STORED(),
        order=COLUMN(NumericColumn("I")),  # the paragraph number, as a sort key
        text=STORED(),
        words=TEXT(analyzer=WordTokenizer(), phrase=False),
        title=STORED(),
        speaker=STORED(),
        date=STORED(),
        when=COLUMN(VarBytesColumn()),  # date, else year: the key of --sort date
        undated=COLUMN(NumericColumn("B")),  # 1 for speeches without date or year: last either way
        source=STORED(),
        section=STORED(),
        venue=STORED(),
    )
