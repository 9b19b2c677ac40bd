"""Browsing an index: `list`, `show`, `export`, `stats`."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import QueryError
from .options import (CsvOption, IndexOption, JsonOption, SinceOption, SourceOption, SpeakerOption, TitleOption,
                      UntilOption, emit, open_index)

app = typer.Typer()


@app.command("list")
def list_command(
    index: IndexOption = None,
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: TitleOption = None,
    source: SourceOption = None,
    sort: Annotated[str, typer.Option("--sort", help="date, -date, speaker, title or id.")] = "date",
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """The speeches in the index: date, speaker, title, paragraphs."""
    from . import render

    with open_index(index) as speech_index:
        speeches = speech_index.speeches(sort=sort, speaker=speaker, since=since, until=until, title=title, source=source)
    columns = ["speech_id", "date", "year", "speaker", "title", "venue", "paragraphs", "source"]
    emit(speeches, json_output, csv_output, columns, render.print_speech_list)


@app.command("show")
def show_command(
    speech_id: Annotated[str, typer.Argument(help="A speech id, as search and export print it.")],
    paragraph: Annotated[Optional[int], typer.Option("--paragraph", "-p", help="Show this paragraph (with --context around it).")] = None,
    context: Annotated[int, typer.Option("--context", "-C", help="Paragraphs before and after --paragraph.")] = 2,
    index: IndexOption = None,
    json_output: JsonOption = False,
) -> None:
    """Print a speech (or one paragraph in context)."""
    from . import render

    if context < 0:
        raise QueryError(f"--context must be 0 or more, not {context}")
    with open_index(index) as speech_index:
        paragraphs = speech_index.speech(speech_id)
    total = len(paragraphs)
    if paragraph is not None:
        if not 1 <= paragraph <= len(paragraphs):
            raise QueryError(f"speech {speech_id!r} has paragraphs 1–{len(paragraphs)}, not {paragraph}")
        paragraphs = paragraphs[max(0, paragraph - 1 - context): paragraph + context]
    if json_output:
        render.write_lines(render.json_line(p.to_dict()) for p in paragraphs)
    else:
        render.print_speech(paragraphs, paragraph, total)


@app.command("export")
def export_command(index: IndexOption = None) -> None:
    """Every paragraph as JSON lines (speech_id, paragraph, text, title, speaker, date, source, …)."""
    from . import render

    with open_index(index) as speech_index:
        render.write_lines(render.json_line(p.to_dict()) for p in speech_index.paragraphs())


@app.command("stats")
def stats_command(index: IndexOption = None, json_output: JsonOption = False) -> None:
    """Size and contents of the index."""
    from . import render

    with open_index(index) as speech_index:
        stats = speech_index.stats()
    if json_output:
        render.write_lines([render.json_line(stats)])
    else:
        render.print_stats(stats)
