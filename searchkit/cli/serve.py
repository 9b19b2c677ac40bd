"""`searchkit serve`: the local web app (searchkit/web) over an index."""

from __future__ import annotations

import errno
import socket
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import SearchkitError
from .options import IndexOption, index_dir, local_index_dir, open_index

app = typer.Typer()


def host_warning(host: str) -> str | None:
    """The warning a non-loopback bind deserves, or None."""
    from ..web.guard import is_loopback

    if is_loopback(host):
        return None
    return (f"warning: serving on {host}, not 127.0.0.1: anyone who can reach this machine can read the "
            "whole index (nothing is password-protected)")


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise SearchkitError(f"port {port} on {host} is in use; choose another with --port") from None
            raise SearchkitError(f"cannot listen on {host}:{port}: {error.strerror}") from None


@app.command("serve")
def serve_command(
    index: IndexOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1 keeps it to this machine).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.", min=1, max=65535)] = 8765,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the search page in a browser.")] = False,
    allow_host: Annotated[Optional[list[str]], typer.Option("--allow-host", help="Another name this server answers to (repeatable).")] = None,
    readers: Annotated[int, typer.Option("--readers", help="Index readers kept open for concurrent requests.", min=1, max=32)] = 4,
    idle_timeout: Annotated[float, typer.Option(
        "--idle-timeout", metavar="SECONDS", min=0.1, max=3600,
        help="Close a connection that has not sent a complete request this long after opening or after its last answer.")] = 10.0,
) -> None:
    """A local web app: search, read, trend and KWIC in the browser; JSON API under /api/."""
    import threading
    import webbrowser

    import uvicorn

    from ..web import create_app
    from ..web.server import config

    local_index_dir(index, "the web app")
    with open_index(index) as speech_index:  # fails now, in one line, if there is no index
        stats = speech_index.stats()
    warning = host_warning(host)
    if warning:
        typer.echo(f"searchkit: {warning}", err=True)
    _check_port_free(host, port)
    web_app = create_app(Path(index_dir(index)), host=host, allowed_hosts=tuple(allow_host or ()), readers=readers, port=port)
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else (f"[{host}]" if ":" in host else host)
    url = f"http://{shown_host}:{port}/"
    count = stats["speeches"]
    typer.echo(f"searchkit: serving {count} speech{'' if count == 1 else 'es'} from {index_dir(index)} at {url} (Ctrl-C stops)", err=True)
    if open_browser:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    uvicorn.Server(config(web_app, host.strip("[]"), port, idle_timeout)).run()
