"""`searchkit diff A B`: what changed between two speeches, paragraph by paragraph, with the changed
characters marked (track changes)."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from ..errors import QueryError
from .options import CsvOption, IndexOption, JsonOption, open_index

app = typer.Typer()

KINDS = ("kept", "reworded", "added", "dropped", "moved")
COLUMNS = ["kind", "a_paragraph", "b_paragraph", "similarity", "changes", "a_text", "b_text"]
SIGNS = {"kept": ("=", "dim"), "reworded": ("~", "yellow"), "added": ("+", "green"), "dropped": ("-", "red"),
         "moved": ("↷", "magenta")}
DELETED, INSERTED = "red strike", "green underline"


def _kinds(only: str | None) -> set[str]:
    if not only:
        return set(KINDS)
    wanted = {k.strip() for k in only.replace("，", ",").split(",") if k.strip()}
    unknown = sorted(wanted - set(KINDS))
    if unknown or not wanted:
        raise QueryError(f"--only takes kinds from {', '.join(KINDS)} joined by commas, not {only!r}")
    return wanted


@app.command("diff")
def diff_command(
    a: Annotated[str, typer.Argument(help="Speech A (the earlier text), an id as `list` shows it.", show_default=False)],
    b: Annotated[str, typer.Argument(help="Speech B (the later text).", show_default=False)],
    only: Annotated[Optional[str], typer.Option("--only", metavar="KINDS",
                                                help="Only these kinds, e.g. added,reworded (kept, reworded, added, dropped, moved).")] = None,
    kept: Annotated[bool, typer.Option("--kept", help="Print kept paragraphs in full (else one line per run of them).")] = False,
    index: IndexOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """What changed from speech A to speech B: kept, reworded, added, dropped and moved paragraphs."""
    from ..diff import diff_speeches

    if json_output and csv_output:
        raise QueryError("choose --json or --csv, not both")
    wanted = _kinds(only)
    with open_index(index) as speech_index:
        result = diff_speeches(speech_index, a, b)
    items = [x for x in result.items if x.kind in wanted]
    from . import render

    if json_output:
        render.write_lines([*(render.json_line(x.to_dict()) for x in items), render.json_line(result.summary())])
    elif csv_output:
        rows = ({**x.to_dict(), "changes": json.dumps([c.to_dict() for c in x.changes], ensure_ascii=False)} for x in items)
        render.write_csv(rows, COLUMNS)
    else:
        _show(result, items, kept)


def _where(side: dict) -> str:
    return " · ".join(str(x) for x in (side.get("date"), side.get("speaker"), side.get("title")) if x)


def _show(result, items, show_kept: bool) -> None:
    from rich.text import Text

    from . import render

    out = render.console()
    plain = out.color_system is None  # no colours: mark the changes as wdiff does, [-gone-]{+new+}

    def say(text, indent: int = 0) -> None:
        render.say(out, text, indent)

    say(Text(f"A  {result.a['speech_id']}  ({result.a_paragraphs} paragraphs)", style="bold"))
    if _where(result.a):
        say(Text(f"   {_where(result.a)}", style="dim"))
    say(Text(f"B  {result.b['speech_id']}  ({result.b_paragraphs} paragraphs)", style="bold"))
    if _where(result.b):
        say(Text(f"   {_where(result.b)}", style="dim"))
    counts = " · ".join(f"{result.counts[k]} {k}" for k in KINDS)
    say(Text(counts))
    say(Text(f"{result.new_share:.0%} of B is new wording; {result.dropped_share:.0%} of A is gone"))
    say(Text())
    run: list = []

    def flush() -> None:
        if run:
            first, last = run[0], run[-1]
            span = f"¶{first.b_paragraph}" if len(run) == 1 else f"¶{first.b_paragraph}–{last.b_paragraph}"
            say(Text(f"= {span} kept ({len(run)})" if len(run) > 1 else f"= {span} kept", style="dim"))
            run.clear()

    for x in items:
        if x.kind == "kept" and not show_kept:
            run.append(x)
            continue
        flush()
        sign, style = SIGNS[x.kind]
        head = Text(f"{sign} ", style=f"bold {style}")
        if x.a_paragraph is not None and x.b_paragraph is not None:
            head.append(f"¶{x.a_paragraph} → ¶{x.b_paragraph}", style="cyan")
        else:
            head.append(f"¶{x.a_paragraph if x.b_paragraph is None else x.b_paragraph}", style="cyan")
        head.append(f"  {x.kind}", style=style)
        if x.kind in ("reworded", "moved") and x.changes:
            head.append(f", {x.similarity:.0%} alike", style="dim")
        say(head)
        say(_body(x, plain), 4)
    flush()


def _body(x, plain: bool):
    """B's text with A's removed spans put back struck through and B's new spans underlined."""
    from rich.text import Text

    if x.kind == "added":
        return Text(x.b_text, style="green")
    if x.kind == "dropped":
        return Text(x.a_text, style="red")
    body, position = Text(), 0
    for c in x.changes:
        body.append(x.b_text[position:c.b_start])
        if c.a_end > c.a_start:
            gone = x.a_text[c.a_start:c.a_end]
            body.append(f"[-{gone}-]" if plain else gone, style=DELETED)
        if c.b_end > c.b_start:
            new = x.b_text[c.b_start:c.b_end]
            body.append(f"{{+{new}+}}" if plain else new, style=INSERTED)
        position = c.b_end
    body.append(x.b_text[position:])
    return body
