"""A phrase query over the bigram field, matched with position sets instead of Whoosh's span objects.

A Han string of n characters is the phrase of its n-1 overlapping bigrams, so ``Phrase`` is the
hot path of nearly every search. Whoosh matches a phrase with ``SpanNear2``: for every document in
the intersection of the terms' postings it builds a ``Span`` object per position and compares them
pairwise in Python. ``GramPhrase`` intersects the same postings (rarest first) and checks positions
with set arithmetic: the starts where token i sits at start + offset_i, for every i. Same documents,
same scores (the sum of the terms' scores, as the span matcher gives).
"""

from __future__ import annotations

from whoosh import matching
from whoosh.matching.binary import IntersectionMatcher
from whoosh.query import qcore
from whoosh.query.spans import SpanWrappingMatcher
from whoosh.util import make_binary_tree


class GramPhrase(qcore.Query):
    """Documents of ``fieldname`` where each ``words[i]`` occurs at position start + ``offsets[i]``."""

    def __init__(self, fieldname: str, words: list[str], offsets: list[int] | None = None, boost: float = 1.0) -> None:
        self.fieldname = fieldname
        self.words = list(words)
        self.offsets = list(offsets) if offsets is not None else list(range(len(words)))
        self.boost = boost

    def __repr__(self) -> str:
        return f"GramPhrase({self.fieldname!r}, {self.words!r}, {self.offsets!r}, boost={self.boost})"

    def __str__(self) -> str:
        return f'{self.fieldname}:"{" ".join(self.words)}"'

    def __eq__(self, other) -> bool:
        return (
            type(other) is GramPhrase
            and (self.fieldname, self.words, self.offsets, self.boost)
            == (other.fieldname, other.words, other.offsets, other.boost)
        )

    def __hash__(self) -> int:
        return hash((GramPhrase, self.fieldname, tuple(self.words), tuple(self.offsets), self.boost))

    def has_terms(self) -> bool:
        return True

    def terms(self, phrases: bool = True):
        if phrases:
            for word in self.words:
                yield self.fieldname, word

    def with_boost(self, boost: float) -> "GramPhrase":
        return GramPhrase(self.fieldname, self.words, self.offsets, boost)

    def normalize(self) -> "GramPhrase":
        return self

    def estimate_size(self, ixreader) -> int:
        return min((ixreader.doc_frequency(self.fieldname, w) for w in self.words), default=0)

    def estimate_min_size(self, ixreader) -> int:
        return 0

    def matcher(self, searcher, context=None):
        from whoosh.query import Term

        reader = searcher.reader()
        if any((self.fieldname, word) not in reader for word in self.words):
            return matching.NullMatcher()  # one token the segment never saw: no phrase here
        # Rarest first: the intersection skips through the long postings of common bigrams.
        order = sorted(range(len(self.words)), key=lambda i: reader.doc_frequency(self.fieldname, self.words[i]))
        matchers = [Term(self.fieldname, self.words[i]).matcher(searcher, context) for i in order]
        if len(matchers) == 1:
            matcher = matchers[0]
        else:
            matcher = _PositionsMatcher(matchers, [self.offsets[i] for i in order])
        if self.boost != 1.0:
            matcher = matching.WrappingMatcher(matcher, boost=self.boost)
        return matcher


class _PositionsMatcher(SpanWrappingMatcher):
    def __init__(self, matchers: list, offsets: list[int]) -> None:
        self.matchers = matchers
        self.offsets = offsets
        super().__init__(make_binary_tree(IntersectionMatcher, matchers))

    def copy(self):
        return _PositionsMatcher([m.copy() for m in self.matchers], self.offsets)

    def replace(self, minquality=0):
        # The intersection must keep the term matchers this object reads positions from.
        return self if self.is_active() else matching.NullMatcher()

    def _get_spans(self):
        first, *rest = zip(self.matchers, self.offsets)
        starts = {p - first[1] for p in first[0].value_as("positions")}
        for matcher, offset in rest:
            starts.intersection_update([p - offset for p in matcher.value_as("positions")])
            if not starts:
                break
        return starts
