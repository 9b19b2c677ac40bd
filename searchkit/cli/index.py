"""`searchkit index`: bring an index in line with files and folders."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .options import DEFAULT_CORPUS, FollowOption, IndexOption, JsonOption, MemoryOption, index_dir, memory_budget
from .progress import run_index

app = typer.Typer()


@app.command("index")
def index_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=f"Files or folders of speeches [default: {DEFAULT_CORPUS}/].", show_default=False)] = None,
    index: IndexOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Build from these paths alone, replacing the index atomically.")] = False,
    follow: FollowOption = False,
    json_output: JsonOption = False,
    memory: MemoryOption = None,
    words: Annotated[Optional[Path], typer.Option("--words", help="A user word list (one word a line) for cutting text into words; the index keeps it, another list needs --rebuild. Starter list: searchkit/userwords.txt.", show_default=False)] = None,
) -> None:
    """Add new and changed speeches to the index; remove those whose files are gone."""
    from . import render

    folder = index_dir(index)
    report = run_index(paths or [DEFAULT_CORPUS], folder, rebuild, not json_output, follow=follow, words=words,
                       memory_mb=memory_budget(memory))
    if json_output:
        render.write_lines([render.json_line(report.to_dict())])
        for skipped in report.skipped:
            typer.echo(f"searchkit: skipped {skipped.source}: {skipped.reason}", err=True)
    else:
        render.print_report(report, str(folder))
    if report.skipped:
        raise typer.Exit(1)


@app.command("check")
def check_command(index: IndexOption = None, json_output: JsonOption = False) -> None:
    """Read every byte of the index against the checksums written with it; exit 1 naming the first
    damaged file (a plain `searchkit index` repairs it)."""
    from ..index import check_index
    from . import render

    folder = index_dir(index)
    report = check_index(folder)
    if json_output:
        render.write_lines([render.json_line(report)])
    elif report["checksums"]:
        typer.echo(f"{folder}: sound — {report['generation']}, {report['files']} files, "
                   f"{report['bytes'] / 1e6:,.1f} MB checked in {report['seconds']} s")
    else:
        typer.echo(f"{folder}: {report['generation']} reads as sound, but it has no checksums (made by an earlier "
                   f"searchkit) to check its bytes against; the next `searchkit index` writes them")
