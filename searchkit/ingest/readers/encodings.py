"""Which encoding a Chinese text file is in, when it has no BOM and is not UTF-8.

GB18030 decodes most Big5 bytes without an error (into rare characters, kana and private-use code
points), and Big5 decodes many GB2312 bytes; UTF-16 without a BOM has no NUL byte at all when the text
is only Han characters. So "the first codec that does not fail" indexes garbage. Instead every
candidate that decodes strictly is scored by *plausibility*: the share of its characters that real
Chinese text is made of - the 3,755 common characters of GB2312 level 1, the 5,401 common characters
of Big5, ASCII, CJK and full-width punctuation. Correct decodings of real speeches score above 0.99;
Big5 read as GB18030 scores about 0.5. charset-normalizer (restricted to the same candidates) breaks
near-ties. When no candidate reaches PLAUSIBLE the file is reported, not indexed.
"""

from __future__ import annotations

import functools
import re

CANDIDATES = ("gb18030", "big5", "utf-16-le", "utf-16-be")
PLAUSIBLE = 0.9
_NEAR = 0.02  # scores closer than this are a tie the detector decides
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]")
_PUNCT = set("“”‘’—…·•《》「」『』【】〔〕")


@functools.lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    """GB2312 level 1 (rows B0-D7) and Big5's frequently used characters (A440-C67E), from the codecs."""
    chars = set()
    for codec, leads, trails in (
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]),
    ):
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    pass
    return frozenset(chars)


def plausibility(text: str) -> float:
    """Share of the non-space characters that Chinese text is made of (1.0 for empty text)."""
    common = _common_han()
    total = good = 0
    for ch in text:
        if ch.isspace():
            continue
        total += 1
        if ch in common or ch.isascii() and ch.isprintable() or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" or ch in _PUNCT:
            good += 1
        elif _HAN.match(ch):
            good += 0.5  # a real but rarer character: names and classical quotations hold some
    return good / total if total else 1.0


def _detector_choice(data: bytes) -> str | None:
    try:
        import charset_normalizer
    except ImportError:
        return None
    best = charset_normalizer.from_bytes(data, cp_isolation=[c.replace("-", "_") for c in CANDIDATES]).best()
    return best.encoding.replace("_", "-") if best else None


def guess(data: bytes) -> tuple[str, str] | tuple[None, str]:
    """(encoding, text) of the most plausible candidate, or (None, a one-line reason)."""
    decoded = {}
    for encoding in CANDIDATES:
        if encoding.startswith("utf-16") and len(data) % 2:
            continue
        try:
            decoded[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not decoded:
        return None, "it is not UTF-8, GB18030, Big5 or UTF-16"
    scores = {encoding: plausibility(text) for encoding, text in decoded.items()}
    ranked = sorted(scores, key=scores.get, reverse=True)
    best = ranked[0]
    if len(ranked) > 1 and scores[best] - scores[ranked[1]] < _NEAR:
        detected = _detector_choice(data)
        if detected in scores and scores[best] - scores[detected] < _NEAR:
            best = detected
    if scores[best] < PLAUSIBLE:
        tried = ", ".join(f"{e} {scores[e]:.0%}" for e in ranked)
        return None, f"it is not UTF-8 and its encoding is unclear (share of ordinary Chinese text: {tried})"
    return best, decoded[best]
