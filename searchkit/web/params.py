"""Request parameters → library arguments, with the bounds that keep one request cheap."""

from __future__ import annotations

from starlette.datastructures import QueryParams

from ..errors import QueryError

MAX_URL_CHARS = 12_000  # path + query string: room for a 1,000-character passage (/similar)
MAX_QUERY_CHARS = 500
MAX_FILTER_CHARS = 200
PAGE_SIZE = 20
MAX_LIMIT = 100  # hits per API page
MAX_OFFSET = 10_000
EXPORT_CAP = 5_000  # hits in one CSV/JSON export
MAX_KWIC_LINES = 2_000
MAX_KWIC_WIDTH = 80
MAX_TREND_TERMS = 8
FILTER_NAMES = ("speaker", "since", "until", "title", "source")
SEARCH_SORTS = ("relevance", "date", "-date")
LIST_SORTS = ("date", "-date", "speaker", "title", "id")


class BadRequest(QueryError):
    """A request parameter out of bounds: answered with 400 and this one line."""


def text(params: QueryParams, name: str, limit: int = MAX_FILTER_CHARS) -> str | None:
    value = params.get(name)
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise BadRequest(f"{name} is longer than {limit} characters")
    return value or None


def query(params: QueryParams, name: str = "q", required: bool = False) -> str:
    value = text(params, name, MAX_QUERY_CHARS) or ""
    if required and not value:
        raise BadRequest(f"give a query: ?{name}=…")
    return value


def number(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    raw = params.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number, not {raw[:40]!r}") from None
    if not low <= value <= high:
        raise BadRequest(f"{name} must be between {low} and {high}, not {value}")
    return value


def choice(params: QueryParams, name: str, allowed: tuple[str, ...], default: str) -> str:
    value = params.get(name) or default
    if value not in allowed:
        raise BadRequest(f"{name} must be one of {', '.join(allowed)}, not {value[:40]!r}")
    return value


def flag(params: QueryParams, name: str) -> bool:
    """A checkbox: present as 1/true/on."""
    return (params.get(name) or "").lower() in ("1", "true", "on", "yes")


def aliases(params: QueryParams) -> bool | None:
    """Whether a search also finds each term's aliases: ``aliases=0``/``1``; absent, the library's rule
    (``engine.snapshot.default_aliases``: on, but off with ``exact=1``, which counts each term as typed)."""
    value = params.get("aliases")
    if value is None:
        return None
    return value.lower() not in ("0", "false", "off", "no")


def filters(params: QueryParams) -> dict[str, str | None]:
    """speaker/since/until/title/source as ``search`` takes them (dates are checked there)."""
    return {name: text(params, name) for name in FILTER_NAMES}


def terms(params: QueryParams) -> list[str]:
    """Trend terms: repeated ``term=`` parameters, or one ``terms=`` split on commas (，too)."""
    found = [t.strip() for t in params.getlist("term")]
    for joined in params.getlist("terms"):
        found += [t.strip() for t in joined.replace("，", ",").split(",")]
    found = list(dict.fromkeys(t for t in found if t))
    if len(found) > MAX_TREND_TERMS:
        raise BadRequest(f"at most {MAX_TREND_TERMS} terms at once, not {len(found)}")
    for term in found:
        if len(term) > MAX_QUERY_CHARS:
            raise BadRequest(f"a term is longer than {MAX_QUERY_CHARS} characters")
    return found
