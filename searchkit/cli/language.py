"""Commands to study policy language: `collocates` and `compare`; the `--facets` of `search` is shown here too."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import (CsvOption, IndexOption, JsonOption, SinceOption, SourceOption, SpeakerOption, TitleOption,
                      UntilOption, open_index)
from ..errors import QueryError

app = typer.Typer()

LimitOption = Annotated[int, typer.Option("--limit", "-n", help="At most this many words (0 = all).")]


def _console():
    from . import render

    return render.console()


def alias_table(enabled: bool, files: list | None):
    """The alias table the options ask for (False when off); files imply on."""
    if not enabled and not files:
        return False
    from ..engine.aliases import load_aliases

    return load_aliases(*(files or []))


def say_expansions(query: str, table) -> None:
    """One line on stderr per term the aliases expanded: `十八大 → also 党的第十八次全国代表大会, …`."""
    if not table:
        return
    from ..engine.aliases import expansions

    for term, others in expansions(query, table):
        typer.echo(f"searchkit: {term} → also {', '.join(others)}", err=True)


def print_facets(counts: dict) -> None:
    from rich.text import Text

    from . import render

    out = _console()
    from rich.cells import cell_len

    for by, rows in counts.items():
        rows = [render.printable_fields(row) for row in rows]  # speakers and speech ids come from documents
        cells = max([cell_len(r.group) for r in rows] + [len(by)])
        header = Text(f"  {by}{' ' * (cells - len(by))}  paragraphs", style="bold")
        if by != "speech":  # a speech is one speech: no column of ones
            header.append("  speeches")
        out.print(header)
        if not rows:
            out.print("  (no matches)")
        for row in rows:
            line = Text(f"  {row.group}{' ' * (cells - cell_len(row.group))}  ")
            line.append(f"{row.paragraphs:>10}", style="cyan")
            if by != "speech":
                line.append(f"  {row.speeches:>8}", style="dim")
            out.print(line)


def _output(json_output: bool, csv_output: bool, result, rows_name: str, columns: list[str], show) -> None:
    from . import render

    if json_output and csv_output:
        raise QueryError("choose --json or --csv, not both")
    if json_output:  # one object: the summary with its rows
        render.write_lines([render.json_line(result.to_dict())])
    elif csv_output:
        render.write_csv((row.to_dict() for row in getattr(result, rows_name)), columns)
    else:
        show(result)


@app.command("collocates")
def collocates_command(
    term: Annotated[str, typer.Argument(help="The term, matched exactly as kwic matches it.")],
    window: Annotated[int, typer.Option("--window", "-w", help="Characters either side of the term.")] = 10,
    min_count: Annotated[int, typer.Option("--min-count", help="Only words seen this often near the term.")] = 3,
    limit: LimitOption = 30,
    index: IndexOption = None,
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: TitleOption = None,
    source: SourceOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """Words found near a term more often than chance, by log-likelihood (with MI)."""
    from ..language import collocates

    if limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")
    filters = dict(speaker=speaker, since=since, until=until, title=title, source=source)
    with open_index(index) as speech_index:
        result = collocates(speech_index, term, window=window, min_count=min_count, limit=limit or None, **filters)
    columns = ["word", "cooccurrences", "frequency", "expected", "log_likelihood", "mi"]
    _output(json_output, csv_output, result, "collocates", columns, _print_collocates)


def _print_collocates(result) -> None:
    from rich.table import Table  # rich is imported when output is printed, not when the CLI starts
    from rich.text import Text

    from .render import printable

    out = _console()
    out.print(f"{printable(result.term)}: {result.occurrences} occurrences in {result.paragraphs} paragraphs; "
              f"{result.window_words} words within {result.window} characters; "
              f"{result.corpus_words} words searched", style="dim", markup=False)
    if not result.collocates:
        out.print("No collocates (try a wider --window or a lower --min-count).")
        return
    table = Table(box=None, header_style="bold")
    for column, justify in (("word", "left"), ("near", "right"), ("total", "right"), ("expected", "right"),
                            ("log-lik.", "right"), ("MI", "right")):
        table.add_column(column, justify=justify)
    for c in result.collocates:
        table.add_row(Text(printable(c.word)), str(c.cooccurrences), str(c.frequency), f"{c.expected:.2f}", f"{c.log_likelihood:.1f}", f"{c.mi:.2f}")
    out.print(table)


@app.command("compare")
def compare_command(
    a: Annotated[str, typer.Option("--a", help="Part A, e.g. since=2003,until=2007 or speaker=温家宝.", show_default=False)],
    b: Annotated[str, typer.Option("--b", help="Part B, the same way; its key words against A are listed.", show_default=False)],
    min_count: Annotated[int, typer.Option("--min-count", help="Only words found this often in B.")] = 5,
    digits: Annotated[bool, typer.Option("--digits", help="Keep numbers (years, amounts) among the key words.")] = False,
    sort: Annotated[str, typer.Option("--sort", help="log_likelihood (strongest evidence first) or log_ratio (biggest change first).")] = "log_likelihood",
    limit: LimitOption = 30,
    index: IndexOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """Key words of part B against part A: log-likelihood, frequencies in both, log ratio."""
    from ..language import compare, parse_scope

    if limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")
    with open_index(index) as speech_index:
        result = compare(speech_index, parse_scope(a), parse_scope(b), min_count=min_count, limit=limit or None, digits=digits,
                         sort=sort)
    columns = ["word", "count_a", "count_b", "per_10k_a", "per_10k_b", "log_likelihood", "log_ratio"]
    _output(json_output, csv_output, result, "keywords", columns, _print_comparison)


def _print_comparison(result) -> None:
    from rich.table import Table
    from rich.text import Text

    from .render import printable

    from ..language.scopes import describe

    out = _console()
    out.print(f"A = {describe(result.a)}: {result.speeches_a} speeches, {result.words_a} words; "
              f"B = {describe(result.b)}: {result.speeches_b} speeches, {result.words_b} words", style="dim", markup=False)
    if not result.keywords:
        out.print("No word is significantly more frequent in B.")
        return
    table = Table(box=None, header_style="bold")
    for column, justify in (("word", "left"), ("A", "right"), ("B", "right"), ("A /10k", "right"),
                            ("B /10k", "right"), ("log-lik.", "right"), ("log ratio", "right")):
        table.add_column(column, justify=justify)
    for k in result.keywords:
        table.add_row(Text(printable(k.word)), str(k.count_a), str(k.count_b), f"{k.per_10k_a:.2f}", f"{k.per_10k_b:.2f}",
                      f"{k.log_likelihood:.1f}", f"{k.log_ratio:+.2f}")
    out.print(table)
