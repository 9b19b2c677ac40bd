"""`searchkit index`: bring an index in line with files and folders."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..budget import DEFAULT_MEMORY_MB, writer_plan
from .options import DEFAULT_CORPUS, IndexOption, JsonOption, index_dir
from .progress import run_index

app = typer.Typer()


@app.command("index")
def index_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=f"Files or folders of speeches [default: {DEFAULT_CORPUS}/].", show_default=False)] = None,
    index: IndexOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Build from these paths alone, replacing the index atomically.")] = False,
    follow: Annotated[bool, typer.Option("--follow", help="Follow symbolic links that lead out of the folders (skipped by default).")] = False,
    json_output: JsonOption = False,
    memory: Annotated[Optional[int], typer.Option("--memory", envvar="SEARCHKIT_MEMORY_MB", metavar="MB", help=f"About how much memory the build may use, all its processes together, in MB [default: {DEFAULT_MEMORY_MB}]. Less suits smaller machines (e.g. --memory 1000) and makes large builds slower.", show_default=False)] = None,
    words: Annotated[Optional[Path], typer.Option("--words", help="A user word list (one word a line) for cutting text into words; the index keeps it, another list needs --rebuild. Starter list: searchkit/userwords.txt.", show_default=False)] = None,
) -> None:
    """Add new and changed speeches to the index; remove those whose files are gone."""
    from .. import render

    folder = index_dir(index)
    if memory is not None:
        writer_plan(memory, 1)  # a bad value is a usage error before anything is read
    report = run_index(paths or [DEFAULT_CORPUS], folder, rebuild, not json_output, follow=follow, words=words,
                       memory_mb=memory)
    if json_output:
        render.write_lines([render.json_line(report.to_dict())])
        for skipped in report.skipped:
            typer.echo(f"searchkit: skipped {skipped.source}: {skipped.reason}", err=True)
    else:
        render.print_report(report, str(folder))
    if report.skipped:
        raise typer.Exit(1)
