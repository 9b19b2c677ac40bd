"""Open an index and search it: queries in, frozen ``Hit``s out."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from . import query as query_syntax
from . import codec, evaluate, rerank, script_variants, store, userwords
from .analysis import LexiconSegmenter, normalize, segment
from .schema import WORDS
from .errors import IndexStateError, QueryError, SearchkitError
from .filters import SORTS, Filters
from .highlight import DEFAULT_SNIPPET_CHARS, find_matches, snippet_window
from .models import Hit, Paragraph, SimilarHit, SpeechSummary
from .substrings import Substrings

_PARAGRAPH_FIELDS = ("speech_id", "paragraph", "text", "title", "speaker", "date", "source", "section", "venue")


def _paragraph_fields(stored: dict) -> dict:
    return {name: stored.get(name) for name in _PARAGRAPH_FIELDS}


class SpeechIndex:
    """A searchable index of speech paragraphs. Use as a context manager or call ``close()``."""

    def __init__(self, index_dir: Path) -> None:
        from whoosh import index as whoosh_index

        codec.install()  # term tables hold searchkit's compact posting lists
        self.path = Path(index_dir)
        last_error: Exception | None = None
        # A writer may swap generations between our reading CURRENT and opening it: look again.
        for _ in range(3):
            generation = store.live_generation(self.path)
            if generation is None:
                raise IndexStateError(f"no index at {self.path}; create it with `searchkit index PATH --index {self.path}`")
            try:
                store.check_format(generation, self.path)
                # Opened now, parsed on first use: a plain search needs no per-speech metadata (75k
                # speeches take half a second to parse), and an open file outlives the generation's
                # removal by a later writer, so this reader keeps one consistent snapshot.
                self._manifest_file = open(generation / store.MANIFEST, encoding="utf-8")
                self._ix = whoosh_index.open_dir(str(generation))
                self._searcher = self._ix.searcher()
                reader = self._searcher.reader()
                self._cut = LexiconSegmenter(lambda word: reader.doc_frequency(WORDS, word), reader.doc_count())
                self._substrings = Substrings(generation, reader)
                self._evaluator = evaluate.Evaluator(self._substrings, self._cut)
                self.generation = generation
                self._last_count: tuple = (None, 0)
                return
            except IndexStateError:
                if store.live_generation(self.path) == generation:
                    raise
                last_error = None  # swapped while we looked: look again
            except (OSError, ValueError, whoosh_index.EmptyIndexError) as error:
                last_error = error
        raise IndexStateError(f"cannot open index {self.path}: {last_error}")

    @functools.cached_property
    def _manifest(self) -> dict[str, dict]:
        data = store.read_manifest(self.generation, self._manifest_file)
        self._user_words = data.get("user_words")
        return data["speeches"]

    @property
    def user_words(self) -> dict | None:
        """The user word list this index was built with (``userwords.record``), or None."""
        self._manifest  # noqa: B018  (read on first use)
        return self._user_words

    def close(self) -> None:
        self._manifest_file.close()
        self._searcher.close()
        self._ix.close()

    def __enter__(self) -> "SpeechIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- searching ---------------------------------------------------------------------------------

    def _compile(self, query: str, exact: bool = False, aliases=None):
        """The query tree (every term quoted when ``exact``; aliases expanded first) and what to highlight."""
        if not isinstance(query, str):
            raise QueryError("the query must be a string")
        tree = query_syntax.parse(query)
        if aliases:  # True (the curated table) or a language.aliases.AliasTable
            from .language.aliases import expand

            tree = expand(tree, aliases)[0]
        tree = script_variants.expand(tree)  # 復甦 finds 复苏, which folding character by character cannot
        if exact:
            tree = query_syntax.exact(tree)
        return tree, query_syntax.highlight_terms(tree, self._cut)

    def _restriction(self, filters: Filters) -> dict:
        """Docnum sets for the speeches ``filters`` admit: ``{"filter": admitted}`` or ``{"mask": excluded}``."""
        if not filters:
            return {}
        admitted = {sid for sid, entry in self._manifest.items() if filters.matches(entry)}
        # Name whichever side is smaller: the admitted paragraphs, or the others.
        if len(admitted) <= len(self._manifest) // 2:
            return {"filter": self._docnums(admitted)}
        excluded = self._docnums(self._manifest.keys() - admitted)
        return {"mask": excluded} if excluded else {}

    def _docnums(self, speech_ids) -> set[int]:
        reader = self._searcher.reader()
        docnums: set[int] = set()
        for speech_id in speech_ids:
            if reader.doc_frequency("speech_id", speech_id):
                docnums.update(reader.postings("speech_id", speech_id).all_ids())
        return docnums

    def _matches(self, query: str, filters: Filters, exact: bool = False, aliases=None):
        """Every paragraph matching ``query`` within ``filters``, scored (``evaluate.Scored``); the highlight
        terms; the query tree."""
        tree, terms = self._compile(query, exact, aliases)
        scored = self._evaluator.run(tree)
        restriction = self._restriction(filters)
        if restriction:
            named = np.fromiter(next(iter(restriction.values())), dtype=np.int64)
            keep = np.isin(scored.docs, named)
            scored = evaluate.Scored(scored.docs[keep if "filter" in restriction else ~keep],
                                     scored.scores[keep if "filter" in restriction else ~keep])
        return scored, terms, tree

    def _run(self, query: str, limit: int | None, filters: Filters, sort: str = "relevance", exact: bool = False,
             aliases=None):
        """(docnum, score) of the first ``limit`` hits in order, how many match, the highlight terms."""
        if sort not in SORTS:
            raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        scored, terms, tree = self._matches(query, filters, exact, aliases)
        total = int(scored.docs.size)
        if sort == "relevance":
            wanted = total if limit is None else limit
            ranked = evaluate.best(scored, max(wanted, min(rerank.WINDOW, total)))
            substrings = self._substrings
            ranked = rerank.rerank(ranked, rerank.query_words(tree, self._cut), self._searcher.reader(),
                                   substrings.text, lambda docnum: bool(substrings.headings[docnum]))
            return ranked[:wanted], total, terms
        return [(docnum, 0.0) for docnum in self._by_date(scored.docs, sort == "-date")[:limit]], total, terms

    def _by_date(self, docnums, newest_first: bool) -> list[int]:
        """``docnums`` by date (speeches without one last either way), then speech id and paragraph."""
        if not len(docnums):  # nothing to order; an empty index's reader has no columns to ask
            return []
        reader = self._searcher.reader()
        undated, when, speech_id, order = (reader.column_reader(name) for name in ("undated", "when", "speech_id", "order"))
        ordered = sorted((int(d) for d in docnums), key=lambda d: (speech_id[d], order[d]))
        ordered.sort(key=lambda d: when[d], reverse=newest_first)  # stable: ids and paragraphs stay in order
        ordered.sort(key=lambda d: undated[d])
        return ordered

    def count(self, query: str, aliases=None, **filters) -> int:
        """How many paragraphs match ``query`` (with the same filters and aliases as ``search``)."""
        key = (query, tuple(sorted(filters.items())), aliases or None)
        if self._last_count[0] == key:  # the search just run counted while ranking
            return self._last_count[1]
        return int(self._matches(query, Filters.of(**filters), aliases=aliases)[0].docs.size)

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
    ) -> list[Hit]:
        """The best paragraphs for ``query``: ``limit`` of them (``None`` = all) after skipping
        ``offset``, best first or by ``sort`` ("date", "-date"). ``speaker``/``title``/``source``
        keep speeches whose field contains the text; ``since``/``until`` bound the date (YYYY[-MM[-DD]]).
        ``exact``: every term is the exact string, as if quoted (kwic). ``aliases``: True (the curated
        table) or an ``AliasTable``: an unquoted term also finds its aliases (``language.aliases``)."""
        if limit is not None and limit < 0:
            raise QueryError(f"limit must be 0 or more, not {limit}")
        if offset < 0:
            raise QueryError(f"offset must be 0 or more, not {offset}")
        filters = Filters.of(speaker, since, until, title, source)
        ranked, total, terms = self._run(query, None if limit is None else offset + limit, filters, sort, exact, aliases)
        given = dict(speaker=speaker, since=since, until=until, title=title, source=source)
        self._last_count = ((query, tuple(sorted(given.items())), aliases or None), total) if not exact else (None, 0)
        if limit == 0:
            return []
        hits = []
        for docnum, score in ranked[offset:]:
            fields = _paragraph_fields(self._searcher.stored_fields(docnum))
            matches = find_matches(fields["text"], terms)
            start, end = snippet_window(fields["text"], matches, snippet_chars)
            hits.append(
                Hit(
                    **fields,
                    score=round(float(score), 4),  # sorted by date there is no relevance score: 0
                    snippet=fields["text"][start:end],
                    snippet_start=start,
                    matches=matches,
                )
            )
        return hits

    def similar(
        self, text: str, limit: int = 10, *, by: str = "paragraph", exclude=(), passage_title: str | None = None, **filters
    ) -> list[SimilarHit]:
        """The paragraphs that share most of passage ``text``'s content, reused spans marked (see
        ``searchkit.similar``). ``by="speech"`` keeps each speech's best paragraph; ``exclude`` lists
        (speech_id, paragraph) pairs to leave out; ``passage_title``: the title of the document the
        passage comes from, if known; filters as for ``search``."""
        from .similar import find_similar

        return find_similar(self, text, limit, by=by, exclude=exclude, passage_title=passage_title, **filters)

    def highlight_terms(self, query: str, exact: bool = False, aliases=None) -> list[tuple[str, ...]]:
        """What ``query`` highlights, per term (the whole term, then its words): for ``highlight``."""
        return self._compile(query, exact, aliases)[1]

    def matching_docs(self, query: str, exact: bool = False, aliases=None, **filters) -> list[tuple[str, int]]:
        """(speech_id, docnum) of every paragraph matching ``query``, unranked: for counting.
        ``exact``: every term is the exact string, as if quoted (trend)."""
        scored, _, _ = self._matches(query, Filters.of(**filters), exact, aliases)
        if not scored.docs.size:  # an empty index's reader has no columns to ask
            return []
        speech_ids = self._searcher.reader().column_reader("speech_id")
        return [(speech_ids[docnum], docnum) for docnum in scored.docs.tolist()]

    def stored_text(self, docnum: int) -> str:
        """The text of the paragraph ``matching_docs`` named by ``docnum``."""
        return self._searcher.stored_fields(docnum)["text"]

    def facets(self, query: str, by: str = "year", **filters) -> list:
        """Matching paragraphs per year, speaker or speech (``searchkit.language.facet_counts``)."""
        from .language.facet_counts import facets

        return facets(self, query, by, **filters)

    def word_frequencies(self, words, **filters) -> tuple[dict[str, int], int]:
        """How often each jieba word occurs in the paragraphs ``filters`` admit, and how many words
        they hold in all: read from the index's word postings, not by cutting the text again."""
        reader = self._searcher.reader()
        admitted = None
        if Filters.of(**filters):
            admitted = self._docnums(s.speech_id for s in self.speeches(**filters))
        counts = {}
        for word in words:
            found = 0
            if reader.doc_frequency(WORDS, word):
                for docnum, frequency in reader.postings(WORDS, word).items_as("frequency"):
                    if admitted is None or docnum in admitted:
                        found += frequency
            counts[word] = found
        if admitted is None and not reader.has_deletions():
            return counts, int(reader.field_length(WORDS))
        # Whoosh keeps each paragraph's length in one lossy byte: count the words of the texts.
        live = admitted if admitted is not None else reader.all_doc_ids()
        total = sum(sum(1 for _ in segment(normalize(reader.stored_fields(d)["text"]))) for d in live)
        return counts, total

    # -- browsing ----------------------------------------------------------------------------------

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every paragraph, speech by speech in id order, paragraphs in order."""
        for speech_id in sorted(self._manifest):
            yield from self.speech(speech_id)

    def speech(self, speech_id: str) -> list[Paragraph]:
        """The paragraphs of one speech, in order."""
        if speech_id not in self._manifest:
            raise SearchkitError(f"no speech {speech_id!r} in {self.path}; `searchkit list` shows the ids")
        stored = self._searcher.documents(speech_id=speech_id)
        paragraphs = [Paragraph(**_paragraph_fields(fields)) for fields in stored]
        return sorted(paragraphs, key=lambda p: p.paragraph)

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
            for speech_id, entry in self._manifest.items()
            if wanted.matches(entry)
        ]
        if sort == "-date":  # newest first; ties stay in id order, as in search
            return sorted(sorted(summaries, key=lambda s: s.speech_id), key=keys[sort], reverse=True)
        return sorted(summaries, key=keys[sort])

    def stats(self) -> dict:
        return {
            "index": str(self.path),
            "generation": self.generation.name,
            "speeches": len(self._manifest),
            "paragraphs": self._searcher.doc_count(),
            "size_bytes": sum(f.stat().st_size for f in self.generation.rglob("*") if f.is_file()),  # chars/ too
            "format": store.FORMAT,
            "user_words": userwords.status(self.user_words),
        }


def open_index(index_dir: str | Path) -> SpeechIndex:
    return SpeechIndex(Path(index_dir))
