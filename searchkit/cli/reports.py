"""Counting reports over an index: `trend` and `kwic`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import (AliasesOff, AliasFiles, CsvOption, IndexOption, JsonOption, SinceOption, SourceOption, SpeakerOption, TitleOption,
                      UntilOption, WordsCommand, emit, group_terms, open_index)

app = typer.Typer()

TREND_COLUMNS = ["term", "group", "speeches", "paragraphs", "occurrences", "chars", "per_10k_chars"]


@app.command("trend", cls=WordsCommand)
def trend_command(
    words: Annotated[list[str], typer.Argument(help="Terms to count, each the exact string as typed (quoted or not); OR, NOT, NEAR and parentheses combine them (`互联网 NEAR/2 金融` is one term).", metavar="TERM", show_default=False)],
    by: Annotated[str, typer.Option("--by", help="Group by year or speaker.")] = "year",
    index: IndexOption = None,
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: TitleOption = None,
    source: SourceOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
    plot: Annotated[Optional[Path], typer.Option("--plot", help="Also draw the chart to FILE.png or FILE.svg (per 10,000 characters unless --measure).", show_default=False)] = None,
    measure: Annotated[Optional[str], typer.Option("--measure", help="What bars and plot show: per_10k_chars, occurrences, paragraphs or speeches [terminal: paragraphs; plot: per_10k_chars].", show_default=False)] = None,
    aliases: AliasesOff = False,
    alias_files: AliasFiles = None,
) -> None:
    """Speeches, paragraphs and occurrences of each term per year or speaker, and per 10,000 characters."""
    from . import render
    from ..language.plot import NO_FONT_HINT, check_measure, check_path, needs_cjk_font, plot_trend
    from .language import alias_table, say_expansions
    from ..language.reports import trend

    terms = group_terms(words)
    if measure is not None:
        check_measure(measure)
    if plot is not None:
        check_path(plot)  # before the counting, not after
    table = alias_table(aliases, alias_files)
    for term in terms:
        say_expansions(term, table)
    with open_index(index) as speech_index:
        rows = trend(speech_index, terms, by=by, aliases=table, speaker=speaker, since=since, until=until, title=title, source=source)
    emit(rows, json_output, csv_output, TREND_COLUMNS, lambda rows: render.print_trend(rows, measure=measure))
    if plot is not None:
        if needs_cjk_font(rows):
            typer.echo(f"searchkit: {NO_FONT_HINT}", err=True)
        plot_trend(rows, plot, measure=measure or "per_10k_chars")
        typer.echo(f"searchkit: chart written to {plot}", err=True)


@app.command("kwic", cls=WordsCommand)
def kwic_command(
    words: Annotated[list[str], typer.Argument(help="The exact string to show in context (quoted or not); OR, NOT, NEAR and parentheses combine terms; words typed apart are one query.", metavar="TERM", show_default=False)],
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
    aliases: AliasesOff = False,
    alias_files: AliasFiles = None,
) -> None:
    """Keyword in context: every occurrence, the term aligned in a column, in date order."""
    from . import render
    from ..language.reports import kwic
    from .language import alias_table, say_expansions

    term = " ".join(words)
    table = alias_table(aliases, alias_files)
    say_expansions(term, table)
    with open_index(index) as speech_index:
        lines = kwic(speech_index, term, width=width, limit=limit, aliases=table, speaker=speaker, since=since, until=until, title=title, source=source)
    columns = ["speech_id", "paragraph", "date", "speaker", "left", "match", "right"]
    emit(lines, json_output, csv_output, columns, lambda lines: render.print_kwic(lines, width))
