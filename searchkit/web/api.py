"""The JSON API under /api/: the library's results with the same fields as the CLI's --json."""

from __future__ import annotations

import io
import json
from urllib.parse import unquote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..language.reports import GROUPINGS, kwic, trend
from ..text.spreadsheet import write_csv
from . import params
from .facets import FACETS, result_facets, speech_table

# The columns of `searchkit search --csv`.
HIT_COLUMNS = ["speech_id", "paragraph", "score", "date", "speaker", "title", "section", "snippet", "matches", "text", "source"]


class Json(JSONResponse):
    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def speech_table_of(request: Request, index):
    """speech id → SpeechSummary of the reader's generation, built once per generation."""
    return request.app.state.pool.cached(index.generation, "speeches", lambda: speech_table(index))


def search_args(request: Request) -> dict:
    p = request.query_params
    return dict(
        query=params.query(p, required=True),
        sort=params.choice(p, "sort", params.SEARCH_SORTS, "relevance"),
        exact=params.flag(p, "exact"),
        aliases=params.aliases(p),
        **params.filters(p),
    )


def api_search(request: Request) -> Response:
    p = request.query_params
    args = search_args(request)
    limit = params.number(p, "limit", 10, 0, params.MAX_LIMIT)
    offset = params.number(p, "offset", 0, 0, params.MAX_OFFSET)
    with request.app.state.pool.reader() as index:
        result = index.search(args.pop("query"), limit=limit, offset=offset, **args)
    return Json(result.to_dict())


def api_facets(request: Request) -> Response:
    args = search_args(request)
    args.pop("sort")
    with request.app.state.pool.reader() as index:
        result = index.search(args.pop("query"), limit=0, facets=FACETS, **args)
    return Json(result_facets(result).to_dict())


def api_export(request: Request) -> Response:
    """The whole result (up to EXPORT_CAP hits) as CSV or JSON, as a download."""
    fmt = params.choice(request.query_params, "format", ("csv", "json"), "csv")
    args = search_args(request)
    with request.app.state.pool.reader() as index:
        result = index.search(args.pop("query"), limit=params.EXPORT_CAP, **args)
    hits = result.hits
    headers = {"content-disposition": f'attachment; filename="searchkit-results.{fmt}"'}
    if fmt == "json":
        return Json({"total": result.total, "hits": [h.to_dict() for h in hits]}, headers=headers)
    out = io.StringIO()
    write_csv(out, (hit.to_dict() for hit in hits), HIT_COLUMNS)  # formula-like cells neutralized
    # A byte-order mark so that spreadsheet programs read the Chinese as UTF-8.
    return Response("\ufeff" + out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


def trend_args(request: Request) -> dict:
    p = request.query_params
    terms = params.terms(p)
    if not terms:
        raise params.BadRequest("give at least one term: ?term=…&term=… or ?terms=a,b")
    return dict(terms=terms, by=params.choice(p, "by", GROUPINGS, "year"), **params.filters(p))


def api_trend(request: Request) -> Response:
    args = trend_args(request)
    with request.app.state.pool.reader() as index:
        rows = trend(index, args.pop("terms"), **args)
    return Json({"rows": [r.to_dict() for r in rows]})


def kwic_args(request: Request) -> dict:
    p = request.query_params
    return dict(
        query=params.query(p, required=True),
        width=params.number(p, "width", 20, 0, params.MAX_KWIC_WIDTH),
        limit=params.number(p, "limit", 500, 0, params.MAX_KWIC_LINES),
        **params.filters(p),
    )


def api_kwic(request: Request) -> Response:
    args = kwic_args(request)
    with request.app.state.pool.reader() as index:
        lines = kwic(index, args.pop("query"), **args)
    return Json({"lines": [line.to_dict() for line in lines]})


def api_speeches(request: Request) -> Response:
    p = request.query_params
    sort = params.choice(p, "sort", params.LIST_SORTS, "date")
    limit = params.number(p, "limit", 100, 0, 1000)
    offset = params.number(p, "offset", 0, 0, 10_000_000)
    with request.app.state.pool.reader() as index:
        speeches = index.speeches(sort=sort, **params.filters(p))
    return Json({"total": len(speeches), "offset": offset, "speeches": [s.to_dict() for s in speeches[offset:offset + limit]]})


def speech_id_of(request: Request) -> str:
    """The id in /speech/ID (or ?id=), %-decoded exactly once: from the raw path where the server
    gives it, since an id may itself hold "%" sequences."""
    speech_id = request.path_params.get("speech_id")
    raw = request.scope.get("raw_path")
    if speech_id and raw:
        raw_path = raw.decode("latin-1")
        for prefix in ("/api/speech/", "/speech/"):
            if raw_path.startswith(prefix):
                try:
                    speech_id = unquote(raw_path[len(prefix):], errors="strict")
                except UnicodeDecodeError:
                    raise params.BadRequest("the speech id in the URL is not UTF-8") from None
                break
    speech_id = speech_id or request.query_params.get("id")
    if not speech_id:
        raise params.BadRequest("give a speech id: /speech/ID")
    return speech_id


def api_speech(request: Request) -> Response:
    speech_id = speech_id_of(request)
    with request.app.state.pool.reader() as index:
        paragraphs = index.speech(speech_id)
        summary = speech_table_of(request, index)[speech_id]
    return Json({**summary.to_dict(), "paragraphs": [p.to_dict() for p in paragraphs]})


def api_stats(request: Request) -> Response:
    with request.app.state.pool.reader() as index:
        return Json(index.stats())


def api_index(request: Request) -> Response:
    """The API's endpoints (the README describes their parameters and fields)."""
    paths = [getattr(route, "path", "") for route in request.app.routes]
    return Json({"endpoints": [path for path in paths if path.startswith("/api/")]})


ROUTES = [
    Route("/api", api_index),
    Route("/api/search", api_search),
    Route("/api/facets", api_facets),
    Route("/api/export", api_export),
    Route("/api/trend", api_trend),
    Route("/api/kwic", api_kwic),
    Route("/api/speeches", api_speeches),
    Route("/api/speech", api_speech),
    Route("/api/speech/{speech_id:path}", api_speech),
    Route("/api/stats", api_stats),
]
