"""The `searchkit` command: the typer app, its global options and its error handling.

Commands live in modules of this package, one concern each, every module with its own ``app = typer.Typer()``.
To add a command group, write ``searchkit/cli/NAME.py`` and register it with ONE line at the bottom of this file:
``app.add_typer(NAME.app)``. Its commands then get the one-line error handling below for free: raise a
SearchkitError subclass (errors.py) for anything a user can cause.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from typing import Annotated

import typer
import typer.core

from ..errors import QueryError, SearchkitError

# Typer's usage errors derive from click's ClickException (vendored in typer ≥ 0.2x): find it by name.
_ClickException = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"searchkit: {message}", err=True)
    if code in _STOP_CODES:
        _interrupted_said.set()
    return typer.Exit(code)


INTERRUPT_GRACE_S = 10
_interrupted_said = threading.Event()
# Ctrl-C and SIGTERM (`kill`, a service manager, a closing session) stop a command the same way: one
# line, the live index kept, the shells' exit code for a signal (128 + its number: 130 and 143).
_STOPS = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}
_STOP_CODES = {128 + signum for signum in _STOPS}


class Stopped(KeyboardInterrupt):
    """A stop signal, unwinding as Ctrl-C does (every ``except KeyboardInterrupt`` treats both alike)."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop_line(error: KeyboardInterrupt) -> tuple[str, int]:
    signum = getattr(error, "signum", signal.SIGINT)
    return _STOPS.get(signum, "interrupted"), 128 + signum


def _on_stop(signum, frame) -> None:
    """Ctrl-C or SIGTERM unwinds as KeyboardInterrupt (a writer cancels; the live index stays), but never
    hangs on the way out: tearing down worker pools can deadlock inside multiprocessing, so after a grace
    period the process leaves anyway, with the same one line and exit code."""
    stop = Stopped(signum)
    message, code = _stop_line(stop)

    def leave() -> None:
        if not _interrupted_said.is_set():
            typer.echo(f"searchkit: {message}", err=True)
        os._exit(code)

    timer = threading.Timer(INTERRUPT_GRACE_S, leave)
    timer.daemon = True
    timer.start()
    raise stop


def _quiet_stdout() -> None:
    """The reader went away (`searchkit list | head`): send what is left, and the final flush, nowhere."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (CliRunner)
        pass


class _SearchkitGroup(typer.core.TyperGroup):
    """One line on stderr for every error a user can cause; a traceback only with --debug."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (_ClickException, typer.Exit, typer.Abort):
            raise
        except BrokenPipeError:  # `searchkit list | head`: the reader has all it wants
            _quiet_stdout()
            raise typer.Exit(0) from None
        except KeyboardInterrupt as stop:
            raise _fail(*_stop_line(stop)) from None
        except Exception as error:
            if ctx.params.get("debug"):
                raise
            if isinstance(error, QueryError):
                raise _fail(str(error), 2) from None
            if isinstance(error, SearchkitError):
                raise _fail(str(error), 1) from None
            if isinstance(error, OSError) and not isinstance(error, BrokenPipeError):
                # The system refused (full disk, permissions, …): the user's to fix, not a bug.
                where = f"{error.filename}: " if error.filename else ""
                raise _fail(f"{where}{error.strerror or error}", 1) from None
            raise _fail(f"internal error: {type(error).__name__}: {error} (run `searchkit --debug …` for details)", 1) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            for signum in _STOPS:
                signal.signal(signum, _on_stop)
        except ValueError:  # not the main thread: signals are not ours to handle
            pass
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _ClickException as error:  # usage errors: one line, exit 2, not a framed panel
            if type(error).__name__ == "NoArgsIsHelpError":  # the help text, as asked
                error.show()
                sys.exit(error.exit_code)
            hint = f" (see `{error.ctx.command_path} --help`)" if getattr(error, "ctx", None) else ""
            typer.echo(f"searchkit: {error.format_message()}{hint}", err=True)
            sys.exit(error.exit_code)
        except typer.Abort:
            typer.echo("searchkit: aborted", err=True)
            sys.exit(1)
        try:  # output still buffered for a pipe whose reader has gone must not fail at exit
            sys.stdout.flush()
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(0)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=_SearchkitGroup,
    help="Full-text search for Chinese policy speeches.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain click help: rich markup would eat "[env var: …; default: …]" and print flags as `--json <bool>`.
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        from ..storage.generations import version

        typer.echo(f"searchkit {version()}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.", envvar="SEARCHKIT_DEBUG")] = False,
    version: Annotated[
        bool, typer.Option("--version", help="Print the version and exit.", callback=_show_version, is_eager=True)
    ] = False,
) -> None:
    """Full-text search for Chinese policy speeches."""


# Command groups, one line each (see the module docstring), in the order `--help` lists them.
from . import browse, changes, cluster, diff, index, language, reports, search, serve, similar, watch  # noqa: E402

app.add_typer(index.app)
app.add_typer(search.app)
app.add_typer(similar.app)
app.add_typer(browse.app)
app.add_typer(reports.app)
app.add_typer(language.app)
app.add_typer(diff.app)
app.add_typer(changes.app)
app.add_typer(watch.app)
app.add_typer(serve.app)
app.add_typer(cluster.app)

HIT_COLUMNS = search.HIT_COLUMNS
