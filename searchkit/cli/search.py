"""`searchkit search`: ranked paragraphs with highlighted snippets."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import QueryError

from .options import (AliasesOn, AliasFiles, CsvOption, IndexOption, JsonOption, SinceOption, SourceOption, SpeakerOption, TitleOption,
                      UntilOption, WordsCommand, open_index)

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
    from . import render
    from ..engine.facets import parse_facets
    from .language import alias_table, print_facets

    if facet_names is not None and csv_output:
        raise QueryError("--facets goes with the terminal or --json output, not --csv")
    if json_output and csv_output:
        raise QueryError("choose --json or --csv, not both")
    facets = parse_facets(facet_names) if facet_names is not None else ()  # checked before searching

    query = " ".join(words)
    table = alias_table(aliases, alias_files)
    filters = dict(speaker=speaker, since=since, until=until, title=title, source=source)
    with open_index(index) as speech_index:
        result = speech_index.search(query, limit=limit, offset=offset, sort=sort, aliases=table, facets=facets, **filters)
    for term, others in result.expansions:
        typer.echo(f"searchkit: {term} → also {', '.join(others)}", err=True)
    if len(query) >= PASSAGE_CHARS and not any(op in query.split() for op in ("OR", "AND", "NOT")):
        typer.echo("searchkit: search requires every word of this long query; for a pasted passage, "
                   "`searchkit similar` finds the paragraphs that reuse its wording", err=True)
    if json_output:
        # One object per hit, then one line with the total (and the facets when asked).
        summary = {key: value for key, value in result.to_dict().items() if key != "hits"}
        render.write_lines([*(render.json_line(hit.to_dict()) for hit in result.hits), render.json_line(summary)])
        return
    if csv_output:
        render.write_csv((hit.to_dict() for hit in result.hits), HIT_COLUMNS)
        return
    given = {name: value for name, value in filters.items() if value}
    render.print_hits(list(result.hits), result.total, offset, query, limit, result.unfiltered, given)
    if facets:
        print_facets(result.facets)
