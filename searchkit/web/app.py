"""The Starlette application: routes, templates, and errors as one line (JSON under /api/, a short
page elsewhere), never a traceback."""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import IndexStateError, QueryError, SearchkitError
from . import api, changes_views, diff_views, pages, similar_views
from .api import Json
from .guard import Guard, host_checker
from .i18n import LANGUAGES, language, translator
from .present import speech_url, url
from .readers import ReaderPool

STATIC = Path(__file__).with_name("static")


def favicon(request: Request) -> Response:
    """Browsers ask for /favicon.ico on every page: the icon, not a 404 in the log."""
    return Response((STATIC / "favicon.svg").read_bytes(), media_type="image/svg+xml",
                    headers={"cache-control": "max-age=86400"})
log = logging.getLogger("searchkit.web")


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("searchkit.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _status_of(error: Exception) -> int:
    if isinstance(error, HTTPException):
        return error.status_code
    if isinstance(error, QueryError):
        return 400
    if isinstance(error, IndexStateError):
        return 503
    if isinstance(error, SearchkitError):
        return 404 if str(error).startswith("no speech") else 400
    return 500


def _message(error: Exception, status: int) -> str:
    if isinstance(error, HTTPException):
        return {404: "not found", 405: "method not allowed"}.get(status, str(error.detail))
    if status == 500:
        return f"internal error: {type(error).__name__}"
    return " ".join(str(error).split())  # one line


def create_app(index_dir: str | Path, *, host: str = "127.0.0.1", allowed_hosts: tuple[str, ...] = (),
               readers: int = 4, port: int | None = None) -> Starlette:
    """The web app over the index at ``index_dir`` (read-only). ``host`` is the address the server
    binds; requests must name it (or a loopback name, or ``allowed_hosts``) in their Host header, and
    ``port``, when given and the header names one."""
    environment = _environment()

    def render(request: Request, template: str, status_code: int = 200, **context) -> Response:
        lang = language(request)

        def here(**changes) -> str:
            """This page's URL with ``changes`` (None removes a parameter)."""
            merged = {k: request.query_params.getlist(k) for k in request.query_params.keys()}
            merged.update(changes)
            return url(request.url.path, merged)

        html = environment.get_template(template).render(
            request=request, t=translator(lang), lang=lang, languages=LANGUAGES, url=url,
            speech_url=speech_url, here=here, lang_param=None if lang == "zh" else lang, **context,
        )
        return HTMLResponse(html, status_code=status_code)

    async def on_error(request: Request, error: Exception) -> Response:
        status = _status_of(error)
        message = _message(error, status)
        if status == 500:
            log.error("internal error on %s", request.url.path, exc_info=error)
        if request.url.path.startswith("/api"):
            return Json({"error": message, "status": status}, status_code=status)
        try:
            return render(request, "error.html", status, status=status, message=message)
        except Exception:  # the error page itself failed: still one line, no traceback
            log.exception("error page failed")
            return Json({"error": message, "status": status}, status_code=status)

    app = Starlette(
        routes=[*pages.ROUTES, *similar_views.ROUTES, *diff_views.ROUTES, *changes_views.ROUTES, *api.ROUTES, Route("/favicon.ico", favicon),
                Mount("/static", StaticFiles(directory=STATIC), name="static")],
        exception_handlers={Exception: on_error, HTTPException: on_error, SearchkitError: on_error},
    )
    app.state.pool = ReaderPool(Path(index_dir), size=readers)
    app.state.render = render
    app.add_middleware(Guard, host_allowed=host_checker(host, tuple(allowed_hosts), port))
    return app
