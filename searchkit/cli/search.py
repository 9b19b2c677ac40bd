"""`searchkit search`: ranked paragraphs with highlighted snippets."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import QueryError

from .options import (AliasesOn, AliasFiles, CsvOption, IndexOption, JsonOption, SinceOption, SourceOption, SpeakerOption, TitleOption,
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
    facet_names: Annotated[
        Optional[str],
        typer.Option("--facets", help="After the hits, matching paragraphs per year, speaker and/or speech (e.g. year,speaker)."),
    ] = None,
    aliases: AliasesOn = True,
    alias_files: AliasFiles = None,
) -> None:
    """Ranked paragraphs with highlighted snippets."""
    from .. import render
    from .language import alias_table, facets_for, print_facets, say_expansions

    if facet_names is not None and csv_output:
        raise QueryError("--facets goes with the terminal or --json output, not --csv")

    query = " ".join(words)
    table = alias_table(aliases, alias_files)
    say_expansions(query, table)  # a query that cannot be parsed fails here, in one line
    filters = dict(speaker=speaker, since=since, until=until, title=title, source=source)
    with open_index(index) as speech_index:
        hits = speech_index.search(query, limit=limit, offset=offset, sort=sort, aliases=table, **filters)
        # After the search: a query that fails gets its one error line, not this hint too.
        if len(query) >= PASSAGE_CHARS and not any(op in query.split() for op in ("OR", "AND", "NOT")):
            typer.echo("searchkit: search requires every word of this long query; for a pasted passage, "
                       "`searchkit similar` finds the paragraphs that reuse its wording", err=True)

        def show(hits) -> None:
            total = speech_index.count(query, aliases=table, **filters)
            given = {name: value for name, value in filters.items() if value}
            # When the filters leave nothing, say how many they removed: the words did match.
            unfiltered = speech_index.count(query, aliases=table) if total == 0 and given else None
            render.print_hits(hits, total, offset, query, limit, unfiltered, given)

        emit(hits, json_output, csv_output, HIT_COLUMNS, show)
        if facet_names is not None:  # counted only when asked: a plain search pays nothing for facets
            counts = facets_for(speech_index, query, facet_names, filters, table)
            if json_output:
                render.write_lines([render.json_line({"facets": {by: [c.to_dict() for c in rows] for by, rows in counts.items()}})])
            else:
                print_facets(counts)
