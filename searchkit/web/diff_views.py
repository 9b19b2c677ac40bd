"""What changed between two speeches, side by side: A's removed wording struck through on the left,
B's new wording marked on the right, one row per aligned item. Reached from the reader's "compare
with…" link, which offers the speeches most like this one to compare with."""

from __future__ import annotations

from rapidfuzz import fuzz, process
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..diff import diff_speeches
from . import params
from .api import Json, speech_table_of
from .present import marked

MAX_SUGGESTIONS = 12
MAX_ID_CHARS = 1_000


def _id(request: Request, name: str) -> str | None:
    return params.text(request.query_params, name, MAX_ID_CHARS)


def suggestions(table: dict, speech_id: str) -> list:
    """The speeches to offer for comparing with ``speech_id``: those whose title is most like its
    title (another year of the same report first), nearest in date among equals."""
    own = table[speech_id]
    others = {sid: s for sid, s in table.items() if sid != speech_id}
    if not others:
        return []
    titles = {sid: s.title or sid for sid, s in others.items()}
    best = process.extract(own.title or speech_id, titles, scorer=fuzz.ratio, limit=MAX_SUGGESTIONS * 4)
    when = own.date or str(own.year or "")

    def distance(summary) -> int:
        other = summary.date or str(summary.year or "")
        return abs(int(other[:4]) - int(when[:4])) if other[:4].isdigit() and when[:4].isdigit() else 10_000

    ranked = sorted(best, key=lambda found: (-round(found[1]), distance(others[found[2]]), found[2]))
    return [others[sid] for _, _, sid in ranked[:MAX_SUGGESTIONS]]


def _sides(item) -> tuple[list, list]:
    """(A's pieces, B's pieces): (text, changed) pairs, for the template to escape and mark."""
    left = marked(item.a_text, [(c.a_start, c.a_end) for c in item.changes if c.a_end > c.a_start]) if item.a_text is not None else []
    right = marked(item.b_text, [(c.b_start, c.b_end) for c in item.changes if c.b_end > c.b_start]) if item.b_text is not None else []
    return left, right


def api_diff(request: Request) -> Response:
    a, b = _id(request, "a"), _id(request, "b")
    if not a or not b:
        raise params.BadRequest("give two speech ids: ?a=ID&b=ID")
    with request.app.state.pool.reader() as index:
        result = diff_speeches(index, a, b)
    return Json(result.to_dict())


def diff_page(request: Request) -> Response:
    a, b = _id(request, "a"), _id(request, "b")
    context = dict(a=a or "", b=b or "", result=None, rows=[], offers=[], speech=None)
    with request.app.state.pool.reader() as index:
        table = speech_table_of(request, index)
        if a and a in table:
            context["speech"] = table[a]
            context["offers"] = suggestions(table, a)
        if a and b:
            result = diff_speeches(index, a, b)
            context.update(result=result, rows=[(item, *_sides(item)) for item in result.items])
        elif a and a not in table:
            index.speech(a)  # an unknown id: the error page names the ids it may mean
    return request.app.state.render(request, "diff.html", **context)


ROUTES = [Route("/diff", diff_page), Route("/api/diff", api_diff)]
