"""A query term also finds its spelling in the other script where folding one character at a time cannot.

Text and queries fold traditional to simplified one character at a time (``text.normalize``), so a
search finds whatever grep finds after folding. OpenCC, though, writes some words differently by phrase:
s2t makes 复苏 into 復甦 and 了解 into 瞭解, t2s makes them back, while 甦 and 瞭 alone stay as they are
(they are characters of simplified text too). Folded alone, 復甦 is 复甦, not 复苏. So each term is searched
as typed OR as OpenCC's phrase conversions of it (both directions) where those fold to something else:
復甦 finds 复苏 and 复苏 finds 復甦, and counts (kwic, trend) count every occurrence of any of these forms.
"""

from __future__ import annotations

import functools
import re

from ..text import normalize
from .query import Or, Term, map_terms

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@functools.lru_cache(maxsize=2)
def _converter(config: str):
    import opencc  # deferred: only a query holding non-ASCII text needs it

    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=1024)
def variants(text: str) -> tuple[str, ...]:
    """Spellings of ``text`` that fold to something else than ``text`` does: OpenCC's whole-text
    (phrase by phrase) t2s and s2t conversions of it, where they keep its length; () if none."""
    if text.isascii():
        return ()
    # OpenCC cannot encode a lone surrogate; it folds to U+FFFD anyway.
    convertible = _LONE_SURROGATE.sub("\ufffd", text)
    seen, found = {normalize(text)}, []
    for config in ("t2s", "s2t"):
        converted = _converter(config).convert(convertible)
        if len(converted) == len(text) and normalize(converted) not in seen:
            seen.add(normalize(converted))
            found.append(converted)
    return tuple(found)


def expand(tree):
    """``tree`` (from ``query.parse``) with each term replaced by the term OR its script variants, kept as
    quoted or unquoted as the term. A variant whose folded form holds, or is held by, another form of the
    same OR (an alias) is left out: it would count one occurrence twice. NEAR sides stay as typed."""
    def change(leaf, parent):
        if not isinstance(leaf, Term):
            return leaf
        siblings = parent.children if isinstance(parent, Or) else (leaf,)
        taken = {normalize(s.text).strip() for s in siblings if isinstance(s, Term)}
        found = [leaf]
        for variant in variants(leaf.text):
            folded = normalize(variant).strip()
            if not any(folded in other or other in folded for other in taken):
                taken.add(folded)
                found.append(Term(variant, leaf.quoted))
        return Or(tuple(found)) if len(found) > 1 else leaf

    return map_terms(tree, change)
