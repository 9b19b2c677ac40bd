"""Section headings in speech text.

A line (already stripped) is a heading when one of these holds, checked in order:

1. Never: empty or Han-free lines, page debris, date/venue/publication lines and speaker lines
   (``国务院总理 李克强``, a bare name) - those are metadata, not structure.
2. Never: inline enumeration - ``1.`` ``1、`` ``(1)`` ``①`` ``一是`` ``——`` bullets. They number
   points inside a passage; treating them as headings would cut sections into slivers.
3. Ordinal-marked lines - ``第一章`` / ``第一部分`` / ``第一编`` (level 1), ``一、`` / ``第一、`` /
   ``第一，`` (level 2), ``（一）`` / ``(一)`` (level 3) - are headings unless they read as prose:
   a second sentence inside, an ending of ``；：，、`` (a list item continuing a sentence),
   more than 40 characters ending with ``。！？``, or more than 60 characters at all.
   Government reports often end heading sentences with 。 (``（一）坚持加强和改善宏观调控。``),
   hence the 40-character allowance rather than "no 。 ever".
4. Unmarked lines (level 4) of at most 25 characters that contain Han text, hold no sentence
   break inside and do not end with closing punctuation ``。！？；：，、…`` (ASCII too, also when
   followed by closing quotes/brackets): ``杭州企业度难关的杀手锏``, ``过去五年的回顾``.
"""

from __future__ import annotations

import re

from . import metadata as _meta
from ..text.patterns import nfkc

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_WS = re.compile(r"[\s\u3000\xa0]+")
_NUM = "一二三四五六七八九十百零〇两"
_ENUMERATION = re.compile(
    rf"^(\d+\s*[.、．)）:：]|[(（]\d+[)）]|[①-⑳⑴-⒇⒈-⒛]|[{_NUM}]+是|其[{_NUM}]，|[—\-－―–~～•·●■◆▪]+)"
)
_LEVEL1 = re.compile(rf"^第[{_NUM}\d]+(章|部分|编|篇|节|讲)")
_LEVEL2 = re.compile(rf"^([{_NUM}]+、|第[{_NUM}]+[、，,])")
_LEVEL3 = re.compile(rf"^[(（][{_NUM}]+[)）]")
_CLOSING_PUNCT = "。！？；：，、…!?;:,"
_TRAILING_CLOSERS = "”’」』\"'》）)】"
_INNER_STOP = re.compile(r"[。！？!?](?=.)")

UNMARKED_MAX = 25
ORDINAL_MAX = 60
ORDINAL_SENTENCE_MAX = 40


def _last_meaningful(text: str) -> str:
    """Last character once closing quotes/brackets are peeled off (`…。”` ends with 。)."""
    stripped = text.rstrip(_TRAILING_CLOSERS)
    return stripped[-1] if stripped else ""


def heading_level(line: str) -> int | None:
    """1 (chapter/part), 2 (一、), 3 (（一）) or 4 (unmarked short line); None when not a heading."""
    raw = _WS.sub("", line)
    # NFKC turns （ into ( and ： into :, so the patterns below see one form of each; it also turns
    # ① into 1, hence the enumeration check on the raw text too.
    compact = nfkc(raw)
    if not compact or len(compact) > ORDINAL_MAX or not _HAN.search(compact):
        return None  # cheap tests first: this runs on every paragraph of every speech
    if _ENUMERATION.match(compact) or _ENUMERATION.match(raw):
        return None
    if _meta.is_debris(line) or _meta.is_date_line(line) or _meta.parse_speaker_line(line):
        return None
    last = _last_meaningful(compact)
    for level, pattern in ((1, _LEVEL1), (2, _LEVEL2), (3, _LEVEL3)):
        marker = pattern.match(compact)
        if not marker:
            continue
        body = compact[marker.end():]
        if _INNER_STOP.search(body.rstrip(_TRAILING_CLOSERS)) or len(compact) > ORDINAL_MAX:
            return None
        if last in "；：，、;:,":
            return None
        if last in "。！？…!?" and len(compact) > ORDINAL_SENTENCE_MAX:
            return None
        return level
    if len(compact) > UNMARKED_MAX or last in _CLOSING_PUNCT:
        return None
    if _INNER_STOP.search(compact.rstrip(_TRAILING_CLOSERS)):
        return None
    return 4


def is_heading(line: str) -> bool:
    """True when `line` is a section heading (rules in the module docstring)."""
    return heading_level(line) is not None
