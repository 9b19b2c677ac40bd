"""Source tracing in the browser: paste a passage (or pick a paragraph in the reader), see the indexed
paragraphs that reuse it, with the reused spans marked on both sides."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..text import normalize
from ..engine.highlight import merge
from ..similar import BY
from ..similar.passage import content_length, covered_content
from . import params
from .api import Json

MAX_PASSAGE_CHARS = 1_000  # a GET URL carries the passage: ~9 bytes a Han character once encoded
MAX_SIMILAR = 50
MAX_TITLE_CHARS = 200


def similar_args(request: Request, index) -> dict:
    """The passage, what to leave out and the options; the passage is ``text`` (its document's title
    ``passage_title``, if given), or paragraph ``p`` of speech ``speech`` (which is then left out of
    the results; the passage's title is ``passage_title`` if given, else its speech's)."""
    p = request.query_params
    args = dict(
        by=params.choice(p, "by", BY, "paragraph"),
        limit=params.number(p, "limit", 10, 1, MAX_SIMILAR),
        **params.filters(p),
    )
    title = params.text(p, "passage_title", MAX_TITLE_CHARS) or None
    speech_id = p.get("speech")
    if speech_id:
        number = params.number(p, "p", 1, 1, 10_000_000)
        paragraphs = {x.paragraph: x for x in index.speech(speech_id)}
        if number not in paragraphs:
            raise params.BadRequest(f"speech {speech_id!r} has no paragraph {number}")
        source = paragraphs[number]
        return dict(args, text=source.text, exclude=[(speech_id, number)], source=source, passage_title=title or source.title)
    text = params.text(p, "text", MAX_PASSAGE_CHARS)
    if not text:
        raise params.BadRequest("give a passage: ?text=… (or ?speech=ID&p=N)")
    return dict(args, text=text, exclude=[], source=None, passage_title=title)


def _run(request: Request):
    with request.app.state.pool.reader() as index:
        args = similar_args(request, index)
        source = args.pop("source")
        text = args.pop("text")
        hits = index.similar(text, **args)
    return text, source, hits


def api_similar(request: Request) -> Response:
    text, _, hits = _run(request)
    return Json({"passage": text, "hits": [h.to_dict() for h in hits]})


def similar_page(request: Request) -> Response:
    from .present import marked

    p = request.query_params
    context = dict(text=p.get("text", "")[:MAX_PASSAGE_CHARS], passage_title=p.get("passage_title", "")[:MAX_TITLE_CHARS],
                   by=params.choice(p, "by", BY, "paragraph"),
                   filters=params.filters(p), hits=None, source=None, passage=None, marked=marked)
    if p.get("text") or p.get("speech"):
        text, source, hits = _run(request)
        reused = merge([span for hit in hits for span in hit.passage_matches])
        norm = normalize(text)  # the share counts words as each hit's ``shared`` does, not punctuation
        context.update(text=text if source is None else "", source=source, hits=hits, passage=marked(text, reused),
                       reused_share=covered_content(norm, list(reused)) / max(1, content_length(norm)))
    return request.app.state.render(request, "similar.html", **context)


ROUTES = [Route("/similar", similar_page), Route("/api/similar", api_similar)]
