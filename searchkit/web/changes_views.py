"""Firsts and reuse in the browser: the formulations new in a period (each linked to its trend and to
its first use in the reader), and the strongest reuse between two parts of the corpus with both texts
marked."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import QueryError
from ..language.novelty import firsts
from . import params
from .api import Json

MAX_FIRSTS = 500


def firsts_args(request: Request) -> dict:
    p = request.query_params
    return dict(
        min_count=params.number(p, "min_count", 2, 1, 1_000_000),
        digits=params.flag(p, "digits"),
        limit=params.number(p, "limit", 100, 1, MAX_FIRSTS),
        **params.filters(p),
    )


def api_firsts(request: Request) -> Response:
    args = firsts_args(request)
    with request.app.state.pool.reader() as index:
        result = firsts(index, **args)
    return Json(result.to_dict())


def firsts_page(request: Request) -> Response:
    args = firsts_args(request)
    context = dict(filters=params.filters(request.query_params), min_count=args["min_count"], digits=args["digits"],
                   result=None)
    try:
        with request.app.state.pool.reader() as index:
            context["result"] = firsts(index, **args)
    except QueryError as error:  # shown under the form, which keeps what was typed
        return request.app.state.render(request, "firsts.html", 400, error=" ".join(str(error).split()), **context)
    return request.app.state.render(request, "firsts.html", **context)


ROUTES = [Route("/firsts", firsts_page), Route("/api/firsts", api_firsts)]
