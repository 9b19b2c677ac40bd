"""What the commands share: the options they all spell the same way, the index they resolve, output choice.

Defaults are resolved here and nowhere else; the core takes explicit paths and keywords."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.core

from ..ingest.budget import DEFAULT_MEMORY_MB, writer_plan
from ..errors import QueryError

DEFAULT_INDEX = Path("indexes/speeches")
DEFAULT_CORPUS = Path("seeds")

IndexOption = Annotated[
    Optional[str],
    # a string, not a readable Path: a folder we may not read is our one-line error (exit 1), not click's usage error
    typer.Option("--index", "-i", help="Index folder, or a cluster URL (sphinx://…, see `searchkit cluster`).",
                 metavar="DIR|URL", envvar="SEARCHKIT_INDEX", show_default=str(DEFAULT_INDEX)),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]
FollowOption = Annotated[bool, typer.Option("--follow", help="Follow symbolic links that lead out of the folders (skipped by default).")]
MemoryOption = Annotated[Optional[int], typer.Option(
    "--memory", envvar="SEARCHKIT_MEMORY_MB", metavar="MB", show_default=False,
    help=f"About how much memory a build may use, all its processes together, in MB [default: {DEFAULT_MEMORY_MB}]. "
         "Less suits smaller machines (e.g. --memory 1000) and makes large builds slower.")]


def memory_budget(memory: int | None) -> int:
    """The --memory value, checked before anything is read (a bad one is a usage error)."""
    if memory is None:
        return DEFAULT_MEMORY_MB
    writer_plan(memory, 1)
    return memory
CsvOption = Annotated[bool, typer.Option("--csv", help="CSV output for spreadsheets.")]
SpeakerOption = Annotated[Optional[str], typer.Option("--speaker", help="Only speeches whose speaker contains this.")]
SinceOption = Annotated[Optional[str], typer.Option("--since", help="Only speeches on or after YYYY[-MM[-DD]].")]
UntilOption = Annotated[Optional[str], typer.Option("--until", help="Only speeches on or before YYYY[-MM[-DD]].")]
TitleOption = Annotated[Optional[str], typer.Option("--title", help="Only speeches whose title contains this.")]
# Help texts stay short: click wraps by characters, and a Chinese character takes two columns.
AliasesOn = Annotated[bool, typer.Option("--aliases/--no-aliases", show_default=False,
                                         help="Unquoted terms also find their aliases, e.g. the full names of abbreviations [default: on].")]
AliasesOff = Annotated[bool, typer.Option("--aliases/--no-aliases", show_default=False,
                                          help="Unquoted terms also count their aliases, e.g. the full names of abbreviations [default: off].")]
AliasFiles = Annotated[Optional[list[Path]], typer.Option("--alias-file", metavar="FILE", show_default=False,
                                                          help="More aliases (repeatable): one group a line, forms joined by \" = \" (turns aliases on).")]
SourceOption = Annotated[Optional[str], typer.Option("--source", help="Only speeches whose source contains this.")]


def index_dir(index: str | Path | None):
    """``--index``, else ``$SEARCHKIT_INDEX``, else the default folder: a Path, or a cluster URL as given."""
    from ..cluster import is_url

    chosen = index if index is not None else os.environ.get("SEARCHKIT_INDEX") or DEFAULT_INDEX
    return chosen if is_url(chosen) else Path(chosen)


def local_index_dir(index: str | Path | None, feature: str) -> Path:
    """``index_dir`` for a command that needs a local index folder; one line for a cluster URL."""
    folder = index_dir(index)
    if not isinstance(folder, Path):
        raise QueryError(f"{feature} needs a local index folder, not a cluster URL (see docs/cluster.md)")
    return folder


def _is_default(index: str | Path | None) -> bool:
    return index is None and not os.environ.get("SEARCHKIT_INDEX")


def open_index(index: str | Path | None):
    """The index to read; the default one is built from ``seeds/`` on first use."""
    from ..storage import generations as store
    from ..index import open_index as open_core_index
    from .progress import run_index

    folder = index_dir(index)
    if _is_default(index) and isinstance(folder, Path) and not store.exists(folder) and DEFAULT_CORPUS.is_dir():
        typer.echo(f"searchkit: no index yet; building {folder} from {DEFAULT_CORPUS}/ …", err=True)
        run_index([DEFAULT_CORPUS], folder, False, True)
    return open_core_index(folder)


def emit(items: list, json_output: bool, csv_output: bool, columns: list[str], show) -> None:
    """One JSON object per line, CSV with ``columns``, or ``show(items)`` for a terminal."""
    from . import render

    if json_output and csv_output:
        raise QueryError("choose --json or --csv, not both")
    if json_output:
        render.write_lines(render.json_line(item.to_dict()) for item in items)
    elif csv_output:
        render.write_csv((item.to_dict() for item in items), columns)
    else:
        show(items)


class WordsCommand(typer.core.TyperCommand):
    """A command whose words are one query, typed as people type: `search 经济 改革 -党风` searches
    "经济 改革 -党风". A `-word` that is not one of the command's own options is a NOT term, not an
    unknown option; `--long-options` are always options (a typo stays an error)."""

    def parse_args(self, ctx, args):
        return super().parse_args(ctx, words_last(self.params, list(args)))


def words_last(params, args: list[str]) -> list[str]:
    """``args`` as options first, then ``--`` and the query words in the order typed."""
    takes_value: dict[str, bool] = {}  # option string → whether it takes a value
    numeric: set[str] = set()
    for param in params:
        if getattr(param, "param_type_name", "") != "option":
            continue
        for name in (*param.opts, *param.secondary_opts):
            takes_value[name] = not (param.is_flag or param.count)
            descriptor = getattr(param, "type_descriptor", None)  # typer ≥ 0.2x: the annotation
            if getattr(descriptor, "annotation", None) in (int, float):
                numeric.add(name)
    options: list[str] = []
    words: list[str] = []
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        if arg == "--":
            words += args[position:]
            break
        short, attached = arg[:2], arg[2:]
        is_option = arg.startswith("--") or (
            short in takes_value
            # `-n5` is -n 5 and `-i/tmp/ix` is --index /tmp/ix, but `-nation` and `-i反腐` are words
            and (not attached or (attached.isascii() and (short not in numeric or attached.lstrip("-").isdigit())))
        )
        if not is_option:
            words.append(arg)
            continue
        options.append(arg)
        value_follows = "=" not in arg if arg.startswith("--") else not attached
        if takes_value.get(arg.split("=", 1)[0]) and value_follows and position < len(args):
            options.append(args[position])  # the option's value, even if it starts with "-"
            position += 1
    return [*options, "--", *words]


_OPERATOR = re.compile(r"(OR|AND|NOT|NEAR(/\S*)?)")  # NEAR/abc too: the parser says what is wrong


def group_terms(words: list[str]) -> list[str]:
    """Words typed without quotes → terms, for commands that take several: an operator joins its
    neighbours into one term (`互联网 NEAR/2 金融`, `网购 OR 电子商务`), a `-word` joins the term before it,
    and words inside parentheses stay together; other words are terms of their own."""
    terms: list[str] = []
    depth, joins_next = 0, False
    for word in words:
        operator = _OPERATOR.fullmatch(word) is not None
        if terms and (joins_next or depth > 0 or operator or (word.startswith("-") and len(word) > 1)):
            terms[-1] += " " + word
        else:
            terms.append(word)
        joins_next = operator
        depth = max(depth + word.count("(") - word.count(")"), 0)
    return terms
