"""The read side of the Whoosh door: one open generation's Whoosh index, and the jobs Whoosh still
does here, by name.

Whoosh keeps, for each paragraph: its stored fields (text and metadata), which segment holds it and
whether it is deleted, the ``speech_id`` postings (a speech's paragraphs: filters, deletes), the sort
columns (date, speech id, paragraph number), and the word field's statistics (each jieba word's
paragraphs and frequencies, paragraph lengths in words). Search itself runs on the character index
(charindex.py). Nothing outside ``storage`` sees a Whoosh object: callers get docnums, dicts, lists and
numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from whoosh import index as whoosh_index

from . import codec
from .schema import WORDS

# What could go wrong opening a generation's Whoosh files (the caller words the message).
OPEN_ERRORS = (OSError, ValueError, whoosh_index.EmptyIndexError)


class StoredIndex:
    """The Whoosh index of ``generation``, open for reading; one consistent snapshot while it lives."""

    def __init__(self, generation: Path) -> None:
        codec.install()  # term tables hold searchkit's compact posting lists
        self._ix = whoosh_index.open_dir(str(generation))
        self._searcher = self._ix.searcher()
        self._reader = self._searcher.reader()

    def close(self) -> None:
        self._searcher.close()
        self._ix.close()

    # -- paragraphs ---------------------------------------------------------------------------------

    def doc_count(self) -> int:
        """Live paragraphs."""
        return self._reader.doc_count()

    def doc_count_all(self) -> int:
        """Paragraph slots, deleted ones included: docnums run from 0 to this."""
        return self._reader.doc_count_all()

    def has_deletions(self) -> bool:
        return self._reader.has_deletions()

    def live_docnums(self) -> Iterator[int]:
        return self._reader.all_doc_ids()

    def stored(self, docnum: int) -> dict:
        """The stored fields of one paragraph."""
        return self._reader.stored_fields(docnum)

    def speech_paragraphs(self, speech_id: str) -> list[dict]:
        """The stored fields of every live paragraph of one speech, in no set order."""
        return list(self._searcher.documents(speech_id=speech_id))

    def docnums(self, speech_ids) -> set[int]:
        """The docnums of the live paragraphs of these speeches."""
        docnums: set[int] = set()
        for speech_id in speech_ids:
            if self._reader.doc_frequency("speech_id", speech_id):
                docnums.update(self._reader.postings("speech_id", speech_id).all_ids())
        return docnums

    def segments(self) -> list[tuple[int, str, list[int]]]:
        """(first docnum, segment id, deleted docnums within it) of each segment, in docnum order."""
        readers = getattr(self._reader, "readers", None)
        if readers is None:
            readers, offsets = ([self._reader], [0]) if self._reader.doc_count_all() else ([], [])
        else:
            offsets = self._reader.doc_offsets
        return [
            (offset, r.segment().segment_id(), sorted(r.deleted_docs_set) if r.has_deletions() else [])
            for r, offset in zip(readers, offsets)
        ]

    # -- sort columns -------------------------------------------------------------------------------

    def column(self, name: str):
        """A sort column (``undated``, ``when``, ``speech_id``, ``order``), indexable by docnum."""
        return self._reader.column_reader(name)

    # -- word statistics ----------------------------------------------------------------------------

    def word_df(self, word: str) -> int:
        """In how many live paragraphs the jieba word occurs."""
        return self._reader.doc_frequency(WORDS, word)

    def word_total(self) -> int:
        """Words in all paragraphs (Whoosh's running total; exact while nothing is deleted)."""
        return int(self._reader.field_length(WORDS))

    def word_length(self, docnum: int) -> int:
        """A paragraph's length in words, as Whoosh stores it (one lossy byte)."""
        return self._reader.doc_field_length(docnum, WORDS, 0)

    def word_postings(self, word: str) -> Iterator[tuple[list[int], list[float]]]:
        """(docnums, frequencies) of the paragraphs holding ``word``, a posting block at a time: walked
        block by block rather than through Whoosh's matcher, which costs seconds on 80 words."""
        for leaf, base in self._reader.leaf_readers():
            if not leaf.doc_frequency(WORDS, word):
                continue
            matcher = leaf.postings(WORDS, word)
            if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):  # whoosh3's block postings
                while matcher.is_active():
                    matcher._read_ids()
                    matcher._read_weights()
                    yield [base + i for i in matcher._ids], matcher._weights
                    matcher._next_block()
                continue
            ids, tfs = [], []
            while matcher.is_active():
                ids.append(base + matcher.id())
                tfs.append(matcher.weight())
                matcher.next()
            yield ids, tfs
