"""The Whoosh schema: one document per paragraph."""

from __future__ import annotations

from whoosh.columns import NumericColumn, VarBytesColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema

from .analysis import GramTokenizer, WordTokenizer

# Tokens in `words` come from jieba (ranking); `grams` holds Han bigrams with positions (recall and
# exact phrases). The paragraph text itself is stored once, in `text`, and analyzed into both.
WORDS = "words"
GRAMS = "grams"


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
        grams=TEXT(analyzer=GramTokenizer(), phrase=True),
        title=STORED(),
        speaker=STORED(),
        date=STORED(),
        when=COLUMN(VarBytesColumn()),  # date, else year: the key of --sort date
        undated=COLUMN(NumericColumn("B")),  # 1 for speeches without date or year: last either way
        source=STORED(),
        section=STORED(),
        venue=STORED(),
    )
