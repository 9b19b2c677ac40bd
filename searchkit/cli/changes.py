"""`searchkit firsts` (formulations new in a period) and `searchkit reuse` (who repeats whom)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ..errors import QueryError
from .options import (CsvOption, IndexOption, JsonOption, SourceOption, SpeakerOption, TitleOption, open_index)

app = typer.Typer()

FIRST_COLUMNS = ["term", "count", "paragraphs", "speeches", "count_since", "first_date", "first_speech_id",
                 "first_paragraph", "first_speaker", "first_title"]


def _lines(rows, closing: dict, json_output: bool, csv_output: bool, columns: list[str], show) -> None:
    """One JSON object per row and a closing line; CSV rows; or ``show()`` for a terminal."""
    from . import render

    if json_output and csv_output:
        raise QueryError("choose --json or --csv, not both")
    if json_output:
        render.write_lines([*(render.json_line(row.to_dict()) for row in rows), render.json_line(closing)])
    elif csv_output:
        render.write_csv((row.to_dict() for row in rows), columns)
    else:
        show()


@app.command("firsts")
def firsts_command(
    since: Annotated[Optional[str], typer.Option("--since", help="The period's first day, YYYY[-MM[-DD]] [default: the newest speech's year].",
                                                 show_default=False)] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="The period's last day, YYYY[-MM[-DD]] [default: no end].",
                                                 show_default=False)] = None,
    min_count: Annotated[int, typer.Option("--min-count", help="Only formulations used this often in the period.")] = 2,
    digits: Annotated[bool, typer.Option("--digits", help="Keep formulations with digits or Latin letters (5G, 2035年).")] = False,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many formulations (0 = all).")] = 30,
    index: IndexOption = None,
    speaker: SpeakerOption = None,
    title: TitleOption = None,
    source: SourceOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """Formulations used in a period that no earlier paragraph of the index holds (新提法)."""
    from ..language.novelty import firsts

    if limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")
    with open_index(index) as speech_index:
        result = firsts(speech_index, since=since, until=until, speaker=speaker, title=title, source=source,
                        min_count=min_count, digits=digits, limit=limit or None)
    closing = {k: v for k, v in result.to_dict().items() if k != "firsts"}
    _lines(result.firsts, closing, json_output, csv_output, FIRST_COLUMNS, lambda: _show_firsts(result))


def _period(result) -> str:
    span = result.since if result.until == result.since else (
        f"{result.since} to {result.until}" if result.until else f"since {result.since}")
    narrowed = ", ".join(f"{k} {v}" for k, v in result.filters.items())
    return span + (f" ({narrowed})" if narrowed else "")


def _pad(text: str, cells: int) -> str:
    from rich.cells import cell_len

    return text + " " * max(cells - cell_len(text), 0)


def _show_firsts(result) -> None:
    from rich.cells import cell_len
    from rich.text import Text

    from . import render

    out = render.console()
    speeches = "1 speech" if result.speeches == 1 else f"{result.speeches} speeches"
    render.say(out, Text(f"{_period(result)}: {speeches}, {result.paragraphs} paragraphs; {result.earlier_speeches} "
                         "speeches before it" + (f", {result.undated_speeches} undated (counted as before)"
                                                 if result.undated_speeches else ""), style="dim"))
    if not result.firsts:
        render.say(out, "No formulation of the period is new (try a lower --min-count or a longer period).")
        return
    cells = min(max(cell_len(f.term) for f in result.firsts), 24)
    lead = 5 + 1 + 4 + 1 + 5 + 2
    out.print(Text(f"{'uses':>5} {'¶':>4} {'since':>5}  " + _pad("formulation", cells) + "  first use", style="bold"),
              soft_wrap=False)
    for f in result.firsts:
        line = Text(f"{f.count:>5} {f.paragraphs:>4} {f.count_since:>5}  ")
        line.append(_pad(f.term, cells), style="bold cyan")
        where = f"{f.first_date or ''} {f.first_speech_id} ¶{f.first_paragraph}"
        if cell_len(f.term) > cells or lead + cells + 2 + cell_len(where) > out.width:
            out.print(line, soft_wrap=False, no_wrap=True, crop=False)
            line = Text(" " * (lead + 2))
        else:
            line.append("  ")
        line.append(where, style="dim")
        out.print(line, soft_wrap=False, overflow="fold")
    render.say(out, Text("uses, ¶: occurrences and paragraphs in the period; since: occurrences from its start on, "
                         "in any speech. A formulation's trend: searchkit trend TERM", style="dim"))
