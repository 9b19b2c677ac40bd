"""`searchkit watch`: keep an index up to date as files change."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import QueryError
from .options import DEFAULT_CORPUS, FollowOption, IndexOption, MemoryOption, local_index_dir, memory_budget

app = typer.Typer()


@app.command("watch")
def watch_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=f"Files or folders to watch [default: {DEFAULT_CORPUS}/].", show_default=False)] = None,
    index: IndexOption = None,
    debounce: Annotated[float, typer.Option("--debounce", help="Seconds of quiet before an update.")] = 1.0,
    follow: FollowOption = False,
    memory: MemoryOption = None,
) -> None:
    """Index speeches as they are added, changed or removed; Ctrl-C stops."""
    import time

    from . import render
    from ..ingest.readers import discover
    from ..watch import watch

    if debounce < 0:
        raise QueryError(f"--debounce must be 0 or more seconds, not {debounce}")
    paths = paths or [DEFAULT_CORPUS]
    list(discover(paths))  # a missing path is an error now, not on the first change
    folder = local_index_dir(index, "watch")
    memory_mb = memory_budget(memory)

    def on_report(report) -> None:
        stamp = time.strftime("%H:%M:%S")
        for line in render.change_lines(report):
            typer.echo(f"{stamp} {line}")
        for skipped in report.skipped:
            typer.echo(f"{stamp} skipped {skipped.source}: {skipped.reason}", err=True)

    def on_error(error) -> None:
        typer.echo(f"searchkit: {error}", err=True)

    typer.echo(f"watching {', '.join(map(str, paths))} → {folder} (Ctrl-C stops)", err=True)
    # Ctrl-C and SIGTERM end it as they end every command: one line (interrupted / terminated), 130 / 143.
    watch(paths, folder, on_report, on_error, debounce=debounce, follow=follow, memory_mb=memory_mb)
