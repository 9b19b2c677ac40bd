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


PAIR_COLUMNS = ["a_speech_id", "a_paragraph", "b_speech_id", "b_paragraph", "shared", "chars", "spans", "a_date",
                "b_date", "a_text", "b_text"]
SPEECH_COLUMNS = ["a_speech_id", "b_speech_id", "b_paragraphs", "pairs", "chars", "shared", "a_title", "b_title"]
SHOWN_CHARS = 240


@app.command("reuse")
def reuse_command(
    a: Annotated[str, typer.Option("--a", help="Part A, the sources: e.g. until=2012 or title=国务院.", show_default=False)],
    b: Annotated[str, typer.Option("--b", help="Part B, whose paragraphs may repeat A's wording.", show_default=False)],
    min_chars: Annotated[int, typer.Option("--min-chars", help="Shortest repeated span, in characters after normalization.")] = 15,
    max_sources: Annotated[int, typer.Option("--max-sources", help="At most this many A paragraphs for each B paragraph.")] = 5,
    by: Annotated[str, typer.Option("--by", help="What --json and --csv list: paragraph pairs, or speech pairs.")] = "paragraph",
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", show_default=False,
                                                 help="At most this many rows (0 = all) [default: 10 in a terminal, all with --json/--csv].")] = None,
    index: IndexOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """For every paragraph of part B, the paragraphs of part A whose wording it repeats."""
    from ..language import parse_scope
    from ..similar.reuse import reuse
    from .progress import CountBar

    if by not in ("paragraph", "speech"):
        raise QueryError(f"--by must be paragraph or speech, not {by!r}")
    if limit is not None and limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")
    scopes = parse_scope(a), parse_scope(b)
    with open_index(index) as speech_index, CountBar("reading B") as bar:
        result = reuse(speech_index, *scopes, min_chars=min_chars, max_sources=max_sources, progress=bar)
    exported = json_output or csv_output
    shown = (None if exported else 10) if limit is None else (limit or None)
    rows = result.pairs if by == "paragraph" else result.speeches
    _lines(rows[:shown], result.summary(), json_output, csv_output, PAIR_COLUMNS if by == "paragraph" else SPEECH_COLUMNS,
           lambda: _show_reuse(result, shown))


def _show_reuse(result, shown: int | None) -> None:
    from rich.text import Text

    from ..engine.highlight import merge, snippet_window
    from ..language.scopes import describe
    from . import render

    out = render.console()
    plural = lambda n, word: f"{n} {word}" if n == 1 else f"{n} {word}{'es' if word.endswith('ch') else 's'}"  # noqa: E731
    render.say(out, Text(f"A = {describe(result.a)}: {plural(result.a_speeches, 'speech')}; B = {describe(result.b)}: "
                         f"{plural(result.b_speeches, 'speech')}, {plural(result.b_paragraphs, 'paragraph')} read; spans "
                         f"of {result.min_chars}+ characters", style="dim"))
    if not result.pairs:
        render.say(out, "No paragraph of B repeats A's wording (try a lower --min-chars).")
        return
    render.say(out, f"{len(result.pairs)} paragraph pairs, {len(result.speeches)} speech pairs.")
    out.print()
    render.say(out, Text("B draws on A, speech by speech (share of B's characters, B paragraphs):", style="bold"))
    for row in result.speeches[:shown]:
        line = Text(f"{row.shared:>6.1%} {row.b_paragraphs:>4} ¶  ")
        line.append(row.b_speech_id, style="cyan")
        line.append(" ← ")
        line.append(row.a_speech_id, style="green")
        render.say(out, line)
    out.print()
    plain = out.color_system is None  # no colours: the repeated spans between «»
    render.say(out, Text("Strongest pairs, each paragraph of B once (its repeated spans marked):", style="bold"))
    strongest = list({(p.b_speech_id, p.b_paragraph): p for p in reversed(result.pairs)}.values())[::-1]
    for p in strongest[:shown]:
        head = Text(f"{p.shared:>4.0%}  ", style="bold yellow")
        head.append(f"{p.b_speech_id} ¶{p.b_paragraph}", style="cyan")
        head.append(" ← ")
        head.append(f"{p.a_speech_id} ¶{p.a_paragraph}", style="green")
        render.say(out, head)
        spans = merge([(s, e) for _, _, s, e in p.spans])
        start, end = snippet_window(p.b_text, spans, SHOWN_CHARS)
        body = Text("…" if start else "")
        if plain:
            position = start
            for s_, e_ in spans:
                s_, e_ = max(s_, start), min(e_, end)
                if s_ < e_:
                    body.append(p.b_text[position:s_] + "«" + p.b_text[s_:e_] + "»")
                    position = e_
            body.append(p.b_text[position:end])
        else:
            body.append_text(render.highlighted(p.b_text[start:end], spans, start))
        body.append("…" if end < len(p.b_text) else "")
        render.say(out, body, 6)
