"""Open an index and search it: queries in, frozen ``Hit``s out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from . import query as query_syntax
from . import store
from .errors import IndexStateError, QueryError, SearchkitError
from .highlight import DEFAULT_SNIPPET_CHARS, find_matches, snippet_window
from .models import Hit, Paragraph

_PARAGRAPH_FIELDS = ("speech_id", "paragraph", "text", "title", "speaker", "date", "source", "section", "venue")


def _paragraph_fields(stored: dict) -> dict:
    fields = {name: stored.get(name) for name in _PARAGRAPH_FIELDS}
    fields["speaker"] = fields["speaker"] or None
    fields["date"] = fields["date"] or None
    return fields


class SpeechIndex:
    """A searchable index of speech paragraphs. Use as a context manager or call ``close()``."""

    def __init__(self, index_dir: Path) -> None:
        from whoosh import index as whoosh_index

        self.path = Path(index_dir)
        last_error: Exception | None = None
        # A writer may swap generations between our reading CURRENT and opening it: look again.
        for _ in range(3):
            generation = store.live_generation(self.path)
            if generation is None:
                raise IndexStateError(f"no index at {self.path}; create it with `searchkit index PATH --index {self.path}`")
            try:
                store.check_format(generation, self.path)
                self._manifest = store.read_manifest(generation)
                self._ix = whoosh_index.open_dir(str(generation))
                self._searcher = self._ix.searcher()
                self.generation = generation
                return
            except (OSError, ValueError) as error:
                last_error = error
        raise IndexStateError(f"cannot open index {self.path}: {last_error}")

    def close(self) -> None:
        self._searcher.close()
        self._ix.close()

    def __enter__(self) -> "SpeechIndex":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- searching ---------------------------------------------------------------------------------

    def _compile(self, query: str):
        if not isinstance(query, str):
            raise QueryError("the query must be a string")
        tree = query_syntax.parse(query)
        return query_syntax.to_whoosh(tree), query_syntax.highlight_strings(tree)

    def count(self, query: str) -> int:
        """How many paragraphs match ``query``."""
        whoosh_query, _ = self._compile(query)
        return len(self._searcher.search(whoosh_query, limit=1))

    def search(
        self,
        query: str,
        limit: int | None = 10,
        offset: int = 0,
        *,
        snippet_chars: int = DEFAULT_SNIPPET_CHARS,
    ) -> list[Hit]:
        """The best paragraphs for ``query``, best first: ``limit`` of them (``None`` = all) after
        skipping ``offset``."""
        if limit is not None and limit < 0:
            raise QueryError(f"limit must be 0 or more, not {limit}")
        if offset < 0:
            raise QueryError(f"offset must be 0 or more, not {offset}")
        whoosh_query, words = self._compile(query)
        if limit == 0:
            return []
        results = self._searcher.search(whoosh_query, limit=None if limit is None else offset + limit)
        hits = []
        for result in results[offset:]:
            fields = _paragraph_fields(result.fields())
            matches = find_matches(fields["text"], words)
            start, end = snippet_window(fields["text"], matches, snippet_chars)
            hits.append(
                Hit(
                    **fields,
                    score=round(float(result.score), 4),
                    snippet=fields["text"][start:end],
                    snippet_start=start,
                    matches=matches,
                )
            )
        return hits

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

    def speeches(self) -> dict[str, dict]:
        """speech_id → its metadata (title, speaker, date, venue, source, paragraphs, file, hash)."""
        return {speech_id: dict(entry) for speech_id, entry in self._manifest.items()}

    def stats(self) -> dict:
        return {
            "index": str(self.path),
            "generation": self.generation.name,
            "speeches": len(self._manifest),
            "paragraphs": self._searcher.doc_count(),
            "size_bytes": sum(f.stat().st_size for f in self.generation.iterdir() if f.is_file()),
            "format": store.FORMAT,
        }


def open_index(index_dir: str | Path) -> SpeechIndex:
    return SpeechIndex(Path(index_dir))
