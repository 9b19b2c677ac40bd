"""Tools to study policy language over an index: collocates (collocation: which words travel with a term), compare (keyness: what is new in one part of
the corpus against another), firsts (novelty: formulations no earlier paragraph holds) and trend charts (plot).

Each module is one concern and takes an open ``SpeechIndex``; all counts are of exactly what they name,
so a brute-force scan of the same paragraphs gives the same figures (the tests do that). Names are
imported on first use (PEP 562): a search that only needs the alias table loads nothing else. (No module
is named like a function it exports, so importing a module never hides the function.)"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Collocate": "collocation", "Collocation": "collocation", "collocates": "collocation",
    "Comparison": "keyness", "Keyword": "keyness", "compare": "keyness",
    "First": "novelty", "Firsts": "novelty", "firsts": "novelty",
    "parse_scope": "scopes",
    "plot_trend": "plot",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value  # looked up once
    return value
