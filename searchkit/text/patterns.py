"""Character classes and patterns shared by the metadata, debris and structure rules."""

from __future__ import annotations

import functools
import re
import unicodedata

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
WS = re.compile(r"[\s\u3000\xa0]+")
SENT_PUNCT = re.compile(r"[。！？!?]")
CN_NUMERALS = "〇○零一二三四五六七八九十"
# A full date: 2014年3月5日, 2014-03-05 (or / .), 二〇一四年三月五日.
FULL_DATE = re.compile(
    rf"(?<!\d)(?P<y>\d{{4}})年(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})[日号]"
    rf"|(?<!\d)(?P<y2>\d{{4}})[-/.](?P<m2>\d{{1,2}})[-/.](?P<d2>\d{{1,2}})(?!\d)"
    rf"|(?P<y3>[〇○零OＯ一二三四五六七八九]{{4}})年(?P<m3>[{CN_NUMERALS}]{{1,3}})月(?P<d3>[{CN_NUMERALS}]{{1,3}})[日号]"
)


@functools.lru_cache(maxsize=8192)
def nfkc(text: str) -> str:
    """NFKC form of a line. The rules ask for it many times per line; normalizing was 40 % of the
    metadata time before this cache."""
    return unicodedata.normalize("NFKC", text)
