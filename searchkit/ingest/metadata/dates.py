"""Dates of speeches: date/venue lines, date-only lines, publication stamps and datelines, ranked."""

from __future__ import annotations

import datetime as _dt
import re

from ..debris import is_field_stamp
from ...text.patterns import CN_NUMERALS as _CN
from ...text.patterns import FULL_DATE as _FULL_DATE
from ...text.patterns import HAN as _HAN
from ...text.patterns import SENT_PUNCT as _SENT_PUNCT
from ...text.patterns import WS as _WS
from ...text.patterns import nfkc

_CN_DIGIT = {**dict.fromkeys("○零OＯ", 0), **{ch: i for i, ch in enumerate("〇一二三四五六七八九")}}
_MONTH_DAY = re.compile(rf"(?<![\d年])(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})[日号]"
                        rf"|(?<![{_CN}年])(?P<m3>[{_CN}]{{1,3}})月(?P<d3>[{_CN}]{{1,3}})[日号]")
_YEAR = re.compile(r"(?<![0-9A-Za-z])(1[89]\d\d|20\d\d)(?![0-9A-Za-z])")
_CN_YEAR = re.compile(r"([〇○零一二三四五六七八九]{4})年")
_HAN_RE = re.compile(f"[{_HAN}]")
_DECOR = re.compile(r"^[—\-－―~～–_(\[【\s]+")
_DATELINE = re.compile(  # 新华社北京10月25日电 / 新浪科技讯 北京时间11月20日消息
    rf"^[^，,。:：]{{0,24}}?(?:北京时间)?(\d{{1,2}}|[{_CN}]{{1,3}})月(\d{{1,2}}|[{_CN}]{{1,3}})[日号](电|讯|消息|报道)"
)
_EVENT_YEAR = re.compile(
    r"(?<![0-9])(1[89]\d\d|20\d\d)(?:年)?(?=第[一二三四五六七八九十\d]+届"
    r"|[^，。、“”\"]{0,15}(?:年会|大会|论坛|峰会|博览会|交易会|展览会|运动会|研讨会|洽谈会))"
)

_CLOCK = re.compile(r"\s*\d{1,2}(?::\d{2}(?::\d{2})?|时\d{1,2}分(?:\d{1,2}秒)?)$")


def is_clock_stamp(line: str) -> bool:
    """A line of only a date and its time of day (2026-02-09 09:45:30, 2026年02月10日 07时41分): the
    moment a page was posted. A speech's own date line names no hour."""
    s = nfkc(line).strip()
    lead = _FULL_DATE.match(s)
    return bool(lead) and bool(_CLOCK.fullmatch(s[lead.end():]))


# Rank of a date by its source: the lower, the surer it is the speech's own date.
_SPEECH, _PLAIN, _PUB, _DATELINE_RANK = 0, 1, 2, 3


def _to_int(text: str) -> int:
    """'2026', '二〇二六' (digit by digit) or '二十七' (with 十) as an int."""
    if text.isdigit():
        return int(text)
    if all(ch in _CN_DIGIT for ch in text):
        return int("".join(str(_CN_DIGIT[ch]) for ch in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)


_ROC_YEAR = re.compile(r"(?:中华|中華)?民[国國]\s*(\d{1,3})\s*年")


def _date_text(line: str) -> str:
    """NFKC, the spaces inside `1 9 9 8 年3 月5 日` removed and 民國 years made Gregorian, so one regex
    reads all forms."""
    s = nfkc(line).replace("\u3000", " ")
    s = re.sub(r"(?<=\d) (?=\d(?:\s|[年月日]))", "", s)
    if "民" in s:  # Taiwan's 民國112年 (simplified 民国 after folding) is 1911 + 112 = 2023
        s = _ROC_YEAR.sub(lambda m: f"{1911 + int(m.group(1))}年", s)
    return re.sub(r"(?<=\d)\s+(?=[年月日号])|(?<=[年月])\s+(?=[\d" + _CN + "])", "", s)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat() if 1800 <= y <= 2100 else None
    except ValueError:
        return None


def _full_date(match: re.Match) -> tuple[int, int, int]:
    g = match.groupdict()
    for y, m, d in (("y", "m", "d"), ("y2", "m2", "d2"), ("y3", "m3", "d3")):
        if g[y]:
            return _to_int(g[y]), _to_int(g[m]), _to_int(g[d])
    raise AssertionError("unreachable")


# What follows a page's own stamp: its source, author or editor (（ 2026-09-23 ） 稿件来源：…).
_SOURCE_AFTER = re.compile(r"^[)）\]】\s]*(?:稿件来源|来源|作者|编辑|责任编辑|责编|发布时间|发布)[:：]")
# An e-paper's edition line (-01版:要闻-2026年09月23日): it dates the issue.
EDITION = re.compile(r"(?:^|[^\d])\d{1,2}版")


def _classify_date(line: str) -> tuple[int, re.Match | None, str] | None:
    """(rank, full-date match or None, normalized text) when `line` is a date/publication line."""
    if len(line) > 150:  # a paragraph: only its opening can be a dateline; skip normalizing the rest
        compact = _WS.sub("", _date_text(line[:60]))
        dl = _DATELINE.match(compact)
        return (_DATELINE_RANK, _FULL_DATE.search(compact[: dl.end()]), compact) if dl else None
    s = _date_text(line).strip()
    compact = _WS.sub("", s)
    bare = _DECOR.sub("", s)  # spaces kept: `2025-11-01 12:01:08` must not fuse into one number
    full = _FULL_DATE.search(bare)
    if full and full.start() == 0:
        rest = bare[full.end():].lstrip()
        decorated = bare != s or rest.startswith(("在", "于")) or compact.endswith((")", "）"))
        if _SENT_PUNCT.search(compact):
            return None  # 2008年5月12日在汶川发生地震。 is prose that happens to start with a date
        if decorated and _SOURCE_AFTER.search(rest):
            return _PUB, full, bare  # （ 2026-09-23 ） 稿件来源：新华每日电讯: the page's stamp, not the speech's
        if decorated and len(compact) <= 120:
            return _SPEECH, full, bare
        # A date-only line may carry a weekday, a time or a source, not a headline.
        if len(compact) <= 40 and (len(_HAN_RE.findall(rest)) <= 8 or is_field_stamp(s)):
            return _PLAIN, full, bare
    if full and re.search(r"[(（]\s*$", bare[: full.start()]) and len(compact) <= 80:
        return _SPEECH, full, bare  # 在…上的讲话（2014年3月5日）
    if full and is_field_stamp(s):
        return _PUB, full, bare
    if full and not bare[full.end():].strip() and re.fullmatch(rf"[{_HAN}·]{{2,12}}\s*", bare[: full.start()]):
        return _PLAIN, full, bare  # a signature: 蔡英文　2018/11/28
    dl = _DATELINE.match(compact)
    if dl:
        full = _FULL_DATE.search(compact[: dl.end()])
        return _DATELINE_RANK, full, compact
    return None


# (一九五五年三月): the speech is dated to the month only; a later full date belongs to one part of it.
# (一九四一年三月、四月) / (一九四八年九月至十月): a span of months is dated to no one day either.
# （一九三七年七月至八月）, also to a month of another year (（一九五O年十二月――一九五一年九月）)
_MONTH_ONLY = re.compile(rf"^[(（\[【]?(?P<y>\d{{4}}|[〇○零OＯ一二三四五六七八九]{{4}})年(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})月"
                         rf"(?:[、，,和至到—―\-~～]{{1,2}}(?:(?:\d{{4}}|[〇○零OＯ一二三四五六七八九]{{4}})年)?"
                         rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})月)?[)）\]】]?$")


def is_month_only(line: str) -> bool:
    return len(line) <= 20 and bool(_MONTH_ONLY.match(_WS.sub("", _date_text(line))))


def _parse_date(line: str) -> tuple[int, str | None, int | None, tuple[int, int] | None] | None:
    """(rank, iso date, year, (month, day) when the year is missing); a month-only header line
    gives (rank, None, year, None)."""
    found = _classify_date(line)
    if not found:
        if len(line) <= 20 and (partial := _MONTH_ONLY.match(_WS.sub("", _date_text(line)))):
            year = _to_int(partial.group("y"))
            return (_SPEECH, None, year, None) if 1800 <= year <= 2100 else None
        return None
    rank, full, text = found
    if full:
        y, m, d = _full_date(full)
        iso = _iso(y, m, d)
        return (rank, iso, y, None) if iso else None
    md = _MONTH_DAY.search(text)
    if not md:
        return None
    m = _to_int(md.group("m") or md.group("m3"))
    d = _to_int(md.group("d") or md.group("d3"))
    return (rank, None, None, (m, d)) if _iso(2000, m, d) else None


def is_date_line(line: str) -> bool:
    """A line that carries a date rather than prose: header date/venue line, stamp or dateline."""
    found = _classify_date(line)
    return bool(found) and (found[0] != _DATELINE_RANK or len(_WS.sub("", line)) <= 30)


def _year_in(text: str) -> int | None:
    m = _YEAR.search(nfkc(text))
    if m:
        return int(m.group(1))
    m = _CN_YEAR.search(text)
    return _to_int(m.group(1)) if m else None


# 2月18日，省委、省政府召开…大会 / 6月15日上午，…举行…: a lead paragraph that opens with the event's day.
_LEAD_DAY = re.compile(rf"^(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})月(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})[日号]"
                       r"(?:上午|下午|晚上|晚间|晚|早上|凌晨)?(?:[，,是]|\s)")
_EVENT = re.compile(r"召开|举行|举办|开幕|闭幕|召集|发表|出席|致辞|讲话|作报告|作政府工作报告|致贺信|致信|致贺电|贺信"
                    r"|迎来|做客|作客|走进"  # 4月8日，…通识课迎来了一位重磅嘉宾——…院士钟南山: a lecture's visit
                    r"|讲授|讲座|党课")  # 9月10日，校党委书记…讲授…专题党课: a lecture given that day
# 《眾新聞》4月3日舉辦公開論壇: the day after a short subject (an organiser), then the event's verb.
_INTRO_DAY = re.compile(rf"^[^，,。；;：:]{{1,12}}?(?<![\d{_CN}年月])(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})月"
                        rf"(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})[日号](?:上午|下午|晚上|晚间|晚|早上)?"
                        r"(?:在[^，,。]{1,20}?)?(?:召开|举行|举办|主办|开幕)")


# 值我校校庆来临之际，5月25日，… / 为深入学习…精神，12月1日，…: an occasion or purpose before the day.
_OPENING_CLAUSE = re.compile(r"^(?:(?:值|正值|适逢|恰逢|时值|在|为|作为)(?:(?!\d{1,2}月\d)[^，,。；;：:]){2,40}?"
                             r"(?:之际|前夕|期间|之时|之一|精神)|(?:(?!\d{1,2}月\d)[^，,。；;：:]){2,40}?(?:之际|前夕))[，,]")
_LECTURE = re.compile(_EVENT.pattern + r"|讲座|报告|宣讲|授课|讲授|党课|分享|讲话|致辞|发言|演讲")


# A lead may open with whose report it is (据外交部8月4日消息，: that day is the release's), the
# clock's zone (当地时间4月19日) or the year (2021年8月3日下午，…): the event's day follows them.
_LEAD_PREFIX = re.compile(r"^[，,\s]*(?:据[^，,。]{1,24}?(?:消息|报道)[，,])?(?:当地时间|北京时间)?(?:\d{4}年(?=\d{1,2}月))?")


def lead_day(line: str) -> tuple[int, int] | None:
    """(month, day) when `line` opens with the day of the event its first sentence reports."""
    s = _date_text(line).strip()
    if dl := _DATELINE.match(_WS.sub("", s[:40])):  # 新华社北京9月22日电9月22日，… : the dateline first
        s = _WS.sub("", s)[dl.end():]
    s = s[_LEAD_PREFIX.match(s).end():]
    m = _LEAD_DAY.match(s)
    event = _EVENT
    if not m and (clause := _OPENING_CLAUSE.match(s)):  # 值…校庆来临之际，5月25日，…作了…讲座
        s, event = s[clause.end():], _LECTURE
        m = _LEAD_DAY.match(s)
    if not m or not event.search(_SENT_PUNCT.split(s, maxsplit=1)[0]):
        # …or the lead's second sentence, after one that sets the scene: 林郑月娥当选…。《众新闻》4月3日举办…
        m = next((i for sentence in re.split(r"(?<=[。！？])", s)[:2] if (i := _INTRO_DAY.match(sentence))), None)
        if not m:
            return None
    month, day = _to_int(m["m"]), _to_int(m["d"])
    return (month, day) if _iso(2000, month, day) else None


def dateline_day(line: str) -> tuple[int, int] | None:
    """(month, day) of the dateline that opens `line` (新华社北京12月31日电 新年前夕，…)."""
    dl = _DATELINE.match(_WS.sub("", _date_text(line[:40])))
    if not dl:
        return None
    month, day = _to_int(dl.group(1)), _to_int(dl.group(2))
    return (month, day) if _iso(2000, month, day) else None


# [转入文章首发地址](http://news.…/system/2021/05/25/030046230.shtml): a repost's link to where it was first
# published, whose address carries that day (…/2021/05/25/…, …/20210525/…, …/2021-05-25/…).
_FIRST_LINK = re.compile(r"(?:首发|原文|原载|出处|来源)[^()（）\[\]]{0,8}\]?\s*[(（]?\s*(?P<url>https?://[^\s)）]+)")
_URL_DAY = re.compile(r"/(20\d\d)(?:/|-)?(\d\d)(?:/|-)?(\d\d)(?:/|[^\d])")


def first_publication(lines: list[str]) -> str | None:
    """The day a repost's link to its first publication gives in its address, if any (the last one)."""
    for line in reversed(lines):
        m = _FIRST_LINK.search(line) if "http" in line else None
        day = _URL_DAY.search(m.group("url")) if m else None
        if day and (iso := _iso(*map(int, day.groups()))):
            return iso
    return None


# （摘自《北京青年报》2013年9月12日） / （选自《某报》…第5版）: a reprint's note at the foot names where and when
# the text was printed - the day of an article whose own dates are its story's.
_REPRINT = re.compile(r"^[(（\[【]\s*(?:摘自|选自|转自|转载自|摘编自|原载|原刊|刊于|载于)[^()（）]{0,40}?(?P<date>"
                      + _FULL_DATE.pattern + r")[^()（）]{0,8}[)）\]】]$")


def reprint_date(tail: list[str]) -> str | None:
    """The day a reprint note at the foot gives (the last one)."""
    for line in reversed(tail):
        m = _REPRINT.match(_WS.sub("", _date_text(line))) if len(line) <= 80 else None
        full = _FULL_DATE.search(m.group("date")) if m else None
        if full and (iso := _iso(*_full_date(full))):
            return iso
    return None


# 20230704-01-04.txt: a newspaper dump names each file by its issue's day.
_NAME_DAY = re.compile(r"(?<!\d)((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)")


def day_in_name(file_name: str) -> str | None:
    m = _NAME_DAY.search(file_name)
    return _iso(*map(int, m.groups())) if m else None


def year_of(month_day: tuple[int, int], later: str | None) -> int | None:
    """The year of a month and day printed on or before the day `later` (an issue, a reprint): its
    year, or the one before when the month and day come after it (12月31日 in an issue of 1月2日)."""
    if not later:
        return None
    year = int(later[:4])
    return year - 1 if month_day > (int(later[5:7]), int(later[8:10])) else year


_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
# A feed's date (RFC 2822, Sun, 04 Apr 2021 00:48:57 GMT), as a feed-to-Markdown dump keeps it.
_RFC_2822 = re.compile(r"\s*(?:[A-Za-z]{3},\s*)?(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})\b")


def stated_date(value: str | None) -> str | None:
    """The day a stated value (a front matter's date: 2020-01-13, a feed's RFC 2822, 一九四〇年二月七日) gives."""
    m = re.match(r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", value or "")
    if m:
        return _iso(*map(int, m.groups()))
    m = _RFC_2822.match(value or "")
    month = _MONTHS.get(m.group(2).lower()) if m else None
    if month:
        return _iso(int(m.group(3)), month, int(m.group(1)))
    parsed = _parse_date(value) if value and len(value) <= 30 else None  # 一九四〇年二月七日
    return parsed[1] if parsed and parsed[1] else None
