"""Helpers the templates use: URLs with every id encoded, and text split around match spans so that
Jinja escapes each piece (document text never reaches the page unescaped)."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote, urlencode


def url(path: str, params: dict | None = None, fragment: str | None = None) -> str:
    """``path`` with the non-empty ``params`` (lists repeat the key) and ``#fragment``."""
    pairs = []
    for key, value in (params or {}).items():
        values = value if isinstance(value, (list, tuple)) else [value]
        pairs += [(key, str(v)) for v in values if v not in (None, "")]
    query = urlencode(pairs)
    return path + (f"?{query}" if query else "") + (f"#{quote(fragment, safe='')}" if fragment else "")


def speech_url(speech_id: str, params: dict | None = None, paragraph: int | None = None, api: bool = False) -> str:
    """The reader (or API) URL of a speech. The id is one path segment with everything but
    unreserved characters %-encoded ("/", "#", "?", "%", spaces); an id that a browser would read as a
    dot segment ("." or "..") goes in ``?id=`` instead."""
    base = "/api/speech" if api else "/speech"
    fragment = f"p{paragraph}" if paragraph is not None else None
    if speech_id.strip(".") == "":
        return url(base, {"id": speech_id, **(params or {})}, fragment)
    return url(f"{base}/{quote(speech_id, safe='')}", params, fragment)


def marked(text: str, matches: Iterable[tuple[int, int]], offset: int = 0) -> list[tuple[str, bool]]:
    """``text`` (starting at ``offset`` of its paragraph) as (piece, is_match) pairs."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in matches:
        start, end = max(start - offset, 0), min(end - offset, len(text))
        if start >= end or start < position:
            continue
        if start > position:
            pieces.append((text[position:start], False))
        pieces.append((text[start:end], True))
        position = end
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces


def term_colours(terms: list[tuple[str, ...]], colours: int = 6):
    """A function giving each highlighted piece the number of the query term it belongs to (the first
    term whose whole string or one of whose words it holds), so each term gets its own colour; None
    for a piece no single term explains."""
    from ..text import normalize

    def colour(piece: str) -> int | None:
        folded = normalize(piece)
        for n, (whole, *words) in enumerate(terms):
            if (whole and whole in folded) or any(word and word in folded for word in words):
                return n % colours
        return None

    return colour
