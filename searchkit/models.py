"""The data searchkit passes around: frozen dataclasses, no Whoosh objects, no formatting."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Speech:
    """One speech as read from disk, split into paragraphs."""

    speech_id: str
    source: str
    paragraphs: tuple[str, ...]
    title: str | None = None
    speaker: str | None = None
    date: str | None = None
    venue: str | None = None
    year: int | None = None  # from the date, else from the file name or title
    sections: tuple[str | None, ...] = ()  # heading each paragraph sits under, parallel to paragraphs
    content_hash: str = ""
    file: str = ""  # the file read (source may be a JSONL record's own "source")


@dataclass(frozen=True)
class Paragraph:
    """One indexed paragraph with its speech's metadata."""

    speech_id: str
    paragraph: int  # 1-based position in the speech
    text: str
    title: str | None
    speaker: str | None
    date: str | None
    source: str
    section: str | None = None
    venue: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Hit(Paragraph):
    """A paragraph that matched a query."""

    score: float = 0.0
    snippet: str = ""
    snippet_start: int = 0  # offset of the snippet in text
    matches: tuple[tuple[int, int], ...] = ()  # [start, end) into text, sorted, merged

    def to_dict(self) -> dict:
        data = asdict(self)
        data["matches"] = [list(span) for span in self.matches]
        return data


@dataclass(frozen=True)
class SimilarHit(Hit):
    """A paragraph that reuses part of a passage (``similar``). ``matches`` are the reused spans in
    ``text``; ``passage_matches[i]`` is the span of the passage that ``matches[i]`` repeats (equal
    after normalization); ``shared`` is the share of the passage's letters, digits and Han characters
    it repeats (0-1); ``verbatim``: it repeats (nearly) all of the passage — such hits come first;
    ``score``: the ranking model's estimate (0-1) that the paragraph is the passage's source."""

    passage_matches: tuple[tuple[int, int], ...] = ()
    shared: float = 0.0
    verbatim: bool = False

    def to_dict(self) -> dict:
        data = super().to_dict()
        data["passage_matches"] = [list(span) for span in self.passage_matches]
        return data


@dataclass(frozen=True)
class Skipped:
    """An input that was not indexed, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class IndexReport:
    """What one `index` run did."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    paragraphs: int = 0  # paragraphs in the index after the run
    speeches: int = 0  # speeches in the index after the run
    skipped: tuple[Skipped, ...] = field(default=())
    added_ids: tuple[str, ...] = ()
    updated_ids: tuple[str, ...] = ()
    removed_ids: tuple[str, ...] = ()
    repaired: str = ""  # the damage found in the index (file: what was wrong), which this run rebuilt it from

    def to_dict(self) -> dict:
        data = asdict(self)
        data["skipped"] = [asdict(s) for s in self.skipped]
        return data


@dataclass(frozen=True)
class SpeechSummary:
    """One speech in an index, as `searchkit list` shows it."""

    speech_id: str
    title: str | None
    speaker: str | None
    date: str | None
    year: int | None
    venue: str | None
    source: str
    paragraphs: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class TrendRow:
    """How often a term occurs in one group (a year or a speaker)."""

    term: str
    group: str
    speeches: int  # speeches with at least one matching paragraph
    paragraphs: int  # matching paragraphs
    occurrences: int = 0  # occurrences of the term in them (as kwic lists them)
    chars: int = 0  # characters of every paragraph of the group's speeches searched, matching or not
    per_10k_chars: float = 0.0  # occurrences per 10,000 of those characters: long and short reports compare

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class KwicLine:
    """One occurrence of a term with its left and right context."""

    speech_id: str
    paragraph: int
    date: str | None
    speaker: str | None
    left: str
    match: str
    right: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class FacetCount:
    """Matching paragraphs (and the speeches they are in) in one group of a facet."""

    by: str
    group: str
    paragraphs: int
    speeches: int

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SearchResult:
    """One search: the hits asked for, how many paragraphs match in all (``total``, exact), and
    from the same evaluation the facets asked for. Iterating it, ``len`` and indexing go over the
    hits. ``unfiltered``: when filters left nothing, how many paragraphs the query matches without
    them (else None). ``expansions``: the aliases each term was also searched as."""

    hits: tuple[Hit, ...]
    total: int
    offset: int = 0
    facets: dict[str, tuple[FacetCount, ...]] = field(default_factory=dict)
    unfiltered: int | None = None
    expansions: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __iter__(self):
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, item):
        return self.hits[item]

    def to_dict(self) -> dict:
        """The result as the JSON API and ``--json`` give it."""
        data = {"total": self.total, "offset": self.offset, "hits": [hit.to_dict() for hit in self.hits]}
        if self.unfiltered is not None:
            data["unfiltered"] = self.unfiltered
        if self.facets:
            data["facets"] = {by: [c.to_dict() for c in rows] for by, rows in self.facets.items()}
        return data
