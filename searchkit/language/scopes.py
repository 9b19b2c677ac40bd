"""A part of the corpus written as text, ``since=2003,until=2007`` or ``speaker=李克强``: the filters
of ``search`` as keyword arguments, for commands that compare two parts."""

from __future__ import annotations

from ..errors import QueryError
from ..engine.filters import Filters

KEYS = ("speaker", "since", "until", "title", "source")


def parse_scope(text: str) -> dict[str, str]:
    """``"since=2003,until=2007"`` → {"since": "2003", "until": "2007"} (dates checked)."""
    scope: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or key not in KEYS or not value:
            raise QueryError(f"a scope is key=value pairs joined by commas, keys {', '.join(KEYS)}; not {part.strip()!r}")
        if key in scope:
            raise QueryError(f"{key} is given twice in {text!r}")
        scope[key] = value
    Filters.of(**scope)  # a bad date fails here, with the option's own message
    return scope


def describe(scope: dict[str, str]) -> str:
    return ",".join(f"{key}={value}" for key, value in scope.items()) or "everything"
