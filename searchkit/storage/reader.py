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

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

from whoosh import index as whoosh_index

from ..errors import IndexStateError, SearchkitError
from . import codec, integrity
from .schema import WORDS



def _whoosh_failed(generation: Path, error: Exception) -> IndexStateError:
    """Whatever Whoosh raises reading damaged files (EOFError, UnpicklingError, zlib.error, struct.error,
    KeyError …), as the one line a user can act on."""
    if isinstance(error, PermissionError):
        return integrity.unreadable(generation, error)
    if isinstance(error, FileNotFoundError) and error.filename:
        return integrity.damaged_at(Path(error.filename), "missing")
    why = f"Whoosh cannot read its segments: {type(error).__name__}"
    return integrity.damaged(generation, "", why)


def _guarded(method):
    """Run a read through Whoosh, its errors turned into ``_whoosh_failed``'s."""

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except SearchkitError:
            raise
        except Exception as error:
            raise _whoosh_failed(self.generation, error) from None

    return guarded


def _guarded_iterator(method):
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            yield from method(self, *args, **kwargs)
        except SearchkitError:
            raise
        except Exception as error:
            raise _whoosh_failed(self.generation, error) from None

    return guarded


class _Column:
    """A Whoosh sort column, indexable by docnum, whose reads fail as damage, not as Whoosh's errors."""

    def __init__(self, column, generation: Path) -> None:
        self._column, self.generation = column, generation

    def __getitem__(self, docnum: int):  # called per matching paragraph (facets, trend): no decorator frame
        try:
            return self._column[docnum]
        except Exception as error:
            raise _whoosh_failed(self.generation, error) from None

    @_guarded
    def __len__(self) -> int:
        return len(self._column)


class StoredIndex:
    """The Whoosh index of ``generation``, open for reading; one consistent snapshot while it lives.
    Damaged files give a DamagedIndexError (IndexStateError), whatever Whoosh made of them."""

    def __init__(self, generation: Path) -> None:
        self.generation = generation
        codec.install()  # term tables hold searchkit's compact posting lists
        self._open()

    @_guarded
    def _open(self) -> None:
        self._ix = whoosh_index.open_dir(str(self.generation))
        self._searcher = self._ix.searcher()
        self._reader = self._searcher.reader()

    def close(self) -> None:
        with contextlib.suppress(Exception):  # closing what damage left half open must not fail
            self._searcher.close()
            self._ix.close()

    # -- paragraphs ---------------------------------------------------------------------------------

    @_guarded
    def doc_count(self) -> int:
        """Live paragraphs."""
        return self._reader.doc_count()

    @_guarded
    def doc_count_all(self) -> int:
        """Paragraph slots, deleted ones included: docnums run from 0 to this."""
        return self._reader.doc_count_all()

    @_guarded
    def has_deletions(self) -> bool:
        return self._reader.has_deletions()

    @_guarded_iterator
    def live_docnums(self) -> Iterator[int]:
        yield from self._reader.all_doc_ids()

    @_guarded
    def stored(self, docnum: int) -> dict:
        """The stored fields of one paragraph."""
        return self._reader.stored_fields(docnum)

    @_guarded
    def speech_paragraphs(self, speech_id: str) -> list[dict]:
        """The stored fields of every live paragraph of one speech, in no set order."""
        return list(self._searcher.documents(speech_id=speech_id))

    @_guarded
    def docnums(self, speech_ids) -> set[int]:
        """The docnums of the live paragraphs of these speeches."""
        docnums: set[int] = set()
        for speech_id in speech_ids:
            if self._reader.doc_frequency("speech_id", speech_id):
                docnums.update(self._reader.postings("speech_id", speech_id).all_ids())
        return docnums

    @_guarded
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

    @_guarded
    def column(self, name: str):
        """A sort column (``undated``, ``when``, ``speech_id``, ``order``), indexable by docnum."""
        return _Column(self._reader.column_reader(name), self.generation)

    # -- word statistics ----------------------------------------------------------------------------

    @_guarded
    def word_df(self, word: str) -> int:
        """In how many live paragraphs the jieba word occurs."""
        return self._reader.doc_frequency(WORDS, word)

    @_guarded
    def word_total(self) -> int:
        """Words in all paragraphs (Whoosh's running total; exact while nothing is deleted)."""
        return int(self._reader.field_length(WORDS))

    @_guarded
    def word_length(self, docnum: int) -> int:
        """A paragraph's length in words, as Whoosh stores it (one lossy byte)."""
        return self._reader.doc_field_length(docnum, WORDS, 0)

    @_guarded_iterator
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
