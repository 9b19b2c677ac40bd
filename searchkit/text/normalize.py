"""Offset-preserving normalization, one character at a time.

``normalize(text)`` returns a string of exactly ``len(text)`` characters in which character ``i`` is the
normalized form of ``text[i]`` *alone*: ``normalize(s)[i:j] == normalize(s[i:j])``. Every tokenizer works on
the normalized string, so a token's ``startchar``/``endchar`` slice the *original* text too (highlights
never drift); and since a paragraph and a query fold the same characters the same way whatever surrounds
them, a search finds every paragraph grep finds after folding.

Three foldings, the ones users trip over:
- full-width ASCII to half-width (``ＡＩ`` -> ``ai``, U+3000 -> space);
- case (Latin, Greek, ...);
- traditional to simplified Chinese (``電子商務`` -> ``电子商务``): each character as OpenCC's ``t2s``
  converts it alone (``t2s_chars.txt``, made by ``make_fold_table.py``). OpenCC itself converts by phrase
  (乾 -> 干 but 乾隆 stays, 乾燥 -> 干燥): folding would depend on the neighbours, and a query for 乾 (干)
  would miss 乾隆. Here 乾 is always 干, 乾隆 folds to 干隆 as the query 乾隆 does.
"""

from __future__ import annotations

import functools
from pathlib import Path

FOLD_TABLE = Path(__file__).with_name("t2s_chars.txt")


@functools.lru_cache(maxsize=1)
def _script() -> tuple[str, str]:
    """(traditional characters, their simplified forms), position by position; read on first use (~2 ms)."""
    pairs = [line for line in FOLD_TABLE.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    return "".join(pair[0] for pair in pairs), "".join(pair[2] for pair in pairs)


@functools.lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    return frozenset(_script()[0])


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, int]:
    """The one ``str.translate`` table: width, lone surrogates, Σ, script."""
    table = str.maketrans(*_script())
    # U+FF01..U+FF5E mirror ASCII 0x21..0x7E; the ideographic space is a space.
    table.update({code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)})
    table[0x3000] = 0x20
    # A lone surrogate (a command-line argument's undecodable byte, half of a pair) is no text: it folds
    # to U+FFFD, as a decoder would have read it.
    table.update(dict.fromkeys(range(0xD800, 0xE000), 0xFFFD))
    # str.lower turns Σ into ς at the end of a word and σ elsewhere; alone it is σ.
    table[0x03A3] = 0x03C3
    return table


def _casefold(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. 'İ') lower to two; keep those as they are so offsets hold.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def normalize(text: str) -> str:
    """Fold width, case and script, character by character; the result has the same length as ``text``."""
    if text.isascii():
        return text.lower()
    return _casefold(text.translate(_table()))


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds characters that the script folding simplifies."""
    return not text.isascii() and not _traditional().isdisjoint(text)
