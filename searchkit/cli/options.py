"""What the commands share: the options they all spell the same way, the index they resolve, output choice.

Defaults are resolved here and nowhere else; the core takes explicit paths and keywords."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import QueryError

DEFAULT_INDEX = Path("indexes/speeches")
DEFAULT_CORPUS = Path("seeds")

IndexOption = Annotated[
    Optional[Path],
    typer.Option("--index", "-i", help=f"Index folder [env SEARCHKIT_INDEX; default {DEFAULT_INDEX}].", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="CSV output for spreadsheets.")]
SpeakerOption = Annotated[Optional[str], typer.Option("--speaker", help="Only speeches whose speaker contains this.")]
SinceOption = Annotated[Optional[str], typer.Option("--since", help="Only speeches on or after YYYY[-MM[-DD]].")]
UntilOption = Annotated[Optional[str], typer.Option("--until", help="Only speeches on or before YYYY[-MM[-DD]].")]
TitleOption = Annotated[Optional[str], typer.Option("--title", help="Only speeches whose title contains this.")]
SourceOption = Annotated[Optional[str], typer.Option("--source", help="Only speeches whose source contains this.")]


def index_dir(index: Path | None) -> Path:
    """``--index``, else ``$SEARCHKIT_INDEX``, else the default folder."""
    if index is not None:
        return index
    return Path(os.environ.get("SEARCHKIT_INDEX") or DEFAULT_INDEX)


def _is_default(index: Path | None) -> bool:
    return index is None and not os.environ.get("SEARCHKIT_INDEX")


def open_index(index: Path | None):
    """The index to read; the default one is built from ``seeds/`` on first use."""
    from .. import store
    from ..search import open_index as open_core_index
    from .progress import run_index

    folder = index_dir(index)
    if _is_default(index) and not store.exists(folder) and DEFAULT_CORPUS.is_dir():
        typer.echo(f"searchkit: no index yet; building {folder} from {DEFAULT_CORPUS}/ …", err=True)
        run_index([DEFAULT_CORPUS], folder, False, True)
    return open_core_index(folder)


def emit(items: list, json_output: bool, csv_output: bool, columns: list[str], show) -> None:
    """One JSON object per line, CSV with ``columns``, or ``show(items)`` for a terminal."""
    from .. import render

    if json_output and csv_output:
        raise QueryError("choose --json or --csv, not both")
    if json_output:
        render.write_lines(render.json_line(item.to_dict()) for item in items)
    elif csv_output:
        render.write_csv((item.to_dict() for item in items), columns)
    else:
        show(items)
