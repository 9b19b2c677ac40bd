"""The `searchkit` command: thin shells over the core; defaults are resolved here and nowhere else."""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
import typer.core

from .errors import QueryError, SearchkitError

DEFAULT_INDEX = Path("indexes/speeches")
DEFAULT_CORPUS = Path("seeds")

# Typer's usage errors derive from click's ClickException (vendored in typer ≥ 0.2x): find it by name.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


class _OneLineErrors(typer.core.TyperGroup):
    """Usage errors as one line (``searchkit: No such option: -x``, exit 2), not a framed panel."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _ClickException as error:
            if type(error).__name__ == "NoArgsIsHelpError":  # the help text, as asked
                error.show()
                sys.exit(error.exit_code)
            hint = f" (see `{error.ctx.command_path} --help`)" if getattr(error, "ctx", None) else ""
            typer.echo(f"searchkit: {error.format_message()}{hint}", err=True)
            sys.exit(error.exit_code)
        except typer.Abort:
            typer.echo("searchkit: aborted", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=_OneLineErrors,
    help="Full-text search for Chinese policy speeches.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
_state = {"debug": False}

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
HIT_COLUMNS = ["speech_id", "paragraph", "score", "date", "speaker", "title", "section", "snippet", "matches", "text", "source"]


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"searchkit: {message}", err=True)
    return typer.Exit(code)


def command(function):
    """Turn searchkit errors into one line on stderr: exit 2 for usage errors, 1 otherwise."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (`searchkit export | head`): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            raise _fail("interrupted", 130) from None
        except Exception as error:
            if _state["debug"]:
                raise
            if isinstance(error, QueryError):
                raise _fail(str(error), 2) from None
            if isinstance(error, SearchkitError):
                raise _fail(str(error), 1) from None
            raise _fail(f"internal error: {type(error).__name__}: {error} (run `searchkit --debug …` for details)", 1) from None

    return wrapper


def _index_dir(index: Path | None) -> Path:
    if index is not None:
        return index
    return Path(os.environ.get("SEARCHKIT_INDEX") or DEFAULT_INDEX)


def _is_default(index: Path | None) -> bool:
    return index is None and not os.environ.get("SEARCHKIT_INDEX")


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.", envvar="SEARCHKIT_DEBUG")] = False,
) -> None:
    _state["debug"] = debug


def _progress_bar(enabled: bool):
    """A (callback, close) pair: a rich progress bar on a terminal, nothing otherwise."""
    if not (enabled and sys.stderr.isatty()):
        return None, lambda: None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(TextColumn("indexing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True)
    task = bar.add_task("files", total=None)
    bar.start()

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return update, bar.stop


def _run_index(paths: list[Path], index_dir: Path, rebuild: bool, show_progress: bool):
    from .indexer import update_index

    progress, close = _progress_bar(show_progress)
    try:
        return update_index(paths, index_dir, rebuild=rebuild, progress=progress)
    finally:
        close()


@app.command("index")
@command
def index_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=f"Files or folders of speeches [default: {DEFAULT_CORPUS}/].", show_default=False)] = None,
    index: IndexOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Build from these paths alone, replacing the index atomically.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Add new and changed speeches to the index; remove those whose files are gone."""
    from . import render

    index_dir = _index_dir(index)
    report = _run_index(paths or [DEFAULT_CORPUS], index_dir, rebuild, not json_output)
    if json_output:
        render.write_lines([render.json_line(report.to_dict())])
        for skipped in report.skipped:
            typer.echo(f"searchkit: skipped {skipped.source}: {skipped.reason}", err=True)
    else:
        render.print_report(report, str(index_dir))
    if report.skipped:
        raise typer.Exit(1)


def _emit(items: list, json_output: bool, csv_output: bool, columns: list[str], show) -> None:
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


def _open(index: Path | None):
    from . import store
    from .search import open_index

    index_dir = _index_dir(index)
    if _is_default(index) and not store.exists(index_dir) and DEFAULT_CORPUS.is_dir():
        typer.echo(f"searchkit: no index yet; building {index_dir} from {DEFAULT_CORPUS}/ …", err=True)
        _run_index([DEFAULT_CORPUS], index_dir, False, True)
    return open_index(index_dir)


@app.command("search")
@command
def search_command(
    query: Annotated[str, typer.Argument(help='Words (all required), "exact phrase", OR, NOT/-word, (groups).')],
    index: IndexOption = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many hits to show.")] = 10,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many hits first.")] = 0,
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: TitleOption = None,
    source: SourceOption = None,
    sort: Annotated[str, typer.Option("--sort", help="relevance, date (oldest first) or -date (newest first).")] = "relevance",
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """Ranked paragraphs with highlighted snippets."""
    from . import render

    filters = dict(speaker=speaker, since=since, until=until, title=title, source=source)
    with _open(index) as speech_index:
        hits = speech_index.search(query, limit=limit, offset=offset, sort=sort, **filters)
        _emit(hits, json_output, csv_output, HIT_COLUMNS,
              lambda hits: render.print_hits(hits, speech_index.count(query, **filters), offset, query))


@app.command("list")
@command
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

    with _open(index) as speech_index:
        speeches = speech_index.speeches(sort=sort, speaker=speaker, since=since, until=until, title=title, source=source)
    columns = ["speech_id", "date", "year", "speaker", "title", "venue", "paragraphs", "source"]
    _emit(speeches, json_output, csv_output, columns, render.print_speech_list)


@app.command("trend")
@command
def trend_command(
    terms: Annotated[list[str], typer.Argument(help="Terms or queries to count (same syntax as search).")],
    by: Annotated[str, typer.Option("--by", help="Group by year or speaker.")] = "year",
    index: IndexOption = None,
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: TitleOption = None,
    source: SourceOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """How many speeches and paragraphs mention each term, per year or speaker."""
    from . import render
    from .reports import trend

    with _open(index) as speech_index:
        rows = trend(speech_index, terms, by=by, speaker=speaker, since=since, until=until, title=title, source=source)
    _emit(rows, json_output, csv_output, ["term", "group", "speeches", "paragraphs"], render.print_trend)


@app.command("kwic")
@command
def kwic_command(
    term: Annotated[str, typer.Argument(help="A term or query (same syntax as search).")],
    width: Annotated[int, typer.Option("--width", "-w", help="Characters of context either side.")] = 20,
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", help="At most this many lines.")] = None,
    index: IndexOption = None,
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    title: TitleOption = None,
    source: SourceOption = None,
    json_output: JsonOption = False,
    csv_output: CsvOption = False,
) -> None:
    """Keyword in context: every occurrence, the term aligned in a column, in date order."""
    from . import render
    from .reports import kwic

    with _open(index) as speech_index:
        lines = kwic(speech_index, term, width=width, limit=limit, speaker=speaker, since=since, until=until, title=title, source=source)
    columns = ["speech_id", "paragraph", "date", "speaker", "left", "match", "right"]
    _emit(lines, json_output, csv_output, columns, lambda lines: render.print_kwic(lines, width))


@app.command("show")
@command
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
    with _open(index) as speech_index:
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
@command
def export_command(index: IndexOption = None) -> None:
    """Every paragraph as JSON lines (speech_id, paragraph, text, title, speaker, date, source, …)."""
    from . import render

    with _open(index) as speech_index:
        render.write_lines(render.json_line(p.to_dict()) for p in speech_index.paragraphs())


@app.command("stats")
@command
def stats_command(index: IndexOption = None, json_output: JsonOption = False) -> None:
    """Size and contents of the index."""
    from . import render

    with _open(index) as speech_index:
        stats = speech_index.stats()
    if json_output:
        render.write_lines([render.json_line(stats)])
    else:
        render.print_stats(stats)


@app.command("watch")
@command
def watch_command(
    paths: Annotated[Optional[list[Path]], typer.Argument(help=f"Files or folders to watch [default: {DEFAULT_CORPUS}/].", show_default=False)] = None,
    index: IndexOption = None,
    debounce: Annotated[float, typer.Option("--debounce", help="Seconds of quiet before an update.")] = 1.0,
) -> None:
    """Index speeches as they are added, changed or removed; Ctrl-C stops."""
    import time

    from . import render
    from .readers import discover
    from .watch import watch

    paths = paths or [DEFAULT_CORPUS]
    list(discover(paths))  # a missing path is an error now, not on the first change
    index_dir = _index_dir(index)

    def on_report(report) -> None:
        stamp = time.strftime("%H:%M:%S")
        for line in render.change_lines(report):
            typer.echo(f"{stamp} {line}")
        for skipped in report.skipped:
            typer.echo(f"{stamp} skipped {skipped.source}: {skipped.reason}", err=True)

    def on_error(error) -> None:
        typer.echo(f"searchkit: {error}", err=True)

    typer.echo(f"watching {', '.join(map(str, paths))} → {index_dir} (Ctrl-C stops)", err=True)
    try:
        watch(paths, index_dir, on_report, on_error, debounce=debounce)
    except KeyboardInterrupt:
        pass
    typer.echo("stopped", err=True)
