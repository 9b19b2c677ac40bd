"""Offset-preserving normalization.

``normalize(text)`` returns a string of exactly ``len(text)`` characters in which character ``i`` is the
normalized form of ``text[i]``. Every tokenizer works on the normalized string, so a token's
``startchar``/``endchar`` slice the *original* text too: highlights never drift.

Three foldings, the ones users trip over:
- full-width ASCII to half-width (``ＡＩ`` -> ``ai``, U+3000 -> space);
- case (Latin);
- traditional to simplified Chinese (``電子商務`` -> ``电子商务``), with OpenCC's ``t2s`` tables.
"""

from __future__ import annotations

import functools
import re

# U+FF01..U+FF5E mirror ASCII 0x21..0x7E; the ideographic space is a space.
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc  # deferred: half the CLI's commands never normalize Chinese

    return opencc.OpenCC("t2s")


def _casefold(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. 'İ') lower to two; keep those as they are so offsets hold.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _simplify(text: str) -> str:
    if text.isascii():
        return text
    converter = _t2s()
    try:
        simplified = converter.convert(text)
    except UnicodeEncodeError:
        # A lone surrogate (a command-line argument's undecodable byte, half of a pair) is no text
        # and OpenCC cannot encode it: it folds to U+FFFD, as a decoder would have read it.
        text = _LONE_SURROGATE.sub("\ufffd", text)
        simplified = converter.convert(text)
    if len(simplified) == len(text):
        return simplified
    # OpenCC phrase tables can, rarely, change the length: fall back to per-character conversion.
    chars = []
    for c in text:
        converted = converter.convert(c)
        chars.append(converted if len(converted) == 1 else c)
    return "".join(chars)


def normalize(text: str) -> str:
    """Fold width, case and script; the result has the same length as ``text``."""
    return _simplify(_casefold(text.translate(_WIDTH)))


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds characters that OpenCC simplifies."""
    return not text.isascii() and _t2s().convert(text) != text
