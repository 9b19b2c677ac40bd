"""Counting reports over an index: `trend` and `kwic`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .options import (CsvOption, IndexOption, JsonOption, SinceOption, SourceOption, SpeakerOption, TitleOption,
                      UntilOption, emit, open_index)

app = typer.Typer()


@app.command("trend")
def trend_command(
    terms: Annotated[list[str], typer.Argument(help="Terms to count, each the exact string as typed (quoted or not); OR, NOT and parentheses combine them.")],
    by: Annotated[str, typer.Option("--by", help="Group by year or speaker.")] = "year",
    index: IndexOption = None,
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: TitleOption = None,
    source: SourceOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """How many speeches and paragraphs mention each term, per year or speaker."""
    from .. import render
    from ..reports import trend

    with open_index(index) as speech_index:
        rows = trend(speech_index, terms, by=by, speaker=speaker, since=since, until=until, title=title, source=source)
    emit(rows, json_output, csv_output, ["term", "group", "speeches", "paragraphs"], render.print_trend)


@app.command("kwic")
def kwic_command(
    term: Annotated[str, typer.Argument(help="The exact string to show in context (quoted or not); OR, NOT and parentheses combine terms.")],
    width: Annotated[int, typer.Option("--width", "-w", help="Characters of context either side.")] = 20,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", help="At most this many lines.")] = None,
    index: IndexOption = None,
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: TitleOption = None,
    source: SourceOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """Keyword in context: every occurrence, the term aligned in a column, in date order."""
    from .. import render
    from ..reports import kwic

    with open_index(index) as speech_index:
        lines = kwic(speech_index, term, width=width, limit=limit, speaker=speaker, since=since, until=until, title=title, source=source)
    columns = ["speech_id", "paragraph", "date", "speaker", "left", "match", "right"]
    emit(lines, json_output, csv_output, columns, lambda lines: render.print_kwic(lines, width))
