"""One open index generation, searchable: queries in, frozen results out.

A ``Snapshot`` holds everything a query runs on — the generation's stored paragraphs and word
statistics (storage.reader), its character index (substrings.py), its manifest, the query segmenter
of its own vocabulary and the jieba segmenter of the word list it was built with — and nothing a
process shares: two snapshots, or one snapshot before and after other work, give the same answers.
Every search-side feature (count, facets, trend, kwic, collocates, compare, similar) runs on the
public methods here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import IndexStateError, QueryError, SearchkitError
from ..models import FacetCount, Hit, Paragraph, SearchResult, SpeechSummary
from ..storage import generations, integrity
from ..storage.reader import StoredIndex
from ..text import LexiconSegmenter, Segmenter, normalize, segmenter, userwords
from . import aliases as alias_tables
from . import evaluate, query as query_syntax, rerank, variants
from .facets import check_facets, count_facets
from .filters import SORTS, Filters, whole_number
from .highlight import DEFAULT_SNIPPET_CHARS, find_matches, snippet_window
from .substrings import Substrings

PARAGRAPH_FIELDS = ("speech_id", "paragraph", "text", "title", "speaker", "date", "source", "section", "venue")
# Searching finds a term's aliases (十八大 finds 党的第十八次全国代表大会); exact terms (trend, kwic,
# the web's "exact string") count the strings typed. ``aliases=None`` means this rule, and every front end
# leaves it to this rule unless the user says otherwise.
SEARCH_ALIASES = True
COUNT_ALIASES = False


def default_aliases(exact: bool):
    return COUNT_ALIASES if exact else SEARCH_ALIASES


def paragraph_fields(stored: dict) -> dict:
    """The fields a ``Paragraph`` (and so every hit) carries, from a paragraph's stored fields."""
    return {name: stored.get(name) for name in PARAGRAPH_FIELDS}


@dataclass(frozen=True)
class Compiled:
    """A query ready to run: its tree (aliases and script variants expanded), what it highlights,
    and the aliases it was expanded with."""

    tree: query_syntax.Node
    terms: list
    expansions: tuple[tuple[str, tuple[str, ...]], ...]


class Snapshot:
    """One generation of the index at ``index_dir``, open for reading. Use as a context manager or
    call ``close()``; it keeps its generation readable while open, whatever writers do meanwhile."""

    def __init__(self, index_dir: Path) -> None:
        self.path = Path(index_dir)
        # A writer may swap generations between our reading CURRENT and opening it: look again.
        for _ in range(3):
            generation = generations.live_generation(self.path)
            if generation is None:
                raise IndexStateError(f"no index at {self.path}; create it with `searchkit index PATH --index {self.path}`")
            try:
                self._open(generation)
                return
            except IndexStateError:
                self.close()
                if generations.live_generation(self.path) == generation:
                    raise
        raise IndexStateError(f"cannot open index {self.path}: it was replaced three times while opening; try again")

    def _open(self, generation: Path) -> None:
        """Open ``generation``; damage (storage/integrity.py) is a DamagedIndexError."""
        self._manifest_file = self.store = None
        info = generations.check_format(generation, self.path)
        # Sizes of every file, bytes of the small ones: about a millisecond (storage/integrity.py).
        self._checksums = integrity.check_open(generation, generations.checksummed(info))
        # Opened now, parsed on first use: a plain search needs no per-speech metadata (75k
        # speeches take half a second to parse), and an open file outlives the generation's
        # removal by a later writer, so this snapshot stays consistent.
        try:
            self._manifest_file = open(generation / generations.MANIFEST, "rb")
        except FileNotFoundError:
            raise integrity.damaged(generation, generations.MANIFEST, "missing") from None
        except OSError as error:
            raise integrity.unreadable(generation, error) from None
        self.store = StoredIndex(generation)
        self.cut = LexiconSegmenter(self.store.word_df, self.store.doc_count())
        self.substrings = Substrings(generation, self.store.segments(), self.store.doc_count_all(), self._checksums)
        self.evaluator = evaluate.Evaluator(self.substrings, self.cut)
        self.user_words: dict | None = info.get("user_words")
        self.segmenter: Segmenter = segmenter(userwords.words_of_record(self.user_words) or ())
        self.generation = generation
        self.cache: dict = {}  # what features keep for this snapshot's later queries (similar's title idf …)

    @functools.cached_property
    def manifest(self) -> dict[str, dict]:
        """speech id → its manifest entry (title, speaker, date, year, venue, source, paragraphs …)."""
        return generations.read_manifest(self.generation, self._manifest_file, self._checksums)["speeches"]

    def close(self) -> None:
        if getattr(self, "_manifest_file", None) is not None:
            self._manifest_file.close()
        if getattr(self, "store", None) is not None:
            self.store.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- queries ------------------------------------------------------------------------------------

    def compile(self, query: str, exact: bool = False, aliases=None) -> Compiled:
        """``query`` parsed (every term quoted when ``exact``; ``aliases``: True for the curated table,
        an ``AliasTable``, False, or None for ``default_aliases``), with its highlight terms."""
        if not isinstance(query, str):
            raise QueryError(f"the query must be a string, not the {type(query).__name__} {query!r}"[:200])
        if aliases is None:
            aliases = default_aliases(exact)
        tree = query_syntax.parse(query)
        made: list = []
        if aliases:
            tree, made = alias_tables.expand(tree, aliases)
        tree = variants.expand(tree)  # 復甦 finds 复苏, which folding character by character cannot
        if exact:
            tree = query_syntax.exact(tree)
        return Compiled(tree, query_syntax.highlight_terms(tree, self.cut), tuple(made))

    def admitted(self, filters: Filters) -> tuple[str, set[int]] | None:
        """The paragraphs ``filters`` admit, named by whichever side is smaller: ("only", docnums)
        or ("except", docnums); None when they admit everything."""
        if not filters:
            return None
        admitted = {sid for sid, entry in self.manifest.items() if filters.matches(entry)}
        if len(admitted) <= len(self.manifest) // 2:
            return "only", self.store.docnums(admitted)
        excluded = self.store.docnums(self.manifest.keys() - admitted)
        return ("except", excluded) if excluded else None

    def bm25(self, needle: str) -> evaluate.Scored:
        """Every live paragraph holding the exact string ``needle``, scored by its BM25."""
        return self.evaluator.bm25(needle)

    # scored and hits_of are the two steps a snapshot of another store (searchkit.cluster) replaces.
    def scored(self, compiled: Compiled, filters: Filters) -> tuple[evaluate.Scored, int]:
        """Every paragraph the query matches within ``filters``, scored; and how many it matches
        without the filters."""
        scored = self.evaluator.run(compiled.tree)
        unfiltered = int(scored.docs.size)
        admitted = self.admitted(filters)
        if admitted is not None:
            side, named = admitted
            keep = np.isin(scored.docs, np.fromiter(named, dtype=np.int64, count=len(named)))
            if side == "except":
                keep = ~keep
            scored = evaluate.Scored(scored.docs[keep], scored.scores[keep])
        return scored, unfiltered

    def search(
        self,
        query: str,
        limit: int | None = 10,
        offset: int = 0,
        *,
        speaker: str | None = None,
        since: str | None = None,
        until: str | None = None,
        title: str | None = None,
        source: str | None = None,
        sort: str = "relevance",
        snippet_chars: int = DEFAULT_SNIPPET_CHARS,
        exact: bool = False,
        aliases=None,
        facets: Iterable[str] = (),
    ) -> SearchResult:
        """The best paragraphs for ``query``: ``limit`` of them (``None`` = all) after skipping
        ``offset``, best first or by ``sort`` ("date", "-date"), with the exact total. ``speaker``/
        ``title``/``source`` keep speeches whose field contains the text; ``since``/``until`` bound
        the date (YYYY[-MM[-DD]]). ``exact``: every term is the exact string, as if quoted (kwic).
        ``aliases``: True (the curated table), an ``AliasTable``, or False: an unquoted term also
        finds its aliases; None: ``default_aliases`` (on, but off for ``exact``). ``facets``: any of "year",
        "speaker", "speech", counted over every match."""
        whole_number(limit, "limit", optional=True)
        whole_number(offset, "offset")
        whole_number(snippet_chars, "snippet_chars", minimum=1)
        if sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        facet_names = check_facets((facets,) if isinstance(facets, str) else facets)  # "year" is one facet, not four
        filters = Filters.of(speaker, since, until, title, source)
        compiled = self.compile(query, exact, aliases)
        scored, unfiltered = self.scored(compiled, filters)
        total = int(scored.docs.size)
        wanted = None if limit is None else offset + limit
        words = rerank.query_words(compiled.tree, self.cut)
        if limit == 0:  # a count (count, facets, -n 0): nothing to rank, no paragraph to cut into words
            ranked = []
        elif sort == "relevance":
            ranked = evaluate.best(scored, max(total if wanted is None else wanted, min(rerank.RERANK_WINDOW, total)))
            ranked = rerank.rerank(ranked, words, self.store, self.substrings, self.segmenter)[:wanted]
        else:
            # In date order each hit keeps the score it has in relevance order (the same two stages).
            relevance = dict(rerank.rerank(evaluate.best(scored, total), words, self.store, self.substrings, self.segmenter))
            ranked = [(docnum, relevance[docnum]) for docnum in self._by_date(scored.docs, sort == "-date")[:wanted]]
        hits = self.hits_of(ranked[offset:], compiled.terms, snippet_chars) if ranked else []
        counted = {}
        if facet_names:
            speech_ids = self.store.column("speech_id") if total else None
            docs = scored.docs.tolist()
            counted = {by: count_facets((speech_ids[d] for d in docs), self.manifest, by) for by in facet_names}
        return SearchResult(
            hits=tuple(hits),
            total=total,
            offset=offset,
            facets=counted,
            unfiltered=unfiltered if filters and total == 0 else None,
            expansions=compiled.expansions,
        )

    def hits_of(self, ranked: list[tuple[int, float]], terms: list, snippet_chars: int) -> list[Hit]:
        return [self._hit(docnum, score, terms, snippet_chars) for docnum, score in ranked]

    def _hit(self, docnum: int, score: float, terms: list, snippet_chars: int) -> Hit:
        fields = paragraph_fields(self.store.stored(docnum))
        matches = find_matches(fields["text"], terms)
        start, end = snippet_window(fields["text"], matches, snippet_chars)
        return Hit(**fields, score=round(float(score), 4), snippet=fields["text"][start:end],
                   snippet_start=start, matches=matches)

    def _by_date(self, docnums, newest_first: bool) -> list[int]:
        """``docnums`` by date (speeches without one last either way), then speech id and paragraph."""
        if not len(docnums):  # nothing to order; an empty index has no columns to ask
            return []
        undated, when, speech_id, order = (self.store.column(name) for name in ("undated", "when", "speech_id", "order"))
        ordered = sorted((int(d) for d in docnums), key=lambda d: (speech_id[d], order[d]))
        ordered.sort(key=lambda d: when[d], reverse=newest_first)  # stable: ids and paragraphs stay in order
        ordered.sort(key=lambda d: undated[d])
        return ordered

    def count(self, query: str, *, exact: bool = False, aliases=None, **filters) -> int:
        """How many paragraphs match ``query`` (with the same filters and aliases as ``search``)."""
        return self.search(query, limit=0, exact=exact, aliases=aliases, **filters).total

    def facets(self, query: str, by: str = "year", *, exact: bool = False, aliases=None, **filters) -> tuple[FacetCount, ...]:
        """Matching paragraphs per year, speaker or speech; the paragraphs sum to ``count``."""
        return self.search(query, limit=0, exact=exact, aliases=aliases, facets=(by,), **filters).facets[by]

    def highlight_terms(self, query: str, exact: bool = False, aliases=None) -> list[tuple[str, ...]]:
        """What ``query`` highlights, per term (the whole term, then its words): for ``highlight``."""
        return self.compile(query, exact, aliases).terms

    def matching_docs(self, query: str, exact: bool = False, aliases=None, **filters) -> list[tuple[str, int]]:
        """(speech_id, docnum) of every paragraph matching ``query``, unranked: for counting.
        ``exact``: every term is the exact string, as if quoted (trend)."""
        scored, _ = self.scored(self.compile(query, exact, aliases), Filters.of(**filters))
        if not scored.docs.size:  # an empty index has no columns to ask
            return []
        speech_ids = self.store.column("speech_id")
        return [(speech_ids[docnum], docnum) for docnum in scored.docs.tolist()]

    def matching_paragraphs(self, query: str, speech_id: str, *, exact: bool = False, aliases=None) -> set[int]:
        """The numbers of the paragraphs of one speech that ``query`` matches (as ``search`` would find them)."""
        scored, _ = self.scored(self.compile(query, exact, aliases), Filters())
        own = self.store.docnums([speech_id])
        if not scored.docs.size or not own:
            return set()
        order = self.store.column("order")
        return {int(order[d]) for d in scored.docs.tolist() if d in own}

    def stored_text(self, docnum: int) -> str:
        """The text of the paragraph ``docnum``."""
        return self.store.stored(docnum)["text"]

    def stored_fields(self, docnum: int) -> dict:
        """The stored fields of the paragraph ``docnum`` (``paragraph_fields`` picks a hit's)."""
        return self.store.stored(docnum)

    def paragraph_docnums(self, pairs) -> set[int]:
        """Docnums of the (speech_id, paragraph) pairs given."""
        found = set()
        for docnum in self.store.docnums({sid for sid, _ in pairs}):
            stored = self.store.stored(docnum)
            if (stored["speech_id"], stored["paragraph"]) in pairs:
                found.add(docnum)
        return found

    def word_frequencies(self, words, **filters) -> tuple[dict[str, int], int]:
        """How often each jieba word occurs in the paragraphs ``filters`` admit, and how many words
        they hold in all: read from the index's word postings, not by cutting the text again."""
        admitted = None
        if Filters.of(**filters):
            admitted = self.store.docnums(s.speech_id for s in self.speeches(**filters))
        counts = {}
        for word in words:
            found = 0
            for docnums, frequencies in self.store.word_postings(word):
                for docnum, frequency in zip(docnums, frequencies):
                    if admitted is None or docnum in admitted:
                        found += int(frequency)
            counts[word] = found
        if admitted is None and not self.store.has_deletions():
            return counts, self.store.word_total()
        # Whoosh keeps each paragraph's length in one lossy byte: count the words of the texts.
        live = admitted if admitted is not None else self.store.live_docnums()
        total = sum(sum(1 for _ in self.segmenter(normalize(self.stored_text(d)))) for d in live)
        return counts, total

    # -- browsing -----------------------------------------------------------------------------------

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph, speech by speech in id order, paragraphs in order."""
        for speech_id in sorted(self.manifest):
            yield from self.speech(speech_id)

    def speech(self, speech_id: str) -> list[Paragraph]:
        """The paragraphs of one speech, in order."""
        if speech_id not in self.manifest:
            close = self.similar_ids(speech_id)
            hint = f"did you mean {', '.join(close)}?" if close else "`searchkit list` shows the ids"
            raise SearchkitError(f"no speech {speech_id!r} in {self.path}; {hint}")
        paragraphs = [Paragraph(**paragraph_fields(fields)) for fields in self.store.speech_paragraphs(speech_id)]
        return sorted(paragraphs, key=lambda p: p.paragraph)

    def similar_ids(self, text: str, limit: int = 5) -> list[str]:
        """Ids a mistyped or shortened ``text`` may mean: those starting with it, else containing it
        (folded: width, case, script), in id order."""
        wanted = normalize(str(text)).strip()
        if not wanted:
            return []
        ids = sorted(self.manifest)
        starting = [i for i in ids if normalize(i).startswith(wanted)]
        return (starting or [i for i in ids if wanted in normalize(i)])[:limit]

    def speeches(self, *, sort: str = "date", **filters) -> list[SpeechSummary]:
        """The speeches in the index that pass ``filters`` (as for ``search``), by ``sort``:
        "date", "-date", "speaker", "title" or "id"."""
        keys = {
            "date": lambda s: (s.date or str(s.year or "") or "9999", s.speech_id),
            "-date": lambda s: s.date or str(s.year or "") or "",
            "speaker": lambda s: (s.speaker or "", s.date or "", s.speech_id),
            "title": lambda s: (s.title or "", s.speech_id),
            "id": lambda s: s.speech_id,
        }
        if sort not in keys:
            raise QueryError(f"sort must be one of {', '.join(keys)}, not {sort!r}")
        wanted = Filters.of(**filters)
        summaries = [
            SpeechSummary(
                speech_id=speech_id,
                title=entry.get("title"),
                speaker=entry.get("speaker"),
                date=entry.get("date"),
                year=entry.get("year"),
                venue=entry.get("venue"),
                source=entry.get("source", ""),
                paragraphs=entry["paragraphs"],
            )
            for speech_id, entry in self.manifest.items()
            if wanted.matches(entry)
        ]
        if sort == "-date":  # newest first; ties stay in id order, as in search
            return sorted(sorted(summaries, key=lambda s: s.speech_id), key=keys[sort], reverse=True)
        return sorted(summaries, key=keys[sort])

    def stats(self) -> dict:
        return {
            "index": str(self.path),
            "generation": self.generation.name,
            "speeches": len(self.manifest),
            "paragraphs": self.store.doc_count(),
            "size_bytes": sum(f.stat().st_size for f in self.generation.rglob("*") if f.is_file()),  # chars/ too
            "format": generations.FORMAT,
            "user_words": userwords.status(self.user_words),
        }
