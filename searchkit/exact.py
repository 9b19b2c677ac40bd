"""Exact strings: candidates from the index, verified in the stored paragraph.

The bigram field finds every paragraph holding a string's Han runs and Latin/digit words in order, but
it has no tokens for symbols (+, %, ., “”), so ``"互联网+"`` would also find a bare 互联网. A quoted
phrase — and every term of ``trend`` and ``kwic`` — is the exact normalized string: the index proposes
candidates, and each candidate's stored text is checked with ``highlight.find``, the same test that
places highlights. So every hit holds the string, and every hit has a highlight.
"""

from __future__ import annotations

from whoosh.matching import ListMatcher, NullMatcher
from whoosh.query.wrappers import WrappingQuery

from .analysis import normalize, pieces
from .highlight import find


def needs_verifying(normalized: str) -> bool:
    """Whether the index alone can match text that does not hold ``normalized``: not when it is one
    Han run (its bigrams, in order) or one word of letters/digits (a token of its own); yes when it
    holds symbols, spaces or several pieces, which the index has no tokens for."""
    found = list(pieces(normalized))
    return len(found) != 1 or found[0].span() != (0, len(normalized))


class Verified(WrappingQuery):
    """The paragraphs ``child`` matches whose stored ``text``, normalized, holds ``needle``."""

    def __init__(self, child, needle: str) -> None:
        super().__init__(child)
        self.needle = needle

    def __repr__(self) -> str:
        return f"Verified({self.child!r}, {self.needle!r})"

    def __eq__(self, other) -> bool:
        return type(other) is Verified and (self.child, self.needle) == (other.child, other.needle)

    def __hash__(self) -> int:
        return hash((Verified, self.child, self.needle))

    def _rewrap(self, child) -> "Verified":
        return Verified(child, self.needle)

    def normalize(self) -> "Verified":
        return self._rewrap(self.child.normalize())

    def holds(self, folded: str) -> bool:
        """Whether a paragraph's normalized text passes (proximity.NearVerified checks otherwise)."""
        return bool(find(folded, self.needle))

    def matcher(self, searcher, context=None):
        # Called once per segment (Whoosh searches leaf by leaf): docnums here are the segment's own.
        candidates = self.child.matcher(searcher, context)
        scored = context is None or context.weighting is not None
        reader = searcher.reader()
        ids, weights = [], []
        while candidates.is_active():
            docnum = candidates.id()
            if self.holds(normalize(reader.stored_fields(docnum)["text"])):
                ids.append(docnum)
                weights.append(candidates.score() if scored else 1.0)
            candidates.next()
        return ListMatcher(ids, weights) if ids else NullMatcher()
