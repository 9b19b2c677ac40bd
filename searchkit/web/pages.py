"""The HTML pages: search, speech reader, trend, KWIC, speech list. Server-rendered; the templates
escape every value, and ``present`` splits text around matches so highlights are <mark> elements."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import QueryError
from ..engine.highlight import find_matches
from ..language.reports import GROUPINGS, UNKNOWN, kwic, trend
from . import chart, params
from .api import kwic_args, speech_id_of, speech_table_of
from .facets import FACETS, result_facets
from .i18n import language
from .present import marked, term_colours, url


def render(request: Request, template: str, status_code: int = 200, **context) -> Response:
    return request.app.state.render(request, template, status_code, **context)


def search_page(request: Request) -> Response:
    p = request.query_params
    q = params.query(p)
    filters = params.filters(p)
    sort = params.choice(p, "sort", params.SEARCH_SORTS, "relevance")
    page = params.number(p, "page", 1, 1, params.MAX_OFFSET // params.PAGE_SIZE)
    exact = params.flag(p, "exact")
    context = dict(q=q, filters=filters, sort=sort, page=page, exact=exact, hits=[], facets=None, stats=None)
    with request.app.state.pool.reader() as index:
        if not q:
            context["stats"] = index.stats()
            return render(request, "search.html", **context)
        offset = (page - 1) * params.PAGE_SIZE
        try:
            aliases = params.aliases(p)
            result = index.search(q, limit=params.PAGE_SIZE, offset=offset, sort=sort, exact=exact, aliases=aliases,
                                  facets=FACETS, **filters)
            context["hits"] = list(result.hits)
            context["facets"] = result_facets(result)
            context["expansions"], context["aliases"] = result.expansions, aliases
            terms = index.highlight_terms(q, exact=exact, aliases=aliases)
        except QueryError as error:  # shown above the form, which keeps what was typed
            return render(request, "search.html", 400, error=" ".join(str(error).split()), **context)
    total = context["facets"].paragraphs
    pages = max(1, -(-total // params.PAGE_SIZE))
    if page > pages:  # a page past the last (an old link, a typed URL): show the last, and say so
        with request.app.state.pool.reader() as index:
            offset = (pages - 1) * params.PAGE_SIZE
            context["hits"] = list(index.search(q, limit=params.PAGE_SIZE, offset=offset, sort=sort, exact=exact,
                                                aliases=context["aliases"], **filters).hits)
        context.update(beyond=page, page=pages)
    context.update(offset=offset, pages=pages, page_size=params.PAGE_SIZE,
                   export_cap=params.EXPORT_CAP, marked=marked, colour=term_colours(terms))
    return render(request, "search.html", **context)


def speech_page(request: Request) -> Response:
    speech_id = speech_id_of(request)
    q = params.query(request.query_params)
    focus = params.number(request.query_params, "p", 0, 0, 10_000_000) or None
    with request.app.state.pool.reader() as index:
        paragraphs = index.speech(speech_id)
        summary = speech_table_of(request, index)[speech_id]
        exact, aliases = params.flag(request.query_params, "exact"), params.aliases(request.query_params)
        terms, matching = [], set()
        if q:
            try:
                terms = index.highlight_terms(q, exact=exact, aliases=aliases)
                matching = index.matching_paragraphs(q, speech_id, exact=exact, aliases=aliases)
            except QueryError:
                terms = []  # a query that cannot be parsed marks nothing; the text is still shown
    # Marks only where the query matches, exactly as its hits in search are marked.
    shown = [(p, marked(p.text, find_matches(p.text, terms)) if p.paragraph in matching else [(p.text, False)])
             for p in paragraphs]
    return render(request, "speech.html", speech=summary, paragraphs=shown, q=q, focus=focus, colour=term_colours(terms))


def trend_page(request: Request) -> Response:
    p = request.query_params
    terms = params.terms(p)
    by = params.choice(p, "by", GROUPINGS, "year")
    measure = params.choice(p, "measure", chart.MEASURES, chart.MEASURES[0])
    filters = params.filters(p)
    context = dict(terms=terms, by=by, measure=measure, measures=chart.MEASURES, filters=filters, chart=None, table=[])
    if terms:
        try:
            with request.app.state.pool.reader() as index:
                rows = trend(index, terms, by=by, **filters)
        except QueryError as error:  # shown under the form, which keeps what was typed
            return render(request, "trend.html", 400, error=" ".join(str(error).split()), **context)

        def link(term: str, group: str) -> str:
            narrowed = {**filters, "speaker": group} if by == "speaker" else {**filters, "since": group, "until": group}
            # exact: the search lists the paragraphs trend counted (the term as typed, not its words apart).
            return url("/", {"q": term, **narrowed, "exact": 1, "lang": language(request) if language(request) != "zh" else None})

        context["chart"] = chart.build(rows, by, measure, link)
        groups = chart.groups_shown(rows, by, measure)
        values = {(r.term, r.group): r for r in rows}
        context["table"] = [(g, [values[(t, g)] for t in terms], link if g != UNKNOWN else None) for g in groups]
    return render(request, "trend.html", **context)


def kwic_page(request: Request) -> Response:
    p = request.query_params
    q = params.query(p)
    order = params.choice(p, "order", ("date", "left", "right"), "date")
    context = dict(q=q, order=order, lines=[], width=params.number(p, "width", 20, 0, params.MAX_KWIC_WIDTH),
                   filters=params.filters(p), more=False, cap=params.MAX_KWIC_LINES)
    if q:
        args = kwic_args(request)
        args["limit"] = params.MAX_KWIC_LINES + 1
        try:
            with request.app.state.pool.reader() as index:
                lines = kwic(index, args.pop("query"), **args)
        except QueryError as error:
            return render(request, "kwic.html", 400, error=" ".join(str(error).split()), **context)
        context["more"] = len(lines) > params.MAX_KWIC_LINES
        lines = lines[: params.MAX_KWIC_LINES]
        if order == "left":  # concordance order: the character nearest the match first
            lines = sorted(lines, key=lambda line: line.left[::-1])
        elif order == "right":
            lines = sorted(lines, key=lambda line: line.right)
        context["lines"] = lines
    return render(request, "kwic.html", **context)


def speeches_page(request: Request) -> Response:
    p = request.query_params
    sort = params.choice(p, "sort", params.LIST_SORTS, "date")
    filters = params.filters(p)
    with request.app.state.pool.reader() as index:
        speeches = index.speeches(sort=sort, **filters)
    return render(request, "speeches.html", speeches=speeches[:2000], total=len(speeches), sort=sort, filters=filters)


ROUTES = [
    Route("/", search_page),
    Route("/speech", speech_page),
    Route("/speech/{speech_id:path}", speech_page),
    Route("/trend", trend_page),
    Route("/kwic", kwic_page),
    Route("/speeches", speeches_page),
]
