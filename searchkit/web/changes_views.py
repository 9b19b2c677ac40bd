"""Firsts and reuse in the browser: the formulations new in a period (each linked to its trend and to
its first use in the reader), and the strongest reuse between two parts of the corpus with both texts
marked."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import QueryError
from ..language.novelty import firsts
from ..language.scopes import parse_scope
from ..similar.reuse import DEFAULT_MIN_CHARS, reuse
from . import params
from .api import Json
from .present import marked

MAX_FIRSTS = 500
MAX_B_PARAGRAPHS = 2_000  # a request reads every paragraph of B (a few ms each): bigger parts are for the CLI
SHOWN_PAIRS = 50


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


def reuse_args(request: Request, index) -> dict:
    p = request.query_params
    a, b = params.text(p, "a"), params.text(p, "b")
    if not a or not b:
        raise params.BadRequest("give two parts: ?a=until=2012&b=since=2013 (key=value filters joined by commas)")
    scopes = parse_scope(a), parse_scope(b)
    paragraphs = sum(s.paragraphs for s in index.speeches(**scopes[1]))
    if paragraphs > MAX_B_PARAGRAPHS:
        raise params.BadRequest(f"part B holds {paragraphs} paragraphs; the web page reads at most {MAX_B_PARAGRAPHS} "
                                "(narrow B, or run `searchkit reuse`)")
    return dict(a=scopes[0], b=scopes[1], min_chars=params.number(p, "min_chars", DEFAULT_MIN_CHARS, 4, 1000))


def api_reuse(request: Request) -> Response:
    with request.app.state.pool.reader() as index:
        result = reuse(index, **reuse_args(request, index))
    return Json(result.to_dict())


def reuse_page(request: Request) -> Response:
    p = request.query_params
    context = dict(a=p.get("a", "")[:params.MAX_FILTER_CHARS], b=p.get("b", "")[:params.MAX_FILTER_CHARS],
                   min_chars=p.get("min_chars", DEFAULT_MIN_CHARS), result=None, rows=[])
    if p.get("a") or p.get("b"):
        try:
            with request.app.state.pool.reader() as index:
                result = reuse(index, **reuse_args(request, index))
        except QueryError as error:
            return request.app.state.render(request, "reuse.html", 400, error=" ".join(str(error).split()), **context)
        rows = [(pair, marked(pair.a_text, _merged([(s, e) for s, e, _, _ in pair.spans])),
                 marked(pair.b_text, _merged([(s, e) for _, _, s, e in pair.spans]))) for pair in result.pairs[:SHOWN_PAIRS]]
        context.update(result=result, rows=rows, speeches=result.speeches[:SHOWN_PAIRS])
    return request.app.state.render(request, "reuse.html", **context)


def _merged(spans):
    from ..engine.highlight import merge

    return merge(spans)


ROUTES = [Route("/firsts", firsts_page), Route("/api/firsts", api_firsts), Route("/reuse", reuse_page),
          Route("/api/reuse", api_reuse)]
