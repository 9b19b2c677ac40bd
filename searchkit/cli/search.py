"""`searchkit search`: ranked paragraphs with highlighted snippets."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import (CsvOption, IndexOption, JsonOption, SinceOption, SourceOption, SpeakerOption, TitleOption,
                      UntilOption, emit, open_index)

app = typer.Typer()

HIT_COLUMNS = ["speech_id", "paragraph", "score", "date", "speaker", "title", "section", "snippet", "matches", "text", "source"]


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Words (all required), "exact phrase", OR, NOT/-word, (groups).')],
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

    filters = dict(speaker=speaker, since=since, until=until, title=title, source=source)
    with open_index(index) as speech_index:
        hits = speech_index.search(query, limit=limit, offset=offset, sort=sort, **filters)
        emit(hits, json_output, csv_output, HIT_COLUMNS,
             lambda hits: render.print_hits(hits, speech_index.count(query, **filters), offset, query))
