"""`searchkit search`: ranked paragraphs with highlighted snippets."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import (CsvOption, IndexOption, JsonOption, SinceOption, SourceOption, SpeakerOption, TitleOption,
                      UntilOption, WordsCommand, emit, open_index)

app = typer.Typer()

PASSAGE_CHARS = 40  # a query this long, without operators, is a pasted passage rather than keywords

HIT_COLUMNS = ["speech_id", "paragraph", "score", "date", "speaker", "title", "section", "snippet", "matches", "text", "source"]


@app.command("search", cls=WordsCommand)
def search_command(
    words: Annotated[
        list[str],
        typer.Argument(help="Words (all required), \"exact phrase\", OR, NOT/-word, (groups).", metavar="QUERY", show_default=False),
    ],
    index: IndexOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many hits to show.")] = 10,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many hits first.")] = 0,
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: TitleOption = None,
    source: SourceOption = None,
    sort: Annotated[str, typer.Option("--sort", help="relevance, date (oldest first) or -date (newest first).")] = "relevance",
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """Ranked paragraphs with highlighted snippets."""
    from .. import render

    query = " ".join(words)
    filters = dict(speaker=speaker, since=since, until=until, title=title, source=source)
    with open_index(index) as speech_index:
        hits = speech_index.search(query, limit=limit, offset=offset, sort=sort, **filters)
        # After the search: a query that fails gets its one error line, not this hint too.
        if len(query) >= PASSAGE_CHARS and not any(op in query.split() for op in ("OR", "AND", "NOT")):
            typer.echo("searchkit: search requires every word of this long query; for a pasted passage, "
                       "`searchkit similar` finds the paragraphs that reuse its wording", err=True)

        def show(hits) -> None:
            total = speech_index.count(query, **filters)
            given = {name: value for name, value in filters.items() if value}
            # When the filters leave nothing, say how many they removed: the words did match.
            unfiltered = speech_index.count(query) if total == 0 and given else None
            render.print_hits(hits, total, offset, query, limit, unfiltered, given)

        emit(hits, json_output, csv_output, HIT_COLUMNS, show)
