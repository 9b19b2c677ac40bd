"""Tools to study policy language over an index: facets (where a query's matches fall), collocates
(which words travel with a term), compare (what is new in one part of the corpus against another),
aliases (十八大 = 中国共产党第十八次全国代表大会) and trend charts (plot).

Each module is one concern and takes an open ``SpeechIndex``; all counts are of exactly what they name,
so a brute-force scan of the same paragraphs gives the same figures (the tests do that)."""

from .aliases import AliasTable, load_aliases
from .collocates import Collocate, Collocation, collocates
from .compare import Comparison, Keyword, compare
from .facets import FACETS, FacetCount, facets
from .plot import plot_trend
from .scopes import parse_scope

__all__ = [
    "FACETS",
    "AliasTable",
    "Collocate",
    "Collocation",
    "Comparison",
    "FacetCount",
    "Keyword",
    "collocates",
    "compare",
    "facets",
    "load_aliases",
    "parse_scope",
    "plot_trend",
]
